// model::Network -- the network IR every stage starts from: populations of neurons,
// spike sources, projections between them, and probes. Plain data; the rules it must
// obey are in network_validate.cpp, the arithmetic in the neuron and weight kernels.
#pragma once

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "model/blocks/adaptive_threshold.hpp"
#include "model/blocks/learning_rule.hpp"
#include "model/blocks/loihi_weights.hpp"
#include "model/blocks/short_term_depression.hpp"

namespace axomesh::model {

constexpr int kNetworkFormatVersion = 1;

// A parameter either shared by a whole population (one value) or given per neuron.
template <class T>
class PerNeuron {
 public:
  PerNeuron(T shared = T{}) : values_{shared} {}
  explicit PerNeuron(std::vector<T> values) : values_(std::move(values)) {}
  bool is_shared() const { return values_.size() == 1; }
  T operator[](std::size_t neuron) const { return is_shared() ? values_[0] : values_[neuron]; }
  const std::vector<T>& values() const { return values_; }
  bool operator==(const PerNeuron& other) const { return values_ == other.values_; }

 private:
  std::vector<T> values_;
};

enum class NeuronModel { LoihiLif, TrueNorth };

// The model's name in the network format and in target files ("loihi_lif", "truenorth").
const char* to_string(NeuronModel model);

struct LoihiLifParams {
  PerNeuron<int32_t> du{0};         // current decay, 0..4095 (u decays by (du+1)/4096)
  PerNeuron<int32_t> dv{0};         // voltage decay, 0..4095
  PerNeuron<int32_t> vth{10};       // threshold mantissa, 0..131071 (threshold = vth << 6)
  PerNeuron<int32_t> bias_mant{0};  // -4096..4095
  PerNeuron<int32_t> bias_exp{0};   // bias = bias_mant << bias_exp (floor shift if negative)
  PerNeuron<int32_t> u_init{0};
  PerNeuron<int32_t> v_init{0};
  bool operator==(const LoihiLifParams& o) const {
    return du == o.du && dv == o.dv && vth == o.vth && bias_mant == o.bias_mant &&
           bias_exp == o.bias_exp && u_init == o.u_init && v_init == o.v_init;
  }
};

// TrueNorth neuron (model/blocks/truenorth_neuron.hpp, docs/truenorth-neuron.md). Flags are 0 or 1.
struct TrueNorthParams {
  std::array<PerNeuron<int32_t>, 4> weight{};             // s_G per axon type, -255..255
  std::array<PerNeuron<int32_t>, 4> stochastic_weight{};  // b_G
  PerNeuron<int32_t> leak{0};                             // lambda, -255..255
  PerNeuron<int32_t> stochastic_leak{0};                  // c
  PerNeuron<int32_t> leak_reversal{0};                    // epsilon
  PerNeuron<int32_t> threshold{1};                        // alpha, 0..2^18-1
  PerNeuron<int32_t> negative_threshold{0};               // beta, 0..2^18-1
  PerNeuron<int32_t> threshold_mask_bits{0};              // TM, 0..16
  PerNeuron<int32_t> reset_potential{0};                  // R, -2^17..2^17-1
  PerNeuron<int32_t> reset_mode{0};                       // gamma: 0 reset, 1 subtract, 2 none
  PerNeuron<int32_t> negative_saturate{0};                // kappa
  PerNeuron<int32_t> v_init{0};                           // 20-bit
  bool operator==(const TrueNorthParams& o) const {
    return weight == o.weight && stochastic_weight == o.stochastic_weight && leak == o.leak &&
           stochastic_leak == o.stochastic_leak && leak_reversal == o.leak_reversal && threshold == o.threshold &&
           negative_threshold == o.negative_threshold && threshold_mask_bits == o.threshold_mask_bits &&
           reset_potential == o.reset_potential && reset_mode == o.reset_mode &&
           negative_saturate == o.negative_saturate && v_init == o.v_init;
  }
};

struct Population {
  std::string name;
  uint32_t size = 0;
  NeuronModel model = NeuronModel::LoihiLif;
  LoihiLifParams lif;     // loihi_lif only
  TrueNorthParams tn;     // truenorth only
  uint64_t seed = 0;      // truenorth only: seeds the LFSR of each 256-neuron block
  // Threshold adapted to the population's spike rate (model/blocks/adaptive_threshold.hpp).
  std::optional<AdaptiveThresholdParams> adaptive_threshold;
  bool operator==(const Population& o) const {
    return name == o.name && size == o.size && model == o.model && lif == o.lif && tn == o.tn && seed == o.seed &&
           adaptive_threshold == o.adaptive_threshold;
  }
};

enum class SourceKind {
  Raster,     // explicit spike times per source
  Bernoulli,  // each source spikes in each step with probability p
  Poisson,    // Poisson process of rate_hz sampled every dt_ms: p = 1 - exp(-rate * dt)
};

struct SpikeSource {
  std::string name;
  uint32_t size = 0;
  SourceKind kind = SourceKind::Raster;
  std::vector<std::vector<uint32_t>> spike_times;  // Raster: per source, ascending steps
  double p = 0.0;                                  // Bernoulli
  double rate_hz = 0.0;                            // Poisson
  double dt_ms = 1.0;                              // Poisson
  uint64_t seed = 0;                               // Bernoulli and Poisson
  bool operator==(const SpikeSource& o) const {
    return name == o.name && size == o.size && kind == o.kind && spike_times == o.spike_times &&
           p == o.p && rate_hz == o.rate_hz && dt_ms == o.dt_ms && seed == o.seed;
  }
};

enum class ProjectionKind { Dense, Sparse };

struct Projection {
  std::string name;
  std::string pre;   // a population or a spike source
  std::string post;  // a population
  ProjectionKind kind = ProjectionKind::Dense;
  // Dense: weights[post * pre_size + pre] (rows are post-synaptic neurons, as in Lava).
  // Sparse: one entry per synapse, parallel to pre_index and post_index.
  std::vector<int32_t> weights;
  std::vector<uint32_t> pre_index;   // Sparse only
  std::vector<uint32_t> post_index;  // Sparse only
  // Synaptic delay in steps (0..62): one for all synapses, or one per weight.
  uint32_t delay = 0;
  std::vector<uint8_t> delays;
  int weight_exp = 0;
  int num_weight_bits = 8;
  SignMode sign_mode = SignMode::Auto;
  // Projections into a truenorth population: `weights` are crossbar bits (0 or 1, the
  // weight itself is the target neuron's s_G), and each presynaptic neuron i drives an
  // axon of type axon_types[i] (0..3; one value for all). Empty for loihi_lif.
  std::vector<uint8_t> axon_types;
  // Plasticity (model/blocks/learning_rule.hpp): none when empty.
  std::optional<LearningRule> learning;
  uint8_t axon_type(uint32_t pre_neuron) const {
    return axon_types.empty() ? 0 : axon_types.size() == 1 ? axon_types[0] : axon_types[pre_neuron];
  }
  // Tsodyks-Markram depression, one state per presynaptic neuron (loihi_lif targets only).
  std::optional<DepressionParams> short_term_depression;
  bool operator==(const Projection& o) const {
    return name == o.name && pre == o.pre && post == o.post && kind == o.kind &&
           weights == o.weights && pre_index == o.pre_index && post_index == o.post_index &&
           delay == o.delay && delays == o.delays && weight_exp == o.weight_exp &&
           num_weight_bits == o.num_weight_bits && sign_mode == o.sign_mode &&
           axon_types == o.axon_types && learning == o.learning && short_term_depression == o.short_term_depression;
  }
};

struct Probe {
  std::string target;             // a population
  bool spikes = true;
  bool u = false;
  bool v = false;
  std::vector<uint32_t> neurons;  // empty: every neuron of the population
  bool operator==(const Probe& o) const {
    return target == o.target && spikes == o.spikes && u == o.u && v == o.v &&
           neurons == o.neurons;
  }
};

struct Network {
  std::string name;
  std::vector<Population> populations;
  std::vector<SpikeSource> sources;
  std::vector<Projection> projections;
  std::vector<Probe> probes;
  bool operator==(const Network& o) const {
    return name == o.name && populations == o.populations && sources == o.sources &&
           projections == o.projections && probes == o.probes;
  }

  std::optional<std::size_t> find_population(const std::string& name) const;
  std::optional<std::size_t> find_source(const std::string& name) const;
  // Size of the population or source called `name`, if there is one.
  std::optional<uint32_t> size_of(const std::string& name) const;
  uint64_t neuron_count() const;
  uint64_t synapse_count() const;  // into truenorth populations: the crossbar bits set
};

}  // namespace axomesh::model
