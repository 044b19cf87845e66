#include <filesystem>
#include "flows/formats/target_json.hpp"

#include <algorithm>
#include <cmath>

#include "flows/formats/file_io.hpp"
#include "flows/formats/json_reader.hpp"

namespace axomesh::flows {
namespace {

constexpr const char* kFormatName = "axomesh-target";
constexpr int kFormatVersion = 1;

constexpr IntRange kMeshSide{1, 4096};
constexpr uint64_t kMaxCores = 65536;  // 16 TrueNorth chips; keeps every per-core table small
constexpr IntRange kCoresPerTile{1, 64};
constexpr IntRange kCoreCount{1, INT32_MAX};                        // neurons, axons, fan-out
constexpr IntRange kSynapseMemoryBits{1, int64_t{1} << 53};         // exact in a double
constexpr IntRange kEncodingBits{1, 32};
constexpr IntRange kAxonHeaderBits{0, 64};
constexpr IntRange kStateBits{1, 32};
constexpr IntRange kMaxWeightBits{1, 8};
constexpr IntRange kMaxDelay{0, 62};

const char* const kCapacityFields[] = {"neurons", "input_axons", "synapse_memory_bits", "fanout_entries"};

std::string join(const std::vector<std::string>& names, const char* separator) {
  std::string out;
  for (const std::string& n : names) out += (out.empty() ? "" : separator) + n;
  return out;
}

class TargetReader {
 public:
  explicit TargetReader(std::string file) : file_(std::move(file)) {}

  targets::Target read(const json& document) {
    const JsonValue root(document, "", file_, prefix_);
    root.allow_only({"format", "version", "name", "description", "mesh", "core", "synapse_encoding", "neuron_models",
                     "state_bits", "max_weight_bits", "max_delay", "one_destination_per_neuron", "energy_j", "time_s",
                     "static_power_w"});
    root.expect_format(kFormatName, kFormatVersion);
    targets::Target t;
    t.name = non_empty_string(root.field("name"));
    if (root.has("description")) t.description = root.field("description").as_string();
    mesh(root.field("mesh"), t);
    core(root.field("core"), t);
    encoding(root.field("synapse_encoding"), t);
    t.neuron_models = neuron_models(root.field("neuron_models"));
    if (root.has("state_bits")) t.state_bits = int32(root.field("state_bits"), kStateBits);
    if (root.has("max_weight_bits")) t.max_weight_bits = int32(root.field("max_weight_bits"), kMaxWeightBits);
    if (root.has("max_delay")) t.max_delay = int32(root.field("max_delay"), kMaxDelay);
    if (root.has("one_destination_per_neuron"))
      t.one_destination_per_neuron = boolean(root.field("one_destination_per_neuron"));
    if (root.has("energy_j")) t.energy = figures(root.field("energy_j"), target_operation_figure_names());
    if (root.has("time_s")) t.time = figures(root.field("time_s"), target_operation_figure_names());
    if (root.has("static_power_w")) t.power = figures(root.field("static_power_w"), target_power_figure_names());
    check_widths(root, t);
    return t;
  }

 private:
  static int32_t int32(const JsonValue& v, const IntRange& range) { return static_cast<int32_t>(v.as_int(range)); }

  static bool boolean(const JsonValue& v) {
    if (!v.raw().is_boolean()) v.fail_expected("true or false");
    return v.raw().get<bool>();
  }

  static std::string non_empty_string(const JsonValue& v) {
    std::string s = v.as_string();
    if (s.empty()) v.fail("TGT-0102", "expected a non-empty string, found the string \"\"");
    return s;
  }

  static void mesh(const JsonValue& v, targets::Target& t) {
    v.allow_only({"width", "height", "cores_per_tile"});
    t.mesh_width = static_cast<uint32_t>(v.field("width").as_int(kMeshSide));
    t.mesh_height = static_cast<uint32_t>(v.field("height").as_int(kMeshSide));
    t.cores_per_tile = static_cast<uint32_t>(v.field("cores_per_tile").as_int(kCoresPerTile));
    const uint64_t cores = uint64_t{t.mesh_width} * t.mesh_height * t.cores_per_tile;
    if (cores > kMaxCores)
      v.fail("TGT-0101", "expected at most " + std::to_string(kMaxCores) + " cores (width x height x cores_per_tile), found " +
                         std::to_string(cores));
  }

  // {"value": integer in `range`, "source": "...", "estimate": bool}; kept in capacity_sources.
  static uint64_t capacity(const JsonValue& core, const char* key, const IntRange& range, targets::Target& t) {
    const JsonValue v = core.field(key);
    v.allow_only({"value", "source", "estimate"});
    const int64_t value = v.field("value").as_int(range);
    t.capacity_sources[key] = {static_cast<double>(value), non_empty_string(v.field("source")),
                               v.has("estimate") && boolean(v.field("estimate"))};
    return static_cast<uint64_t>(value);
  }

  static void core(const JsonValue& v, targets::Target& t) {
    v.allow_only({"neurons", "input_axons", "synapse_memory_bits", "fanout_entries"});
    t.core.neurons = static_cast<uint32_t>(capacity(v, "neurons", kCoreCount, t));
    t.core.input_axons = static_cast<uint32_t>(capacity(v, "input_axons", kCoreCount, t));
    t.core.synapse_memory_bits = capacity(v, "synapse_memory_bits", kSynapseMemoryBits, t);
    t.core.fanout_entries = static_cast<uint32_t>(capacity(v, "fanout_entries", kCoreCount, t));
  }

  static void encoding(const JsonValue& v, targets::Target& t) {
    v.allow_only({"weight_bits", "delay_bits", "index_bits", "axon_header_bits", "source", "estimate"});
    t.synapse.weight_bits = int32(v.field("weight_bits"), kEncodingBits);
    t.synapse.delay_bits = int32(v.field("delay_bits"), kEncodingBits);
    t.synapse.index_bits = int32(v.field("index_bits"), kEncodingBits);
    t.synapse.axon_header_bits = int32(v.field("axon_header_bits"), kAxonHeaderBits);
    t.capacity_sources["synapse_encoding"] = {0.0, non_empty_string(v.field("source")),
                                              v.has("estimate") && boolean(v.field("estimate"))};
  }

  static std::vector<std::string> neuron_models(const JsonValue& v) {
    const std::size_t n = v.array_size();
    const std::vector<std::string>& known = target_neuron_model_names();
    const std::string expected = "\"" + join(known, "\" or \"") + "\"";
    if (n == 0) v.fail("TGT-0104", "expected a non-empty list of neuron models (" + expected + "), found an empty array");
    std::vector<std::string> models;
    for (std::size_t i = 0; i < n; ++i) {
      const JsonValue e = v.element(i);
      if (!e.raw().is_string()) e.fail_expected("a neuron model (" + expected + ")");
      const std::string m = e.as_string();
      if (std::find(known.begin(), known.end(), m) == known.end())
        e.fail("TGT-0104", "unknown neuron model; expected " + expected + ", found " + describe_json(e.raw()));
      if (std::find(models.begin(), models.end(), m) != models.end())
        e.fail("TGT-0104", "expected each neuron model once, found \"" + m + "\" again");
      models.push_back(m);
    }
    return models;
  }

  // The energy model's optional figures (targets/energy_model.hpp): spike_out,
  // synaptic_op.<class> and barrier_sync_tiles_<N>, for operation figures only.
  static bool optional_figure_name(const std::string& name, const std::vector<std::string>& allowed) {
    if (&allowed != &target_operation_figure_names()) return false;
    if (name == "spike_out") return true;
    const std::string cls = "synaptic_op.", table = "barrier_sync_tiles_";
    if (name.compare(0, cls.size(), cls) == 0) return name.size() > cls.size();
    if (name.compare(0, table.size(), table) != 0 || name.size() == table.size()) return false;
    return name.find_first_not_of("0123456789", table.size()) == std::string::npos;
  }

  // {NAME: FIGURE, ...}: names from `allowed`, values finite and >= 0.
  static std::map<std::string, targets::Figure> figures(const JsonValue& v, const std::vector<std::string>& allowed) {
    v.expect_object();
    std::map<std::string, targets::Figure> out;
    for (const auto& item : v.raw().items()) {
      const std::string& name = item.key();
      const JsonValue f = v.field(name.c_str());
      if (std::find(allowed.begin(), allowed.end(), name) == allowed.end() && !optional_figure_name(name, allowed))
        f.fail("TGT-0103", "unknown figure name \"" + name + "\"; expected one of: " + join(allowed, ", "));
      f.allow_only({"value", "source", "estimate"});
      const JsonValue value = f.field("value");
      const double x = value.as_number();
      if (!std::isfinite(x) || x < 0) value.fail("TGT-0101", "expected a finite number >= 0, found " + describe_json(value.raw()));
      out[name] = {x, non_empty_string(f.field("source")), f.has("estimate") && boolean(f.field("estimate"))};
    }
    return out;
  }

  // Rules between fields: the synapse index must address every neuron of a core, and the
  // delay field must hold max_delay.
  static void check_widths(const JsonValue& root, const targets::Target& t) {
    const JsonValue enc = root.field("synapse_encoding");
    const uint64_t addressable = uint64_t{1} << t.synapse.index_bits;
    if (addressable < t.core.neurons) {
      int needed = 0;
      while ((uint64_t{1} << needed) < t.core.neurons) ++needed;
      enc.field("index_bits").fail(
          "TGT-0105", "expected at least " + std::to_string(needed) + " index bits to address the " +
                      std::to_string(t.core.neurons) + " neurons of /core/neurons, found " +
                      std::to_string(t.synapse.index_bits) + " (2^" + std::to_string(t.synapse.index_bits) + " = " +
                      std::to_string(addressable) + ")");
    }
    const uint64_t delays = uint64_t{1} << t.synapse.delay_bits;
    if (delays <= static_cast<uint64_t>(t.max_delay)) {
      int needed = 0;
      while ((uint64_t{1} << needed) <= static_cast<uint64_t>(t.max_delay)) ++needed;
      enc.field("delay_bits").fail(
          "TGT-0106", "expected at least " + std::to_string(needed) + " delay bits to hold max_delay " +
                      std::to_string(t.max_delay) + ", found " + std::to_string(t.synapse.delay_bits) +
                      " (delays 0.." + std::to_string(delays - 1) + ")");
    }
  }

  std::string file_;
  std::string prefix_ = "TGT";
};

json figure_json(const targets::Figure& f) { return {{"value", f.value}, {"source", f.source}, {"estimate", f.estimate}}; }

json figures_json(const std::map<std::string, targets::Figure>& figures) {
  json out = json::object();
  for (const auto& [name, f] : figures) out[name] = figure_json(f);
  return out;
}

const targets::Figure& capacity_source(const targets::Target& t, const std::string& key) {
  static const targets::Figure none;
  const auto it = t.capacity_sources.find(key);
  return it == t.capacity_sources.end() ? none : it->second;
}

}  // namespace

const std::vector<std::string>& target_operation_figure_names() {
  static const std::vector<std::string> names = {
      "synaptic_op",   "synaptic_update", "neuron_update_active", "neuron_update_idle",    "spike_in_tile",
      "hop_east_west", "hop_north_south", "barrier_sync_base",    "barrier_sync_per_tile", "spike_offchip"};
  return names;
}

const std::vector<std::string>& target_power_figure_names() {
  static const std::vector<std::string> names = {"chip"};
  return names;
}

const std::vector<std::string>& target_neuron_model_names() {
  static const std::vector<std::string> names = {"loihi_lif", "truenorth"};
  return names;
}

targets::Target target_from_json_text(const std::string& text, const std::string& file) {
  const json document = parse_json_text(text, file, "TGT");
  return TargetReader(file).read(document);
}

targets::Target load_target(const std::string& path) { return target_from_json_text(read_text_file(path), path); }

json target_to_json(const targets::Target& t) {
  json doc = {{"format", kFormatName}, {"version", kFormatVersion}, {"name", t.name}, {"description", t.description}};
  doc["mesh"] = {{"width", t.mesh_width}, {"height", t.mesh_height}, {"cores_per_tile", t.cores_per_tile}};
  json core = json::object();
  const uint64_t values[] = {t.core.neurons, t.core.input_axons, t.core.synapse_memory_bits, t.core.fanout_entries};
  for (std::size_t i = 0; i < 4; ++i) {
    const targets::Figure& f = capacity_source(t, kCapacityFields[i]);
    core[kCapacityFields[i]] = {{"value", values[i]}, {"source", f.source}, {"estimate", f.estimate}};
  }
  doc["core"] = std::move(core);
  const targets::Figure& enc = capacity_source(t, "synapse_encoding");
  doc["synapse_encoding"] = {{"weight_bits", t.synapse.weight_bits},
                             {"delay_bits", t.synapse.delay_bits},
                             {"index_bits", t.synapse.index_bits},
                             {"axon_header_bits", t.synapse.axon_header_bits},
                             {"source", enc.source},
                             {"estimate", enc.estimate}};
  doc["neuron_models"] = t.neuron_models;
  doc["state_bits"] = t.state_bits;
  doc["max_weight_bits"] = t.max_weight_bits;
  doc["max_delay"] = t.max_delay;
  doc["one_destination_per_neuron"] = t.one_destination_per_neuron;
  doc["energy_j"] = figures_json(t.energy);
  doc["time_s"] = figures_json(t.time);
  doc["static_power_w"] = figures_json(t.power);
  return doc;
}

void save_target(const targets::Target& target, const std::string& path) {
  write_text_file_atomically(path, target_to_json(target).dump(1) + "\n");
}

#ifndef AXOMESH_TARGETS_DIR
#error "AXOMESH_TARGETS_DIR must name the folder of the shipped target files"
#endif

namespace fs = std::filesystem;

static bool ends_with(const std::string& s, const std::string& suffix) {
  return s.size() >= suffix.size() && s.compare(s.size() - suffix.size(), suffix.size(), suffix) == 0;
}

std::vector<std::string> shipped_target_names() {
  std::vector<std::string> names;
  std::error_code error;
  for (const auto& entry : fs::directory_iterator(AXOMESH_TARGETS_DIR, error))
    if (entry.path().extension() == ".json") names.push_back(entry.path().stem().string());
  std::sort(names.begin(), names.end());
  return names;
}

// A path ending in .json is a target file; anything else names a shipped target.
targets::Target resolve_target(const std::string& spec) {
  if (ends_with(spec, ".json")) return load_target(spec);
  const std::vector<std::string> names = shipped_target_names();
  if (std::find(names.begin(), names.end(), spec) == names.end()) {
    std::string list;
    for (const std::string& n : names) list += (list.empty() ? "" : ", ") + n;
    throw model::InputError({{"CLI-0003", "--target",
                              "expected a target name (one of: " + list + ") or a target file ending in .json, found \"" +
                                  spec + "\""}});
  }
  return load_target(std::string(AXOMESH_TARGETS_DIR) + "/" + spec + ".json");
}

}  // namespace axomesh::flows
