# cmake -DOUTPUT=file.cpp -DNAMESPACE=ns -DFUNCTION=name -DFILES="a|b" -P embed_text_files.cmake
# Writes a C++ source defining `std::vector<std::pair<std::string, std::string>> NAMESPACE::FUNCTION()`
# that returns each file's name and text, so a program carries the files it writes out.
set(content "// Generated from the files it holds; do not edit.\n#include <string>\n#include <utility>\n#include <vector>\n\n")
string(APPEND content "namespace ${NAMESPACE} {\n\nstd::vector<std::pair<std::string, std::string>> ${FUNCTION}() {\n  return {\n")
string(REPLACE "|" ";" FILES "${FILES}")
foreach(file ${FILES})
  file(READ "${file}" text)
  get_filename_component(name "${file}" NAME)
  if(DEFINED BASE)  # named by its path under BASE
    file(RELATIVE_PATH name "${BASE}" "${file}")
  endif()
  string(FIND "${text}" ")sf_embed\"" clash)
  if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${file} contains the raw string delimiter )sf_embed\"")
  endif()
  string(APPEND content "      {\"${name}\", R\"sf_embed(${text})sf_embed\"},\n")
endforeach()
string(APPEND content "  };\n}\n\n}  // namespace ${NAMESPACE}\n")
file(WRITE "${OUTPUT}.tmp" "${content}")
file(RENAME "${OUTPUT}.tmp" "${OUTPUT}")
