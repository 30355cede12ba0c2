// 历年趋势与目标 on the results screen (issue 16): intensity per year against the plan's
// straight-line target path, progress per target, and the LMDI decomposition of the CO2 change
// (activity, the factory's own intensity, energy mix, emission factors / grid).
#include "charts/charts.hpp"
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/widgets.hpp"
#include "ui/years.hpp"

#include "imgui.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace selfcheck::app::ui {

namespace {

std::string pct(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%+.1f%%", v * 100);
    return b;
}

struct Point {
    int year;
    double value;
};

// Lines of intensity per year (value relative to the first year = 100) with the target path.
void trend_chart(const char* id, const std::vector<Point>& tce, const std::vector<Point>& co2,
                 const std::vector<Point>& path_tce, const std::vector<Point>& path_co2, float width, float height) {
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImVec2 p0 = ImGui::GetCursorScreenPos();
    const float fs = ImGui::GetFontSize();
    ImGui::InvisibleButton(id, ImVec2(width, height));
    const bool hovered = ImGui::IsItemHovered();
    int y0 = 1 << 30, y1 = -(1 << 30);
    double vmin = 1e300, vmax = -1e300;
    for (const auto* s : {&tce, &co2, &path_tce, &path_co2})
        for (const auto& p : *s) {
            y0 = std::min(y0, p.year);
            y1 = std::max(y1, p.year);
            vmin = std::min(vmin, p.value);
            vmax = std::max(vmax, p.value);
        }
    if (y0 > y1) return;
    if (y0 == y1) {
        --y0;
        ++y1;
    }
    const double pad = std::max((vmax - vmin) * 0.1, 1.0);
    vmin -= pad;
    vmax += pad;
    const float left = p0.x + fs * 3, right = p0.x + width - fs * 0.5f;
    const float top = p0.y + fs * 0.5f, bottom = p0.y + height - fs * 1.6f;
    auto X = [&](int y) { return left + (right - left) * float(y - y0) / float(y1 - y0); };
    auto Y = [&](double v) { return bottom - (bottom - top) * float((v - vmin) / (vmax - vmin)); };
    const ImU32 axis = ImGui::GetColorU32(ImGuiCol_TextDisabled);
    dl->AddLine(ImVec2(left, bottom), ImVec2(right, bottom), axis);
    dl->AddLine(ImVec2(left, top), ImVec2(left, bottom), axis);
    // y labels: min, 100, max
    for (double v : {vmin + pad, 100.0, vmax - pad}) {
        if (v < vmin || v > vmax) continue;
        char b[16];
        std::snprintf(b, sizeof b, "%.0f", v);
        dl->AddText(ImVec2(p0.x, Y(v) - fs * 0.5f), axis, b);
        dl->AddLine(ImVec2(left, Y(v)), ImVec2(right, Y(v)), (axis & 0x00FFFFFF) | 0x30000000);
    }
    for (int y = y0; y <= y1; ++y) {
        char b[8];
        std::snprintf(b, sizeof b, "%d", y);
        const float w = ImGui::CalcTextSize(b).x;
        const float x = X(y);
        if (y1 - y0 > 8 && (y - y0) % 2) continue;
        dl->AddText(ImVec2(x - w / 2, bottom + fs * 0.2f), axis, b);
    }
    auto line = [&](const std::vector<Point>& pts, ImU32 col, bool dashed) {
        for (std::size_t i = 0; i + 1 < pts.size(); ++i) {
            ImVec2 a(X(pts[i].year), Y(pts[i].value)), b(X(pts[i + 1].year), Y(pts[i + 1].value));
            if (!dashed) {
                dl->AddLine(a, b, col, 2.0f);
                continue;
            }
            const int n = 12;
            for (int k = 0; k < n; k += 2) {
                const float t0 = float(k) / n, t1 = float(k + 1) / n;
                dl->AddLine(ImVec2(a.x + (b.x - a.x) * t0, a.y + (b.y - a.y) * t0),
                            ImVec2(a.x + (b.x - a.x) * t1, a.y + (b.y - a.y) * t1), col, 1.5f);
            }
        }
        if (!dashed)
            for (const auto& p : pts) dl->AddCircleFilled(ImVec2(X(p.year), Y(p.value)), 3.5f, col);
    };
    const ImU32 c_tce = charts::series_colour(0), c_co2 = charts::series_colour(1);
    line(path_tce, c_tce, true);
    line(path_co2, c_co2, true);
    line(tce, c_tce, false);
    line(co2, c_co2, false);
    if (hovered) {
        const float mx = ImGui::GetIO().MousePos.x;
        int best = y0;
        for (int y = y0; y <= y1; ++y)
            if (std::fabs(X(y) - mx) < std::fabs(X(best) - mx)) best = y;
        if (hover_tip_begin()) {
            tooltip_text(std::to_string(best));
            for (const auto& [pts, key] : {std::pair{&tce, "trend.series_tce"}, std::pair{&co2, "trend.series_co2"}})
                for (const auto& p : *pts)
                    if (p.year == best) {
                        char b[32];
                        std::snprintf(b, sizeof b, "%.1f", p.value);
                        tooltip_text(std::string(tr(key)) + ": " + b);
                    }
            hover_tip_end();
        }
    }
}

} // namespace

void draw_trend_panel(AppState& s) {
    const json& r = s.result();
    section(tr("trend.title"), "help.trend");
    const json* trend = at(r, {"trend"});
    if (!trend || !trend->is_array() || trend->size() < 2) {
        text_wrapped(tr("trend.needs_years"));
        if (small_button(tr("trend.goto_energy"))) s.screen = Screen::energy;
        track("trend.goto_energy");
        return;
    }
    // Intensity per year, first year = 100; target paths from the targets' base year.
    std::vector<Point> tce, co2, ptce, pco2;
    double b_tce = 0, b_co2 = 0;
    for (const json& t : *trend) {
        const json* a = at(t, {"tce_per_10k_yuan_value_added"});
        const json* c = at(t, {"tco2_per_10k_yuan_value_added"});
        const int y = static_cast<int>(number_or(at(t, {"year"}), 0));
        if (is_num(a) && a->get<double>() > 0) {
            if (b_tce == 0) b_tce = a->get<double>();
            tce.push_back({y, a->get<double>() / b_tce * 100});
        }
        if (is_num(c) && c->get<double>() > 0) {
            if (b_co2 == 0) b_co2 = c->get<double>();
            co2.push_back({y, c->get<double>() / b_co2 * 100});
        }
    }
    // Target paths: required change from base to target year, drawn from the first point.
    if (const json* targets = at(r, {"targets"}); targets && targets->is_array())
        for (const json& t : *targets) {
            // base_year/evaluation_year are null when the plan years cannot be placed (json::value throws on null).
            const int by = static_cast<int>(number_or(at(t, {"base_year"}), 0));
            const int ey = static_cast<int>(number_or(at(t, {"evaluation_year"}), 0));
            const json* req = at(t, {"required_change_by_evaluation_year"});
            if (!by || !ey || !is_num(req)) continue;
            std::vector<Point>& path = t.value("metric", "") == "tce_per_10k_yuan_value_added" ? ptce : pco2;
            const std::vector<Point>& series = &path == &ptce ? tce : co2;
            double base = 100;
            for (const auto& p : series)
                if (p.year == by) base = p.value;
            path = {{by, base}, {ey, base * (1 + req->get<double>())}};
        }
    const float w = std::max(ImGui::GetContentRegionAvail().x, ImGui::GetFontSize() * 12);
    trend_chart("trend_chart", tce, co2, ptce, pco2, w, ImGui::GetFontSize() * 12);
    track("trend.chart");
    ImGui::TextColored(ImColor(charts::series_colour(0)), "■ %s", tr("trend.series_tce"));
    ImGui::SameLine();
    ImGui::TextColored(ImColor(charts::series_colour(1)), "■ %s", tr("trend.series_co2"));
    text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("trend.legend_path"));

    // Progress against each target.
    if (const json* targets = at(r, {"targets"}); targets && targets->is_array())
        for (const json& t : *targets) {
            const std::string id = t.value("id", "");
            const char* name = id == "energy_intensity_2025" ? tr("trend.target_energy") : tr("trend.target_carbon");
            const json* act = at(t, {"actual_change"});
            const json* req = at(t, {"required_change_by_evaluation_year"});
            const json* ok = at(t, {"on_track"});
            std::string line = std::string(name) + "：";
            if (is_num(act) && is_num(req)) {
                char b[256];
                std::snprintf(b, sizeof b, tr("trend.progress"), static_cast<int>(number_or(at(t, {"base_year"}), 0)),
                              static_cast<int>(number_or(at(t, {"evaluation_year"}), 0)),
                              pct(act->get<double>()).c_str(), pct(req->get<double>()).c_str());
                line += b;
                const bool on = ok && ok->is_boolean() && ok->get<bool>();
                text_wrapped_colored(on ? col_ok() : col_warning(),
                                     line + " " + (on ? tr("trend.on_track") : tr("trend.off_track")));
            } else {
                const json* m = at(t, {"missing"});
                text_wrapped(line + (m && m->is_object() ? local(*m, "message") : std::string("—")));
            }
            if (const json* note = at(t, {"note"}); note && note->is_object())
                text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), local(*note, "message"));
            track(("trend." + id).c_str());
        }

    // Decomposition.
    const json* d = at(r, {"decomposition"});
    if (d && is_num(at(*d, {"total_change_tco2"}))) {
        char head[160];
        std::snprintf(head, sizeof head, tr("trend.decomp_title"), d->value("from_year", 0), d->value("to_year", 0));
        ImGui::Spacing();
        ImGui::TextUnformatted(head);
        help("help.decomposition");
        struct Term {
            const char* key;
            const char* label;
        };
        static const Term terms[] = {{"activity_tco2", "trend.decomp_activity"},
                                     {"intensity_tco2", "trend.decomp_intensity"},
                                     {"mix_tco2", "trend.decomp_mix"},
                                     {"emission_factor_tco2", "trend.decomp_factor"},
                                     {"total_change_tco2", "trend.decomp_total"}};
        double amax = 1e-9;
        for (const auto& t : terms) amax = std::max(amax, std::fabs(number_or(at(*d, {t.key}), 0)));
        const float fs = ImGui::GetFontSize();
        const float lw = fs * 9, bw = std::max(ImGui::GetContentRegionAvail().x - lw - fs * 6, fs * 6);
        for (const auto& t : terms) {
            const double v = number_or(at(*d, {t.key}), 0);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(tr(t.label));
            ImGui::SameLine(lw);
            const ImVec2 p = ImGui::GetCursorScreenPos();
            const float mid = p.x + bw / 2, len = float(std::fabs(v) / amax) * bw / 2;
            ImDrawList* dl = ImGui::GetWindowDrawList();
            const ImU32 col = v <= 0 ? col_ok() : col_warning();
            dl->AddRectFilled(ImVec2(v < 0 ? mid - len : mid, p.y + 2), ImVec2(v < 0 ? mid : mid + len, p.y + fs), col);
            dl->AddLine(ImVec2(mid, p.y), ImVec2(mid, p.y + fs + 2), ImGui::GetColorU32(ImGuiCol_TextDisabled));
            ImGui::Dummy(ImVec2(bw, fs + 2));
            ImGui::SameLine();
            char b[48];
            std::snprintf(b, sizeof b, "%+.1f", v);
            ImGui::Text("%s %s", b, tr("unit.tco2"));
        }
        if (const double g = number_or(at(*d, {"grid_factor_tco2"}), 0); std::fabs(g) > 0) {
            char b[200];
            std::snprintf(b, sizeof b, tr("trend.decomp_grid"), g);
            ImGui::TextDisabled("%s", b);
        }
        track("trend.decomposition");
    } else if (d) {
        if (const json* m = at(*d, {"missing"}); m && m->is_object()) text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), local(*m, "message"));
    }
}

} // namespace selfcheck::app::ui
