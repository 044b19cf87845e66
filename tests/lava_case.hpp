// A Lava reference case (../shared/vectors/lava/*.json) as a Network: the RingBuffer raster
// as a raster source, Dense as a dense projection, LIF as one population, everything probed.
#pragma once

#include <nlohmann/json.hpp>

#include "model/network/network.hpp"

namespace axomesh::test {

inline model::PerNeuron<int32_t> lava_param(const nlohmann::json& params, const char* key, int32_t fallback) {
  if (!params.contains(key)) return model::PerNeuron<int32_t>(fallback);
  const nlohmann::json& v = params[key];
  if (v.is_array()) return model::PerNeuron<int32_t>(v.get<std::vector<int32_t>>());
  return model::PerNeuron<int32_t>(v.get<int32_t>());
}

// The Lava case as a Network: RingBuffer raster -> Dense -> LIF, probing everything.
inline model::Network lava_case_network(const nlohmann::json& c) {
  const nlohmann::json& lif = c["lif_params_as_passed"];
  model::Network net;
  net.name = c["case"].get<std::string>();
  model::Population pop;
  pop.name = "lif";
  pop.size = lif["shape"][0].get<uint32_t>();
  pop.lif.du = lava_param(lif, "du", 0);
  pop.lif.dv = lava_param(lif, "dv", 0);
  pop.lif.vth = lava_param(lif, "vth", 10);
  pop.lif.bias_mant = lava_param(lif, "bias_mant", 0);
  pop.lif.bias_exp = lava_param(lif, "bias_exp", 0);
  pop.lif.u_init = lava_param(lif, "u", 0);
  pop.lif.v_init = lava_param(lif, "v", 0);
  net.populations.push_back(pop);

  if (!c["input_raster"].is_null()) {
    // Raster column k is sent by the RingBuffer in (0-based) step k.
    const nlohmann::json& raster = c["input_raster"];
    model::SpikeSource src;
    src.name = "input";
    src.size = static_cast<uint32_t>(raster.size());
    src.kind = model::SourceKind::Raster;
    for (const nlohmann::json& row : raster) {
      std::vector<uint32_t> times;
      for (uint32_t k = 0; k < row.size(); ++k)
        if (row[k].get<int>() != 0) times.push_back(k);
      src.spike_times.push_back(times);
    }
    net.sources.push_back(src);

    const nlohmann::json& dense = c["dense_params_as_passed"];
    model::Projection proj;
    proj.name = "dense";
    proj.pre = "input";
    proj.post = "lif";
    proj.kind = model::ProjectionKind::Dense;
    for (const nlohmann::json& row : dense["weights"])
      for (const nlohmann::json& w : row) proj.weights.push_back(w.get<int32_t>());
    proj.weight_exp = dense.value("weight_exp", 0);
    proj.num_weight_bits = dense.value("num_weight_bits", 8);
    net.projections.push_back(proj);
  }
  net.probes.push_back({"lif", true, true, true, {}});
  return net;
}

}  // namespace axomesh::test
