// The SystemC core (hls/systemc_core.hpp) runs mapped random networks in a SystemC
// simulation: its AER output must carry ChipSim's spikes at every step, and each step must
// last exactly the sum of the per-operation times of what it did, with the operation
// counts taken from ChipSim's activity statistics and the times from the Loihi 1 target.
//
// SystemC elaborates once per process, so every network's bench is built before the one
// simulation run, and all of them are checked afterwards (no assertion runs inside a
// SystemC process).
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <memory>
#include <string>
#include <vector>

#include <systemc>

#include "hls/one_core_events.hpp"
#include "hls/systemc_core.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using sc_core::sc_time;

namespace {

constexpr uint64_t kSteps = 200;

// Drives one SystemcCore through kSteps steps and records what came out.
class CoreBench : public sc_core::sc_module {
 public:
  SC_HAS_PROCESS(CoreBench);
  CoreBench(const sc_core::sc_module_name& name, const model::ChipImage& image, const hls::CoreTiming& timing)
      : sc_core::sc_module(name),
        axons_("axons", 16384),
        spikes_("spikes", hls::SystemcCoreKernel::kNeurons),
        core_("core", image.cores.at(0), timing),
        events_(image) {
    core_.axon_in(axons_);
    core_.spike_out(spikes_);
    core_.step_start(step_);
    core_.done(done_);
    SC_THREAD(drive);
  }

  std::vector<std::vector<uint32_t>> spikes_per_step;
  std::vector<sc_time> step_durations;

 private:
  void drive() {
    std::vector<uint32_t> previous;
    for (uint64_t t = 0; t < kSteps; ++t) {
      for (uint32_t axon : events_.next(previous)) axons_.write(axon);
      const sc_time started = sc_core::sc_time_stamp();
      step_.write(true);
      sc_core::wait(done_.posedge_event());
      step_durations.push_back(sc_core::sc_time_stamp() - started);
      step_.write(false);
      previous.clear();
      uint32_t neuron = 0;
      while (spikes_.nb_read(neuron)) previous.push_back(neuron);
      spikes_per_step.push_back(previous);
      sc_core::wait(sc_core::SC_ZERO_TIME);  // step is seen low before the next rising edge
    }
  }

  sc_core::sc_fifo<uint32_t> axons_;
  sc_core::sc_fifo<uint32_t> spikes_;
  sc_core::sc_signal<bool> step_{"step"};
  sc_core::sc_signal<bool> done_{"done"};
  hls::SystemcCore core_;
  test::OneCoreEvents events_;
};

sc_time figure(const nlohmann::json& target, const char* name) {
  return sc_time(target.at("time_s").at(name).at("value").get<double>(), sc_core::SC_SEC);
}

}  // namespace

TEST_CASE("the SystemC core matches ChipSim spike for spike, with per-operation timing", "[hls][systemc]") {
  // The per-operation times of Loihi 1, read from its target file.
  const auto loihi1 = nlohmann::json::parse(test::read_file(std::string(AXOMESH_TARGETS_DIR) + "/loihi1.json"));
  const hls::CoreTiming timing{figure(loihi1, "synaptic_op"), figure(loihi1, "neuron_update_active"),
                               figure(loihi1, "neuron_update_idle")};
  // 3.5 ns, 8.4 ns, 5.3 ns: whole picoseconds, so the sums below are exact.
  REQUIRE(timing.synaptic_op == sc_time(3500, sc_core::SC_PS));
  REQUIRE(timing.neuron_update_active == sc_time(8400, sc_core::SC_PS));
  REQUIRE(timing.neuron_update_idle == sc_time(5300, sc_core::SC_PS));

  const targets::Target target = test::one_core_target(64, 256, 4096);
  std::vector<model::ChipImage> images;
  for (uint64_t seed = 11; seed <= 13; ++seed) {
    model::Network net = test::random_network(seed, 48, 0.25, uint32_t(seed * 4));
    if (seed == 13) {  // no bias and sparse input: neurons fall idle, and their updates are timed too
      net.populations[0].lif.bias_mant = model::PerNeuron<int32_t>(0);
      net.sources[0].p = 0.02;
    }
    images.push_back(mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image);
    REQUIRE(images.back().cores.size() == 1);
  }
  std::vector<std::unique_ptr<CoreBench>> benches;
  for (std::size_t i = 0; i < images.size(); ++i)
    benches.push_back(std::make_unique<CoreBench>(("bench" + std::to_string(i)).c_str(), images[i], timing));
  sc_core::sc_start();

  uint64_t compared_spikes = 0, active_updates = 0, idle_updates = 0;
  sc_time longest_run;
  for (std::size_t i = 0; i < images.size(); ++i) {
    const CoreBench& bench = *benches[i];
    REQUIRE(bench.spikes_per_step.size() == kSteps);
    model::ChipSim chip(images[i]);
    sc_time run;
    for (uint64_t t = 0; t < kSteps; ++t) {
      chip.step();
      INFO("network " << i << " step " << t);
      REQUIRE(bench.spikes_per_step[t] == chip.core_spikes(0));
      compared_spikes += bench.spikes_per_step[t].size();
      const model::Activity& a = chip.stats().at(t, 0);
      const sc_time expected = timing.synaptic_op * static_cast<double>(a.synaptic_ops) +
                               timing.neuron_update_active * static_cast<double>(a.active_updates) +
                               timing.neuron_update_idle * static_cast<double>(a.idle_updates);
      REQUIRE(bench.step_durations[t] == expected);
      run += bench.step_durations[t];
      active_updates += a.active_updates;
      idle_updates += a.idle_updates;
    }
    if (run > longest_run) longest_run = run;
  }
  CHECK(compared_spikes > 500);
  CHECK(active_updates > 1000);  // both kinds of neuron update were timed
  CHECK(idle_updates > 100);
  // The benches ran side by side, each step right after the last: the simulation ends
  // with the longest bench's run.
  CHECK(sc_core::sc_time_stamp() == longest_run);
}
