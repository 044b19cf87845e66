// Loihi CUBA LIF neuron update, bit-exact to model/blocks/loihi_lif.hpp (loihi::step): one
// neuron's u and v for one timestep, combinational, all in 32-bit arithmetic.
//
//   u' = wrap24(decay(u, current_factor) + (a_in << 6))   modulo 2^24 into (-2^23, 2^23]
//   v1 = clip(decay(v, voltage_factor) + u' + bias, +-(2^23 - 1))
//   spike = v1 > threshold;  v' = spike ? 0 : v1
//
// decay(x, f) = x * f / 4096 rounded toward zero, computed as
//   (x >>> 12) * f + (((x & 4095) * f + (x < 0 ? 4095 : 0)) >> 12)
// which fits 32 bits for |x| <= 2^23 and 0 <= f <= 4096 (see loihi_lif.hpp).
module loihi_lif_datapath (
    input  logic signed [31:0] u,               // (-2^23, 2^23]
    input  logic signed [31:0] v,               // [-(2^23 - 1), 2^23 - 1]
    input  logic signed [31:0] a_in,            // summed synaptic input of the step
    input  logic        [12:0] current_factor,  // 4096 - (du + 1)
    input  logic        [12:0] voltage_factor,  // 4096 - dv
    input  logic signed [31:0] bias,            // bias_mant << bias_exp
    input  logic signed [31:0] threshold,       // vth << 6
    output logic signed [31:0] u_next,
    output logic signed [31:0] v_next,
    output logic               spike
);
  localparam logic signed [31:0] VMax = 32'sd8388607;  // 2^23 - 1

  function automatic logic signed [31:0] decay(input logic signed [31:0] x, input logic [12:0] f);
    logic signed [31:0] high;
    logic signed [31:0] low_product;
    high = x >>> 12;
`ifdef AXOMESH_WRONG_ROUNDING  // a deliberate fault: floor instead of toward zero (tests only)
    low_product = $signed({20'd0, x[11:0]}) * $signed({19'd0, f});
`else
    low_product = $signed({20'd0, x[11:0]}) * $signed({19'd0, f}) + (x[31] ? 32'sd4095 : 32'sd0);
`endif
    decay = high * $signed({19'd0, f}) + (low_product >>> 12);
  endfunction

  // The wrap is modulo 2^24: the sum's top 8 bits are dropped by design.
  /* verilator lint_off UNUSEDSIGNAL */
  logic        [31:0] current_sum;
  /* verilator lint_on UNUSEDSIGNAL */
  logic        [23:0] current_offset;
  logic signed [31:0] voltage_sum;
  logic signed [31:0] voltage;

  always_comb begin
    // Only the low 24 bits of the sum matter for a modulo-2^24 wrap.
    current_sum = decay(u, current_factor) + (a_in << 6);
    current_offset = current_sum[23:0] + 24'h7FFFFF;  // + 2^23 - 1, modulo 2^24
    u_next = $signed({8'd0, current_offset}) - 32'sd8388607;
    voltage_sum = decay(v, voltage_factor) + u_next + bias;
    voltage = voltage_sum > VMax ? VMax : (voltage_sum < -VMax ? -VMax : voltage_sum);
    spike = voltage > threshold;
    v_next = spike ? 32'sd0 : voltage;
  end
endmodule
