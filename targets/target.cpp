#include "targets/target.hpp"

#include <algorithm>

namespace axomesh::targets {

bool Target::supports(const std::string& neuron_model) const {
  return std::find(neuron_models.begin(), neuron_models.end(), neuron_model) != neuron_models.end();
}

}  // namespace axomesh::targets
