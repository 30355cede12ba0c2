// Chart geometry as pure functions (no ImGui, no JSON): angles, bar lengths, gauge positions, the
// carbon-efficiency grade scale, MAC-curve layout and radar vertices. Shared by the app
// (app/charts/charts.cpp draws them with ImDrawList) and the report (report/report.cpp writes
// them as SVG); tests/viz/ checks them without a GPU. Angles in radians, clockwise from 12 o'clock is NOT used:
// angles follow ImGui's screen convention (0 = +x, positive = clockwise because y points down).
#pragma once
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck::viz {

inline constexpr double k_pi = 3.14159265358979323846;

struct Arc {
    double a0 = 0, a1 = 0;  // start and end angle
    double fraction = 0;    // share of the total (0 for non-positive values)
};
// One arc per value, in order, starting at `start` (default: 12 o'clock). Non-positive values get
// an empty arc. When the total is positive the arcs cover exactly 2π.
std::vector<Arc> donut_arcs(const std::vector<double>& values, double start = -k_pi / 2);

// A "nice" axis maximum >= v (1, 2, 2.5, 5 x 10^n); 1 for v <= 0.
double nice_max(double v);

// Lengths proportional to the values on an axis [0, axis_max] drawn `length` long (negative -> 0,
// beyond the axis -> clamped to `length`).
std::vector<double> bar_lengths(const std::vector<double>& values, double axis_max, double length);

struct Segment {
    double x0 = 0, x1 = 0;
};
// Stacked segments of one bar, left to right, on an axis [0, axis_max] of `length`.
std::vector<Segment> stack_segments(const std::vector<double>& values, double axis_max, double length);

// Gauge for the carbon-efficiency grade: `cuts` are the upper bounds of grades 1..n-1 (e.g. K
// 0.6/0.8/1.2/2.0); the dial is split into cuts.size()+1 equal bands, linear inside each band; the
// last band runs from the last cut to `top`. Returns the needle position as a fraction 0..1.
double gauge_fraction(double value, const std::vector<double>& cuts, double top);
// Needle angle on a half dial from π (left, best) to 2π (right, worst) in screen coordinates.
double gauge_angle(double fraction);
// Grade (1-based) for a value: 1 when value <= cuts[0], ..., cuts.size()+1 above the last cut.
int grade_for(double value, const std::vector<double>& cuts);

// The carbon-efficiency grade scale (K = L / industry average): the upper bounds of grades 1..n-1,
// read from assets/data/carbon_efficiency.json (records grade/1_max, grade/2_max, ...). The one
// place the app and the report get the cuts from; there is no built-in copy of the numbers.
struct GradeScale {
    std::vector<double> cuts;  // ascending; empty when the data has none (then no grade is shown)
    bool valid() const { return !cuts.empty(); }
    int grades() const { return static_cast<int>(cuts.size()) + 1; }
    int grade(double k) const { return grade_for(k, cuts); }
};
// `value_of(id)` returns the value of record `id` of carbon_efficiency.json (nullopt if absent);
// reads grade/1_max, grade/2_max, ... until the first missing one. Cuts that do not ascend make the
// scale invalid (empty): a wrong data file must not produce a grade.
GradeScale grade_scale(const std::function<std::optional<double>(const std::string& id)>& value_of);

struct MacItem {
    std::string id;
    double tco2 = 0;  // width
    double cost = 0;  // yuan per tCO2 (height, may be negative)
};
struct MacBar {
    std::string id;
    double x0 = 0, x1 = 0;  // cumulative tCO2
    double cost = 0;
    bool clipped = false;   // cost beyond the displayed axis (a lone outlier)
};
struct MacLayout {
    std::vector<MacBar> bars;  // sorted by cost, cheapest first
    double total_tco2 = 0;
    double y_min = 0, y_max = 0;  // displayed cost axis (includes 0)
};
// Marginal abatement cost curve: bars sorted by cost (stable), widths equal to tCO2 avoided.
// Outlier rule (the one rule for the app and the report): when the largest |cost| is more than
// k_mac_outlier_ratio (4) times the next largest |cost|, the axis is capped at
// k_mac_cap_factor (1.5) times that next largest magnitude and every bar beyond the cap is drawn
// clipped (its value written beside it), so one small, expensive measure cannot flatten the others.
inline constexpr double k_mac_outlier_ratio = 4.0;
inline constexpr double k_mac_cap_factor = 1.5;
MacLayout mac_layout(std::vector<MacItem> items);

struct Point {
    double x = 0, y = 0;
};
// Radar (spider) vertices for values 0..1 around (0,0), first axis at 12 o'clock, clockwise.
std::vector<Point> radar_points(const std::vector<double>& fractions, double radius);

} // namespace selfcheck::viz
