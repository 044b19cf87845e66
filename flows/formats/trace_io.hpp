// Writing a SpikeTrace: JSON (docs/trace-format.md) or CSV with one row per event
// (step,population,neuron,field,value).
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "model/base/spike_trace.hpp"

namespace axomesh::flows {

enum class TraceFormat { Json, Csv };

nlohmann::json trace_to_json(const model::SpikeTrace& trace, const std::string& network_name);
std::string trace_to_csv(const model::SpikeTrace& trace);
// Writes the trace to `path`, or to standard output when `path` is "-".
void save_trace(const model::SpikeTrace& trace, const std::string& network_name, const std::string& path,
                TraceFormat format);

}  // namespace axomesh::flows
