// Charts for the reports, as self-contained SVG 1.1 documents (no scripts, no external
// references, every text XML-escaped): a heat map of a value per core over the chip's
// mesh, and a horizontal bar chart. Also the number formatting the reports share.
#pragma once

#include <ostream>
#include <string>
#include <utility>
#include <vector>

#include "model/chip/chip_image.hpp"

namespace axomesh::flows {

// `text` with &, <, >, " and ' replaced by XML entities.
std::string xml_escape(const std::string& text);

// A value with an SI prefix and `significant` digits: (2.3e-9, "J") -> "2.30 nJ",
// (0.0123, "W") -> "12.3 mW", (0, "J") -> "0 J". Prefixes run from f to G; "u" stands for
// micro. A unit of "%" or "" gets no prefix: (42.123, "%") -> "42.1 %".
std::string format_si(double value, const std::string& unit, int significant = 3);

// The chip's mesh of tiles, y growing upward (tile (0,0) bottom left), each tile split
// into its cores (core k of a tile at column k % cols, row k / cols, reading left to right
// and top to bottom). Each core is filled from a white -> orange -> dark red scale between
// the smallest and largest value shown in the legend (with `unit`); a NaN value marks an
// unused core, drawn grey. Tile coordinates label the axes. `per_core_value` has one value
// per core of the geometry (missing ones count as unused).
std::string mesh_heat_map_svg(const model::ChipGeometry& geometry, const std::vector<double>& per_core_value,
                              const std::string& title, const std::string& unit);

// One horizontal bar per (label, value), in the given order, each labelled with its value
// (SI prefix, e.g. "12.3 nJ"); negative values draw as empty bars.
std::string bar_chart_svg(const std::vector<std::pair<std::string, double>>& bars, const std::string& title,
                          const std::string& unit);

// The pieces every chart of ours is built from (svg_plots.cpp draws with them too).
namespace svg {
// A number for an attribute: plain decimal, at most two decimals.
std::string number(double value);
// The XML declaration, the root <svg> of width x height, its <title>, a white background
// and the title drawn at the top left. The caller closes it with "</svg>\n".
std::string open(double width, double height, const std::string& title);
// white -> orange -> dark red, t in [0, 1].
std::string scale_colour(double t);
// One <text> at (x, y), XML-escaped, anchored "start", "middle" or "end".
void text(std::ostream& out, double x, double y, const std::string& s, int size, const char* anchor = "start");
}  // namespace svg

}  // namespace axomesh::flows
