// The entry point of a chip's shared object, built by chip_library.cpp around a Verilated
// spikeforge_chip (prefix Vchip). Compiled only there, never into spikeforge itself.
#include <cstdint>

#include "Vchip.h"
#include "cosim/verilated_chip.hpp"

extern "C" spikeforge::cosim::RtlChip* spikeforge_new_chip(uint32_t cores, uint32_t neuron_bits) {
  return new spikeforge::cosim::VerilatedChip<Vchip>(cores, neuron_bits);
}
