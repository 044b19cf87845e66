// Checks a Network against every rule of the IR: Loihi parameter ranges, shapes, names
// and references, and the 32-bit accumulator bound. Paths in the diagnostics follow the
// JSON format (e.g. "/projections/3/weights/2/5"), so a loaded file's errors point into it.
#pragma once

#include <vector>

#include "model/diagnostic.hpp"
#include "model/network.hpp"

namespace spikeforge::model {

std::vector<Diagnostic> validate(const Network& network);

// Per neuron of a population, the largest |summed synaptic input| one step can bring:
// every synapse contributes at most once a step, so the sum of all |effective weights|
// shifted by non-negative exponents (negative ones only shrink a sum) bounds it. The
// network's references must be valid.
std::vector<int64_t> worst_case_input(const Network& network, std::size_t population);

// Throws InputError with every diagnostic when the network is not valid.
void require_valid(const Network& network, const std::string& file = {});

}  // namespace spikeforge::model
