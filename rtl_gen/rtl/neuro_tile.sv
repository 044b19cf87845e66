// One tile of the mesh: CORES neuro_cores sharing one mesh_router.
//
// The router's local output carries packets {x, y, l, axon} addressed to this tile; core l
// takes them. The cores' own packets reach the router's local input through a round-robin
// arbiter (a core holds its packet until it is taken, so the order among cores cannot
// change a result: accumulation is addition). The four mesh ports are the router's ports
// 1..4 (east, west, north, south), packed as in mesh_router.
//
// Core l of this tile is chip core FIRST_CORE + l; with MEM_DIR set, it starts from the
// memory files MEM_DIR/cNNNNN_*.memh (NNNNN its chip core number, five digits).
//
// With EXTERNAL_PORT set, the core whose chip number equals xcore_sel is replaced at run
// time by a model outside the RTL (mixed-level simulation): its packets, spikes, `done`
// and `idle` come from the x_* ports, its own neuro_core is neither stepped nor fed. With
// EXTERNAL_PORT = 0 (the default) the x_* ports are ignored and the logic folds away.
module neuro_tile #(
    parameter int CORES = 1,
    parameter int NEURONS = 16,
    parameter int AXONS = 64,
    parameter int SYNAPSES = 512,
    parameter int SLOTS = 64,
    parameter int FANOUT = 64,
    parameter int XW = 4,
    parameter int YW = 4,
    parameter int LW = 1,
    parameter int X = 0,
    parameter int Y = 0,
    parameter int FIRST_CORE = 0,
    parameter int EXTERNAL_PORT = 0,
    parameter MEM_DIR = ""
) (
    input  logic clk,
    input  logic rst,
    // configuration of core cfg_core of this tile
    input  logic                             cfg_we,
    input  logic [LW-1:0]                    cfg_core,
    input  logic [3:0]                       cfg_mem,
    input  logic [31:0]                      cfg_addr,
    input  logic [31:0]                      cfg_data,
    // mesh ports 1..4 of the router, [p-1]
    input  logic [3:0]                       mesh_in_valid,
    output logic [3:0]                       mesh_in_ready,
    input  logic [4*(XW+YW+LW+$clog2(AXONS))-1:0] mesh_in_data,
    output logic [3:0]                       mesh_out_valid,
    input  logic [3:0]                       mesh_out_ready,
    output logic [4*(XW+YW+LW+$clog2(AXONS))-1:0] mesh_out_data,
    // the step barrier, to every core
    input  logic                             step,
    input  logic                             send,
    output logic [CORES-1:0]                 core_done,
    output logic [CORES-1:0]                 core_idle,
    output logic                             router_busy,
    // spikes per core, as the cores update
    output logic [CORES-1:0]                 spike_valid,
    output logic [CORES*$clog2(NEURONS)-1:0] spike_neuron,
    // debug read-out of every core's neuron dbg_neuron
    input  logic [$clog2(NEURONS)-1:0]       dbg_neuron,
    output logic [CORES*32-1:0]              dbg_u,
    output logic [CORES*32-1:0]              dbg_v,
    // the external core (see above): packets to it, and what it returns
    input  logic [15:0]                      xcore_sel,
    output logic                             x_in_valid,
    output logic [$clog2(AXONS)-1:0]         x_in_axon,
    input  logic                             x_in_ready,
    input  logic                             x_done,
    input  logic                             x_spike_valid,
    input  logic [$clog2(NEURONS)-1:0]       x_spike_neuron,
    input  logic                             x_pkt_valid,
    input  logic [XW+YW+LW+$clog2(AXONS)-1:0] x_pkt_data,
    output logic                             x_pkt_ready,
    input  logic                             x_idle
);
  localparam int NW = $clog2(NEURONS);
  localparam int AW = $clog2(AXONS);
  localparam int PW = XW + YW + LW + AW;  // packet width

  logic [4:0]      r_in_valid, r_in_ready, r_out_valid, r_out_ready;
  logic [5*PW-1:0] r_in_data, r_out_data;
  mesh_router #(.XW(XW), .YW(YW), .PAYLOAD(LW + AW), .X(X), .Y(Y)) router (
      .clk, .rst, .in_valid(r_in_valid), .in_ready(r_in_ready), .in_data(r_in_data), .out_valid(r_out_valid),
      .out_ready(r_out_ready), .out_data(r_out_data), .busy(router_busy));
  assign r_in_valid[4:1] = mesh_in_valid;
  assign mesh_in_ready = r_in_ready[4:1];
  assign r_in_data[5*PW-1:PW] = mesh_in_data;
  assign mesh_out_valid = r_out_valid[4:1];
  assign r_out_ready[4:1] = mesh_out_ready;
  assign mesh_out_data = r_out_data[5*PW-1:PW];

  // Arrived packets: the core-in-tile field picks the core; x and y are this tile's.
  /* verilator lint_off UNUSEDSIGNAL */
  logic [PW-1:0] arrived;
  /* verilator lint_on UNUSEDSIGNAL */
  logic [LW-1:0] arrived_core;
  logic [CORES-1:0] in_ready;
  assign arrived = r_out_data[PW-1:0];
  assign arrived_core = arrived[AW+LW-1:AW];
  assign r_out_ready[0] = in_ready[arrived_core];

  // Outgoing packets: round-robin among the cores that have one.
  logic [CORES-1:0]    pkt_valid, pkt_ready;
  logic [CORES*PW-1:0] pkt_data;
  logic [LW-1:0]       turn, granted;  // turn: the first core asked; granted: the one taken
  logic                any_valid;
  always_comb begin
    granted = turn;
    any_valid = 1'b0;
    for (int k = CORES - 1; k >= 0; k = k - 1) begin
      // Scanning down means the last match is the first core at or after `turn`.
      if (pkt_valid[(32'(turn) + 32'(k)) % CORES]) begin
        granted = LW'((32'(turn) + 32'(k)) % CORES);
        any_valid = 1'b1;
      end
    end
  end
  assign r_in_valid[0] = any_valid;
  assign r_in_data[PW-1:0] = pkt_data[32'(granted)*PW +: PW];
  always_ff @(posedge clk) begin
    if (rst) turn <= '0;
    else if (any_valid && r_in_ready[0]) turn <= LW'((32'(granted) + 1) % CORES);
  end

  // Which core of this tile, if any, is the external one.
  logic [CORES-1:0] picked;
  logic [CORES-1:0] in_valid_to;  // an arrived packet for core l
  assign x_in_valid = |(picked & in_valid_to);
  assign x_in_axon = arrived[AW-1:0];
  assign x_pkt_ready = |(picked & pkt_ready);

  for (genvar l = 0; l < CORES; l = l + 1) begin : cores
    localparam int C = FIRST_CORE + l;
    // Five decimal digits of the chip core number, as ASCII (one 8-bit parameter each:
    // Yosys widens a cast inside a concatenation).
    localparam logic [7:0] D4 = 8'd48 + 8'(C / 10000 % 10);
    localparam logic [7:0] D3 = 8'd48 + 8'(C / 1000 % 10);
    localparam logic [7:0] D2 = 8'd48 + 8'(C / 100 % 10);
    localparam logic [7:0] D1 = 8'd48 + 8'(C / 10 % 10);
    localparam logic [7:0] D0 = 8'd48 + 8'(C % 10);
    assign picked[l] = EXTERNAL_PORT != 0 && xcore_sel == 16'(C);
    assign in_valid_to[l] = r_out_valid[0] && arrived_core == LW'(l);
    assign pkt_ready[l] = r_in_ready[0] && any_valid && granted == LW'(l);
    logic core_in_ready, core_done_l, core_idle_l, core_spike, core_pkt_valid;
    logic [NW-1:0] core_spike_neuron;
    logic [PW-1:0] core_pkt_data;
    neuro_core #(.NEURONS(NEURONS), .AXONS(AXONS), .SYNAPSES(SYNAPSES), .SLOTS(SLOTS), .FANOUT(FANOUT), .XW(XW),
                 .YW(YW), .LW(LW), .INIT(MEM_DIR == "" ? "" : {MEM_DIR, "/c", D4, D3, D2, D1, D0, "_"})) core (
        .clk, .rst, .cfg_we(cfg_we && cfg_core == LW'(l)), .cfg_mem, .cfg_addr, .cfg_data,
        .in_valid(in_valid_to[l] && !picked[l]), .in_ready(core_in_ready), .in_axon(arrived[AW-1:0]),
        .step(step && !picked[l]), .done(core_done_l), .out_valid(core_spike), .out_neuron(core_spike_neuron),
        .send(send && !picked[l]), .pkt_valid(core_pkt_valid), .pkt_ready(pkt_ready[l] && !picked[l]),
        .pkt_data(core_pkt_data), .idle(core_idle_l), .dbg_neuron, .dbg_u(dbg_u[l*32 +: 32]),
        .dbg_v(dbg_v[l*32 +: 32]));
    assign in_ready[l] = picked[l] ? x_in_ready : core_in_ready;
    assign core_done[l] = picked[l] ? x_done : core_done_l;
    assign core_idle[l] = picked[l] ? x_idle : core_idle_l;
    assign spike_valid[l] = picked[l] ? x_spike_valid : core_spike;
    assign spike_neuron[l*NW +: NW] = picked[l] ? x_spike_neuron : core_spike_neuron;
    assign pkt_valid[l] = picked[l] ? x_pkt_valid : core_pkt_valid;
    assign pkt_data[l*PW +: PW] = picked[l] ? x_pkt_data : core_pkt_data;
  end
endmodule
