#include "flows/formats/network_json.hpp"

#include "flows/formats/dynamics_json.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/formats/json_reader.hpp"
#include "flows/formats/learning_json.hpp"
#include "model/network/network_validate.hpp"

namespace axomesh::flows {
namespace {

namespace limits = model::limits;
using model::PerNeuron;

constexpr const char* kFormatName = "axomesh-network";

template <class T>
std::vector<T> int_array(const JsonValue& v, const IntRange& range) {
  std::vector<T> out(v.array_size());
  for (std::size_t i = 0; i < out.size(); ++i) out[i] = static_cast<T>(v.element(i).as_int(range));
  return out;
}

class NetworkReader {
 public:
  explicit NetworkReader(std::string file) : file_(std::move(file)) {}

  model::Network read(const json& document) {
    const JsonValue root(document, "", file_, prefix_);
    root.allow_only({"format", "version", "name", "populations", "sources", "projections", "probes"});
    root.expect_format(kFormatName, model::kNetworkFormatVersion);
    model::Network net;
    if (root.has("name")) net.name = root.field("name").as_string();
    for_each(root, "populations", [&](const JsonValue& v) { net.populations.push_back(population(v)); });
    for_each(root, "sources", [&](const JsonValue& v) { net.sources.push_back(source_from_json(v)); });
    for_each(root, "projections", [&](const JsonValue& v) { net.projections.push_back(projection(v, net)); });
    for_each(root, "probes", [&](const JsonValue& v) { net.probes.push_back(probe(v)); });
    return net;
  }

 private:
  template <class F>
  void for_each(const JsonValue& root, const char* key, F&& f) {
    if (!root.has(key)) return;
    const JsonValue list = root.field(key);
    const std::size_t n = list.array_size();
    for (std::size_t i = 0; i < n; ++i) f(list.element(i));
  }

  static int32_t int32(const JsonValue& v, const IntRange& range) { return static_cast<int32_t>(v.as_int(range)); }

  // A scalar (shared) or one value per neuron.
  static PerNeuron<int32_t> per_neuron(const JsonValue& v, const IntRange& range) {
    if (!v.is_array()) return PerNeuron<int32_t>(int32(v, range));
    std::vector<int32_t> values(v.array_size());
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = int32(v.element(i), range);
    return PerNeuron<int32_t>(std::move(values));
  }


  static std::string name(const JsonValue& v) { return v.field("name").as_string(); }

  // A field the model at hand does not use is an error of its own (NET-0110), not a typo.
  static void reject(const JsonValue& v, const char* key, const std::string& why) {
    if (v.has(key)) v.field(key).fail("NET-0110", "expected no \"" + std::string(key) + "\" (" + why + ")");
  }

  static void read_truenorth_params(const JsonValue& p, model::TrueNorthParams& tn) {
    p.allow_only({"weight_0", "weight_1", "weight_2", "weight_3", "stochastic_weight_0", "stochastic_weight_1",
                  "stochastic_weight_2", "stochastic_weight_3", "leak", "stochastic_leak", "leak_reversal",
                  "threshold", "negative_threshold", "threshold_mask_bits", "reset_potential", "reset_mode",
                  "negative_saturate", "v_init"});
    auto read = [&](const std::string& key, PerNeuron<int32_t>& out, const IntRange& range) {
      if (p.has(key.c_str())) out = per_neuron(p.field(key.c_str()), range);
    };
    for (std::size_t g = 0; g < tn.weight.size(); ++g) {
      read("weight_" + std::to_string(g), tn.weight[g], limits::kTnWeight);
      read("stochastic_weight_" + std::to_string(g), tn.stochastic_weight[g], limits::kFlag);
    }
    read("leak", tn.leak, limits::kTnLeak);
    read("stochastic_leak", tn.stochastic_leak, limits::kFlag);
    read("leak_reversal", tn.leak_reversal, limits::kFlag);
    read("threshold", tn.threshold, limits::kTnThreshold);
    read("negative_threshold", tn.negative_threshold, limits::kTnThreshold);
    read("threshold_mask_bits", tn.threshold_mask_bits, limits::kTnMaskBits);
    read("reset_potential", tn.reset_potential, limits::kTnReset);
    read("reset_mode", tn.reset_mode, limits::kTnResetMode);
    read("negative_saturate", tn.negative_saturate, limits::kFlag);
    read("v_init", tn.v_init, limits::kTnPotential);
  }

  model::Population population(const JsonValue& v) {
    v.allow_only({"name", "size", "model", "params", "seed", "adaptive_threshold"});
    model::Population pop;
    pop.name = name(v);
    pop.size = static_cast<uint32_t>(v.field("size").as_int(limits::kGroupSize));
    if (v.has("adaptive_threshold")) pop.adaptive_threshold = adaptive_threshold_from_json(v.field("adaptive_threshold"));
    if (v.has("model")) pop.model = static_cast<model::NeuronModel>(v.field("model").as_choice({"loihi_lif", "truenorth"}));
    if (pop.model == model::NeuronModel::TrueNorth) {
      if (v.has("seed")) pop.seed = static_cast<uint64_t>(v.field("seed").as_int(limits::kSeed));
      if (v.has("params")) read_truenorth_params(v.field("params"), pop.tn);
      return pop;
    }
    reject(v, "seed", "it applies to truenorth populations only");
    if (!v.has("params")) return pop;
    const JsonValue p = v.field("params");
    p.allow_only({"du", "dv", "vth", "bias_mant", "bias_exp", "u_init", "v_init"});
    auto read = [&](const char* key, PerNeuron<int32_t>& out, const IntRange& range) {
      if (p.has(key)) out = per_neuron(p.field(key), range);
    };
    read("du", pop.lif.du, limits::kDecay);
    read("dv", pop.lif.dv, limits::kDecay);
    read("vth", pop.lif.vth, limits::kThreshold);
    read("bias_mant", pop.lif.bias_mant, limits::kBiasMant);
    read("bias_exp", pop.lif.bias_exp, limits::kBiasExp);
    read("u_init", pop.lif.u_init, limits::kCurrent);
    read("v_init", pop.lif.v_init, limits::kVoltage);
    return pop;
  }

  // Dense matrices are arrays of rows; each row must have `columns` entries.
  template <class T>
  static std::vector<T> matrix(const JsonValue& v, std::size_t rows, std::size_t columns, const IntRange& range) {
    if (v.array_size() != rows)
      v.fail("NET-0105", "expected " + std::to_string(rows) + " rows (one per post-synaptic neuron), found " +
                         std::to_string(v.array_size()));
    if (uint64_t{rows} * columns > limits::kMaxSynapses)
      v.fail("NET-0106", "expected at most " + std::to_string(limits::kMaxSynapses) + " synapses, found a dense " +
                         std::to_string(rows) + " x " + std::to_string(columns) + " projection");
    std::vector<T> out;  // grows with what the file holds, not with what it claims
    for (std::size_t r = 0; r < rows; ++r) {
      const JsonValue row = v.element(r);
      if (row.array_size() != columns)
        row.fail("NET-0105", "expected " + std::to_string(columns) + " columns (one per pre-synaptic neuron), found " +
                             std::to_string(row.array_size()));
      for (std::size_t c = 0; c < columns; ++c) out.push_back(static_cast<T>(row.element(c).as_int(range)));
    }
    return out;
  }

  // Axon types: one for all presynaptic neurons, or one for each.
  static std::vector<uint8_t> axon_types(const JsonValue& v) {
    if (!v.is_array()) return {static_cast<uint8_t>(v.as_int(limits::kAxonType))};
    return int_array<uint8_t>(v, limits::kAxonType);
  }

  // A projection into a truenorth population: crossbar bits (0/1) and axon types.
  model::Projection truenorth_projection(const JsonValue& v, model::Projection proj, const model::Network& net) {
    const std::string why = "\"" + proj.post + "\" is a truenorth population: its weights come from the neurons' per-type weights";
    for (const char* key : {"weight_exp", "num_weight_bits", "sign_mode"}) reject(v, key, why);
    reject(v, "short_term_depression", "\"" + proj.post + "\" is a truenorth population, whose synapses are crossbar bits");
    const bool dense = proj.kind == model::ProjectionKind::Dense;
    if (dense)
      v.allow_only({"name", "pre", "post", "kind", "weights", "delay", "delays", "axon_type"});
    else
      v.allow_only({"name", "pre", "post", "kind", "pre_index", "post_index", "weights", "delay", "delays", "axon_type"});
    if (v.has("delay")) proj.delay = static_cast<uint32_t>(v.field("delay").as_int(limits::kDelay));
    if (v.has("axon_type")) proj.axon_types = axon_types(v.field("axon_type"));
    if (!dense) {
      proj.pre_index = int_array<uint32_t>(v.field("pre_index"), {0, UINT32_MAX});
      proj.post_index = int_array<uint32_t>(v.field("post_index"), {0, UINT32_MAX});
      // Every listed pair is a synapse unless its bit says otherwise.
      proj.weights = v.has("weights") ? int_array<int32_t>(v.field("weights"), limits::kCrossbarBit)
                                      : std::vector<int32_t>(proj.pre_index.size(), 1);
      if (v.has("delays")) proj.delays = int_array<uint8_t>(v.field("delays"), limits::kDelay);
      return proj;
    }
    const auto pre_size = net.size_of(proj.pre);
    const JsonValue weights = v.field("weights");
    if (!pre_size) {
      weights.array_size();
      return proj;
    }
    const uint32_t post_size = net.populations[*net.find_population(proj.post)].size;
    proj.weights = matrix<int32_t>(weights, post_size, *pre_size, limits::kCrossbarBit);
    if (v.has("delays")) proj.delays = matrix<uint8_t>(v.field("delays"), post_size, *pre_size, limits::kDelay);
    return proj;
  }

  model::Projection projection(const JsonValue& v, const model::Network& net) {
    model::Projection proj;
    proj.pre = v.field("pre").as_string();
    proj.post = v.field("post").as_string();
    proj.name = v.has("name") ? name(v) : proj.pre + "_to_" + proj.post;
    proj.kind = static_cast<model::ProjectionKind>(v.field("kind").as_choice({"dense", "sparse"}));
    const auto target = net.find_population(proj.post);
    if (target && net.populations[*target].model == model::NeuronModel::TrueNorth)
      return truenorth_projection(v, std::move(proj), net);
    reject(v, "axon_type", "it applies to projections into truenorth populations only");
    if (proj.kind == model::ProjectionKind::Dense)
      v.allow_only({"name", "pre", "post", "kind", "weights", "delay", "delays", "weight_exp", "num_weight_bits", "sign_mode",
                    "short_term_depression", "learning"});
    else
      v.allow_only({"name", "pre", "post", "kind", "pre_index", "post_index", "weights", "delay", "delays",
                    "weight_exp", "num_weight_bits", "sign_mode", "short_term_depression", "learning"});
    if (v.has("learning")) proj.learning = learning_from_json(v.field("learning"));
    if (v.has("short_term_depression")) proj.short_term_depression = depression_from_json(v.field("short_term_depression"));
    if (v.has("weight_exp")) proj.weight_exp = int32(v.field("weight_exp"), limits::kWeightExp);
    if (v.has("num_weight_bits")) proj.num_weight_bits = int32(v.field("num_weight_bits"), limits::kWeightBits);
    if (v.has("sign_mode")) proj.sign_mode = static_cast<model::SignMode>(
        v.field("sign_mode").as_choice({"auto", "excitatory", "inhibitory", "mixed"}));
    if (v.has("delay")) proj.delay = static_cast<uint32_t>(v.field("delay").as_int(limits::kDelay));
    if (proj.kind == model::ProjectionKind::Sparse) {
      proj.pre_index = int_array<uint32_t>(v.field("pre_index"), {0, UINT32_MAX});
      proj.post_index = int_array<uint32_t>(v.field("post_index"), {0, UINT32_MAX});
      proj.weights = int_array<int32_t>(v.field("weights"), limits::kRawWeight);
      if (v.has("delays")) proj.delays = int_array<uint8_t>(v.field("delays"), limits::kDelay);
      return proj;
    }
    // Dense: the shape follows from the groups named, when they exist (else the
    // validator reports the dangling name).
    const auto pre_size = net.size_of(proj.pre);
    const auto post = net.find_population(proj.post);
    const JsonValue weights = v.field("weights");
    if (!pre_size || !post) {
      weights.array_size();
      return proj;
    }
    const uint32_t post_size = net.populations[*post].size;
    proj.weights = matrix<int32_t>(weights, post_size, *pre_size, limits::kRawWeight);
    if (v.has("delays")) proj.delays = matrix<uint8_t>(v.field("delays"), post_size, *pre_size, limits::kDelay);
    return proj;
  }

  model::Probe probe(const JsonValue& v) {
    v.allow_only({"target", "fields", "neurons"});
    model::Probe probe;
    probe.target = v.field("target").as_string();
    if (v.has("fields")) {
      probe.spikes = false;
      const JsonValue fields = v.field("fields");
      for (std::size_t i = 0; i < fields.array_size(); ++i) {
        switch (fields.element(i).as_choice({"spikes", "u", "v"})) {
          case 0: probe.spikes = true; break;
          case 1: probe.u = true; break;
          default: probe.v = true; break;
        }
      }
    }
    if (v.has("neurons")) probe.neurons = int_array<uint32_t>(v.field("neurons"), {0, UINT32_MAX});
    return probe;
  }

  std::string file_;
  std::string prefix_ = "NET";
};

json per_neuron_json(const PerNeuron<int32_t>& p) {
  return p.is_shared() ? json(p.values()[0]) : json(p.values());
}

json truenorth_population_json(const model::Population& p) {
  const model::TrueNorthParams& tn = p.tn;
  json params = json::object();
  for (std::size_t g = 0; g < tn.weight.size(); ++g) {
    params["weight_" + std::to_string(g)] = per_neuron_json(tn.weight[g]);
    params["stochastic_weight_" + std::to_string(g)] = per_neuron_json(tn.stochastic_weight[g]);
  }
  params["leak"] = per_neuron_json(tn.leak);
  params["stochastic_leak"] = per_neuron_json(tn.stochastic_leak);
  params["leak_reversal"] = per_neuron_json(tn.leak_reversal);
  params["threshold"] = per_neuron_json(tn.threshold);
  params["negative_threshold"] = per_neuron_json(tn.negative_threshold);
  params["threshold_mask_bits"] = per_neuron_json(tn.threshold_mask_bits);
  params["reset_potential"] = per_neuron_json(tn.reset_potential);
  params["reset_mode"] = per_neuron_json(tn.reset_mode);
  params["negative_saturate"] = per_neuron_json(tn.negative_saturate);
  params["v_init"] = per_neuron_json(tn.v_init);
  return {{"name", p.name}, {"size", p.size}, {"model", "truenorth"}, {"seed", p.seed}, {"params", params}};
}

template <class T>
json rows_json(const std::vector<T>& flat, std::size_t columns) {
  json rows = json::array();
  for (std::size_t start = 0; start < flat.size(); start += columns)
    rows.push_back(std::vector<int64_t>(flat.begin() + static_cast<std::ptrdiff_t>(start),
                                        flat.begin() + static_cast<std::ptrdiff_t>(start + columns)));
  return rows;
}

}  // namespace

model::SpikeSource source_from_json(const JsonValue& v) {
  model::SpikeSource src;
  src.name = v.field("name").as_string();
  src.size = static_cast<uint32_t>(v.field("size").as_int(limits::kGroupSize));
  src.kind = static_cast<model::SourceKind>(v.field("kind").as_choice({"raster", "bernoulli", "poisson"}));
  switch (src.kind) {
    case model::SourceKind::Raster: {
      v.allow_only({"name", "size", "kind", "spike_times"});
      const JsonValue times = v.field("spike_times");
      src.spike_times.resize(times.array_size());
      for (std::size_t i = 0; i < src.spike_times.size(); ++i)
        src.spike_times[i] = int_array<uint32_t>(times.element(i), limits::kSpikeStep);
      break;
    }
    case model::SourceKind::Bernoulli:
      v.allow_only({"name", "size", "kind", "p", "seed"});
      src.p = v.field("p").as_number();
      src.seed = static_cast<uint64_t>(v.field("seed").as_int(limits::kSeed));
      break;
    case model::SourceKind::Poisson:
      v.allow_only({"name", "size", "kind", "rate_hz", "dt_ms", "seed"});
      src.rate_hz = v.field("rate_hz").as_number();
      if (v.has("dt_ms")) src.dt_ms = v.field("dt_ms").as_number();
      src.seed = static_cast<uint64_t>(v.field("seed").as_int(limits::kSeed));
      break;
  }
  return src;
}

json source_to_json(const model::SpikeSource& s) {
  json j = {{"name", s.name}, {"size", s.size}};
  switch (s.kind) {
    case model::SourceKind::Raster: j["kind"] = "raster"; j["spike_times"] = s.spike_times; break;
    case model::SourceKind::Bernoulli: j["kind"] = "bernoulli"; j["p"] = s.p; j["seed"] = s.seed; break;
    case model::SourceKind::Poisson:
      j["kind"] = "poisson"; j["rate_hz"] = s.rate_hz; j["dt_ms"] = s.dt_ms; j["seed"] = s.seed;
      break;
  }
  return j;
}

model::Network network_from_json_text(const std::string& text, const std::string& file) {
  const json document = parse_json_text(text, file, "NET");
  model::Network net = NetworkReader(file).read(document);
  model::require_valid(net, file);
  return net;
}

model::Network load_network(const std::string& path) { return network_from_json_text(read_text_file(path), path); }

json network_to_json(const model::Network& net) {
  json doc = {{"format", kFormatName}, {"version", model::kNetworkFormatVersion}, {"name", net.name}};
  json pops = json::array();
  for (const model::Population& p : net.populations) {
    if (p.model == model::NeuronModel::TrueNorth) {
      pops.push_back(truenorth_population_json(p));
      continue;
    }
    pops.push_back({{"name", p.name},
                    {"size", p.size},
                    {"model", "loihi_lif"},
                    {"params",
                     {{"du", per_neuron_json(p.lif.du)},
                      {"dv", per_neuron_json(p.lif.dv)},
                      {"vth", per_neuron_json(p.lif.vth)},
                      {"bias_mant", per_neuron_json(p.lif.bias_mant)},
                      {"bias_exp", per_neuron_json(p.lif.bias_exp)},
                      {"u_init", per_neuron_json(p.lif.u_init)},
                      {"v_init", per_neuron_json(p.lif.v_init)}}}});
  }
  for (std::size_t p = 0; p < net.populations.size(); ++p)
    if (net.populations[p].adaptive_threshold)
      pops[p]["adaptive_threshold"] = adaptive_threshold_to_json(*net.populations[p].adaptive_threshold);
  doc["populations"] = std::move(pops);
  json sources = json::array();
  for (const model::SpikeSource& s : net.sources) sources.push_back(source_to_json(s));
  doc["sources"] = std::move(sources);
  json projections = json::array();
  for (const model::Projection& p : net.projections) {
    json j = {{"name", p.name}, {"pre", p.pre}, {"post", p.post}};
    const bool dense = p.kind == model::ProjectionKind::Dense;
    const auto target = net.find_population(p.post);
    const bool truenorth = target && net.populations[*target].model == model::NeuronModel::TrueNorth;
    j["kind"] = dense ? "dense" : "sparse";
    const std::size_t columns = net.size_of(p.pre).value_or(1);
    if (dense) {
      j["weights"] = rows_json(p.weights, columns);
    } else {
      j["pre_index"] = p.pre_index;
      j["post_index"] = p.post_index;
      j["weights"] = p.weights;
    }
    if (p.delays.empty())
      j["delay"] = p.delay;
    else
      j["delays"] = dense ? rows_json(p.delays, columns) : json(p.delays);
    if (truenorth) {
      if (!p.axon_types.empty())
        j["axon_type"] = p.axon_types.size() == 1 ? json(p.axon_types[0]) : json(p.axon_types);
      projections.push_back(std::move(j));
      continue;
    }
    j["weight_exp"] = p.weight_exp;
    j["num_weight_bits"] = p.num_weight_bits;
    j["sign_mode"] = std::string(model::to_string(p.sign_mode));
    projections.push_back(std::move(j));
  }
  for (std::size_t k = 0; k < net.projections.size(); ++k)
    if (net.projections[k].short_term_depression)
      projections[k]["short_term_depression"] = depression_to_json(*net.projections[k].short_term_depression);
  for (std::size_t k = 0; k < net.projections.size(); ++k)
    if (net.projections[k].learning) projections[k]["learning"] = learning_to_json(*net.projections[k].learning);
  doc["projections"] = std::move(projections);
  json probes = json::array();
  for (const model::Probe& p : net.probes) {
    json fields = json::array();
    if (p.spikes) fields.push_back("spikes");
    if (p.u) fields.push_back("u");
    if (p.v) fields.push_back("v");
    json j = {{"target", p.target}, {"fields", fields}};
    if (!p.neurons.empty()) j["neurons"] = p.neurons;
    probes.push_back(std::move(j));
  }
  doc["probes"] = std::move(probes);
  return doc;
}

void save_network(const model::Network& network, const std::string& path) {
  write_text_file_atomically(path, network_to_json(network).dump(1) + "\n");
}

}  // namespace axomesh::flows
