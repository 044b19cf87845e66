// Diagnostics: what went wrong, where (a JSON-pointer-like path into the network, and the
// file when there is one), what was expected and what was found, with a stable ID
// (NET-xxxx for the network IR and format, SIM-xxxx for simulation).
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace axomesh::model {

struct Diagnostic {
  std::string id;        // stable, e.g. "NET-0103"
  std::string path;      // e.g. "/projections/3/weights/2/5"; empty for the whole network
  std::string message;   // "expected ..., found ..."
};

// "FILE: PATH: MESSAGE [ID]"; the parts that are empty are left out.
std::string format(const Diagnostic& d, const std::string& file = {});

// Thrown when an input cannot be used. Carries every diagnostic found, not just the first.
class InputError : public std::runtime_error {
 public:
  InputError(std::vector<Diagnostic> diagnostics, std::string file = {});
  const std::vector<Diagnostic>& diagnostics() const { return diagnostics_; }
  const std::string& file() const { return file_; }

 private:
  std::vector<Diagnostic> diagnostics_;
  std::string file_;
};

}  // namespace axomesh::model
