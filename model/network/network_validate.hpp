// Checks a Network against every rule of the IR: Loihi and TrueNorth parameter ranges,
// which fields apply to which neuron model, shapes, names
// and references, and the 32-bit accumulator bound. Paths in the diagnostics follow the
// JSON format (e.g. "/projections/3/weights/2/5"), so a loaded file's errors point into it.
#pragma once

#include <vector>

#include "model/base/diagnostic.hpp"
#include "model/network/network.hpp"

namespace axomesh::model {

std::vector<Diagnostic> validate(const Network& network);

// A population sums its synaptic input in one 32-bit accumulator per neuron, in units of
// 2^e with e = min(0, the smallest weight_exp of its incoming projections); a_in is that
// sum floor-shifted right by -e. (Lava floors each Dense's sum apart; the two agree when a
// population has at most one projection with a negative exponent.)
int accumulator_exponent(const Network& network, std::size_t population);

// Per neuron, the largest |accumulator| one step can bring, in accumulator units: every
// synapse contributes at most once a step. For a truenorth population (crossbar bits 0 or
// 1, unit 2^0) this is the number of synapses set: the most events one tick can count.
// The network's references must be valid.
std::vector<int64_t> worst_case_accumulator(const Network& network, std::size_t population);

// Throws InputError with every diagnostic when the network is not valid.
void require_valid(const Network& network, const std::string& file = {});

}  // namespace axomesh::model
