// NIR graphs built in code for the tests, and where the tests' own .nir files are.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <catch2/catch.hpp>

#include "flows/nir/nir_graph.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::test {

inline flows::NirNode nir_node(const std::string& name, const std::string& type,
                               std::map<std::string, flows::NirArray> params) {
  flows::NirNode n;
  n.name = name;
  n.type = type;
  n.h5_path = "/node/nodes/" + name;
  n.params = std::move(params);
  return n;
}

inline flows::NirArray nir_array(std::vector<uint64_t> shape, std::vector<double> values) {
  return {std::move(shape), std::move(values), "float32"};
}

inline std::string nir_test_file(const std::string& name) { return std::string(AXOMESH_TEST_DATA) + "/nir/" + name; }

// The one diagnostic that reading the NIR file `file` gives, naming that file.
inline model::Diagnostic nir_read_error(const std::string& file) {
  try {
    flows::read_nir_graph(file);
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.file() == file);
    return e.diagnostics()[0];
  }
  FAIL("no error for " << file);
  return {};
}

}  // namespace axomesh::test
