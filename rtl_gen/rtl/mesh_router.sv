// A 5-port mesh router (local, east, west, north, south) with dimension-order routing:
// X first, then Y, which is deadlock-free on a mesh. Each input port buffers packets in a
// FIFO; each output port grants one waiting input per clock, round-robin, with
// valid/ready handshakes on every port. A packet is {dest_x, dest_y, payload}.
//
// Port index: 0 local, 1 east (x+1), 2 west (x-1), 3 north (y+1), 4 south (y-1). Ports are
// packed vectors (port p in bits [p*W +: W]) so that both Verilator and Yosys take them.
module mesh_router #(
    parameter int XW = 4,            // bits of a coordinate
    parameter int YW = 4,
    parameter int PAYLOAD = 16,
    parameter int DEPTH = 4,
    parameter int X = 0,              // this router's position
    parameter int Y = 0
) (
    input  logic                             clk,
    input  logic                             rst,
    input  logic [4:0]                       in_valid,
    output logic [4:0]                       in_ready,
    input  logic [5*(XW+YW+PAYLOAD)-1:0]     in_data,
    output logic [4:0]                       out_valid,
    input  logic [4:0]                       out_ready,
    output logic [5*(XW+YW+PAYLOAD)-1:0]     out_data,
    output logic                             busy    // a packet is buffered
);
  localparam int W = XW + YW + PAYLOAD;
  localparam logic [XW-1:0] Xs = X[XW-1:0];
  localparam logic [YW-1:0] Ys = Y[YW-1:0];

  // Input FIFOs.
  logic [4:0]   head_valid, head_taken;
  logic [W-1:0] head[5];
  for (genvar p = 0; p < 5; p = p + 1) begin : inputs
    packet_fifo #(.WIDTH(W), .DEPTH(DEPTH)) fifo (
        .clk, .rst, .in_valid(in_valid[p]), .in_ready(in_ready[p]), .in_data(in_data[p*W+:W]),
        .out_valid(head_valid[p]), .out_ready(head_taken[p]), .out_data(head[p]));
  end

  assign busy = |head_valid;

  // The output port each input's head packet wants (XY routing).
  logic [2:0] want[5];
  always_comb begin
    for (int p = 0; p < 5; p = p + 1) begin
      logic [XW-1:0] dx;
      logic [YW-1:0] dy;
      dx = head[p][W-1-:XW];
      dy = head[p][W-1-XW-:YW];
      // On the mesh's last column or row the comparison is constant: nothing lies beyond.
      /* verilator lint_off CMPCONST */
      if (dx > Xs) want[p] = 3'd1;
      else if (dx != Xs) want[p] = 3'd2;  // below X
      else if (dy > Ys) want[p] = 3'd3;
      else if (dy != Ys) want[p] = 3'd4;  // below Y
      else want[p] = 3'd0;
      /* verilator lint_on CMPCONST */
    end
  end

  // Per output: round-robin grant among the inputs whose head wants it. What is offered
  // does not depend on out_ready (a receiver may look at the data to decide).
  logic [2:0] last_grant[5];
  logic [2:0] grant[5];
  logic [4:0] granted;
  always_comb begin
    out_valid = '0;
    out_data = '0;
    for (int o = 0; o < 5; o = o + 1) begin
      granted[o] = 1'b0;
      grant[o] = 3'd0;
      for (int k = 1; k <= 5; k = k + 1) begin
        // Inputs in order after the last one granted, so each gets its turn.
        logic [3:0] sum;
        logic [2:0] p;
        sum = {1'b0, last_grant[o]} + k[3:0];
        p = sum >= 4'd5 ? 3'(sum - 4'd5) : sum[2:0];
        if (!granted[o] && head_valid[p] && want[p] == o[2:0]) begin
          granted[o] = 1'b1;
          grant[o] = p;
        end
      end
      if (granted[o]) begin
        out_valid[o] = 1'b1;
        out_data[o*W+:W] = head[grant[o]];
      end
    end
  end
  always_comb begin
    head_taken = '0;
    for (int o = 0; o < 5; o = o + 1)
      if (granted[o] && out_ready[o]) head_taken[grant[o]] = 1'b1;
  end

  always_ff @(posedge clk) begin
    for (int o = 0; o < 5; o = o + 1)
      if (rst) last_grant[o] <= 3'd4;
      else if (granted[o] && out_ready[o]) last_grant[o] <= grant[o];
  end
endmodule
