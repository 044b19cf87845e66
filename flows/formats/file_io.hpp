// File access for the flows: whole-file reads with clear errors, and atomic writes (a
// temporary file renamed into place) so that a failed run never leaves a partial output.
// Special files are written, not replaced: a symbolic link's target gets the content (the
// link stays), and a FIFO or a device (/dev/stdout) is opened and written in place.
#pragma once

#include <initializer_list>
#include <ostream>
#include <string>
#include <utility>
#include <vector>

namespace axomesh::flows {

// Throws model::InputError (IO-0001) naming the file when it cannot be read.
std::string read_text_file(const std::string& path);
// Throws model::InputError (IO-0001) when `path` is a directory: a reader that opens one
// would otherwise report an empty or truncated file. Every reader of user files calls it.
void require_not_directory(const std::string& path);
// Throws std::runtime_error naming the file when it cannot be written.
void write_text_file_atomically(const std::string& path, const std::string& content);

// Writes each (file name, content) into folder `dir`, each atomically, and lists the paths
// on `out` after "written:".
void write_files(const std::string& dir, const std::vector<std::pair<std::string, const std::string*>>& files,
                 std::ostream& out);

}  // namespace axomesh::flows
