#include "mapper/encode_learning.hpp"

#include <algorithm>
#include <map>
#include <stdexcept>
#include <tuple>
#include <unordered_map>

#include "model/base/diagnostic.hpp"
#include "model/sim/network_learning.hpp"
#include "model/network/network_validate.hpp"
#include "model/sim/synapse_rows.hpp"

namespace axomesh::mapper {
namespace {

// The projections whose synapses encode puts on a presynaptic neuron's first axon of a
// core: loihi_lif targets without short-term depression (those get axons of their own).
bool shares_first_axon(const model::Network& net, const model::Projection& proj) {
  if (proj.weights.empty() || proj.short_term_depression) return false;
  return net.populations[*net.find_population(proj.post)].model == model::NeuronModel::LoihiLif;
}

// Network weight index of each row position of a compiled projection.
std::vector<uint64_t> network_index_of_rows(const model::Projection& proj, uint32_t pre_size, uint32_t post_size) {
  std::vector<uint64_t> index(proj.weights.size());
  if (proj.kind == model::ProjectionKind::Dense) {
    for (uint32_t pre = 0; pre < pre_size; ++pre)
      for (uint32_t post = 0; post < post_size; ++post)
        index[uint64_t{pre} * post_size + post] = uint64_t{post} * pre_size + pre;
    return index;
  }
  std::vector<uint64_t> fill(std::size_t{pre_size} + 1, 0);
  for (uint32_t pre : proj.pre_index) ++fill[pre + 1];
  for (uint32_t i = 0; i < pre_size; ++i) fill[i + 1] += fill[i];
  for (uint64_t k = 0; k < proj.weights.size(); ++k) index[fill[proj.pre_index[k]]++] = k;
  return index;
}

struct PreGroup {
  const model::FanoutTable* table(const model::ChipImage& image, uint32_t i, uint32_t& item) const {
    if (population >= 0) {
      const model::NeuronAddress& a = image.population_addresses[static_cast<std::size_t>(population)][i];
      item = a.neuron;
      return &image.cores[a.core].fanout;
    }
    item = i;
    return &image.stimulus_fanout[static_cast<std::size_t>(source)];
  }
  int64_t population = -1, source = -1;
};

}  // namespace

void encode_learning(const model::Network& net, model::ChipImage& image) {
  std::vector<std::string> plastic_pres;
  for (const model::Projection& proj : net.projections)
    if (proj.learning && std::find(plastic_pres.begin(), plastic_pres.end(), proj.pre) == plastic_pres.end())
      plastic_pres.push_back(proj.pre);
  for (const std::string& pre : plastic_pres) {
    PreGroup group;
    if (auto p = net.find_population(pre)) group.population = static_cast<int64_t>(*p);
    else group.source = static_cast<int64_t>(*net.find_source(pre));
    const uint32_t pre_size = *net.size_of(pre);
    // The projections sharing the first axon, compiled as encode compiles them.
    struct Compiled {
      std::size_t index;
      std::size_t post;
      model::SynapseRows rows;
      std::vector<uint64_t> network_index;  // plastic only
    };
    std::vector<Compiled> projections;
    for (std::size_t q = 0; q < net.projections.size(); ++q) {
      const model::Projection& proj = net.projections[q];
      if (proj.pre != pre || !shares_first_axon(net, proj)) continue;
      const std::size_t post = *net.find_population(proj.post);
      const uint32_t post_size = net.populations[post].size;
      Compiled c{q, post, model::compile_synapse_rows(proj, pre_size, post_size, model::accumulator_exponent(net, post)),
                 {}};
      if (proj.learning) c.network_index = network_index_of_rows(proj, pre_size, post_size);
      projections.push_back(std::move(c));
    }
    // (core, projection) -> rule entry; (core, rule entry, axon) -> pre trace.
    std::map<std::pair<uint32_t, std::size_t>, uint32_t> rule_of;
    std::map<std::tuple<uint32_t, uint32_t, uint32_t>, uint32_t> pre_of;
    for (uint32_t i = 0; i < pre_size; ++i) {
      uint32_t item = 0;
      const model::FanoutTable* table = group.table(image, i, item);
      std::unordered_map<uint32_t, uint32_t> placed;  // core -> synapses of neuron i placed so far
      for (const Compiled& c : projections) {
        const model::Projection& proj = net.projections[c.index];
        for (uint64_t k = c.rows.row_start(i); k < c.rows.row_start(i) + c.rows.row_length(i); ++k) {
          const model::NeuronAddress& a = image.population_addresses[c.post][c.rows.target(k)];
          const uint32_t offset = placed[a.core]++;
          if (!proj.learning) continue;
          uint32_t axon = UINT32_MAX;
          for (uint32_t e = table->begin[item]; e < table->begin[item + 1] && axon == UINT32_MAX; ++e)
            if (table->entries[e].core == a.core) axon = table->entries[e].axon;
          model::CoreImage& core = image.cores[a.core];
          const uint64_t synapse = axon == UINT32_MAX ? UINT64_MAX : uint64_t{core.axons[axon].first} + offset;
          // encode wrote the image just before, in this order: no input reaches here.
          if (axon == UINT32_MAX || offset >= core.axons[axon].count || core.synapses[synapse].neuron != a.neuron)
            throw std::logic_error("internal error: /projections/" + std::to_string(c.index) + ": plastic synapse " +
                                   std::to_string(c.network_index[k]) + " of \"" + proj.name +
                                   "\" is not where the encoding order puts it on core " + std::to_string(a.core));
          auto [rule_it, new_rule] = rule_of.emplace(std::make_pair(a.core, c.index),
                                                     static_cast<uint32_t>(core.learning.rules.size()));
          if (new_rule) {
            model::PlasticRuleEntry entry;
            entry.rule = *proj.learning;
            entry.format = model::plastic_weight_format(net, proj);
            entry.delay = proj.delay;
            entry.projection = static_cast<uint32_t>(c.index);
            const model::RewardInput reward = model::reward_input(net, *proj.learning);
            if (reward.from == model::RewardInput::From::Population) entry.reward_population = static_cast<int32_t>(reward.index);
            if (reward.from == model::RewardInput::From::Source) entry.reward_stimulus = static_cast<int32_t>(reward.index);
            core.learning.rules.push_back(std::move(entry));
          }
          model::PlasticRuleEntry& entry = core.learning.rules[rule_it->second];
          auto [pre_it, new_pre] = pre_of.emplace(std::make_tuple(a.core, rule_it->second, axon),
                                                  static_cast<uint32_t>(entry.pre_axons.size()));
          if (new_pre) entry.pre_axons.push_back(axon);
          core.learning.synapses.push_back({rule_it->second, static_cast<uint32_t>(synapse), pre_it->second,
                                            proj.weights[c.network_index[k]], c.network_index[k]});
        }
      }
    }
  }
}

}  // namespace axomesh::mapper
