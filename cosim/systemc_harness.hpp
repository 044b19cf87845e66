// cosim::SystemcHarness<Top> -- the SystemC co-simulation of a chip: the chip Verilated
// with `--sc` (an SC_MODULE, Top, built from neuro_chip with EXTERNAL_PORT = 1), a clock,
// an AER source of off-chip packets, a spike sink, optionally an hls::SystemcCore in place
// of one core of the mesh (CoreBridge), and a controller that runs the step barrier.
//
// The controller's thread runs a job -- cosim::run_lockstep, through run_systemc_lockstep
// (systemc_lockstep.hpp) -- on a chip whose every operation takes simulated time
// (configuration writes and steps take clock cycles, state reads delta cycles), so the
// comparison with ChipSim and the mismatch report are the C++ harness's own. SystemC
// elaborates once per process: the harness is built once, and each run() resets the chip
// and the replaced core's model, runs the job (which reloads the memories through the
// configuration port) and pauses the simulation (sc_pause) until the next run. Any number
// of networks run one after the other. No waveform is recorded (start_trace does nothing).
#pragma once

#include <cstdint>
#include <exception>
#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

#include <systemc>

#include "cosim/systemc_aer.hpp"
#include "cosim/systemc_core_bridge.hpp"
#include "cosim/systemc_runner.hpp"

namespace axomesh::cosim {

// Runs the step barrier and the lockstep job (see above); it is the job's RtlChip.
template <class Valid, class Neuron>
class StepController : public sc_core::sc_module, private RtlChip {
 public:
  sc_core::sc_in<bool> clk;
  sc_core::sc_out<bool> rst, cfg_we, step_pulse;  // step_pulse: the chip's `step` input
  sc_core::sc_out<uint32_t> cfg_core, cfg_mem, cfg_addr, cfg_data, dbg_core, dbg_neuron, xcore_sel;
  sc_core::sc_in<bool> done, quiet;
  sc_core::sc_in<uint32_t> dbg_u, dbg_v;

  using Job = std::function<void(RtlChip&)>;

  SC_HAS_PROCESS(StepController);
  StepController(const sc_core::sc_module_name& name, AerSource& source, SpikeSink<Valid, Neuron>& sink,
                 CoreBridge& bridge)
      : sc_core::sc_module(name), source_(source), sink_(sink), bridge_(bridge) {
    rst.initialize(true);
    xcore_sel.initialize(kNoSystemcCore);
    SC_THREAD(run_jobs);
    set_stack_size(16 << 20);  // the job runs ChipSim's comparison on this thread
  }

  // Runs `job` in the simulation, core `external` (or none: kNoSystemcCore) replaced by the bridge.
  void run(const Job& job, uint32_t external) {
    job_ = &job;
    external_ = external;
    error_ = nullptr;
    sc_core::sc_start();
    if (error_) std::rethrow_exception(error_);
  }

 private:
  void run_jobs() {
    for (;;) {
      sc_core::wait(clk.posedge_event());
      if (!job_) continue;
      try {
        reset();
        (*job_)(*this);
      } catch (...) {
        error_ = std::current_exception();
      }
      job_ = nullptr;
      sc_core::sc_pause();
    }
  }

  void reset() {
    xcore_sel.write(external_);
    rst.write(true);
    sc_core::wait(clk.posedge_event());
    sc_core::wait(clk.posedge_event());
    rst.write(false);
    bridge_.clear();
    sink_.clear();
  }

  // RtlChip, in simulated time.
  void write_config(uint32_t core, uint32_t memory, uint32_t address, uint32_t data) override {
    cfg_we.write(true);
    cfg_core.write(core);
    cfg_mem.write(memory);
    cfg_addr.write(address);
    cfg_data.write(data);
    sc_core::wait(clk.posedge_event());
    cfg_we.write(false);
  }
  void inject(uint32_t packet, uint64_t) override { source_.send(packet); }
  void step(std::vector<std::vector<uint32_t>>& spikes, uint64_t max_cycles) override {
    const uint64_t limit = sink_.cycles() + max_cycles;
    while (!source_.idle() || !quiet.read()) {  // off-chip packets delivered
      if (sink_.cycles() >= limit) throw std::runtime_error("the chip did not take its off-chip packets");
      sc_core::wait(clk.posedge_event());
    }
    const uint64_t before = sink_.steps_done();
    step_pulse.write(true);
    sc_core::wait(clk.posedge_event());
    step_pulse.write(false);
    while (sink_.steps_done() == before) {
      if (sink_.cycles() >= limit) throw std::runtime_error("the chip did not reach the end of the step (no `done`)");
      sc_core::wait(clk.posedge_event());
    }
    if (bridge_.overflowed()) throw std::runtime_error("the SystemC core received more events than its fifo holds");
    sink_.take(spikes);
  }
  std::pair<int32_t, int32_t> state(uint32_t core, uint32_t neuron) override {
    if (core == external_) return {bridge_.core().u(neuron), bridge_.core().v(neuron)};
    dbg_core.write(core);
    dbg_neuron.write(neuron);
    // The new address is seen by the chip one delta later, its read-out one more.
    for (int d = 0; d < 3; ++d) sc_core::wait(sc_core::SC_ZERO_TIME);
    return {static_cast<int32_t>(dbg_u.read()), static_cast<int32_t>(dbg_v.read())};
  }
  void start_trace(const std::string&) override {}
  void stop_trace() override {}
  uint64_t cycles() const override { return sink_.cycles(); }

  AerSource& source_;
  SpikeSink<Valid, Neuron>& sink_;
  CoreBridge& bridge_;
  const Job* job_ = nullptr;
  uint32_t external_ = kNoSystemcCore;
  std::exception_ptr error_;
};

template <class Top>
class SystemcHarness : public SystemcRunner {
  template <class Port>
  using data_t = typename std::decay_t<Port>::data_type;
  using Valid = data_t<decltype(std::declval<Top>().spike_valid)>;
  using Neuron = data_t<decltype(std::declval<Top>().spike_neuron)>;

 public:
  // cores, neuron_bits: the chip's core count and bits of a neuron index (Top's geometry);
  // timing: the SystemC core's per-operation times; clock_period: the chip's clock.
  SystemcHarness(uint32_t cores, uint32_t neuron_bits, const hls::CoreTiming& timing,
                 const sc_core::sc_time& clock_period)
      : clock_("clk", clock_period),
        chip_("chip"),
        source_("aer_source", 1 << 16),
        sink_("spike_sink", cores, neuron_bits),
        bridge_("systemc_core", timing, 1 << 16),
        controller_("controller", source_, sink_, bridge_) {
    chip_.clk(clock_);
    chip_.rst(rst_);
    chip_.cfg_we(cfg_we_);
    chip_.cfg_core(cfg_core_);
    chip_.cfg_mem(cfg_mem_);
    chip_.cfg_addr(cfg_addr_);
    chip_.cfg_data(cfg_data_);
    chip_.ext_valid(ext_valid_);
    chip_.ext_ready(ext_ready_);
    chip_.ext_data(ext_data_);
    chip_.step(step_);
    chip_.done(done_);
    chip_.quiet(quiet_);
    chip_.spike_valid(spike_valid_);
    chip_.spike_neuron(spike_neuron_);
    chip_.dbg_core(dbg_core_);
    chip_.dbg_neuron(dbg_neuron_);
    chip_.dbg_u(dbg_u_);
    chip_.dbg_v(dbg_v_);
    chip_.xcore_sel(xcore_sel_);
    chip_.x_step(x_step_);
    chip_.x_send(x_send_);
    chip_.x_in_valid(x_in_valid_);
    chip_.x_in_axon(x_in_axon_);
    chip_.x_in_ready(x_in_ready_);
    chip_.x_done(x_done_);
    chip_.x_spike_valid(x_spike_valid_);
    chip_.x_spike_neuron(x_spike_neuron_);
    chip_.x_pkt_valid(x_pkt_valid_);
    chip_.x_pkt_data(x_pkt_data_);
    chip_.x_pkt_ready(x_pkt_ready_);
    chip_.x_idle(x_idle_);

    source_.clk(clock_);
    source_.ext_valid(ext_valid_);
    source_.ext_data(ext_data_);
    source_.ext_ready(ext_ready_);

    sink_.clk(clock_);
    sink_.spike_valid(spike_valid_);
    sink_.spike_neuron(spike_neuron_);
    sink_.done(done_);

    bridge_.clk(clock_);
    bridge_.x_step(x_step_);
    bridge_.x_send(x_send_);
    bridge_.x_in_valid(x_in_valid_);
    bridge_.x_pkt_ready(x_pkt_ready_);
    bridge_.x_in_axon(x_in_axon_);
    bridge_.x_in_ready(x_in_ready_);
    bridge_.x_done(x_done_);
    bridge_.x_spike_valid(x_spike_valid_);
    bridge_.x_pkt_valid(x_pkt_valid_);
    bridge_.x_idle(x_idle_);
    bridge_.x_spike_neuron(x_spike_neuron_);
    bridge_.x_pkt_data(x_pkt_data_);

    controller_.clk(clock_);
    controller_.rst(rst_);
    controller_.cfg_we(cfg_we_);
    controller_.step_pulse(step_);
    controller_.cfg_core(cfg_core_);
    controller_.cfg_mem(cfg_mem_);
    controller_.cfg_addr(cfg_addr_);
    controller_.cfg_data(cfg_data_);
    controller_.dbg_core(dbg_core_);
    controller_.dbg_neuron(dbg_neuron_);
    controller_.xcore_sel(xcore_sel_);
    controller_.done(done_);
    controller_.quiet(quiet_);
    controller_.dbg_u(dbg_u_);
    controller_.dbg_v(dbg_v_);
  }

  // SystemcRunner.
  void run(const std::function<void(RtlChip&)>& job, uint32_t external, const model::CoreImage* core,
           const std::vector<std::vector<uint32_t>>& packets) override {
    if (external != kNoSystemcCore && core) bridge_.load(*core, packets);
    controller_.run(job, external);
  }
  uint64_t systemc_core_steps() const override { return bridge_.core().steps_done(); }
  uint64_t systemc_core_packets() const override { return bridge_.packets_sent(); }

 private:
  sc_core::sc_clock clock_;
  Top chip_;
  sc_core::sc_signal<bool> rst_, cfg_we_, ext_valid_, ext_ready_, step_, done_, quiet_;
  sc_core::sc_signal<uint32_t> cfg_core_, cfg_mem_, cfg_addr_, cfg_data_, ext_data_, dbg_core_, dbg_neuron_, dbg_u_,
      dbg_v_, xcore_sel_;
  sc_core::sc_signal<Valid> spike_valid_;
  sc_core::sc_signal<Neuron> spike_neuron_;
  sc_core::sc_signal<bool> x_step_, x_send_, x_in_valid_, x_in_ready_, x_done_, x_spike_valid_, x_pkt_valid_,
      x_pkt_ready_, x_idle_;
  sc_core::sc_signal<uint32_t> x_in_axon_, x_spike_neuron_, x_pkt_data_;
  AerSource source_;
  SpikeSink<Valid, Neuron> sink_;
  CoreBridge bridge_;
  StepController<Valid, Neuron> controller_;
};

}  // namespace axomesh::cosim
