// A W x H mesh of tiles, each a neuro_core and a mesh_router (one core per tile).
//
// A step is a barrier in three phases: on `step` every core updates its neurons; when
// all have, every core sends its spikes' packets through the mesh; when every core is
// idle and every router empty, `done` pulses. Packets thus always arrive after every core
// has advanced its step counter, so they land in slot t+1+delay, as in ChipSim. Off-chip
// input packets enter through the west port of tile (0, 0) (its unused mesh edge) while
// the chip is idle; `quiet` tells when they have all been delivered. Each core's spikes
// appear on spike_valid/spike_neuron as it updates. Core c is tile (c % W, c / W).
module neuro_chip #(
    parameter int W = 2,
    parameter int H = 2,
    parameter int NEURONS = 16,
    parameter int AXONS = 64,
    parameter int SYNAPSES = 512,
    parameter int SLOTS = 64,
    parameter int FANOUT = 64,
    parameter int XW = 4,
    parameter int YW = 4
) (
    input  logic clk,
    input  logic rst,
    // configuration of core cfg_core (see neuro_core for memories and addresses)
    input  logic                           cfg_we,
    input  logic [15:0]                    cfg_core,
    input  logic [3:0]                     cfg_mem,
    input  logic [31:0]                    cfg_addr,
    input  logic [31:0]                    cfg_data,
    // off-chip input packets {x, y, axon}
    input  logic                           ext_valid,
    output logic                           ext_ready,
    input  logic [XW+YW+$clog2(AXONS)-1:0] ext_data,
    // the step barrier
    input  logic                           step,
    output logic                           done,
    output logic                           quiet,
    // spikes, per core, as the cores update
    output logic [W*H-1:0]                 spike_valid,
    output logic [W*H*$clog2(NEURONS)-1:0] spike_neuron,
    // debug read-out of neuron dbg_neuron of core dbg_core
    input  logic [15:0]                    dbg_core,
    input  logic [$clog2(NEURONS)-1:0]     dbg_neuron,
    output logic signed [31:0]             dbg_u,
    output logic signed [31:0]             dbg_v
);
  localparam int C = W * H;
  localparam int NW = $clog2(NEURONS);
  localparam int PW = XW + YW + $clog2(AXONS);  // packet width
  localparam int AW = $clog2(AXONS);

  // Router ports, packed per tile: [tile*5 + port].
  logic [5*C-1:0]    r_in_valid, r_in_ready, r_out_valid, r_out_ready;
  logic [5*C*PW-1:0] r_in_data;
  // Dropped by design: the mesh-edge outputs, and the coordinates of arrived packets.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [5*C*PW-1:0] r_out_data;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [C-1:0]      core_idle, core_done, router_busy;
  logic              core_step, core_send;
  logic signed [31:0] core_u[C], core_v[C];
  localparam int CW = C > 1 ? $clog2(C) : 1;  // bits of a core index
  assign dbg_u = dbg_core < 16'(C) ? core_u[dbg_core[CW-1:0]] : 32'sd0;
  assign dbg_v = dbg_core < 16'(C) ? core_v[dbg_core[CW-1:0]] : 32'sd0;

  for (genvar c = 0; c < C; c = c + 1) begin : tiles
    localparam int X = c % W;
    localparam int Y = c / W;
    logic [AW-1:0] axon;
    assign axon = r_out_data[(c*5+0)*PW +: AW];
    neuro_core #(.NEURONS(NEURONS), .AXONS(AXONS), .SYNAPSES(SYNAPSES), .SLOTS(SLOTS), .FANOUT(FANOUT), .XW(XW),
                 .YW(YW)) core (
        .clk, .rst, .cfg_we(cfg_we && cfg_core == 16'(c)), .cfg_mem, .cfg_addr, .cfg_data,
        .in_valid(r_out_valid[c*5+0]), .in_ready(r_out_ready[c*5+0]), .in_axon(axon),
        .step(core_step), .done(core_done[c]), .out_valid(spike_valid[c]), .out_neuron(spike_neuron[c*NW +: NW]),
        .send(core_send), .pkt_valid(r_in_valid[c*5+0]), .pkt_ready(r_in_ready[c*5+0]),
        .pkt_data(r_in_data[(c*5+0)*PW +: PW]), .idle(core_idle[c]), .dbg_neuron, .dbg_u(core_u[c]),
        .dbg_v(core_v[c]));
    mesh_router #(.XW(XW), .YW(YW), .PAYLOAD(AW), .X(X), .Y(Y)) router (
        .clk, .rst, .in_valid(r_in_valid[c*5 +: 5]), .in_ready(r_in_ready[c*5 +: 5]),
        .in_data(r_in_data[c*5*PW +: 5*PW]), .out_valid(r_out_valid[c*5 +: 5]), .out_ready(r_out_ready[c*5 +: 5]),
        .out_data(r_out_data[c*5*PW +: 5*PW]), .busy(router_busy[c]));
    // Links: east (1) out -> neighbour's west (2) in; north (3) out -> neighbour's south (4) in.
    if (X + 1 < W) begin : east
      assign r_in_valid[(c+1)*5+2] = r_out_valid[c*5+1];
      assign r_out_ready[c*5+1] = r_in_ready[(c+1)*5+2];
      assign r_in_data[((c+1)*5+2)*PW +: PW] = r_out_data[(c*5+1)*PW +: PW];
      assign r_in_valid[c*5+1] = r_out_valid[(c+1)*5+2];
      assign r_out_ready[(c+1)*5+2] = r_in_ready[c*5+1];
      assign r_in_data[(c*5+1)*PW +: PW] = r_out_data[((c+1)*5+2)*PW +: PW];
    end else begin : east_edge
      assign r_in_valid[c*5+1] = 1'b0;
      assign r_in_data[(c*5+1)*PW +: PW] = '0;
      assign r_out_ready[c*5+1] = 1'b1;  // XY routes never leave the mesh
    end
    if (Y + 1 < H) begin : north
      assign r_in_valid[(c+W)*5+4] = r_out_valid[c*5+3];
      assign r_out_ready[c*5+3] = r_in_ready[(c+W)*5+4];
      assign r_in_data[((c+W)*5+4)*PW +: PW] = r_out_data[(c*5+3)*PW +: PW];
      assign r_in_valid[c*5+3] = r_out_valid[(c+W)*5+4];
      assign r_out_ready[(c+W)*5+4] = r_in_ready[c*5+3];
      assign r_in_data[(c*5+3)*PW +: PW] = r_out_data[((c+W)*5+4)*PW +: PW];
    end else begin : north_edge
      assign r_in_valid[c*5+3] = 1'b0;
      assign r_in_data[(c*5+3)*PW +: PW] = '0;
      assign r_out_ready[c*5+3] = 1'b1;
    end
    if (X == 0) begin : west_edge
      if (c == 0) begin : external
        assign r_in_valid[2] = ext_valid;
        assign r_in_data[2*PW +: PW] = ext_data;
        assign ext_ready = r_in_ready[2];
      end else begin : unused
        assign r_in_valid[c*5+2] = 1'b0;
        assign r_in_data[(c*5+2)*PW +: PW] = '0;
      end
      assign r_out_ready[c*5+2] = 1'b1;
    end
    if (Y == 0) begin : south_edge
      assign r_in_valid[c*5+4] = 1'b0;
      assign r_in_data[(c*5+4)*PW +: PW] = '0;
      assign r_out_ready[c*5+4] = 1'b1;
    end
  end

  // The barrier.
  typedef enum logic [1:0] {Idle, Update, Send, Drain} phase_t;
  phase_t       phase;
  logic [C-1:0] updated;
  logic [1:0]   quiet_cycles;
  assign quiet = &core_idle && !(|router_busy) && !ext_valid;

  always_ff @(posedge clk) begin
    core_step <= 1'b0;
    core_send <= 1'b0;
    done <= 1'b0;
    if (rst) begin
      phase <= Idle;
    end else begin
      unique case (phase)
        Idle:
          if (step) begin
            core_step <= 1'b1;
            updated <= '0;
            phase <= Update;
          end
        Update: begin
          updated <= updated | core_done;
          if (&(updated | core_done)) begin
            core_send <= 1'b1;
            quiet_cycles <= '0;
            phase <= Send;
          end
        end
        Send: phase <= Drain;  // the cores take `send` on this edge
        Drain:
          if (!quiet) begin
            quiet_cycles <= '0;
          end else if (quiet_cycles == 2'd2) begin
            done <= 1'b1;
            phase <= Idle;
          end else begin
            quiet_cycles <= quiet_cycles + 1'b1;
          end
        default: phase <= Idle;
      endcase
    end
  end
endmodule
