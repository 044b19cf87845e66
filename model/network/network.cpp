#include "model/network/network.hpp"

#include <algorithm>

#include "model/network/network_limits.hpp"

namespace axomesh::model {

std::string limits::IntRange::describe() const {
  return "an integer in " + std::to_string(lo) + ".." + std::to_string(hi);
}

const char* to_string(NeuronModel model) {
  switch (model) {
    case NeuronModel::LoihiLif: return "loihi_lif";
    case NeuronModel::TrueNorth: return "truenorth";
  }
  return "unknown";
}

std::optional<std::size_t> Network::find_population(const std::string& wanted) const {
  for (std::size_t i = 0; i < populations.size(); ++i)
    if (populations[i].name == wanted) return i;
  return std::nullopt;
}

std::optional<std::size_t> Network::find_source(const std::string& wanted) const {
  for (std::size_t i = 0; i < sources.size(); ++i)
    if (sources[i].name == wanted) return i;
  return std::nullopt;
}

std::optional<uint32_t> Network::size_of(const std::string& wanted) const {
  if (auto p = find_population(wanted)) return populations[*p].size;
  if (auto s = find_source(wanted)) return sources[*s].size;
  return std::nullopt;
}

uint64_t Network::neuron_count() const {
  uint64_t n = 0;
  for (const Population& p : populations) n += p.size;
  return n;
}

uint64_t Network::synapse_count() const {
  uint64_t n = 0;
  for (const Projection& p : projections) {
    const auto post = find_population(p.post);
    if (post && populations[*post].model == NeuronModel::TrueNorth)  // crossbar bits: 0 is no synapse
      n += static_cast<uint64_t>(std::count_if(p.weights.begin(), p.weights.end(), [](int32_t bit) { return bit != 0; }));
    else
      n += p.weights.size();
  }
  return n;
}

}  // namespace axomesh::model
