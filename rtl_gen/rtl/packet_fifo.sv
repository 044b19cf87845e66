// A small first-in first-out buffer with valid/ready on both sides; DEPTH a power of two.
module packet_fifo #(
    parameter int WIDTH = 16,
    parameter int DEPTH = 4
) (
    input  logic             clk,
    input  logic             rst,
    input  logic             in_valid,
    output logic             in_ready,
    input  logic [WIDTH-1:0] in_data,
    output logic             out_valid,
    input  logic             out_ready,
    output logic [WIDTH-1:0] out_data
);
  localparam int PW = $clog2(DEPTH);
  logic [WIDTH-1:0] entries[DEPTH];
  logic [PW:0] head, tail;  // one bit wider than an index: full when they differ only there

  assign in_ready = (tail - head) != DEPTH[PW:0];
  assign out_valid = tail != head;
  assign out_data = entries[head[PW-1:0]];

  always_ff @(posedge clk) begin
    if (rst) begin
      head <= '0;
      tail <= '0;
    end else begin
      if (in_valid && in_ready) begin
        entries[tail[PW-1:0]] <= in_data;
        tail <= tail + 1'b1;
      end
      if (out_valid && out_ready) head <= head + 1'b1;
    end
  end
endmodule
