// A NIR graph as read from a .nir (HDF5) file: nodes with their primitive type and
// parameters (arrays with shapes), and edges. Nested NIRGraph nodes are flattened: node
// "lif" of subgraph "rnn" becomes "rnn.lif", the subgraph's own Input and Output nodes
// stay as pass-through nodes ("rnn.input"), and an outer edge that names the subgraph is
// connected to that Input or Output. Layout: ../shared/vectors/NIR_LAYOUT.txt, summed up
// in docs/nir-import.md. Errors name the file and the HDF5 path (NIR-0xxx).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

namespace axomesh::flows {

struct NirArray {
  std::vector<uint64_t> shape;  // empty for a scalar
  std::vector<double> values;   // row-major
  std::string dtype;            // as stored: "float32", "float64", "int64", ...
  std::size_t size() const { return values.size(); }
};

struct NirNode {
  std::string name;      // flattened name, unique in the graph
  std::string type;      // the primitive's class name: "LIF", "Affine", "Conv2d", ...
  std::string h5_path;   // where the node's group is, for diagnostics
  std::string subgraph;  // "" at the top level, else the flattened name of its NIRGraph
  std::map<std::string, NirArray> params;
  std::map<std::string, std::string> text_params;  // e.g. Conv2d padding "same"
  // Parameters the file did not hold that the reader filled in as nir.read does
  // (v_reset = 0 and w_in = 1 in files written before those parameters existed).
  std::vector<std::string> defaulted;

  const NirArray* param(const std::string& key) const;
  // A subgraph's Input or Output: passes its input through unchanged.
  bool is_pass_through() const { return !subgraph.empty() && (type == "Input" || type == "Output"); }
};

struct NirEdge {
  std::string source;
  std::string target;
  bool operator==(const NirEdge& o) const { return source == o.source && target == o.target; }
};

struct NirGraph {
  std::string file;
  std::string version;  // the file's /version string ("" when it has none)
  std::vector<NirNode> nodes;  // sorted by name within each graph, subgraphs in place
  std::vector<NirEdge> edges;  // each graph's in file order (a subgraph's first), endpoints flattened

  const NirNode* find(const std::string& name) const;
};

// The primitive types the reader accepts (NIRGraph aside), in the order the docs list them.
const std::vector<std::string>& supported_nir_types();

// Throws model::InputError (`id`) at the node's parameter `param` ("" for the node
// itself): "TYPE node \"NAME\": MESSAGE".
[[noreturn]] void fail_at_node(const std::string& file, const NirNode& node, const std::string& param, const char* id,
                               const std::string& message);

// Reads a .nir file; throws model::InputError for anything it cannot use: not HDF5, no
// graph, an unsupported node type, a missing or non-numeric parameter, an edge naming no
// node.
NirGraph read_nir_graph(const std::string& path);

}  // namespace axomesh::flows
