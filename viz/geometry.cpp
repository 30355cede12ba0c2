#include "geometry.hpp"

#include <algorithm>
#include <cmath>
#include <functional>

namespace selfcheck::viz {

std::vector<Arc> donut_arcs(const std::vector<double>& values, double start) {
    double total = 0;
    for (double v : values)
        if (v > 0) total += v;
    std::vector<Arc> out;
    out.reserve(values.size());
    double a = start;
    for (double v : values) {
        Arc arc;
        arc.a0 = a;
        arc.fraction = (total > 0 && v > 0) ? v / total : 0;
        a += arc.fraction * 2 * k_pi;
        arc.a1 = a;
        out.push_back(arc);
    }
    return out;
}

double nice_max(double v) {
    if (!(v > 0)) return 1;
    const double p = std::pow(10.0, std::floor(std::log10(v)));
    for (double m : {1.0, 2.0, 2.5, 5.0, 10.0})
        if (m * p >= v * (1 - 1e-12)) return m * p;
    return 10 * p;
}

std::vector<double> bar_lengths(const std::vector<double>& values, double axis_max, double length) {
    std::vector<double> out;
    for (double v : values) out.push_back(axis_max > 0 ? std::clamp(v / axis_max, 0.0, 1.0) * length : 0.0);
    return out;
}

std::vector<Segment> stack_segments(const std::vector<double>& values, double axis_max, double length) {
    std::vector<Segment> out;
    double x = 0;
    for (double v : values) {
        double w = (axis_max > 0 && v > 0) ? v / axis_max * length : 0;
        double x1 = std::min(x + w, length);
        out.push_back({x, x1});
        x = x1;
    }
    return out;
}

double gauge_fraction(double value, const std::vector<double>& cuts, double top) {
    const double bands = static_cast<double>(cuts.size() + 1);
    double lo = 0;
    for (std::size_t i = 0; i <= cuts.size(); ++i) {
        const double hi = i < cuts.size() ? cuts[i] : top;
        if (value <= hi || i == cuts.size()) {
            double t = hi > lo ? (value - lo) / (hi - lo) : 1;
            return std::clamp((static_cast<double>(i) + std::clamp(t, 0.0, 1.0)) / bands, 0.0, 1.0);
        }
        lo = hi;
    }
    return 1;
}

double gauge_angle(double fraction) { return k_pi + std::clamp(fraction, 0.0, 1.0) * k_pi; }

int grade_for(double value, const std::vector<double>& cuts) {
    for (std::size_t i = 0; i < cuts.size(); ++i)
        if (value <= cuts[i]) return static_cast<int>(i) + 1;
    return static_cast<int>(cuts.size()) + 1;
}

GradeScale grade_scale(const std::function<std::optional<double>(const std::string& id)>& value_of) {
    GradeScale g;
    for (int i = 1;; ++i) {
        const std::optional<double> v = value_of("grade/" + std::to_string(i) + "_max");
        if (!v || !std::isfinite(*v)) break;
        if (!g.cuts.empty() && !(*v > g.cuts.back())) return {};
        g.cuts.push_back(*v);
    }
    return g;
}

MacLayout mac_layout(std::vector<MacItem> items) {
    std::stable_sort(items.begin(), items.end(), [](const MacItem& a, const MacItem& b) { return a.cost < b.cost; });
    MacLayout L;
    std::vector<double> mags;
    for (const auto& it : items) mags.push_back(std::fabs(it.cost));
    std::sort(mags.begin(), mags.end(), std::greater<>());
    double cap = 0;  // 0 = no clipping
    if (mags.size() >= 2 && mags[1] > 0 && mags[0] > k_mac_outlier_ratio * mags[1]) cap = k_mac_cap_factor * mags[1];
    double x = 0;
    for (const auto& it : items) {
        MacBar b;
        b.id = it.id;
        b.x0 = x;
        b.x1 = x + std::max(0.0, it.tco2);
        b.cost = it.cost;
        b.clipped = cap > 0 && std::fabs(it.cost) > cap;
        x = b.x1;
        const double shown = b.clipped ? std::copysign(cap, it.cost) : it.cost;
        L.y_min = std::min(L.y_min, shown);
        L.y_max = std::max(L.y_max, shown);
        L.bars.push_back(b);
    }
    L.total_tco2 = x;
    return L;
}

std::vector<Point> radar_points(const std::vector<double>& fractions, double radius) {
    std::vector<Point> out;
    const double n = static_cast<double>(fractions.size());
    for (std::size_t i = 0; i < fractions.size(); ++i) {
        const double a = -k_pi / 2 + 2 * k_pi * static_cast<double>(i) / n;
        const double r = std::clamp(fractions[i], 0.0, 1.0) * radius;
        out.push_back({r * std::cos(a), r * std::sin(a)});
    }
    return out;
}

} // namespace selfcheck::viz
