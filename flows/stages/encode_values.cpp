#include "flows/stages/encode_values.hpp"

#include <cctype>
#include <cmath>
#include <sstream>
#include <vector>

#include "flows/formats/csv_values.hpp"
#include "flows/formats/file_io.hpp"
#include "flows/formats/network_json.hpp"
#include "model/base/diagnostic.hpp"
#include "model/blocks/spike_encoders.hpp"
#include "model/network/network_limits.hpp"

namespace axomesh::flows {
namespace {

namespace enc = model::encoders;

std::string number(double value) {
  std::ostringstream out;
  out << value;
  return out.str();
}

[[noreturn]] void fail(const std::string& id, const std::string& where, const std::string& message,
                       const std::string& file = {}) {
  throw model::InputError({{id, where, message}}, file);
}

enc::Scheme parse_scheme(const std::string& name) {
  if (name == "rate") return enc::Scheme::Rate;
  if (name == "ttfs") return enc::Scheme::Ttfs;
  if (name == "hybrid") return enc::Scheme::Hybrid;
  fail("ENC-0100", "--scheme", "expected rate, ttfs or hybrid, found \"" + name + "\"");
}

// The network format's rule for names: 1-128 letters, digits, '_', '-' or '.'.
void check_name(const std::string& name) {
  bool ok = !name.empty() && name.size() <= 128;
  for (char c : name) ok = ok && (std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '-' || c == '.');
  if (!ok) fail("ENC-0105", "--name", "expected 1-128 letters, digits, '_', '-' or '.', found \"" + name + "\"");
}

// A real option to Q16, checked against [lo, hi] (or [lo, hi) when `open_high`).
uint32_t to_q16(double value, double lo, double hi, bool open_high, const std::string& option,
                const std::string& expected) {
  const bool ok = std::isfinite(value) && value >= lo && (open_high ? value < hi : value <= hi);
  if (!ok) fail(option == "--alpha" ? "ENC-0103" : "ENC-0102", option, "expected " + expected + ", found " + number(value));
  return static_cast<uint32_t>(std::lround(value * enc::kValueOne));
}

// Encoder diagnostics name parameters; the command names its options.
[[noreturn]] void rethrow_as_options(std::vector<model::Diagnostic> problems) {
  for (model::Diagnostic& d : problems)
    d.path = d.path == "steps" ? "--steps" : d.path == "vth_base" ? "--vth-base" : d.path == "alpha" ? "--alpha" : d.path;
  throw model::InputError(std::move(problems));
}

// Values in [0, max] -> Q16 of value / max, rounded to nearest.
std::vector<std::vector<uint32_t>> quantize(const CsvTable& table, double max, const std::string& file) {
  std::vector<std::vector<uint32_t>> samples;
  samples.reserve(table.rows.size());
  for (std::size_t r = 0; r < table.rows.size(); ++r) {
    std::vector<uint32_t> sample;
    sample.reserve(table.rows[r].size());
    for (std::size_t c = 0; c < table.rows[r].size(); ++c) {
      const double v = table.rows[r][c];
      if (!(v >= 0.0 && v <= max))
        fail("ENC-0002", "line " + std::to_string(table.line_numbers[r]) + ", column " + std::to_string(c + 1),
             "expected a number in 0.." + number(max) + " (--max), found " + number(v), file);
      sample.push_back(static_cast<uint32_t>(std::lround(v / max * enc::kValueOne)));
    }
    samples.push_back(std::move(sample));
  }
  return samples;
}

}  // namespace

void encode_values(const std::string& input, const EncodeOptions& options, const std::string& out, std::ostream& log) {
  enc::EncoderParams params;
  params.scheme = parse_scheme(options.scheme);
  params.steps = options.steps;
  params.seed = options.seed;
  params.vth_base = to_q16(options.vth_base, 1.0 / enc::kValueOne, 256.0, false, "--vth-base",
                           "a threshold in (0, 256]");
  params.alpha = to_q16(options.alpha, 0.0, 1.0, true, "--alpha", "0 <= alpha < 1");
  if (auto problems = enc::check(params); !problems.empty()) rethrow_as_options(std::move(problems));
  const std::string& name = options.name;
  check_name(name);
  const double max = options.max;
  if (!(std::isfinite(max) && max > 0)) fail("ENC-0106", "--max", "expected a number > 0, found " + number(max));

  const CsvTable table = parse_csv_values(read_text_file(input), input);
  const auto channels = table.rows.front().size();
  if (static_cast<int64_t>(channels) > model::limits::kGroupSize.hi)
    fail("ENC-0006", "line " + std::to_string(table.line_numbers.front()),
         "expected at most " + std::to_string(model::limits::kGroupSize.hi) + " values per line, found " +
             std::to_string(channels), input);
  const uint64_t total_steps = uint64_t{params.steps} * table.rows.size();
  if (total_steps - 1 > static_cast<uint64_t>(model::limits::kSpikeStep.hi))
    fail("ENC-0005", "", "expected samples x --steps <= 2^32 so that every spike step fits the format, found " +
                             std::to_string(table.rows.size()) + " x " + std::to_string(params.steps), input);
  const auto samples = quantize(table, max, input);

  model::SpikeSource source;
  source.name = name;
  source.size = static_cast<uint32_t>(channels);
  source.kind = model::SourceKind::Raster;
  source.spike_times.resize(channels);
  enc::SpikeEncoder encoder(params, source.size);
  uint64_t spikes = 0;
  for (std::size_t r = 0; r < samples.size(); ++r) {
    const auto offset = static_cast<uint32_t>(r * params.steps);
    const auto times = encoder.encode_sample(samples[r]);
    for (std::size_t c = 0; c < channels; ++c) {
      for (uint32_t t : times[c]) source.spike_times[c].push_back(offset + t);
      spikes += times[c].size();
    }
  }

  write_text_file_atomically(out, source_to_json(source).dump() + "\n");
  log << "encoded " << samples.size() << " samples x " << channels << " inputs (" << options.scheme
            << ", " << params.steps << " steps each, " << total_steps << " steps in all): " << spikes << " spikes, "
            << static_cast<double>(spikes) / static_cast<double>(samples.size()) << " per sample\n"
            << "raster \"" << name << "\" written to " << out << "\n";
}

}  // namespace axomesh::flows
