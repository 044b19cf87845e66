// cosim::ChipLibrary -- the chip RTL of one geometry, Verilated and compiled into a shared
// object that `axomesh cosim` loads at run time. The object is kept in a cache folder keyed
// by a hash of everything that goes into it (the RTL files' paths and texts, the harness
// sources, the Verilator version, the build recipe) and of nothing else: every later
// network mapped onto the chip, and a target renamed or with new energy figures, reuses
// it; an edited RTL file builds a new one.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "cosim/rtl_chip.hpp"
#include "cosim/systemc_runner.hpp"
#include "rtl_gen/rtl_geometry.hpp"
#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::cosim {

// The harness sources compiled into every chip object: {file name, text}.
std::vector<std::pair<std::string, std::string>> cosim_harness_sources();
// The SystemC harness object's sources: {path under the source root, text}.
std::vector<std::pair<std::string, std::string>> cosim_systemc_sources();

// Where chip objects are kept unless told: $AXOMESH_CACHE_DIR, $XDG_CACHE_HOME/axomesh,
// ~/.cache/axomesh, in that order.
std::string default_cache_dir();

// Times of the SystemC harness (seconds): the SystemC core's per-operation times (a
// target's synaptic_op, neuron_update_active, neuron_update_idle) and the chip's clock.
struct SystemcTimes {
  double synaptic_op = 3.5e-9, neuron_update_active = 8.4e-9, neuron_update_idle = 5.3e-9, clock_period = 10e-9;
};

class ChipLibrary {
 public:
  // Finds the object for `rtl_files` in `cache_dir`, or builds it with verilator and g++
  // (`log` gets one line per stage). `rtl_files` are the chip's sources and its file list
  // rtl_gen::kChipTop + ".f" (relative paths, as rtl_gen::chip_rtl_files() makes them or
  // `axomesh rtl` wrote them), Verilated with `-F` of that list. Throws std::runtime_error
  // with the tool's output when a build fails, or when verilator cannot be run.
  static ChipLibrary open(const std::vector<rtl_gen::GeneratedFile>& rtl_files, const std::string& cache_dir,
                          const std::function<void(const std::string&)>& log = {});
  // The same for the SystemC harness (systemc_harness.hpp): neuro_chip of `geometry` with
  // EXTERNAL_PORT, Verilated with --sc from every file of `rtl_files` but the list and the
  // top, and the harness, SystemcCore and SystemC library in one object. Its sources are
  // cosim_systemc_sources().
  static ChipLibrary open_systemc(const std::vector<rtl_gen::GeneratedFile>& rtl_files,
                                  const rtl_gen::RtlGeometry& geometry, const std::string& cache_dir,
                                  const std::function<void(const std::string&)>& log = {});
  ChipLibrary(ChipLibrary&&) noexcept;
  ChipLibrary& operator=(ChipLibrary&&) noexcept;
  ~ChipLibrary();

  // A new chip, just out of reset, its memories empty (configuration-port loading).
  std::unique_ptr<RtlChip> make_chip(uint32_t cores, uint32_t neuron_bits) const;
  // The SystemC harness of an open_systemc object. SystemC elaborates once per process:
  // call this once; the harness stays alive (and the object loaded) until the process ends.
  SystemcRunner& systemc_runner(uint32_t cores, uint32_t neuron_bits, const SystemcTimes& times) const;
  const std::string& path() const { return path_; }
  bool was_built() const { return built_; }  // false: found in the cache
  double build_seconds() const { return build_seconds_; }

 private:
  ChipLibrary() = default;
  void* handle_ = nullptr;
  RtlChip* (*make_)(uint32_t, uint32_t) = nullptr;
  SystemcRunner* (*make_systemc_)(uint32_t, uint32_t, const double*) = nullptr;
  std::string path_;
  bool built_ = false;
  double build_seconds_ = 0.0;
};

}  // namespace axomesh::cosim
