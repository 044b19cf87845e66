// The rtl stage: the chip RTL of a mapped run -- the target's top, the leaf modules and a
// file list, identical for every network mapped onto the target -- and the memory files of
// its chip image, which the top loads with $readmemh. Everything is made before anything
// is written, in a scratch folder moved into place entry by entry.
#include <filesystem>
#include <iostream>
#include <string>
#include <unistd.h>

#include "flows/formats/file_io.hpp"
#include "flows/formats/mapped_dir.hpp"
#include "flows/formats/run_files.hpp"
#include "flows/stages/stages.hpp"
#include "model/base/diagnostic.hpp"
#include "rtl_gen/rtl_writer.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

// Writes `files` into a scratch folder beside `dir`, then puts it in the place of `dir` with
// renames: a failure leaves the previous output whole, and no stale file of an earlier
// geometry stays behind.
void write_tree(const fs::path& dir, const std::vector<rtl_gen::GeneratedFile>& files) {
  const std::string suffix = "." + std::to_string(::getpid());
  const fs::path scratch = dir.string() + ".tmp" + suffix, old = dir.string() + ".old" + suffix;
  std::error_code error;
  try {
    for (const rtl_gen::GeneratedFile& f : files) {
      const fs::path path = scratch / f.path;
      fs::create_directories(path.parent_path());
      write_text_file_atomically(path.string(), f.text);
    }
    if (fs::exists(dir)) fs::rename(dir, old);
    fs::rename(scratch, dir);
  } catch (const fs::filesystem_error& e) {
    fs::remove_all(scratch, error);
    if (!fs::exists(dir) && fs::exists(old)) fs::rename(old, dir, error);
    throw std::runtime_error(dir.string() + ": cannot write the RTL: " + e.code().message() + " [IO-0002]");
  } catch (...) {
    fs::remove_all(scratch, error);
    throw;
  }
  fs::remove_all(old, error);
}

}  // namespace

StageOutcome run_rtl_stage(const std::string& dir, const std::optional<std::string>& out_dir,
                           const std::optional<std::string>& target, std::ostream& log) {
  const MappedDir run = load_mapped_dir(dir, target);
  rtl_gen::check_rtl_supports(run.image, run_files::in(dir, run_files::kChipImage));
  const fs::path out = out_dir ? *out_dir : run_files::in(dir, run_files::kRtlFolder);

  const rtl_gen::RtlGeometry geometry = rtl_gen::rtl_geometry(run.target);
  std::vector<rtl_gen::GeneratedFile> files = rtl_gen::chip_rtl_files(geometry);
  const std::size_t rtl_count = files.size();
  for (rtl_gen::GeneratedFile& f : rtl_gen::memory_files(run.image, geometry)) files.push_back(std::move(f));
  write_tree(out, files);

  const std::string file_list = (out / (std::string(rtl_gen::kChipTop) + ".f")).string();
  log << "chip of target " << run.target.name << ": " << geometry.mesh_width << " x " << geometry.mesh_height
      << " tiles x " << geometry.cores_per_tile << " core(s), " << geometry.neurons << " neurons, " << geometry.axons
      << " axons, " << geometry.synapses << " synapses and " << geometry.fanout << " fan-out entries per core; "
      << geometry.packet_bits() << "-bit packets\n"
      << "written: " << rtl_count - 1 << " RTL files in " << (out / "rtl").string() << " (top " << rtl_gen::kChipTop
      << "), the file list " << file_list << ", " << files.size() - rtl_count << " memory files in "
      << (out / "mem").string() << "\n"
      << "lint:      verilator --lint-only -Wall -F " << file_list << "\n";
  StageOutcome outcome;
  outcome.key_figure = std::to_string(geometry.cores()) + " cores of " + std::to_string(geometry.neurons) +
                       " neurons, " + std::to_string(files.size() - rtl_count) + " memory files";
  outcome.output = file_list;
  return outcome;
}

}  // namespace axomesh::flows
