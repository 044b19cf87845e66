#include "flows/nir/nir_graph.hpp"

#include <algorithm>
#include <set>

#include "flows/nir/hdf5_file.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

struct TypeRule {
  const char* type;
  std::vector<const char*> required;  // numeric parameters the node must have
};

// What each primitive needs (NIR_LAYOUT.txt). Parameters with a default are filled in by
// add_defaults or by the folding stage (strides, paddings, Flatten's dims).
const std::vector<TypeRule>& type_rules() {
  static const std::vector<TypeRule> rules = {
      {"Input", {"shape"}},
      {"Output", {"shape"}},
      {"Affine", {"weight", "bias"}},
      {"Linear", {"weight"}},
      {"Scale", {"scale"}},
      {"LIF", {"tau", "r", "v_leak", "v_threshold"}},
      {"CubaLIF", {"tau_syn", "tau_mem", "r", "v_leak", "v_threshold"}},
      {"IF", {"r", "v_threshold"}},
      {"LI", {"tau", "r", "v_leak"}},
      {"CubaLI", {"tau_syn", "tau_mem", "r", "v_leak"}},
      {"I", {"r"}},
      {"Threshold", {"threshold"}},
      {"Delay", {"delay"}},
      {"Flatten", {}},
      {"Conv1d", {"weight", "bias"}},
      {"Conv2d", {"weight", "bias"}},
      {"SumPool2d", {"kernel_size"}},
      {"AvgPool2d", {"kernel_size"}},
  };
  return rules;
}

const TypeRule* find_rule(const std::string& type) {
  for (const TypeRule& rule : type_rules())
    if (type == rule.type) return &rule;
  return nullptr;
}

std::string supported_list() {
  std::string text;
  for (const std::string& t : supported_nir_types()) text += (text.empty() ? "" : ", ") + t;
  return text + ", NIRGraph";
}

NirArray to_nir_array(Hdf5Array a) { return NirArray{std::move(a.shape), std::move(a.values), std::move(a.dtype)}; }

// nir.read fills parameters that older files lack: v_reset = 0 (like v_threshold), w_in = 1.
void add_defaults(NirNode& node) {
  auto fill = [&node](const char* key, const char* like, double value) {
    if (node.params.count(key) || !node.params.count(like)) return;
    NirArray a = node.params.at(like);
    std::fill(a.values.begin(), a.values.end(), value);
    node.params[key] = a;
    node.defaulted.push_back(key);
  };
  if (node.type == "LIF" || node.type == "IF" || node.type == "CubaLIF") fill("v_reset", "v_threshold", 0.0);
  if (node.type == "CubaLIF" || node.type == "CubaLI") fill("w_in", "tau_mem", 1.0);
}

class GraphReader {
 public:
  explicit GraphReader(const std::string& path) : file_(path) {}

  NirGraph read() {
    graph_.file = file_.path();
    if (file_.kind("/version") == Hdf5Kind::Dataset && file_.is_string_dataset("/version"))
      graph_.version = file_.read_string("/version");
    if (file_.kind("/node") != Hdf5Kind::Group)
      file_.fail("/node", "NIR-0002", "expected the group holding the graph (a NIR file's /node), found none");
    read_graph("/node", "");
    return std::move(graph_);
  }

 private:
  struct Subgraph {
    std::vector<std::string> inputs, outputs;  // flattened names of its Input/Output nodes
  };

  std::string node_type(const std::string& group) const {
    const std::string type_path = group + "/type";
    if (file_.kind(type_path) != Hdf5Kind::Dataset || !file_.is_string_dataset(type_path))
      file_.fail(group, "NIR-0101", "expected a string dataset \"type\" naming the node's primitive, found none");
    return file_.read_string(type_path);
  }

  // Reads the graph in `group`, adding its nodes with names prefixed by `prefix`.
  Subgraph read_graph(const std::string& group, const std::string& prefix) {
    // A hard link back to an enclosing graph would nest it in itself without end.
    const std::string identity = file_.object_identity(group);
    if (!open_graphs_.insert(identity).second)
      file_.fail(group, "NIR-0109", "expected nested graphs, found a graph that contains itself (a hard link back to an "
                                    "enclosing graph)");
    // One call per level, each with the whole path: bound the depth as well as the count.
    if (open_graphs_.size() > kMaxGraphDepth)
      file_.fail(group, "NIR-0110", "expected graphs nested at most " + std::to_string(kMaxGraphDepth) +
                                    " levels deep, found deeper nesting");
    // Graphs linked many times over (no cycle) still multiply: bound how many are read.
    if (++graphs_read_ > kMaxGraphs)
      file_.fail(group, "NIR-0109", "expected at most " + std::to_string(kMaxGraphs) + " graphs once nested graphs are "
                                    "expanded, found more");
    const std::string type = node_type(group);
    if (type != "NIRGraph") file_.fail(group + "/type", "NIR-0101", "expected \"NIRGraph\", found \"" + type + "\"");
    if (file_.kind(group + "/nodes") != Hdf5Kind::Group)
      file_.fail(group + "/nodes", "NIR-0002", "expected the group of the graph's nodes, found none");
    Subgraph self;
    std::map<std::string, Subgraph> children;
    for (const std::string& name : file_.members(group + "/nodes")) {
      const std::string node_group = group + "/nodes/" + name;
      if (file_.kind(node_group) != Hdf5Kind::Group)
        file_.fail(node_group, "NIR-0002", "expected a node group, found a dataset");
      if (node_type(node_group) == "NIRGraph") {
        children[name] = read_graph(node_group, prefix + name + ".");
        continue;
      }
      NirNode node = read_node(node_group, prefix + name);
      node.subgraph = prefix.empty() ? "" : prefix.substr(0, prefix.size() - 1);
      if (node.type == "Input") self.inputs.push_back(node.name);
      if (node.type == "Output") self.outputs.push_back(node.name);
      graph_.nodes.push_back(std::move(node));
    }
    read_edges(group, prefix, children);
    open_graphs_.erase(identity);
    return self;
  }

  NirNode read_node(const std::string& group, const std::string& name) const {
    NirNode node;
    node.name = name;
    node.h5_path = group;
    node.type = node_type(group);
    const TypeRule* rule = find_rule(node.type);
    if (!rule)
      file_.fail(group + "/type", "NIR-0102",
                 "node \"" + name + "\" has the unsupported type \"" + node.type + "\"; supported: " + supported_list());
    for (const std::string& member : file_.members(group)) {
      const std::string path = group + "/" + member;
      if (member == "type" || member == "metadata") continue;
      const Hdf5Kind kind = file_.kind(path);
      if (kind == Hdf5Kind::Dataset) {
        if (file_.is_string_dataset(path))
          node.text_params[member] = file_.read_string(path);
        else
          node.params[member] = to_nir_array(file_.read_numbers(path));
      } else if (kind == Hdf5Kind::Group) {
        // Some NIR versions store input_type/output_type as a dict {"input": shape}.
        for (const char* key : {"input", "output"})
          if (file_.kind(path + "/" + key) == Hdf5Kind::Dataset && !file_.is_string_dataset(path + "/" + key))
            node.params[member] = to_nir_array(file_.read_numbers(path + "/" + key));
      }
    }
    // Input/Output shapes may be stored as input_type/output_type instead of shape.
    if (!node.params.count("shape")) {
      const char* alternative = node.type == "Input" ? "input_type" : "output_type";
      if ((node.type == "Input" || node.type == "Output") && node.params.count(alternative))
        node.params["shape"] = node.params.at(alternative);
    }
    add_defaults(node);
    for (const char* key : rule->required) {
      if (node.params.count(key)) continue;
      const std::string found = node.text_params.count(key) ? "the string \"" + node.text_params.at(key) + "\"" : "none";
      file_.fail(group + "/" + key, "NIR-0103",
                 node.type + " node \"" + name + "\": expected the numeric parameter \"" + key + "\", found " + found);
    }
    return node;
  }

  // Edge endpoints are names local to the graph: a node, a subgraph (meaning its Input
  // as a target, its Output as a source), or "sub.node" inside a subgraph.
  std::string resolve(const std::string& local, const std::string& prefix, const std::map<std::string, Subgraph>& children,
                      bool as_source, const std::string& where) const {
    const std::string full = prefix + local;
    if (graph_.find(full)) return full;
    auto child = children.find(local);
    if (child != children.end()) {
      const std::vector<std::string>& ends = as_source ? child->second.outputs : child->second.inputs;
      if (ends.size() == 1) return ends[0];
      file_.fail(where, "NIR-0104",
                 "edge endpoint \"" + local + "\" names a subgraph with " + std::to_string(ends.size()) + " " +
                     (as_source ? "Output" : "Input") + " nodes; expected exactly one (or name one as \"" + local +
                     ".NODE\")");
    }
    file_.fail(where, "NIR-0104", "edge endpoint \"" + local + "\" names no node of this graph");
  }

  void read_edges(const std::string& group, const std::string& prefix, const std::map<std::string, Subgraph>& children) {
    const std::string path = group + "/edges";
    if (file_.kind(path) != Hdf5Kind::Dataset)
      file_.fail(path, "NIR-0002", "expected the graph's edges (an (E, 2) string dataset), found none");
    std::vector<uint64_t> shape;
    const std::vector<std::string> names = file_.read_strings(path, shape);
    if (names.empty()) return;
    if (shape.size() != 2 || shape[1] != 2)
      file_.fail(path, "NIR-0002", "expected an (E, 2) string dataset, found shape " + describe_shape(shape));
    for (std::size_t e = 0; e < names.size() / 2; ++e) {
      const std::string where = path + "[" + std::to_string(e) + "]";
      graph_.edges.push_back({resolve(names[2 * e], prefix, children, true, where),
                              resolve(names[2 * e + 1], prefix, children, false, where)});
    }
  }

  Hdf5File file_;
  NirGraph graph_;
  std::set<std::string> open_graphs_;  // object_identity of the graphs being read
  static constexpr uint64_t kMaxGraphs = 65536;
  static constexpr std::size_t kMaxGraphDepth = 64;  // NIR models nest a few levels
  uint64_t graphs_read_ = 0;
};

}  // namespace

const NirArray* NirNode::param(const std::string& key) const {
  auto it = params.find(key);
  return it == params.end() ? nullptr : &it->second;
}

const NirNode* NirGraph::find(const std::string& name) const {
  for (const NirNode& n : nodes)
    if (n.name == name) return &n;
  return nullptr;
}

const std::vector<std::string>& supported_nir_types() {
  static const std::vector<std::string> types = [] {
    std::vector<std::string> t;
    for (const TypeRule& rule : type_rules()) t.push_back(rule.type);
    return t;
  }();
  return types;
}

NirGraph read_nir_graph(const std::string& path) { return GraphReader(path).read(); }

void fail_at_node(const std::string& file, const NirNode& node, const std::string& param, const char* id,
                  const std::string& message) {
  throw model::InputError(
      {{id, param.empty() ? node.h5_path : node.h5_path + "/" + param, node.type + " node \"" + node.name + "\": " + message}},
      file);
}

}  // namespace axomesh::flows
