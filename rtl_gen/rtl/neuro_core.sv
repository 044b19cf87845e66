// One neuromorphic core: input axons -> synapse lists -> per-neuron accumulators in a
// delay ring -> a time-multiplexed Loihi LIF engine -> spike events. Its memories hold a
// core of a model::ChipImage and are loaded through the configuration write port.
//
// Timestep protocol (DESIGN.md): before `step`, the axon events of the spikes sent in the
// previous step arrive on the AER input (in_valid/in_ready); each walks its synapse list,
// one synapse per clock, adding the weight into the accumulator of slot (t + delay). On
// `step` every neuron updates once, in order, reading and clearing slot t; a spiking
// neuron's index appears on out_neuron with out_valid for one clock. `done` pulses when
// the last neuron has updated, and t advances. On `send` the core walks the neurons that
// spiked and, through each one's fan-out table, emits a packet {x, y, axon} per
// destination on pkt_valid/pkt_ready; `idle` is high when it has nothing in hand.
//
// Memory files: with INIT set, memory M starts from the file {INIT, M, ".memh"} (one hex
// word per entry, as rtl_gen writes them), e.g. INIT = "mem/c00003_" reads
// "mem/c00003_bias.memh". The accumulators always start at zero.
module neuro_core #(
    parameter int NEURONS = 16,   // power of two
    parameter int AXONS = 64,
    parameter int SYNAPSES = 512,
    parameter int SLOTS = 64,     // power of two, > the largest delay
    parameter int FANOUT = 64,    // fan-out table entries
    parameter int XW = 4,         // bits of a mesh coordinate
    parameter int YW = 4,
    parameter int LW = 1,         // bits of a core's index in its tile
    parameter INIT = ""           // memory file prefix; "" loads nothing
) (
    input  logic clk,
    input  logic rst,
    // configuration: cfg_mem selects the memory (see the case below), cfg_addr the entry
    input  logic                       cfg_we,
    input  logic [3:0]                 cfg_mem,
    /* verilator lint_off UNUSEDSIGNAL */  // one address bus: each memory uses its low bits
    input  logic [31:0]                cfg_addr,
    /* verilator lint_on UNUSEDSIGNAL */
    input  logic [31:0]                cfg_data,
    // AER input: one input-axon event per handshake
    input  logic                       in_valid,
    output logic                       in_ready,
    input  logic [$clog2(AXONS)-1:0]   in_axon,
    // step control and AER output
    input  logic                       step,
    output logic                       done,
    output logic                       out_valid,
    output logic [$clog2(NEURONS)-1:0] out_neuron,
    // packets of this step's spikes, on `send`
    input  logic                       send,
    output logic                       pkt_valid,
    input  logic                       pkt_ready,
    output logic [XW+YW+LW+$clog2(AXONS)-1:0] pkt_data,  // {x, y, core in tile, axon}
    output logic                       idle,
    // debug read-out of a neuron's state
    input  logic [$clog2(NEURONS)-1:0] dbg_neuron,
    output logic signed [31:0]         dbg_u,
    output logic signed [31:0]         dbg_v
);
  localparam int NW = $clog2(NEURONS);
  localparam int AW = $clog2(AXONS);
  localparam int SW = $clog2(SYNAPSES);
  localparam int DW = $clog2(SLOTS);

  // Neuron memory and state.
  logic        [12:0] current_factor[NEURONS];
  logic        [12:0] voltage_factor[NEURONS];
  logic signed [31:0] bias[NEURONS];
  logic signed [31:0] threshold[NEURONS];
  logic        [3:0]  input_shift[NEURONS];
  logic signed [31:0] u[NEURONS];
  logic signed [31:0] v[NEURONS];
  // Input axons and synapse memory.
  logic [SW:0]        axon_first[AXONS];
  logic [SW:0]        axon_count[AXONS];
  logic [NW-1:0]      syn_neuron[SYNAPSES];
  logic signed [15:0] syn_weight[SYNAPSES];
  logic [DW-1:0]      syn_delay[SYNAPSES];
  // Accumulators: acc[{slot, neuron}].
  logic signed [31:0] acc[SLOTS * NEURONS];
  // Fan-out tables and the neurons that spiked in the last update.
  localparam int FW = $clog2(FANOUT);
  logic [FW:0]        fanout_first[NEURONS];
  logic [FW:0]        fanout_count[NEURONS];
  localparam int PW = XW + YW + LW + AW;
  logic [PW-1:0]      fanout_dest[FANOUT];
  logic [NW-1:0]      spiked[NEURONS];
  logic [NW:0]        spike_count, spike_index;
  logic [FW:0]        fan_index, fan_end;

  typedef enum logic [2:0] {Idle, Synapses, Update, SendNext, SendEntries} state_t;
  state_t      state, resume;  // resume: where a synapse walk returns to
  logic [DW-1:0] t;            // step counter modulo SLOTS
  logic [SW:0]   syn_index, syn_end;
  logic [NW:0]   neuron;       // one bit wider: counts to NEURONS

  // The neuron being updated, through the shared datapath.
  logic [NW-1:0]      n;
  logic signed [31:0] a_in;
  logic signed [31:0] u_next, v_next;
  logic               spike;
  assign n = neuron[NW-1:0];
  assign a_in = acc[{t, n}] >>> input_shift[n];
  loihi_lif_datapath datapath (
      .u(u[n]), .v(v[n]), .a_in(a_in), .current_factor(current_factor[n]), .voltage_factor(voltage_factor[n]),
      .bias(bias[n]), .threshold(threshold[n]), .u_next(u_next), .v_next(v_next), .spike(spike));

  // A sending core still takes incoming packets (its own spikes may come back to it):
  // an arriving packet's synapse walk goes first, then sending resumes.
  logic sending;
  assign sending = state == SendNext || state == SendEntries;
  assign in_ready = (state == Idle && !step && !send) || sending;
  assign idle = state == Idle;
  assign dbg_u = u[dbg_neuron];
  assign dbg_v = v[dbg_neuron];
  assign pkt_valid = state == SendEntries && fan_index != fan_end && !in_valid;
  assign pkt_data = fanout_dest[fan_index[FW-1:0]];

  // The synapse being delivered.
  logic [SW-1:0] s;
  logic [DW-1:0] slot;
  assign s = syn_index[SW-1:0];
  assign slot = t + syn_delay[s];

  initial begin
    for (integer i = 0; i < SLOTS * NEURONS; i = i + 1) acc[i] = '0;
    if (INIT != "") begin
      $readmemh({INIT, "current_factor.memh"}, current_factor);
      $readmemh({INIT, "voltage_factor.memh"}, voltage_factor);
      $readmemh({INIT, "bias.memh"}, bias);
      $readmemh({INIT, "threshold.memh"}, threshold);
      $readmemh({INIT, "input_shift.memh"}, input_shift);
      $readmemh({INIT, "u.memh"}, u);
      $readmemh({INIT, "v.memh"}, v);
      $readmemh({INIT, "axon_first.memh"}, axon_first);
      $readmemh({INIT, "axon_count.memh"}, axon_count);
      $readmemh({INIT, "syn_neuron.memh"}, syn_neuron);
      $readmemh({INIT, "syn_weight.memh"}, syn_weight);
      $readmemh({INIT, "syn_delay.memh"}, syn_delay);
      $readmemh({INIT, "fanout_first.memh"}, fanout_first);
      $readmemh({INIT, "fanout_count.memh"}, fanout_count);
      $readmemh({INIT, "fanout_dest.memh"}, fanout_dest);
    end
  end

  always_ff @(posedge clk) begin
    done <= 1'b0;
    out_valid <= 1'b0;
    if (rst) begin
      state <= Idle;
      t <= '0;
    end else begin
      if (cfg_we) begin
        unique case (cfg_mem)
          4'd0: current_factor[cfg_addr[NW-1:0]] <= cfg_data[12:0];
          4'd1: voltage_factor[cfg_addr[NW-1:0]] <= cfg_data[12:0];
          4'd2: bias[cfg_addr[NW-1:0]] <= cfg_data;
          4'd3: threshold[cfg_addr[NW-1:0]] <= cfg_data;
          4'd4: input_shift[cfg_addr[NW-1:0]] <= cfg_data[3:0];
          4'd5: u[cfg_addr[NW-1:0]] <= cfg_data;
          4'd6: v[cfg_addr[NW-1:0]] <= cfg_data;
          4'd7: axon_first[cfg_addr[AW-1:0]] <= cfg_data[SW:0];
          4'd8: axon_count[cfg_addr[AW-1:0]] <= cfg_data[SW:0];
          4'd9: syn_neuron[cfg_addr[SW-1:0]] <= cfg_data[NW-1:0];
          4'd10: syn_weight[cfg_addr[SW-1:0]] <= cfg_data[15:0];
          4'd11: syn_delay[cfg_addr[SW-1:0]] <= cfg_data[DW-1:0];
          4'd12: acc[cfg_addr[DW+NW-1:0]] <= cfg_data;
          4'd13: fanout_first[cfg_addr[NW-1:0]] <= cfg_data[FW:0];
          4'd14: fanout_count[cfg_addr[NW-1:0]] <= cfg_data[FW:0];
          4'd15: fanout_dest[cfg_addr[FW-1:0]] <= cfg_data[PW-1:0];
          default: ;
        endcase
      end
      if (in_valid && in_ready) begin
        // An incoming packet: walk its synapse list, then return to what the core was doing.
        syn_index <= axon_first[in_axon];
        syn_end <= axon_first[in_axon] + axon_count[in_axon];
        resume <= state;
        state <= Synapses;
      end else unique case (state)
        Idle:
          if (step) begin
            state <= Update;
            neuron <= '0;
            spike_count <= '0;
          end else if (send) begin
            state <= SendNext;
            spike_index <= '0;
          end
        Synapses:
          if (syn_index == syn_end) begin
            state <= resume;
          end else begin
            acc[{slot, syn_neuron[s]}] <= acc[{slot, syn_neuron[s]}] + 32'(syn_weight[s]);
            syn_index <= syn_index + 1'b1;
          end
        Update: begin
          u[n] <= u_next;
          v[n] <= v_next;
          acc[{t, n}] <= 32'sd0;
          out_valid <= spike;
          out_neuron <= n;
          if (spike) begin
            spiked[spike_count[NW-1:0]] <= n;
            spike_count <= spike_count + 1'b1;
          end
          if (neuron == NEURONS[NW:0] - 1'b1) begin
            state <= Idle;
            t <= t + 1'b1;
            done <= 1'b1;
          end
          neuron <= neuron + 1'b1;
        end
        SendNext:
          if (spike_index == spike_count) begin
            state <= Idle;
          end else begin
            fan_index <= fanout_first[spiked[spike_index[NW-1:0]]];
            fan_end <= fanout_first[spiked[spike_index[NW-1:0]]] + fanout_count[spiked[spike_index[NW-1:0]]];
            spike_index <= spike_index + 1'b1;
            state <= SendEntries;
          end
        SendEntries:
          if (fan_index == fan_end) begin
            state <= SendNext;
          end else if (pkt_ready) begin
            fan_index <= fan_index + 1'b1;
          end
        default: state <= Idle;
      endcase
    end
  end
endmodule
