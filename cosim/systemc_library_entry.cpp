// The entry point of a chip's SystemC harness object, built by chip_library.cpp around the
// chip's neuro_chip (EXTERNAL_PORT = 1) Verilated with --sc (prefix Vchip). Compiled only
// there, never into axomesh itself, which stays free of SystemC: the object links the
// SystemC library and holds the one elaboration of its process.
#include <cstdint>

#include <systemc>

#include "Vchip.h"
#include "cosim/systemc_harness.hpp"

// libsystemc refers to sc_main; the harness never runs it (axomesh has its own main).
int sc_main(int, char*[]) { return 0; }

// seconds: the SystemC core's synaptic op, active and idle neuron update, and the clock period.
extern "C" axomesh::cosim::SystemcRunner* axomesh_new_systemc_runner(uint32_t cores, uint32_t neuron_bits,
                                                                          const double* seconds) {
  const axomesh::hls::CoreTiming timing{sc_core::sc_time(seconds[0], sc_core::SC_SEC),
                                           sc_core::sc_time(seconds[1], sc_core::SC_SEC),
                                           sc_core::sc_time(seconds[2], sc_core::SC_SEC)};
  return new axomesh::cosim::SystemcHarness<Vchip>(cores, neuron_bits, timing,
                                                      sc_core::sc_time(seconds[3], sc_core::SC_SEC));
}
