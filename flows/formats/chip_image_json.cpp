#include "flows/formats/chip_image_json.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>
#include <vector>

#include "flows/formats/dynamics_json.hpp"
#include "flows/formats/learning_json.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/formats/json_reader.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/truenorth_core_json.hpp"

namespace axomesh::flows {
namespace {

namespace limits = model::limits;

constexpr const char* kFormatName = "axomesh-chip-image";
constexpr int kFormatVersion = 1;

constexpr IntRange kMeshSide{1, 4096};
constexpr IntRange kCoresPerTile{1, 64};
constexpr IntRange kIndex{0, UINT32_MAX};

struct TupleField {
  const char* name;
  IntRange range;
};

constexpr TupleField kNeuronFields[] = {
    {"du", limits::kDecay},        {"dv", limits::kDecay},         {"vth", limits::kThreshold},
    {"bias_mant", limits::kBiasMant}, {"bias_exp", limits::kBiasExp}, {"u_init", limits::kCurrent},
    {"v_init", limits::kVoltage},  {"input_shift", {0, 8}}};
constexpr TupleField kAxonFields[] = {{"first", kIndex}, {"count", kIndex}};
constexpr TupleField kSynapseFields[] = {{"neuron", kIndex}, {"weight", {INT16_MIN, INT16_MAX}}, {"delay", limits::kDelay}};
constexpr TupleField kDestinationFields[] = {{"core", kIndex}, {"axon", kIndex}};
constexpr TupleField kAddressFields[] = {{"core", kIndex}, {"neuron", kIndex}};

// ---- writing ----

json fanout_json(const model::FanoutTable& table) {
  json entries = json::array();
  for (const model::Destination& d : table.entries) entries.push_back(json::array({d.core, d.axon}));
  return {{"begin", table.begin}, {"entries", std::move(entries)}};
}

bool is_empty(const model::CoreImage& core) { return core == model::CoreImage{}; }

bool is_scalar_array(const json& value) {
  for (const json& e : value)
    if (e.is_structured()) return false;
  return true;
}

// Keys in the order the format documents them; any other key after these.
std::size_t key_rank(const std::string& key) {
  static const char* const kOrder[] = {"format", "version", "geometry", "mesh_width", "mesh_height", "cores_per_tile",
                                       "cores", "index", "name", "size", "kind", "neurons", "axons", "synapses",
                                       "fanout", "begin", "entries", "stimulus", "source", "populations", "addresses"};
  std::size_t rank = 0;
  for (const char* k : kOrder) {
    if (key == k) return rank;
    ++rank;
  }
  return rank;
}

// Objects one key per line, arrays of scalars on one line: a tuple is one line.
void write_text(const json& value, int indent, std::string& out) {
  const std::string pad(static_cast<std::size_t>(indent + 1), ' ');
  if (value.is_object() && !value.empty()) {
    std::vector<std::string> keys;
    for (const auto& item : value.items()) keys.push_back(item.key());
    std::stable_sort(keys.begin(), keys.end(),
                     [](const std::string& a, const std::string& b) { return key_rank(a) < key_rank(b); });
    out += "{\n";
    for (std::size_t i = 0; i < keys.size(); ++i) {
      out += pad + json(keys[i]).dump() + ": ";
      write_text(value.at(keys[i]), indent + 1, out);
      out += i + 1 < keys.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<std::size_t>(indent), ' ') + "}";
  } else if (value.is_array() && !value.empty() && !is_scalar_array(value)) {
    out += "[\n";
    for (std::size_t i = 0; i < value.size(); ++i) {
      out += pad;
      write_text(value[i], indent + 1, out);
      out += i + 1 < value.size() ? ",\n" : "\n";
    }
    out += std::string(static_cast<std::size_t>(indent), ' ') + "]";
  } else {
    out += value.dump();
  }
}

// ---- reading ----

int64_t ranged(const JsonValue& v, const TupleField& f) {
  const std::string what = std::string(f.name) + " (" + f.range.describe() + ")";
  const json& raw = v.raw();
  if (!raw.is_number_integer()) v.fail_expected(what);
  if (raw.is_number_unsigned() && raw.get<uint64_t>() > static_cast<uint64_t>(INT64_MAX))
    v.fail("IMG-0101", "expected " + what + ", found " + raw.dump());
  const int64_t x = raw.get<int64_t>();
  if (!f.range.contains(x)) v.fail("IMG-0101", "expected " + what + ", found " + std::to_string(x));
  return x;
}

template <std::size_t N>
std::array<int64_t, N> tuple(const JsonValue& v, const TupleField (&fields)[N]) {
  if (v.array_size() != N) {
    std::string names;
    for (const TupleField& f : fields) names += std::string(names.empty() ? "" : ", ") + f.name;
    v.fail("IMG-0103", "expected an array of " + std::to_string(N) + " integers [" + names + "], found " +
                       describe_json(v.raw()));
  }
  std::array<int64_t, N> out{};
  for (std::size_t i = 0; i < N; ++i) out[i] = ranged(v.element(i), fields[i]);
  return out;
}

template <class T>
std::vector<T> list(const JsonValue& v, T (*read)(const JsonValue&)) {
  std::vector<T> out;
  const std::size_t n = v.array_size();
  out.reserve(n);
  for (std::size_t i = 0; i < n; ++i) out.push_back(read(v.element(i)));
  return out;
}

model::NeuronEntry neuron(const JsonValue& v) {
  const auto t = tuple(v, kNeuronFields);
  model::NeuronEntry n;
  int32_t* fields[] = {&n.du, &n.dv, &n.vth, &n.bias_mant, &n.bias_exp, &n.u_init, &n.v_init, &n.input_shift};
  for (std::size_t i = 0; i < t.size(); ++i) *fields[i] = static_cast<int32_t>(t[i]);
  return n;
}
model::SynapseEntry synapse(const JsonValue& v) {
  const auto t = tuple(v, kSynapseFields);
  return {static_cast<uint32_t>(t[0]), static_cast<int16_t>(t[1]), static_cast<uint8_t>(t[2])};
}
// Axons, destinations and addresses: two unsigned 32-bit fields.
template <class T, const TupleField (&kFields)[2]>
T pair_of(const JsonValue& v) {
  const auto t = tuple(v, kFields);
  return {static_cast<uint32_t>(t[0]), static_cast<uint32_t>(t[1])};
}
uint32_t offset(const JsonValue& v) { return static_cast<uint32_t>(ranged(v, {"an offset", kIndex})); }

// A fan-out table of `items` lists, of `what` ("neuron", "source"); destinations are
// checked later, when every core is known.
model::FanoutTable fanout(const JsonValue& v, std::size_t items, const char* what) {
  v.allow_only({"begin", "entries"});
  model::FanoutTable table;
  const JsonValue begin = v.field("begin");
  table.begin = list(begin, offset);
  table.entries = list(v.field("entries"), pair_of<model::Destination, kDestinationFields>);
  if (table.begin.size() != items + 1)
    begin.fail("IMG-0103", "expected " + std::to_string(items + 1) + " offsets (one per " + what +
                           ", then the end), found " + std::to_string(table.begin.size()));
  if (table.begin[0] != 0) begin.element(0).fail("IMG-0106", "expected 0 (the first list starts at entry 0), found " +
                                                         std::to_string(table.begin[0]));
  for (std::size_t i = 1; i < table.begin.size(); ++i)
    if (table.begin[i] < table.begin[i - 1])
      begin.element(i).fail("IMG-0106", "expected an offset of at least " + std::to_string(table.begin[i - 1]) +
                                        " (offsets ascend), found " + std::to_string(table.begin[i]));
  if (table.begin.back() != table.entries.size())
    begin.element(items).fail("IMG-0106", "expected " + std::to_string(table.entries.size()) +
                                          " (the number of entries), found " + std::to_string(table.begin.back()));
  return table;
}

void check_destinations(const JsonValue& v, const model::FanoutTable& table, const model::ChipImage& image) {
  for (std::size_t k = 0; k < table.entries.size(); ++k) {
    const model::Destination& d = table.entries[k];
    const bool core_exists = d.core < image.cores.size();
    if (core_exists && d.axon < image.cores[d.core].axons.size()) continue;
    const JsonValue at = v.field("entries").element(k);
    if (!core_exists)
      at.element(0).fail("IMG-0107", "expected a core of the chip (0.." + std::to_string(image.cores.size() - 1) +
                                     "), found " + std::to_string(d.core));
    const std::size_t axons = image.cores[d.core].axons.size();
    at.element(1).fail("IMG-0107", "expected an input axon of core " + std::to_string(d.core) +
                                     (axons == 0 ? std::string(", which has none")
                                                 : " (0.." + std::to_string(axons - 1) + ")") +
                                     ", found " + std::to_string(d.axon));
  }
}

model::CoreImage core(const JsonValue& v) {
  model::CoreImage c;
  c.neurons = list(v.field("neurons"), neuron);
  truenorth_core_from_json(v, c);
  const JsonValue synapses = v.field("synapses");
  c.synapses = list(synapses, synapse);
  for (std::size_t s = 0; s < c.synapses.size(); ++s)
    if (c.synapses[s].neuron >= c.neuron_count())
      synapses.element(s).element(0).fail(
          "IMG-0105", "expected a neuron of this core (" +
                      (c.neuron_count() == 0 ? std::string("it has none") : "0.." + std::to_string(c.neuron_count() - 1)) +
                      "), found " + std::to_string(c.synapses[s].neuron));
  const JsonValue axons = v.field("axons");
  c.axons = list(axons, pair_of<model::AxonEntry, kAxonFields>);
  for (std::size_t a = 0; a < c.axons.size(); ++a)
    if (uint64_t{c.axons[a].first} + c.axons[a].count > c.synapses.size())
      axons.element(a).fail("IMG-0104", "expected a synapse list inside the core's " + std::to_string(c.synapses.size()) +
                                        " synapses, found synapses " + std::to_string(c.axons[a].first) + ".." +
                                        std::to_string(uint64_t{c.axons[a].first} + c.axons[a].count - 1));
  c.fanout = fanout(v.field("fanout"), c.neuron_count(), "neuron");
  core_dynamics_from_json(v, c);
  core_learning_from_json(v, c);
  return c;
}

// The checks of the network validator that a source must pass to be generated.
void check_source(const JsonValue& v, const model::SpikeSource& s) {
  switch (s.kind) {
    case model::SourceKind::Raster: {
      const JsonValue times = v.field("spike_times");
      if (s.spike_times.size() != s.size)
        times.fail("IMG-0103", "expected one list per source (" + std::to_string(s.size) + "), found " +
                               std::to_string(s.spike_times.size()));
      for (std::size_t i = 0; i < s.spike_times.size(); ++i)
        for (std::size_t k = 1; k < s.spike_times[i].size(); ++k)
          if (s.spike_times[i][k] <= s.spike_times[i][k - 1])
            times.element(i).element(k).fail("IMG-0110", "expected a step after " + std::to_string(s.spike_times[i][k - 1]) +
                                                         " (strictly ascending), found " +
                                                         std::to_string(s.spike_times[i][k]));
      break;
    }
    case model::SourceKind::Bernoulli:
      if (!(s.p >= 0.0 && s.p <= 1.0)) v.field("p").fail("IMG-0101", "expected a probability in 0..1, found " + v.field("p").raw().dump());
      break;
    case model::SourceKind::Poisson:
      if (!(s.rate_hz >= 0.0 && std::isfinite(s.rate_hz)))
        v.field("rate_hz").fail("IMG-0101", "expected a finite rate >= 0, found " + v.field("rate_hz").raw().dump());
      if (!(s.dt_ms > 0.0 && std::isfinite(s.dt_ms)))
        v.field("dt_ms").fail("IMG-0101", "expected a finite step > 0, found " + v.field("dt_ms").raw().dump());
      break;
  }
}

class ImageReader {
 public:
  explicit ImageReader(std::string file) : file_(std::move(file)) {}

  model::ChipImage read(const json& document) {
    const JsonValue root(document, "", file_, prefix_);
    root.allow_only({"format", "version", "geometry", "cores", "stimulus", "populations"});
    root.expect_format(kFormatName, kFormatVersion);
    model::ChipImage image;
    image.geometry = geometry(root.field("geometry"));
    image.cores.resize(image.geometry.core_count());
    // Cores first (destinations name other cores' axons), then every destination.
    std::vector<std::pair<JsonValue, uint32_t>> listed;
    const JsonValue cores = root.field("cores");
    for (std::size_t i = 0; i < cores.array_size(); ++i) {
      const JsonValue v = cores.element(i);
      v.allow_only({"index", "neurons", "axons", "synapses", "fanout", "adaptive", "axon_depression", "learning", "model",
                    "truenorth"});
      const JsonValue index = v.field("index");
      const auto c = static_cast<uint32_t>(index.as_int({0, image.geometry.core_count() - 1}));
      if (!listed.empty() && c <= listed.back().second)
        index.fail("IMG-0102", "expected a core index above " + std::to_string(listed.back().second) +
                               " (cores ascend, each listed once), found " + std::to_string(c));
      image.cores[c] = core(v);
      listed.emplace_back(v, c);
    }
    for (const auto& [v, c] : listed) check_destinations(v.field("fanout"), image.cores[c].fanout, image);

    const JsonValue stimulus = root.field("stimulus");
    for (std::size_t i = 0; i < stimulus.array_size(); ++i) {
      const JsonValue v = stimulus.element(i);
      v.allow_only({"source", "fanout"});
      image.stimulus.push_back(source_from_json(v.field("source")));
      check_source(v.field("source"), image.stimulus.back());
      image.stimulus_fanout.push_back(fanout(v.field("fanout"), image.stimulus.back().size, "source"));
      check_destinations(v.field("fanout"), image.stimulus_fanout.back(), image);
    }
    populations(root.field("populations"), image);
    return image;
  }

 private:
  static model::ChipGeometry geometry(const JsonValue& v) {
    v.allow_only({"mesh_width", "mesh_height", "cores_per_tile"});
    model::ChipGeometry g;
    g.mesh_width = static_cast<uint32_t>(v.field("mesh_width").as_int(kMeshSide));
    g.mesh_height = static_cast<uint32_t>(v.field("mesh_height").as_int(kMeshSide));
    g.cores_per_tile = static_cast<uint32_t>(v.field("cores_per_tile").as_int(kCoresPerTile));
    if (uint64_t{g.mesh_width} * g.mesh_height * g.cores_per_tile > kMaxImageCores)
      v.fail("IMG-0101", "expected a chip of at most " + std::to_string(kMaxImageCores) + " cores, found " +
                         std::to_string(g.mesh_width) + " x " + std::to_string(g.mesh_height) + " tiles x " +
                         std::to_string(g.cores_per_tile) + " cores");
    return g;
  }

  // Every address names an existing neuron, and no neuron has two.
  static void populations(const JsonValue& list_value, model::ChipImage& image) {
    constexpr uint64_t kFree = UINT64_MAX;
    std::vector<std::vector<uint64_t>> owner(image.cores.size());  // (population << 32 | index)
    for (std::size_t c = 0; c < image.cores.size(); ++c) owner[c].assign(image.cores[c].neuron_count(), kFree);
    for (std::size_t p = 0; p < list_value.array_size(); ++p) {
      const JsonValue v = list_value.element(p);
      v.allow_only({"name", "addresses"});
      image.population_names.push_back(v.field("name").as_string());
      const JsonValue addresses = v.field("addresses");
      image.population_addresses.push_back(list(addresses, pair_of<model::NeuronAddress, kAddressFields>));
      const auto& list_of = image.population_addresses.back();
      for (std::size_t i = 0; i < list_of.size(); ++i) {
        const model::NeuronAddress& a = list_of[i];
        const bool exists = a.core < image.cores.size() && a.neuron < image.cores[a.core].neuron_count();
        if (exists && owner[a.core][a.neuron] == kFree) {
          owner[a.core][a.neuron] = (uint64_t{p} << 32) | i;
          continue;
        }
        const JsonValue at = addresses.element(i);
        if (a.core >= image.cores.size())
          at.element(0).fail("IMG-0108", "expected a core of the chip (0.." + std::to_string(image.cores.size() - 1) +
                                         "), found " + std::to_string(a.core));
        const std::size_t n = image.cores[a.core].neuron_count();
        if (a.neuron >= n)
          at.element(1).fail("IMG-0108", "expected a neuron of core " + std::to_string(a.core) +
                                         (n == 0 ? std::string(", which has none") : " (0.." + std::to_string(n - 1) + ")") +
                                         ", found " + std::to_string(a.neuron));
        const uint64_t first = owner[a.core][a.neuron];
        at.fail("IMG-0109", "expected an address used once, found core " + std::to_string(a.core) + " neuron " +
                            std::to_string(a.neuron) + ", already used at /populations/" + std::to_string(first >> 32) +
                            "/addresses/" + std::to_string(first & 0xFFFFFFFFu));
      }
    }
  }

  std::string file_;
  std::string prefix_ = "IMG";
};

}  // namespace

json chip_image_to_json(const model::ChipImage& image) {
  if (image.cores.size() != image.geometry.core_count() || image.stimulus.size() != image.stimulus_fanout.size() ||
      image.population_names.size() != image.population_addresses.size())
    throw std::logic_error("chip image: one core image per core, one fan-out table per stimulus group and one "
                           "address list per population expected");
  json doc = {{"format", kFormatName}, {"version", kFormatVersion}};
  doc["geometry"] = {{"mesh_width", image.geometry.mesh_width},
                     {"mesh_height", image.geometry.mesh_height},
                     {"cores_per_tile", image.geometry.cores_per_tile}};
  json cores = json::array();
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const model::CoreImage& core = image.cores[c];
    if (is_empty(core)) continue;
    json neurons = json::array(), axons = json::array(), synapses = json::array();
    for (const model::NeuronEntry& n : core.neurons)
      neurons.push_back(json::array({n.du, n.dv, n.vth, n.bias_mant, n.bias_exp, n.u_init, n.v_init, n.input_shift}));
    for (const model::AxonEntry& a : core.axons) axons.push_back(json::array({a.first, a.count}));
    for (const model::SynapseEntry& s : core.synapses) synapses.push_back(json::array({s.neuron, s.weight, s.delay}));
    json core_json = {{"index", c},
                      {"neurons", std::move(neurons)},
                      {"axons", std::move(axons)},
                      {"synapses", std::move(synapses)},
                      {"fanout", fanout_json(core.fanout)}};
    core_dynamics_to_json(core, core_json);
    core_learning_to_json(core, core_json);
    truenorth_core_to_json(core, core_json);
    cores.push_back(std::move(core_json));
  }
  doc["cores"] = std::move(cores);
  json stimulus = json::array();
  for (std::size_t s = 0; s < image.stimulus.size(); ++s)
    stimulus.push_back({{"source", source_to_json(image.stimulus[s])}, {"fanout", fanout_json(image.stimulus_fanout[s])}});
  doc["stimulus"] = std::move(stimulus);
  json populations = json::array();
  for (std::size_t p = 0; p < image.population_names.size(); ++p) {
    json addresses = json::array();
    for (const model::NeuronAddress& a : image.population_addresses[p]) addresses.push_back(json::array({a.core, a.neuron}));
    populations.push_back({{"name", image.population_names[p]}, {"addresses", std::move(addresses)}});
  }
  doc["populations"] = std::move(populations);
  return doc;
}

std::string chip_image_to_text(const model::ChipImage& image) {
  std::string out;
  write_text(chip_image_to_json(image), 0, out);
  return out + "\n";
}

model::ChipImage chip_image_from_json_text(const std::string& text, const std::string& file) {
  const json document = parse_json_text(text, file, "IMG");
  return ImageReader(file).read(document);
}

model::ChipImage load_chip_image(const std::string& path) {
  return chip_image_from_json_text(read_text_file(path), path);
}

void save_chip_image(const model::ChipImage& image, const std::string& path) {
  write_text_file_atomically(path, chip_image_to_text(image));
}

}  // namespace axomesh::flows
