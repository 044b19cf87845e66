// Reads a CSV file of numbers: one sample per line, the same number of comma-separated
// values on every line. Blank lines and lines starting with '#' are skipped. Errors name
// the file, the line and the column (1-based field number) and what was expected.
#pragma once

#include <string>
#include <vector>

namespace axomesh::flows {

struct CsvTable {
  std::vector<std::vector<double>> rows;  // one per sample, all of one length
  std::vector<unsigned> line_numbers;     // 1-based line of each row in the file
};

// Throws model::InputError naming `file`: ENC-0001 a field that is not a finite number,
// ENC-0003 a line with another number of values than the first, ENC-0004 no values at all.
CsvTable parse_csv_values(const std::string& text, const std::string& file);

}  // namespace axomesh::flows
