// A SANA-FE workload written by hand, run end to end: every count and energy derived by hand.
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_run.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/base/diagnostic.hpp"
#include "model/sim/network_sim.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

// Two tiles in a row (width 2, height 1), two cores each; round figures.
const char* kArch = R"(architecture:
  name: tiny
  attributes: {topology: mesh, width: 2, height: 1, link_buffer_size: 4, sync_model: fixed, latency_sync: 1.0e-6}
  tile:
    - name: t[0..1]
      attributes: {energy_east_hop: 3.0e-12, latency_east_hop: 1.0e-9, energy_west_hop: 3.0e-12, latency_west_hop: 1.0e-9,
                   energy_north_hop: 5.0e-12, latency_north_hop: 2.0e-9, energy_south_hop: 5.0e-12, latency_south_hop: 2.0e-9}
      core:
        - name: c[0..1]
          attributes: {max_neurons_supported: 8}
          axon_in: [{name: ain, attributes: {energy_message_in: 0.0, latency_message_in: 0.0}}]
          synapse: [{name: syn, attributes: {model: current_based, energy_process_spike: 10.0e-12, latency_process_spike: 1.0e-9}}]
          dendrite: [{name: den, attributes: {model: accumulator}}]
          soma: [{name: lif, attributes: {model: leaky_integrate_fire, energy_access_neuron: 1.0e-12, latency_access_neuron: 1.0e-9,
                  energy_update_neuron: 2.0e-12, latency_update_neuron: 1.0e-9, energy_spike_out: 4.0e-12, latency_spike_out: 1.0e-9}}]
          axon_out: [{name: aout, attributes: {energy_message_out: 100.0e-12, latency_message_out: 1.0e-9}}]
)";

// Two biased inputs drive one output that never fires (threshold 100, at most 8 inputs of 1).
const char* kNetwork = R"(network:
  name: handmade
  groups:
  - name: in
    attributes: {soma_hw_name: lif, synapse_hw_name: syn, threshold: 10, reset: 0, leak_decay: 1.0}
    neurons:
    - 0: {bias: 4}
    - 1: {bias: 6}
  - name: out
    attributes: {soma_hw_name: lif, synapse_hw_name: syn, threshold: 100, reset: 0, leak_decay: 1.0}
    neurons:
    - 0: {}
  edges:
  - in -> out: {type: dense, weight: [1, 1]}
mappings:
- {in.0: {core: '0.0'}}
- {in.1: {core: '1.0'}}
- {out.0: {core: '1.1'}}
)";

struct Files {
  std::string arch, net;
};
Files write_files() {
  const std::string dir = test::temporary_folder("sanafe_run");
  std::ofstream(dir + "/arch.yaml") << kArch;
  std::ofstream(dir + "/net.yaml") << kNetwork;
  return {dir + "/arch.yaml", dir + "/net.yaml"};
}

}  // namespace

TEST_CASE("SANA-FE run: a hand-built network's counts and energy", "[sanafe]") {
  const Files f = write_files();
  flows::SanafeRunOptions options;
  options.steps = 10;
  options.sanafe_updates = flows::SanafeRunOptions::SanafeUpdates::Exact;
  const flows::SanafeRun r = flows::run_sanafe(f.arch, f.net, options);

  // in.0: potential 4, 8, 12 > 10 -> fires at steps 3, 6, 9 (reset to 0, no leak).
  // in.1: 6, 12 -> fires at steps 2, 4, 6, 8, 10. out: never (threshold 100).
  CHECK(r.population_spikes == std::vector<uint64_t>{8, 0});
  CHECK(r.total.spikes == 8);
  // A spike of step t is delivered in step t + 1: the spike of step 10 is still in flight.
  CHECK(r.total.packets == 7);
  CHECK(r.total.synaptic_ops == 7);
  CHECK(r.in_flight.packets == 1);
  CHECK(r.in_flight.synaptic_ops == 1);
  // Tiles in a row (height 1): tile t at x = t. in.0 (tile 0) -> out (tile 1): one east
  // hop per spike; in.1 shares out's tile: no hop.
  CHECK(r.total.hops_east == 3);
  CHECK(r.total.hops() == 3);
  CHECK(r.in_flight.hops() == 0);
  CHECK(r.total.packets_in_tile + r.in_flight.packets_in_tile == 5);
  CHECK(r.cores_used == 3);
  CHECK(r.tiles_used == 2);
  // SANA-FE's updates: both inputs every step (bias) = 20; out from step 3 (first input,
  // from in.1's spike at step 2), then v != 0 through step 10 = 8. Ours agree here.
  CHECK(r.sanafe_updates == 28);
  CHECK(r.sanafe_updates_exact == 28);
  CHECK(r.total.active_updates == 28);
  CHECK(r.total.idle_updates == 2);
  // Energy by SANA-FE's categories, from the counts above and the file's figures:
  // synapse 7 x 10 pJ; soma 30 accesses x 1 + 28 updates x 2 + 8 spikes x 4 pJ;
  // network 7 packets x 100 pJ + 3 east hops x 3 pJ.
  CHECK(r.synapse_energy == Approx(70e-12));
  CHECK(r.soma_energy == Approx(118e-12));
  CHECK(r.network_energy == Approx(709e-12));
  CHECK(r.total_energy == Approx(897e-12));
  CHECK(r.estimate.seconds >= 10 * 1.0e-6);  // at least the fixed 1 us barrier per step

  const std::string report = flows::sanafe_report_text(r);
  CHECK(report.find("placement given: 3 cores on 2 tiles") != std::string::npos);

  // Our mapper: the same spikes (the placement never changes a result).
  options.placement = flows::SanafePlacement::Ours;
  const flows::SanafeRun ours = flows::run_sanafe(f.arch, f.net, options);
  CHECK(ours.population_spikes == r.population_spikes);
  CHECK(ours.total.synaptic_ops == r.total.synaptic_ops);
}

TEST_CASE("SANA-FE run: a unit the architecture lacks is named", "[sanafe]") {
  const Files f = write_files();
  std::string net = kNetwork;
  net.replace(net.rfind("synapse_hw_name: syn"), 20, "synapse_hw_name: foo");  // out's: the unit of in -> out
  std::ofstream(f.net) << net;
  CHECK_THROWS_WITH(flows::run_sanafe(f.arch, f.net, {}), Catch::Contains("SFE-0503") && Catch::Contains("\"foo\""));
  const test::CommandResult cli = test::run_cli("sanafe " + f.arch + " " + f.net);
  CHECK(cli.exit_code == 2);
  CHECK(cli.output.find("SFE-0503") != std::string::npos);
}

TEST_CASE("SANA-FE run: dvs.yaml on its given placement spikes as NetworkSim does", "[sanafe]") {
  const std::string dir = std::string(AXOMESH_SHARED_DIR) + "/vectors/sanafe";
  if (!std::filesystem::exists(dir + "/dvs.yaml")) {
    WARN("skipped: " << dir << "/dvs.yaml not found");
    return;
  }
  // The invariant of DESIGN.md on the imported network: the mapped chip (the file's own
  // placement) and the network simulation give the same spikes at every step.
  const flows::SanafeNetwork net = flows::read_sanafe_network(dir + "/dvs.yaml");
  const flows::SanafeArchitecture arch = flows::read_sanafe_architecture(dir + "/loihi.yaml");
  std::vector<std::string> unmodelled;
  const targets::Target target = flows::sanafe_target(arch, "", unmodelled);
  std::vector<std::vector<uint32_t>> cores(net.mapping.size());
  for (std::size_t p = 0; p < net.mapping.size(); ++p)
    for (const flows::SanafeCore& c : net.mapping[p]) cores[p].push_back(flows::physical_core(arch, c));
  const mapper::MappingResult mapped = mapper::map_given(net.network, target, cores);
  CHECK(mapped.metrics.cores_used == 49);
  model::ChipSim chip(mapped.image);
  model::NetworkSim sim(net.network);
  uint64_t spikes = 0;
  for (int step = 0; step < 60; ++step) {
    chip.step();
    sim.step();
    for (std::size_t p = 0; p < net.network.populations.size(); ++p) {
      INFO("step " << step << ", group " << net.groups[p].name);
      REQUIRE(chip.spiked(p) == sim.spiked(p));
      spikes += sim.spiked(p).size();
    }
  }
  CHECK(spikes > 0);
}
