// Import of SANA-FE's architecture format (its Loihi cost table) into a Target, and the
// energy model's optional figures it relies on (spike_out, synaptic_op.<class>, the
// barrier table).
#include <filesystem>
#include <fstream>

#include <catch2/catch.hpp>

#include "flows/sanafe/sanafe_arch.hpp"
#include "flows/formats/target_json.hpp"
#include "model/base/diagnostic.hpp"
#include "targets/energy_model.hpp"
#include "test_support.hpp"

using namespace axomesh;

namespace {

std::string loihi_yaml() { return std::string(AXOMESH_SHARED_DIR) + "/vectors/sanafe/loihi.yaml"; }

double energy(const targets::Target& t, const std::string& name) { return t.energy.at(name).value; }
double time_of(const targets::Target& t, const std::string& name) { return t.time.at(name).value; }

// An 8x4x4 chip image with one neuron on core 0 of each of the first `tiles` tiles.
model::ChipImage image_on_tiles(uint32_t tiles) {
  model::ChipImage image;
  image.geometry = {8, 4, 4};
  image.cores.resize(128);
  for (uint32_t t = 0; t < tiles; ++t) image.cores[t * 4].neurons.resize(1);
  return image;
}

}  // namespace

TEST_CASE("SANA-FE import: loihi.yaml becomes a target with its cost table", "[sanafe]") {
  if (!std::filesystem::exists(loihi_yaml())) {
    WARN("skipped: " << loihi_yaml() << " not found");
    return;
  }
  const flows::SanafeArchitecture arch = flows::read_sanafe_architecture(loihi_yaml());
  CHECK(arch.width == 8);
  CHECK(arch.height == 4);
  CHECK(arch.tiles == 32);
  CHECK(arch.cores_per_tile == 4);
  CHECK(arch.neurons_per_core == 1024);
  CHECK(arch.synapse_units == std::vector<std::string>{"loihi_dense_synapse", "loihi_sparse_synapse", "loihi_conv_synapse"});
  std::vector<std::string> unmodelled;
  const targets::Target t = flows::sanafe_target(arch, "loihi_lif", unmodelled);
  CHECK(t.core_count() == 128);
  CHECK(t.core.neurons == 1024);
  // The figures of README.txt, under the names our energy model reads.
  CHECK(energy(t, "synaptic_op") == Approx(35.5e-12));  // the first synapse unit is the default
  CHECK(energy(t, "synaptic_op.loihi_conv_synapse") == Approx(24.0e-12));
  CHECK(time_of(t, "synaptic_op.loihi_conv_synapse") == Approx(3.1e-9));
  CHECK(energy(t, "synaptic_op.loihi_sparse_synapse") == Approx(33.6e-12));
  CHECK(energy(t, "neuron_update_idle") == Approx(51.2e-12));         // access only
  CHECK(energy(t, "neuron_update_active") == Approx(72.8e-12));       // access 51.2 + update 21.6
  CHECK(time_of(t, "neuron_update_active") == Approx(9.7e-9));        // 6.0 + 3.7 ns
  CHECK(energy(t, "spike_out") == Approx(69.3e-12));
  CHECK(energy(t, "spike_in_tile") == Approx(111.0e-12));             // message out, per packet
  CHECK(energy(t, "hop_east_west") == Approx(3.0e-12));
  CHECK(energy(t, "hop_north_south") == Approx(4.2e-12));
  CHECK(time_of(t, "hop_north_south") == Approx(6.5e-9));
  CHECK(time_of(t, "barrier_sync_tiles_1") == Approx(0.6e-6));
  CHECK(time_of(t, "barrier_sync_tiles_29") == Approx(1.8e-6));
  REQUIRE(unmodelled.size() == 1);  // message_in's 16 ns
  CHECK(unmodelled[0].find("loihi_in") != std::string::npos);
  // The target, with its optional figure names, reads back from our JSON format.
  CHECK(flows::target_from_json_text(flows::target_to_json(t).dump(), "t.json") == t);

  // Tile t of SANA-FE sits at x = t / 4, y = t % 4; ours is numbered y * 8 + x.
  CHECK(flows::physical_core(arch, {5, 2}) == (1 * 8 + 1) * 4 + 2);
  CHECK(flows::physical_core(arch, {12, 0}) == (0 * 8 + 3) * 4);
  CHECK_THROWS_WITH(flows::physical_core(arch, {32, 0}), Catch::Contains("SFA-0301"));
}

TEST_CASE("Energy model: barrier table, spike_out and synapse classes", "[sanafe][energy]") {
  targets::Target t;
  t.name = "t";
  t.mesh_width = 8;
  t.mesh_height = 4;
  t.cores_per_tile = 4;
  t.energy["synaptic_op"] = {35.5e-12, "s", false};
  t.energy["synaptic_op.conv"] = {24.0e-12, "s", false};
  t.energy["spike_out"] = {69.3e-12, "s", false};
  t.time["spike_out"] = {30e-9, "s", false};
  t.time["barrier_sync_tiles_1"] = {0.6e-6, "s", false};
  t.time["barrier_sync_tiles_4"] = {1.4e-6, "s", false};
  t.time["barrier_sync_tiles_29"] = {1.8e-6, "s", false};

  // No activity: a step is its barrier; 13 tiles in use fall in the row of 4 (4 <= 13 < 29).
  model::ActivityStats idle(std::vector<std::string>(128, "c"));
  idle.begin_step();
  CHECK(targets::estimate(idle, image_on_tiles(13), t).seconds == Approx(1.4e-6));
  CHECK(targets::estimate(idle, image_on_tiles(1), t).seconds == Approx(0.6e-6));
  CHECK(targets::estimate(idle, image_on_tiles(32), t).seconds == Approx(1.8e-6));

  // Core 0: 10 synaptic ops of which 4 of class conv, and 3 spikes.
  model::ActivityStats stats(std::vector<std::string>(128, "c"));
  stats.begin_step();
  stats.current(0).synaptic_ops = 10;
  stats.current(0).spikes = 3;
  targets::SynapseClassOps classes;
  classes.classes = {"conv", "unpriced"};
  classes.ops.assign(128 * 2, 0);
  classes.ops[0 * 2 + 0] = 4;
  classes.ops[0 * 2 + 1] = 1;  // a class without its own figure pays synaptic_op
  const targets::ChipEstimate e = targets::estimate(stats, image_on_tiles(1), t, &classes);
  using Op = targets::Operation;
  CHECK(e.total[Op::SynapticOp] == Approx(4 * 24.0e-12 + 6 * 35.5e-12));
  CHECK(e.total[Op::SpikeOut] == Approx(3 * 69.3e-12));
  CHECK(e.seconds == Approx(0.6e-6 + 3 * 30e-9));  // core busy (spike_out) + barrier
  // Without class counts every op pays synaptic_op.
  CHECK(targets::estimate(stats, image_on_tiles(1), t).total[Op::SynapticOp] == Approx(10 * 35.5e-12));
}

TEST_CASE("SANA-FE import: architecture errors", "[sanafe]") {
  const std::string dir = test::temporary_folder("sanafe_arch");
  auto error_of = [&](const std::string& text) {
    std::ofstream(dir + "/a.yaml") << text;
    try {
      flows::read_sanafe_architecture(dir + "/a.yaml");
    } catch (const model::InputError& e) {
      return std::string(e.what());
    }
    return std::string("no error");
  };
  CHECK(error_of("architecture: {name: x}\n").find("SFA-0101") != std::string::npos);
  CHECK(error_of("architecture: {attributes: {topology: torus, width: 2, height: 2}}\n").find("SFA-0105") !=
        std::string::npos);
  CHECK(error_of("architecture:\n  attributes: {width: 2, height: 1}\n  tile:\n  - {name: 'a[0..1]'}\n  - {name: b}\n")
            .find("SFA-0107") != std::string::npos);
}
