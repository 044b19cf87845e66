#include "flows/stages/flow_file.hpp"

#include <filesystem>
#include <limits>

#include "flows/formats/file_io.hpp"
#include "flows/formats/json_reader.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

constexpr IntRange kSteps{1, 100'000'000};
constexpr IntRange kSeed{0, std::numeric_limits<int64_t>::max()};

bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

// Paths in a flow file are relative to the flow file's folder, so a flow runs from anywhere.
std::string resolved(const std::string& path, const std::string& flow_file) {
  if (path.empty() || fs::path(path).is_absolute() || flow_file.empty()) return path;
  return (fs::path(flow_file).parent_path() / path).lexically_normal().string();
}

std::string non_empty_string(const JsonValue& v) {
  const std::string s = v.as_string();
  if (s.empty()) v.fail("FLOW-0003", "expected a non-empty string, found \"\"");
  return s;
}

bool as_bool(const JsonValue& v) {
  if (!v.raw().is_boolean()) v.fail_expected("true or false");
  return v.raw().get<bool>();
}

double positive_number(const JsonValue& v) {
  const double x = v.as_number();
  if (!(x > 0)) v.fail("FLOW-0003", "expected a number > 0, found " + describe_json(v.raw()));
  return x;
}

void read_stage_options(const JsonValue& options, FlowStage stage, FlowSpec& flow, const std::string& file) {
  options.expect_object();
  auto steps = [&](const char* key, uint64_t& into) {
    if (options.has(key)) into = static_cast<uint64_t>(options.field(key).as_int(kSteps));
  };
  switch (stage) {
    case FlowStage::Import:
      options.allow_only({"dt", "steps", "rate", "seed", "input"});
      if (options.has("dt")) flow.import.dt_s = positive_number(options.field("dt"));
      steps("steps", flow.import.steps);
      if (options.has("rate")) {
        flow.import.rate = options.field("rate").as_number();
        if (!(flow.import.rate >= 0 && flow.import.rate <= 1))
          options.field("rate").fail("FLOW-0003", "expected a probability in 0..1, found " +
                                                 describe_json(options.field("rate").raw()));
      }
      if (options.has("seed")) flow.import.seed = static_cast<uint64_t>(options.field("seed").as_int(kSeed));
      if (options.has("input")) flow.import.input_file = resolved(non_empty_string(options.field("input")), file);
      break;
    case FlowStage::Map:
      options.allow_only({"profile_steps"});
      steps("profile_steps", flow.profile_steps);
      break;
    case FlowStage::Simulate:
      options.allow_only({"steps"});
      steps("steps", flow.simulate_steps);
      break;
    case FlowStage::Report:
      options.allow_only({"steps", "samples"});
      steps("steps", flow.report_steps);
      steps("samples", flow.report_samples);
      break;
    case FlowStage::Cosim:
      options.allow_only({"steps", "state", "cache"});
      steps("steps", flow.cosim.steps);
      if (options.has("state")) flow.cosim.compare_state = as_bool(options.field("state"));
      if (options.has("cache")) flow.cosim.cache_dir = resolved(non_empty_string(options.field("cache")), file);
      break;
    case FlowStage::Rtl:
    case FlowStage::Lint:
    case FlowStage::Synth:
      if (!options.raw().empty())
        throw model::InputError({{"FLOW-0004", options.path() + "/" + options.raw().begin().key(),
                                  std::string("unknown field \"") + options.raw().begin().key() + "\"; the " +
                                      stage_name(stage) + " stage takes no options ({})"}},
                                file);
  }
}

}  // namespace

FlowSpec parse_flow(const std::string& text, const std::string& file) {
  const json doc = parse_json_text(text, file, "FLOW");
  const JsonValue root(doc, "", file, "FLOW");
  root.expect_object();
  root.expect_format("axomesh-flow", 1);
  root.allow_only({"format", "version", "name", "network", "target", "out", "stages"});

  FlowSpec flow;
  flow.network = resolved(non_empty_string(root.field("network")), file);
  flow.name = root.has("name") ? non_empty_string(root.field("name")) : fs::path(flow.network).stem().string();
  const std::string target = non_empty_string(root.field("target"));
  flow.target = ends_with(target, ".json") ? resolved(target, file) : target;
  flow.out = resolved(non_empty_string(root.field("out")), file);

  const JsonValue stages = root.field("stages");
  stages.expect_object();
  if (stages.raw().empty()) stages.fail("FLOW-0003", "expected at least one stage, found none");
  for (const auto& item : stages.raw().items()) {
    const FlowStage stage = stage_from_name(item.key(), stages.path() + "/" + item.key(), file);
    flow.enabled[static_cast<std::size_t>(stage)] = true;
    read_stage_options(stages.field(item.key().c_str()), stage, flow, file);
  }

  // A NIR model enters through the import stage, and only a NIR model does.
  const bool nir = ends_with(flow.network, ".nir");
  if (nir && !flow.runs(FlowStage::Import))
    root.field("network").fail("FLOW-0014", "expected a network JSON file, or a \"stages\" entry \"import\" for the NIR "
                                       "model \"" + flow.network + "\"; found no import stage");
  if (!nir && flow.runs(FlowStage::Import))
    stages.field("import").fail("FLOW-0014", "expected a NIR model (.nir) as \"network\" for the import stage, found \"" +
                                            flow.network + "\"");
  return flow;
}

FlowSpec load_flow(const std::string& file) { return parse_flow(read_text_file(file), file); }

}  // namespace axomesh::flows
