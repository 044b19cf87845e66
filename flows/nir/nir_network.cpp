#include "flows/nir/nir_network.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <set>

#include "flows/nir/hdf5_file.hpp"
#include "flows/nir/nir_linear_ops.hpp"

namespace axomesh::flows {

const char* to_string(NirNeuron kind) {
  switch (kind) {
    case NirNeuron::LIF: return "LIF";
    case NirNeuron::CubaLIF: return "CubaLIF";
    case NirNeuron::IF: return "IF";
    case NirNeuron::LI: return "LI";
    case NirNeuron::CubaLI: return "CubaLI";
    case NirNeuron::I: return "I";
    case NirNeuron::Threshold: return "Threshold";
    case NirNeuron::Readout: return "Readout";
  }
  return "?";
}

bool is_spiking(NirNeuron kind) {
  return kind == NirNeuron::LIF || kind == NirNeuron::CubaLIF || kind == NirNeuron::IF || kind == NirNeuron::Threshold;
}

namespace {

using Rows = std::vector<std::vector<LinearTerm>>;

// A node's input (or a stateless node's output) as a sum of linear maps of producers --
// Input nodes and neuron nodes -- plus a constant.
struct Expression {
  std::vector<uint64_t> shape;
  std::map<std::string, Rows> terms;                   // producer -> rows over its outputs
  std::map<std::string, std::vector<std::string>> via;  // producer -> stateless nodes passed
  std::vector<double> bias;                            // empty: all zero
};

const std::map<std::string, NirNeuron>& neuron_types() {
  static const std::map<std::string, NirNeuron> types = {
      {"LIF", NirNeuron::LIF}, {"CubaLIF", NirNeuron::CubaLIF}, {"IF", NirNeuron::IF}, {"LI", NirNeuron::LI},
      {"CubaLI", NirNeuron::CubaLI}, {"I", NirNeuron::I}, {"Threshold", NirNeuron::Threshold}};
  return types;
}

// Each row's terms sorted by (input, delay) with equal ones added up.
void merge_row(std::vector<LinearTerm>& row) {
  std::sort(row.begin(), row.end(), [](const LinearTerm& a, const LinearTerm& b) {
    return a.in != b.in ? a.in < b.in : a.delay < b.delay;
  });
  std::size_t out = 0;
  for (std::size_t k = 0; k < row.size(); ++k) {
    if (out > 0 && row[out - 1].in == row[k].in && row[out - 1].delay == row[k].delay)
      row[out - 1].weight += row[k].weight;
    else
      row[out++] = row[k];
  }
  row.resize(out);
}

class Folder {
 public:
  Folder(const NirGraph& graph, double dt) : g_(graph), dt_(dt) {
    for (const NirEdge& e : graph.edges) preds_[e.target].push_back(e.source);
  }

  NirNetwork fold() {
    net_.dt = dt_;
    for (const NirNode& node : g_.nodes) {
      if (is_input(node)) {
        const std::vector<uint64_t> shape = terminal_shape(node);
        net_.inputs.push_back({node.name, shape, static_cast<uint32_t>(element_count(shape))});
        net_.input_shape[node.name] = net_.output_shape[node.name] = shape;
      } else if (neuron_types().count(node.type)) {
        add_population(node);
      }
    }
    for (std::size_t p = 0, n = net_.populations.size(); p < n; ++p) connect(net_.populations[p].name, p);
    for (const NirNode& node : g_.nodes)
      if (node.type == "Output" && !node.is_pass_through()) add_output(node);
    for (const NirNode& node : g_.nodes)  // stateless nodes no population reads still get shapes
      if (is_linear_nir_type(node) && !net_.output_shape.count(node.name) && preds_.count(node.name)) output_of(node.name);
    return std::move(net_);
  }

 private:
  static bool is_input(const NirNode& node) { return node.type == "Input" && !node.is_pass_through(); }
  bool is_producer(const NirNode& node) const { return is_input(node) || neuron_types().count(node.type) > 0; }

  const NirNode& node(const std::string& name) const { return *g_.find(name); }

  [[noreturn]] void fail(const NirNode& n, const std::string& param, const char* id, const std::string& message) const {
    fail_at_node(g_.file, n, param, id, message);
  }

  std::vector<uint64_t> terminal_shape(const NirNode& n) {
    if (auto known = terminal_shapes_.find(n.name); known != terminal_shapes_.end()) return known->second;
    std::vector<uint64_t> shape;
    if (is_input(n)) {
      shape = shape_param(g_.file, n, "shape");
    } else {
      for (const auto& [key, array] : n.params)  // the neurons' shape is their parameters'
        if (array.size() > element_count(shape)) shape = array.shape;
      if (element_count(shape) <= 1) {  // all parameters scalar: the input decides
        if (!shape_visiting_.insert(n.name).second)
          fail(n, "", "NIR-0105", "cannot infer the population's shape: its parameters are scalars and its input "
                                  "comes back through itself; give the parameters per neuron");
        const Expression in = input_of(n.name);
        shape = in.shape.empty() ? std::vector<uint64_t>{1} : in.shape;
        shape_visiting_.erase(n.name);
      }
      if (element_count(shape) > kMaxNirElements)
        fail(n, "", "NIR-0108", "expected at most " + std::to_string(kMaxNirElements) + " neurons, found shape " +
                                    describe_shape(shape));
    }
    terminal_shapes_[n.name] = shape;
    return shape;
  }

  Expression output_of(const std::string& name) {
    const NirNode& n = node(name);
    if (is_producer(n)) {
      Expression e;
      e.shape = terminal_shape(n);
      Rows& rows = e.terms[name];
      rows.resize(element_count(e.shape));
      for (uint32_t o = 0; o < rows.size(); ++o) rows[o] = {{o, 0, 1.0}};
      e.via[name] = {};
      return e;
    }
    if (!is_linear_nir_type(n))
      fail(n, "", "NIR-0104", "an Output node cannot feed another node (it is the graph's end)");
    if (auto memo = outputs_.find(name); memo != outputs_.end()) return memo->second;
    if (!linear_visiting_.insert(name).second)
      fail(n, "", "NIR-0106", "is on a cycle of stateless nodes only; a cycle needs a neuron node to hold state");
    const Expression in = input_of(name);
    const LinearOp op = make_linear_op(g_.file, n, in.shape, dt_);
    linear_visiting_.erase(name);
    net_.input_shape[name] = in.shape;
    net_.output_shape[name] = op.out_shape;
    Expression out;
    out.shape = op.out_shape;
    for (const auto& [producer, rows] : in.terms) {
      Rows composed(op.rows.size());
      for (std::size_t o = 0; o < op.rows.size(); ++o) {
        for (const LinearTerm& t : op.rows[o])
          for (const LinearTerm& u : rows[t.in]) composed[o].push_back({u.in, t.delay + u.delay, t.weight * u.weight});
        merge_row(composed[o]);
      }
      out.terms[producer] = std::move(composed);
      out.via[producer] = in.via.at(producer);
      if (!n.is_pass_through() && n.type != "Flatten") out.via[producer].push_back(name);
    }
    if (!op.bias.empty() || !in.bias.empty()) {
      out.bias.assign(op.rows.size(), 0.0);
      for (std::size_t o = 0; o < op.rows.size(); ++o) {
        if (!op.bias.empty()) out.bias[o] = op.bias[o];
        if (!in.bias.empty())
          for (const LinearTerm& t : op.rows[o]) out.bias[o] += t.weight * in.bias[t.in];
      }
    }
    return outputs_[name] = out;
  }

  // The sum of what the node's incoming edges bring.
  Expression input_of(const std::string& name) {
    const NirNode& n = node(name);
    Expression sum;
    auto preds = preds_.find(name);
    if (preds == preds_.end()) {
      if (is_producer(n)) return sum;  // a neuron without input (bias only)
      fail(n, "", "NIR-0105", "has no incoming edge; expected its input");
    }
    for (const std::string& source : preds->second) {
      const Expression e = output_of(source);
      if (sum.terms.empty() && sum.bias.empty() && sum.shape.empty()) sum.shape = e.shape;
      if (element_count(e.shape) != element_count(sum.shape))
        fail(n, "", "NIR-0105", "its inputs differ in size: " + describe_shape(sum.shape) + " and " +
                                    describe_shape(e.shape) + " (from \"" + source + "\")");
      for (const auto& [producer, rows] : e.terms) {
        Rows& into = sum.terms[producer];
        if (into.empty()) {
          into = rows;
          sum.via[producer] = e.via.at(producer);
          continue;
        }
        for (std::size_t o = 0; o < rows.size(); ++o) {
          into[o].insert(into[o].end(), rows[o].begin(), rows[o].end());
          merge_row(into[o]);
        }
        for (const std::string& v : e.via.at(producer)) sum.via[producer].push_back(v);
      }
      if (!e.bias.empty()) {
        sum.bias.resize(e.bias.size(), 0.0);
        for (std::size_t o = 0; o < e.bias.size(); ++o) sum.bias[o] += e.bias[o];
      }
    }
    if (!n.is_pass_through() && !is_linear_nir_type(n)) net_.input_shape[name] = sum.shape;
    return sum;
  }

  std::vector<double> per_neuron(const NirNode& n, const char* key, uint32_t size) const {
    const NirArray* a = n.param(key);
    if (a->size() == size) return a->values;
    if (a->size() == 1) return std::vector<double>(size, a->values[0]);
    fail(n, key, "NIR-0105", "expected " + std::to_string(size) + " values (one per neuron, or one for all), found shape " +
                                 describe_shape(a->shape));
  }

  void add_population(const NirNode& n) {
    NirPopulation pop;
    pop.name = n.name;
    pop.kind = neuron_types().at(n.type);
    pop.shape = terminal_shape(n);
    pop.size = static_cast<uint32_t>(element_count(pop.shape));
    auto get = [&](const char* key) { return n.param(key) ? per_neuron(n, key, pop.size) : std::vector<double>{}; };
    pop.tau_mem = n.param("tau") ? get("tau") : get("tau_mem");
    pop.tau_syn = get("tau_syn");
    pop.r = get("r");
    pop.v_leak = get("v_leak");
    pop.v_threshold = pop.kind == NirNeuron::Threshold ? get("threshold") : get("v_threshold");
    pop.v_reset = get("v_reset");
    pop.w_in = get("w_in");
    for (const char* key : {"tau", "tau_mem", "tau_syn"})
      if (const NirArray* a = n.param(key))
        for (double tau : a->values)
          if (!(tau > 0) || !std::isfinite(tau))
            fail(n, key, "NIR-0105", "expected time constants > 0 s, found " + std::to_string(tau));
    for (const auto& [key, array] : n.params)
      for (double x : array.values)
        if (!std::isfinite(x)) fail(n, key, "NIR-0105", "expected finite values, found " + std::to_string(x));
    pop.bias.assign(pop.size, 0.0);
    net_.output_shape[n.name] = pop.shape;
    index_[n.name] = net_.populations.size();
    net_.populations.push_back(std::move(pop));
  }

  // Projections into population `post` from every producer of its input.
  void connect(const std::string& name, std::size_t post) {
    const Expression in = input_of(name);
    if (!in.shape.empty() && element_count(in.shape) != net_.populations[post].size)
      fail(node(name), "", "NIR-0105", "expected an input of " + std::to_string(net_.populations[post].size) +
                                           " elements (one per neuron), found shape " + describe_shape(in.shape));
    add_projections(in, post);
  }

  void add_projections(const Expression& in, std::size_t post) {
    NirPopulation& target = net_.populations[post];
    for (std::size_t o = 0; o < in.bias.size(); ++o) target.bias[o] += in.bias[o];
    for (const auto& [producer, rows] : in.terms) {
      const NirNode& source = node(producer);
      NirProjection proj;
      proj.from_input = is_input(source);
      if (!proj.from_input) {
        proj.pre = index_.at(producer);
        if (!is_spiking(net_.populations[proj.pre].kind))
          fail(source, "", "NIR-0107",
               "its output is the graded membrane potential, which spikes cannot carry; a non-spiking node can only "
               "feed an Output node directly (it then becomes a probed population), found it feeding \"" +
                   target.name + "\"");
      } else {
        // C++17 lambdas cannot capture a structured binding (clang rejects it): name it first.
        const std::string& input_name = producer;
        proj.pre = static_cast<std::size_t>(
            std::find_if(net_.inputs.begin(), net_.inputs.end(), [&](const NirInput& i) { return i.name == input_name; }) -
            net_.inputs.begin());
      }
      proj.post = post;
      const std::vector<std::string>& via = in.via.at(producer);
      for (const std::string& v : via) proj.name += (proj.name.empty() ? "" : "-") + v;
      if (proj.name.empty()) proj.name = producer + "-to-" + target.name;
      for (const NirProjection& other : net_.projections)
        if (other.name == proj.name) proj.name += "-from-" + producer;
      // Network names allow letters, digits, '_', '-' and '.'.
      for (char& c : proj.name)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '-' && c != '.') c = '_';
      for (uint32_t o = 0; o < rows.size(); ++o)
        for (const LinearTerm& t : rows[o]) proj.synapses.push_back({t.in, o, t.delay, t.weight});
      net_.projections.push_back(std::move(proj));
    }
  }

  static bool is_identity(const Rows& rows) {
    for (uint32_t o = 0; o < rows.size(); ++o)
      if (rows[o].size() != 1 || rows[o][0].in != o || rows[o][0].delay != 0 || rows[o][0].weight != 1.0) return false;
    return true;
  }

  void add_output(const NirNode& n) {
    const Expression in = input_of(n.name);
    const uint64_t declared = element_count(terminal_shape_of_output(n));
    if (element_count(in.shape) != declared)
      fail(n, "shape", "NIR-0105", "expected an input of " + std::to_string(declared) + " elements (its shape), found shape " +
                                       describe_shape(in.shape));
    net_.output_shape[n.name] = in.shape;
    if (in.terms.size() == 1 && in.bias.empty() && index_.count(in.terms.begin()->first) &&
        is_identity(in.terms.begin()->second)) {
      net_.populations[index_.at(in.terms.begin()->first)].output = true;
      return;
    }
    // A stateless chain ends here: a Readout population holds its value step by step.
    NirPopulation pop;
    pop.name = n.name;
    pop.kind = NirNeuron::Readout;
    pop.shape = in.shape;
    pop.size = static_cast<uint32_t>(declared);
    pop.bias.assign(pop.size, 0.0);
    pop.output = true;
    index_[n.name] = net_.populations.size();
    net_.populations.push_back(pop);
    add_projections(in, net_.populations.size() - 1);
  }

  std::vector<uint64_t> terminal_shape_of_output(const NirNode& n) const {
    return shape_param(g_.file, n, "shape");
  }

  const NirGraph& g_;
  double dt_;
  NirNetwork net_;
  std::map<std::string, std::vector<std::string>> preds_;
  std::map<std::string, Expression> outputs_;
  std::map<std::string, std::vector<uint64_t>> terminal_shapes_;
  std::map<std::string, std::size_t> index_;
  std::set<std::string> linear_visiting_, shape_visiting_;
};

}  // namespace

NirNetwork fold_nir_graph(const NirGraph& graph, double dt) {
  NirNetwork net = Folder(graph, dt).fold();
  const std::string& file = graph.file;
  const std::size_t slash = file.find_last_of('/');
  net.name = file.substr(slash == std::string::npos ? 0 : slash + 1);
  if (net.name.size() > 4 && net.name.compare(net.name.size() - 4, 4, ".nir") == 0) net.name.resize(net.name.size() - 4);
  return net;
}

}  // namespace axomesh::flows
