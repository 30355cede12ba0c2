// Reusable charts drawn with ImDrawList: donut (energy mix), stacked bars (emissions by source),
// gauge (carbon-efficiency grade with its cuts), bars against benchmark levels, MAC curve and radar.
// Geometry comes from viz/geometry.hpp (shared with the report, unit-tested in tests/viz); this file only draws and handles hover.
// Two palettes: screen (dark UI) and print (light background, colours that survive greyscale).
#pragma once
#include <optional>
#include <string>
#include <vector>

namespace selfcheck::charts {

void set_print_palette(bool print);
unsigned int series_colour(int i);  // categorical colour i (cycles)

struct Slice {
    std::string label;
    double value = 0;
    std::string tip;  // extra hover text (formula inputs, sources)
};
// Donut with a legend on the right. Returns the hovered slice or -1.
int donut(const char* id, const std::vector<Slice>& slices, float radius, const char* centre_text = nullptr);

struct StackRow {
    std::string label;
    std::vector<Slice> parts;
};
// One horizontal stacked bar per row on a shared axis; legend of part labels below.
// colour_order: part labels in the order of series_colour() (e.g. the donut's), others follow.
int stacked_bars(const char* id, const std::vector<StackRow>& rows, const char* unit, float width,
                 const std::vector<std::string>& colour_order = {});

struct GaugeBand {
    std::string label;  // e.g. "1级"
};
// Half-dial gauge: value (absent -> no needle, `missing_text` in the middle), cuts (upper bounds of
// bands 1..n-1), top of the last band, band labels (cuts.size()+1).
void gauge(const char* id, std::optional<double> value, const std::vector<double>& cuts, double top,
           const std::vector<std::string>& band_labels, const std::string& caption, const std::string& missing_text,
           float radius);

struct Level {
    std::string label;  // e.g. "1级"
    double value = 0;
};
// A horizontal bar for `value` against vertical marks for each level (lower = better).
void benchmark_bar(const char* id, double value, const std::vector<Level>& levels, const char* unit, float width);

struct MacEntry {
    std::string id, label;
    double tco2 = 0, cost = 0;
    bool selected = true;
};
// Marginal abatement cost curve. Returns the hovered entry id (or empty).
std::string mac_curve(const char* id, const std::vector<MacEntry>& entries, float width, float height,
                      const char* x_unit, const char* y_unit);

struct Axis {
    std::string label;
    double fraction = 0;  // 0..1
    std::string tip;
};
void radar(const char* id, const std::vector<Axis>& axes, float radius);

} // namespace selfcheck::charts
