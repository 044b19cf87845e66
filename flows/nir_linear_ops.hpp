// The NIR primitives without state -- Affine, Linear, Scale, Delay, Flatten, Conv1d,
// Conv2d, SumPool2d, AvgPool2d and a subgraph's pass-through Input/Output -- each as a
// sparse linear map on flattened (row-major) arrays: out[o] = bias[o] + sum of w * in[i]
// delayed by `delay` steps. Convolutions and pooling are expanded element by element, so
// a chain of them can be folded into one projection between two neuron populations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/nir_graph.hpp"

namespace spikeforge::flows {

struct LinearTerm {
  uint32_t in = 0;
  uint32_t delay = 0;  // steps
  double weight = 0.0;
};

struct LinearOp {
  std::vector<uint64_t> out_shape;
  std::vector<std::vector<LinearTerm>> rows;  // rows[out]: the inputs it sums
  std::vector<double> bias;                   // one per output, or empty for none
};

// True for the types make_linear_op handles.
bool is_linear_nir_type(const NirNode& node);

// The map of `node` applied to an input of shape `in_shape`; `dt` (s) turns Delay's
// seconds into steps (rounded to nearest). Throws InputError naming the node and the
// parameter when the parameters do not fit the input (shapes, channels, sizes).
LinearOp make_linear_op(const std::string& file, const NirNode& node, const std::vector<uint64_t>& in_shape, double dt);

}  // namespace spikeforge::flows
