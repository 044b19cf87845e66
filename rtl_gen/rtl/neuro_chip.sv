// A W x H mesh of neuro_tiles, each CORES_PER_TILE neuro_cores and a mesh_router.
//
// A step is a barrier in three phases: on `step` every core updates its neurons; when
// all have, every core sends its spikes' packets through the mesh; when every core is
// idle and every router empty, `done` pulses. Packets thus always arrive after every core
// has advanced its step counter, so they land in slot t+1+delay, as in ChipSim. Off-chip
// input packets enter through the west port of tile (0, 0) (its unused mesh edge) while
// the chip is idle; `quiet` tells when they have all been delivered. Each core's spikes
// appear on spike_valid/spike_neuron as it updates.
//
// Numbering as in model::ChipImage: core c sits on tile c / CORES_PER_TILE, tile t at
// x = t % W, y = t / W. A packet is {x, y, core in tile, axon}. With MEM_DIR set, every
// core starts from its memory files (see neuro_tile); the configuration port rewrites
// any memory at run time.
//
// Mixed-level simulation: with EXTERNAL_PORT set, core xcore_sel is replaced by a model
// outside the RTL through the x_* ports (see neuro_tile): x_step and x_send are the
// barrier's pulses to every core, x_in_valid/x_in_axon/x_in_ready the core's AER input,
// x_spike_* its spikes, x_pkt_* its outgoing packets, x_done and x_idle its barrier
// signals. xcore_sel beyond the last core replaces none.
module neuro_chip #(
    parameter int W = 2,
    parameter int H = 2,
    parameter int CORES_PER_TILE = 1,
    parameter int NEURONS = 16,
    parameter int AXONS = 64,
    parameter int SYNAPSES = 512,
    parameter int SLOTS = 64,
    parameter int FANOUT = 64,
    parameter int XW = 4,
    parameter int YW = 4,
    parameter int LW = 1,  // bits of a core's index in its tile (at least 1)
    parameter int EXTERNAL_PORT = 0,
    parameter MEM_DIR = ""
) (
    input  logic clk,
    input  logic rst,
    // configuration of core cfg_core (see neuro_core for memories and addresses)
    input  logic                           cfg_we,
    input  logic [15:0]                    cfg_core,
    input  logic [3:0]                     cfg_mem,
    input  logic [31:0]                    cfg_addr,
    input  logic [31:0]                    cfg_data,
    // off-chip input packets {x, y, core in tile, axon}
    input  logic                           ext_valid,
    output logic                           ext_ready,
    input  logic [XW+YW+LW+$clog2(AXONS)-1:0] ext_data,
    // the step barrier
    input  logic                           step,
    output logic                           done,
    output logic                           quiet,
    // spikes, per core, as the cores update
    output logic [W*H*CORES_PER_TILE-1:0]  spike_valid,
    output logic [W*H*CORES_PER_TILE*$clog2(NEURONS)-1:0] spike_neuron,
    // debug read-out of neuron dbg_neuron of core dbg_core
    input  logic [15:0]                    dbg_core,
    input  logic [$clog2(NEURONS)-1:0]     dbg_neuron,
    output logic signed [31:0]             dbg_u,
    output logic signed [31:0]             dbg_v,
    // the external core (mixed-level simulation; ignored unless EXTERNAL_PORT)
    input  logic [15:0]                    xcore_sel,
    output logic                           x_step,
    output logic                           x_send,
    output logic                           x_in_valid,
    output logic [$clog2(AXONS)-1:0]       x_in_axon,
    input  logic                           x_in_ready,
    input  logic                           x_done,
    input  logic                           x_spike_valid,
    input  logic [$clog2(NEURONS)-1:0]     x_spike_neuron,
    input  logic                           x_pkt_valid,
    input  logic [XW+YW+LW+$clog2(AXONS)-1:0] x_pkt_data,
    output logic                           x_pkt_ready,
    input  logic                           x_idle
);
  localparam int T = W * H;                 // tiles
  localparam int K = CORES_PER_TILE;
  localparam int C = T * K;                 // cores
  localparam int NW = $clog2(NEURONS);
  localparam int PW = XW + YW + LW + $clog2(AXONS);  // packet width

  // Mesh ports of every tile, packed [tile*4 + (port-1)], ports 1 east, 2 west, 3 north, 4 south.
  logic [4*T-1:0]    m_in_valid, m_in_ready, m_out_valid, m_out_ready;
  logic [4*T*PW-1:0] m_in_data;
  // Dropped by design: what mesh-edge outputs would carry (XY routes never leave the mesh).
  /* verilator lint_off UNUSEDSIGNAL */
  logic [4*T*PW-1:0] m_out_data;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [C-1:0]      core_idle, core_done;
  logic [T-1:0]      router_busy;
  logic              core_step, core_send;
  logic [C*32-1:0]   core_u, core_v;
  localparam int CW = C > 1 ? $clog2(C) : 1;  // bits of a core index
  assign dbg_u = dbg_core < 16'(C) ? core_u[32'(dbg_core[CW-1:0])*32 +: 32] : 32'sd0;
  assign dbg_v = dbg_core < 16'(C) ? core_v[32'(dbg_core[CW-1:0])*32 +: 32] : 32'sd0;

  // The external core's signals, from whichever tile holds it.
  localparam int AW = $clog2(AXONS);
  logic [T-1:0]    t_x_in_valid, t_x_pkt_ready;
  logic [T*AW-1:0] t_x_in_axon;
  assign x_step = core_step;
  assign x_send = core_send;
  assign x_in_valid = |t_x_in_valid;
  assign x_pkt_ready = |t_x_pkt_ready;
  always_comb begin
    x_in_axon = '0;
    for (int t = 0; t < T; t = t + 1)
      if (t_x_in_valid[t]) x_in_axon = t_x_in_axon[t*AW +: AW];
  end

  // Configuration writes: the tile and the core in it.
  logic [15:0] cfg_tile;
  logic [LW-1:0] cfg_local;
  assign cfg_tile = cfg_core / 16'(K);
  assign cfg_local = LW'(cfg_core % 16'(K));

  for (genvar t = 0; t < T; t = t + 1) begin : tiles
    localparam int X = t % W;
    localparam int Y = t / W;
    neuro_tile #(.CORES(K), .NEURONS(NEURONS), .AXONS(AXONS), .SYNAPSES(SYNAPSES), .SLOTS(SLOTS), .FANOUT(FANOUT),
                 .XW(XW), .YW(YW), .LW(LW), .X(X), .Y(Y), .FIRST_CORE(t * K), .EXTERNAL_PORT(EXTERNAL_PORT),
                 .MEM_DIR(MEM_DIR)) tile (
        .clk, .rst, .cfg_we(cfg_we && cfg_tile == 16'(t) && cfg_core < 16'(C)), .cfg_core(cfg_local), .cfg_mem,
        .cfg_addr, .cfg_data, .mesh_in_valid(m_in_valid[t*4 +: 4]), .mesh_in_ready(m_in_ready[t*4 +: 4]),
        .mesh_in_data(m_in_data[t*4*PW +: 4*PW]), .mesh_out_valid(m_out_valid[t*4 +: 4]),
        .mesh_out_ready(m_out_ready[t*4 +: 4]), .mesh_out_data(m_out_data[t*4*PW +: 4*PW]), .step(core_step),
        .send(core_send), .core_done(core_done[t*K +: K]), .core_idle(core_idle[t*K +: K]),
        .router_busy(router_busy[t]), .spike_valid(spike_valid[t*K +: K]),
        .spike_neuron(spike_neuron[t*K*NW +: K*NW]), .dbg_neuron, .dbg_u(core_u[t*K*32 +: K*32]),
        .dbg_v(core_v[t*K*32 +: K*32]), .xcore_sel, .x_in_valid(t_x_in_valid[t]),
        .x_in_axon(t_x_in_axon[t*AW +: AW]), .x_in_ready, .x_done, .x_spike_valid, .x_spike_neuron, .x_pkt_valid,
        .x_pkt_data, .x_pkt_ready(t_x_pkt_ready[t]), .x_idle);
    // Links: east (0) out -> neighbour's west (1) in; north (2) out -> neighbour's south (3) in.
    if (X + 1 < W) begin : east
      assign m_in_valid[(t+1)*4+1] = m_out_valid[t*4+0];
      assign m_out_ready[t*4+0] = m_in_ready[(t+1)*4+1];
      assign m_in_data[((t+1)*4+1)*PW +: PW] = m_out_data[(t*4+0)*PW +: PW];
      assign m_in_valid[t*4+0] = m_out_valid[(t+1)*4+1];
      assign m_out_ready[(t+1)*4+1] = m_in_ready[t*4+0];
      assign m_in_data[(t*4+0)*PW +: PW] = m_out_data[((t+1)*4+1)*PW +: PW];
    end else begin : east_edge
      assign m_in_valid[t*4+0] = 1'b0;
      assign m_in_data[(t*4+0)*PW +: PW] = '0;
      assign m_out_ready[t*4+0] = 1'b1;
    end
    if (Y + 1 < H) begin : north
      assign m_in_valid[(t+W)*4+3] = m_out_valid[t*4+2];
      assign m_out_ready[t*4+2] = m_in_ready[(t+W)*4+3];
      assign m_in_data[((t+W)*4+3)*PW +: PW] = m_out_data[(t*4+2)*PW +: PW];
      assign m_in_valid[t*4+2] = m_out_valid[(t+W)*4+3];
      assign m_out_ready[(t+W)*4+3] = m_in_ready[t*4+2];
      assign m_in_data[(t*4+2)*PW +: PW] = m_out_data[((t+W)*4+3)*PW +: PW];
    end else begin : north_edge
      assign m_in_valid[t*4+2] = 1'b0;
      assign m_in_data[(t*4+2)*PW +: PW] = '0;
      assign m_out_ready[t*4+2] = 1'b1;
    end
    if (X == 0) begin : west_edge
      if (t == 0) begin : external
        assign m_in_valid[1] = ext_valid;
        assign m_in_data[1*PW +: PW] = ext_data;
        assign ext_ready = m_in_ready[1];
      end else begin : unused
        assign m_in_valid[t*4+1] = 1'b0;
        assign m_in_data[(t*4+1)*PW +: PW] = '0;
      end
      assign m_out_ready[t*4+1] = 1'b1;
    end
    if (Y == 0) begin : south_edge
      assign m_in_valid[t*4+3] = 1'b0;
      assign m_in_data[(t*4+3)*PW +: PW] = '0;
      assign m_out_ready[t*4+3] = 1'b1;
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
