#include "model/base/diagnostic.hpp"

namespace axomesh::model {

std::string format(const Diagnostic& d, const std::string& file) {
  std::string out;
  if (!file.empty()) out += file + ": ";
  if (!d.path.empty()) out += d.path + ": ";
  out += d.message;
  if (!d.id.empty()) out += " [" + d.id + "]";
  return out;
}

static std::string join(const std::vector<Diagnostic>& diagnostics, const std::string& file) {
  std::string text;
  for (const Diagnostic& d : diagnostics) {
    if (!text.empty()) text += '\n';
    text += format(d, file);
  }
  return text;
}

InputError::InputError(std::vector<Diagnostic> diagnostics, std::string file)
    : std::runtime_error(join(diagnostics, file)),
      diagnostics_(std::move(diagnostics)),
      file_(std::move(file)) {}

}  // namespace axomesh::model
