// `axomesh encode`: input values from a CSV file -> a spike-source raster in the network
// format (docs/encoders.md). Each CSV line is one sample, each column one input; sample r
// is encoded into the window of steps [r N, (r + 1) N).
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

namespace axomesh::flows {

struct EncodeOptions {
  std::string scheme;  // rate, ttfs or hybrid
  uint32_t steps = 0;  // window length per sample
  uint64_t seed = 0;
  std::string name = "input";
  double max = 1.0;  // the input value that stands for 1.0
  double vth_base = 2.0;
  double alpha = 0.5;
};

// Encodes the CSV file `input` and writes the raster to `out`; every option is checked
// (ENC-xxxx naming the option as the command line spells it).
void encode_values(const std::string& input, const EncodeOptions& options, const std::string& out, std::ostream& log);

}  // namespace axomesh::flows
