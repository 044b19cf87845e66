#include "flows/report/svg_charts.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <limits>
#include <sstream>

namespace axomesh::flows {
namespace {

constexpr const char* kFont = "font-family=\"sans-serif\"";
constexpr const char* kUnusedColour = "#bdbdbd";

// Wide enough for the title (bold 15 px, about 8.6 px a character).
double fit_title(double width, const std::string& title) { return std::max(width, 20 + 8.6 * double(title.size())); }

}  // namespace

namespace svg {

// A number for an SVG attribute: plain decimal, at most two decimals.
std::string number(double v) {
  char buffer[32];
  std::snprintf(buffer, sizeof buffer, "%.2f", v);
  std::string s = buffer;
  while (!s.empty() && s.back() == '0') s.pop_back();
  if (!s.empty() && s.back() == '.') s.pop_back();
  return s == "-0" ? "0" : s;
}

std::string open(double width, double height, const std::string& title) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" version=\"1.1\" width=\"" << number(width) << "\" height=\""
      << number(height) << "\" viewBox=\"0 0 " << number(width) << " " << number(height) << "\">\n"
      << "<title>" << xml_escape(title) << "</title>\n"
      << "<rect x=\"0\" y=\"0\" width=\"" << number(width) << "\" height=\"" << number(height) << "\" fill=\"#ffffff\"/>\n"
      << "<text x=\"10\" y=\"22\" " << kFont << " font-size=\"15\" font-weight=\"bold\">" << xml_escape(title)
      << "</text>\n";
  return out.str();
}

// white -> orange -> dark red, t in [0, 1].
std::string scale_colour(double t) {
  t = std::clamp(std::isfinite(t) ? t : 0.0, 0.0, 1.0);
  const double stops[3][3] = {{255, 255, 255}, {255, 140, 0}, {139, 0, 0}};
  const int segment = t < 0.5 ? 0 : 1;
  const double f = t < 0.5 ? t / 0.5 : (t - 0.5) / 0.5;
  char buffer[8];
  int rgb[3];
  for (int i = 0; i < 3; ++i)
    rgb[i] = static_cast<int>(std::lround(stops[segment][i] + (stops[segment + 1][i] - stops[segment][i]) * f));
  std::snprintf(buffer, sizeof buffer, "#%02x%02x%02x", rgb[0], rgb[1], rgb[2]);
  return buffer;
}

void text(std::ostream& out, double x, double y, const std::string& s, int size, const char* anchor) {
  out << "<text x=\"" << number(x) << "\" y=\"" << number(y) << "\" " << kFont << " font-size=\"" << size
      << "\" text-anchor=\"" << anchor << "\">" << xml_escape(s) << "</text>\n";
}

}  // namespace svg

std::string xml_escape(const std::string& s) {
  std::string out;
  out.reserve(s.size());
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&apos;"; break;
      default: out += c;
    }
  }
  return out;
}

std::string format_si(double value, const std::string& unit, int significant) {
  const std::string space = unit.empty() ? "" : " ";
  if (std::isnan(value)) return "n/a";
  if (std::isinf(value)) return std::string(value > 0 ? "" : "-") + "inf" + space + unit;
  if (value == 0.0) return "0" + space + unit;
  significant = std::max(1, significant);
  const bool prefixed = !(unit.empty() || unit == "%");
  int group = 0;  // value = scaled x 1000^group
  if (prefixed && value != 0.0) {
    group = static_cast<int>(std::floor(std::log10(std::fabs(value)) / 3.0));
    group = std::clamp(group, -5, 3);
  }
  const auto render = [&](int g) {
    const double scaled = value / std::pow(1000.0, g);
    const int magnitude = scaled == 0.0 ? 0 : static_cast<int>(std::floor(std::log10(std::fabs(scaled))));
    int decimals = std::max(0, significant - 1 - magnitude);
    char buffer[64];
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, scaled);
    // Rounding may add a digit (9.996 -> "10.00"): one decimal fewer then.
    if (decimals > 0 && std::fabs(std::strtod(buffer, nullptr)) >= std::pow(10.0, magnitude + 1))
      std::snprintf(buffer, sizeof buffer, "%.*f", decimals - 1, scaled);
    return std::string(buffer);
  };
  std::string digits = render(group);
  // Rounding may carry into the next group (999.96 nJ -> 1.00 uJ).
  if (prefixed && group < 3 && std::fabs(std::strtod(digits.c_str(), nullptr)) >= 1000.0) digits = render(++group);
  static const char* const kPrefixes[] = {"f", "p", "n", "u", "m", "", "k", "M", "G"};
  return digits + space + (prefixed ? kPrefixes[group + 5] : "") + unit;
}

std::string mesh_heat_map_svg(const model::ChipGeometry& geometry, const std::vector<double>& per_core_value,
                              const std::string& title, const std::string& unit) {
  const uint32_t width_tiles = std::max<uint32_t>(1, geometry.mesh_width);
  const uint32_t height_tiles = std::max<uint32_t>(1, geometry.mesh_height);
  const uint32_t per_tile = std::max<uint32_t>(1, geometry.cores_per_tile);
  const uint32_t cols = static_cast<uint32_t>(std::ceil(std::sqrt(double(per_tile))));
  const uint32_t rows = (per_tile + cols - 1) / cols;

  // Sizes: cores of 3..28 px so that the mesh fits about 640 x 480.
  const double cell = std::clamp(std::floor(std::min(640.0 / (width_tiles * cols), 480.0 / (height_tiles * rows))), 3.0, 28.0);
  const double gap = cell >= 12 ? 4.0 : 2.0;
  const double tile_w = cols * cell, tile_h = rows * cell;
  const double left = 56, top = 58;
  const double mesh_w = width_tiles * (tile_w + gap) - gap, mesh_h = height_tiles * (tile_h + gap) - gap;
  const double width = fit_title(std::max(left + mesh_w + 24, 440.0), title);
  const double legend_y = top + mesh_h + 52;
  const double height = legend_y + 56;

  const uint32_t cores = geometry.mesh_width * geometry.mesh_height * geometry.cores_per_tile;
  const auto value_of = [&](uint32_t c) {
    return c < per_core_value.size() ? per_core_value[c] : std::numeric_limits<double>::quiet_NaN();
  };
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (uint32_t c = 0; c < cores; ++c)
    if (std::isfinite(value_of(c))) {
      lo = std::min(lo, value_of(c));
      hi = std::max(hi, value_of(c));
    }
  if (!(lo <= hi)) lo = hi = 0.0;

  std::ostringstream out;
  out << svg::open(width, height, title);
  out << "<defs><linearGradient id=\"scale\" x1=\"0\" y1=\"0\" x2=\"1\" y2=\"0\">"
      << "<stop offset=\"0\" stop-color=\"" << svg::scale_colour(0) << "\"/><stop offset=\"0.5\" stop-color=\""
      << svg::scale_colour(0.5) << "\"/><stop offset=\"1\" stop-color=\"" << svg::scale_colour(1) << "\"/>"
      << "</linearGradient></defs>\n";
  svg::text(out, 10, 40,
       std::to_string(geometry.mesh_width) + " x " + std::to_string(geometry.mesh_height) + " tiles of " +
           std::to_string(geometry.cores_per_tile) + " cores; tile (0,0) at the bottom left, y grows upward",
       11);

  // Axis labels: every k-th tile coordinate when tiles are narrow.
  const uint32_t every_x = static_cast<uint32_t>(std::max(1.0, std::ceil(22.0 / (tile_w + gap))));
  const uint32_t every_y = static_cast<uint32_t>(std::max(1.0, std::ceil(14.0 / (tile_h + gap))));
  for (uint32_t x = 0; x < width_tiles; x += every_x)
    svg::text(out, left + x * (tile_w + gap) + tile_w / 2, top + mesh_h + 16, std::to_string(x), 10, "middle");
  for (uint32_t y = 0; y < height_tiles; y += every_y)
    svg::text(out, left - 8, top + (height_tiles - 1 - y) * (tile_h + gap) + tile_h / 2 + 4, std::to_string(y), 10, "end");
  svg::text(out, left + mesh_w / 2, top + mesh_h + 32, "tile x", 11, "middle");
  out << "<text x=\"16\" y=\"" << svg::number(top + mesh_h / 2) << "\" " << kFont
      << " font-size=\"11\" text-anchor=\"middle\" transform=\"rotate(-90 16 " << svg::number(top + mesh_h / 2)
      << ")\">tile y (up)</text>\n";

  for (uint32_t y = 0; y < height_tiles; ++y)
    for (uint32_t x = 0; x < width_tiles; ++x) {
      const double tx = left + x * (tile_w + gap), ty = top + (height_tiles - 1 - y) * (tile_h + gap);
      out << "<g>\n<rect x=\"" << svg::number(tx - 1) << "\" y=\"" << svg::number(ty - 1) << "\" width=\"" << svg::number(tile_w + 2)
          << "\" height=\"" << svg::number(tile_h + 2) << "\" fill=\"none\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
      for (uint32_t k = 0; k < per_tile; ++k) {
        const uint32_t core = (y * geometry.mesh_width + x) * geometry.cores_per_tile + k;
        const double v = value_of(core);
        const bool used = std::isfinite(v);
        const std::string fill = !used ? kUnusedColour : svg::scale_colour(hi > lo ? (v - lo) / (hi - lo) : (hi > 0 ? 1.0 : 0.0));
        out << "<rect x=\"" << svg::number(tx + (k % cols) * cell) << "\" y=\"" << svg::number(ty + (k / cols) * cell) << "\" width=\""
            << svg::number(cell) << "\" height=\"" << svg::number(cell) << "\" fill=\"" << fill
            << "\" stroke=\"#ffffff\" stroke-width=\"0.5\"><title>"
            << xml_escape("core " + std::to_string(core) + ", tile (" + std::to_string(x) + "," + std::to_string(y) +
                          "): " + (used ? format_si(v, unit) : "unused"))
            << "</title></rect>\n";
      }
      out << "</g>\n";
    }

  // Legend: the scale between its min and max, and the unused grey.
  const double bar_w = 200;
  svg::text(out, 10, legend_y - 8, "scale (" + (unit.empty() ? std::string("value") : unit) + ")", 11);
  out << "<rect x=\"10\" y=\"" << svg::number(legend_y) << "\" width=\"" << svg::number(bar_w)
      << "\" height=\"14\" fill=\"url(#scale)\" stroke=\"#616161\" stroke-width=\"0.5\"/>\n";
  svg::text(out, 10, legend_y + 28, "min " + format_si(lo, unit), 10);
  svg::text(out, 10 + bar_w, legend_y + 28, "max " + format_si(hi, unit), 10, "end");
  out << "<rect x=\"" << svg::number(bar_w + 40) << "\" y=\"" << svg::number(legend_y) << "\" width=\"14\" height=\"14\" fill=\""
      << kUnusedColour << "\" stroke=\"#616161\" stroke-width=\"0.5\"/>\n";
  svg::text(out, bar_w + 60, legend_y + 11, "unused core", 10);
  out << "</svg>\n";
  return out.str();
}

std::string bar_chart_svg(const std::vector<std::pair<std::string, double>>& bars, const std::string& title,
                          const std::string& unit) {
  std::size_t longest = 0;
  double hi = 0.0;
  for (const auto& [label, value] : bars) {
    longest = std::max(longest, label.size());
    if (std::isfinite(value)) hi = std::max(hi, value);
  }
  const double label_w = std::max(80.0, 7.0 * double(longest) + 12), bar_max = 360, row = 24;
  const double left = 10 + label_w, top = 40;
  const double width = fit_title(left + bar_max + 100, title);
  const double height = top + row * double(std::max<std::size_t>(bars.size(), 1)) + 16;

  std::ostringstream out;
  out << svg::open(width, height, title);
  if (bars.empty()) svg::text(out, left, top + 16, "no data", 11);
  for (std::size_t i = 0; i < bars.size(); ++i) {
    const double y = top + row * double(i);
    const double value = bars[i].second;
    const double length = hi > 0 && std::isfinite(value) && value > 0 ? value / hi * bar_max : 0.0;
    svg::text(out, left - 8, y + 15, bars[i].first, 11, "end");
    out << "<rect x=\"" << svg::number(left) << "\" y=\"" << svg::number(y + 3) << "\" width=\"" << svg::number(length)
        << "\" height=\"16\" fill=\"#e6550d\"><title>" << xml_escape(bars[i].first + ": " + format_si(value, unit))
        << "</title></rect>\n";
    svg::text(out, left + length + 6, y + 15, format_si(value, unit), 11);
  }
  out << "<line x1=\"" << svg::number(left) << "\" y1=\"" << svg::number(top) << "\" x2=\"" << svg::number(left) << "\" y2=\""
      << svg::number(height - 12) << "\" stroke=\"#616161\" stroke-width=\"1\"/>\n";
  out << "</svg>\n";
  return out.str();
}

}  // namespace axomesh::flows
