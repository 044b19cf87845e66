// Progress of a long stage on the terminal.
#pragma once

#include <cstdint>
#include <functional>

namespace axomesh::flows {

// Calls back with steps done; draws a bar on stderr when it is a terminal, else nothing.
std::function<void(uint64_t)> progress_bar(uint64_t total_steps);

}  // namespace axomesh::flows
