// NIR graphs built in code for the tests, and where the tests' own .nir files are.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flows/nir/nir_graph.hpp"

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

}  // namespace axomesh::test
