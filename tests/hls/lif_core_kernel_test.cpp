// C-simulation of the HLS core kernel (hls/lif_core_kernel.hpp): fed the same axon events
// as ChipSim's core, it must give the same spikes, u and v at every step -- against the
// Lava reference traces and NetworkSim for every Lava case, and against ChipSim (state and
// activity counts) for seeded random recurrent networks with delays.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <memory>
#include <vector>

#include "hls/lif_core_kernel.hpp"
#include "hls/one_core_events.hpp"
#include "lava_case.hpp"
#include "mapper/map_network.hpp"
#include "model/chip/chip_sim.hpp"
#include "model/sim/network_sim.hpp"
#include "network_builders.hpp"
#include "test_support.hpp"

using namespace axomesh;
using nlohmann::json;

namespace {

using Kernel = hls::LifCoreKernel<64, 256, 4096, 64>;

model::ChipImage map_onto_one_core(const model::Network& net) {
  const targets::Target target = test::one_core_target(Kernel::kNeurons, Kernel::kAxons, Kernel::kSynapses);
  return mapper::map_network(net, target, mapper::legalize(net, target), mapper::Strategy::Graph).image;
}

// One step of the kernel: deliver the events, update; returns the spiking neurons.
std::vector<uint32_t> run_step(Kernel& kernel, const std::vector<uint32_t>& axons, uint64_t& synaptic_ops,
                               hls::UpdateCounts& counts) {
  synaptic_ops = 0;
  for (uint32_t axon : axons) synaptic_ops += kernel.deliver_axon(axon);
  uint8_t spikes[Kernel::kNeurons];
  counts = kernel.update_all(spikes);
  std::vector<uint32_t> spiked;
  for (uint32_t n = 0; n < Kernel::kNeurons; ++n)
    if (spikes[n]) spiked.push_back(n);
  return spiked;
}

}  // namespace

TEST_CASE("the HLS core kernel reproduces every Lava trace and NetworkSim", "[hls][lava]") {
  const auto files = test::data_files("lava", ".json");
  REQUIRE(files.size() >= 19);
  uint64_t reference_spikes = 0;
  for (const std::string& file : files) {
    const json c = json::parse(test::read_file(file));
    INFO("case " << c["case"].get<std::string>());
    const model::Network net = test::lava_case_network(c);
    const model::ChipImage image = map_onto_one_core(net);
    REQUIRE(image.cores.size() == 1);
    const auto kernel = std::make_unique<Kernel>();
    kernel->load(image.cores[0]);
    model::NetworkSim sim(net);
    test::OneCoreEvents events(image);
    const auto& addresses = image.population_addresses.at(0);
    const uint32_t size = net.populations[0].size;
    REQUIRE(addresses.size() == size);
    std::vector<uint32_t> previous;
    uint64_t ops = 0;
    hls::UpdateCounts counts;
    for (uint64_t t = 0; t < c["num_steps"].get<uint64_t>(); ++t) {
      previous = run_step(*kernel, events.next(previous), ops, counts);
      sim.step();
      std::vector<int> kernel_spiked(size, 0), sim_spiked(size, 0);
      for (uint32_t i = 0; i < size; ++i)
        kernel_spiked[i] = std::binary_search(previous.begin(), previous.end(), addresses[i].neuron) ? 1 : 0;
      for (uint32_t i : sim.spiked(0)) sim_spiked[i] = 1;
      for (uint32_t i = 0; i < size; ++i) {
        INFO("step " << t << " neuron " << i);
        const uint32_t n = addresses[i].neuron;
        // The reference values, read from Lava's trace.
        REQUIRE(kernel->u(n) == c["u"][t][i].get<int64_t>());
        REQUIRE(kernel->v(n) == c["v"][t][i].get<int64_t>());
        REQUIRE(kernel_spiked[i] == c["spikes"][t][i].get<int>());
        reference_spikes += static_cast<uint64_t>(kernel_spiked[i]);
        // The network-level simulation.
        REQUIRE(kernel->u(n) == sim.u(0)[i]);
        REQUIRE(kernel->v(n) == sim.v(0)[i]);
        REQUIRE(kernel_spiked[i] == sim_spiked[i]);
      }
    }
  }
  CHECK(reference_spikes > 100);  // the traces exercise spiking, not only sub-threshold state
}

TEST_CASE("the HLS core kernel matches ChipSim on random networks with delays", "[hls][random]") {
  uint64_t compared_spikes = 0, compared_ops = 0;
  for (uint64_t seed = 1; seed <= 6; ++seed) {
    // Up to 60 steps of delay: the ring of 64 slots wraps many times in 300 steps.
    const model::Network net = test::random_network(seed, 48, 0.25, uint32_t(seed * 10));
    const model::ChipImage image = map_onto_one_core(net);
    REQUIRE(image.cores.size() == 1);
    const auto kernel = std::make_unique<Kernel>();
    kernel->load(image.cores[0]);
    model::ChipSim chip(image);
    test::OneCoreEvents events(image);
    std::vector<uint32_t> previous;
    uint64_t ops = 0;
    hls::UpdateCounts counts;
    for (uint64_t t = 0; t < 300; ++t) {
      previous = run_step(*kernel, events.next(previous), ops, counts);
      chip.step();
      INFO("seed " << seed << " step " << t);
      REQUIRE(previous == chip.core_spikes(0));
      for (uint32_t n = 0; n < image.cores[0].neurons.size(); ++n) {
        INFO("neuron " << n);
        REQUIRE(kernel->u(n) == chip.core_u(0, n));
        REQUIRE(kernel->v(n) == chip.core_v(0, n));
      }
      // The activity the kernel reports is ChipSim's, operation for operation.
      const model::Activity& activity = chip.stats().at(t, 0);
      REQUIRE(ops == activity.synaptic_ops);
      REQUIRE(counts.spikes == activity.spikes);
      REQUIRE(counts.active == activity.active_updates);
      REQUIRE(counts.idle == activity.idle_updates);
      compared_spikes += previous.size();
      compared_ops += ops;
    }
  }
  CHECK(compared_spikes > 1000);
  CHECK(compared_ops > 10000);
}

TEST_CASE("the HLS core kernel refuses an image larger than its memories", "[hls][errors]") {
  model::CoreImage image;
  image.neurons.resize(Kernel::kNeurons + 1);
  const auto kernel = std::make_unique<Kernel>();
  try {
    kernel->load(image);
    FAIL("expected an InputError");
  } catch (const model::InputError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].id == "HLS-0001");
    CHECK(e.diagnostics()[0].message == "expected at most 64 neurons (the kernel's capacity), found 65");
  }
  image.neurons.resize(2);
  image.axons.push_back({0, 1});
  image.synapses.push_back({1, 5, 64});  // a delay of 64 steps needs a ring of more than 64 slots
  try {
    kernel->load(image);
    FAIL("expected an InputError");
  } catch (const model::InputError& e) {
    CHECK(e.diagnostics()[0].id == "HLS-0005");
    CHECK(e.diagnostics()[0].path == "/synapses/0");
  }
}

TEST_CASE("the HLS core kernel names each memory an image overfills, and a bad input shift", "[hls][errors]") {
  const auto kernel = std::make_unique<Kernel>();
  const auto error_of = [&kernel](const model::CoreImage& image) {
    return test::input_error_message([&] { kernel->load(image); });
  };
  model::CoreImage axons;
  axons.neurons.resize(1);
  axons.axons.resize(Kernel::kAxons + 1);
  CHECK(error_of(axons) == "/axons: expected at most 256 axons (the kernel's capacity), found 257 [HLS-0002]");
  model::CoreImage synapses;
  synapses.neurons.resize(1);
  synapses.synapses.resize(Kernel::kSynapses + 1);
  CHECK(error_of(synapses) == "/synapses: expected at most 4096 synapses (the kernel's capacity), found 4097 [HLS-0003]");
  // Axon 1's list starts inside the synapse memory and runs one past its end.
  model::CoreImage past_end;
  past_end.neurons.resize(1);
  past_end.synapses.resize(3);
  past_end.axons = {{0, 1}, {1, 3}};
  CHECK(error_of(past_end) == "/axons/1: expected a synapse list inside the 3 synapses, found [1, 4) [HLS-0004]");
  model::CoreImage shifted;
  shifted.neurons.resize(2);
  shifted.neurons[1].input_shift = 32;
  CHECK(error_of(shifted) == "/neurons/1/input_shift: expected an input shift in 0..31, found 32 [HLS-0006]");
  shifted.neurons[1].input_shift = 31;
  CHECK(error_of(shifted) == "no error");
}
