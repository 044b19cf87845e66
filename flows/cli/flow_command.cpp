// axomesh flow FLOW.json: runs a flow file's stages (docs/flows.md) into its output
// folder, with one progress line per stage and a summary table at the end; --from resumes
// at a stage, reusing what the earlier stages left in the folder.
#include <iostream>

#include <cxxopts.hpp>

#include "flows/formats/run_files.hpp"
#include "flows/cli/cli.hpp"
#include "flows/stages/flow_file.hpp"
#include "flows/stages/flow_runner.hpp"

namespace axomesh::flows {
namespace {

FlowRunOptions flow_run_options(const cxxopts::ParseResult& args) {
  FlowRunOptions options;
  if (args.count("from")) options.from = stage_from_name(args["from"].as<std::string>(), "--from");
  if (args.count("until")) options.until = stage_from_name(args["until"].as<std::string>(), "--until");
  options.echo_stage_output = args.count("verbose") > 0;
  return options;
}

}  // namespace

int flow_command(int argc, char** argv) {
  cxxopts::Options options(
      "axomesh flow",
      "Run a flow file (docs/flows.md): a network, a target, one output folder and the stages to run in order (" +
          stage_names() + "), each with its options. Prints one line per stage with its time and key figure, "
          "then a summary; each stage's own output goes to OUT/" + std::string(run_files::kFlowLog) +
          ". Exit 0 when every stage passed, 1 when co-simulation found a difference or lint or synthesis a "
          "defect, 2 on bad input or a stage that refuses its input (e.g. RTL-0103), 3 on an internal or I/O "
          "error.");
  options.add_options()
    ("flow", "flow file (JSON)", cxxopts::value<std::string>())
    ("from", "resume at this stage, reusing the earlier stages' outputs in the output folder",
     cxxopts::value<std::string>())
    ("until", "stop after this stage", cxxopts::value<std::string>())
    ("out", "output folder, instead of the flow file's \"out\"", cxxopts::value<std::string>())
    ("cache", "co-simulation cache folder, instead of the flow file's cosim \"cache\"", cxxopts::value<std::string>())
    ("v,verbose", "print every stage's own output too")
    ("h,help", "show this help");
  options.parse_positional({"flow"});
  options.positional_help("FLOW.json [--from STAGE] [--until STAGE] [--out DIR] [--cache DIR]");
  const auto args = options.parse(argc, argv);
  if (args.count("help")) {
    std::cout << options.help() << "\n";
    return 0;
  }
  if (!args.count("flow")) {
    std::cerr << "error: axomesh flow needs a flow file\n\n" << options.help() << "\n";
    return 2;
  }
  FlowSpec flow = load_flow(args["flow"].as<std::string>());
  // Run a shipped flow (flows/examples) without writing beside it.
  if (args.count("out")) flow.out = args["out"].as<std::string>();
  if (args.count("cache")) flow.cosim.cache_dir = args["cache"].as<std::string>();
  const FlowRunOptions run = flow_run_options(args);
  return run_flow(flow, run, std::cout).passed ? 0 : 1;
}

}  // namespace axomesh::flows
