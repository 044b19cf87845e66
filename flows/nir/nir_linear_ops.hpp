// The NIR primitives without state -- Affine, Linear, Scale, Delay, Flatten, Conv1d,
// Conv2d, SumPool2d, AvgPool2d and a subgraph's pass-through Input/Output -- each as a
// sparse linear map on flattened (row-major) arrays: out[o] = bias[o] + sum of w * in[i]
// delayed by `delay` steps. Convolutions and pooling are expanded element by element, so
// a chain of them can be folded into one projection between two neuron populations.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "flows/nir/nir_graph.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::flows {

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

// The largest value and element count a shape may have: a population's size limit.
constexpr uint64_t kMaxNirElements = static_cast<uint64_t>(model::limits::kGroupSize.hi);
// The most steps one Delay node may hold (far above any target's delay field, and small
// enough that a long chain of delays cannot overflow a step count).
constexpr uint64_t kMaxNirDelaySteps = 65535;

// The shape held in `node`'s parameter `key` (Input/Output "shape", a convolution's
// "input_shape"): every value an integer in 1..kMaxNirElements and their product too.
// Throws InputError NIR-0108 naming the node and the parameter otherwise.
std::vector<uint64_t> shape_param(const std::string& file, const NirNode& node, const std::string& key);

// True for the types make_linear_op handles.
bool is_linear_nir_type(const NirNode& node);

// The map of `node` applied to an input of shape `in_shape`; `dt` (s) turns Delay's
// seconds into steps (rounded to nearest). Throws InputError naming the node and the
// parameter when the parameters do not fit the input (shapes, channels, sizes).
LinearOp make_linear_op(const std::string& file, const NirNode& node, const std::vector<uint64_t>& in_shape, double dt);

}  // namespace axomesh::flows
