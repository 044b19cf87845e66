#include "flows/formats/run_files.hpp"
#include "flows/formats/mapped_dir.hpp"

#include <filesystem>
#include <vector>

#include "flows/formats/chip_image_json.hpp"
#include "flows/formats/network_json.hpp"
#include "flows/formats/target_json.hpp"
#include "mapper/encode.hpp"
#include "model/base/diagnostic.hpp"

namespace axomesh::flows {
namespace fs = std::filesystem;
namespace {

std::string joined(const std::vector<std::string>& items) {
  std::string s;
  for (std::size_t i = 0; i < items.size(); ++i) s += (i == 0 ? "" : i + 1 == items.size() ? " and " : ", ") + items[i];
  return s;
}

// DIR must hold what `axomesh map` writes (RPT-0001 names every file missing).
void require_map_output(const fs::path& dir, bool need_target) {
  std::vector<std::string> wanted = {run_files::kNetwork, run_files::kChipImage};
  if (need_target) wanted.push_back(run_files::kTarget);
  std::vector<std::string> missing;
  for (const std::string& name : wanted)
    if (!fs::is_regular_file(dir / name)) missing.push_back(name);
  if (missing.empty()) return;
  const std::string found = !fs::is_directory(dir) ? "no such folder" : "no " + joined(missing);
  throw model::InputError({{"RPT-0001", "",
                            "expected a folder written by `axomesh map NET.json --target NAME --out " +
                                dir.string() + "` (" + joined(wanted) + "), found " + found}},
                          dir.string());
}

// The image must be the network's, mapped onto this target's geometry.
void check_consistent(const model::Network& network, const model::ChipImage& image, const targets::Target& target,
                      const std::string& image_file) {
  const model::ChipGeometry g = mapper::geometry_of(target);
  if (!(g == image.geometry))
    throw model::InputError(
        {{"RPT-0003", "/geometry",
          "expected the geometry of target " + target.name + " (" + std::to_string(g.mesh_width) + " x " +
              std::to_string(g.mesh_height) + " tiles x " + std::to_string(g.cores_per_tile) + " cores), found " +
              std::to_string(image.geometry.mesh_width) + " x " + std::to_string(image.geometry.mesh_height) +
              " tiles x " + std::to_string(image.geometry.cores_per_tile) + " cores; map the network onto this "
              "target, or pass the target it was mapped onto with --target"}},
        image_file);
  std::vector<std::string> names;
  for (const model::Population& p : network.populations) names.push_back(p.name);
  if (names != image.population_names)
    throw model::InputError({{"RPT-0004", "/populations",
                              "expected the populations of network \"" + network.name + "\" (" + joined(names) +
                                  "), found " + (image.population_names.empty() ? std::string("none")
                                                                                 : joined(image.population_names)) +
                                  "; network.json and chip_image.json come from different runs of axomesh map"}},
                            image_file);
  for (std::size_t p = 0; p < network.populations.size(); ++p)
    if (image.population_addresses[p].size() != network.populations[p].size)
      throw model::InputError({{"RPT-0004", "/populations/" + std::to_string(p),
                                "expected " + std::to_string(network.populations[p].size) + " neuron addresses for \"" +
                                    network.populations[p].name + "\", found " +
                                    std::to_string(image.population_addresses[p].size()) +
                                    "; network.json and chip_image.json come from different runs of axomesh map"}},
                              image_file);
  if (!(image.stimulus == network.sources))
    throw model::InputError({{"RPT-0004", "/stimulus",
                              "expected the spike sources of network \"" + network.name +
                                  "\"; network.json and chip_image.json come from different runs of axomesh map"}},
                            image_file);
}

}  // namespace

MappedDir load_mapped_dir(const std::string& dir_name, const std::optional<std::string>& target) {
  const fs::path dir = dir_name;
  require_map_output(dir, !target);
  MappedDir run;
  run.network = load_network((dir / run_files::kNetwork).string());
  const std::string image_file = (dir / run_files::kChipImage).string();
  run.image = load_chip_image(image_file);
  run.target = target ? resolve_target(*target) : load_target((dir / run_files::kTarget).string());
  check_consistent(run.network, run.image, run.target, image_file);
  return run;
}

}  // namespace axomesh::flows
