// Mapping benchmark: the axomesh mapper beside the baseline (populations filled in
// order, row-major placement) on the Brian2 workloads and on a Loihi-2-scale network of
// 1M neurons and 100M synapses; prints mapping time, peak memory, utilization and traffic.
// On TrueNorth, the workloads converted to truenorth populations (truenorth_workloads.cpp
// documents the conversion); a core there is one atom, so both mappers partition alike
// and differ in placement; the rows add the splitter neurons legalize inserts.
//
//   bench_mapping [--large-only|--small-only] [--targets DIR]
#include <chrono>
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "bench/brian2_workloads.hpp"
#include "bench/layered_network.hpp"
#include "bench/truenorth_workloads.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/map_network.hpp"
#include "model/base/diagnostic.hpp"

namespace {

using namespace axomesh;

double peak_mb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  double kb = 0;
  while (status >> key)
    if (key == "VmHWM:" && status >> kb) return kb / 1024.0;
  return 0;
}

double seconds_since(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void print_metrics(const mapper::MappingMetrics& m) {
  std::printf("  %-10s cores %4u  util %5.1f%% (neurons %5.1f%%)  inter-core %12.1f spikes/step  hop traffic %12.1f "
              "hops/step  max link %10.1f  %6.2f s\n",
              m.strategy.c_str(), m.cores_used, 100 * m.mean_utilization, 100 * m.mean_neuron_utilization,
              m.inter_core_spikes, m.hop_traffic, m.links.max_load, m.seconds);
  if (m.splitter_neurons > 0)
    std::printf("  %-10s splitter neurons %llu on %u cores\n", m.strategy.c_str(),
                static_cast<unsigned long long>(m.splitter_neurons), m.splitter_cores);
}

void run_mapping(const std::string& label, const model::Network& net, const targets::Target& target) {
  std::printf("\n== %s on %s: %llu neurons, %llu synapses ==\n", label.c_str(), target.name.c_str(),
              static_cast<unsigned long long>(net.neuron_count()), static_cast<unsigned long long>(net.synapse_count()));
  try {
    const auto start = std::chrono::steady_clock::now();
    const mapper::AtomNetwork atoms = mapper::legalize(net, target);
    const double legalize_s = seconds_since(start);
    const auto ours = mapper::map_network(net, target, atoms, mapper::Strategy::Graph).metrics;
    const auto base = mapper::map_network(net, target, atoms, mapper::Strategy::Baseline).metrics;
    std::printf("  legalize (profiling run, atoms, graph of %zu atoms): %.2f s\n", atoms.atoms.size(), legalize_s);
    print_metrics(ours);
    print_metrics(base);
      auto ratio = [](double a, double b) { return b > 0 ? std::to_string(a / b).substr(0, 4) : std::string("n/a"); };
    std::printf("  ours/baseline: cores %s, inter-core spikes %s, hop traffic %s, max link %s; "
                "total mapping time %.2f s; peak memory %.0f MB\n",
                ratio(ours.cores_used, base.cores_used).c_str(), ratio(ours.inter_core_spikes, base.inter_core_spikes).c_str(),
                ratio(ours.hop_traffic, base.hop_traffic).c_str(), ratio(ours.links.max_load, base.links.max_load).c_str(),
                legalize_s + ours.seconds, peak_mb());
  } catch (const model::InputError& e) {
    std::printf("  not mappable: %s\n", e.what());
  }
}

}  // namespace

int main(int argc, char** argv) {
  bool small = true, large = true;
  std::string dir = AXOMESH_TARGETS_DIR;
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--large-only") small = false;
    else if (a == "--small-only") large = false;
    else if (a == "--targets" && i + 1 < argc) dir = argv[++i];
    else {
      std::printf("usage: %s [--large-only|--small-only] [--targets DIR]\n", argv[0]);
      return a == "--help" ? 0 : 2;
    }
  }
  const targets::Target loihi2 = flows::load_target(dir + "/loihi2.json");
  const targets::Target truenorth = flows::load_target(dir + "/truenorth.json");
  if (small) {
    for (const char* name : {"lif-sparse", "ff-layers"}) {
      const model::Network net = bench::make_workload(name, "", 1234).network;
      run_mapping(name, net, loihi2);
      run_mapping(std::string(name) + " as truenorth populations", bench::truenorth_workload(net, truenorth.core.input_axons),
                  truenorth);
    }
  }
  if (large) {
    const auto start = std::chrono::steady_clock::now();
    const model::Network net = bench::layered_network({}, 7);
    std::printf("\nbuilt the layered network in %.1f s\n", seconds_since(start));
    run_mapping("layered 1M neurons / 100M synapses", net, loihi2);
  }
  return 0;
}
