#include "flows/report/svg_plots.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <sstream>

#include "flows/report/svg_charts.hpp"

namespace axomesh::flows {
namespace {

using svg::number;

constexpr const char* kPopulationColours[] = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

// A round value at or above `v` (1, 2 or 5 times a power of ten), for axis ends.
double nice_ceiling(double v) {
  if (!(v > 0) || !std::isfinite(v)) return 1.0;
  const double power = std::pow(10.0, std::floor(std::log10(v)));
  for (double m : {1.0, 2.0, 5.0, 10.0})
    if (m * power >= v * (1 - 1e-12)) return m * power;
  return 10 * power;
}

// Ticks of a step axis at 0 and four round positions up to `steps`.
void step_axis(std::ostringstream& out, double left, double width, double y, uint64_t steps) {
  const double span = double(std::max<uint64_t>(steps, 1));
  const double tick = nice_ceiling(span / 5.0);
  for (double s = 0; s <= span; s += tick) {
    const double x = left + s / span * width;
    out << "<line x1=\"" << number(x) << "\" y1=\"" << number(y) << "\" x2=\"" << number(x) << "\" y2=\""
        << number(y + 4) << "\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
    svg::text(out, x, y + 16, std::to_string(static_cast<uint64_t>(s)), 10, "middle");
  }
  svg::text(out, left + width / 2, y + 32, "step", 11, "middle");
}

// Light to dark blue, t in [0, 1], for link loads (cores use the white-to-red scale).
std::string link_colour(double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double from[3] = {158, 202, 225}, to[3] = {8, 48, 107};
  char buffer[8];
  int rgb[3];
  for (int i = 0; i < 3; ++i) rgb[i] = static_cast<int>(std::lround(from[i] + (to[i] - from[i]) * t));
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buffer;
}

}  // namespace

RasterChart spike_raster_svg(const std::vector<RasterPopulation>& populations, uint64_t steps,
                             const std::string& title) {
  constexpr double kPlotWidth = 760, kMaxPlotHeight = 420, left = 120, top = 62;
  RasterChart chart;
  uint64_t rows_total = 0;
  for (const RasterPopulation& p : populations) {
    rows_total += std::max<uint32_t>(p.neurons, 1);
    chart.spikes += p.events.size();
  }
  steps = std::max<uint64_t>(steps, 1);
  chart.step_bin = (steps + uint64_t(kPlotWidth) - 1) / uint64_t(kPlotWidth);
  chart.neuron_bin = std::max<uint64_t>(1, (rows_total + uint64_t(kMaxPlotHeight) - 1) / uint64_t(kMaxPlotHeight));
  const uint64_t columns = (steps + chart.step_bin - 1) / chart.step_bin;
  std::vector<uint64_t> first_row;  // of each population, in binned rows
  uint64_t rows = 0;
  for (const RasterPopulation& p : populations) {
    first_row.push_back(rows);
    rows += (std::max<uint64_t>(p.neurons, 1) + chart.neuron_bin - 1) / chart.neuron_bin;
  }
  rows = std::max<uint64_t>(rows, 1);
  const double row_h = std::min(8.0, kMaxPlotHeight / double(rows)), col_w = kPlotWidth / double(columns);
  const double plot_h = row_h * double(rows);

  // Distinct cells per population, then every k-th over all of them when there are too many.
  std::vector<std::vector<uint64_t>> cells(populations.size());
  for (std::size_t p = 0; p < populations.size(); ++p) {
    for (const auto& [step, neuron] : populations[p].events)
      cells[p].push_back((first_row[p] + neuron / chart.neuron_bin) * columns + std::min(step, steps - 1) / chart.step_bin);
    std::sort(cells[p].begin(), cells[p].end());
    cells[p].erase(std::unique(cells[p].begin(), cells[p].end()), cells[p].end());
    chart.marks += cells[p].size();
  }
  const uint64_t stride = chart.marks > kMaxRasterMarks ? (chart.marks + kMaxRasterMarks - 1) / kMaxRasterMarks : 1;

  std::ostringstream out;
  const double height = top + plot_h + 48;
  out << svg::open(left + kPlotWidth + 20, height, title);
  std::string note = std::to_string(chart.spikes) + " spikes, " + std::to_string(steps) + " steps";
  if (chart.step_bin > 1 || chart.neuron_bin > 1)
    note += "; a mark is a bin of " + std::to_string(chart.step_bin) + " step(s) x " +
            std::to_string(chart.neuron_bin) + " neuron(s) with at least one spike";
  uint64_t index = 0;
  std::ostringstream marks;
  for (std::size_t p = 0; p < populations.size(); ++p) {
    marks << "<path fill=\"" << kPopulationColours[p % 6] << "\" d=\"";
    for (uint64_t cell : cells[p]) {
      if (index++ % stride != 0) continue;
      ++chart.marks_drawn;
      const double x = left + double(cell % columns) * col_w, y = top + double(cell / columns) * row_h;
      marks << "M" << number(x) << " " << number(y) << "h" << number(std::max(col_w, 1.0)) << "v"
            << number(std::max(row_h * 0.8, 1.0)) << "h" << number(-std::max(col_w, 1.0)) << "z";
    }
    marks << "\"><title>" << xml_escape(populations[p].name) << "</title></path>\n";
  }
  if (stride > 1)
    note += "; showing " + std::to_string(chart.marks_drawn) + " of " + std::to_string(chart.marks) +
            " marks (every " + std::to_string(stride) + "th)";
  svg::text(out, 10, 42, note, 11);
  out << "<rect x=\"" << number(left) << "\" y=\"" << number(top) << "\" width=\"" << number(kPlotWidth)
      << "\" height=\"" << number(plot_h) << "\" fill=\"#fafafa\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
  for (std::size_t p = 0; p < populations.size(); ++p) {
    const double y0 = top + double(first_row[p]) * row_h;
    const double y1 = p + 1 < populations.size() ? top + double(first_row[p + 1]) * row_h : top + plot_h;
    if (p > 0)
      out << "<line x1=\"" << number(left) << "\" y1=\"" << number(y0) << "\" x2=\"" << number(left + kPlotWidth)
          << "\" y2=\"" << number(y0) << "\" stroke=\"#9e9e9e\" stroke-width=\"1\"/>\n";
    svg::text(out, left - 8, (y0 + y1) / 2 + 4,
              populations[p].name + " (" + std::to_string(populations[p].neurons) + ")", 11, "end");
  }
  out << marks.str();
  step_axis(out, left, kPlotWidth, top + plot_h, steps);
  out << "</svg>\n";
  chart.svg = out.str();
  return chart;
}

std::string line_chart_svg(const std::vector<double>& values, const std::string& title, const std::string& unit) {
  constexpr double left = 84, top = 58, plot_w = 720, plot_h = 220;
  const std::size_t n = values.size();
  double hi = 0.0, sum = 0.0;
  for (double v : values)
    if (std::isfinite(v)) {
      hi = std::max(hi, v);
      sum += v;
    }
  const double y_max = nice_ceiling(hi), mean = n ? sum / double(n) : 0.0;
  const auto y_of = [&](double v) { return top + plot_h - std::clamp(v, 0.0, y_max) / y_max * plot_h; };
  const std::size_t bucket = std::max<std::size_t>(1, (n + std::size_t(plot_w) - 1) / std::size_t(plot_w));
  const auto x_of = [&](double step) { return left + step / double(std::max<std::size_t>(n, 1)) * plot_w; };

  std::ostringstream out;
  out << svg::open(left + plot_w + 30, top + plot_h + 48, title);
  svg::text(out, 10, 42,
            n == 0 ? std::string("no steps")
                   : "mean " + format_si(mean, unit) + ", max " + format_si(hi, unit) + " over " + std::to_string(n) +
                         " steps" + (bucket > 1 ? "; drawn per " + std::to_string(bucket) +
                                                      " steps (line: mean, band: min..max)"
                                                : std::string()),
            11);
  for (int k = 0; k <= 4; ++k) {
    const double v = y_max * k / 4.0, y = y_of(v);
    out << "<line x1=\"" << number(left) << "\" y1=\"" << number(y) << "\" x2=\"" << number(left + plot_w)
        << "\" y2=\"" << number(y) << "\" stroke=\"#e0e0e0\" stroke-width=\"1\"/>\n";
    svg::text(out, left - 6, y + 4, format_si(v, unit), 10, "end");
  }
  std::ostringstream line, band_top;
  std::string band_bottom;  // built backwards: the band returns along its minima
  for (std::size_t b = 0; b * bucket < n; ++b) {
    const std::size_t begin = b * bucket, end = std::min(n, begin + bucket);
    double lo = std::numeric_limits<double>::infinity(), top_v = 0.0, s = 0.0;
    for (std::size_t i = begin; i < end; ++i) {
      lo = std::min(lo, values[i]);
      top_v = std::max(top_v, values[i]);
      s += values[i];
    }
    const double x = x_of(double(begin) + double(end - begin) / 2.0);
    line << (b ? " " : "") << number(x) << "," << number(y_of(s / double(end - begin)));
    band_top << number(x) << "," << number(y_of(top_v)) << " ";
    band_bottom = number(x) + "," + number(y_of(lo)) + " " + band_bottom;
  }
  if (bucket > 1)
    out << "<polygon points=\"" << band_top.str() << band_bottom << "\" fill=\"#fdd0a2\" stroke=\"none\"/>\n";
  if (n > 0) {
    out << "<polyline points=\"" << line.str() << "\" fill=\"none\" stroke=\"#e6550d\" stroke-width=\"1.5\"/>\n";
    out << "<line x1=\"" << number(left) << "\" y1=\"" << number(y_of(mean)) << "\" x2=\"" << number(left + plot_w)
        << "\" y2=\"" << number(y_of(mean)) << "\" stroke=\"#3182bd\" stroke-width=\"1\" stroke-dasharray=\"5,4\">"
        << "<title>" << xml_escape("mean " + format_si(mean, unit)) << "</title></line>\n";
  }
  out << "<rect x=\"" << number(left) << "\" y=\"" << number(top) << "\" width=\"" << number(plot_w)
      << "\" height=\"" << number(plot_h) << "\" fill=\"none\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
  step_axis(out, left, plot_w, top + plot_h, n);
  out << "</svg>\n";
  return out.str();
}

std::string mesh_links_svg(const model::ChipGeometry& geometry, const std::vector<double>& core_utilization_percent,
                           const std::vector<MeshLink>& links, const std::string& title) {
  const uint32_t w = std::max<uint32_t>(1, geometry.mesh_width), h = std::max<uint32_t>(1, geometry.mesh_height);
  const uint32_t per_tile = std::max<uint32_t>(1, geometry.cores_per_tile);
  const uint32_t cols = static_cast<uint32_t>(std::ceil(std::sqrt(double(per_tile))));
  const uint32_t rows = (per_tile + cols - 1) / cols;
  const double pitch = std::clamp(std::floor(std::min(640.0 / w, 480.0 / h)), 10.0, 190.0);
  const double gap = std::max(4.0, std::round(pitch * 0.38));
  const double tile_w = pitch - gap, cell = tile_w / cols, tile_h = cell * rows;
  const double left = 56, top = 64;
  const double mesh_w = w * pitch - gap, mesh_h = h * (tile_h + gap) - gap;
  const std::string subtitle = std::to_string(geometry.mesh_width) + " x " + std::to_string(geometry.mesh_height) +
                               " tiles of " + std::to_string(geometry.cores_per_tile) +
                               " cores; tile (0,0) bottom left; cores by their fullest capacity, links by the packets "
                               "they carried";
  // About 6.2 px a character at 11 px.
  const double width = std::max({left + mesh_w + 30, 560.0, 20 + 6.2 * double(subtitle.size()),
                                 20 + 8.6 * double(title.size())});
  const double legend_y = top + mesh_h + 44;
  const auto tile_x = [&](uint32_t x) { return left + x * pitch; };
  const auto tile_y = [&](uint32_t y) { return top + (h - 1 - y) * (tile_h + gap); };

  double max_packets = 0.0;
  for (const MeshLink& l : links) max_packets = std::max(max_packets, l.packets);
  std::vector<double> load(std::size_t{w} * h * 4, 0.0);
  for (const MeshLink& l : links)
    if (l.x < w && l.y < h && l.direction < 4) load[(std::size_t{l.y} * w + l.x) * 4 + l.direction] = l.packets;
  const double max_width = std::clamp(gap / 3.0, 2.0, 9.0), offset = std::min(gap / 4.0, tile_h / 5.0);

  std::ostringstream out;
  out << svg::open(width, legend_y + 70, title);
  out << "<defs><linearGradient id=\"mesh-utilization-scale\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">"
      << "<stop offset=\"0\" stop-color=\"" << svg::scale_colour(0) << "\"/><stop offset=\"0.5\" stop-color=\""
      << svg::scale_colour(0.5) << "\"/><stop offset=\"1\" stop-color=\"" << svg::scale_colour(1) << "\"/>"
      << "</linearGradient></defs>\n";
  svg::text(out, 10, 42, subtitle, 11);
  // Links first, tiles over their ends.
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x)
      for (uint32_t d = 0; d < 4; ++d) {
        if ((d == 0 && x + 1 >= w) || (d == 1 && x == 0) || (d == 2 && y + 1 >= h) || (d == 3 && y == 0)) continue;
        const double packets = load[(std::size_t{y} * w + x) * 4 + d];
        double x1, y1, x2, y2;
        if (d < 2) {  // east above the row's centre line, west below
          const double cy = tile_y(y) + tile_h / 2 + (d == 0 ? -offset : offset);
          x1 = d == 0 ? tile_x(x) + tile_w : tile_x(x);
          x2 = d == 0 ? tile_x(x + 1) : tile_x(x - 1) + tile_w;
          y1 = y2 = cy;
        } else {  // north left of the column's centre line, south right
          const double cx = tile_x(x) + tile_w / 2 + (d == 2 ? -offset : offset);
          y1 = d == 2 ? tile_y(y) : tile_y(y) + tile_h;
          y2 = d == 2 ? tile_y(y + 1) + tile_h : tile_y(y - 1);
          x1 = x2 = cx;
        }
        const double t = max_packets > 0 ? packets / max_packets : 0.0;
        static const char* const kNames[] = {"east", "west", "north", "south"};
        out << "<line x1=\"" << number(x1) << "\" y1=\"" << number(y1) << "\" x2=\"" << number(x2) << "\" y2=\""
            << number(y2) << "\" stroke=\"" << (packets > 0 ? link_colour(t) : std::string("#d9d9d9"))
            << "\" stroke-width=\"" << number(packets > 0 ? 1.5 + (max_width - 1.5) * t : 1.0) << "\"><title>"
            << xml_escape("link (" + std::to_string(x) + "," + std::to_string(y) + ") " + kNames[d] + ": " +
                          format_si(packets, "") + " packets")
            << "</title></line>\n";
      }
  for (uint32_t y = 0; y < h; ++y)
    for (uint32_t x = 0; x < w; ++x) {
      out << "<g>\n<rect x=\"" << number(tile_x(x) - 1) << "\" y=\"" << number(tile_y(y) - 1) << "\" width=\""
          << number(tile_w + 2) << "\" height=\"" << number(tile_h + 2)
          << "\" fill=\"none\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
      for (uint32_t k = 0; k < per_tile; ++k) {
        const uint32_t core = (y * geometry.mesh_width + x) * geometry.cores_per_tile + k;
        const double v = core < core_utilization_percent.size() ? core_utilization_percent[core]
                                                                : std::numeric_limits<double>::quiet_NaN();
        const bool used = std::isfinite(v);
        out << "<rect x=\"" << number(tile_x(x) + (k % cols) * cell) << "\" y=\""
            << number(tile_y(y) + (k / cols) * cell) << "\" width=\"" << number(cell) << "\" height=\""
            << number(cell) << "\" fill=\"" << (used ? svg::scale_colour(v / 100.0) : std::string("#bdbdbd"))
            << "\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>"
            << xml_escape("core " + std::to_string(core) + ", tile (" + std::to_string(x) + "," + std::to_string(y) +
                          "): " + (used ? format_si(v, "%") + " of its fullest capacity" : std::string("unused")))
            << "</title></rect>\n";
      }
      out << "</g>\n";
      if (pitch >= 40)  // at the tile's right corner, clear of the vertical links at its centre
        svg::text(out, tile_x(x) + tile_w, tile_y(y) + tile_h + 12,
                  "(" + std::to_string(x) + "," + std::to_string(y) + ")", 9, "end");
    }

  // Legend: the utilization scale, then three link widths.
  svg::text(out, 10, legend_y - 6, "core utilization", 11);
  out << "<rect x=\"10\" y=\"" << number(legend_y) << "\" width=\"160\" height=\"12\" "
      << "fill=\"url(#mesh-utilization-scale)\" stroke=\"#616161\" stroke-width=\"0.5\"/>\n";
  svg::text(out, 10, legend_y + 26, "0 %", 10);
  svg::text(out, 170, legend_y + 26, "100 %", 10, "end");
  out << "<rect x=\"186\" y=\"" << number(legend_y) << "\" width=\"12\" height=\"12\" fill=\"#bdbdbd\"/>\n";
  svg::text(out, 204, legend_y + 10, "unused", 10);
  svg::text(out, 270, legend_y - 6, "link load (packets over the run)", 11);
  for (int k = 0; k < 3; ++k) {
    const double t = k / 2.0, x = 270 + k * 90;
    out << "<line x1=\"" << number(x) << "\" y1=\"" << number(legend_y + 6) << "\" x2=\"" << number(x + 40)
        << "\" y2=\"" << number(legend_y + 6) << "\" stroke=\"" << (k == 0 ? std::string("#d9d9d9") : link_colour(t))
        << "\" stroke-width=\"" << number(k == 0 ? 1.0 : 1.5 + (max_width - 1.5) * t) << "\"/>\n";
    svg::text(out, x, legend_y + 26, k == 0 ? std::string("none") : format_si(max_packets * t, ""), 10);
  }
  svg::text(out, 10, legend_y + 50,
            "eastward links above westward, northward left of southward; max " + format_si(max_packets, "") +
                " packets",
            10);
  out << "</svg>\n";
  return out.str();
}

}  // namespace axomesh::flows
