#include "mapper/truenorth_layout.hpp"

#include "mapper/encode_dynamics.hpp"

#include <algorithm>
#include <map>
#include <tuple>

#include "model/base/diagnostic.hpp"
#include "model/network/truenorth_params.hpp"

namespace axomesh::mapper {
namespace {

using model::NeuronModel;

[[noreturn]] void fail(const char* id, const std::string& path, const std::string& message) {
  throw model::InputError({{id, path, message}});
}

// Calls f(pre, post, type, delay, entry) for every crossbar bit set in a projection into a
// truenorth population.
template <class F>
void for_each_bit(const model::Projection& p, uint32_t pre_size, F&& f) {
  const bool dense = p.kind == model::ProjectionKind::Dense;
  for (std::size_t k = 0; k < p.weights.size(); ++k) {
    if (p.weights[k] == 0) continue;
    const uint32_t pre = dense ? static_cast<uint32_t>(k % pre_size) : p.pre_index[k];
    const uint32_t post = dense ? static_cast<uint32_t>(k / pre_size) : p.post_index[k];
    const uint32_t delay = p.delays.empty() ? p.delay : p.delays[k];
    f(pre, post, p.axon_type(pre), delay, k);
  }
}

bool is_truenorth(const model::Network& net, const std::string& name) {
  const auto p = net.find_population(name);
  return p && net.populations[*p].model == NeuronModel::TrueNorth;
}

// Presynaptic ids across the network: populations' neurons, then sources'.
uint64_t first_id(const model::Network& net, const std::string& group) {
  uint64_t id = 0;
  for (const model::Population& p : net.populations) {
    if (p.name == group) return id;
    id += p.size;
  }
  for (const model::SpikeSource& s : net.sources) {
    if (s.name == group) return id;
    id += s.size;
  }
  return id;
}

// Neurons per core for truenorth population p: see the header.
uint32_t atom_size_of(const model::Network& net, uint32_t p, const targets::Target& target) {
  const model::Population& pop = net.populations[p];
  const std::string where = "/populations/" + std::to_string(p);
  // (post neuron, input axon key = presynaptic id, type, delay) per synapse.
  std::vector<std::pair<uint32_t, uint64_t>> inputs;
  for (const model::Projection& proj : net.projections) {
    if (proj.post != pop.name) continue;
    const uint64_t first = first_id(net, proj.pre);
    for_each_bit(proj, *net.size_of(proj.pre), [&](uint32_t pre, uint32_t post, uint8_t type, uint32_t delay, std::size_t) {
      inputs.emplace_back(post, ((first + pre) << 8) | (uint64_t{type} << 6) | delay);
    });
  }
  // The input axons of the fullest atom of `size` neurons.
  std::vector<std::pair<uint32_t, uint64_t>> keys;
  auto fullest = [&](uint32_t size, uint32_t& atom) {
    keys.clear();
    for (const auto& [post, key] : inputs) keys.emplace_back(post / size, key);
    std::sort(keys.begin(), keys.end());
    keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
    uint64_t worst = 0;
    for (std::size_t k = 0; k < keys.size();) {
      std::size_t end = k;
      while (end < keys.size() && keys[end].first == keys[k].first) ++end;
      if (end - k > worst) worst = end - k, atom = keys[k].first;
      k = end;
    }
    return worst;
  };
  if (pop.adaptive_threshold) {
    // Its rate needs all its spikes, so the population sits whole on one core.
    auto refuse = [&](const std::string& need, uint64_t amount, uint64_t capacity) {
      refuse_adaptive_population(net, p, target, need, amount, capacity);
    };
    if (pop.size > target.core.neurons) refuse("neurons", pop.size, target.core.neurons);
    uint32_t atom = 0;
    const uint64_t axons = fullest(pop.size, atom);
    if (axons > target.core.input_axons) refuse("input axons", axons, target.core.input_axons);
    return pop.size;
  }
  const bool stochastic = draws_random(pop);
  const uint32_t block = std::min<uint32_t>(model::truenorth::kCoreNeurons, pop.size);
  if (stochastic && block > target.core.neurons)
    fail("MAP-0010", where, "population \"" + pop.name + "\" draws pseudo-random numbers, so each 256-neuron block "
                            "must sit whole on one core (one LFSR per block); a core of " + target.name + " holds " +
                            std::to_string(target.core.neurons) + " neurons, a block has " + std::to_string(block));
  uint32_t size = std::min<uint32_t>(block, target.core.neurons);
  for (;;) {
    uint32_t atom = 0;
    const uint64_t axons = fullest(size, atom);
    if (axons <= target.core.input_axons) return size;
    if (stochastic)
      fail("MAP-0010", where, "population \"" + pop.name + "\" draws pseudo-random numbers, so each 256-neuron block "
                              "must sit whole on one core; block " + std::to_string(atom) + " needs " +
                              std::to_string(axons) + " input axons (one per presynaptic neuron, axon type and delay), "
                              "a core of " + target.name + " has " + std::to_string(target.core.input_axons) +
                              " (over by " + std::to_string(axons - target.core.input_axons) + ")");
    if (size == 1)
      fail("MAP-0102", where, "a neuron of \"" + pop.name + "\" needs " + std::to_string(axons) +
                              " input axons (one per presynaptic neuron, axon type and delay); a core of " +
                              target.name + " has " + std::to_string(target.core.input_axons) + " (over by " +
                              std::to_string(axons - target.core.input_axons) + ")");
    size = (size + 1) / 2;
  }
}

// One synapse from a truenorth neuron into a truenorth population, with the input axon
// (post population, post atom, type, delay) it arrives on.
struct Reach {
  uint32_t pre, post_pop, atom, post;
  uint8_t type, delay;
  uint32_t projection;
  std::size_t entry;
  auto axon() const { return std::make_tuple(post_pop, atom, type, delay); }
};

// A new synapse of the split network: between populations (by index), crossbar bit 1.
struct Edge {
  uint32_t pre_pop, pre, post_pop, post;
  uint8_t type, delay;
};

class Splitter {
 public:
  Splitter(const model::Network& net, const targets::Target& target, TrueNorthLayout& layout)
      : net_(net), target_(target), layout_(layout) {}

  void run() {
    const std::size_t populations = net_.populations.size();
    dropped_.resize(net_.projections.size());
    for (uint32_t p = 0; p < populations; ++p)
      if (net_.populations[p].model == NeuronModel::TrueNorth) split_population(p);
    if (layout_.splitter_neurons == 0) return;
    build_network();
  }

 private:
  void split_population(uint32_t p) {
    const model::Population& pop = net_.populations[p];
    std::vector<Reach> reaches;
    for (uint32_t k = 0; k < net_.projections.size(); ++k) {
      const model::Projection& proj = net_.projections[k];
      if (proj.pre != pop.name || !is_truenorth(net_, proj.post)) continue;
      const auto q = static_cast<uint32_t>(*net_.find_population(proj.post));
      for_each_bit(proj, pop.size, [&](uint32_t pre, uint32_t post, uint8_t type, uint32_t delay, std::size_t entry) {
        reaches.push_back({pre, q, post / layout_.atom_size[q], post, type, static_cast<uint8_t>(delay), k, entry});
      });
    }
    std::stable_sort(reaches.begin(), reaches.end(), [](const Reach& a, const Reach& b) {
      return std::make_tuple(a.pre, a.axon()) < std::make_tuple(b.pre, b.axon());
    });
    for (std::size_t k = 0; k < reaches.size();) {
      std::size_t end = k;
      std::vector<std::pair<std::size_t, std::size_t>> axons;  // [first, end) per axon
      while (end < reaches.size() && reaches[end].pre == reaches[k].pre) {
        std::size_t axon_end = end;
        while (axon_end < reaches.size() && reaches[axon_end].pre == reaches[k].pre &&
               reaches[axon_end].axon() == reaches[end].axon())
          ++axon_end;
        axons.emplace_back(end, axon_end);
        end = axon_end;
      }
      if (axons.size() > 1) build_tree(p, reaches, axons);
      k = end;
    }
  }

  // The relays of one neuron's tree, leaves first; the root group is fed by the neuron.
  void build_tree(uint32_t p, const std::vector<Reach>& reaches, const std::vector<std::pair<std::size_t, std::size_t>>& axons) {
    const uint64_t group = std::min<uint64_t>(target_.core.neurons, model::truenorth::kCoreNeurons);
    uint32_t levels = 1;
    for (uint64_t reach = group; reach < axons.size(); reach *= group) ++levels;
    layout_.splitter_levels = std::max(layout_.splitter_levels, levels);
    for (const auto& [first, end] : axons)
      if (reaches[first].delay < levels) {
        const Reach& r = reaches[first];
        const model::Projection& proj = net_.projections[r.projection];
        fail("MAP-0011", "/projections/" + std::to_string(r.projection) + (proj.delays.empty() ? "/delay" : "/delays"),
             "projection \"" + proj.name + "\": neuron " + std::to_string(r.pre) + " of \"" + proj.pre + "\" reaches " +
                 std::to_string(axons.size()) + " input axons, and a neuron of target " + target_.name +
                 " has one destination, so its spikes pass " + std::to_string(levels) + " level(s) of splitter neurons of "
                 "one step each; its synapses need delay >= " + std::to_string(levels) + ", found " +
                 std::to_string(r.delay));
      }
    // Leaves: one relay per axon, forwarding to it with the delay the tree has not used.
    std::vector<std::pair<uint32_t, uint32_t>> heads;  // (population, first relay) per group of a level
    std::vector<std::pair<uint32_t, uint32_t>> sizes;  // relays in each group
    std::vector<std::pair<uint32_t, uint32_t>> children;
    std::vector<uint32_t> child_sizes;
    for (std::size_t g = 0; g < axons.size(); g += group) {
      const auto m = static_cast<uint32_t>(std::min<std::size_t>(group, axons.size() - g));
      const auto [relay_pop, first_relay] = allocate(levels, m);
      for (uint32_t t = 0; t < m; ++t)
        for (std::size_t k = axons[g + t].first; k < axons[g + t].second; ++k) {
          const Reach& r = reaches[k];
          dropped_[r.projection].push_back(r.entry);
          edges_.push_back({relay_pop, first_relay + t, r.post_pop, r.post, r.type, static_cast<uint8_t>(r.delay - levels)});
        }
      children.emplace_back(relay_pop, first_relay);
      child_sizes.push_back(m);
    }
    // Inner levels: one relay per group of the level below, feeding all of its relays.
    for (uint32_t level = levels - 1; level >= 1; --level) {
      std::vector<std::pair<uint32_t, uint32_t>> parents;
      std::vector<uint32_t> parent_sizes;
      for (std::size_t g = 0; g < children.size(); g += group) {
        const auto m = static_cast<uint32_t>(std::min<std::size_t>(group, children.size() - g));
        const auto [relay_pop, first_relay] = allocate(level, m);
        for (uint32_t t = 0; t < m; ++t)
          for (uint32_t c = 0; c < child_sizes[g + t]; ++c)
            edges_.push_back({relay_pop, first_relay + t, children[g + t].first, children[g + t].second + c, 0, 0});
        parents.emplace_back(relay_pop, first_relay);
        parent_sizes.push_back(m);
      }
      children = std::move(parents);
      child_sizes = std::move(parent_sizes);
    }
    // The root group (one) is the neuron's one destination.
    const uint32_t source = reaches[axons.front().first].pre;
    for (uint32_t c = 0; c < child_sizes[0]; ++c) edges_.push_back({p, source, children[0].first, children[0].second + c, 0, 0});
  }

  // Room for a group of m relays sharing one input axon on a relay core of `level`.
  std::pair<uint32_t, uint32_t> allocate(uint32_t level, uint32_t m) {
    if (open_.size() <= level) open_.resize(level + 1, UINT32_MAX);
    uint32_t& core = open_[level];
    if (core != UINT32_MAX) {
      RelayCore& c = relays_[core];
      if (c.neurons + m <= std::min<uint64_t>(target_.core.neurons, model::truenorth::kCoreNeurons) &&
          c.axons + 1 <= target_.core.input_axons) {
        const uint32_t first = c.neurons;
        c.neurons += m;
        ++c.axons;
        layout_.splitter_neurons += m;
        return {c.population, first};
      }
    }
    core = static_cast<uint32_t>(relays_.size());
    relays_.push_back({static_cast<uint32_t>(net_.populations.size() + relays_.size()), level, m, 1});
    layout_.splitter_neurons += m;
    return {relays_.back().population, 0};
  }

  std::string unique_name(const std::string& wanted) const {
    std::string name = wanted;
    while (net_.find_population(name) || net_.find_source(name)) name = "_" + name;
    return name;
  }

  void build_network() {
    model::Network& out = layout_.network;
    out = net_;
    layout_.split = true;
    // Relay populations: one per relay core.
    for (std::size_t r = 0; r < relays_.size(); ++r) {
      model::Population relay;
      relay.name = unique_name("__splitter." + std::to_string(relays_[r].level) + "." + std::to_string(r));
      relay.size = relays_[r].neurons;
      relay.model = NeuronModel::TrueNorth;
      relay.tn.weight[0] = model::PerNeuron<int32_t>(1);
      relay.tn.threshold = model::PerNeuron<int32_t>(1);
      out.populations.push_back(relay);
      layout_.atom_size.push_back(relay.size);
    }
    // The original projections without the synapses the relays now carry.
    for (std::size_t k = 0; k < out.projections.size(); ++k) {
      if (dropped_[k].empty()) continue;
      std::vector<std::size_t>& gone = dropped_[k];
      std::sort(gone.begin(), gone.end());
      const model::Projection& old = net_.projections[k];
      model::Projection kept = old;
      kept.kind = model::ProjectionKind::Sparse;
      kept.weights.clear();
      kept.pre_index.clear();
      kept.post_index.clear();
      kept.delays.clear();
      const uint32_t pre_size = *net_.size_of(old.pre);
      for_each_bit(old, pre_size, [&](uint32_t pre, uint32_t post, uint8_t, uint32_t delay, std::size_t entry) {
        if (std::binary_search(gone.begin(), gone.end(), entry)) return;
        kept.pre_index.push_back(pre);
        kept.post_index.push_back(post);
        kept.weights.push_back(1);
        kept.delays.push_back(static_cast<uint8_t>(delay));
      });
      kept.delay = 0;
      out.projections[k] = std::move(kept);
    }
    // New projections, one per (pre, post) population pair, types per presynaptic neuron.
    std::stable_sort(edges_.begin(), edges_.end(), [](const Edge& a, const Edge& b) {
      return std::make_pair(a.pre_pop, a.post_pop) < std::make_pair(b.pre_pop, b.post_pop);
    });
    for (std::size_t k = 0; k < edges_.size();) {
      const uint32_t pre_pop = edges_[k].pre_pop, post_pop = edges_[k].post_pop;
      const model::Population& pre = out.populations[pre_pop];
      const model::Population& post = out.populations[post_pop];
      model::Projection proj;
      proj.name = "__split." + pre.name + "." + post.name;
      proj.pre = pre.name;
      proj.post = post.name;
      proj.kind = model::ProjectionKind::Sparse;
      proj.axon_types.assign(pre.size, 0);
      for (; k < edges_.size() && edges_[k].pre_pop == pre_pop && edges_[k].post_pop == post_pop; ++k) {
        proj.pre_index.push_back(edges_[k].pre);
        proj.post_index.push_back(edges_[k].post);
        proj.weights.push_back(1);
        proj.delays.push_back(edges_[k].delay);
        proj.axon_types[edges_[k].pre] = edges_[k].type;
      }
      if (std::all_of(proj.axon_types.begin(), proj.axon_types.end(), [](uint8_t t) { return t == 0; }))
        proj.axon_types.clear();
      out.projections.push_back(std::move(proj));
    }
  }

  struct RelayCore {
    uint32_t population, level, neurons, axons;
  };

  const model::Network& net_;
  const targets::Target& target_;
  TrueNorthLayout& layout_;
  std::vector<std::vector<std::size_t>> dropped_;  // per projection: entries now carried by relays
  std::vector<Edge> edges_;
  std::vector<RelayCore> relays_;
  std::vector<uint32_t> open_;  // the relay core being filled, per level
};

}  // namespace

bool draws_random(const model::Population& pop) {
  if (pop.model != NeuronModel::TrueNorth) return false;
  for (uint32_t n = 0; n < pop.size; ++n)
    if (model::truenorth_neuron_params(pop.tn, n).uses_random()) return true;
  return false;
}

TrueNorthLayout truenorth_layout(const model::Network& net, const targets::Target& target) {
  TrueNorthLayout layout;
  layout.atom_size.assign(net.populations.size(), 0);
  bool any = false;
  for (uint32_t p = 0; p < net.populations.size(); ++p)
    if (net.populations[p].model == NeuronModel::TrueNorth) {
      layout.atom_size[p] = atom_size_of(net, p, target);
      any = true;
    }
  if (any && target.one_destination_per_neuron) Splitter(net, target, layout).run();
  return layout;
}

}  // namespace axomesh::mapper
