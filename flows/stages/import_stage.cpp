// The import stage: reads a NIR graph, quantises it for a target's fixed point, runs the
// float reference and the bit-accurate model on the same input, and reports the weight
// errors and the spike agreement (docs/nir-import.md).
#include <cmath>
#include <iostream>

#include "flows/formats/file_io.hpp"
#include "flows/formats/json_reader.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "flows/nir/nir_graph.hpp"
#include "flows/nir/nir_import_report.hpp"
#include "flows/nir/nir_network.hpp"
#include "flows/nir/nir_reference_sim.hpp"
#include "flows/nir/nir_to_network.hpp"
#include "flows/stages/progress.hpp"
#include "flows/stages/stages.hpp"
#include "model/sim/network_sim.hpp"
#include "model/sim/spike_source_generator.hpp"

namespace axomesh::flows {
namespace {

// Bernoulli(p) spikes per input element and step, from a seeded generator.
std::vector<NirRaster> generated_input(const NirNetwork& net, double p, uint64_t seed, uint64_t steps) {
  std::vector<NirRaster> rasters;
  for (std::size_t k = 0; k < net.inputs.size(); ++k) {
    model::SpikeSource source;
    source.name = net.inputs[k].name;
    source.size = net.inputs[k].size;
    source.kind = model::SourceKind::Bernoulli;
    source.p = p;
    source.seed = seed + k;
    model::SpikeSourceGenerator generator(source);
    NirRaster raster(source.size);
    std::vector<uint32_t> spikes;
    for (uint64_t t = 0; t < steps; ++t) {
      generator.emit_next_step(spikes);
      for (uint32_t n : spikes) raster[n].push_back(static_cast<uint32_t>(t));
    }
    rasters.push_back(std::move(raster));
  }
  return rasters;
}

// {"INPUT": [[steps of element 0], ...], ...}, or one such array when the graph has one input.
std::vector<NirRaster> input_from_file(const NirNetwork& net, const std::string& path) {
  const std::string text = read_text_file(path);
  // Every error of this file is NIR-0301 (its JSON codes would collide with the HDF5 ones).
  const json doc = parse_json_text(text, path, "NIR-0301");
  const JsonValue root(doc, "", path, "NIR-0301");
  std::vector<NirRaster> rasters;
  for (const NirInput& input : net.inputs) {
    const bool bare = root.is_array() && net.inputs.size() == 1;
    if (!bare) root.expect_object();
    const JsonValue value = bare ? root : root.field(input.name.c_str());
    if (value.array_size() != input.size)
      value.fail("NIR-0301", "expected " + std::to_string(input.size) + " spike lists (one per element of input \"" +
                                 input.name + "\"), found " + std::to_string(value.array_size()));
    NirRaster raster(input.size);
    for (uint32_t n = 0; n < input.size; ++n) {
      const JsonValue times = value.element(n);
      for (std::size_t i = 0; i < times.array_size(); ++i)
        raster[n].push_back(static_cast<uint32_t>(times.element(i).as_int(model::limits::kSpikeStep)));
      for (std::size_t i = 1; i < raster[n].size(); ++i)
        if (raster[n][i] <= raster[n][i - 1])
          times.element(i).fail("NIR-0301", "expected strictly ascending steps, found " + std::to_string(raster[n][i]) +
                                                " after " + std::to_string(raster[n][i - 1]));
    }
    rasters.push_back(std::move(raster));
  }
  return rasters;
}

}  // namespace

StageOutcome run_import_stage(const std::string& nir_file, const targets::Target& target,
                              const ImportStageOptions& options, const std::optional<std::string>& network_out,
                              const std::optional<std::string>& report_out, std::ostream& log) {
  if (!(options.dt_s > 0) || !std::isfinite(options.dt_s))
    throw model::InputError({{"NIR-0201", "--dt", "expected a time step > 0 s, found " + std::to_string(options.dt_s)}});
  if (!(options.rate >= 0 && options.rate <= 1))
    throw model::InputError(
        {{"NIR-0201", "--rate", "expected a probability in 0..1, found " + std::to_string(options.rate)}});
  if (!target.supports("loihi_lif"))
    throw model::InputError({{"NIR-0202", "target", "expected a target offering the loihi_lif neuron model, found \"" +
                                                         target.name + "\" without it"}});
  const uint64_t steps = options.steps;
  const NirGraph graph = read_nir_graph(nir_file);
  const NirNetwork net = fold_nir_graph(graph, options.dt_s);
  NirQuantisation q = quantise_nir_network(net, {target.max_weight_bits, target.max_delay});
  const std::vector<NirRaster> input = options.input_file ? input_from_file(net, *options.input_file)
                                                          : generated_input(net, options.rate, options.seed, steps);
  for (std::size_t k = 0; k < input.size(); ++k) q.network.sources[k].spike_times = input[k];

  const std::vector<PopulationActivity> reference = run_nir_reference(net, input, steps);
  // The comparison also probes the spiking populations' v (the written network does not).
  model::Network compared = q.network;
  for (model::Probe& probe : compared.probes) probe.v = true;
  model::NetworkSim sim(compared);
  sim.run(steps, progress_bar(steps));
  const std::vector<PopulationActivity> fixed = decode_fixed_run(net, q, sim.trace());
  const NirImportReport report = compare_runs(net, reference, fixed, steps);

  log << "target " << target.name << ": " << target.max_weight_bits << "-bit weights, " << target.state_bits
      << "-bit state\n";
  print_import_report(log, net, q, report);
  if (network_out) {
    save_network(q.network, *network_out);
    log << "network written to " << *network_out << "\n";
  }
  if (report_out) {
    write_text_file_atomically(*report_out, import_report_to_json(net, q, report).dump(2) + "\n");
    log << "report written to " << *report_out << "\n";
  }
  StageOutcome outcome;
  outcome.key_figure = std::to_string(q.network.neuron_count()) + " neurons, " +
                       std::to_string(q.network.synapse_count()) + " synapses quantised";
  outcome.output = network_out ? *network_out : std::string();
  return outcome;
}

}  // namespace axomesh::flows
