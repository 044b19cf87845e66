# One CMake library per source folder (a top folder such as `mapper`, or a sub-folder such
# as `model/blocks`), with the folder dependency rule of docs/architecture.md enforced by
# the include path: a library sees "<folder>/x.hpp" only for itself and the folders it
# links, because each folder is exposed through its own include root that holds nothing
# but a link to that folder. The source root is never on the include path.
set(AXOMESH_WARNINGS -Wall -Wextra -Wpedantic -Wshadow -Wconversion -Wno-sign-conversion)

# `model/blocks` -> target axomesh_model_blocks, alias axomesh::model_blocks.
function(axomesh_folder_library folder)
  cmake_parse_arguments(ARG "" "" "SOURCES;DEPENDS" ${ARGN})
  string(REPLACE "/" "_" name "${folder}")
  set(include_root "${CMAKE_BINARY_DIR}/include_roots/${name}")
  get_filename_component(parent "${include_root}/${folder}" DIRECTORY)
  file(MAKE_DIRECTORY "${parent}")
  if(NOT EXISTS "${include_root}/${folder}")
    file(CREATE_LINK "${CMAKE_SOURCE_DIR}/${folder}" "${include_root}/${folder}" SYMBOLIC)
  endif()
  add_library(axomesh_${name} STATIC ${ARG_SOURCES})
  add_library(axomesh::${name} ALIAS axomesh_${name})
  target_include_directories(axomesh_${name} PUBLIC "${include_root}")
  target_compile_options(axomesh_${name} PRIVATE ${AXOMESH_WARNINGS})
  target_link_libraries(axomesh_${name} PUBLIC ${ARG_DEPENDS})
endfunction()

# A top folder made of sub-folder libraries: axomesh::<folder> links them all, for the
# folders that may use the whole of it.
function(axomesh_folder_group folder)
  add_library(axomesh_${folder} INTERFACE)
  add_library(axomesh::${folder} ALIAS axomesh_${folder})
  target_link_libraries(axomesh_${folder} INTERFACE ${ARGN})
endfunction()

# Compiles text files into the program: OUTPUT (a .cpp) defines
# `std::vector<std::pair<std::string, std::string>> NAMESPACE::FUNCTION()` returning each
# file's name and text, regenerated when a file changes.
function(axomesh_embed_files output namespace function)
  string(REPLACE ";" "|" joined "${ARGN}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            -DFILES=${joined} -P ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    DEPENDS ${ARGN} ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    VERBATIM
    COMMENT "Embedding ${function}")
endfunction()

# The same, each file named by its path relative to BASE (e.g. "model/network/network.hpp"), for
# sources that are compiled elsewhere with their folder layout.
function(axomesh_embed_tree output namespace function base)
  string(REPLACE ";" "|" joined "${ARGN}")
  add_custom_command(
    OUTPUT ${output}
    COMMAND ${CMAKE_COMMAND} -DOUTPUT=${output} -DNAMESPACE=${namespace} -DFUNCTION=${function}
            -DFILES=${joined} -DBASE=${base} -P ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    DEPENDS ${ARGN} ${CMAKE_SOURCE_DIR}/cmake/embed_text_files.cmake
    VERBATIM
    COMMENT "Embedding ${function}")
endfunction()
