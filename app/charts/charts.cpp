#include "charts/charts.hpp"

#include "format.hpp"
#include "geometry.hpp"  // viz/: the geometry shared with the report

#include "imgui.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace selfcheck::charts {
using namespace selfcheck::viz;
namespace {
bool g_print = false;
// Okabe-Ito-like categorical colours: distinguishable for colour-blind readers and in greyscale
// (different lightness); darker variants for the print palette on white.
const unsigned int k_screen[] = {IM_COL32(86, 180, 233, 255), IM_COL32(230, 159, 0, 255), IM_COL32(0, 158, 115, 255),
                                 IM_COL32(204, 121, 167, 255), IM_COL32(240, 228, 66, 255), IM_COL32(213, 94, 0, 255),
                                 IM_COL32(160, 160, 170, 255)};
const unsigned int k_print[] = {IM_COL32(0, 90, 160, 255),  IM_COL32(200, 120, 0, 255), IM_COL32(0, 120, 80, 255),
                                IM_COL32(160, 60, 120, 255), IM_COL32(150, 140, 0, 255), IM_COL32(170, 50, 0, 255),
                                IM_COL32(90, 90, 90, 255)};
unsigned int text_col() { return g_print ? IM_COL32(20, 20, 20, 255) : ImGui::GetColorU32(ImGuiCol_Text); }
unsigned int dim_col() { return g_print ? IM_COL32(90, 90, 90, 255) : ImGui::GetColorU32(ImGuiCol_TextDisabled); }
unsigned int grid_col() { return g_print ? IM_COL32(200, 200, 200, 255) : ImGui::GetColorU32(ImGuiCol_Border); }
unsigned int bg_col() { return g_print ? IM_COL32(255, 255, 255, 255) : IM_COL32(0, 0, 0, 0); }
ImVec2 v2(double x, double y) { return ImVec2(static_cast<float>(x), static_cast<float>(y)); }

void tip(const std::string& a, const std::string& b = {}) {
    ImGui::BeginTooltip();
    ImGui::PushTextWrapPos(ImGui::GetFontSize() * 26);
    ImGui::TextUnformatted(a.c_str());
    if (!b.empty()) ImGui::TextUnformatted(b.c_str());
    ImGui::PopTextWrapPos();
    ImGui::EndTooltip();
}
void background(ImDrawList* dl, ImVec2 p0, ImVec2 p1) {
    if (g_print) dl->AddRectFilled(p0, p1, bg_col());
}
} // namespace

void set_print_palette(bool print) { g_print = print; }
unsigned int series_colour(int i) {
    const int n = static_cast<int>(sizeof k_screen / sizeof k_screen[0]);
    return (g_print ? k_print : k_screen)[((i % n) + n) % n];
}

int donut(const char* id, const std::vector<Slice>& slices, float radius, const char* centre_text) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float avail = ImGui::GetContentRegionAvail().x;
    float legend_w = ImGui::GetFontSize() * 13;
    for (const auto& s : slices) legend_w = std::max(legend_w, ImGui::CalcTextSize(s.label.c_str()).x + ImGui::GetFontSize() * 5);
    // Narrow column: the legend goes under the ring, the ring shrinks to the column.
    const bool stacked = avail < radius * 2 + legend_w;
    if (stacked) radius = std::max(ImGui::GetFontSize() * 2.5f, std::min(radius, avail * 0.5f));
    const float lines_h = ImGui::GetTextLineHeightWithSpacing() * static_cast<float>(slices.size());
    const float h = stacked ? radius * 2 + ImGui::GetFontSize() * 0.5f + lines_h : std::max(radius * 2, lines_h);
    const float bw = stacked ? std::max(radius * 2, std::min(avail, legend_w)) : radius * 2 + legend_w;
    ImGui::InvisibleButton("##donut", ImVec2(bw, h));
    background(dl, p0, ImVec2(p0.x + bw, p0.y + h));
    const ImVec2 c(p0.x + radius, p0.y + radius);
    std::vector<double> values;
    for (const auto& s : slices) values.push_back(s.value);
    const auto arcs = donut_arcs(values);
    int hovered = -1;
    if (ImGui::IsItemHovered()) {
        const ImVec2 m = ImGui::GetIO().MousePos;
        const double dx = m.x - c.x, dy = m.y - c.y, r = std::sqrt(dx * dx + dy * dy);
        if (r <= radius && r >= radius * 0.55) {
            double a = std::atan2(dy, dx);
            while (a < -k_pi / 2) a += 2 * k_pi;
            for (std::size_t i = 0; i < arcs.size(); ++i)
                if (arcs[i].fraction > 0 && a >= arcs[i].a0 && a < arcs[i].a1) hovered = static_cast<int>(i);
        }
    }
    for (std::size_t i = 0; i < arcs.size(); ++i) {
        if (arcs[i].fraction <= 0) continue;
        const float grow = static_cast<int>(i) == hovered ? 4.0f : 0.0f;
        // A thick stroked arc: ring segments are not convex, so a filled path would overfill.
        const int segs = std::max(4, static_cast<int>(96 * arcs[i].fraction));
        dl->PathArcTo(c, radius * 0.79f + grow / 2, static_cast<float>(arcs[i].a0), static_cast<float>(arcs[i].a1), segs);
        dl->PathStroke(series_colour(static_cast<int>(i)), 0, radius * 0.42f + grow);
    }
    if (centre_text) {
        const ImVec2 ts = ImGui::CalcTextSize(centre_text);
        dl->AddText(ImVec2(c.x - ts.x / 2, c.y - ts.y / 2), text_col(), centre_text);
    }
    // legend
    float y = stacked ? p0.y + radius * 2 + ImGui::GetFontSize() * 0.5f : p0.y;
    const float lh = ImGui::GetTextLineHeightWithSpacing();
    for (std::size_t i = 0; i < slices.size(); ++i) {
        const float x = stacked ? p0.x : p0.x + radius * 2 + ImGui::GetFontSize();
        dl->AddRectFilled(ImVec2(x, y + 4), ImVec2(x + 10, y + lh - 6), series_colour(static_cast<int>(i)));
        char buf[160];
        std::snprintf(buf, sizeof buf, "%s  %.1f%%", slices[i].label.c_str(), arcs[i].fraction * 100);
        dl->AddText(ImVec2(x + 16, y), static_cast<int>(i) == hovered ? text_col() : dim_col(), buf);
        y += lh;
    }
    if (hovered >= 0) {
        char buf[64];
        std::snprintf(buf, sizeof buf, "%.1f%%", arcs[hovered].fraction * 100);
        tip(slices[hovered].label + "  " + buf, slices[hovered].tip);
    }
    ImGui::PopID();
    return hovered;
}

int stacked_bars(const char* id, const std::vector<StackRow>& rows, const char* unit, float width,
                 const std::vector<std::string>& colour_order) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const float label_w = fs * 7, bar_h = fs * 1.3f, gap = fs * 0.6f;
    double maxv = 0;
    for (const auto& r : rows) {
        double t = 0;
        for (const auto& p : r.parts) t += std::max(0.0, p.value);
        maxv = std::max(maxv, t);
    }
    const double axis = nice_max(maxv);
    const float plot_w = std::max(fs * 8, width - label_w - fs);
    // legend: unique part labels in first-seen order
    std::vector<std::string> keys = colour_order;  // colour i = keys[i], so other charts can match
    for (const auto& r : rows)
        for (const auto& p : r.parts)
            if (std::find(keys.begin(), keys.end(), p.label) == keys.end()) keys.push_back(p.label);
    const float legend_h = ImGui::GetTextLineHeightWithSpacing();
    const float h = static_cast<float>(rows.size()) * (bar_h + gap) + fs * 1.4f + legend_h;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##stack", ImVec2(width, h));
    background(dl, p0, ImVec2(p0.x + width, p0.y + h));
    const bool hov = ImGui::IsItemHovered();
    const ImVec2 m = ImGui::GetIO().MousePos;
    int hovered = -1;
    std::string tip_a, tip_b;
    float y = p0.y;
    for (std::size_t ri = 0; ri < rows.size(); ++ri) {
        dl->AddText(ImVec2(p0.x, y + (bar_h - fs) / 2), text_col(), rows[ri].label.c_str());
        std::vector<double> vals;
        for (const auto& p : rows[ri].parts) vals.push_back(p.value);
        const auto segs = stack_segments(vals, axis, plot_w);
        for (std::size_t k = 0; k < segs.size(); ++k) {
            if (segs[k].x1 <= segs[k].x0) continue;
            const int ci = static_cast<int>(std::find(keys.begin(), keys.end(), rows[ri].parts[k].label) - keys.begin());
            const ImVec2 a(p0.x + label_w + static_cast<float>(segs[k].x0), y), b(p0.x + label_w + static_cast<float>(segs[k].x1), y + bar_h);
            dl->AddRectFilled(a, b, series_colour(ci));
            if (hov && m.x >= a.x && m.x < b.x && m.y >= a.y && m.y < b.y) {
                hovered = static_cast<int>(ri);
                tip_a = rows[ri].label + " · " + rows[ri].parts[k].label + ": " + selfcheck::app::num(rows[ri].parts[k].value) + " " + unit;
                tip_b = rows[ri].parts[k].tip;
                dl->AddRect(a, b, text_col(), 0, 0, 2);
            }
        }
        y += bar_h + gap;
    }
    // axis ticks
    for (int t = 0; t <= 4; ++t) {
        const float x = p0.x + label_w + plot_w * static_cast<float>(t) / 4;
        dl->AddLine(ImVec2(x, p0.y), ImVec2(x, y - gap / 2), grid_col());
        const std::string s = selfcheck::app::num(axis * t / 4);
        const float tw = ImGui::CalcTextSize(s.c_str()).x;
        dl->AddText(ImVec2(std::min(x - tw / 2, p0.x + width - tw), y), dim_col(), s.c_str());
    }
    dl->AddText(ImVec2(p0.x, y), dim_col(), unit);
    // legend
    float x = p0.x + label_w;
    y += fs * 1.4f;
    for (std::size_t k = 0; k < keys.size(); ++k) {
        bool present = false;
        for (const auto& r : rows)
            for (const auto& p : r.parts)
                if (p.label == keys[k] && p.value > 0) present = true;
        if (!present) continue;
        const float tw = ImGui::CalcTextSize(keys[k].c_str()).x;
        dl->AddRectFilled(ImVec2(x, y + 4), ImVec2(x + 10, y + legend_h - 6), series_colour(static_cast<int>(k)));
        dl->AddText(ImVec2(x + 14, y), dim_col(), keys[k].c_str());
        x += tw + 30;
    }
    if (hovered >= 0) tip(tip_a, tip_b);
    ImGui::PopID();
    return hovered;
}

void gauge(const char* id, std::optional<double> value, const std::vector<double>& cuts, double top,
           const std::vector<std::string>& band_labels, const std::string& caption, const std::string& missing_text,
           float radius) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    radius = std::max(fs * 3, std::min(radius, (ImGui::GetContentRegionAvail().x - fs * 4) / 2));  // fits the column
    const float w = radius * 2 + fs * 4, h = radius + fs * 3.2f;
    ImGui::InvisibleButton("##gauge", ImVec2(w, h));
    background(dl, p0, ImVec2(p0.x + w, p0.y + h));
    const ImVec2 c(p0.x + w / 2, p0.y + radius + fs * 1.2f);
    const int bands = static_cast<int>(cuts.size()) + 1;
    // bands green (grade 1, best) to red (worst)
    const unsigned int band_cols[] = {IM_COL32(26, 150, 65, 255), IM_COL32(120, 190, 80, 255), IM_COL32(230, 200, 60, 255),
                                      IM_COL32(240, 130, 50, 255), IM_COL32(215, 48, 39, 255)};
    for (int b = 0; b < bands; ++b) {
        const double a0 = gauge_angle(static_cast<double>(b) / bands), a1 = gauge_angle(static_cast<double>(b + 1) / bands);
        dl->PathArcTo(c, radius * 0.85f, static_cast<float>(a0), static_cast<float>(a1), 16);
        dl->PathStroke(band_cols[std::min(b, 4)], 0, radius * 0.3f);
        const double am = (a0 + a1) / 2;
        if (b < static_cast<int>(band_labels.size())) {
            const ImVec2 ts = ImGui::CalcTextSize(band_labels[b].c_str());
            const ImVec2 lp = v2(c.x + std::cos(am) * radius * 0.85 - ts.x / 2, c.y + std::sin(am) * radius * 0.85 - ts.y / 2);
            dl->AddText(lp, IM_COL32(20, 20, 20, 255), band_labels[b].c_str());
        }
    }
    // cut marks with their values
    for (std::size_t i = 0; i < cuts.size(); ++i) {
        const double a = gauge_angle(gauge_fraction(cuts[i], cuts, top));
        dl->AddLine(v2(c.x + std::cos(a) * radius * 0.68, c.y + std::sin(a) * radius * 0.68),
                    v2(c.x + std::cos(a) * radius * 1.05, c.y + std::sin(a) * radius * 1.05), text_col(), 2);
        char buf[16];
        std::snprintf(buf, sizeof buf, "%.1f", cuts[i]);
        const ImVec2 ts = ImGui::CalcTextSize(buf);
        dl->AddText(v2(c.x + std::cos(a) * (radius * 1.05 + fs * 0.7) - ts.x / 2, c.y + std::sin(a) * (radius * 1.05 + fs * 0.7) - ts.y / 2),
                    dim_col(), buf);
    }
    if (value) {
        const double a = gauge_angle(gauge_fraction(*value, cuts, top));
        dl->AddLine(c, v2(c.x + std::cos(a) * radius * 0.95, c.y + std::sin(a) * radius * 0.95), text_col(), 3);
        dl->AddCircleFilled(c, fs * 0.35f, text_col());
    }
    const std::string& text = value ? caption : missing_text;
    const ImVec2 ts = ImGui::CalcTextSize(text.c_str(), nullptr, false, w);
    dl->AddText(nullptr, 0, ImVec2(c.x - std::min(ts.x, w) / 2, c.y + fs * 0.5f), value ? text_col() : dim_col(), text.c_str(),
                nullptr, w);
    ImGui::PopID();
}

void benchmark_bar(const char* id, double value, const std::vector<Level>& levels, const char* unit, float width) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    double maxv = value;
    for (const auto& l : levels) maxv = std::max(maxv, l.value);
    const double axis = nice_max(maxv * 1.05);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float h = fs * 3.4f;
    ImGui::InvisibleButton("##bench", ImVec2(width, h));
    background(dl, p0, ImVec2(p0.x + width, p0.y + h));
    const float bar_y = p0.y + fs * 1.2f, bar_h = fs * 1.0f;
    const auto len = bar_lengths({value}, axis, width);
    // colour by the best level met (lower is better)
    unsigned int col = IM_COL32(215, 48, 39, 255);
    for (std::size_t i = levels.size(); i-- > 0;)
        if (value <= levels[i].value) col = i == 0 ? IM_COL32(26, 150, 65, 255) : IM_COL32(230, 170, 40, 255);
    dl->AddRectFilled(ImVec2(p0.x, bar_y), ImVec2(p0.x + static_cast<float>(len[0]), bar_y + bar_h), col);
    for (const auto& l : levels) {
        const float x = p0.x + static_cast<float>(bar_lengths({l.value}, axis, width)[0]);
        dl->AddLine(ImVec2(x, p0.y + fs * 0.9f), ImVec2(x, bar_y + bar_h + 3), text_col(), 2);
        const std::string s = l.label + " " + selfcheck::app::num(l.value);
        const float tw = ImGui::CalcTextSize(s.c_str()).x;
        dl->AddText(ImVec2(std::clamp(x - tw / 2, p0.x, p0.x + width - tw), p0.y - 2), dim_col(), s.c_str());
    }
    const std::string vs = selfcheck::app::num(value) + " " + unit;
    dl->AddText(ImVec2(p0.x, bar_y + bar_h + 4), text_col(), vs.c_str());
    ImGui::PopID();
}

std::string mac_curve(const char* id, const std::vector<MacEntry>& entries, float width, float height, const char* x_unit,
                      const char* y_unit) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    std::vector<MacItem> items;
    for (const auto& e : entries) items.push_back({e.id, e.tco2, e.cost});
    const MacLayout L = mac_layout(items);
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##mac", ImVec2(width, height));
    background(dl, p0, ImVec2(p0.x + width, p0.y + height));
    const float left = fs * 4.5f, bottom = fs * 1.6f, topm = fs * 0.6f;
    const float pw = width - left - fs, ph = height - bottom - topm;
    const double ymin = std::min(0.0, L.y_min) * 1.1, ymax = std::max(0.0, L.y_max) * 1.1 + 1e-9;
    auto X = [&](double t) { return p0.x + left + static_cast<float>(L.total_tco2 > 0 ? t / L.total_tco2 : 0) * pw; };
    auto Y = [&](double v) { return p0.y + topm + static_cast<float>((ymax - v) / (ymax - ymin)) * ph; };
    dl->AddLine(ImVec2(X(0), Y(0)), ImVec2(X(L.total_tco2), Y(0)), text_col());
    dl->AddLine(ImVec2(X(0), Y(ymin)), ImVec2(X(0), Y(ymax)), grid_col());
    std::string hovered;
    const ImVec2 m = ImGui::GetIO().MousePos;
    const bool hov = ImGui::IsItemHovered();
    for (const auto& b : L.bars) {
        const MacEntry* e = nullptr;
        int idx = 0;
        for (std::size_t i = 0; i < entries.size(); ++i)
            if (entries[i].id == b.id) e = &entries[i], idx = static_cast<int>(i);
        const double shown = b.clipped ? (b.cost < 0 ? L.y_min : L.y_max) : b.cost;
        ImVec2 a(X(b.x0) + 1, Y(std::max(0.0, shown))), c(X(b.x1) - 1, Y(std::min(0.0, shown)));
        if (c.x < a.x + 1) c.x = a.x + 1;
        unsigned int col = series_colour(idx);
        if (e && !e->selected) col = (col & 0x00FFFFFF) | (70u << 24);
        dl->AddRectFilled(a, c, col);
        if (b.clipped) {
            char buf[48];
            std::snprintf(buf, sizeof buf, "%s", selfcheck::app::num(b.cost).c_str());
            const float tw = ImGui::CalcTextSize(buf).x;
            dl->AddText(ImVec2(std::min(a.x, p0.x + width - tw - 2), b.cost < 0 ? c.y : std::max(p0.y, a.y - fs)), text_col(), buf);
        }
        if (hov && m.x >= a.x && m.x <= c.x && m.y >= p0.y && m.y <= p0.y + height) {
            hovered = b.id;
            dl->AddRect(a, c, text_col(), 0, 0, 2);
            if (e)
                tip(e->label, selfcheck::app::num(e->tco2) + " " + x_unit + " · " + selfcheck::app::num(e->cost) + " " + y_unit);
        }
    }
    // axes labels
    for (double v : {ymin / 1.1, 0.0, ymax / 1.1}) {
        if (std::fabs(v) < 1e-6 && v != 0.0) continue;
        const std::string s = selfcheck::app::num(v);
        const float tw = ImGui::CalcTextSize(s.c_str()).x;
        dl->AddText(ImVec2(p0.x + left - tw - 4, Y(v) - fs / 2), dim_col(), s.c_str());
    }
    const std::string xt = selfcheck::app::num(L.total_tco2) + " " + x_unit;
    const float xw = ImGui::CalcTextSize(xt.c_str()).x;
    dl->AddText(ImVec2(p0.x + left + pw - xw, p0.y + height - fs * 1.3f), dim_col(), xt.c_str());
    dl->AddText(ImVec2(p0.x + left + 4, p0.y), dim_col(), y_unit);
    ImGui::PopID();
    return hovered;
}

void radar(const char* id, const std::vector<Axis>& axes, float radius) {
    ImGui::PushID(id);
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const float fs = ImGui::GetFontSize();
    // Labels sit left and right of the ring: the ring shrinks so both fit the column.
    float label_w = fs * 2;
    for (const auto& a : axes) label_w = std::max(label_w, ImGui::CalcTextSize(a.label.c_str()).x);
    const float avail = ImGui::GetContentRegionAvail().x;
    radius = std::max(fs * 2, std::min(radius, (avail - 2 * label_w - fs) / 2.24f));
    const float w = std::min(avail, std::max(radius * 2 + fs * 12, radius * 2.24f + 2 * label_w + fs)), h = radius * 2 + fs * 2.5f;
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    ImGui::InvisibleButton("##radar", ImVec2(w, h));
    background(dl, p0, ImVec2(p0.x + w, p0.y + h));
    const ImVec2 c(p0.x + w / 2, p0.y + h / 2);
    if (axes.size() < 3) {
        ImGui::PopID();
        return;
    }
    for (double ring : {0.25, 0.5, 0.75, 1.0}) {
        auto pts = radar_points(std::vector<double>(axes.size(), ring), radius);
        for (std::size_t i = 0; i < pts.size(); ++i) {
            const auto& a = pts[i];
            const auto& b = pts[(i + 1) % pts.size()];
            dl->AddLine(v2(c.x + a.x, c.y + a.y), v2(c.x + b.x, c.y + b.y), grid_col());
        }
    }
    auto full = radar_points(std::vector<double>(axes.size(), 1.0), radius);
    std::vector<double> fr;
    for (const auto& a : axes) fr.push_back(a.fraction);
    auto pts = radar_points(fr, radius);
    std::vector<ImVec2> poly;
    for (const auto& p : pts) poly.push_back(v2(c.x + p.x, c.y + p.y));
    for (std::size_t i = 0; i < poly.size(); ++i) dl->AddLine(poly[i], poly[(i + 1) % poly.size()], series_colour(0), 2.5f);
    for (const auto& p : poly) dl->AddCircleFilled(p, 3, series_colour(0));
    int hovered = -1;
    const ImVec2 m = ImGui::GetIO().MousePos;
    for (std::size_t i = 0; i < axes.size(); ++i) {
        dl->AddLine(c, v2(c.x + full[i].x, c.y + full[i].y), grid_col());
        const ImVec2 ts = ImGui::CalcTextSize(axes[i].label.c_str());
        const double ax = full[i].x * 1.12, ay = full[i].y * 1.12;
        ImVec2 lp = v2(c.x + ax - (ax < -1 ? ts.x : ax > 1 ? 0 : ts.x / 2), c.y + ay - (ay < -1 ? ts.y : ay > 1 ? 0 : ts.y / 2));
        dl->AddText(lp, text_col(), axes[i].label.c_str());
        if (ImGui::IsItemHovered() && m.x >= lp.x && m.x <= lp.x + ts.x && m.y >= lp.y && m.y <= lp.y + ts.y)
            hovered = static_cast<int>(i);
    }
    if (hovered >= 0) tip(axes[hovered].label, axes[hovered].tip);
    ImGui::PopID();
}

} // namespace selfcheck::charts
