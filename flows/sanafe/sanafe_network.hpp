// Import of SANA-FE's YAML network format (docs/sanafe-import.md): neuron groups with
// ranges and per-neuron attributes, single / dense / sparse / conv2d edges, and the
// mapping of every neuron to "tile.core". The result is a model::Network of Loihi LIF
// populations (one per group, in file order) whose fixed-point parameters reproduce
// SANA-FE's LIF, the given mapping, and a note for every value that had no exact
// fixed-point equivalent. The file is read as a stream: only one group's neuron list or
// one edge's attributes are held at a time. Errors are model::InputError (SFE-xxxx) naming
// the file, the line and the attribute.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "model/network/network.hpp"

namespace axomesh::flows {

// A SANA-FE core address, "tile.core".
struct SanafeCore {
  uint32_t tile = 0;
  uint32_t core = 0;
  bool operator==(const SanafeCore& o) const { return tile == o.tile && core == o.core; }
};

struct SanafeGroup {
  std::string name;
  std::string soma_hw;     // soma_hw_name ("" when not given)
  std::string synapse_hw;  // synapse_hw_name: the unit that processes the group's outgoing edges
  std::string dendrite_hw;
};

// What one projection of the network came from.
struct SanafeEdge {
  std::string label;       // "0 -> 1 (conv2d, excitatory)"
  std::string synapse_hw;  // the synapse unit that processes it (docs/sanafe-import.md)
  std::string type;        // conv2d, dense, sparse or single
};

struct SanafeNetwork {
  model::Network network;
  std::vector<SanafeGroup> groups;  // parallel to network.populations
  std::vector<SanafeEdge> edges;    // parallel to network.projections
  // The given mapping: core of every neuron, per population (empty when none is given).
  std::vector<std::vector<SanafeCore>> mapping;
  uint64_t synapses = 0;      // synapses as SANA-FE counts them (one per (pre, post, weight))
  uint64_t mapped_neurons = 0;
  // One line per conversion without an exact fixed-point equivalent, with its count.
  std::vector<std::string> conversion_notes;
};

SanafeNetwork read_sanafe_network(const std::string& path);

// The conv2d hyperedge as SANA-FE defines it (no padding): input neuron c*H*W + y*W + x,
// output neuron k*OH*OW + oy*OW + ox with OH = (H - KH) / SH + 1, OW likewise, and weight
// index ((ky*KW + kx)*C + c)*K + k. Calls add(pre, post, weight_index) for every synapse.
struct Conv2d {
  uint32_t input_width = 0, input_height = 0, input_channels = 1;
  uint32_t kernel_width = 0, kernel_height = 0, kernel_count = 1;
  uint32_t stride_width = 1, stride_height = 1;
  uint32_t output_width() const { return (input_width - kernel_width) / stride_width + 1; }
  uint32_t output_height() const { return (input_height - kernel_height) / stride_height + 1; }
  uint64_t input_size() const { return uint64_t{input_width} * input_height * input_channels; }
  uint64_t output_size() const { return uint64_t{output_width()} * output_height() * kernel_count; }
  uint64_t weight_count() const { return uint64_t{kernel_width} * kernel_height * input_channels * kernel_count; }
  template <class Add>
  void for_each_synapse(Add add) const;
};

template <class Add>
void Conv2d::for_each_synapse(Add add) const {
  const uint32_t ow = output_width(), oh = output_height();
  for (uint32_t k = 0; k < kernel_count; ++k)
    for (uint32_t oy = 0; oy < oh; ++oy)
      for (uint32_t ox = 0; ox < ow; ++ox) {
        const uint32_t post = (k * oh + oy) * ow + ox;
        for (uint32_t ky = 0; ky < kernel_height; ++ky)
          for (uint32_t kx = 0; kx < kernel_width; ++kx)
            for (uint32_t c = 0; c < input_channels; ++c) {
              const uint32_t pre = (c * input_height + oy * stride_height + ky) * input_width + ox * stride_width + kx;
              add(pre, post, ((uint64_t{ky} * kernel_width + kx) * input_channels + c) * kernel_count + k);
            }
      }
}

}  // namespace axomesh::flows
