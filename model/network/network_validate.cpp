#include "model/network/network_validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdlib>
#include <map>
#include <set>

#include "model/network/network_dynamics_validate.hpp"
#include "model/network/learning_validate.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::model {
namespace {

using limits::IntRange;

class Validator {
 public:
  explicit Validator(const Network& net) : net_(net) {}

  std::vector<Diagnostic> run() {
    check_names();
    for (std::size_t i = 0; i < net_.populations.size(); ++i) check_population(i);
    for (std::size_t i = 0; i < net_.sources.size(); ++i) check_source(i);
    for (std::size_t i = 0; i < net_.projections.size(); ++i) check_projection(i);
    for (std::size_t i = 0; i < net_.probes.size(); ++i) check_probe(i);
    validate_dynamics(net_, diagnostics_);
    validate_learning(net_, diagnostics_);
    if (diagnostics_.empty()) check_accumulator_bound();
    return std::move(diagnostics_);
  }

 private:
  void error(const char* id, std::string path, std::string message) {
    diagnostics_.push_back({id, std::move(path), std::move(message)});
  }

  void check_range(const std::string& path, int64_t value, const IntRange& range) {
    if (!range.contains(value))
      error("NET-0101", path, "expected " + range.describe() + ", found " + std::to_string(value));
  }

  static bool is_name(const std::string& s) {
    if (s.empty() || s.size() > 128) return false;
    for (char c : s)
      if (!(std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.'))
        return false;
    return true;
  }

  void check_names() {
    std::map<std::string, std::string> seen;  // name -> path of its first use
    auto visit = [&](const std::string& name, const std::string& path) {
      if (!is_name(name)) {
        error("NET-0102", path + "/name",
              "expected a name of 1-128 letters, digits, '_', '-' or '.', found \"" + name + "\"");
        return;
      }
      auto [it, inserted] = seen.emplace(name, path);
      if (!inserted)
        error("NET-0103", path + "/name", "duplicate name \"" + name + "\", first used at " + it->second);
    };
    for (std::size_t i = 0; i < net_.populations.size(); ++i)
      visit(net_.populations[i].name, "/populations/" + std::to_string(i));
    for (std::size_t i = 0; i < net_.sources.size(); ++i)
      visit(net_.sources[i].name, "/sources/" + std::to_string(i));
    seen.clear();  // projections have a name space of their own
    for (std::size_t i = 0; i < net_.projections.size(); ++i)
      visit(net_.projections[i].name, "/projections/" + std::to_string(i));
  }

  void check_size(const std::string& path, uint32_t size) { check_range(path + "/size", size, limits::kGroupSize); }

  void check_per_neuron(const std::string& path, const PerNeuron<int32_t>& p, uint32_t size,
                        const IntRange& range) {
    const auto& values = p.values();
    if (values.size() != 1 && values.size() != size) {
      error("NET-0105", path,
            "expected one value or one per neuron (" + std::to_string(size) + "), found " +
                std::to_string(values.size()) + " values");
      return;
    }
    for (std::size_t i = 0; i < values.size(); ++i)
      check_range(p.is_shared() ? path : path + "/" + std::to_string(i), values[i], range);
  }

  void check_population(std::size_t index) {
    const Population& pop = net_.populations[index];
    const std::string path = "/populations/" + std::to_string(index);
    check_size(path, pop.size);
    if (pop.model == NeuronModel::TrueNorth) {
      check_truenorth(path, pop);
      return;
    }
    if (pop.seed != 0)
      error("NET-0110", path + "/seed", "expected no seed (it applies to truenorth populations only), found " +
                                            std::to_string(pop.seed));
    if (!(pop.tn == TrueNorthParams{}))
      error("NET-0110", path + "/params", "expected loihi_lif parameters only, found truenorth parameters");
    const std::string params = path + "/params/";
    check_per_neuron(params + "du", pop.lif.du, pop.size, limits::kDecay);
    check_per_neuron(params + "dv", pop.lif.dv, pop.size, limits::kDecay);
    check_per_neuron(params + "vth", pop.lif.vth, pop.size, limits::kThreshold);
    check_per_neuron(params + "bias_mant", pop.lif.bias_mant, pop.size, limits::kBiasMant);
    check_per_neuron(params + "bias_exp", pop.lif.bias_exp, pop.size, limits::kBiasExp);
    check_per_neuron(params + "u_init", pop.lif.u_init, pop.size, limits::kCurrent);
    check_per_neuron(params + "v_init", pop.lif.v_init, pop.size, limits::kVoltage);
  }

  void check_truenorth(const std::string& path, const Population& pop) {
    if (!(pop.lif == LoihiLifParams{}))
      error("NET-0110", path + "/params", "expected truenorth parameters only, found loihi_lif parameters");
    check_seed(path, pop.seed);
    const std::string params = path + "/params/";
    const TrueNorthParams& tn = pop.tn;
    for (std::size_t g = 0; g < tn.weight.size(); ++g) {
      check_per_neuron(params + "weight_" + std::to_string(g), tn.weight[g], pop.size, limits::kTnWeight);
      check_per_neuron(params + "stochastic_weight_" + std::to_string(g), tn.stochastic_weight[g], pop.size,
                       limits::kFlag);
    }
    check_per_neuron(params + "leak", tn.leak, pop.size, limits::kTnLeak);
    check_per_neuron(params + "stochastic_leak", tn.stochastic_leak, pop.size, limits::kFlag);
    check_per_neuron(params + "leak_reversal", tn.leak_reversal, pop.size, limits::kFlag);
    check_per_neuron(params + "threshold", tn.threshold, pop.size, limits::kTnThreshold);
    check_per_neuron(params + "negative_threshold", tn.negative_threshold, pop.size, limits::kTnThreshold);
    check_per_neuron(params + "threshold_mask_bits", tn.threshold_mask_bits, pop.size, limits::kTnMaskBits);
    check_per_neuron(params + "reset_potential", tn.reset_potential, pop.size, limits::kTnReset);
    check_per_neuron(params + "reset_mode", tn.reset_mode, pop.size, limits::kTnResetMode);
    check_per_neuron(params + "negative_saturate", tn.negative_saturate, pop.size, limits::kFlag);
    check_per_neuron(params + "v_init", tn.v_init, pop.size, limits::kTnPotential);
  }

  // A projection into a truenorth population has crossbar bits, not Loihi weights.
  void check_truenorth_projection(const std::string& path, const Projection& proj, uint32_t pre_size) {
    if (proj.weight_exp != 0 || proj.num_weight_bits != 8 || proj.sign_mode != SignMode::Auto)
      error("NET-0110", path,
            "expected no weight_exp, num_weight_bits or sign_mode (\"" + proj.post +
                "\" is a truenorth population: its weights come from the neurons' per-type weights)");
    const std::size_t types = proj.axon_types.size();
    if (types > 1 && types != pre_size) {
      error("NET-0105", path + "/axon_type",
            "expected one axon type or one per presynaptic neuron (" + std::to_string(pre_size) + "), found " +
                std::to_string(types) + " values");
      return;
    }
    for (std::size_t i = 0; i < types; ++i)
      check_range(types == 1 ? path + "/axon_type" : path + "/axon_type/" + std::to_string(i), proj.axon_types[i],
                  limits::kAxonType);
  }

  void check_seed(const std::string& path, uint64_t seed) {
    if (seed > static_cast<uint64_t>(limits::kSeed.hi))
      error("NET-0101", path + "/seed", "expected " + limits::kSeed.describe() + ", found " + std::to_string(seed));
  }

  void check_source(std::size_t index) {
    const SpikeSource& src = net_.sources[index];
    const std::string path = "/sources/" + std::to_string(index);
    check_size(path, src.size);
    switch (src.kind) {
      case SourceKind::Raster: {
        if (src.spike_times.size() != src.size) {
          error("NET-0105", path + "/spike_times",
                "expected one list per source (" + std::to_string(src.size) + "), found " +
                    std::to_string(src.spike_times.size()));
          return;
        }
        for (std::size_t i = 0; i < src.spike_times.size(); ++i) {
          const auto& times = src.spike_times[i];
          for (std::size_t k = 1; k < times.size(); ++k)
            if (times[k] <= times[k - 1])
              error("NET-0107", path + "/spike_times/" + std::to_string(i) + "/" + std::to_string(k),
                    "expected a step after " + std::to_string(times[k - 1]) +
                        " (strictly ascending), found " + std::to_string(times[k]));
        }
        break;
      }
      case SourceKind::Bernoulli:
        check_seed(path, src.seed);
        if (!(src.p >= 0.0 && src.p <= 1.0))
          error("NET-0101", path + "/p", "expected a probability in 0..1, found " + std::to_string(src.p));
        break;
      case SourceKind::Poisson:
        check_seed(path, src.seed);
        if (!(src.rate_hz >= 0.0 && std::isfinite(src.rate_hz)))
          error("NET-0101", path + "/rate_hz", "expected a finite rate >= 0, found " + std::to_string(src.rate_hz));
        if (!(src.dt_ms > 0.0 && std::isfinite(src.dt_ms)))
          error("NET-0101", path + "/dt_ms", "expected a finite step > 0, found " + std::to_string(src.dt_ms));
        break;
    }
  }

  // Path of weight k of a projection, in the layout of the JSON format.
  static std::string weight_path(const std::string& base, const Projection& proj, uint32_t pre_size,
                                 std::size_t k) {
    if (proj.kind == ProjectionKind::Dense)
      return base + "/" + std::to_string(k / pre_size) + "/" + std::to_string(k % pre_size);
    return base + "/" + std::to_string(k);
  }

  void check_projection(std::size_t index) {
    const Projection& proj = net_.projections[index];
    const std::string path = "/projections/" + std::to_string(index);
    check_range(path + "/weight_exp", proj.weight_exp, limits::kWeightExp);
    check_range(path + "/num_weight_bits", proj.num_weight_bits, limits::kWeightBits);
    check_range(path + "/delay", proj.delay, limits::kDelay);
    const auto pre_size = net_.size_of(proj.pre);
    if (!pre_size)
      error("NET-0104", path + "/pre", "expected the name of a population or source, found \"" + proj.pre + "\"");
    const auto post = net_.find_population(proj.post);
    if (!post)
      error("NET-0104", path + "/post", "expected the name of a population, found \"" + proj.post + "\"");
    if (!pre_size || !post) return;
    const uint32_t post_size = net_.populations[*post].size;
    const bool truenorth = net_.populations[*post].model == NeuronModel::TrueNorth;
    if (truenorth)
      check_truenorth_projection(path, proj, *pre_size);
    else if (!proj.axon_types.empty())
      error("NET-0110", path + "/axon_type",
            "expected no axon_type (it applies to projections into truenorth populations only; \"" + proj.post +
                "\" is loihi_lif)");
    const std::size_t n = proj.weights.size();
    if (proj.kind == ProjectionKind::Dense) {
      const uint64_t expected = uint64_t{*pre_size} * post_size;
      if (expected > limits::kMaxSynapses) {
        error("NET-0106", path, "expected at most " + std::to_string(limits::kMaxSynapses) +
                                    " synapses, found a dense " + std::to_string(post_size) + " x " +
                                    std::to_string(*pre_size) + " projection");
        return;
      }
      if (n != expected) {
        error("NET-0105", path + "/weights",
              "expected " + std::to_string(post_size) + " x " + std::to_string(*pre_size) +
                  " weights (post x pre), found " + std::to_string(n));
        return;
      }
    } else {
      if (proj.pre_index.size() != n || proj.post_index.size() != n) {
        error("NET-0105", path,
              "expected pre_index, post_index and weights of equal length, found " + std::to_string(proj.pre_index.size()) +
                  ", " + std::to_string(proj.post_index.size()) + " and " + std::to_string(n));
        return;
      }
      for (std::size_t k = 0; k < n; ++k) {
        if (proj.pre_index[k] >= *pre_size)
          error("NET-0105", path + "/pre_index/" + std::to_string(k),
                "expected an index below " + std::to_string(*pre_size) + " (size of \"" + proj.pre +
                    "\"), found " + std::to_string(proj.pre_index[k]));
        if (proj.post_index[k] >= post_size)
          error("NET-0105", path + "/post_index/" + std::to_string(k),
                "expected an index below " + std::to_string(post_size) + " (size of \"" + proj.post +
                    "\"), found " + std::to_string(proj.post_index[k]));
      }
    }
    const IntRange& weight_range = truenorth ? limits::kCrossbarBit : limits::kRawWeight;
    for (std::size_t k = 0; k < n; ++k)
      if (!weight_range.contains(proj.weights[k]))
        check_range(weight_path(path + "/weights", proj, *pre_size, k), proj.weights[k], weight_range);
    if (!proj.delays.empty()) {
      if (proj.delays.size() != n) {
        error("NET-0105", path + "/delays",
              "expected one delay per weight (" + std::to_string(n) + "), found " + std::to_string(proj.delays.size()));
        return;
      }
      for (std::size_t k = 0; k < n; ++k)
        if (!limits::kDelay.contains(proj.delays[k]))
          check_range(weight_path(path + "/delays", proj, *pre_size, k), proj.delays[k], limits::kDelay);
    }
  }

  void check_probe(std::size_t index) {
    const Probe& probe = net_.probes[index];
    const std::string path = "/probes/" + std::to_string(index);
    const auto pop = net_.find_population(probe.target);
    if (!pop) {
      error("NET-0104", path + "/target", "expected the name of a population, found \"" + probe.target + "\"");
      return;
    }
    if (!probe.spikes && !probe.u && !probe.v)
      error("NET-0105", path + "/fields", "expected at least one of \"spikes\", \"u\", \"v\", found none");
    if (probe.u && net_.populations[*pop].model == NeuronModel::TrueNorth)
      error("NET-0110", path + "/fields",
            "expected \"spikes\" or \"v\" (\"" + probe.target + "\" is a truenorth population, which has no u), found \"u\"");
    const uint32_t size = net_.populations[*pop].size;
    std::set<uint32_t> seen;
    for (std::size_t k = 0; k < probe.neurons.size(); ++k) {
      const uint32_t n = probe.neurons[k];
      if (n >= size)
        error("NET-0105", path + "/neurons/" + std::to_string(k),
              "expected a neuron index below " + std::to_string(size) + ", found " + std::to_string(n));
      else if (!seen.insert(n).second)
        error("NET-0103", path + "/neurons/" + std::to_string(k), "neuron " + std::to_string(n) + " is listed twice");
    }
  }

  void check_accumulator_bound() {
    for (std::size_t pi = 0; pi < net_.populations.size(); ++pi) {
      const Population& pop = net_.populations[pi];
      const int unit = accumulator_exponent(net_, pi);
      bool span_ok = true;
      for (std::size_t k = 0; k < net_.projections.size(); ++k) {
        const Projection& proj = net_.projections[k];
        if (proj.post != pop.name || proj.weight_exp - unit <= kMaxExponentSpan) continue;
        span_ok = false;
        error("NET-0109", "/projections/" + std::to_string(k) + "/weight_exp",
                "expected at most " + std::to_string(unit + kMaxExponentSpan) + " (projections into \"" + pop.name +
                    "\" may span 7 in weight_exp, and one of them has " + std::to_string(unit) + "), found " +
                    std::to_string(proj.weight_exp));
      }
      if (!span_ok) continue;
      const std::vector<int64_t> worst = worst_case_accumulator(net_, pi);
      for (std::size_t n = 0; n < worst.size(); ++n)
        if (worst[n] > limits::kAccumulatorMax && pop.model == NeuronModel::TrueNorth) {
          error("NET-0108", "/populations/" + std::to_string(pi),
                "neuron " + std::to_string(n) + " of \"" + pop.name + "\" can receive " + std::to_string(worst[n]) +
                    " synaptic events in one step; expected at most " + std::to_string(limits::kAccumulatorMax) +
                    " (32-bit event counters)");
          break;
        } else if (worst[n] > limits::kAccumulatorMax) {
          error("NET-0108", "/populations/" + std::to_string(pi),
                "neuron " + std::to_string(n) + " of \"" + pop.name + "\" can receive a summed input of " +
                    std::to_string(worst[n]) + " (in units of 2^" + std::to_string(unit) +
                    ") in one step; expected at most " + std::to_string(limits::kAccumulatorMax) +
                    " (32-bit accumulator)");
          break;
        }
    }
  }

  static constexpr int kMaxExponentSpan = 7;  // stored weights are 16-bit

  const Network& net_;
  std::vector<Diagnostic> diagnostics_;
};

}  // namespace

std::vector<Diagnostic> validate(const Network& network) { return Validator(network).run(); }

void require_valid(const Network& network, const std::string& file) {
  auto diagnostics = validate(network);
  if (!diagnostics.empty()) throw InputError(std::move(diagnostics), file);
}

int accumulator_exponent(const Network& net, std::size_t population) {
  int unit = 0;
  for (const Projection& proj : net.projections)
    if (proj.post == net.populations[population].name) unit = std::min(unit, proj.weight_exp);
  return unit;
}

std::vector<int64_t> worst_case_accumulator(const Network& net, std::size_t population) {
  const Population& pop = net.populations[population];
  const int unit = accumulator_exponent(net, population);
  std::vector<int64_t> worst(pop.size, 0);
  for (const Projection& proj : net.projections) {
    if (proj.post != pop.name) continue;
    const uint32_t pre_size = *net.size_of(proj.pre);
    const SignMode mode = loihi::resolve_sign_mode(proj.sign_mode, proj.weights);
    // A plastic weight may reach either end of its sign mode's range.
    const int32_t plastic_bound = -learning::weight_min(mode) > learning::weight_max(mode) ? learning::weight_min(mode)
                                                                                          : learning::weight_max(mode);
    const int shift = proj.weight_exp - unit;  // 0..7 once the span is checked
    const int64_t scale = proj.short_term_depression ? proj.short_term_depression->scale : 1;  // |epsc| <= A |w|
    for (std::size_t k = 0; k < proj.weights.size(); ++k) {
      const uint32_t post = proj.kind == ProjectionKind::Dense ? static_cast<uint32_t>(k / pre_size) : proj.post_index[k];
      worst[post] += std::abs(loihi::effective_weight(proj.learning ? plastic_bound : proj.weights[k], mode, proj.num_weight_bits)) * (int64_t{1} << shift) * scale;
    }
  }
  return worst;
}

}  // namespace axomesh::model
