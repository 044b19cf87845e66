// The reader walks the YAML events: network.groups (neuron lists item by item), then
// network.edges (one edge at a time, expanded by sanafe_edges.cpp), then mappings.
#include "flows/sanafe/sanafe_network.hpp"

#include <cmath>
#include <map>

#include "flows/sanafe/sanafe_edges.hpp"
#include "flows/sanafe/yaml_stream.hpp"
#include "model/blocks/loihi_lif.hpp"
#include "model/network/network_validate.hpp"

namespace axomesh::flows {
namespace {

using Kind = YamlStream::Kind;

// SANA-FE's LIF attributes of one neuron, as written (defaults of its LoihiLifModel).
struct LifAttributes {
  double threshold = 0.0, reset = 0.0, leak_decay = 1.0, bias = 0.0, input_decay = 0.0;
};

// Per-neuron attributes of one group while its neuron list is read.
struct GroupAttributes {
  std::vector<LifAttributes> neurons;
  std::vector<bool> defined;
};

bool parse_index(const std::string& text, uint64_t& value) {
  if (text.empty() || text.size() > 12) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return true;
}

// "a..b" (inclusive) or "a".
bool parse_range(const std::string& text, uint64_t& first, uint64_t& last) {
  const auto dots = text.find("..");
  if (dots == std::string::npos) return parse_index(text, first) && (last = first, true);
  return parse_index(text.substr(0, dots), first) && parse_index(text.substr(dots + 2), last) && first <= last;
}

class Reader {
 public:
  Reader(YamlStream& in, SanafeNetwork& out) : in_(in), out_(out), edges_(in, out) {}

  void read() {
    in_.expect(Kind::MapStart, "the top level (network:, mappings:)");
    bool network_seen = false;
    while (in_.peek().kind != Kind::MapEnd) {
      const YamlStream::Event key = in_.next();
      if (key.value == "network") {
        read_network();
        network_seen = true;
      } else if (key.value == "mappings") {
        if (!network_seen) in_.fail("SFE-0102", key.line, "mappings: must come after network: (the groups must be known)");
        read_mappings();
      } else {
        in_.fail("SFE-0101", key.line, "unknown top-level section \"" + key.value + "\"; expected network: or mappings:");
      }
    }
    if (!network_seen) in_.fail("SFE-0103", 0, "no network: section");
    edges_.finish();
  }

 private:
  void read_network() {
    in_.expect(Kind::MapStart, "network:");
    while (in_.peek().kind != Kind::MapEnd) {
      const YamlStream::Event key = in_.next();
      if (key.value == "name") {
        out_.network.name = in_.read_node().scalar;
      } else if (key.value == "groups") {
        in_.expect(Kind::SeqStart, "network.groups");
        while (in_.peek().kind != Kind::SeqEnd) read_group();
        in_.next();
      } else if (key.value == "edges") {
        if (out_.groups.empty()) in_.fail("SFE-0104", key.line, "network.edges must come after network.groups");
        in_.expect(Kind::SeqStart, "network.edges");
        while (in_.peek().kind != Kind::SeqEnd) edges_.read_edge();
        in_.next();
      } else {
        in_.fail("SFE-0105", key.line, "unknown field network." + key.value + "; expected name, groups or edges");
      }
    }
    in_.next();
  }

  // Applies a neuron's or group's attribute map; hardware names only at group level.
  void apply(const YamlNode& attrs, LifAttributes& lif, SanafeGroup* group) {
    if (!attrs.is_map()) in_.fail("SFE-0201", attrs.line, "expected attributes as a mapping");
    for (const auto& attribute : attrs.map) {
      // Plain references, not a structured binding: C++17 lambdas cannot capture one.
      const std::string& name = attribute.first;
      const YamlNode& value = attribute.second;
      auto number = [&]() {
        double x;
        if (!value.is_scalar() || !parse_yaml_number(value.scalar, x))
          in_.fail("SFE-0202", value.line, "attribute " + name + ": expected a number, found \"" + value.scalar + "\"");
        return x;
      };
      auto text = [&]() {
        if (!value.is_scalar()) in_.fail("SFE-0202", value.line, "attribute " + name + ": expected a name");
        return value.scalar;
      };
      if (name == "threshold") lif.threshold = number();
      else if (name == "reset") lif.reset = number();
      else if (name == "leak_decay") lif.leak_decay = number();
      else if (name == "bias") lif.bias = number();
      else if (name == "input_decay") lif.input_decay = number();
      else if (name == "log_spikes" || name == "log_potential" || name == "log_u" || name == "log_v") continue;  // traces only
      else if (name == "reset_mode" && text() == "hard") continue;
      else if (name == "reverse_reset_mode" && text() == "none") continue;
      else if (name == "reverse_threshold") continue;  // no effect without a reverse reset mode
      else if ((name == "force_update" || name == "force_soma_update") && (text() == "false" || text() == "False")) continue;
      else if (group != nullptr && name == "soma_hw_name") group->soma_hw = text();
      else if (group != nullptr && name == "synapse_hw_name") group->synapse_hw = text();
      else if (group != nullptr && name == "dendrite_hw_name") group->dendrite_hw = text();
      else
        in_.fail("SFE-0203", value.line,
                 "unsupported attribute " + name + (value.is_scalar() ? ": " + value.scalar : std::string()) +
                     "; supported: threshold, reset (0), leak_decay, bias, input_decay, reset_mode (hard), "
                     "reverse_reset_mode (none), reverse_threshold, force_update (false), log_*, and at group level "
                     "soma_hw_name, synapse_hw_name, dendrite_hw_name");
    }
  }

  void read_group() {
    const std::size_t group_line = in_.peek().line;
    in_.expect(Kind::MapStart, "a neuron group");
    SanafeGroup group;
    LifAttributes defaults;
    GroupAttributes attrs;
    bool neurons_seen = false;
    while (in_.peek().kind != Kind::MapEnd) {
      const YamlStream::Event key = in_.next();
      if (key.value == "name") {
        group.name = in_.read_node().scalar;
        if (group_index_.count(group.name)) in_.fail("SFE-0106", key.line, "group \"" + group.name + "\" is defined twice");
      } else if (key.value == "attributes") {
        if (neurons_seen) in_.fail("SFE-0107", key.line, "a group's attributes must come before its neurons");
        apply(in_.read_node(), defaults, &group);
      } else if (key.value == "neurons") {
        neurons_seen = true;
        read_neurons(defaults, attrs);
      } else {
        in_.fail("SFE-0108", key.line, "unknown group field " + key.value + "; expected name, attributes or neurons");
      }
    }
    in_.next();
    if (group.name.empty()) in_.fail("SFE-0109", group_line, "a group without a name");
    if (attrs.neurons.empty()) in_.fail("SFE-0110", group_line, "group \"" + group.name + "\" has no neurons");
    for (std::size_t i = 0; i < attrs.defined.size(); ++i)
      if (!attrs.defined[i])
        in_.fail("SFE-0111", group_line, "group \"" + group.name + "\" defines neurons up to " +
                                         std::to_string(attrs.neurons.size() - 1) + " but not neuron " + std::to_string(i));
    group_index_[group.name] = out_.groups.size();
    out_.network.populations.push_back(convert(group, attrs.neurons, group_line));
    out_.groups.push_back(std::move(group));
  }

  // neurons: a list of {ID or "a..b": {attributes}} (or bare IDs).
  void read_neurons(const LifAttributes& defaults, GroupAttributes& attrs) {
    in_.expect(Kind::SeqStart, "a group's neurons");
    while (in_.peek().kind != Kind::SeqEnd) {
      const YamlNode entry = in_.read_node();
      auto define = [&](const std::string& id, const YamlNode* values, std::size_t line) {
        uint64_t first, last;
        if (!parse_range(id, first, last) || last >= (uint64_t{1} << 24))
          in_.fail("SFE-0112", line, "expected a neuron id or range \"a..b\", found \"" + id + "\"");
        LifAttributes lif = defaults;
        if (values != nullptr && !(values->is_scalar() && values->scalar.empty()) &&
            !(values->is_map() && values->map.empty()))
          apply(*values, lif, nullptr);
        if (last >= attrs.neurons.size()) {
          attrs.neurons.resize(last + 1);
          attrs.defined.resize(last + 1, false);
        }
        for (uint64_t i = first; i <= last; ++i) {
          if (attrs.defined[i]) in_.fail("SFE-0113", line, "neuron " + std::to_string(i) + " is defined twice");
          attrs.neurons[i] = lif;
          attrs.defined[i] = true;
        }
      };
      if (entry.is_scalar()) define(entry.scalar, nullptr, entry.line);
      else if (entry.is_map())
        for (const auto& [id, values] : entry.map) define(id, &values, entry.line);
      else in_.fail("SFE-0112", entry.line, "expected a neuron entry {ID: {attributes}}");
    }
    in_.next();
  }

  // SANA-FE's LIF (potential p, leak, quantise to 1/64, add bias and input, fire when p >
  // threshold, reset) as Loihi fixed point with v = 64 p: docs/sanafe-import.md.
  model::Population convert(const SanafeGroup& group, const std::vector<LifAttributes>& lif, std::size_t line) {
    model::Population pop;
    pop.name = group.name;
    pop.size = static_cast<uint32_t>(lif.size());
    std::vector<int32_t> du(lif.size()), dv(lif.size()), vth(lif.size()), mant(lif.size()), exp(lif.size());
    for (std::size_t i = 0; i < lif.size(); ++i) {
      const LifAttributes& a = lif[i];
      const std::string who = "group \"" + group.name + "\" neuron " + std::to_string(i);
      if (a.reset != 0.0) in_.fail("SFE-0204", line, who + ": reset " + std::to_string(a.reset) + " is not supported (Loihi resets v to 0)");
      if (!(a.leak_decay > 0.0 && a.leak_decay <= 1.0) || !(a.input_decay >= 0.0 && a.input_decay < 1.0))
        in_.fail("SFE-0205", line, who + ": expected 0 < leak_decay <= 1 and 0 <= input_decay < 1");
      const double dv_exact = 4096.0 * (1.0 - a.leak_decay);
      const long dv_rounded = std::lround(dv_exact), du_rounded = 4095 - std::lround(4096.0 * a.input_decay);
      // Near the ends of the ranges above, rounding leaves Loihi's 12-bit decays.
      if (dv_rounded < 0 || dv_rounded > 4095 || du_rounded < 0 || du_rounded > 4095)
        in_.fail("SFE-0205", line, who + ": leak_decay " + number(a.leak_decay) + " and input_decay " + number(a.input_decay) +
                                   " give dv " + std::to_string(dv_rounded) + " and du " + std::to_string(du_rounded) +
                                   "; expected both in 0..4095 (leak_decay > 1/8192 and input_decay < 1 - 1/8192)");
      dv[i] = static_cast<int32_t>(dv_rounded);
      note_if(std::fabs(dv_exact - dv[i]) > 1e-12, "leak_decay " + number(a.leak_decay) + " -> dv " +
                                                       std::to_string(dv[i]) + " (4096*(1-leak_decay) = " + number(dv_exact) + ")");
      du[i] = static_cast<int32_t>(du_rounded);
      note_if(std::fabs(4096.0 * a.input_decay - std::round(4096.0 * a.input_decay)) > 1e-12,
              "input_decay " + number(a.input_decay) + " rounded to a multiple of 1/4096");
      if (!(a.threshold >= 0.0 && a.threshold < 131072.0))
        in_.fail("SFE-0206", line, who + ": threshold " + number(a.threshold) + " outside 0..131071");
      vth[i] = static_cast<int32_t>(std::floor(a.threshold));
      note_if(vth[i] != a.threshold, "threshold " + number(a.threshold) + " -> vth " + std::to_string(vth[i]) +
                                         " (v > vth*64 only for integer thresholds)");
      const double bias64 = a.bias * 64.0;
      int64_t b = std::llround(bias64);
      note_if(static_cast<double>(b) != bias64, "bias " + number(a.bias) + " rounded to a multiple of 1/64");
      int32_t e = 0;
      while ((b > 4095 || b < -4096) && b % 2 == 0 && e < 7) {
        b /= 2;
        ++e;
      }
      if (b > 4095 || b < -4096) in_.fail("SFE-0207", line, who + ": bias " + number(a.bias) + " has no Loihi bias_mant << bias_exp form");
      mant[i] = static_cast<int32_t>(b);
      exp[i] = e;
    }
    auto per_neuron = [](std::vector<int32_t> v) {
      for (int32_t x : v)
        if (x != v.front()) return model::PerNeuron<int32_t>(std::move(v));
      return model::PerNeuron<int32_t>(v.front());
    };
    pop.lif.du = per_neuron(std::move(du));
    pop.lif.dv = per_neuron(std::move(dv));
    pop.lif.vth = per_neuron(std::move(vth));
    pop.lif.bias_mant = per_neuron(std::move(mant));
    pop.lif.bias_exp = per_neuron(std::move(exp));
    return pop;
  }

  // mappings: a list of {"G", "G.i" or "G.a..b": {core: "T.C"}}.
  void read_mappings() {
    out_.mapping.resize(out_.groups.size());
    for (std::size_t g = 0; g < out_.groups.size(); ++g) out_.mapping[g].assign(out_.network.populations[g].size, {~0u, ~0u});
    in_.expect(Kind::SeqStart, "mappings");
    while (in_.peek().kind != Kind::SeqEnd) {
      const YamlNode entry = in_.read_node();
      if (!entry.is_map() || entry.map.size() != 1) in_.fail("SFE-0301", entry.line, "expected a mapping entry {G.n: {core: T.C}}");
      const auto& [address, value] = entry.map.front();
      const auto dot = address.find('.');
      const auto it = group_index_.find(address.substr(0, dot));
      if (it == group_index_.end()) in_.fail("SFE-0302", entry.line, "mapping of unknown group \"" + address.substr(0, dot) + "\"");
      const uint32_t size = out_.network.populations[it->second].size;
      uint64_t first = 0, last = size - 1;
      if (dot != std::string::npos && (!parse_range(address.substr(dot + 1), first, last) || last >= size))
        in_.fail("SFE-0303", entry.line, "expected a neuron or range of group \"" + it->first + "\" (0.." +
                                         std::to_string(size - 1) + "), found \"" + address + "\"");
      const YamlNode* core = value.is_map() ? value.find("core") : nullptr;
      if (core == nullptr || value.map.size() != 1) in_.fail("SFE-0304", entry.line, "expected {core: TILE.CORE} for " + address);
      const auto core_dot = core->scalar.find('.');
      uint64_t tile = 0, offset = 0;
      if (core_dot == std::string::npos || !parse_index(core->scalar.substr(0, core_dot), tile) ||
          !parse_index(core->scalar.substr(core_dot + 1), offset))
        in_.fail("SFE-0305", core->line, "expected a core address TILE.CORE, found \"" + core->scalar + "\"");
      if (tile >= UINT32_MAX || offset >= UINT32_MAX)  // ~0u marks an unmapped neuron
        in_.fail("SFE-0305", core->line, "expected TILE and CORE below " + std::to_string(UINT32_MAX) + ", found \"" +
                                         core->scalar + "\"");
      for (uint64_t i = first; i <= last; ++i) {
        SanafeCore& c = out_.mapping[it->second][i];
        if (c.tile == ~0u) ++out_.mapped_neurons;
        c = {static_cast<uint32_t>(tile), static_cast<uint32_t>(offset)};
      }
    }
    in_.next();
  }

  static std::string number(double x) {
    char text[32];
    std::snprintf(text, sizeof text, "%.12g", x);
    return text;
  }
  void note_if(bool inexact, const std::string& what) {
    if (!inexact) return;
    ++notes_[what];
  }

 public:
  void flush_notes() {
    for (const auto& [what, count] : notes_)
      out_.conversion_notes.push_back(what + ": " + std::to_string(count) + " neuron(s)");
  }

 private:
  YamlStream& in_;
  SanafeNetwork& out_;
  EdgeReader edges_;
  std::map<std::string, std::size_t> group_index_;
  std::map<std::string, uint64_t> notes_;
};

}  // namespace

SanafeNetwork read_sanafe_network(const std::string& path) {
  YamlStream in(path, "SFE");
  SanafeNetwork out;
  Reader reader(in, out);
  reader.read();
  reader.flush_notes();
  if (!out.mapping.empty() && out.mapped_neurons < out.network.neuron_count())
    in.fail("SFE-0306", 0, "the mappings leave " + std::to_string(out.network.neuron_count() - out.mapped_neurons) +
                           " neuron(s) without a core (every neuron needs one)");
  model::require_valid(out.network, path);  // the IR's own rules (names, ranges, accumulator bound)
  return out;
}

}  // namespace axomesh::flows
