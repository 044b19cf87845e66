// One clock cycle of a verilated model: a falling then a rising edge of `clk`.
#pragma once

namespace axomesh::test {

template <class Rtl>
void clock_cycle(Rtl& rtl) {
  rtl.clk = 0;
  rtl.eval();
  rtl.clk = 1;
  rtl.eval();
}

}  // namespace axomesh::test
