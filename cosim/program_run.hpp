// Running an external program (verilator, g++, yosys) without a shell: its standard output
// and error appended to a log file, its standard input empty, in a given folder.
#pragma once

#include <cstddef>
#include <string>
#include <vector>

namespace axomesh::cosim {

// Runs argv[0] (looked up on PATH) with `argv`, in folder `dir`, its output appended to
// `log`. Returns its exit status, or -1 when it could not be started or did not exit.
int run_program(const std::vector<std::string>& argv, const std::string& log, const std::string& dir);

// The last `lines` lines of the text file `log` (all of it when shorter; "" when unreadable).
std::string log_tail(const std::string& log, std::size_t lines);

}  // namespace axomesh::cosim
