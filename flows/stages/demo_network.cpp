#include "flows/stages/demo_network.hpp"

#include "model/network/soft_wta.hpp"

namespace axomesh::flows {

// The builder's defaults are the demo's parameters: pools at 10/20/30/40 Hz fire 0, 7, 47
// and 111 spikes in the first 1000 steps.
model::Network demo_network() {
  model::SoftWtaParams params;
  params.name = "demo-soft-wta";
  return model::build_soft_wta(params);
}

}  // namespace axomesh::flows
