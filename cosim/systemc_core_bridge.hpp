// cosim::CoreBridge -- an hls::SystemcCore standing in for one core of the Verilated chip
// (mixed-level simulation). The chip, built with EXTERNAL_PORT, brings the replaced core's
// signals out on its x_* ports (rtl_gen/rtl/neuro_chip.sv); this module speaks that
// core-side protocol, clock by clock, and the transaction-level SystemcCore behind it:
//
//   x_in_valid/x_in_axon  every arriving packet's axon goes into the core's AER fifo (the
//                         port is always ready; the core reads its fifo when stepped);
//   x_step                starts a SystemcCore step; when its `done` rises, its spikes are
//                         shown on x_spike_valid/x_spike_neuron one per clock, as a
//                         neuro_core shows them, then x_done pulses for one clock;
//   x_send                the spiking neurons' fan-out packets go out on x_pkt_valid/
//                         x_pkt_data, each held until x_pkt_ready; x_idle is low meanwhile.
//
// The fan-out packets are the chip image's (rtl_gen::packet_word), given by the harness:
// SystemcCore computes the core, the mesh stays RTL.
// Header-only, SystemC and plain C++ (compiled where the Verilated chip is).
#pragma once

#include <cstdint>
#include <vector>

#include <systemc>

#include "hls/systemc_core.hpp"

namespace axomesh::cosim {

class CoreBridge : public sc_core::sc_module {
 public:
  sc_core::sc_in<bool> clk;
  // from the chip
  sc_core::sc_in<bool> x_step, x_send, x_in_valid, x_pkt_ready;
  sc_core::sc_in<uint32_t> x_in_axon;
  // to the chip
  sc_core::sc_out<bool> x_in_ready, x_done, x_spike_valid, x_pkt_valid, x_idle;
  sc_core::sc_out<uint32_t> x_spike_neuron, x_pkt_data;

  SC_HAS_PROCESS(CoreBridge);
  // axon_capacity: the most packets the core may receive in one step.
  CoreBridge(const sc_core::sc_module_name& name, const hls::CoreTiming& timing, int axon_capacity)
      : sc_core::sc_module(name),
        axons_("axons", axon_capacity),
        spikes_("spikes", static_cast<int>(hls::SystemcCoreKernel::kNeurons)),
        core_("core", empty_core(), timing) {
    core_.axon_in(axons_);
    core_.spike_out(spikes_);
    core_.step_start(step_start_);
    core_.done(core_done_);
    x_in_ready.initialize(true);
    x_idle.initialize(true);
    SC_METHOD(take_packets);
    sensitive << clk.pos();
    dont_initialize();
    SC_THREAD(run);
  }

  // Loads the replaced core's image and the packets each of its neurons sends
  // (packets[n]: packet words of neuron n). Call between runs, outside a step.
  void load(const model::CoreImage& image, std::vector<std::vector<uint32_t>> packets) {
    core_.reload(image);
    packets_ = std::move(packets);
    overflow_ = false;
    packets_sent_ = 0;
  }
  // Drops events left from an earlier run (call from a process, before the first step).
  void clear() {
    uint32_t axon = 0;
    while (axons_.nb_read(axon)) {
    }
  }

  const hls::SystemcCore& core() const { return core_; }
  uint64_t packets_sent() const { return packets_sent_; }  // since the last load()
  bool overflowed() const { return overflow_; }  // more events in a step than axon_capacity

 private:
  // The core's image until the first load(): no neurons, no axons.
  static const model::CoreImage& empty_core() {
    static const model::CoreImage empty;
    return empty;
  }

  void take_packets() {
    if (x_in_valid.read() && !axons_.nb_write(x_in_axon.read())) overflow_ = true;
  }

  void run() {
    for (;;) {
      sc_core::wait(clk.posedge_event());
      if (x_step.read()) update();
      else if (x_send.read()) send();
    }
  }

  // The core's update: a SystemcCore step, then its spikes and `done`, one per clock.
  void update() {
    step_start_.write(true);
    sc_core::wait(core_done_.posedge_event());
    step_start_.write(false);
    spiked_.clear();
    uint32_t neuron = 0;
    while (spikes_.nb_read(neuron)) spiked_.push_back(neuron);
    for (uint32_t n : spiked_) {
      sc_core::wait(clk.posedge_event());
      x_spike_valid.write(true);
      x_spike_neuron.write(n);
    }
    sc_core::wait(clk.posedge_event());
    x_spike_valid.write(false);
    x_done.write(true);
    sc_core::wait(clk.posedge_event());
    x_done.write(false);
  }

  // This step's spikes leave as packets, each held until the tile's arbiter takes it.
  void send() {
    x_idle.write(false);
    for (uint32_t n : spiked_) {
      if (n >= packets_.size()) continue;
      for (uint32_t word : packets_[n]) {
        x_pkt_valid.write(true);
        x_pkt_data.write(word);
        do sc_core::wait(clk.posedge_event());
        while (!x_pkt_ready.read());
        ++packets_sent_;
      }
    }
    x_pkt_valid.write(false);
    x_idle.write(true);
  }

  sc_core::sc_fifo<uint32_t> axons_, spikes_;
  sc_core::sc_signal<bool> step_start_, core_done_;
  hls::SystemcCore core_;
  std::vector<std::vector<uint32_t>> packets_;
  std::vector<uint32_t> spiked_;
  bool overflow_ = false;
  uint64_t packets_sent_ = 0;
};

}  // namespace axomesh::cosim
