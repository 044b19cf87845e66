// The flow report's own charts, as self-contained SVG 1.1 documents like svg_charts.hpp's:
// a spike raster (binned and capped for big runs, saying so on the chart), a line chart of
// a value per step, and the chip's mesh with every core's utilization and every link's
// load.
#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "model/chip/chip_image.hpp"

namespace axomesh::flows {

struct RasterPopulation {
  std::string name;
  uint32_t neurons = 0;                                // rows of the population
  std::vector<std::pair<uint64_t, uint32_t>> events;  // (step, neuron)
};

struct RasterChart {
  std::string svg;
  uint64_t spikes = 0;       // events given
  uint64_t step_bin = 1;     // steps drawn as one column
  uint64_t neuron_bin = 1;   // neurons drawn as one row
  uint64_t marks = 0;        // distinct (column, row) cells with a spike
  uint64_t marks_drawn = 0;  // at most kMaxRasterMarks
};

// Above this many marks, every k-th is drawn (the chart says how many it shows).
constexpr uint64_t kMaxRasterMarks = 20000;

// Populations stacked top to bottom, steps left to right. When the run has more steps or
// neurons than the plot has pixels, a mark stands for a bin of steps x neurons holding at
// least one spike, and the chart states the bin.
RasterChart spike_raster_svg(const std::vector<RasterPopulation>& populations, uint64_t steps,
                             const std::string& title);

// One value per step (x = step, from 0) as a line, with the mean as a dashed line; long
// series are drawn per bucket of steps (the bucket's mean, with its min..max as a band).
std::string line_chart_svg(const std::vector<double>& values, const std::string& title, const std::string& unit);

// A link of the mesh: from tile (x, y) towards its neighbour in `direction` (0 east,
// 1 west, 2 north (y + 1), 3 south, as mapper::Direction), with the packets it carried.
struct MeshLink {
  uint32_t x = 0, y = 0, direction = 0;
  double packets = 0.0;
};

// The mesh, tile (0,0) bottom left: each core filled by its utilization (percent; NaN for
// an unused core, drawn grey), and between neighbouring tiles one line per direction whose
// width and colour grow with the packets it carried (eastward above westward, northward
// left of southward). Links not listed carried nothing and are drawn thin and grey.
std::string mesh_links_svg(const model::ChipGeometry& geometry, const std::vector<double>& core_utilization_percent,
                           const std::vector<MeshLink>& links, const std::string& title);

}  // namespace axomesh::flows
