#include "flows/stages/simulation_run.hpp"

#include <chrono>
#include <cstdio>
#include <sstream>

#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"

namespace axomesh::flows {

SimulationResult run_simulation(const model::Network& network, uint64_t steps,
                                const std::function<void(uint64_t)>& progress) {
  model::NetworkSim sim(network);
  SimulationResult result;
  const auto start = std::chrono::steady_clock::now();
  sim.run(steps, progress);
  result.wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  result.trace = sim.take_trace();
  result.stats = sim.stats();
  result.steps = steps;
  result.neurons = network.neuron_count();
  result.synapses = sim.synapse_count();
  for (std::size_t p = 0; p < network.projections.size(); ++p)
    if (network.projections[p].learning)
      result.learned_weights.emplace_back(network.projections[p].name, sim.learned_weights(p));
  return result;
}

static std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::stringstream in(text);
  std::string part;
  while (std::getline(in, part, separator)) parts.push_back(part);
  if (!text.empty() && text.back() == separator) parts.emplace_back();
  return parts;
}

model::Probe parse_probe_option(const std::string& text) {
  auto fail = [&](const std::string& why) -> model::Probe {
    throw model::InputError({{"CLI-0001", "--probe " + text, why}});
  };
  const auto parts = split(text, ':');
  if (parts.empty() || parts.size() > 3 || parts[0].empty())
    return fail("expected POP, POP:FIELDS or POP:FIELDS:NEURONS (e.g. exc:spikes,v:0,1,2)");
  model::Probe probe;
  probe.target = parts[0];
  if (parts.size() >= 2) {
    probe.spikes = false;
    for (const std::string& f : split(parts[1], ',')) {
      if (f == "spikes") probe.spikes = true;
      else if (f == "u") probe.u = true;
      else if (f == "v") probe.v = true;
      else return fail("expected fields spikes, u or v, found \"" + f + "\"");
    }
  }
  if (parts.size() == 3) {
    for (const std::string& n : split(parts[2], ',')) {
      char* end = nullptr;
      const unsigned long long value = std::strtoull(n.c_str(), &end, 10);
      if (n.empty() || *end != '\0' || n[0] == '-' || value > UINT32_MAX)
        return fail("expected neuron indices like 0,5,7, found \"" + n + "\"");
      probe.neurons.push_back(static_cast<uint32_t>(value));
    }
  }
  return probe;
}

static double real(uint64_t x) { return static_cast<double>(x); }

void print_summary(std::ostream& out, const model::Network& network, const SimulationResult& r) {
  const model::Activity total = r.stats.total();
  const double neuron_steps = static_cast<double>(r.neurons) * static_cast<double>(r.steps);
  char line[256];
  out << "network \"" << network.name << "\": " << r.neurons << " neurons, " << r.synapses << " synapses, "
      << network.sources.size() << " spike sources; " << r.steps << " steps\n";
  for (std::size_t p = 0; p < r.stats.units(); ++p) {
    const model::Activity a = r.stats.total(p);
    const double rate = real(a.spikes) / (network.populations[p].size * real(r.steps));
    std::snprintf(line, sizeof line, "  %-16s %10llu spikes  %8.4f spikes/neuron/step  %12llu synaptic ops\n",
                  r.stats.unit_name(p).c_str(), static_cast<unsigned long long>(a.spikes), rate,
                  static_cast<unsigned long long>(a.synaptic_ops));
    out << line;
  }
  std::snprintf(line, sizeof line,
                "total: %llu spikes (mean %.4f spikes/neuron/step = %.1f Hz at 1 ms/step), %llu synaptic ops, "
                "%llu neuron updates (%llu active)\n",
                static_cast<unsigned long long>(total.spikes), neuron_steps > 0 ? real(total.spikes) / neuron_steps : 0.0,
                neuron_steps > 0 ? 1000.0 * real(total.spikes) / neuron_steps : 0.0,
                static_cast<unsigned long long>(total.synaptic_ops),
                static_cast<unsigned long long>(total.neuron_updates()),
                static_cast<unsigned long long>(total.active_updates));
  out << line;
  std::snprintf(line, sizeof line, "wall time %.3f s (%.1f M synaptic ops/s, %.1f steps/s)\n", r.wall_seconds,
                r.wall_seconds > 0 ? real(total.synaptic_ops) / r.wall_seconds / 1e6 : 0.0,
                r.wall_seconds > 0 ? real(r.steps) / r.wall_seconds : 0.0);
  out << line;
}

nlohmann::json stats_to_json(const model::ActivityStats& stats) {
  nlohmann::json units = nlohmann::json::array();
  auto to_json = [](const model::Activity& a) {
    return nlohmann::json{{"synaptic_ops", a.synaptic_ops}, {"active_updates", a.active_updates},
                          {"idle_updates", a.idle_updates}, {"spikes", a.spikes},
                          {"synaptic_updates", a.synaptic_updates}};
  };
  for (std::size_t u = 0; u < stats.units(); ++u) {
    nlohmann::json per_step = nlohmann::json::array();
    for (uint64_t s = 0; s < stats.steps(); ++s) {
      const model::Activity& a = stats.at(s, u);
      per_step.push_back({a.synaptic_ops, a.active_updates, a.idle_updates, a.spikes});
    }
    units.push_back({{"name", stats.unit_name(u)}, {"total", to_json(stats.total(u))},
                     {"per_step_columns", {"synaptic_ops", "active_updates", "idle_updates", "spikes"}},
                     {"per_step", std::move(per_step)}});
  }
  return {{"format", "axomesh-activity"}, {"version", 1}, {"steps", stats.steps()},
          {"total", to_json(stats.total())}, {"units", std::move(units)}};
}

}  // namespace axomesh::flows
