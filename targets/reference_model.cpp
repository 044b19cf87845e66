#include "targets/reference_model.hpp"

namespace axomesh::targets {

ReferenceEstimate reference_estimate(const model::Network& net, uint64_t steps, const ReferenceFigures& f) {
  ReferenceEstimate r;
  uint64_t macs_per_step = 0, reads_per_step = 0;
  for (const model::Projection& p : net.projections) {
    const uint64_t stored = p.weights.size();
    macs_per_step += stored;  // dense: pre x post; sparse: the stored synapses
    reads_per_step += p.kind == model::ProjectionKind::Dense ? stored : 2 * stored;  // + the index
  }
  r.macs = macs_per_step * steps;
  r.word_reads = reads_per_step * steps;
  const double mac = f.fp32_multiply + f.fp32_add;
  const double read = f.sram_read_64bit_1mb / 2;  // a 32-bit word is half a 64-bit access
  r.joules = double(r.macs) * mac + double(r.word_reads) * read;
  r.description =
      "model: every step, each projection as a matrix-vector product on a conventional processor (dense "
      "projections dense, sparse ones in CSR), fp32 multiply-add " +
      std::to_string((f.fp32_multiply + f.fp32_add) * 1e12).substr(0, 3) + " pJ and 32-bit SRAM reads " +
      std::to_string(read * 1e12).substr(0, 4) + " pJ (Horowitz, ISSCC 2014, 45 nm)";
  return r;
}

}  // namespace axomesh::targets
