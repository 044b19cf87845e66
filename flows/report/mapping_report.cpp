#include "flows/report/mapping_report.hpp"

#include <algorithm>
#include <cstdarg>
#include <cstdio>

namespace axomesh::flows {
namespace {

using nlohmann::json;

const char* direction_name(mapper::Direction d) {
  switch (d) {
    case mapper::kEast: return "east";
    case mapper::kWest: return "west";
    case mapper::kNorth: return "north";
    default: return "south";
  }
}

// The synapses a core could hold without axon headers: the capacity `synapses` is measured against.
uint64_t synapse_capacity(const targets::Target& t) {
  const uint64_t bits = static_cast<uint64_t>(std::max(1, t.synapse.bits_per_synapse()));
  return std::max<uint64_t>(1, t.core.synapse_memory_bits / bits);
}

struct Fractions {
  double neurons, input_axons, synapses, synapse_bits, fanout_entries;
  double fullest() const { return std::max({neurons, input_axons, synapse_bits, fanout_entries}); }
};

Fractions fractions(const mapper::CoreUsage& u, const targets::Target& t) {
  const auto frac = [](uint64_t used, uint64_t capacity) { return capacity == 0 ? 0.0 : double(used) / double(capacity); };
  return {frac(u.neurons, t.core.neurons), frac(u.input_axons, t.core.input_axons),
          frac(u.synapses, synapse_capacity(t)), frac(u.synapse_bits, t.core.synapse_memory_bits),
          frac(u.fanout_entries, t.core.fanout_entries)};
}

bool used(const mapper::CoreUsage& u) {
  return u.neurons + u.input_axons + u.synapses + u.fanout_entries > 0;
}

uint32_t tile_x(const targets::Target& t, uint32_t core) { return core / t.cores_per_tile % t.mesh_width; }
uint32_t tile_y(const targets::Target& t, uint32_t core) { return core / t.cores_per_tile / t.mesh_width; }

json strategy_json(const mapper::MappingMetrics& m, const targets::Target& t) {
  json j = {{"strategy", m.strategy},
            {"cores_used", m.cores_used},
            {"mean_utilization", m.mean_utilization},
            {"mean_neuron_utilization", m.mean_neuron_utilization},
            {"inter_core_spikes_per_step", m.inter_core_spikes},
            {"hop_traffic_per_step", m.hop_traffic},
            {"mapping_seconds", m.seconds}};
  if (m.splitter_neurons > 0) {  // truenorth relays (docs/truenorth-mapping.md)
    j["splitter_neurons"] = m.splitter_neurons;
    j["splitter_cores"] = m.splitter_cores;
  }
  json link = {{"packets_per_step", m.links.max_load}, {"tile", nullptr}, {"x", nullptr}, {"y", nullptr},
               {"direction", nullptr}};
  if (m.links.max_load > 0.0) {
    link["tile"] = m.links.max_tile;
    link["x"] = m.links.max_tile % t.mesh_width;
    link["y"] = m.links.max_tile / t.mesh_width;
    link["direction"] = direction_name(m.links.max_direction);
  }
  j["max_link_load"] = std::move(link);
  json cores = json::array();
  for (uint32_t c = 0; c < m.usage.size(); ++c) {
    const mapper::CoreUsage& u = m.usage[c];
    if (!used(u)) continue;
    const Fractions f = fractions(u, t);
    cores.push_back({{"core", c},
                     {"x", tile_x(t, c)},
                     {"y", tile_y(t, c)},
                     {"neurons", u.neurons},
                     {"input_axons", u.input_axons},
                     {"synapses", u.synapses},
                     {"synapse_bits", u.synapse_bits},
                     {"fanout_entries", u.fanout_entries},
                     {"fraction",
                      {{"neurons", f.neurons},
                       {"input_axons", f.input_axons},
                       {"synapses", f.synapses},
                       {"synapse_bits", f.synapse_bits},
                       {"fanout_entries", f.fanout_entries}}}});
  }
  j["cores"] = std::move(cores);
  return j;
}

std::string printf_string(const char* format, ...) __attribute__((format(printf, 1, 2)));
std::string printf_string(const char* format, ...) {
  char buffer[256];
  va_list args;
  va_start(args, format);
  std::vsnprintf(buffer, sizeof buffer, format, args);
  va_end(args);
  return buffer;
}

std::string seconds_text(double s) {
  if (s < 1e-3) return printf_string("%.0f us", s * 1e6);
  if (s < 1.0) return printf_string("%.1f ms", s * 1e3);
  return printf_string("%.2f s", s);
}

std::string percent(double f) { return printf_string("%.1f%%", 100.0 * f); }

// One row of the side-by-side table: a label, each strategy's value, and first / second.
struct Row {
  std::string label;
  std::vector<std::string> cells;
  std::string ratio;
};

std::string ratio_text(double ours, double baseline) {
  if (baseline == 0.0) return "-";
  return printf_string("%.2f", ours / baseline);
}

}  // namespace

json mapping_report_json(const MappingReport& r) {
  const targets::Target& t = r.target;
  json doc = {{"format", "axomesh-mapping-report"},
              {"version", 1},
              {"network", {{"name", r.network}, {"neurons", r.neurons}, {"synapses", r.synapses}}},
              {"target",
               {{"name", t.name},
                {"mesh_width", t.mesh_width},
                {"mesh_height", t.mesh_height},
                {"cores_per_tile", t.cores_per_tile},
                {"capacity",
                 {{"neurons", t.core.neurons},
                  {"input_axons", t.core.input_axons},
                  {"synapses", synapse_capacity(t)},
                  {"synapse_bits", t.core.synapse_memory_bits},
                  {"fanout_entries", t.core.fanout_entries}}}}},
              {"profile_steps", r.profile_steps},
              {"legalize_seconds", r.legalize_seconds}};
  json strategies = json::array();
  for (const mapper::MappingMetrics& m : r.strategies) strategies.push_back(strategy_json(m, t));
  doc["strategies"] = std::move(strategies);
  json failures = json::array();
  for (const StrategyFailure& f : r.failures) failures.push_back({{"strategy", f.strategy}, {"error", f.message}});
  doc["failures"] = std::move(failures);
  return doc;
}

std::string mapping_report_text(const MappingReport& r) {
  const targets::Target& t = r.target;
  std::string out = "mapping \"" + r.network + "\" (" + std::to_string(r.neurons) + " neurons, " +
                    std::to_string(r.synapses) + " synapses) onto " + t.name + " (" + std::to_string(t.core_count()) +
                    " cores: " + std::to_string(t.mesh_width) + "x" + std::to_string(t.mesh_height) + " tiles of " +
                    std::to_string(t.cores_per_tile) + ")\n";
  out += "spike rates from " + std::to_string(r.profile_steps) + " profiling steps; legalize " +
         seconds_text(r.legalize_seconds) + "\n\n";

  const auto& s = r.strategies;
  const bool compare = s.size() >= 2;
  std::vector<Row> rows;
  auto add = [&](const std::string& label, auto value_of, auto text_of) {
    Row row{label, {}, compare ? ratio_text(value_of(s[0]), value_of(s[1])) : ""};
    for (const mapper::MappingMetrics& m : s) row.cells.push_back(text_of(m));
    rows.push_back(std::move(row));
  };
  const auto fixed2 = [](double v) { return printf_string("%.2f", v); };
  add("cores used", [](const auto& m) { return double(m.cores_used); },
      [](const auto& m) { return std::to_string(m.cores_used); });
  if (s[0].splitter_neurons > 0) {
    add("splitter neurons", [](const auto& m) { return double(m.splitter_neurons); },
        [](const auto& m) { return std::to_string(m.splitter_neurons); });
    add("  on cores", [](const auto& m) { return double(m.splitter_cores); },
        [](const auto& m) { return std::to_string(m.splitter_cores); });
  }
  add("mean utilization (fullest capacity)", [](const auto& m) { return m.mean_utilization; },
      [](const auto& m) { return percent(m.mean_utilization); });
  add("mean neuron utilization", [](const auto& m) { return m.mean_neuron_utilization; },
      [](const auto& m) { return percent(m.mean_neuron_utilization); });
  add("inter-core spikes / step", [](const auto& m) { return m.inter_core_spikes; },
      [&](const auto& m) { return fixed2(m.inter_core_spikes); });
  add("hop traffic / step", [](const auto& m) { return m.hop_traffic; },
      [&](const auto& m) { return fixed2(m.hop_traffic); });
  add("max link load / step", [](const auto& m) { return m.links.max_load; },
      [&](const auto& m) { return fixed2(m.links.max_load); });
  add("  on the link", [](const auto&) { return 0.0; }, [&](const mapper::MappingMetrics& m) {
    if (m.links.max_load <= 0.0) return std::string("-");
    return printf_string("(%u,%u) %s", m.links.max_tile % t.mesh_width, m.links.max_tile / t.mesh_width,
                         direction_name(m.links.max_direction));
  });
  rows.back().ratio = "";
  add("mapping time", [](const auto& m) { return m.seconds; }, [](const auto& m) { return seconds_text(m.seconds); });

  out += printf_string("%-36s", "");
  for (const mapper::MappingMetrics& m : s) out += printf_string(" %14s", m.strategy.c_str());
  if (compare) out += printf_string(" %20s", (s[0].strategy + "/" + s[1].strategy).c_str());
  out += "\n";
  for (const Row& row : rows) {
    out += printf_string("%-36s", row.label.c_str());
    for (const std::string& cell : row.cells) out += printf_string(" %14s", cell.c_str());
    if (compare) out += printf_string(" %20s", row.ratio.c_str());
    while (!out.empty() && out.back() == ' ') out.pop_back();
    out += "\n";
  }
  for (const StrategyFailure& f : r.failures) out += f.strategy + ": does not fit: " + f.message + "\n";
  if (s.empty()) return out;

  // The ten fullest cores of the first strategy.
  std::vector<uint32_t> cores;
  for (uint32_t c = 0; c < s[0].usage.size(); ++c)
    if (used(s[0].usage[c])) cores.push_back(c);
  std::stable_sort(cores.begin(), cores.end(), [&](uint32_t a, uint32_t b) {
    return fractions(s[0].usage[a], t).fullest() > fractions(s[0].usage[b], t).fullest();
  });
  if (cores.size() > 10) cores.resize(10);
  out += "\nfullest cores of the " + s[0].strategy + " mapping (" + std::to_string(cores.size()) + " of " +
         std::to_string(s[0].cores_used) + " used; % of each capacity):\n";
  out += printf_string("%6s %8s %9s %12s %10s %15s %9s\n", "core", "tile", "neurons", "input axons", "synapses",
                       "synapse memory", "fan-out");
  for (uint32_t c : cores) {
    const Fractions f = fractions(s[0].usage[c], t);
    out += printf_string("%6u %8s %9s %12s %10s %15s %9s\n", c,
                         printf_string("(%u,%u)", tile_x(t, c), tile_y(t, c)).c_str(), percent(f.neurons).c_str(),
                         percent(f.input_axons).c_str(), percent(f.synapses).c_str(), percent(f.synapse_bits).c_str(),
                         percent(f.fanout_entries).c_str());
  }
  return out;
}

}  // namespace axomesh::flows
