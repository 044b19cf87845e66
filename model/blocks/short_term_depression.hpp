// Tsodyks-Markram short-term depression (Tsodyks & Markram, PNAS 1997) in fixed point.
//
// A synapse holds a fraction R of its resources (R = 1 when fully recovered). A
// presynaptic spike releases the fraction U of what is available, giving the postsynaptic
// current EPSC = A U R, and the resources then recover toward 1 with time constant tau_rec:
//   R_{n+1} = 1 - (1 - R_n (1 - U)) e^{-dt/tau_rec},
// which is the paper's recursion
//   EPSC_{n+1} = EPSC_n (1 - U) e^{-dt/tau_rec} + A U (1 - e^{-dt/tau_rec}).
//
// Fixed point (all unsigned, Q16: kOne = 65,536 stands for 1.0):
// - R: 17-bit register, 0..65536, starts at 65536. U: 1..65536.
// - e^{-dt/tau_rec}: a lookup table E[dt] = round(65536 e^{-dt/tau_rec}) for dt = 0, 1, ...
//   up to the last dt whose entry is nonzero (about tau_rec ln(2^17) = 11.8 tau_rec
//   entries, 48,266 for the largest tau_rec of 4,096 steps); beyond the table
//   E = 0: the synapse has fully recovered. Entries are 17 bits (E[0] = 65536).
// - On a spike at step s, last spike at step s0 (dt = s - s0; the first spike finds R = 1):
//     R        = 65536 - (((65536 - R_after) E[dt] + 2^15) >> 16)  recovery since s0
//     released = (R U + 2^15) >> 16                                 the spike's share
//     R_after  = R - released
//   Both products fit in 34 bits; each rounds half up. `released` is the EPSC as a Q16
//   fraction of A, and the synaptic input is epsc(A, released) = (A released + 2^15) >> 16
//   (an arithmetic shift: round half up, for negative A too).
// Recovery is computed lazily at the next spike, so a synapse's state is R_after and the
// step of its last spike, and the work is one table read and two products per spike.
#pragma once

#include <cstdint>
#include <vector>

namespace axomesh::model {

class ShortTermDepression {
 public:
  static constexpr int kFractionBits = 16;
  static constexpr uint32_t kOne = uint32_t{1} << kFractionBits;
  static constexpr double kMaxTauSteps = 4096.0;

  struct State {
    uint32_t resources = kOne;  // R after the last release
    uint64_t last_spike = 0;    // step of the last presynaptic spike
    bool spiked = false;        // false until the first spike
  };

  // utilization U as Q16 in 1..65536; tau_rec in steps, in [1, kMaxTauSteps]. Throws
  // std::invalid_argument outside those ranges.
  ShortTermDepression(uint32_t utilization, double tau_rec_steps);

  // A presynaptic spike at `step` (steps never decrease from one call to the next):
  // recovers, releases, and returns the released fraction (Q16) of the efficacy A.
  uint32_t on_spike(State& state, uint64_t step) const;

  // Q16 e^{-dt/tau_rec} from the table, 0 beyond it.
  uint32_t recovery_factor(uint64_t dt) const { return dt < table_.size() ? table_[dt] : 0; }
  const std::vector<uint32_t>& table() const { return table_; }
  uint32_t utilization() const { return utilization_; }

  // The synaptic input of a release: A * released / 2^16, rounded half up.
  static int32_t epsc(int32_t efficacy, uint32_t released) {
    return static_cast<int32_t>((int64_t{efficacy} * released + (int64_t{1} << (kFractionBits - 1))) >> kFractionBits);
  }

 private:
  uint32_t utilization_;
  std::vector<uint32_t> table_;
};

// Depression of a projection (or of one chip axon) as the network format gives it: U as
// Q16 (1..65536), tau_rec in whole steps (1..4096), and the integer efficacy scale A
// (1..255) applied to every synapse's weight: a spike adds epsc(A * w, released).
// On a chip axon, utilization 0 marks a static axon (no depression).
struct DepressionParams {
  uint32_t utilization = ShortTermDepression::kOne;
  uint32_t tau_rec = 1;
  int32_t scale = 1;
  bool operator==(const DepressionParams& o) const {
    return utilization == o.utilization && tau_rec == o.tau_rec && scale == o.scale;
  }
};

// The table alone: round(65536 e^{-dt/tau}) for dt = 0 .. last nonzero entry.
std::vector<uint32_t> depression_recovery_table(double tau_rec_steps);

}  // namespace axomesh::model
