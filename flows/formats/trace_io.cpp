#include "flows/formats/trace_io.hpp"

#include <iostream>
#include <stdexcept>

#include "flows/formats/file_io.hpp"

namespace axomesh::flows {

using nlohmann::json;

static const char* field_name(model::StateField f) { return f == model::StateField::U ? "u" : "v"; }

json trace_to_json(const model::SpikeTrace& trace, const std::string& network_name) {
  json doc = {{"format", "axomesh-trace"}, {"version", 1}, {"network", network_name}, {"steps", trace.steps}};
  json spikes = json::array();
  for (const model::SpikeRecord& r : trace.spikes) {
    json events = json::array();
    for (uint64_t s = 0; s < r.steps(); ++s)
      for (uint64_t k = r.step_begin[s]; k < r.step_begin[s + 1]; ++k) events.push_back({s, r.neuron[k]});
    json j = {{"population", r.population}, {"events", std::move(events)}};
    if (!r.neurons.empty()) j["neurons"] = r.neurons;
    spikes.push_back(std::move(j));
  }
  doc["spikes"] = std::move(spikes);
  json states = json::array();
  for (const model::StateRecord& r : trace.states) {
    json values = json::array();
    const std::size_t width = r.neurons.size();
    for (std::size_t start = 0; start < r.values.size(); start += width)
      values.push_back(std::vector<int32_t>(r.values.begin() + static_cast<std::ptrdiff_t>(start),
                                            r.values.begin() + static_cast<std::ptrdiff_t>(start + width)));
    states.push_back({{"population", r.population}, {"field", field_name(r.field)}, {"neurons", r.neurons},
                      {"values", std::move(values)}});
  }
  doc["states"] = std::move(states);
  return doc;
}

std::string trace_to_csv(const model::SpikeTrace& trace) {
  std::string out = "step,population,neuron,field,value\n";
  for (uint64_t s = 0; s < trace.steps; ++s) {
    const std::string step = std::to_string(s) + ",";
    for (const model::SpikeRecord& r : trace.spikes)
      for (uint64_t k = r.step_begin[s]; k < r.step_begin[s + 1]; ++k)
        out += step + r.population + "," + std::to_string(r.neuron[k]) + ",spike,1\n";
    for (const model::StateRecord& r : trace.states)
      for (std::size_t k = 0; k < r.neurons.size(); ++k)
        out += step + r.population + "," + std::to_string(r.neurons[k]) + "," + field_name(r.field) + "," +
               std::to_string(r.at(s, k)) + "\n";
  }
  return out;
}

void save_trace(const model::SpikeTrace& trace, const std::string& network_name, const std::string& path,
                TraceFormat format) {
  const std::string text = format == TraceFormat::Csv ? trace_to_csv(trace) : trace_to_json(trace, network_name).dump() + "\n";
  if (path == "-") {
    std::cout << text << std::flush;
    if (!std::cout) throw std::runtime_error("standard output: write failed [IO-0002]");
    return;
  }
  write_text_file_atomically(path, text);
}

}  // namespace axomesh::flows
