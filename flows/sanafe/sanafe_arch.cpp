#include "flows/sanafe/sanafe_arch.hpp"

#include <cmath>
#include <limits>

#include "flows/sanafe/yaml_stream.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace {

// A decimal index of at most 10 digits, below 2^32.
bool parse_index(const std::string& text, uint64_t& value) {
  if (text.empty() || text.size() > 10) return false;
  value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<uint64_t>(c - '0');
  }
  return value <= UINT32_MAX;
}

class ArchReader {
 public:
  explicit ArchReader(YamlStream& in) : in_(in) {}

  const YamlNode& need(const YamlNode& node, const std::string& key, const std::string& where) {
    const YamlNode* v = node.is_map() ? node.find(key) : nullptr;
    if (v == nullptr) in_.fail("SFA-0101", node.line, where + ": expected a field " + key);
    return *v;
  }
  double number(const YamlNode& v, const std::string& what) {
    double x;
    if (!v.is_scalar() || !parse_yaml_number(v.scalar, x) || x < 0)
      in_.fail("SFA-0102", v.line, what + ": expected a number >= 0, found \"" + v.scalar + "\"");
    return x;
  }
  // "name[a..b]" -> ("name", b - a + 1); "name" -> ("name", 1).
  std::pair<std::string, uint32_t> name_and_count(const YamlNode& v) {
    const std::string& text = v.scalar;
    const auto open = text.find('[');
    const auto dots = text.find("..", open == std::string::npos ? 0 : open);
    const auto close = text.find(']');
    if (open == std::string::npos || dots == std::string::npos || close == std::string::npos || close < dots)
      return {text, 1};
    uint64_t first = 0, last = 0;
    if (!parse_index(text.substr(open + 1, dots - open - 1), first) ||
        !parse_index(text.substr(dots + 2, close - dots - 2), last) || last < first || last - first + 1 > UINT32_MAX)
      in_.fail("SFA-0111", v.line, "expected a name with a range NAME[a..b] (integers, a <= b, below 2^32), found \"" + text + "\"");
    return {text.substr(0, open), static_cast<uint32_t>(last - first + 1)};
  }
  uint32_t count(const YamlNode& v, const std::string& what) {
    const double x = number(v, what);
    if (x < 1 || x > 65536 || x != std::floor(x)) in_.fail("SFA-0102", v.line, what + ": expected an integer in 1..65536");
    return static_cast<uint32_t>(x);
  }

  // A list of units, e.g. core.synapse: [{name, attributes: {model, energy_*, latency_*}}].
  void units(const YamlNode& list, const char* kind, std::vector<std::string>& names, SanafeArchitecture& arch) {
    if (!list.is_seq()) in_.fail("SFA-0103", list.line, std::string(kind) + ": expected a list of units");
    for (const YamlNode& unit : list.seq) {
      const std::string name = name_and_count(need(unit, "name", kind)).first;
      SanafeUnitFigures f;
      if (const YamlNode* attrs = unit.find("attributes"))
        for (const auto& [key, value] : attrs->map) {
          if (key == "model") f.model = value.scalar;
          else if (key.rfind("energy_", 0) == 0 || key.rfind("latency_", 0) == 0) f.figures[key] = number(value, key);
          // other attributes (plugin paths, log flags) do not change energy or time
        }
      if (arch.units.count(name)) in_.fail("SFA-0104", unit.line, "unit name \"" + name + "\" is used twice");
      names.push_back(name);
      arch.units[name] = std::move(f);
    }
  }

  SanafeArchitecture read() {
    const YamlNode root = in_.read_node();
    const YamlNode& a = need(root, "architecture", "the top level");
    SanafeArchitecture arch;
    if (const YamlNode* n = a.find("name")) arch.name = n->scalar;
    const YamlNode& attrs = need(a, "attributes", "architecture");
    if (const YamlNode* t = attrs.find("topology"); t != nullptr && t->scalar != "mesh")
      in_.fail("SFA-0105", t->line, "topology: only mesh is supported, found \"" + t->scalar + "\"");
    arch.width = count(need(attrs, "width", "architecture.attributes"), "width");
    arch.height = count(need(attrs, "height", "architecture.attributes"), "height");
    const YamlNode* sync_model = attrs.find("sync_model");
    const YamlNode* sync = attrs.find("latency_sync");
    if (sync_model != nullptr && sync_model->scalar == "table") {
      if (sync == nullptr || !sync->is_map()) in_.fail("SFA-0106", attrs.line, "sync_model table needs latency_sync {TILES: SECONDS, ...}");
      for (const auto& [tiles, seconds] : sync->map) {
        double n;
        if (!parse_yaml_number(tiles, n) || !(n >= 0 && n <= UINT32_MAX) || n != std::floor(n))
          in_.fail("SFA-0106", seconds.line, "latency_sync: expected tile counts (integers in 0.." + std::to_string(UINT32_MAX) +
                                             ") as keys, found \"" + tiles + "\"");
        arch.sync_table[static_cast<uint32_t>(n)] = number(seconds, "latency_sync");
      }
    } else if (sync_model == nullptr || sync_model->scalar == "fixed") {
      if (sync != nullptr) arch.fixed_sync = number(*sync, "latency_sync");
    } else {
      in_.fail("SFA-0106", sync_model->line, "sync_model: expected fixed or table, found \"" + sync_model->scalar + "\"");
    }

    const YamlNode& tiles = need(a, "tile", "architecture");
    if (!tiles.is_seq() || tiles.seq.size() != 1)
      in_.fail("SFA-0107", tiles.line, "expected one tile entry (a mesh of identical tiles, e.g. name: tile[0..31])");
    const YamlNode& tile = tiles.seq.front();
    arch.tiles = name_and_count(need(tile, "name", "tile")).second;
    if (arch.tiles > uint64_t{arch.width} * arch.height)  // 65536 x 65536 does not fit 32 bits
      in_.fail("SFA-0108", tile.line, std::to_string(arch.tiles) + " tiles do not fit the " + std::to_string(arch.width) + "x" +
                                      std::to_string(arch.height) + " mesh");
    if (const YamlNode* ta = tile.find("attributes"))
      for (const auto& [key, value] : ta->map) arch.tile_figures[key] = number(value, key);
    const YamlNode& cores = need(tile, "core", "tile");
    if (!cores.is_seq() || cores.seq.size() != 1)
      in_.fail("SFA-0107", cores.line, "expected one core entry per tile (identical cores, e.g. name: core[0..3])");
    const YamlNode& core = cores.seq.front();
    arch.cores_per_tile = name_and_count(need(core, "name", "core")).second;
    if (arch.cores_per_tile < 1 || arch.cores_per_tile > 64) in_.fail("SFA-0109", core.line, "expected 1..64 cores per tile");
    if (const YamlNode* ca = core.find("attributes"))
      if (const YamlNode* n = ca->find("max_neurons_supported")) arch.neurons_per_core = count(*n, "max_neurons_supported");
    if (const YamlNode* u = core.find("axon_in")) units(*u, "axon_in", arch.axon_in_units, arch);
    if (const YamlNode* u = core.find("synapse")) units(*u, "synapse", arch.synapse_units, arch);
    if (const YamlNode* u = core.find("dendrite")) units(*u, "dendrite", arch.dendrite_units, arch);
    if (const YamlNode* u = core.find("soma")) units(*u, "soma", arch.soma_units, arch);
    if (const YamlNode* u = core.find("axon_out")) units(*u, "axon_out", arch.axon_out_units, arch);
    if (arch.synapse_units.empty() || arch.soma_units.empty() || arch.axon_out_units.empty())
      in_.fail("SFA-0110", core.line, "a core needs at least one synapse, soma and axon_out unit");
    return arch;
  }

 private:
  YamlStream& in_;
};

double figure(const SanafeUnitFigures& unit, const std::string& name) {
  const auto it = unit.figures.find(name);
  return it == unit.figures.end() ? 0.0 : it->second;
}

}  // namespace

SanafeArchitecture read_sanafe_architecture(const std::string& path) {
  YamlStream in(path, "SFA");
  return ArchReader(in).read();
}

targets::Target sanafe_target(const SanafeArchitecture& arch, const std::string& soma_unit,
                              std::vector<std::string>& unmodelled) {
  targets::Target t;
  t.name = arch.name.empty() ? "sanafe-architecture" : arch.name;
  t.description = "Imported from a SANA-FE architecture file (docs/sanafe-import.md)";
  t.mesh_width = arch.width;
  t.mesh_height = arch.height;
  t.cores_per_tile = arch.cores_per_tile;
  const std::string from = "SANA-FE architecture file " + t.name;
  auto cap = [&](const char* field, double value, const std::string& why) {
    t.capacity_sources[field] = {value, from + ": " + why, false};
  };
  t.core.neurons = arch.neurons_per_core;
  // The format has no axon, synapse-memory or routing-table limits: none is imposed.
  t.core.input_axons = std::numeric_limits<int32_t>::max();
  t.core.synapse_memory_bits = uint64_t{1} << 53;
  t.core.fanout_entries = std::numeric_limits<int32_t>::max();
  cap("neurons", t.core.neurons, "max_neurons_supported");
  cap("input_axons", t.core.input_axons, "not given (no limit)");
  cap("synapse_memory_bits", double(t.core.synapse_memory_bits), "not given (no limit)");
  cap("fanout_entries", t.core.fanout_entries, "not given (no limit)");
  cap("synapse_encoding", 0, "not given; the defaults are kept");
  t.neuron_models = {"loihi_lif"};

  auto set = [&](const char* name, double joules, double seconds, const std::string& source) {
    t.energy[name] = {joules, from + ": " + source, false};
    t.time[name] = {seconds, from + ": " + source, false};
  };
  // Synapse units: the first is SANA-FE's default; each also under synaptic_op.<unit>.
  for (std::size_t k = 0; k < arch.synapse_units.size(); ++k) {
    const std::string& name = arch.synapse_units[k];
    const SanafeUnitFigures& u = arch.units.at(name);
    const double e = figure(u, "energy_process_spike"), s = figure(u, "latency_process_spike");
    if (k == 0) set("synaptic_op", e, s, name + " energy/latency_process_spike");
    set(("synaptic_op." + name).c_str(), e, s, name + " energy/latency_process_spike");
  }
  // Soma: every neuron is accessed every step; an updated neuron also pays the update.
  std::string soma = soma_unit;
  if (soma.empty())
    for (const std::string& name : arch.soma_units)
      if (arch.units.at(name).model == "leaky_integrate_fire") {
        soma = name;
        break;
      }
  const auto s = arch.units.find(soma);
  if (s == arch.units.end() || s->second.model != "leaky_integrate_fire")
    throw model::InputError({{"SFA-0201", "", "no leaky_integrate_fire soma unit \"" + soma_unit + "\" in the architecture"}});
  const SanafeUnitFigures& lif = s->second;
  const double access_e = figure(lif, "energy_access_neuron"), access_t = figure(lif, "latency_access_neuron");
  set("neuron_update_idle", access_e, access_t, soma + " access_neuron");
  set("neuron_update_active", access_e + figure(lif, "energy_update_neuron"), access_t + figure(lif, "latency_update_neuron"),
      soma + " access_neuron + update_neuron");
  set("spike_out", figure(lif, "energy_spike_out"), figure(lif, "latency_spike_out"), soma + " spike_out");
  const SanafeUnitFigures& out = arch.units.at(arch.axon_out_units.front());
  set("spike_in_tile", figure(out, "energy_message_out"), figure(out, "latency_message_out"),
      arch.axon_out_units.front() + " message_out (per packet sent)");
  // Hops: one figure per axis; east/west (north/south) must agree.
  auto hop = [&](const char* name, const char* a, const char* b) {
    const auto get = [&](const std::string& k) {
      const auto it = arch.tile_figures.find(k);
      return it == arch.tile_figures.end() ? 0.0 : it->second;
    };
    const double ea = get(std::string("energy_") + a + "_hop"), eb = get(std::string("energy_") + b + "_hop");
    const double la = get(std::string("latency_") + a + "_hop"), lb = get(std::string("latency_") + b + "_hop");
    if (ea != eb || la != lb) unmodelled.push_back(std::string(a) + " and " + b + " hops differ; their mean is used");
    set(name, (ea + eb) / 2, (la + lb) / 2, std::string(a) + "/" + b + " hop");
  };
  hop("hop_east_west", "east", "west");
  hop("hop_north_south", "north", "south");
  if (!arch.sync_table.empty()) {
    for (const auto& [tiles, seconds] : arch.sync_table)
      t.time["barrier_sync_tiles_" + std::to_string(tiles)] = {seconds, from + ": latency_sync table", false};
  } else {
    t.time["barrier_sync_base"] = {arch.fixed_sync, from + ": latency_sync (fixed)", false};
  }
  for (const std::string& name : arch.axon_in_units) {
    const SanafeUnitFigures& u = arch.units.at(name);
    if (figure(u, "energy_message_in") != 0 || figure(u, "latency_message_in") != 0)
      unmodelled.push_back(name + " message_in (" + std::to_string(figure(u, "energy_message_in") * 1e12) + " pJ, " +
                           std::to_string(figure(u, "latency_message_in") * 1e9) + " ns per packet received): not modelled");
  }
  for (const std::string& name : arch.dendrite_units) {
    const SanafeUnitFigures& u = arch.units.at(name);
    if (figure(u, "energy_update") != 0 || figure(u, "latency_update") != 0)
      unmodelled.push_back(name + " dendrite update figures: not modelled (the soma integrates the input)");
  }
  return t;
}

uint32_t physical_core(const SanafeArchitecture& arch, const SanafeCore& core) {
  if (core.tile >= arch.tiles || core.core >= arch.cores_per_tile)
    throw model::InputError({{"SFA-0301", "", "core " + std::to_string(core.tile) + "." + std::to_string(core.core) +
                                                  " is not on the architecture (" + std::to_string(arch.tiles) + " tiles of " +
                                                  std::to_string(arch.cores_per_tile) + " cores)"}});
  const uint32_t x = core.tile / arch.height, y = core.tile % arch.height;
  return (y * arch.width + x) * arch.cores_per_tile + core.core;
}

}  // namespace axomesh::flows
