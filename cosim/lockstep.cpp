#include "cosim/lockstep.hpp"

#include <algorithm>
#include <chrono>
#include <sstream>
#include <stdexcept>
#include <vector>

#include "model/chip/chip_sim.hpp"
#include "model/sim/spike_source_generator.hpp"
#include "rtl_gen/core_memories.hpp"

namespace axomesh::cosim {
namespace {

// Off-chip stimulus: each source group's generator and the spikes it emitted last step.
class Stimulus {
 public:
  explicit Stimulus(const model::ChipImage& image) : image_(image), spikes_(image.stimulus.size()) {
    for (const model::SpikeSource& s : image.stimulus) generators_.emplace_back(s);
  }
  // Sends last step's spikes into the chip; returns the packets sent.
  uint64_t inject(RtlChip& chip, const rtl_gen::RtlGeometry& geometry, uint64_t max_cycles) const {
    uint64_t packets = 0;
    for (std::size_t s = 0; s < spikes_.size(); ++s) {
      const model::FanoutTable& table = image_.stimulus_fanout[s];
      for (uint32_t i : spikes_[s])
        for (uint32_t k = table.begin[i]; k < table.begin[i + 1]; ++k, ++packets)
          chip.inject(rtl_gen::packet_word(image_, table.entries[k], geometry), max_cycles);
    }
    return packets;
  }
  void advance() {
    for (std::size_t s = 0; s < generators_.size(); ++s) generators_[s].emit_next_step(spikes_[s]);
  }

 private:
  const model::ChipImage& image_;
  std::vector<model::SpikeSourceGenerator> generators_;
  std::vector<std::vector<uint32_t>> spikes_;
};

// A step's cycles grow with the work in it: every synapse walk, neuron update and packet.
uint64_t cycle_bound(const model::ChipImage& image) {
  uint64_t work = 0;
  for (const model::CoreImage& c : image.cores)
    work += c.synapses.size() + c.neurons.size() + c.fanout.entries.size() + c.axons.size();
  for (const model::FanoutTable& t : image.stimulus_fanout) work += t.entries.size();
  return 100000 + 64 * work;
}

std::string network_neuron(const model::ChipImage& image, uint32_t core, uint32_t neuron) {
  for (std::size_t p = 0; p < image.population_addresses.size(); ++p) {
    const auto& addresses = image.population_addresses[p];
    for (std::size_t i = 0; i < addresses.size(); ++i)
      if (addresses[i].core == core && addresses[i].neuron == neuron)
        return image.population_names[p] + "[" + std::to_string(i) + "]";
  }
  return "";
}

// The first difference between two cores' spike lists, if any.
std::optional<Mismatch> compare_spikes(const std::vector<uint32_t>& expected, const std::vector<uint32_t>& actual) {
  if (expected == actual) return std::nullopt;
  std::vector<uint32_t> e = expected, a = actual;
  std::sort(e.begin(), e.end());
  std::sort(a.begin(), a.end());
  Mismatch m;
  m.field = "spike";
  for (std::size_t i = 0;; ++i) {
    const bool e_left = i < e.size(), a_left = i < a.size();
    if (!e_left && !a_left) {  // same spikes in another order (the RTL emits in neuron order)
      m.neuron = actual.empty() ? 0 : actual.front();
      m.field = "spike order";
      return m;
    }
    if (e_left && (!a_left || e[i] < a[i])) {
      m.neuron = e[i];
      m.expected = 1;
      return m;
    }
    if (a_left && (!e_left || a[i] < e[i])) {
      m.neuron = a[i];
      m.actual = 1;
      return m;
    }
  }
}

}  // namespace

std::string Mismatch::describe() const {
  std::ostringstream out;
  if (field == "barrier") {
    out << "step " << step << ": " << detail << " (RTL hung)";
    return out.str();
  }
  out << "step " << step << ", core " << core << ", neuron " << neuron;
  if (!network_neuron.empty()) out << " (" << network_neuron << ")";
  out << ": " << field << " expected " << expected << " (ChipSim), found " << actual << " (RTL)";
  return out.str();
}

void load_image(RtlChip& chip, const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry) {
  rtl_gen::check_image_fits(image, geometry);
  for (uint32_t c = 0; c < image.cores.size(); ++c) {
    const auto words = rtl_gen::core_memory_words(image, c, geometry);
    for (uint32_t m = 0; m < words.size(); ++m)
      for (uint32_t a = 0; a < words[m].size(); ++a) chip.write_config(c, m, a, words[m][a]);
  }
}

LockstepResult run_lockstep(RtlChip& chip, const model::ChipImage& image, const rtl_gen::RtlGeometry& geometry,
                            const LockstepOptions& options) {
  if (options.load_through_config) load_image(chip, image, geometry);
  const auto start = std::chrono::steady_clock::now();
  const uint64_t first_cycle = chip.cycles();
  const uint64_t max_cycles = options.max_cycles_per_step ? options.max_cycles_per_step : cycle_bound(image);
  model::ChipSim reference(image);
  Stimulus stimulus(image);
  LockstepResult result;
  std::vector<std::vector<uint32_t>> spikes;
  auto stop = [&](Mismatch m, uint64_t step) {
    m.step = step;
    m.network_neuron = network_neuron(image, m.core, m.neuron);
    result.mismatch = m;
  };
  for (uint64_t t = 0; t < options.steps && !result.mismatch; ++t) {
    try {
      result.packets_in += stimulus.inject(chip, geometry, max_cycles);
      chip.step(spikes, max_cycles);
    } catch (const std::runtime_error& hang) {
      Mismatch m;
      m.field = "barrier";
      m.detail = hang.what();
      stop(m, t);
      break;
    }
    stimulus.advance();
    if (options.compare) reference.step();
    for (uint32_t c = 0; options.compare && c < image.cores.size() && !result.mismatch; ++c) {
      if (auto m = compare_spikes(reference.core_spikes(c), spikes[c])) {
        m->core = c;
        stop(*m, t);
        break;
      }
      result.spikes += spikes[c].size();
      if (!options.compare_state) continue;
      for (uint32_t n = 0; n < image.cores[c].neurons.size(); ++n) {
        const auto [u, v] = chip.state(c, n);
        ++result.states;
        if (u != reference.core_u(c, n)) {
          stop({0, c, n, "u", reference.core_u(c, n), u, "", ""}, t);
          break;
        }
        if (v != reference.core_v(c, n)) {
          stop({0, c, n, "v", reference.core_v(c, n), v, "", ""}, t);
          break;
        }
      }
    }
    if (!result.mismatch) ++result.steps;
    if (options.progress) options.progress(t + 1);
  }
  result.rtl_cycles = chip.cycles() - first_cycle;
  result.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

void record_waveform(const std::function<std::unique_ptr<RtlChip>()>& make_chip, const model::ChipImage& image,
                     const rtl_gen::RtlGeometry& geometry, const LockstepOptions& options, uint64_t mismatch_step,
                     uint64_t window, const std::string& path) {
  std::unique_ptr<RtlChip> chip = make_chip();
  if (options.load_through_config) load_image(*chip, image, geometry);
  const uint64_t max_cycles = options.max_cycles_per_step ? options.max_cycles_per_step : cycle_bound(image);
  const uint64_t first_traced = mismatch_step + 1 > window ? mismatch_step + 1 - window : 0;
  Stimulus stimulus(image);
  std::vector<std::vector<uint32_t>> spikes;
  try {
    for (uint64_t t = 0; t <= mismatch_step; ++t) {
      if (t == first_traced) chip->start_trace(path);
      stimulus.inject(*chip, geometry, max_cycles);
      chip->step(spikes, max_cycles);
      stimulus.advance();
    }
  } catch (const std::runtime_error&) {
    // The RTL hung at the mismatch: the waveform shows it up to the bound.
  }
  chip->stop_trace();
}

}  // namespace axomesh::cosim
