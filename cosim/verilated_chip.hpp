// cosim::VerilatedChip<Top> -- RtlChip over a Verilated neuro_chip (or the generated
// axomesh_chip around it), cycle by cycle. Header-only: it is instantiated wherever a
// Verilated model is compiled (tests, and the shared object of `axomesh cosim`).
#pragma once

#include <memory>
#include <stdexcept>
#include <string>
#include <type_traits>

#include "cosim/rtl_chip.hpp"
#include "verilated.h"
#include "verilated_fst_c.h"

namespace axomesh::cosim {

// Bits [low, low + width) of a port, whether Verilator made it an integer or a wide array.
template <class Port>
uint32_t port_bits(const Port& port, uint32_t low, uint32_t width) {
  const uint64_t mask = (uint64_t{1} << width) - 1;
  if constexpr (std::is_integral_v<Port>) {
    return static_cast<uint32_t>((static_cast<uint64_t>(port) >> low) & mask);
  } else {
    const uint32_t word = low / 32, shift = low % 32;
    uint64_t pair = port[word];
    if (shift + width > 32) pair |= static_cast<uint64_t>(port[word + 1]) << 32;
    return static_cast<uint32_t>((pair >> shift) & mask);
  }
}

template <class Port>
bool any_bit(const Port& port, uint32_t bits) {
  if constexpr (std::is_integral_v<Port>) {
    return port != 0;
  } else {
    for (uint32_t w = 0; w < (bits + 31) / 32; ++w)
      if (port[w] != 0) return true;
    return false;
  }
}

template <class Top>
class VerilatedChip : public RtlChip {
 public:
  // cores and neuron_bits: the geometry's core count and bits of a neuron index.
  VerilatedChip(uint32_t cores, uint32_t neuron_bits)
      : context_(std::make_unique<VerilatedContext>()), cores_(cores), neuron_bits_(neuron_bits) {
    context_->traceEverOn(true);
    top_ = std::make_unique<Top>(context_.get());
    top_->rst = 1;
    tick();
    top_->rst = 0;
  }
  ~VerilatedChip() override {
    stop_trace();
    top_->final();
  }

  void write_config(uint32_t core, uint32_t memory, uint32_t address, uint32_t data) override {
    top_->cfg_we = 1;
    top_->cfg_core = static_cast<uint16_t>(core);
    top_->cfg_mem = static_cast<uint8_t>(memory);
    top_->cfg_addr = address;
    top_->cfg_data = data;
    tick();
    top_->cfg_we = 0;
  }

  void inject(uint32_t packet, uint64_t max_cycles) override {
    top_->ext_valid = 1;
    top_->ext_data = static_cast<std::decay_t<decltype(top_->ext_data)>>(packet);
    top_->eval();
    for (const uint64_t limit = cycles_ + max_cycles; !top_->ext_ready; tick())
      if (cycles_ >= limit) throw std::runtime_error("the chip did not take an off-chip packet");
    tick();
    top_->ext_valid = 0;
  }

  void step(std::vector<std::vector<uint32_t>>& spikes, uint64_t max_cycles) override {
    spikes.assign(cores_, {});
    const uint64_t limit = cycles_ + max_cycles;
    while (!top_->quiet) {  // off-chip packets delivered
      if (cycles_ >= limit) throw std::runtime_error("the chip did not take its off-chip packets");
      tick();
    }
    top_->step = 1;
    tick();
    top_->step = 0;
    for (;;) {
      if (cycles_ >= limit) throw std::runtime_error("the chip did not reach the end of the step (no `done`)");
      tick();
      if (any_bit(top_->spike_valid, cores_))
        for (uint32_t c = 0; c < cores_; ++c)
          if (port_bits(top_->spike_valid, c, 1)) spikes[c].push_back(port_bits(top_->spike_neuron, c * neuron_bits_, neuron_bits_));
      if (top_->done) return;
    }
  }

  std::pair<int32_t, int32_t> state(uint32_t core, uint32_t neuron) override {
    top_->dbg_core = static_cast<uint16_t>(core);
    top_->dbg_neuron = static_cast<std::decay_t<decltype(top_->dbg_neuron)>>(neuron);
    top_->eval();
    return {static_cast<int32_t>(top_->dbg_u), static_cast<int32_t>(top_->dbg_v)};
  }

  void start_trace(const std::string& path) override {
    stop_trace();
    trace_ = std::make_unique<VerilatedFstC>();
    top_->trace(trace_.get(), 99);
    trace_->open(path.c_str());
  }
  void stop_trace() override {
    if (trace_) trace_->close();
    trace_.reset();
  }
  uint64_t cycles() const override { return cycles_; }

 private:
  // A falling then a rising edge; two time units per cycle in the waveform.
  void tick() {
    top_->clk = 0;
    top_->eval();
    if (trace_) trace_->dump(2 * cycles_);
    top_->clk = 1;
    top_->eval();
    if (trace_) trace_->dump(2 * cycles_ + 1);
    ++cycles_;
  }

  std::unique_ptr<VerilatedContext> context_;
  std::unique_ptr<Top> top_;
  std::unique_ptr<VerilatedFstC> trace_;
  uint32_t cores_, neuron_bits_;
  uint64_t cycles_ = 0;
};

}  // namespace axomesh::cosim
