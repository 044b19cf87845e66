#include "flows/formats/csv_values.hpp"

#include <cerrno>
#include <cmath>
#include <cstdlib>

#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

std::string trim(const std::string& s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string::npos) return {};
  return s.substr(first, s.find_last_not_of(" \t\r") - first + 1);
}

std::string place(unsigned line, std::size_t column) {
  return "line " + std::to_string(line) + ", column " + std::to_string(column);
}

[[noreturn]] void fail(const std::string& id, const std::string& where, const std::string& message,
                       const std::string& file) {
  throw model::InputError({{id, where, message}}, file);
}

double parse_number(const std::string& field, unsigned line, std::size_t column, const std::string& file) {
  const std::string text = trim(field);
  if (text.empty()) fail("ENC-0001", place(line, column), "expected a number, found an empty field", file);
  errno = 0;
  char* end = nullptr;
  const double value = std::strtod(text.c_str(), &end);
  // strtod also reads "nan", "inf" and hexadecimal floats: only finite decimal numbers pass.
  const bool hex = text.find_first_of("xX") != std::string::npos;
  if (end != text.c_str() + text.size() || hex || !std::isfinite(value) || errno == ERANGE)
    fail("ENC-0001", place(line, column), "expected a finite decimal number, found \"" + text + "\"", file);
  return value;
}

}  // namespace

CsvTable parse_csv_values(const std::string& text, const std::string& file) {
  CsvTable table;
  unsigned line_number = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    std::size_t stop = text.find('\n', start);
    if (stop == std::string::npos) stop = text.size();
    const std::string line = text.substr(start, stop - start);
    start = stop + 1;
    ++line_number;
    const std::string content = trim(line);
    if (content.empty() || content[0] == '#') continue;
    std::vector<double> row;
    std::size_t field_start = 0;
    for (std::size_t column = 1;; ++column) {
      const std::size_t comma = line.find(',', field_start);
      const std::size_t field_end = comma == std::string::npos ? line.size() : comma;
      row.push_back(parse_number(line.substr(field_start, field_end - field_start), line_number, column, file));
      if (comma == std::string::npos) break;
      field_start = comma + 1;
    }
    if (!table.rows.empty() && row.size() != table.rows.front().size())
      fail("ENC-0003", "line " + std::to_string(line_number),
           "expected " + std::to_string(table.rows.front().size()) + " values as on line " +
               std::to_string(table.line_numbers.front()) + ", found " + std::to_string(row.size()),
           file);
    table.rows.push_back(std::move(row));
    table.line_numbers.push_back(line_number);
  }
  if (table.rows.empty()) fail("ENC-0004", "", "expected at least one line of values, found none", file);
  return table;
}

}  // namespace axomesh::flows
