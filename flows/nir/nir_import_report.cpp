#include "flows/nir/nir_import_report.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace axomesh::flows {

double correlation(const std::vector<double>& a, const std::vector<double>& b) {
  const std::size_t n = std::min(a.size(), b.size());
  if (n == 0) return 1;
  double ma = 0, mb = 0;
  for (std::size_t i = 0; i < n; ++i) ma += a[i], mb += b[i];
  ma /= static_cast<double>(n);
  mb /= static_cast<double>(n);
  double sab = 0, saa = 0, sbb = 0;
  for (std::size_t i = 0; i < n; ++i) {
    sab += (a[i] - ma) * (b[i] - mb);
    saa += (a[i] - ma) * (a[i] - ma);
    sbb += (b[i] - mb) * (b[i] - mb);
  }
  if (saa == 0 || sbb == 0) return saa == sbb && ma == mb ? 1 : 0;
  return sab / std::sqrt(saa * sbb);
}

std::vector<PopulationActivity> decode_fixed_run(const NirNetwork& net, const NirQuantisation& q,
                                                 const model::SpikeTrace& trace) {
  std::vector<PopulationActivity> out(net.populations.size());
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    out[p].spike_counts.assign(net.populations[p].size, 0);
    out[p].v.assign(net.populations[p].size * trace.steps, 0.0);
  }
  auto index_of = [&](const std::string& name) {
    for (std::size_t p = 0; p < net.populations.size(); ++p)
      if (net.populations[p].name == name) return p;
    return net.populations.size();
  };
  for (const model::SpikeRecord& record : trace.spikes) {
    const std::size_t p = index_of(record.population);
    if (p == net.populations.size()) continue;
    for (uint64_t s = 0; s < record.steps(); ++s)
      for (uint64_t k = record.step_begin[s]; k < record.step_begin[s + 1]; ++k) {
        const uint32_t n = record.neurons.empty() ? record.neuron[k] : record.neurons[record.neuron[k]];
        ++out[p].spike_counts[n];
        out[p].spikes.emplace_back(static_cast<uint32_t>(s), n);
      }
  }
  for (const model::StateRecord& record : trace.states) {
    const std::size_t p = index_of(record.population);
    if (p == net.populations.size() || record.field != model::StateField::V) continue;
    const uint32_t size = net.populations[p].size;
    for (uint64_t s = 0; s < trace.steps; ++s)
      for (std::size_t k = 0; k < record.neurons.size(); ++k) {
        const uint32_t n = record.neurons[k];
        out[p].v[s * size + n] = decode_voltage(net.populations[p], q.populations[p], n, record.at(s, k));
      }
  }
  return out;
}

NirImportReport compare_runs(const NirNetwork& net, const std::vector<PopulationActivity>& reference,
                             const std::vector<PopulationActivity>& fixed, uint64_t steps) {
  NirImportReport report;
  report.steps = steps;
  for (std::size_t p = 0; p < net.populations.size(); ++p) {
    const NirPopulation& pop = net.populations[p];
    PopulationAgreement a;
    a.name = pop.name;
    a.kind = pop.kind;
    a.output = pop.output;
    a.size = pop.size;
    if (is_spiking(pop.kind)) {
      const std::vector<double> ref(reference[p].spike_counts.begin(), reference[p].spike_counts.end());
      const std::vector<double> fix(fixed[p].spike_counts.begin(), fixed[p].spike_counts.end());
      a.reference_spikes = reference[p].spikes.size();
      a.fixed_spikes = fixed[p].spikes.size();
      a.count_correlation = correlation(ref, fix);
      std::vector<std::pair<uint32_t, uint32_t>> common;
      std::set_intersection(reference[p].spikes.begin(), reference[p].spikes.end(), fixed[p].spikes.begin(),
                            fixed[p].spikes.end(), std::back_inserter(common));
      const std::size_t either = a.reference_spikes + a.fixed_spikes - common.size();
      a.coincidence = either == 0 ? 1.0 : static_cast<double>(common.size()) / static_cast<double>(either);
      a.spikes_compared = either != 0;
      const std::vector<double>& ref_v = reference[p].v;
      const std::vector<double>& fix_v = fixed[p].v;
      const std::size_t values = std::min(ref_v.size(), fix_v.size());
      double sum = 0;
      for (std::size_t i = 0; i < values; ++i) {
        const double difference = std::abs(fix_v[i] - ref_v[i]);
        a.v_max_abs_difference = std::max(a.v_max_abs_difference, difference);
        sum += difference;
      }
      a.v_mean_abs_difference = values == 0 ? 0.0 : sum / static_cast<double>(values);
    } else {
      const std::vector<double>& ref = reference[p].v;
      const std::vector<double>& fix = fixed[p].v;
      double error = 0, power = 0;
      for (std::size_t i = 0; i < std::min(ref.size(), fix.size()); ++i) {
        error += (fix[i] - ref[i]) * (fix[i] - ref[i]);
        power += ref[i] * ref[i];
      }
      a.v_relative_rms_error = power > 0 ? std::sqrt(error / power) : std::sqrt(error);
      a.v_correlation = correlation(ref, fix);
    }
    report.populations.push_back(a);
  }
  return report;
}

namespace {

std::string fixed(double x, int digits) {
  char buffer[64];
  std::snprintf(buffer, sizeof buffer, "%.*f", digits, x);
  return buffer;
}

std::string padded(std::string s, std::size_t width) {
  if (s.size() < width) s.append(width - s.size(), ' ');
  return s;
}

}  // namespace

void print_import_report(std::ostream& out, const NirNetwork& net, const NirQuantisation& q, const NirImportReport& r) {
  out << "NIR graph \"" << net.name << "\": " << net.inputs.size() << " inputs, " << net.populations.size()
      << " populations, " << net.projections.size() << " projections; dt = " << net.dt << " s\n\n";
  out << "populations (S = fixed-point units of v per NIR unit):\n";
  out << "  " << padded("name", 16) << padded("kind", 10) << padded("neurons", 9) << padded("S", 12)
      << padded("tau_mem err", 13) << padded("tau_syn err", 13) << "threshold err\n";
  for (const PopulationQuantisation& p : q.populations) {
    const NirPopulation& pop = net.populations[static_cast<std::size_t>(&p - q.populations.data())];
    out << "  " << padded(p.name, 16) << padded(to_string(p.kind), 10) << padded(std::to_string(pop.size), 9)
        << padded(fixed(p.scale, 1), 12) << padded(fixed(100 * p.max_tau_mem_error, 3) + "%", 13)
        << padded(fixed(100 * p.max_tau_syn_error, 3) + "%", 13) << fixed(100 * p.max_threshold_error, 3) << "%\n";
  }
  out << "\nweights per projection (relative to the projection's largest |w|):\n";
  out << "  " << padded("projection", 22) << padded("pre -> post", 26) << padded("synapses", 10) << padded("exp", 5)
      << padded("max err", 10) << padded("rms err", 10) << "clipped  zeroed\n";
  for (const ProjectionQuantisation& p : q.projections)
    out << "  " << padded(p.name, 22) << padded(p.pre + " -> " + p.post, 26) << padded(std::to_string(p.synapses), 10)
        << padded(std::to_string(p.weight_exp), 5) << padded(fixed(100 * p.max_relative_error, 3) + "%", 10)
        << padded(fixed(100 * p.rms_relative_error, 3) + "%", 10) << padded(std::to_string(p.clipped), 9) << p.flushed
        << "\n";
  out << "\nfloat reference vs bit-accurate model, " << r.steps << " steps on the same input:\n";
  for (const PopulationAgreement& a : r.populations) {
    out << "  " << padded(a.name + (a.output ? " (output)" : ""), 24);
    if (is_spiking(a.kind) && !a.spikes_compared)
      out << "no spikes in either model: the spike comparison is empty; v max |difference| "
          << fixed(a.v_max_abs_difference, 6) << ", mean " << fixed(a.v_mean_abs_difference, 6) << " (NIR units)\n";
    else if (is_spiking(a.kind))
      out << "spikes " << a.reference_spikes << " (float) vs " << a.fixed_spikes
          << " (fixed); per-neuron count correlation " << fixed(a.count_correlation, 4) << "; coinciding spikes "
          << fixed(100 * a.coincidence, 1) << "%\n";
    else
      out << "v relative RMS error " << fixed(100 * a.v_relative_rms_error, 3) << "%; correlation "
          << fixed(a.v_correlation, 4) << "\n";
  }
  for (const std::string& w : q.warnings) out << "warning: " << w << "\n";
}

nlohmann::json import_report_to_json(const NirNetwork& net, const NirQuantisation& q, const NirImportReport& r) {
  using nlohmann::json;
  json doc = {{"network", net.name}, {"dt_s", net.dt}, {"steps", r.steps}};
  doc["populations"] = json::array();
  for (std::size_t p = 0; p < q.populations.size(); ++p) {
    const PopulationQuantisation& pq = q.populations[p];
    const PopulationAgreement& a = r.populations[p];
    json entry = {{"name", pq.name}, {"kind", to_string(pq.kind)}, {"neurons", a.size}, {"output", a.output},
                  {"scale", pq.scale}, {"max_tau_mem_error", pq.max_tau_mem_error},
                  {"max_tau_syn_error", pq.max_tau_syn_error}, {"max_threshold_error", pq.max_threshold_error}};
    if (is_spiking(a.kind)) {
      entry["reference_spikes"] = a.reference_spikes;
      entry["fixed_spikes"] = a.fixed_spikes;
      entry["spikes_compared"] = a.spikes_compared;
      if (a.spikes_compared) {  // with no spike in either model these figures would say nothing
        entry["count_correlation"] = a.count_correlation;
        entry["coincidence"] = a.coincidence;
      }
      entry["v_max_abs_difference"] = a.v_max_abs_difference;
      entry["v_mean_abs_difference"] = a.v_mean_abs_difference;
    } else {
      entry["v_relative_rms_error"] = a.v_relative_rms_error;
      entry["v_correlation"] = a.v_correlation;
    }
    doc["populations"].push_back(entry);
  }
  doc["projections"] = json::array();
  for (const ProjectionQuantisation& p : q.projections)
    doc["projections"].push_back({{"name", p.name}, {"pre", p.pre}, {"post", p.post}, {"synapses", p.synapses},
                                  {"weight_exp", p.weight_exp}, {"max_relative_error", p.max_relative_error},
                                  {"rms_relative_error", p.rms_relative_error}, {"clipped", p.clipped},
                                  {"zeroed", p.flushed}});
  doc["warnings"] = q.warnings;
  return doc;
}

}  // namespace axomesh::flows
