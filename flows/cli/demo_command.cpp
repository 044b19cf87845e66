// axomesh demo: the embedded demo flow. The soft winner-take-all of demo_network.cpp is
// written as OUT/network.json and run through every stage of a flow -- mapped onto the
// Loihi-2-class loihi2-mini chip, simulated, priced, turned into RTL, linted, co-simulated
// against the chip model and synthesised -- with the same runner as `axomesh flow`.
#include <filesystem>
#include <iostream>

#include <cxxopts.hpp>
#include <nlohmann/json.hpp>

#include "flows/formats/run_files.hpp"
#include "flows/cli/cli.hpp"
#include "flows/stages/demo_network.hpp"
#include "flows/stages/flow_runner.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/file_io.hpp"

namespace axomesh::flows {
namespace {

// Spikes per input pool of the excitatory population: the channel with the highest rate
// should win (pools of 8 neurons, inputs at 10/20/30/40 Hz).
void print_winner(const std::string& trace_file, std::ostream& out) {
  const nlohmann::json trace = nlohmann::json::parse(read_text_file(trace_file));
  for (const nlohmann::json& record : trace["spikes"]) {
    if (record["population"] != "exc" || record.contains("neurons")) continue;
    uint64_t per_pool[4] = {0, 0, 0, 0};
    for (const nlohmann::json& event : record["events"]) {
      const uint64_t neuron = event[1].get<uint64_t>();
      if (neuron / 8 < 4) per_pool[neuron / 8] += 1;
    }
    out << "winner-take-all: exc spikes per pool (inputs at 10/20/30/40 Hz):";
    for (uint64_t c : per_pool) out << " " << c;
    out << "\n";
    return;
  }
}

}  // namespace

int demo_command(int argc, char** argv) {
  cxxopts::Options options(
      "axomesh demo",
      "Run the embedded demo flow on a soft winner-take-all network with Poisson inputs: write the network, map it "
      "onto a Loihi-2-class chip (loihi2-mini), simulate it bit-accurately, report its energy and latency, generate "
      "the chip's RTL, lint it, co-simulate it against the chip model spike for spike, and synthesise it. The stages "
      "are those of `axomesh flow` (docs/flows.md), and so are its exit codes: 0 passed, 1 a check found a difference "
      "or a defect, 2 bad input, 3 an internal or I/O error.");
  options.add_options()
    ("o,out", "output folder", cxxopts::value<std::string>()->default_value("axomesh-demo"))
    ("n,steps", "timesteps to simulate and to report", cxxopts::value<uint64_t>()->default_value("1000"))
    ("cosim-steps", "timesteps to co-simulate", cxxopts::value<uint64_t>()->default_value("200"))
    ("t,target", "chip to map onto: a shipped target's name or a target file",
     cxxopts::value<std::string>()->default_value("loihi2-mini"))
    ("cache", "folder of the compiled chip objects (default: the user's cache)", cxxopts::value<std::string>())
    ("from", "resume at this stage, reusing the earlier stages' outputs", cxxopts::value<std::string>())
    ("until", "stop after this stage (e.g. report: no RTL)", cxxopts::value<std::string>())
    ("v,verbose", "print every stage's own output too")
    ("h,help", "show this help");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  FlowSpec flow;
  flow.name = "demo-soft-wta";
  flow.out = args["out"].as<std::string>();
  flow.network = (std::filesystem::path(flow.out) / run_files::kNetwork).string();
  flow.target = args["target"].as<std::string>();
  for (FlowStage s : {FlowStage::Map, FlowStage::Simulate, FlowStage::Report, FlowStage::Rtl, FlowStage::Lint,
                      FlowStage::Cosim, FlowStage::Synth})
    flow.enabled[static_cast<std::size_t>(s)] = true;
  flow.simulate_steps = flow.report_steps = args["steps"].as<uint64_t>();
  flow.cosim.steps = args["cosim-steps"].as<uint64_t>();
  if (args.count("cache")) flow.cosim.cache_dir = args["cache"].as<std::string>();
  FlowRunOptions run;
  if (args.count("from")) run.from = stage_from_name(args["from"].as<std::string>(), "--from");
  if (args.count("until")) run.until = stage_from_name(args["until"].as<std::string>(), "--until");
  run.echo_stage_output = args.count("verbose") > 0;

  std::filesystem::create_directories(flow.out);
  if (!run.from) save_network(demo_network(), flow.network);
  const FlowResult result = run_flow(flow, run, std::cout);

  const std::filesystem::path out = flow.out;
  std::cout << "\n";
  for (const StageRecord& r : result.stages)
    if (r.stage == FlowStage::Simulate && r.status == "ok") print_winner(r.outcome.output, std::cout);
  for (const StageRecord& r : result.stages)
    if (r.stage == FlowStage::Report && (r.status == "ok" || r.status == "reused"))
      std::cout << "the energy and latency report: " << (out / run_files::kEnergyText).string() << " (charts: "
                << (out / run_files::kEnergyBreakdown).string() << ")\n";
  if (!result.report_file.empty()) std::cout << "the flow report (open it in a browser): " << result.report_file << "\n";
  return result.passed ? 0 : 1;
}

}  // namespace axomesh::flows
