#include "flows/sanafe/sanafe_edges.hpp"

#include <cmath>
#include <cstdio>

#include "model/network/network_limits.hpp"

namespace axomesh::flows {
namespace {

std::string number(double x) {
  char text[32];
  std::snprintf(text, sizeof text, "%.17g", x);
  return text;
}

using Kind = YamlStream::Kind;

std::string trim(const std::string& s) {
  const auto b = s.find_first_not_of(" \t");
  const auto e = s.find_last_not_of(" \t");
  return b == std::string::npos ? std::string() : s.substr(b, e - b + 1);
}

}  // namespace

EdgeReader::Endpoint EdgeReader::endpoint(const std::string& text, std::size_t line) const {
  Endpoint ep;
  const auto dot = text.find('.');
  const std::string name = text.substr(0, dot);
  bool found = false;
  for (std::size_t g = 0; g < out_.groups.size() && !found; ++g)
    if (out_.groups[g].name == name) {
      ep.group = g;
      found = true;
    }
  if (!found) in_.fail("SFE-0401", line, "edge names unknown group \"" + name + "\"");
  if (dot != std::string::npos) {
    ep.has_neuron = true;
    const std::string id = text.substr(dot + 1);
    char* end = nullptr;
    ep.neuron = std::strtoull(id.c_str(), &end, 10);
    if (id.empty() || *end != '\0' || ep.neuron >= out_.network.populations[ep.group].size)
      in_.fail("SFE-0402", line, "expected a neuron of group \"" + name + "\" (0.." +
                                 std::to_string(out_.network.populations[ep.group].size - 1) + "), found \"" + id + "\"");
  }
  return ep;
}

// Weights are potentials added per spike: integers in -255..255 are exact (docs/sanafe-import.md).
int32_t EdgeReader::weight(double w) {
  double r = std::round(w);
  if (r != w) ++rounded_weights_;
  if (std::fabs(r) > 255) {
    ++clipped_weights_;
    largest_clipped_ = std::max(largest_clipped_, std::fabs(r));
    r = r > 0 ? 255 : -255;
  }
  return static_cast<int32_t>(r);
}

void EdgeReader::add(SignedSynapses& s, uint32_t pre, uint32_t post, double w) {
  const int32_t x = weight(w);
  Synapses& to = x < 0 ? s.inhibitory : s.excitatory;
  to.pre.push_back(pre);
  to.post.push_back(post);
  to.weight.push_back(x);
}

void EdgeReader::reserve(SignedSynapses& s, uint64_t negative, uint64_t total) {
  for (Synapses* syn : {&s.inhibitory, &s.excitatory}) {
    const uint64_t n = syn == &s.inhibitory ? negative : total - negative;
    syn->pre.reserve(n);
    syn->post.reserve(n);
    syn->weight.reserve(n);
  }
}

void EdgeReader::add_projections(std::size_t pre, std::size_t post, const std::string& type, SignedSynapses&& s) {
  const std::string& pre_name = out_.groups[pre].name;
  const std::string& post_name = out_.groups[post].name;
  for (int sign = 0; sign < 2; ++sign) {
    Synapses& syn = sign == 0 ? s.excitatory : s.inhibitory;
    if (syn.weight.empty()) continue;
    out_.synapses += syn.weight.size();
    model::Projection p;
    p.name = pre_name + "_to_" + post_name + (sign == 0 ? ".exc." : ".inh.") + std::to_string(out_.network.projections.size());
    p.pre = pre_name;
    p.post = post_name;
    p.kind = model::ProjectionKind::Sparse;
    p.sign_mode = sign == 0 ? model::SignMode::Excitatory : model::SignMode::Inhibitory;
    p.num_weight_bits = 8;
    p.pre_index = std::move(syn.pre);
    p.post_index = std::move(syn.post);
    p.weights = std::move(syn.weight);
    out_.network.projections.push_back(std::move(p));
    // The synapse unit of an edge is its target group's synapse_hw_name: the unit whose
    // energy SANA-FE's printed results charge (docs/sanafe-import.md, "synapse units").
    out_.edges.push_back({pre_name + " -> " + post_name + " (" + type + (sign == 0 ? ", excitatory)" : ", inhibitory)"),
                          out_.groups[post].synapse_hw, type});
  }
}

void EdgeReader::read_edge() {
  in_.expect(Kind::MapStart, "an edge {SRC -> DST: {attributes}}");
  const YamlStream::Event key = in_.next();
  if (key.kind != Kind::Scalar) in_.fail("SFE-0403", key.line, "expected an edge \"SRC -> DST\"");
  const auto arrow = key.value.find("->");
  if (arrow == std::string::npos) in_.fail("SFE-0403", key.line, "expected an edge \"SRC -> DST\", found \"" + key.value + "\"");
  const Endpoint src = endpoint(trim(key.value.substr(0, arrow)), key.line);
  const Endpoint dst = endpoint(trim(key.value.substr(arrow + 2)), key.line);
  if (src.has_neuron != dst.has_neuron)
    in_.fail("SFE-0404", key.line, "an edge joins two groups (G -> H) or two neurons (G.i -> H.j), found \"" + key.value + "\"");

  std::string type;
  std::vector<double> weights;
  std::vector<std::pair<uint64_t, uint64_t>> pairs;
  Conv2d conv;
  bool weight_seen = false;
  in_.expect(Kind::MapStart, "the attributes of edge " + key.value);
  while (in_.peek().kind != Kind::MapEnd) {
    const YamlStream::Event name = in_.next();
    auto count = [&](uint32_t& field) {
      const YamlNode v = in_.read_node();
      double x;
      if (!v.is_scalar() || !parse_yaml_number(v.scalar, x) || x < 1 || x > 1e6 || x != std::floor(x))
        in_.fail("SFE-0405", v.line, name.value + ": expected a positive integer, found \"" + v.scalar + "\"");
      field = static_cast<uint32_t>(x);
    };
    if (name.value == "weight" || name.value == "w") {
      in_.read_numbers(weights, "edge " + key.value + " " + name.value);
      weight_seen = true;
    } else if (name.value == "type") {
      type = in_.read_node().scalar;
    } else if (name.value == "input_width") count(conv.input_width);
    else if (name.value == "input_height") count(conv.input_height);
    else if (name.value == "input_channels") count(conv.input_channels);
    else if (name.value == "kernel_width") count(conv.kernel_width);
    else if (name.value == "kernel_height") count(conv.kernel_height);
    else if (name.value == "kernel_count") count(conv.kernel_count);
    else if (name.value == "stride_width") count(conv.stride_width);
    else if (name.value == "stride_height") count(conv.stride_height);
    else if (name.value == "source_target_pairs") {
      in_.expect(Kind::SeqStart, "source_target_pairs");
      while (in_.peek().kind != Kind::SeqEnd) {
        std::vector<double> pair;
        const std::size_t pair_line = in_.peek().line;
        in_.read_numbers(pair, "a [source, target] pair");
        // Exact integers only (below 2^53 every integer is a double), range-tested later.
        auto is_id = [](double x) { return x >= 0 && x < 9007199254740992.0 && x == std::floor(x); };
        if (pair.size() != 2 || !is_id(pair[0]) || !is_id(pair[1]))
          in_.fail("SFE-0406", pair_line, "source_target_pairs: expected [source, target] pairs of neuron ids (integers >= 0)" +
                                          std::string(pair.size() == 2 ? ", found [" + number(pair[0]) + ", " + number(pair[1]) + "]" : ""));
        pairs.emplace_back(static_cast<uint64_t>(pair[0]), static_cast<uint64_t>(pair[1]));
      }
      in_.next();
    } else {
      in_.fail("SFE-0407", name.line, "edge " + key.value + ": unsupported attribute " + name.value +
                                      "; supported: type, weight (w), conv2d's input_*/kernel_*/stride_*, "
                                      "source_target_pairs");
    }
  }
  in_.next();
  if (in_.peek().kind != Kind::MapEnd) in_.fail("SFE-0403", in_.peek().line, "expected one edge per list item");
  in_.next();
  if (!weight_seen) in_.fail("SFE-0408", key.line, "edge " + key.value + " has no weight");

  const uint32_t pre_size = out_.network.populations[src.group].size;
  const uint32_t post_size = out_.network.populations[dst.group].size;
  if (src.has_neuron) {
    if (!type.empty() || weights.size() != 1)
      in_.fail("SFE-0409", key.line, "edge " + key.value + ": a single edge has one weight and no type");
    add(singles_[{src.group, dst.group}], static_cast<uint32_t>(src.neuron), static_cast<uint32_t>(dst.neuron), weights[0]);
    return;
  }
  SignedSynapses s;
  if (type == "conv2d") {
    if (conv.input_width == 0 || conv.input_height == 0 || conv.kernel_width == 0 || conv.kernel_height == 0 ||
        conv.kernel_width > conv.input_width || conv.kernel_height > conv.input_height)
      in_.fail("SFE-0410", key.line, "conv2d edge " + key.value + ": expected input_width/height >= kernel_width/height >= 1");
    if (conv.input_size() != pre_size || conv.output_size() != post_size)
      in_.fail("SFE-0411", key.line, "conv2d edge " + key.value + ": expects " + std::to_string(conv.input_size()) +
                                     " source and " + std::to_string(conv.output_size()) + " target neurons, the groups have " +
                                     std::to_string(pre_size) + " and " + std::to_string(post_size));
    if (weights.size() != conv.weight_count())
      in_.fail("SFE-0412", key.line, "conv2d edge " + key.value + ": expected " + std::to_string(conv.weight_count()) +
                                     " weights (kernel_width*kernel_height*input_channels*kernel_count), found " +
                                     std::to_string(weights.size()));
    // Each kernel weight serves every output position: reserve exactly, by sign.
    uint64_t negative = 0;
    for (double w : weights) negative += std::round(w) < 0 ? 1 : 0;
    const uint64_t positions = uint64_t{conv.output_width()} * conv.output_height();
    if (weights.size() > model::limits::kMaxSynapses / positions)  // positions >= 1: the kernels fit
      in_.fail("SFE-0414", key.line, "conv2d edge " + key.value + ": expected at most " +
                                     std::to_string(model::limits::kMaxSynapses) + " synapses, found " +
                                     std::to_string(weights.size()) + " weights x " + std::to_string(positions) +
                                     " output positions");
    reserve(s, negative * positions, weights.size() * positions);
    conv.for_each_synapse([&](uint32_t pre, uint32_t post, uint64_t w) { add(s, pre, post, weights[w]); });
  } else if (type == "dense") {
    if (weights.size() != uint64_t{pre_size} * post_size)
      in_.fail("SFE-0412", key.line, "dense edge " + key.value + ": expected " + std::to_string(uint64_t{pre_size} * post_size) +
                                     " weights (source x target), found " + std::to_string(weights.size()));
    uint64_t negative = 0;
    for (double w : weights) negative += std::round(w) < 0 ? 1 : 0;
    reserve(s, negative, weights.size());
    for (uint32_t i = 0; i < pre_size; ++i)
      for (uint32_t j = 0; j < post_size; ++j) add(s, i, j, weights[uint64_t{i} * post_size + j]);
  } else if (type == "sparse") {
    if (weights.size() != pairs.size() && weights.size() != 1)
      in_.fail("SFE-0412", key.line, "sparse edge " + key.value + ": expected one weight per source_target pair (" +
                                     std::to_string(pairs.size()) + "), found " + std::to_string(weights.size()));
    for (std::size_t k = 0; k < pairs.size(); ++k) {
      if (pairs[k].first >= pre_size || pairs[k].second >= post_size)
        in_.fail("SFE-0406", key.line, "sparse edge " + key.value + ": pair " + std::to_string(k) + " names a neuron outside the groups");
      add(s, static_cast<uint32_t>(pairs[k].first), static_cast<uint32_t>(pairs[k].second), weights[weights.size() == 1 ? 0 : k]);
    }
  } else {
    in_.fail("SFE-0413", key.line, "edge " + key.value + ": expected type conv2d, dense or sparse, found \"" + type + "\"");
  }
  add_projections(src.group, dst.group, type, std::move(s));
}

void EdgeReader::finish() {
  for (auto& [groups, synapses] : singles_) add_projections(groups.first, groups.second, "single", std::move(synapses));
  singles_.clear();
  if (rounded_weights_ > 0)
    out_.conversion_notes.push_back("weights rounded to integers: " + std::to_string(rounded_weights_) + " synapse(s)");
  if (clipped_weights_ > 0) {
    char largest[32];
    std::snprintf(largest, sizeof largest, "%g", largest_clipped_);
    out_.conversion_notes.push_back("weights beyond +-255 clipped to +-255 (8-bit Loihi weights; largest magnitude " +
                                    std::string(largest) + "): " + std::to_string(clipped_weights_) + " synapse(s)");
  }
}

}  // namespace axomesh::flows
