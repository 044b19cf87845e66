#include "flows/formats/run_files.hpp"
#include "flows/report/energy_report.hpp"

#include "flows/formats/file_io.hpp"

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <sstream>

#include "flows/report/svg_charts.hpp"

namespace axomesh::flows {
namespace {

using nlohmann::json;
using targets::Operation;

constexpr std::size_t kTopCores = 5;

double fraction(uint64_t used, uint64_t capacity) { return capacity == 0 ? 0.0 : double(used) / double(capacity); }

// Each capacity's use, as a fraction; "fullest" as in the mapping report (synapses are
// counted inside synapse_bits).
json utilization(const mapper::CoreUsage& u, const targets::Target& t) {
  const uint64_t bits = static_cast<uint64_t>(std::max(1, t.synapse.bits_per_synapse()));
  const uint64_t synapse_capacity = std::max<uint64_t>(1, t.core.synapse_memory_bits / bits);
  const double neurons = fraction(u.neurons, t.core.neurons), axons = fraction(u.input_axons, t.core.input_axons);
  const double synapse_bits = fraction(u.synapse_bits, t.core.synapse_memory_bits);
  const double fanout = fraction(u.fanout_entries, t.core.fanout_entries);
  return {{"neurons", neurons},
          {"input_axons", axons},
          {"synapses", fraction(u.synapses, synapse_capacity)},
          {"synapse_bits", synapse_bits},
          {"fanout_entries", fanout},
          {"fullest", std::max({neurons, axons, synapse_bits, fanout})}};
}

bool used(const mapper::CoreUsage& u) { return u.neurons + u.input_axons + u.synapses + u.fanout_entries > 0; }

json by_operation(const targets::EnergyBreakdown& b) {
  json j = json::object();
  for (std::size_t i = 0; i < targets::kOperationCount; ++i)
    j[targets::operation_name(static_cast<Operation>(i))] = b.joules[i];
  return j;
}

// The `count` cores with the largest `value`, largest first (ties: lower core first).
std::vector<uint32_t> top_cores(const std::vector<double>& value, const std::vector<bool>& listed, std::size_t count) {
  std::vector<uint32_t> order;
  for (uint32_t c = 0; c < value.size(); ++c)
    if (listed[c]) order.push_back(c);
  std::stable_sort(order.begin(), order.end(), [&](uint32_t a, uint32_t b) { return value[a] > value[b]; });
  if (order.size() > count) order.resize(count);
  return order;
}

json figures_marked_estimate(const targets::Target& t) {
  json list = json::array();
  const std::pair<const char*, const std::map<std::string, targets::Figure>*> sections[] = {
      {"energy_j", &t.energy}, {"time_s", &t.time}, {"static_power_w", &t.power}};
  for (const auto& [section, figures] : sections)
    for (const auto& [name, figure] : *figures)
      if (figure.estimate)
        list.push_back({{"figure", std::string(section) + "." + name}, {"value", figure.value}, {"source", figure.source}});
  return list;
}

json report_json(const model::Network& network, const model::ChipImage& image, const targets::Target& target,
                 const model::ActivityStats& stats, uint64_t samples, const EnergyReport& r) {
  const targets::ChipEstimate& e = r.estimate;
  const uint32_t cores = static_cast<uint32_t>(e.per_core.size());
  const uint64_t steps = std::max<uint64_t>(1, e.steps);

  // Cores listed: those in use, and any other the model charged (none today).
  std::vector<bool> listed(cores, false);
  std::vector<double> core_energy(cores, 0.0);
  uint32_t cores_used = 0;
  for (uint32_t c = 0; c < cores; ++c) {
    core_energy[c] = e.per_core[c].total();
    const bool in_use = c < r.usage.size() && used(r.usage[c]);
    cores_used += in_use ? 1 : 0;
    listed[c] = in_use || core_energy[c] != 0.0;
  }
  json core_table = json::array();
  for (uint32_t c = 0; c < cores; ++c) {
    if (!listed[c]) continue;
    json row = {{"core", c},
                {"tile", {{"x", image.x_of(c)}, {"y", image.y_of(c)}}},
                {"used", c < r.usage.size() && used(r.usage[c])},
                {"energy_j", {{"total", core_energy[c]}, {"by_operation", by_operation(e.per_core[c])}}},
                {"busy_s", e.per_core_seconds[c]},
                {"utilization", c < r.usage.size() ? utilization(r.usage[c], target) : json(nullptr)}};
    core_table.push_back(std::move(row));
  }

  // The critical core: the one that set the step time most often.
  std::vector<uint64_t> critical(cores, 0);
  json step_energy = json::array(), step_seconds = json::array();
  double max_step = 0.0, route = 0.0, barrier = 0.0;
  for (const targets::StepEstimate& s : e.per_step) {
    if (s.critical_core < cores) ++critical[s.critical_core];
    step_energy.push_back(s.energy);
    step_seconds.push_back(s.seconds);
    max_step = std::max(max_step, s.seconds);
    route += s.route_seconds;
    barrier += s.barrier_seconds;
  }
  const uint32_t critical_core =
      cores == 0 ? 0 : static_cast<uint32_t>(std::max_element(critical.begin(), critical.end()) - critical.begin());

  const auto top = [&](const std::vector<double>& value, const char* key, double total) {
    json list = json::array();
    for (uint32_t c : top_cores(value, listed, kTopCores))
      list.push_back({{"core", c}, {"x", image.x_of(c)}, {"y", image.y_of(c)}, {key, value[c]},
                      {"share", total > 0 ? value[c] / total : 0.0}});
    return list;
  };
  const double busy_total = std::accumulate(e.per_core_seconds.begin(), e.per_core_seconds.end(), 0.0);
  const model::Activity a = stats.total();
  const double total = e.total.total();

  json j;
  j["format"] = "axomesh-energy-report";
  j["version"] = 1;
  j["network"] = {{"name", network.name}, {"neurons", network.neuron_count()}, {"synapses", network.synapse_count()}};
  j["target"] = {{"name", target.name},
                 {"description", target.description},
                 {"mesh", {{"width", target.mesh_width}, {"height", target.mesh_height},
                           {"cores_per_tile", target.cores_per_tile}}}};
  j["steps"] = e.steps;
  j["samples"] = samples;
  j["cores_used"] = cores_used;
  j["tiles_used"] = e.tiles_used;
  j["activity"] = {{"synaptic_ops", a.synaptic_ops},     {"active_updates", a.active_updates},
                   {"idle_updates", a.idle_updates},     {"spikes", a.spikes},
                   {"packets", a.packets},               {"packets_in_tile", a.packets_in_tile},
                   {"hops_east_west", a.hops_east + a.hops_west}, {"hops_north_south", a.hops_north + a.hops_south},
                   {"offchip_inputs", a.offchip_inputs}};
  j["energy_j"] = {{"total", total},
                   {"dynamic", e.total.dynamic()},
                   {"static", e.total[Operation::Static]},
                   {"by_operation", by_operation(e.total)}};
  j["time_s"] = {{"total", e.seconds},
                 {"step_mean", e.seconds / double(steps)},
                 {"step_max", max_step},
                 {"route_mean", route / double(steps)},
                 {"barrier_mean", barrier / double(steps)}};
  j["average_power_w"] = e.average_power();
  j["energy_per_step_j"] = e.energy_per_step();
  j["steps_per_second"] = e.steps_per_second();
  j["gsops_per_watt"] = e.gsops_per_watt();
  j["energy_per_synaptic_op_j"] = {{"all_in", e.energy_per_synaptic_op()},
                                   {"dynamic", e.dynamic_energy_per_synaptic_op()}};
  j["energy_per_sample_j"] = e.energy_per_sample(samples);
  j["critical_core"] = {{"core", critical_core},
                        {"x", cores ? image.x_of(critical_core) : 0},
                        {"y", cores ? image.y_of(critical_core) : 0},
                        {"steps_critical", cores ? critical[critical_core] : 0},
                        {"share_of_steps", cores ? double(critical[critical_core]) / double(steps) : 0.0},
                        {"busy_s", cores ? e.per_core_seconds[critical_core] : 0.0}};
  j["cores"] = std::move(core_table);
  j["top_cores_by_energy"] = top(core_energy, "energy_j", total);
  j["top_cores_by_time"] = top(e.per_core_seconds, "busy_s", busy_total);
  j["per_step"] = {{"energy_j", std::move(step_energy)}, {"seconds", std::move(step_seconds)}};
  j["reference"] = {{"model", "dense/sparse matrix-vector products on a conventional processor (Horowitz, ISSCC 2014)"},
                    {"description", r.reference.description},
                    {"joules", r.reference.joules},
                    {"macs", r.reference.macs},
                    {"word_reads", r.reference.word_reads},
                    {"ratio_reference_to_neuromorphic", total > 0 ? r.reference.joules / total : 0.0}};
  j["estimated_figures"] = figures_marked_estimate(target);
  j["missing"] = e.missing;
  return j;
}

}  // namespace

EnergyReport make_energy_report(const model::Network& network, const model::ChipImage& image,
                                const targets::Target& target, const model::ActivityStats& stats, uint64_t samples) {
  EnergyReport r;
  r.estimate = targets::estimate(stats, image, target);
  r.reference = targets::reference_estimate(network, r.estimate.steps);
  r.usage = mapper::core_usage(image, target);
  r.json = report_json(network, image, target, stats, samples, r);
  r.markdown = energy_report_markdown(r.json);

  const uint32_t cores = image.geometry.core_count();
  const double nan = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> energy(cores, nan), fullest(cores, nan);
  for (const json& row : r.json["cores"]) {
    const uint32_t c = row["core"].get<uint32_t>();
    if (c >= cores || !row["used"].get<bool>()) continue;
    energy[c] = row["energy_j"]["total"].get<double>();
    fullest[c] = 100.0 * row["utilization"]["fullest"].get<double>();
  }
  const std::string on = " (" + network.name + " on " + target.name + ", " + std::to_string(r.estimate.steps) + " steps)";
  r.energy_heatmap_svg = mesh_heat_map_svg(image.geometry, energy, "Energy per core" + on, "J");
  r.utilization_heatmap_svg = mesh_heat_map_svg(image.geometry, fullest, "Fullest capacity per core" + on, "%");
  std::vector<std::pair<std::string, double>> bars;
  for (std::size_t i = 0; i < targets::kOperationCount; ++i) {
    const double joules = r.estimate.total.joules[i];
    if (joules > 0) bars.emplace_back(targets::operation_name(static_cast<Operation>(i)), joules);
  }
  r.breakdown_svg = bar_chart_svg(bars, "Energy by operation" + on, "J");
  return r;
}

std::string energy_report_summary(const json& j) {
  std::ostringstream out;
  const json& c = j["critical_core"];
  out << "energy of " << j["network"]["name"].get<std::string>() << " on " << j["target"]["name"].get<std::string>()
      << ", " << j["steps"].get<uint64_t>() << " steps (modelled):\n"
      << "  total " << format_si(j["energy_j"]["total"].get<double>(), "J") << " (dynamic "
      << format_si(j["energy_j"]["dynamic"].get<double>(), "J") << ", static "
      << format_si(j["energy_j"]["static"].get<double>(), "J") << "), "
      << format_si(j["energy_per_step_j"].get<double>(), "J") << " per step, "
      << format_si(j["energy_per_sample_j"].get<double>(), "J") << " per sample\n"
      << "  time " << format_si(j["time_s"]["total"].get<double>(), "s") << " ("
      << format_si(j["steps_per_second"].get<double>(), "") << " steps/s" << "), average power "
      << format_si(j["average_power_w"].get<double>(), "W") << "\n"
      << "  " << format_si(j["energy_per_synaptic_op_j"]["all_in"].get<double>(), "J") << " per synaptic op all-in, "
      << format_si(j["energy_per_synaptic_op_j"]["dynamic"].get<double>(), "J") << " dynamic; "
      << format_si(j["gsops_per_watt"].get<double>(), "") << " GSOP/s/W" << "\n"
      << "  critical core " << c["core"].get<uint32_t>() << " at tile (" << c["x"].get<uint32_t>() << ","
      << c["y"].get<uint32_t>() << "), slowest in " << format_si(100.0 * c["share_of_steps"].get<double>(), "%")
      << " of steps\n"
      << "  reference model (Horowitz 2014 matrix-vector products): "
      << format_si(j["reference"]["joules"].get<double>(), "J") << ", "
      << format_si(j["reference"]["ratio_reference_to_neuromorphic"].get<double>(), "") << "x the chip's energy\n";
  if (!j["missing"].empty()) {
    out << "  figures the target does not give (counted as 0):";
    for (const json& m : j["missing"]) out << " " << m.get<std::string>();
    out << "\n";
  }
  return out.str();
}

void save_energy_report(const EnergyReport& report, const std::string& dir, std::ostream& out) {
  const std::string json_text = report.json.dump(1) + "\n";
  write_files(dir, {{run_files::kEnergy, &json_text}, {run_files::kEnergyText, &report.markdown},
                    {kEnergyHeatMapFile, &report.energy_heatmap_svg},
                    {kUtilizationHeatMapFile, &report.utilization_heatmap_svg},
                    {kEnergyBreakdownFile, &report.breakdown_svg}},
              out);
}

}  // namespace axomesh::flows
