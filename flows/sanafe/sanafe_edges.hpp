// The edges of a SANA-FE network: one list item at a time, expanded into synapses and
// added to the network as projections. Hyperedges ("G -> H") are conv2d, dense or sparse;
// single edges ("G.i -> H.j") are collected per group pair and added by finish(). Every
// edge becomes an excitatory and an inhibitory sparse projection (8-bit weights, exact for
// integers in -255..255 without the mixed mode's dropped bit); see docs/sanafe-import.md.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "flows/sanafe/sanafe_network.hpp"
#include "flows/sanafe/yaml_stream.hpp"

namespace axomesh::flows {

class EdgeReader {
 public:
  EdgeReader(YamlStream& in, SanafeNetwork& out) : in_(in), out_(out) {}
  void read_edge();  // reads one item of network.edges
  void finish();     // adds the single edges and the conversion notes

 private:
  struct Synapses {
    std::vector<uint32_t> pre, post;
    std::vector<int32_t> weight;
  };
  struct SignedSynapses {
    Synapses excitatory, inhibitory;
  };
  struct Endpoint {
    std::size_t group = 0;
    bool has_neuron = false;
    uint64_t neuron = 0;
  };

  Endpoint endpoint(const std::string& text, std::size_t line) const;
  int32_t weight(double w);
  void add(SignedSynapses& s, uint32_t pre, uint32_t post, double w);
  static void reserve(SignedSynapses& s, uint64_t negative, uint64_t total);
  void add_projections(std::size_t pre, std::size_t post, const std::string& type, SignedSynapses&& s);

  YamlStream& in_;
  SanafeNetwork& out_;
  std::map<std::pair<std::size_t, std::size_t>, SignedSynapses> singles_;
  uint64_t rounded_weights_ = 0, clipped_weights_ = 0;
  double largest_clipped_ = 0;
};

}  // namespace axomesh::flows
