// The learning part of a core's image: the plastic projections with synapses on the core
// (their rule, weight format, delay, reward input and the input axons that carry their
// presynaptic neurons), and per plastic synapse its place in the core's synapse memory,
// its pre trace and its weight at full precision. ChipSim runs it with PlasticSynapses,
// one group per rule entry, so that its weights equal NetworkSim's.
#pragma once

#include <cstdint>
#include <vector>

#include "model/blocks/learning_rule.hpp"
#include "model/blocks/plastic_synapses.hpp"

namespace axomesh::model {

struct PlasticRuleEntry {
  LearningRule rule;
  PlasticWeightFormat format;
  uint32_t delay = 0;
  uint32_t projection = 0;  // network projection, to read weights back in network terms
  // Pre trace i of the rule belongs to the core's input axon pre_axons[i].
  std::vector<uint32_t> pre_axons;
  // reward_stdp: spikes of population reward_population (or stimulus group
  // reward_stimulus when reward_population < 0) sent in the previous step, times
  // reward_value. The neuromodulator reaches every core on a broadcast channel of its own
  // (no packets, no hops).
  int32_t reward_population = -1;
  int32_t reward_stimulus = -1;
  bool operator==(const PlasticRuleEntry& o) const {
    return rule == o.rule && format == o.format && delay == o.delay && projection == o.projection &&
           pre_axons == o.pre_axons && reward_population == o.reward_population &&
           reward_stimulus == o.reward_stimulus;
  }
};

struct PlasticSynapseEntry {
  uint32_t rule = 0;      // index in CoreLearning::rules
  uint32_t synapse = 0;   // index in CoreImage::synapses (its weight is the delivered value)
  uint32_t pre = 0;       // pre trace index of the rule
  int32_t weight = 0;     // network units, sign mode range
  uint64_t network_index = 0;  // index in the projection's weights (network layout)
  bool operator==(const PlasticSynapseEntry& o) const {
    return rule == o.rule && synapse == o.synapse && pre == o.pre && weight == o.weight &&
           network_index == o.network_index;
  }
};

struct CoreLearning {
  std::vector<PlasticRuleEntry> rules;
  std::vector<PlasticSynapseEntry> synapses;
  bool empty() const { return rules.empty(); }
  bool operator==(const CoreLearning& o) const { return rules == o.rules && synapses == o.synapses; }
};

}  // namespace axomesh::model
