#include "cosim/chip_library.hpp"
#include "cosim/program_run.hpp"

#include <dlfcn.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace axomesh::cosim {
namespace fs = std::filesystem;
namespace {

// Bumped whenever the build recipe below changes, so old objects are not reused.
constexpr const char* kRecipe = "chip-library-1";
constexpr const char* kSystemcRecipe = "systemc-chip-library-1";

uint64_t fnv1a(uint64_t hash, const std::string& text) {
  for (unsigned char c : text) hash = (hash ^ c) * 1099511628211ull;
  return (hash ^ 0xFF) * 1099511628211ull;  // a separator, so ("ab","c") != ("a","bc")
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

// Runs a program (no shell), its output appended to `log`; returns its exit status.
int run(const std::vector<std::string>& argv, const fs::path& log, const fs::path& dir) {
  return run_program(argv, log.string(), dir.string());
}

std::string tail_of(const fs::path& log, std::size_t lines) { return log_tail(log.string(), lines); }

void run_or_throw(const std::vector<std::string>& argv, const fs::path& log, const fs::path& dir,
                  const std::string& stage) {
  const int status = run(argv, log, dir);
  if (status == 0) return;
  std::string message = stage + " failed";
  message += status < 0 ? " (could not run " + argv[0] + ": is it installed?)" : " (exit " + std::to_string(status) + ")";
  message += "; its log is " + log.string() + ", ending:\n" + tail_of(log, 25);
  throw std::runtime_error(message);
}

// `verilator --version`, part of every key: another Verilator compiles the same RTL into
// another model, and its runtime headers must match the object's.
std::string verilator_version(const std::string& cache_dir) {
  fs::create_directories(cache_dir);
  const fs::path out = fs::path(cache_dir) / ("verilator-version." + std::to_string(getpid()) + ".txt");
  fs::remove(out);
  const int status = run({"verilator", "--version"}, out, cache_dir);
  const std::string version = read_file(out);
  fs::remove(out);
  if (status != 0 || version.empty())
    throw std::runtime_error("cannot run `verilator --version`: is verilator installed?");
  return version;
}

std::string verilator_root(const fs::path& scratch) {
  if (const char* root = std::getenv("VERILATOR_ROOT")) return root;
  const fs::path out = scratch / "verilator_root.txt";
  if (run({"verilator", "--getenv", "VERILATOR_ROOT"}, out, scratch) != 0)
    throw std::runtime_error("cannot run `verilator --getenv VERILATOR_ROOT`: is verilator installed?");
  std::string root = read_file(out);
  while (!root.empty() && (root.back() == '\n' || root.back() == ' ')) root.pop_back();
  return root;
}

void build(const std::vector<rtl_gen::GeneratedFile>& rtl_files, const fs::path& dir,
           const std::function<void(const std::string&)>& log) {
  for (const rtl_gen::GeneratedFile& f : rtl_files) write_file(dir / f.path, f.text);
  for (const auto& [name, text] : cosim_harness_sources()) write_file(dir / "src" / "cosim" / name, text);
  const fs::path build_log = dir / "build.log";
  const std::string root = verilator_root(dir);
  if (log) log("verilating the chip (once per chip geometry)");
  const std::string jobs = std::to_string(std::max(1u, std::min(4u, std::thread::hardware_concurrency())));
  run_or_throw({"verilator", "--cc", "--build", "-j", jobs, "--trace-fst", "-O3", "--Mdir", "obj", "--prefix", "Vchip",
                "--top-module", rtl_gen::kChipTop, "-GMEM_DIR=\"\"", "-Wno-fatal", "-CFLAGS", "-fPIC", "-F",
                std::string(rtl_gen::kChipTop) + ".f"},
               build_log, dir, "verilator");
  if (log) log("compiling the chip's shared object");
  const std::string inc = root + "/include";
  run_or_throw({"g++", "-std=c++17", "-O2", "-shared", "-fPIC", "-DVM_TRACE=1", "-DVM_TRACE_FST=1", "-Iobj", "-Isrc",
                "-I" + inc, "-I" + inc + "/vltstd", "src/cosim/chip_library_entry.cpp", inc + "/verilated.cpp",
                inc + "/verilated_fst_c.cpp", inc + "/verilated_threads.cpp", "-Wl,--whole-archive", "obj/Vchip__ALL.a",
                "-Wl,--no-whole-archive", "-lz", "-pthread", "-o", "libchip.so"},
               build_log, dir, "compiling the chip object");
}

// "-GW=2", ... from RtlGeometry::verilog_parameters() (".W(2), .H(2), ...").
std::vector<std::string> parameter_args(const std::string& verilog) {
  std::vector<std::string> args;
  std::size_t at = 0;
  while ((at = verilog.find('.', at)) != std::string::npos) {
    const std::size_t open = verilog.find('(', at), close = verilog.find(')', at);
    if (open == std::string::npos || close == std::string::npos || close < open) break;
    args.push_back("-G" + verilog.substr(at + 1, open - at - 1) + "=" + verilog.substr(open + 1, close - open - 1));
    at = close;
  }
  return args;
}

// The SystemC harness object: neuro_chip with the geometry's parameters and EXTERNAL_PORT,
// Verilated with --sc, compiled with the harness and SystemcCore against the SystemC library.
void build_systemc(const std::vector<rtl_gen::GeneratedFile>& rtl_files, const std::vector<std::string>& parameters,
                   const fs::path& dir, const std::function<void(const std::string&)>& log) {
  // Every file but the file list and the top (neuro_chip is the top here).
  std::vector<std::string> leaves;
  for (const rtl_gen::GeneratedFile& f : rtl_files) {
    write_file(dir / f.path, f.text);
    if (fs::path(f.path).extension() != ".f" && fs::path(f.path).stem() != rtl_gen::kChipTop) leaves.push_back(f.path);
  }
  for (const auto& [name, text] : cosim_systemc_sources()) write_file(dir / "src" / name, text);
  const fs::path build_log = dir / "build.log";
  const std::string root = verilator_root(dir);
  if (log) log("verilating the chip for SystemC (once per chip geometry)");
  const std::string jobs = std::to_string(std::max(1u, std::min(4u, std::thread::hardware_concurrency())));
  std::vector<std::string> verilate = {"verilator", "--sc", "--build", "-j", jobs, "-O3", "--Mdir", "obj", "--prefix",
                                       "Vchip", "--top-module", "neuro_chip", "-GEXTERNAL_PORT=1", "-Wno-fatal",
                                       "-CFLAGS", "-fPIC"};
  verilate.insert(verilate.end(), parameters.begin(), parameters.end());
  verilate.insert(verilate.end(), leaves.begin(), leaves.end());
  run_or_throw(verilate, build_log, dir, "verilator");
  if (log) log("compiling the chip's SystemC harness object");
  const std::string inc = root + "/include";
  run_or_throw({"g++", "-std=c++17", "-O2", "-shared", "-fPIC", "-DVM_SC=1", "-DVM_TRACE=0", "-Iobj", "-Isrc",
                "-I" + inc, "-I" + inc + "/vltstd", "src/cosim/systemc_library_entry.cpp", "src/hls/systemc_core.cpp",
                "src/model/base/diagnostic.cpp", inc + "/verilated.cpp", inc + "/verilated_threads.cpp",
                "-Wl,--whole-archive", "obj/Vchip__ALL.a", "-Wl,--no-whole-archive", "-lsystemc", "-pthread", "-o",
                "libchip.so"},
               build_log, dir, "compiling the SystemC harness object");
}

}  // namespace

std::string default_cache_dir() {
  if (const char* dir = std::getenv("AXOMESH_CACHE_DIR"); dir && *dir) return dir;
  if (const char* xdg = std::getenv("XDG_CACHE_HOME"); xdg && *xdg) return std::string(xdg) + "/axomesh";
  if (const char* home = std::getenv("HOME"); home && *home) return std::string(home) + "/.cache/axomesh";
  return (fs::temp_directory_path() / "axomesh-cache").string();
}

namespace {

// The object of `hash` in `cache_dir`, built by `build` (into a scratch folder) when absent.
struct CachedObject {
  std::string path;
  bool built = false;
  double seconds = 0.0;
};

CachedObject find_or_build(uint64_t hash, const std::string& cache_dir, const std::function<void(const fs::path&)>& build) {
  char key[17];
  std::snprintf(key, sizeof key, "%016llx", static_cast<unsigned long long>(hash));
  const fs::path final_dir = fs::path(cache_dir) / (std::string("chip-") + key);
  CachedObject object;
  if (!fs::exists(final_dir / "libchip.so")) {
    const auto start = std::chrono::steady_clock::now();
    // Built aside and renamed into place: an interrupted or concurrent build never leaves
    // a half-built object where a later run would take it.
    const fs::path scratch = fs::path(cache_dir) / (std::string("chip-") + key + ".build-" + std::to_string(getpid()));
    fs::remove_all(scratch);
    fs::create_directories(scratch);
    build(scratch);
    std::error_code ec;
    fs::rename(scratch, final_dir, ec);
    if (ec) {
      if (!fs::exists(final_dir / "libchip.so"))
        throw std::runtime_error("cannot move the chip object built in " + scratch.string() + " to " +
                                 final_dir.string() + ": " + ec.message());
      fs::remove_all(scratch);  // another build got there first: use its object
    }
    object.built = true;
    object.seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  }
  object.path = (final_dir / "libchip.so").string();
  return object;
}

}  // namespace

ChipLibrary ChipLibrary::open(const std::vector<rtl_gen::GeneratedFile>& rtl_files, const std::string& cache_dir,
                              const std::function<void(const std::string&)>& log) {
  uint64_t hash = fnv1a(fnv1a(14695981039346656037ull, kRecipe), verilator_version(cache_dir));
  for (const rtl_gen::GeneratedFile& f : rtl_files) hash = fnv1a(fnv1a(hash, f.path), f.text);
  for (const auto& [name, text] : cosim_harness_sources()) hash = fnv1a(fnv1a(hash, name), text);
  const CachedObject object = find_or_build(hash, cache_dir, [&](const fs::path& dir) { build(rtl_files, dir, log); });
  ChipLibrary library;
  library.built_ = object.built;
  library.build_seconds_ = object.seconds;
  library.path_ = object.path;
  library.handle_ = dlopen(library.path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library.handle_) throw std::runtime_error("cannot load " + library.path_ + ": " + dlerror());
  library.make_ = reinterpret_cast<RtlChip* (*)(uint32_t, uint32_t)>(dlsym(library.handle_, "axomesh_new_chip"));
  if (!library.make_) throw std::runtime_error(library.path_ + " has no axomesh_new_chip: remove it and rerun");
  return library;
}

ChipLibrary ChipLibrary::open_systemc(const std::vector<rtl_gen::GeneratedFile>& rtl_files,
                                      const rtl_gen::RtlGeometry& geometry, const std::string& cache_dir,
                                      const std::function<void(const std::string&)>& log) {
  const std::vector<std::string> parameters = parameter_args(geometry.verilog_parameters());
  uint64_t hash = fnv1a(fnv1a(14695981039346656037ull, kSystemcRecipe), verilator_version(cache_dir));
  for (const std::string& p : parameters) hash = fnv1a(hash, p);
  for (const rtl_gen::GeneratedFile& f : rtl_files) hash = fnv1a(fnv1a(hash, f.path), f.text);
  for (const auto& [name, text] : cosim_systemc_sources()) hash = fnv1a(fnv1a(hash, name), text);
  const CachedObject object =
      find_or_build(hash, cache_dir, [&](const fs::path& dir) { build_systemc(rtl_files, parameters, dir, log); });
  ChipLibrary library;
  library.built_ = object.built;
  library.build_seconds_ = object.seconds;
  library.path_ = object.path;
  setenv("SYSC_DISABLE_COPYRIGHT_MESSAGE", "1", 0);  // SystemC prints its banner when loaded
  library.handle_ = dlopen(library.path_.c_str(), RTLD_NOW | RTLD_LOCAL);
  if (!library.handle_) throw std::runtime_error("cannot load " + library.path_ + ": " + dlerror());
  library.make_systemc_ = reinterpret_cast<SystemcRunner* (*)(uint32_t, uint32_t, const double*)>(
      dlsym(library.handle_, "axomesh_new_systemc_runner"));
  if (!library.make_systemc_)
    throw std::runtime_error(library.path_ + " has no axomesh_new_systemc_runner: remove it and rerun");
  return library;
}

ChipLibrary::ChipLibrary(ChipLibrary&& o) noexcept { *this = std::move(o); }
ChipLibrary& ChipLibrary::operator=(ChipLibrary&& o) noexcept {
  std::swap(handle_, o.handle_);
  std::swap(make_, o.make_);
  std::swap(make_systemc_, o.make_systemc_);
  std::swap(path_, o.path_);
  built_ = o.built_;
  build_seconds_ = o.build_seconds_;
  return *this;
}
ChipLibrary::~ChipLibrary() {
  // A SystemC object stays loaded: its harness lives as long as the process's simulation.
  if (handle_ && !make_systemc_) dlclose(handle_);
}

SystemcRunner& ChipLibrary::systemc_runner(uint32_t cores, uint32_t neuron_bits, const SystemcTimes& times) const {
  if (!make_systemc_) throw std::logic_error("systemc_runner() needs an object opened by open_systemc()");
  const double seconds[4] = {times.synaptic_op, times.neuron_update_active, times.neuron_update_idle,
                             times.clock_period};
  return *make_systemc_(cores, neuron_bits, seconds);  // never deleted (see the header)
}

std::unique_ptr<RtlChip> ChipLibrary::make_chip(uint32_t cores, uint32_t neuron_bits) const {
  return std::unique_ptr<RtlChip>(make_(cores, neuron_bits));
}

}  // namespace axomesh::cosim
