// File access for the flows: whole-file reads with clear errors, and atomic writes (a
// temporary file renamed into place) so that a failed run never leaves a partial output.
#pragma once

#include <string>

namespace spikeforge::flows {

// Throws model::InputError (IO-0001) naming the file when it cannot be read.
std::string read_text_file(const std::string& path);
// Throws std::runtime_error naming the file when it cannot be written.
void write_text_file_atomically(const std::string& path, const std::string& content);

}  // namespace spikeforge::flows
