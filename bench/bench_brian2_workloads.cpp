// Synaptic events per second of NetworkSim (Loihi fixed point, one thread) on the Brian2
// workloads, beside Brian2 itself on the same network in the same invocation.
//
//   bench_brian2_workloads [lif-sparse|lif-large|ff-layers|all] [--steps N] [--brian MODE|none]
//
// With python3-brian installed (Debian), Brian2 runs first with --export, and our network
// is built from the exact connectivity it exported; otherwise one with the same statistics
// is generated. "Delivery" is spike delivery alone; "loop" is the whole step loop
// including the external drive, as Brian2's own loop time is.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "bench/brian2_workloads.hpp"
#include "model/sim/network_sim.hpp"

namespace {

using axomesh::bench::Workload;
using nlohmann::json;

// Resident and peak-resident memory of this process, from /proc/self/status (MB).
std::pair<double, double> resident_mb() {
  std::ifstream status("/proc/self/status");
  std::string key;
  double now = 0, peak = 0, kb;
  while (status >> key) {
    if (key == "VmRSS:" && status >> kb) now = kb / 1024.0;
    else if (key == "VmHWM:" && status >> kb) peak = kb / 1024.0;
  }
  return {now, peak};
}

// Runs brian2_bench.py; returns its JSON line, or null when Brian2 is unavailable.
json run_brian2(const std::string& script, const std::string& workload, const std::string& mode, uint64_t steps,
                const std::string& export_dir, bool profile) {
  if (!std::filesystem::exists(script) || !std::filesystem::exists("/usr/bin/python3")) return nullptr;
  std::string command = "/usr/bin/python3 " + script + " " + workload + " --mode " + mode + " --steps " +
                        std::to_string(steps);
  if (!export_dir.empty()) command += " --export " + export_dir;
  if (profile) command += " --profile";
  command += " 2>/dev/null";
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return nullptr;
  std::string output;
  char buffer[4096];
  std::size_t n;
  while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) output.append(buffer, n);
  const auto start = output.rfind("{\"simulator\"");
  if (start == std::string::npos) return nullptr;
  return json::parse(output.substr(start), nullptr, false);
}

// Brian2's profile (seconds per code object) summed into our phases.
struct Phases {
  double delivery = 0, drive = 0, update = 0;
};

Phases brian_phases(const json& profile) {
  Phases p;
  for (const auto& [name, seconds] : profile.items()) {
    const double s = seconds.get<double>();
    if (name.find("_pre_") != std::string::npos) p.delivery += s;      // syn*_pre_codeobject, *_push_spikes
    else if (name.find("poissoninput") != std::string::npos || name.rfind("input_", 0) == 0) p.drive += s;
    else if (name.find("spkmon") == std::string::npos) p.update += s;  // state update, threshold, reset
  }
  return p;
}

void bench(const std::string& name, uint64_t steps, const std::string& brian_mode, const std::string& script) {
  std::printf("\n== %s, %llu steps of 1 ms ==\n", name.c_str(), static_cast<unsigned long long>(steps));
  json brian = nullptr, brian_profiled = nullptr;
  const std::string export_dir = (std::filesystem::temp_directory_path() / ("axomesh-bench-" + name)).string();
  if (brian_mode != "none") {
    std::printf("running Brian2 (%s)...\n", brian_mode.c_str());
    std::fflush(stdout);
    brian = run_brian2(script, name, brian_mode, steps, export_dir, false);
    if (brian.is_null()) std::printf("Brian2 not available (install python3-brian); generating the workload\n");
    else brian_profiled = run_brian2(script, name, brian_mode, steps, "", true);
  }
  const auto build_start = std::chrono::steady_clock::now();
  std::unique_ptr<axomesh::model::NetworkSim> sim;
  Workload wl;
  {
    wl = axomesh::bench::make_workload(name, brian.is_null() ? "" : export_dir, 1234);
    sim = std::make_unique<axomesh::model::NetworkSim>(wl.network);
    wl.network = {};  // the simulator keeps its own compiled copy
  }
  const double build_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  const auto start = std::chrono::steady_clock::now();
  sim->run(steps);
  const double loop_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  const auto& prof = sim->profile();
  const auto total = sim->stats().total();
  const uint64_t neurons = sim->population_count() == 0 ? 0 : total.neuron_updates() / steps;
  // The events Brian2 counts: recurrent deliveries, plus input-layer ones for ff-layers.
  const double events = static_cast<double>(prof.recurrent_ops + (wl.counts_input_events ? prof.input_ops : 0));
  const double delivery_s = prof.recurrent_delivery_seconds + (wl.counts_input_events ? prof.input_delivery_seconds : 0);
  const double bytes_per_synapse = static_cast<double>(sim->synapse_memory_bytes()) /
                                   static_cast<double>(wl.network_synapses + wl.drive_synapses);

  std::printf("axomesh NetworkSim (%s network): %llu neurons, %llu synapses + %llu drive synapses, built in %.2f s\n",
              wl.connectivity.c_str(), static_cast<unsigned long long>(neurons),
              static_cast<unsigned long long>(wl.network_synapses), static_cast<unsigned long long>(wl.drive_synapses),
              build_s);
  std::printf("  spikes %llu (%.2f Hz mean), synaptic events %.0f\n", static_cast<unsigned long long>(total.spikes),
              1000.0 * static_cast<double>(total.spikes) / static_cast<double>(neurons * steps), events);
  std::printf("  loop %.3f s: %.1f M synaptic events/s, %.1f M neuron updates/s\n", loop_s, events / loop_s / 1e6,
              static_cast<double>(total.neuron_updates()) / loop_s / 1e6);
  Phases ours;
  ours.delivery = delivery_s;
  ours.drive = (wl.counts_input_events ? 0.0 : prof.input_delivery_seconds) + prof.source_seconds;
  ours.update = prof.neuron_update_seconds;
  std::printf("  delivery alone %.3f s: %.1f M synaptic events/s; drive %.3f s; neuron update %.3f s\n", ours.delivery,
              events / ours.delivery / 1e6, ours.drive, ours.update);
  const auto [rss_now, rss_peak] = resident_mb();
  std::printf("  synapse memory %.2f bytes/synapse; resident %.0f MB after the run (process peak %.0f MB)\n",
              bytes_per_synapse, rss_now, rss_peak);
  if (brian.is_null()) return;

  const double b_events = brian["syn_events"].get<double>();
  const double b_loop = brian["loop_wall_s"].get<double>();
  std::printf("Brian2 %s (%s): spikes %llu (%.2f Hz mean), synaptic events %.0f, loop %.3f s: %.1f M events/s, "
              "binary peak RSS %.0f MB\n",
              brian["brian_version"].get<std::string>().c_str(), brian_mode.c_str(),
              brian["spikes_total"].get<unsigned long long>(), brian["mean_rate_hz"].get<double>(), b_events, b_loop,
              b_events / b_loop / 1e6, brian.value("binary_peak_rss_mb", 0.0));
  std::printf("RATIO %s: axomesh/Brian2 synaptic events per second, whole loop: %.2fx\n", name.c_str(),
              (events / loop_s) / (b_events / b_loop));
  if (brian_profiled.is_null() || !brian_profiled.contains("profile_s")) return;
  // Like with like: the same phase in both (Brian2's profiled run; profiling adds a little).
  const Phases b = brian_phases(brian_profiled["profile_s"]);
  std::printf("Brian2 profiled loop %.3f s: delivery %.3f s, drive/input %.3f s, neuron update %.3f s\n",
              brian_profiled["loop_wall_s"].get<double>(), b.delivery, b.drive, b.update);
  std::printf("RATIO %s by phase (Brian2 time / ours): delivery %.2fx (%.1f vs %.1f M events/s), drive %.2fx, "
              "neuron update %.2fx\n",
              name.c_str(), b.delivery / ours.delivery, events / ours.delivery / 1e6, b_events / b.delivery / 1e6,
              ours.drive > 0 ? b.drive / ours.drive : 0.0, b.update / ours.update);
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::string> workloads;
  uint64_t steps = 1000;
  std::string brian_mode = "cpp_standalone";
  std::string script = std::string(AXOMESH_SHARED_DIR) + "/bench/brian2/brian2_bench.py";
  for (int i = 1; i < argc; ++i) {
    const std::string a = argv[i];
    if (a == "--steps" && i + 1 < argc) steps = std::stoull(argv[++i]);
    else if (a == "--brian" && i + 1 < argc) brian_mode = argv[++i];
    else if (a == "--script" && i + 1 < argc) script = argv[++i];
    else if (a == "all") workloads = {"lif-sparse", "lif-large", "ff-layers"};
    else if (a == "lif-sparse" || a == "lif-large" || a == "ff-layers") workloads.push_back(a);
    else {
      std::printf("usage: %s [lif-sparse|lif-large|ff-layers|all] [--steps N] [--brian cpp_standalone|cython|none] "
                  "[--script brian2_bench.py]\n",
                  argv[0]);
      return a == "--help" || a == "-h" ? 0 : 2;
    }
  }
  if (workloads.empty()) workloads = {"lif-sparse", "lif-large", "ff-layers"};
  for (const std::string& w : workloads) bench(w, steps, brian_mode, script);
  return 0;
}
