// The entry point of a chip's shared object, built by chip_library.cpp around a Verilated
// axomesh_chip (prefix Vchip). Compiled only there, never into axomesh itself.
#include <cstdint>

#include "Vchip.h"
#include "cosim/verilated_chip.hpp"

extern "C" axomesh::cosim::RtlChip* axomesh_new_chip(uint32_t cores, uint32_t neuron_bits) {
  return new axomesh::cosim::VerilatedChip<Vchip>(cores, neuron_bits);
}
