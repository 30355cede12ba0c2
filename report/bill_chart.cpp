#include "bill_chart.hpp"

#include "numbers.hpp"  // viz/: grouping
#include "report.hpp"   // report_format::html_escape
#include "texts.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>

namespace selfcheck::report_charts {

using nlohmann::json;

namespace {
std::string n(double v) {
    char b[32];
    std::snprintf(b, sizeof b, "%.1f", v);
    return b;
}
std::string esc(const std::string& s) { return report_format::html_escape(s); }
// Rounded half away from zero first, as the axis labels always were (printf alone rounds a tie to even).
std::string grouped(double v) { return viz::group(std::round(v), 0); }
double num(const json& j, const char* k) {
    auto it = j.find(k);
    return it != j.end() && it->is_number() ? it->get<double>() : std::nan("");
}
} // namespace

std::string monthly_chart_figure(const json& doc, bool zh) {
    // series: 4 TOU stacks (or one total) per month, kWh; cost per month, yuan
    std::array<std::array<double, 4>, 12> tou{};
    std::array<double, 12> total{}, cost{};
    bool have_tou = false, have_total = false, have_cost = false;
    cost.fill(std::nan(""));
    if (auto e = doc.find("energy"); e != doc.end() && e->is_array())
        for (const auto& r : *e)
            if (r.is_object() && r.value("carrier", "") == "electricity" && r.value("unit", "") == "kWh" &&
                r.contains("monthly") && r["monthly"].is_array() && r["monthly"].size() == 12) {
                for (std::size_t i = 0; i < 12; ++i) total[i] = r["monthly"][i].is_number() ? r["monthly"][i].get<double>() : 0;
                have_total = true;
                break;
            }
    const json* months = nullptr;
    if (auto b = doc.find("bills"); b != doc.end() && b->is_object())
        if (auto e = b->find("electricity"); e != b->end() && e->is_object())
            if (auto m = e->find("months"); m != e->end() && m->is_array()) months = &*m;
    if (months)
        for (const auto& m : *months) {
            int k = m.is_object() ? m.value("month", 0) : 0;
            if (k < 1 || k > 12) continue;
            const char* keys[4] = {"sharp_kwh", "peak_kwh", "flat_kwh", "valley_kwh"};
            for (int i = 0; i < 4; ++i) {
                double v = num(m, keys[i]);
                if (!std::isnan(v)) tou[k - 1][i] = v, have_tou = true;
            }
            double kwh = num(m, "kwh");
            if (!std::isnan(kwh) && !have_total) total[k - 1] = kwh;
            if (!std::isnan(kwh)) have_total = true;
            double c = num(m, "cost_yuan");
            if (!std::isnan(c)) cost[k - 1] = c, have_cost = true;
        }
    if (!have_total && !have_tou) return "";

    auto t = [&](const char* key) {
        texts::Text x = texts::get(key);
        return zh ? x.zh : x.en;
    };
    const int W = 640, H = 260, left = 62, right = 62, top = 28, bottom = 40;
    const double pw = W - left - right, ph = H - top - bottom;
    double max_kwh = 0, max_cost = 0;
    for (int i = 0; i < 12; ++i) {
        double s = have_tou ? tou[i][0] + tou[i][1] + tou[i][2] + tou[i][3] : 0;
        max_kwh = std::max({max_kwh, s, total[i]});
        if (!std::isnan(cost[i])) max_cost = std::max(max_cost, cost[i]);
    }
    if (max_kwh <= 0) max_kwh = 1;
    if (max_cost <= 0) max_cost = 1;
    const std::string title = t("bills.chart.title");
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) +
                    "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
    const char* fills[4] = {"#7f1d1d", "#dc2626", "#f59e0b", "#2563eb"};  // sharp, peak, flat, valley
    const double slot = pw / 12, bw = slot * 0.62;
    s += "<line x1=\"" + n(left) + "\" y1=\"" + n(top + ph) + "\" x2=\"" + n(left + pw) + "\" y2=\"" + n(top + ph) + "\" stroke=\"#111\"/>";
    s += "<text x=\"" + n(left - 6) + "\" y=\"" + n(top - 10) + "\" text-anchor=\"end\" class=\"small\">kWh</text>";
    s += "<text x=\"" + n(left - 6) + "\" y=\"" + n(top + 4) + "\" text-anchor=\"end\" class=\"small\">" + grouped(max_kwh) + "</text>";
    for (int i = 0; i < 12; ++i) {
        const double x = left + slot * i + (slot - bw) / 2;
        double y = top + ph;
        if (have_tou && tou[i][0] + tou[i][1] + tou[i][2] + tou[i][3] > 0) {
            for (int k = 0; k < 4; ++k) {
                double h = tou[i][k] / max_kwh * ph;
                y -= h;
                s += "<rect x=\"" + n(x) + "\" y=\"" + n(y) + "\" width=\"" + n(bw) + "\" height=\"" + n(h) + "\" fill=\"" + fills[k] + "\"/>";
            }
        } else {
            double h = total[i] / max_kwh * ph;
            s += "<rect x=\"" + n(x) + "\" y=\"" + n(y - h) + "\" width=\"" + n(bw) + "\" height=\"" + n(h) + "\" fill=\"#64748b\"/>";
        }
        s += "<text x=\"" + n(left + slot * i + slot / 2) + "\" y=\"" + n(top + ph + 14) + "\" text-anchor=\"middle\" class=\"small\">" +
             std::to_string(i + 1) + "</text>";
    }
    if (have_cost) {
        std::string pts;
        for (int i = 0; i < 12; ++i)
            if (!std::isnan(cost[i])) {
                double x = left + slot * i + slot / 2, y = top + ph - cost[i] / max_cost * ph;
                pts += n(x) + "," + n(y) + " ";
                s += "<circle cx=\"" + n(x) + "\" cy=\"" + n(y) + "\" r=\"3\" fill=\"#111\"/>";
            }
        s += "<polyline points=\"" + pts + "\" fill=\"none\" stroke=\"#111\" stroke-width=\"1.5\"/>";
        s += "<text x=\"" + n(left + pw + 6) + "\" y=\"" + n(top - 10) + "\" class=\"small\">" + esc(t("bills.chart.cost_unit")) + "</text>";
        s += "<text x=\"" + n(left + pw + 6) + "\" y=\"" + n(top + 4) + "\" class=\"small\">" + grouped(max_cost) + "</text>";
    }
    // legend
    double lx = left;
    const double ly = H - 8;
    auto legend = [&](const std::string& fill, const std::string& label, bool line) {
        s += line ? "<line x1=\"" + n(lx) + "\" y1=\"" + n(ly - 4) + "\" x2=\"" + n(lx + 14) + "\" y2=\"" + n(ly - 4) + "\" stroke=\"#111\" stroke-width=\"1.5\"/>"
                  : "<rect x=\"" + n(lx) + "\" y=\"" + n(ly - 10) + "\" width=\"12\" height=\"10\" fill=\"" + fill + "\"/>";
        s += "<text x=\"" + n(lx + 18) + "\" y=\"" + n(ly) + "\" class=\"small\">" + esc(label) + "</text>";
        lx += 24 + 7.5 * static_cast<double>(label.size()) * (zh ? 0.6 : 0.9);
    };
    if (have_tou) {
        const char* keys[4] = {"bills.field.sharp_kwh", "bills.field.peak_kwh", "bills.field.flat_kwh", "bills.field.valley_kwh"};
        for (int k = 0; k < 4; ++k) legend(fills[k], t(keys[k]), false);
    } else {
        legend("#64748b", t("bills.field.kwh"), false);
    }
    if (have_cost) legend("#111", t("bills.field.cost_yuan"), true);
    s += "</svg>";
    return "<figure>" + s + "<figcaption>" + esc(title) + "</figcaption></figure>\n";
}

std::string carrier_monthly_figure(const std::array<double, 12>& v, const std::string& title, const std::string& unit,
                                   const std::string& fill) {
    const int W = 640, H = 220, left = 62, right = 62, top = 28, bottom = 26;
    const double pw = W - left - right, ph = H - top - bottom;
    double max_v = 0;
    for (double x : v) max_v = std::max(max_v, std::isfinite(x) ? x : 0.0);
    if (max_v <= 0) return "";
    std::string s = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(W) + " " + std::to_string(H) +
                    "\" role=\"img\" aria-label=\"" + esc(title) + "\">";
    const double slot = pw / 12, bw = slot * 0.62;
    s += "<line x1=\"" + n(left) + "\" y1=\"" + n(top + ph) + "\" x2=\"" + n(left + pw) + "\" y2=\"" + n(top + ph) + "\" stroke=\"#111\"/>";
    s += "<text x=\"" + n(left - 6) + "\" y=\"" + n(top - 10) + "\" text-anchor=\"end\" class=\"small\">" + esc(unit) + "</text>";
    // the axis top is the largest month, printed to the precision the values have
    char top_label[32];
    std::snprintf(top_label, sizeof top_label, max_v >= 100 ? "%.0f" : max_v >= 1 ? "%.2f" : "%.3g", max_v);
    s += "<text x=\"" + n(left - 6) + "\" y=\"" + n(top + 4) + "\" text-anchor=\"end\" class=\"small\">" +
         (max_v >= 1000 ? grouped(max_v) : std::string(top_label)) + "</text>";
    for (int i = 0; i < 12; ++i) {
        const double x = left + slot * i + (slot - bw) / 2;
        const double h = (std::isfinite(v[i]) && v[i] > 0 ? v[i] : 0) / max_v * ph;
        s += "<rect x=\"" + n(x) + "\" y=\"" + n(top + ph - h) + "\" width=\"" + n(bw) + "\" height=\"" + n(h) + "\" fill=\"" +
             esc(fill) + "\"/>";
        s += "<text x=\"" + n(left + slot * i + slot / 2) + "\" y=\"" + n(top + ph + 14) + "\" text-anchor=\"middle\" class=\"small\">" +
             std::to_string(i + 1) + "</text>";
    }
    s += "</svg>";
    return "<figure>" + s + "<figcaption>" + esc(title) + "</figcaption></figure>\n";
}

} // namespace selfcheck::report_charts
