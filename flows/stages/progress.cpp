#include "flows/stages/progress.hpp"

#include <chrono>
#include <cstdio>
#include <memory>

#include <unistd.h>

namespace axomesh::flows {

std::function<void(uint64_t)> progress_bar(uint64_t total) {
  if (!::isatty(STDERR_FILENO) || total < 2) return {};
  auto last = std::make_shared<std::chrono::steady_clock::time_point>();
  return [total, last](uint64_t done) {
    const auto now = std::chrono::steady_clock::now();
    if (done != total && now - *last < std::chrono::milliseconds(100)) return;
    *last = now;
    const int width = 40;
    const int filled = static_cast<int>(width * done / total);
    std::fprintf(stderr, "\r[%.*s%*s] %3d%% %llu/%llu steps", filled, "########################################",
                 width - filled, "", static_cast<int>(100 * done / total), static_cast<unsigned long long>(done),
                 static_cast<unsigned long long>(total));
    if (done == total) std::fputc('\n', stderr);
    std::fflush(stderr);
  };
}

}  // namespace axomesh::flows
