// Report rendering (HTML with inline SVG) and CSV export from the result JSON. Works from JSON, not
// the Result structs, so modules still growing (findings, measures, green factory) can change their
// structs without breaking the report; every section degrades to "not evaluated" when its data is
// absent. Deterministic: same input, same bytes (no clock, no locale, snprintf with "C" formats).
#include "report.hpp"
#include "bills/bill_chart.hpp"
#include "validate.hpp"

#include "geometry.hpp"  // viz/: grade scale, MAC layout
#include "numbers.hpp"   // viz/: grouping, CSV cells

#include "refdata.hpp"
#include "selfcheck.hpp"
#include "units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <optional>
#include <set>
#include <vector>

namespace selfcheck {

using nlohmann::json;

namespace detail {

namespace {

// Decode one UTF-8 code point at s[i]; returns length consumed (0 if invalid).
std::size_t decode_utf8(std::string_view s, std::size_t i, char32_t& cp) {
    auto b = static_cast<unsigned char>(s[i]);
    auto cont = [&](std::size_t k) {
        return i + k < s.size() && (static_cast<unsigned char>(s[i + k]) & 0xC0) == 0x80;
    };
    if (b < 0x80) return cp = b, 1;
    if ((b & 0xE0) == 0xC0 && b >= 0xC2 && cont(1)) {
        cp = (char32_t(b & 0x1F) << 6) | (static_cast<unsigned char>(s[i + 1]) & 0x3F);
        return 2;
    }
    if ((b & 0xF0) == 0xE0 && cont(1) && cont(2)) {
        cp = (char32_t(b & 0x0F) << 12) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 6) |
             (static_cast<unsigned char>(s[i + 2]) & 0x3F);
        if (cp < 0x800 || (cp >= 0xD800 && cp <= 0xDFFF)) return 0;
        return 3;
    }
    if ((b & 0xF8) == 0xF0 && b <= 0xF4 && cont(1) && cont(2) && cont(3)) {
        cp = (char32_t(b & 0x07) << 18) | (char32_t(static_cast<unsigned char>(s[i + 1]) & 0x3F) << 12) |
             (char32_t(static_cast<unsigned char>(s[i + 2]) & 0x3F) << 6) |
             (static_cast<unsigned char>(s[i + 3]) & 0x3F);
        if (cp < 0x10000 || cp > 0x10FFFF) return 0;
        return 4;
    }
    return 0;
}

// Bidi embedding/override/isolate marks let a name reorder the text around it (a "Trojan Source"
// style spoof); in a report they are never wanted, so they become a visible marker.
bool is_bidi_control(char32_t c) {
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069) || c == 0x200E || c == 0x200F ||
           c == 0x061C;
}

} // namespace

std::string html_escape(std::string_view s) {
    std::string out;
    out.reserve(s.size() + s.size() / 8);
    std::size_t i = 0;
    while (i < s.size()) {
        char32_t cp = 0;
        std::size_t n = decode_utf8(s, i, cp);
        if (n == 0) {
            out += "\xEF\xBF\xBD";  // U+FFFD for invalid bytes
            ++i;
            continue;
        }
        switch (cp) {
        case '&': out += "&amp;"; break;
        case '<': out += "&lt;"; break;
        case '>': out += "&gt;"; break;
        case '"': out += "&quot;"; break;
        case '\'': out += "&#39;"; break;
        case '\n':
        case '\t': out += ' '; break;
        default:
            if (cp < 0x20 || cp == 0x7F || (cp >= 0x80 && cp < 0xA0)) {
                out += "\xEF\xBF\xBD";
            } else if (is_bidi_control(cp)) {
                char buf[16];
                std::snprintf(buf, sizeof buf, "[U+%04X]", static_cast<unsigned>(cp));
                out += buf;
            } else {
                out.append(s.substr(i, n));
            }
        }
        i += n;
    }
    return out;
}

std::string format_number(double v, int decimals) { return viz::group(v, decimals); }

std::string csv_text_cell(std::string_view text) { return viz::csv_cell(text); }

} // namespace detail

namespace {

using detail::format_number;

// ------------------------------------------------------------------------------------------------
// Safe JSON access: the report never throws on a missing or mistyped key.

const json* at(const json& j, std::initializer_list<const char*> path) { return selfcheck::json_at(j, path); }

std::optional<double> num(const json& j, std::initializer_list<const char*> path) {
    const json* p = at(j, path);
    if (!p || !p->is_number()) return std::nullopt;
    double v = p->get<double>();
    if (!std::isfinite(v)) return std::nullopt;
    return v;
}

std::string str(const json& j, std::initializer_list<const char*> path) {
    const json* p = at(j, path);
    if (!p) return {};
    if (p->is_string()) return p->get<std::string>();
    if (p->is_number_integer()) return std::to_string(p->get<long long>());
    return {};
}

const json& arr(const json& j, std::initializer_list<const char*> path) {
    static const json empty = json::array();
    const json* p = at(j, path);
    return p && p->is_array() ? *p : empty;
}

const json& obj(const json& j, std::initializer_list<const char*> path) {
    static const json empty = json::object();
    const json* p = at(j, path);
    return p && p->is_object() ? *p : empty;
}

std::string esc(std::string_view s) { return detail::html_escape(s); }

// ------------------------------------------------------------------------------------------------
// Language

struct Lang {
    bool zh = true;
    const char* t(const char* z, const char* e) const { return zh ? z : e; }
    // Pick the zh/en variant of a bilingual field pair (name_zh/name_en, message_zh/message_en).
    std::string pick(const json& j, const char* base) const {
        std::string k = std::string(base) + (zh ? "_zh" : "_en");
        std::string v = str(j, {k.c_str()});
        if (v.empty()) v = str(j, {(std::string(base) + (zh ? "_en" : "_zh")).c_str()});
        if (v.empty()) v = str(j, {base});
        return v;
    }
};

std::string unit_label(const std::string& unit, const Lang& L) {
    if (L.zh) {
        if (auto u = parse_unit(unit)) return std::string(unit_label_zh(*u));
        if (unit == "GJ") return "吉焦";
        if (unit == "m") return "米";
        if (unit == "10k_m") return "万米";
        if (unit == "m2") return "平方米";
        if (unit == "10k_m2") return "万平方米";
    } else {
        if (unit == "10k_kWh") return "10,000 kWh";
        if (unit == "10k_m3") return "10,000 m³";
        if (unit == "m3") return "m³";
        if (unit == "10k_m") return "10,000 m";
    }
    return unit;
}

// Formatted number with unit, or a dash.
std::string fmt(std::optional<double> v, int dec, const std::string& unit = "") {
    if (!v) return "—";
    return format_number(*v, dec) + (unit.empty() ? "" : " " + unit);
}

std::string pct(std::optional<double> share, int dec = 1) {
    if (!share) return "—";
    return format_number(*share * 100.0, dec) + "%";
}

// Coefficients: enough significant digits, trailing zeros trimmed (0.1229, 1.4571, 34.12).
std::string fmt_coef(double v) {
    if (!std::isfinite(v)) return "—";
    int dec = std::fabs(v) >= 100 ? 2 : std::fabs(v) >= 1 ? 4 : 6;
    std::string s = format_number(v, dec);
    if (s.find('.') != std::string::npos) {
        while (!s.empty() && s.back() == '0') s.pop_back();
        if (!s.empty() && s.back() == '.') s.pop_back();
    }
    return s;
}

struct Units {
    std::string tce, tco2, wy, yuan_per_tco2, years, per_wy_tce, per_wy_tco2;
};

Units units_for(const Lang& L) {
    if (L.zh)
        return {"吨标准煤", "吨CO₂", "万元", "元/吨CO₂", "年", "吨标准煤/万元", "吨CO₂/万元"};
    return {"tce", "tCO₂", "10k yuan", "yuan/tCO₂", "years", "tce/10k yuan", "tCO₂/10k yuan"};
}

std::string missing_text(const json& m, const Lang& L) {
    if (!m.is_object()) return {};
    return L.pick(m, "message");
}

std::string severity_label(const std::string& s, const Lang& L) {
    if (s == "high") return L.t("高", "high");
    if (s == "medium") return L.t("中", "medium");
    if (s == "low") return L.t("低", "low");
    if (s == "info") return L.t("提示", "info");
    return s;
}

std::string level_label(const std::string& s, const Lang& L) {
    if (s == "low") return L.t("低碳", "low carbon");
    if (s == "medium") return L.t("中碳", "medium carbon");
    if (s == "high") return L.t("高碳", "high carbon");
    return s;
}

std::string tier_label(const std::string& s, const Lang& L) {
    if (s == "ge5000") return L.t("年综合能耗 5,000 吨标准煤及以上", "5,000 tce and above");
    if (s == "1000to5000") return L.t("1,000（含）至 5,000 吨标准煤", "1,000 to 5,000 tce");
    if (s == "lt1000") return L.t("1,000 吨标准煤以下", "below 1,000 tce");
    return s.empty() ? "—" : s;
}

std::string mix_group_label(const std::string& g, const Lang& L) {
    if (g == "coal") return L.t("煤炭", "coal");
    if (g == "oil") return L.t("油品", "oil");
    if (g == "gas") return L.t("天然气等", "gas");
    if (g == "electricity") return L.t("电力", "electricity");
    if (g == "heat") return L.t("热力", "heat");
    if (g == "renewable") return L.t("可再生能源", "renewables");
    if (g == "other") return L.t("其他", "other");
    return g;
}

std::string product_status_label(const std::string& s, const Lang& L) {
    if (s == "level1") return L.t("达到 1 级（先进）", "level 1 (advanced)");
    if (s == "level2") return L.t("达到 2 级", "level 2");
    if (s == "level3") return L.t("达到 3 级（限定值）", "level 3 (limit)");
    if (s == "above_level3") return L.t("超过 3 级限定值", "above the level-3 limit");
    return L.t("无法判断", "not determined");
}

std::string confidence_label(const std::string& c, const Lang& L) {
    if (c == "C") return L.t("C 已核对原文", "C confirmed");
    if (c == "S") return L.t("S 二手来源", "S secondary");
    if (c == "M") return L.t("M 待核实", "M to verify");
    if (c == "X") return L.t("X 推算", "X constructed");
    if (c == "user") return L.t("用户填写", "user-given");
    if (c == "estimate") return L.t("估算", "estimate");
    return c;
}

// Carrier display name: from the result row, else the id.
std::string carrier_name(const json& result, const std::string& id, const Lang& L) {
    for (const auto& c : arr(result, {"energy", "by_carrier"}))
        if (str(c, {"carrier"}) == id) {
            std::string n = L.pick(c, "name");
            if (!n.empty()) return n;
        }
    return id;
}

int carrier_scope(const json& result, const std::string& id) {
    for (const auto& c : arr(result, {"energy", "by_carrier"}))
        if (str(c, {"carrier"}) == id) {
            if (auto s = num(c, {"scope"})) return static_cast<int>(*s);
        }
    return 0;
}

// ------------------------------------------------------------------------------------------------
// SVG helpers. Fills are colour plus a pattern, so adjacent series stay apart in greyscale print.

constexpr double k_pi = 3.14159265358979323846;

const char* const k_colours[] = {"#1f4e79", "#e3a33b", "#5b9a4d", "#b5483a", "#9cc3e4", "#7a5c99", "#c9c9c9", "#3f3f3f"};
constexpr int k_ncolours = 8;

std::string svg_num(double v) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f", std::isfinite(v) ? v : 0.0);
    std::string s = buf;
    if (s == "-0.0") s = "0.0";
    return s;
}

// <defs> with pattern fills p0..p7 for one chart (ids prefixed: several charts share a document).
std::string svg_pattern_defs(const std::string& prefix) {
    std::string d = "<defs>";
    for (int i = 0; i < k_ncolours; ++i) {
        d += "<pattern id=\"" + prefix + "-p" + std::to_string(i) +
             "\" patternUnits=\"userSpaceOnUse\" width=\"6\" height=\"6\">";
        d += "<rect width=\"6\" height=\"6\" fill=\"" + std::string(k_colours[i]) + "\"/>";
        switch (i % 4) {
        case 1: d += "<path d=\"M0 6L6 0\" stroke=\"#fff\" stroke-width=\"1.2\"/>"; break;
        case 2: d += "<circle cx=\"3\" cy=\"3\" r=\"1.1\" fill=\"#fff\"/>"; break;
        case 3: d += "<path d=\"M0 0L6 6\" stroke=\"#000\" stroke-width=\"0.8\" stroke-opacity=\"0.6\"/>"; break;
        default: break;
        }
        d += "</pattern>";
    }
    return d + "</defs>";
}

std::string fill_ref(const std::string& prefix, int i) {
    return "url(#" + prefix + "-p" + std::to_string(i % k_ncolours) + ")";
}

std::string svg_text(double x, double y, const std::string& text, const char* anchor = "start",
                     const char* cls = "") {
    std::string s = "<text x=\"" + svg_num(x) + "\" y=\"" + svg_num(y) + "\" text-anchor=\"" + anchor + "\"";
    if (*cls) s += std::string(" class=\"") + cls + "\"";
    return s + ">" + esc(text) + "</text>";
}

std::string svg_rect(double x, double y, double w, double h, const std::string& fill,
                     const char* extra = "stroke=\"#000\" stroke-width=\"0.5\"") {
    return "<rect x=\"" + svg_num(x) + "\" y=\"" + svg_num(y) + "\" width=\"" + svg_num(std::max(0.0, w)) +
           "\" height=\"" + svg_num(std::max(0.0, h)) + "\" fill=\"" + fill + "\" " + extra + "/>";
}

std::string svg_open(int w, int h, const std::string& label) {
    return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + std::to_string(w) + " " +
           std::to_string(h) + "\" role=\"img\" aria-label=\"" + esc(label) + "\">";
}

std::string figure(const std::string& svg, const std::string& caption) {
    return "<figure>" + svg + "<figcaption>" + esc(caption) + "</figcaption></figure>\n";
}

struct Slice {
    std::string label;
    double value = 0;
};

std::string donut_chart(const std::vector<Slice>& slices, const std::string& title, const std::string& center,
                        const std::string& prefix) {
    const int w = 420, h = 200;
    const double cx = 100, cy = 100, r0 = 52, r1 = 88;
    double total = 0;
    for (const auto& s : slices) total += std::max(0.0, s.value);
    std::string svg = svg_open(w, h, title) + svg_pattern_defs(prefix);
    if (total <= 0) return svg + svg_text(cx, cy, "—", "middle") + "</svg>";
    double a = -k_pi / 2;
    int i = 0;
    for (const auto& s : slices) {
        double frac = std::max(0.0, s.value) / total;
        if (frac <= 0) { ++i; continue; }
        if (frac >= 0.9999) {
            svg += "<circle cx=\"" + svg_num(cx) + "\" cy=\"" + svg_num(cy) + "\" r=\"" + svg_num((r0 + r1) / 2) +
                   "\" fill=\"none\" stroke=\"" + fill_ref(prefix, i) + "\" stroke-width=\"" + svg_num(r1 - r0) + "\"/>";
        } else {
            double b = a + frac * 2 * k_pi;
            int large = frac > 0.5 ? 1 : 0;
            auto px = [&](double r, double ang) { return svg_num(cx + r * std::cos(ang)); };
            auto py = [&](double r, double ang) { return svg_num(cy + r * std::sin(ang)); };
            svg += "<path d=\"M" + px(r1, a) + " " + py(r1, a) + "A" + svg_num(r1) + " " + svg_num(r1) + " 0 " +
                   std::to_string(large) + " 1 " + px(r1, b) + " " + py(r1, b) + "L" + px(r0, b) + " " + py(r0, b) +
                   "A" + svg_num(r0) + " " + svg_num(r0) + " 0 " + std::to_string(large) + " 0 " + px(r0, a) + " " +
                   py(r0, a) + "Z\" fill=\"" + fill_ref(prefix, i) + "\" stroke=\"#fff\" stroke-width=\"1\"/>";
            a = b;
        }
        ++i;
    }
    svg += svg_text(cx, cy + 5, center, "middle", "big");
    // Legend with values: the chart never relies on colour alone.
    i = 0;
    double ly = 28;
    for (const auto& s : slices) {
        svg += svg_rect(215, ly - 11, 16, 14, fill_ref(prefix, i));
        svg += svg_text(239, ly, s.label + "  " + format_number(std::max(0.0, s.value) / total * 100.0, 1) + "%");
        ly += 24;
        ++i;
    }
    return svg + "</svg>";
}

// Horizontal bars (one per row) each stacked by segment; a shared legend of segment names.
struct StackRow {
    std::string label;
    std::vector<double> values;  // per segment
};

std::string stacked_bar_chart(const std::vector<StackRow>& rows, const std::vector<std::string>& segments,
                              const std::string& title, const std::string& unit, const std::string& prefix) {
    const int w = 640;
    const double left = 110, right = 90, bar_h = 26, gap = 16, top = 12;
    int legend_rows = static_cast<int>((segments.size() + 3) / 4);
    int h = static_cast<int>(top + rows.size() * (bar_h + gap) + 10 + legend_rows * 20 + 6);
    double maxv = 0;
    for (const auto& r : rows) {
        double s = 0;
        for (double v : r.values) s += std::max(0.0, v);
        maxv = std::max(maxv, s);
    }
    std::string svg = svg_open(w, h, title) + svg_pattern_defs(prefix);
    double scale = maxv > 0 ? (w - left - right) / maxv : 0;
    double y = top;
    for (const auto& r : rows) {
        svg += svg_text(left - 8, y + bar_h / 2 + 4, r.label, "end");
        double x = left, sum = 0;
        for (std::size_t k = 0; k < r.values.size(); ++k) {
            double v = std::max(0.0, r.values[k]);
            if (v <= 0) continue;
            svg += svg_rect(x, y, v * scale, bar_h, fill_ref(prefix, static_cast<int>(k)));
            x += v * scale;
            sum += v;
        }
        svg += svg_text(x + 6, y + bar_h / 2 + 4, format_number(sum, 0) + " " + unit);
        y += bar_h + gap;
    }
    double ly = y + 6;
    for (std::size_t k = 0; k < segments.size(); ++k) {
        double lx = 20 + static_cast<double>(k % 4) * 155;
        if (k > 0 && k % 4 == 0) ly += 20;
        svg += svg_rect(lx, ly - 11, 14, 13, fill_ref(prefix, static_cast<int>(k)));
        svg += svg_text(lx + 20, ly, segments[k]);
    }
    return svg + "</svg>";
}

// ------------------------------------------------------------------------------------------------
// Page pieces

const char* k_css = R"CSS(
:root{--ink:#111;--muted:#555;--rule:#999;--band:#eef2f6}
*{box-sizing:border-box}
html{-webkit-print-color-adjust:exact;print-color-adjust:exact}
body{margin:0;padding:24px;color:var(--ink);background:#fff;font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei","WenQuanYi Micro Hei",system-ui,sans-serif;font-size:10.5pt;line-height:1.5}
main{max-width:190mm;margin:0 auto}
h1{font-size:22pt;margin:0 0 8px}
h2{font-size:14pt;margin:22px 0 8px;padding-bottom:3px;border-bottom:2px solid var(--ink)}
h3{font-size:11.5pt;margin:14px 0 6px}
p{margin:6px 0}
.muted{color:var(--muted)}
.small{font-size:8.5pt}
table{width:100%;border-collapse:collapse;margin:6px 0 10px;font-size:9pt}
th,td{border:1px solid var(--rule);padding:3px 5px;vertical-align:top;text-align:left}
thead th{background:var(--band);font-weight:bold}
td.n,th.n{text-align:right;white-space:nowrap;font-variant-numeric:tabular-nums}
tfoot td{font-weight:bold;background:#f7f7f7}
.cover{min-height:250mm;display:flex;flex-direction:column;justify-content:space-between}
.cover .brand{font-size:11pt;color:var(--muted);letter-spacing:1px}
.cover .ent{font-size:18pt;font-weight:bold;margin:36px 0 6px;overflow-wrap:anywhere}
.cover dl{display:grid;grid-template-columns:max-content 1fr;gap:4px 16px;margin:18px 0}
.cover dt{color:var(--muted)}
.cover dd{margin:0;overflow-wrap:anywhere}
.cards{display:grid;grid-template-columns:repeat(3,1fr);gap:8px;margin:8px 0}
.card{border:1px solid var(--rule);border-left:4px solid var(--ink);padding:6px 8px}
.card .k{font-size:8.5pt;color:var(--muted)}
.card .v{font-size:14pt;font-weight:bold;overflow-wrap:anywhere}
.card .u{font-size:8.5pt;color:var(--muted)}
.note{border:1px solid var(--rule);background:#f6f6f6;padding:6px 8px;margin:8px 0}
.na{border:1px dashed var(--rule);padding:6px 8px;color:var(--muted);margin:6px 0}
.sev-high{font-weight:bold}
figure{margin:8px 0 12px;padding:0}
figure svg{width:100%;height:auto;display:block}
figcaption{font-size:8.5pt;color:var(--muted);margin-top:2px}
svg text{font-family:inherit;font-size:11px;fill:#111}
svg text.big{font-size:15px;font-weight:bold}
svg text.small{font-size:9px}
ul{margin:4px 0;padding-left:20px}
.wrap{overflow-wrap:anywhere}
.nw{white-space:nowrap}
table.fixed{table-layout:fixed}
table.fixed td,table.fixed th{overflow-wrap:anywhere}
table.fixed td.n,table.fixed th.n{white-space:normal}
td.r{text-align:right}
figure.narrow svg{max-width:120mm;margin:0 auto}
@page{size:A4;margin:14mm 13mm 16mm 13mm;@bottom-right{content:counter(page) " / " counter(pages);font-size:8pt;color:#555}}
@media print{
 body{padding:0;font-size:10pt}
 main{max-width:none}
 .cover{min-height:260mm;break-after:page}
 h2,h3{break-after:avoid}
 thead{display:table-header-group}
 tfoot{display:table-footer-group}
 tr,figure,.card,.note,.na,dl{break-inside:avoid}
 section.major{break-before:page}
}
)CSS";

struct Ctx {
    const json& in;
    const json& r;
    Lang L;
    Units U;
    const ReportOptions& opt;
    int section = 0;
    std::string h2(const char* zh, const char* en) {
        ++section;
        return "<h2>" + std::to_string(section) + " " + esc(L.t(zh, en)) + "</h2>\n";
    }
};

std::string not_evaluated(const Lang& L, const std::string& why) {
    return "<p class=\"na\">" + esc(L.t("未评估", "Not evaluated")) + (why.empty() ? "" : "：" + esc(why)) + "</p>\n";
}

std::string region_name(const Ctx& c, const std::string& dataset, const std::string& id) {
    if (id.empty()) return {};
    if (c.opt.ref)
        if (const Record* rec = c.opt.ref->record(dataset, id)) {
            std::string n = c.L.zh ? rec->raw.value("name_zh", std::string()) : rec->raw.value("name_en", std::string());
            if (!n.empty()) return n + " (" + id + ")";
        }
    return id;
}

// The grade cuts come from carbon_efficiency.json (the options' data, else the built-in data).
viz::GradeScale grade_scale(const ReportOptions& o) {
    const RefData& ref = o.ref ? *o.ref : RefData::builtin();
    return viz::grade_scale([&ref](const std::string& id) -> std::optional<double> {
        const Record* rec = ref.record("carbon_efficiency", id);
        return rec ? rec->value : std::nullopt;
    });
}

std::string cover(Ctx& c) {
    const json& e = obj(c.in, {"enterprise"});
    std::string name = str(e, {"name"});
    std::string s = "<section class=\"cover\"><div>";
    s += "<div class=\"brand\">" + esc(c.L.t("企业节能降碳自诊断", "SME energy & carbon self-check")) + "</div>";
    s += "<h1>" + esc(c.L.t("企业节能降碳自诊断报告", "Energy and carbon self-check report")) + "</h1>";
    s += "<div class=\"ent\">" + esc(name.empty() ? c.L.t("（未填写企业名称）", "(enterprise name not given)") : name) +
         "</div><dl>";
    auto row = [&](const char* zh, const char* en, const std::string& v) {
        if (v.empty()) return;
        s += "<dt>" + esc(c.L.t(zh, en)) + "</dt><dd>" + esc(v) + "</dd>";
    };
    row("统一社会信用代码", "Unified social credit code", str(e, {"credit_code"}));
    std::string region = region_name(c, "regions", str(e, {"city"}));
    std::string county = region_name(c, "regions", str(e, {"county"}));
    if (!county.empty()) region += (region.empty() ? "" : " / ") + county;
    row("所在地区", "Location", region);
    row("所属行业（GB/T 4754-2017）", "Industry (GB/T 4754-2017)", region_name(c, "industries", str(e, {"industry"})));
    std::string year = str(e, {"year"});
    row("评估期", "Period", year.empty() ? "" : (c.L.zh ? year + " 年度（1 月 1 日至 12 月 31 日）" : "calendar year " + year));
    std::string gen = c.opt.generator.empty() ? "SelfCheck " + std::string(version()) : c.opt.generator;
    std::string app = str(c.r, {"app_version"});
    if (c.opt.generator.empty() && !app.empty()) gen = "SelfCheck " + app;
    row("生成工具", "Generated by", gen);
    row("生成日期", "Date generated", c.opt.generated_date);
    s += "</dl></div><div>";
    s += "<h3>" + esc(c.L.t("参考数据版本", "Reference data versions")) + "</h3>";
    const json& dv = obj(c.r, {"data_versions"});
    if (dv.empty()) s += "<p class=\"muted\">—</p>";
    else {
        s += "<table class=\"small\"><thead><tr><th>" + esc(c.L.t("数据集", "Dataset")) + "</th><th>" +
             esc(c.L.t("版本", "Version")) + "</th></tr></thead><tbody>";
        for (auto it = dv.begin(); it != dv.end(); ++it)
            s += "<tr><td>" + esc(it.key()) + "</td><td>" + esc(it->is_string() ? it->get<std::string>() : it->dump()) +
                 "</td></tr>";
        s += "</tbody></table>";
    }
    s += "<p class=\"small muted\">" +
         esc(c.L.t("本报告为企业自评估结果，不是官方核查、认证或评价结论。",
                   "This report is a self-assessment. It is not an official verification, certification or rating.")) +
         "</p></div></section>\n";
    return s;
}

std::string card(const std::string& k, const std::string& v, const std::string& u) {
    return "<div class=\"card\"><div class=\"k\">" + esc(k) + "</div><div class=\"v\">" + esc(v) +
           "</div><div class=\"u\">" + esc(u) + "</div></div>";
}

std::string gauge_chart(const Ctx& c) {
    const json& ce = obj(c.r, {"carbon_efficiency"});
    auto k = num(ce, {"index"});
    const viz::GradeScale scale = grade_scale(c.opt);
    const std::vector<double>& cuts = scale.cuts;
    double maxv = std::max({2.5, cuts.empty() ? 0.0 : cuts.back() * 1.25, k ? *k * 1.1 : 0.0});
    const int w = 640, h = 120;
    const double left = 20, right = 20, y0 = 38, bh = 30;
    double xs = (w - left - right) / maxv;
    std::string title = c.L.t("碳效值 K 与碳效等级", "Carbon-efficiency value K and grade");
    std::string svg = svg_open(w, h, title);
    const char* band_fill[] = {"#e8f1e4", "#cfe3c6", "#f2e6c4", "#e9c3a8", "#c98f80"};
    double prev = 0;
    const int grades = scale.grades();
    for (int g = 0; g < grades; ++g) {
        double hi = g < grades - 1 ? cuts[static_cast<std::size_t>(g)] : maxv;
        svg += svg_rect(left + prev * xs, y0, (hi - prev) * xs, bh, band_fill[std::min(g, 4)],
                        "stroke=\"#333\" stroke-width=\"0.6\"");
        std::string lbl = c.L.zh ? std::to_string(g + 1) + " 级" : "grade " + std::to_string(g + 1);
        svg += svg_text(left + (prev + hi) / 2 * xs, y0 + bh / 2 + 4, lbl, "middle", "small");
        prev = hi;
    }
    for (double cut : cuts) {
        double x = left + cut * xs;
        svg += "<line x1=\"" + svg_num(x) + "\" y1=\"" + svg_num(y0 - 4) + "\" x2=\"" + svg_num(x) + "\" y2=\"" +
               svg_num(y0 + bh + 4) + "\" stroke=\"#000\" stroke-width=\"1.2\"/>";
        svg += svg_text(x, y0 + bh + 16, format_number(cut, 1), "middle");
    }
    svg += svg_text(left, y0 + bh + 16, "0", "start");
    if (k) {
        double x = left + *k * xs;
        svg += "<path d=\"M" + svg_num(x - 7) + " " + svg_num(y0 - 16) + "L" + svg_num(x + 7) + " " + svg_num(y0 - 16) +
               "L" + svg_num(x) + " " + svg_num(y0 - 2) + "Z\" fill=\"#000\"/>";
        svg += "<line x1=\"" + svg_num(x) + "\" y1=\"" + svg_num(y0) + "\" x2=\"" + svg_num(x) + "\" y2=\"" +
               svg_num(y0 + bh) + "\" stroke=\"#000\" stroke-width=\"3\"/>";
        double tx = std::min(std::max(x, left + 60), w - right - 60.0);
        svg += svg_text(tx, y0 - 20, "K = " + format_number(*k, 2), "middle", "big");
    } else {
        svg += svg_text(w / 2.0, y0 - 14, c.L.t("K 未计算（见下文说明）", "K not computed (see below)"), "middle");
    }
    std::string cut_list;
    for (double cut : cuts) cut_list += (cut_list.empty() ? "" : " / ") + format_number(cut, 1);
    return figure(svg + "</svg>", title + c.L.t("（刻度 ", " (cuts at ") + cut_list +
                                      c.L.t(" 为等级分界，K 越小越好）", " separate the grades; lower is better)"));
}

std::string summary(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("摘要", "Summary");
    const json& ce = obj(c.r, {"carbon_efficiency"});
    s += "<div class=\"cards\">";
    s += card(L.t("综合能耗（当量值）", "Comprehensive energy consumption (equivalent value)"),
              fmt(num(c.r, {"energy", "total_tce"}), 2), c.U.tce);
    s += card(L.t("综合能耗（等价值）", "Comprehensive energy consumption (equal value)"),
              fmt(num(c.r, {"energy", "total_equal_tce"}), 2), c.U.tce);
    s += card(L.t("二氧化碳排放总量", "Total CO₂ emissions"), fmt(num(c.r, {"emissions", "total_tco2"}), 2), c.U.tco2);
    auto grade = num(ce, {"grade"});
    auto k = num(ce, {"index"});
    s += card(L.t("碳效等级", "Carbon-efficiency grade"),
              grade ? (L.zh ? std::to_string(static_cast<int>(*grade)) + " 级" : std::to_string(static_cast<int>(*grade)))
                    : L.t("未评定", "not rated"),
              k ? "K = " + format_number(*k, 2) + L.t("（1 级最优，5 级最差）", " (1 best … 5 worst)")
                : missing_text(obj(ce, {"missing"}), L));  // the result's own reason, as the app shows it
    std::string level = str(ce, {"level"});
    s += card(L.t("单位增加值碳排放 L", "Carbon intensity of value added L"), fmt(num(ce, {"intensity"}), 3),
              c.U.per_wy_tco2 + (level.empty() ? "" : " · " + level_label(level, L)));
    s += card(L.t("用能预算分级", "Tiered energy budgeting"), tier_label(str(c.r, {"energy", "budget_tier"}), L),
              L.t("电气化率 ", "electrification rate ") + pct(num(c.r, {"energy", "electrification_rate"})));
    s += "</div>";
    if (!grade) {
        std::string why = missing_text(obj(ce, {"missing"}), L);
        s += "<p class=\"note\">" + esc(L.t("碳效等级尚不能计算：", "The carbon-efficiency grade cannot be computed yet: ")) +
             esc(why.empty() ? L.t("需要工业增加值（万元）和所属行业的平均碳强度。",
                                   "it needs value added (10k yuan) and the industry's average carbon intensity.")
                             : why) +
             "</p>";
    }
    s += gauge_chart(c);
    // Key-unit status from the same two result fields and in the same words as the app
    // (assets/i18n results.key_unit_yes / _may / _no), with the clause the result cites.
    bool key = at(c.r, {"energy", "key_energy_unit"}) && c.r["energy"]["key_energy_unit"].is_boolean() &&
               c.r["energy"]["key_energy_unit"].get<bool>();
    bool may = at(c.r, {"energy", "key_unit_may_be_designated"}) && c.r["energy"]["key_unit_may_be_designated"].is_boolean() &&
               c.r["energy"]["key_unit_may_be_designated"].get<bool>();
    s += "<p>" + esc(key ? L.t("属于重点用能单位（≥ 1 万吨标准煤）", "Key energy-using unit (≥ 10,000 tce)")
                     : may ? L.t("可能被指定为重点用能单位（5000–10000 吨标准煤）",
                                 "May be designated a key energy-using unit (5,000–10,000 tce)")
                           : L.t("不属于重点用能单位", "Not a key energy-using unit"));
    if (!str(c.r, {"energy", "key_unit_clause"}).empty())
        s += esc(L.t("（", " (") + str(c.r, {"energy", "key_unit_clause"}) + L.t("）", ")"));
    s += "</p>";
    auto nf = arr(c.r, {"findings"}).size(), nm = arr(obj(c.r, {"portfolio"}), {"selected"}).size();
    if (nf || nm) {
        char buf[200];
        std::snprintf(buf, sizeof buf, L.t("诊断发现 %zu 项，推荐（或已选）技改措施 %zu 项。", "%zu findings and %zu recommended (or selected) measures."), nf,
                      nm);
        s += "<p>" + esc(buf) + "</p>";
    }
    return s + "</section>\n";
}

std::string th(const std::string& t, bool n = false) { return n ? "<th class=\"n\">" + esc(t) + "</th>" : "<th>" + esc(t) + "</th>"; }
std::string td(const std::string& t, bool n = false) { return n ? "<td class=\"n\">" + esc(t) + "</td>" : "<td>" + esc(t) + "</td>"; }
std::string td_cls(const char* cls, const std::string& t) { return std::string("<td class=\"") + cls + "\">" + esc(t) + "</td>"; }

std::string scope_label(int scope, const Lang& L) {
    if (scope == 1) return L.t("范围一（直接）", "scope 1 (direct)");
    if (scope == 2) return L.t("范围二（间接）", "scope 2 (indirect)");
    return L.t("不计入", "not counted");
}

std::string scope_short(int scope, const Lang& L) {
    if (scope == 1) return L.t("范围一", "scope 1");
    if (scope == 2) return L.t("范围二", "scope 2");
    return L.t("不计入", "not counted");
}

std::string energy_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("能源消费与综合能耗", "Energy consumption");
    const json& rows = arr(c.r, {"energy", "by_carrier"});
    const json& in_rows = arr(c.in, {"energy"});
    if (rows.empty()) return s + not_evaluated(L, L.t("未填写能源消费数据", "no energy data entered")) + "</section>\n";
    s += "<table class=\"small fixed\"><colgroup><col style=\"width:10%\"><col style=\"width:12%\"><col style=\"width:8%\">"
         "<col style=\"width:12%\"><col style=\"width:11%\"><col style=\"width:11%\"><col style=\"width:11%\">"
         "<col style=\"width:8%\"><col style=\"width:17%\"></colgroup><thead><tr>" + th(L.t("能源品种", "Carrier")) + th(L.t("实物量", "Quantity"), true) +
         th(L.t("单位", "Unit")) + th(L.t("折标准煤系数", "Standard-coal coefficient"), true) +
         th(L.t("当量值（吨标准煤）", "Equivalent value (tce)"), true) +
         th(L.t("等价值（吨标准煤）", "Equal value (tce)"), true) + th(L.t("CO₂（吨）", "CO₂ (t)"), true) +
         th(L.t("排放范围", "Scope")) + th(L.t("备注", "Note")) + "</tr></thead><tbody>";
    for (std::size_t i = 0; i < rows.size(); ++i) {
        const json& row = rows[i];
        std::string carrier = str(row, {"carrier"});
        std::string coef = num(row, {"kgce_per_base_unit"}) ? fmt_coef(*num(row, {"kgce_per_base_unit"})) + " kgce/" +
                                                                  unit_label(str(row, {"base_unit"}), L)
                                                            : "—";
        std::string note;
        if (i < in_rows.size() && str(in_rows[i], {"carrier"}) == carrier) note = str(in_rows[i], {"note"});
        auto flag = [&](const char* key) { const json* p = at(row, {key}); return p && p->is_boolean() && p->get<bool>(); };
        if (flag("measured_ncv")) note = std::string(L.t("实测低位发热量", "measured NCV")) + (note.empty() ? "" : "; " + note);
        if (flag("feedstock")) note = std::string(L.t("原料用能，不计入", "feedstock, excluded")) + (note.empty() ? "" : "; " + note);
        int scope = static_cast<int>(num(row, {"scope"}).value_or(0));
        s += "<tr>" + td(L.pick(row, "name").empty() ? carrier : L.pick(row, "name")) +
             td(fmt(num(row, {"quantity"}), 2), true) + td_cls("nw", unit_label(str(row, {"unit"}), L)) + td_cls("r", coef) +
             td(fmt(num(row, {"tce"}), 2), true) + td(fmt(num(row, {"tce_equal"}), 2), true) +
             td(fmt(num(row, {"tco2"}), 2), true) + td_cls("nw", scope_short(scope, L)) + "<td class=\"wrap\">" + esc(note) + "</td></tr>";
    }
    s += "</tbody><tfoot><tr>" + td(L.t("合计", "Total")) + "<td></td><td></td><td></td>" +
         td(fmt(num(c.r, {"energy", "total_tce"}), 2), true) + td(fmt(num(c.r, {"energy", "total_equal_tce"}), 2), true) +
         td(fmt(num(c.r, {"emissions", "total_tco2"}), 2), true) + "<td></td><td></td></tr></tfoot></table>\n";
    auto feed = num(c.r, {"energy", "feedstock_tce"});
    auto ren = num(c.r, {"energy", "renewable_tce"});
    s += "<p class=\"small\">" +
         esc(L.t("计算方法：按 GB/T 2589-2020《综合能耗计算通则》，各能源实物量乘以折标准煤系数求和；电力按当量值"
                 "（0.1229 千克标准煤/千瓦时）计入综合能耗，等价值按当年供电标准煤耗折算并列示；原料用能不计入；"
                 "自发自用光伏电量计入综合能耗。实测低位发热量优先于默认系数。各系数来源见“方法与因子来源”。",
                 "Method: GB/T 2589-2020 — each carrier's quantity times its standard-coal coefficient, summed. "
                 "Electricity counts at equivalent value (0.1229 kgce/kWh); the equal value, at the year's supply "
                 "coal rate, is shown beside it. Feedstock is excluded; own PV used on site is included. Measured "
                 "net calorific values replace defaults. Sources of every factor are listed under 'Method and factors'.")) +
         "</p>";
    if ((feed && *feed > 0) || (ren && *ren > 0))
        s += "<p class=\"small\">" + esc(L.t("原料用能：", "Feedstock: ")) + esc(fmt(feed, 2, c.U.tce)) + "；" +
             esc(L.t("自有可再生能源（当量值）：", "own renewables (equivalent value): ")) + esc(fmt(ren, 2, c.U.tce)) + "</p>";
    // Energy mix donut.
    std::vector<Slice> slices;
    const json& mix = obj(c.r, {"energy", "mix"});
    for (const char* g : {"coal", "oil", "gas", "electricity", "heat", "renewable", "other"})
        if (auto v = num(mix, {g}); v && *v > 0) slices.push_back({mix_group_label(g, L), *v});
    for (auto it = mix.begin(); it != mix.end(); ++it) {  // groups added later by the energy module
        static const char* known[] = {"coal", "oil", "gas", "electricity", "heat", "renewable", "other"};
        if (std::find_if(std::begin(known), std::end(known), [&](const char* k) { return it.key() == k; }) != std::end(known))
            continue;
        if (it->is_number() && it->get<double>() > 0) slices.push_back({it.key(), it->get<double>()});
    }
    std::string mix_title = L.t("能源消费结构（按当量值综合能耗）", "Energy mix (share of comprehensive energy, equivalent value)");
    s += "<figure class=\"narrow\">" + donut_chart(slices, mix_title, L.t("能源结构", "mix"), "mix") + "<figcaption>" +
         esc(mix_title) + "</figcaption></figure>\n";
    s += bills::monthly_chart_figure(c.in, L.zh);  // bills/bill_chart.cpp; "" without monthly data
    s += "<h3>" + esc(L.t("用能预算分级与重点用能单位", "Tiered energy budgeting and key energy-using units")) + "</h3>";
    s += "<p>" + esc(L.t("所属档次：", "Tier: ")) + esc(tier_label(str(c.r, {"energy", "budget_tier"}), L)) + "</p>";
    std::string clause = str(c.r, {"energy", "budget_tier_clause"});
    if (!clause.empty()) s += "<p class=\"small muted\">" + esc(L.t("依据：", "Basis: ")) + esc(clause) + "</p>";
    std::string kclause = str(c.r, {"energy", "key_unit_clause"});
    if (!kclause.empty()) s += "<p class=\"small muted\">" + esc(L.t("依据：", "Basis: ")) + esc(kclause) + "</p>";
    return s + "</section>\n";
}

std::string emissions_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("二氧化碳排放", "CO₂ emissions");
    const json& em = obj(c.r, {"emissions"});
    s += "<table><thead><tr>" + th(L.t("项目", "Item")) + th(L.t("排放量（吨CO₂）", "Emissions (tCO₂)"), true) +
         th(L.t("说明", "Note")) + "</tr></thead><tbody>";
    s += "<tr>" + td(L.t("直接排放（范围一）", "Direct emissions (scope 1)")) + td(fmt(num(em, {"scope1_tco2"}), 2), true) +
         td(L.t("化石燃料燃烧", "fossil fuel combustion")) + "</tr>";
    s += "<tr>" + td(L.t("间接排放（范围二）", "Indirect emissions (scope 2)")) + td(fmt(num(em, {"scope2_tco2"}), 2), true) +
         td(L.t("外购电力与热力，基于地区电网平均排放因子", "purchased electricity and heat, location-based")) + "</tr>";
    s += "<tr>" + td(L.t("其中：外购电力", "of which electricity")) + td(fmt(num(em, {"electricity_tco2"}), 2), true) +
         td(std::string(L.t("电网排放因子 ", "grid factor ")) + fmt(num(em, {"grid_factor_tco2_per_mwh"}), 4, L.t("吨CO₂/兆瓦时", "tCO₂/MWh"))) +
         "</tr>";
    s += "<tr>" + td(L.t("其中：外购热力", "of which heat")) + td(fmt(num(em, {"heat_tco2"}), 2), true) +
         td(std::string(L.t("热力排放因子 ", "heat factor ")) + fmt(num(em, {"heat_factor_tco2_per_gj"}), 4, L.t("吨CO₂/吉焦", "tCO₂/GJ"))) +
         "</tr>";
    s += "</tbody><tfoot><tr>" + td(L.t("排放总量", "Total")) + td(fmt(num(em, {"total_tco2"}), 2), true) + "<td></td></tr></tfoot></table>";
    if (num(em, {"total_market_tco2"}))
        s += "<p class=\"small\">" +
             esc(L.t("市场化口径（绿电按零排放，其余电量按不含市场化交易非化石能源电量的排放因子）：范围二 ",
                     "Market-based variant (green power at zero, the rest at the factor excluding market-traded "
                     "non-fossil power): scope 2 ")) +
             esc(fmt(num(em, {"scope2_market_tco2"}), 2, c.U.tco2)) + esc(L.t("，总量 ", ", total ")) +
             esc(fmt(num(em, {"total_market_tco2"}), 2, c.U.tco2)) + "</p>";
    if (auto pv = num(em, {"avoided_by_own_pv_tco2"}); pv && *pv > 0)
        s += "<p class=\"small\">" + esc(L.t("自发自用光伏相当于避免排放（仅供参考，不抵减上表）：",
                                             "Avoided by own PV (for information; not deducted above): ")) +
             esc(fmt(pv, 2, c.U.tco2)) + "</p>";
    // By source, stacked per scope.
    const json& by = obj(em, {"by_source"});
    std::vector<std::string> ids;
    for (auto it = by.begin(); it != by.end(); ++it)
        if (it->is_number()) ids.push_back(it.key());
    if (!ids.empty()) {
        s += "<h3>" + esc(L.t("按排放源", "By source")) + "</h3><table><thead><tr>" + th(L.t("排放源", "Source")) +
             th(L.t("排放范围", "Scope")) + th(L.t("排放量（吨CO₂）", "Emissions (tCO₂)"), true) +
             th(L.t("占比", "Share"), true) + "</tr></thead><tbody>";
        double total = num(em, {"total_tco2"}).value_or(0);
        std::vector<std::string> seg_names;
        StackRow s1{L.t("范围一", "Scope 1"), {}}, s2{L.t("范围二", "Scope 2"), {}};
        for (const auto& id : ids) {
            double v = by[id].get<double>();
            int scope = carrier_scope(c.r, id);
            s += "<tr>" + td(carrier_name(c.r, id, L)) + td(scope_label(scope, L)) + td(format_number(v, 2), true) +
                 td(total > 0 ? pct(v / total) : "—", true) + "</tr>";
            seg_names.push_back(carrier_name(c.r, id, L));
            s1.values.push_back(scope == 1 ? v : 0);
            s2.values.push_back(scope == 2 ? v : 0);
        }
        s += "</tbody></table>";
        std::string title = L.t("排放构成（按范围与排放源）", "Emissions by scope and source");
        s += figure(stacked_bar_chart({s1, s2}, seg_names, title, c.U.tco2, "em"), title);
    }
    return s + "</section>\n";
}

std::string factors_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("方法与因子来源", "Method and factors");
    s += "<p>" + esc(L.t("排放按 GB/T 32150 及行业温室气体核算指南：燃料燃烧排放 = 消费量 × 低位发热量 × 单位热值含碳量 × "
                         "碳氧化率 × 44/12；外购电力排放 = 电量 × 电网排放因子（生态环境部、国家统计局公布）；外购热力排放 = "
                         "热量 × 热力排放因子。以下为本次计算实际使用的全部因子及其来源。",
                         "Emissions follow GB/T 32150 and the sector GHG guides: fuel CO₂ = quantity × NCV × carbon "
                         "content × oxidation × 44/12; purchased electricity × grid factor (MEE/NBS); purchased heat × "
                         "heat factor. Every factor this calculation used, with its source:")) +
         "</p>";
    const json& fs = arr(c.r, {"factors_used"});
    if (fs.empty()) return s + not_evaluated(L, L.t("结果中未列出因子", "no factors listed in the result")) + "</section>\n";
    s += "<table class=\"small\"><thead><tr>" + th(L.t("因子", "Factor")) + th(L.t("数值", "Value"), true) +
         th(L.t("单位", "Unit")) + th(L.t("年份", "Year")) + th(L.t("可信度", "Confidence")) + th(L.t("来源", "Source")) +
         "</tr></thead><tbody>";
    for (const auto& f : fs) {
        const json* ug = at(f, {"user_given"});
        bool user = ug && ug->is_boolean() && ug->get<bool>();
        std::string conf = user ? confidence_label("user", L) : confidence_label(str(f, {"confidence"}), L);
        s += "<tr>" + td(L.pick(f, "name").empty() ? str(f, {"id"}) : L.pick(f, "name")) +
             td(num(f, {"value"}) ? fmt_coef(*num(f, {"value"})) : "—", true) + td(str(f, {"unit"})) +
             td(str(f, {"year"}).empty() ? "—" : str(f, {"year"})) + td_cls("nw", conf) + "<td class=\"wrap\">" +
             esc(str(f, {"source"})) + "</td></tr>";
    }
    return s + "</tbody></table></section>\n";
}

std::string intensity_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("强度指标与碳效等级", "Intensities and carbon efficiency");
    const json& it = obj(c.r, {"intensity"});
    const json& miss = obj(it, {"missing"});
    struct Row { const char* key; const char* zh; const char* en; std::string unit; int dec; };
    Row rows[] = {
        {"tce_per_10k_yuan_value_added", "单位工业增加值能耗", "Energy intensity of value added", c.U.per_wy_tce, 4},
        {"tco2_per_10k_yuan_value_added", "单位增加值碳排放（碳强度 L）", "Carbon intensity of value added (L)", c.U.per_wy_tco2, 4},
        {"tce_per_10k_yuan_output", "单位工业总产值能耗", "Energy intensity of gross output", c.U.per_wy_tce, 4},
        {"tco2_per_10k_yuan_output", "单位工业总产值碳排放", "Carbon intensity of gross output", c.U.per_wy_tco2, 4},
    };
    s += "<table><thead><tr>" + th(L.t("指标", "Indicator")) + th(L.t("数值", "Value"), true) + th(L.t("单位", "Unit")) +
         th(L.t("说明", "Note")) + "</tr></thead><tbody>";
    for (const auto& r : rows) {
        auto v = num(it, {r.key});
        s += "<tr>" + td(L.t(r.zh, r.en)) + td(fmt(v, r.dec), true) + td(r.unit) +
             td(v ? "" : missing_text(obj(miss, {r.key}), L)) + "</tr>";
    }
    s += "</tbody></table>";
    const json& ce = obj(c.r, {"carbon_efficiency"});
    auto grade = num(ce, {"grade"});
    s += "<h3>" + esc(L.t("工业碳效码", "Carbon-efficiency code")) + "</h3><table><tbody>";
    s += "<tr>" + td(L.t("碳效水平（按 L）", "Carbon level (by L)")) +
         td(str(ce, {"level"}).empty() ? "—" : level_label(str(ce, {"level"}), L)) + "</tr>";
    s += "<tr>" + td(L.t("行业平均碳强度", "Industry average carbon intensity")) +
         td(fmt(num(ce, {"industry_average"}), 4, c.U.per_wy_tco2) +
            (str(ce, {"industry_average_source"}).empty() ? "" : "（" + str(ce, {"industry_average_source"}) + "）")) +
         "</tr>";
    s += "<tr>" + td(L.t("碳效值 K = L / 行业平均", "Carbon-efficiency value K = L / industry average")) +
         td(fmt(num(ce, {"index"}), 3)) + "</tr>";
    s += "<tr>" + td(L.t("碳效等级（1 级最优，5 级最差）", "Grade (1 best … 5 worst)")) +
         td(grade ? std::to_string(static_cast<int>(*grade)) : L.t("未评定", "not rated")) + "</tr>";
    std::string why = missing_text(obj(ce, {"missing"}), L);
    if (!why.empty()) s += "<tr>" + td(L.t("未能计算的原因", "Why not computed")) + td(why) + "</tr>";
    s += "</tbody></table>";
    if (!str(ce, {"clause"}).empty())
        s += "<p class=\"small muted\">" + esc(L.t("依据：", "Basis: ")) + esc(str(ce, {"clause"})) + "</p>";
    return s + "</section>\n";
}

// 历年趋势与目标 (issue 16): only for a document with earlier years. Intensity per year (first year
// = 100) with the plan's straight-line target path, progress per target, LMDI decomposition.
std::string trend_section(Ctx& c) {
    const Lang& L = c.L;
    const json& tr = arr(c.r, {"trend"});
    if (!tr.is_array() || tr.size() < 2) return {};
    std::string s = "<section>" + c.h2("历年趋势与目标", "Trend and targets");
    s += "<table><thead><tr>" + th(L.t("年度", "Year")) + th(L.t("综合能耗", "Energy"), true) +
         th(L.t("碳排放", "CO2"), true) + th(L.t("工业增加值", "Value added"), true) +
         th(L.t("单位增加值能耗", "Energy per value added"), true) + th(L.t("单位增加值碳排放", "CO2 per value added"), true) +
         th(L.t("碳效水平", "Carbon level")) + th(L.t("电网因子年份", "Grid factor year")) + "</tr></thead><tbody>";
    struct P { int year; double v; };
    std::vector<P> pe, pc;
    double be = 0, bc = 0;
    for (const json& t : tr) {
        const int y = static_cast<int>(num(t, {"year"}).value_or(0));
        auto ie = num(t, {"tce_per_10k_yuan_value_added"}), ic = num(t, {"tco2_per_10k_yuan_value_added"});
        s += "<tr>" + td(std::to_string(y)) + td(fmt(num(t, {"total_tce"}), 1, c.U.tce), true) +
             td(fmt(num(t, {"total_tco2"}), 1, c.U.tco2), true) +
             td(fmt(num(t, {"value_added_10k_yuan"}), 0, L.t("万元", "10k yuan")), true) + td(fmt(ie, 4), true) +
             td(fmt(ic, 4), true) + td(str(t, {"carbon_level"}).empty() ? "—" : level_label(str(t, {"carbon_level"}), L)) +
             td(num(t, {"grid_factor_year"}) ? std::to_string(static_cast<int>(*num(t, {"grid_factor_year"}))) : "—") + "</tr>";
        if (ie && *ie > 0) { if (be == 0) be = *ie; pe.push_back({y, *ie / be * 100}); }
        if (ic && *ic > 0) { if (bc == 0) bc = *ic; pc.push_back({y, *ic / bc * 100}); }
    }
    s += "</tbody></table>";
    // Target paths from the targets.
    std::vector<P> path_e, path_c;
    std::string progress;
    for (const json& t : arr(c.r, {"targets"})) {
        const bool energy = str(t, {"metric"}) == "tce_per_10k_yuan_value_added";
        auto req = num(t, {"required_change_by_evaluation_year"}), act = num(t, {"actual_change"});
        auto by = num(t, {"base_year"}), ey = num(t, {"evaluation_year"});
        std::string name = energy ? L.t("能耗强度目标（2025年较2020年下降16%，力争18%）", "Energy intensity target (2025: -16 % from 2020, aim -18 %)")
                                  : L.t("碳排放强度目标（2025年较2020年下降20%）", "CO2 intensity target (2025: -20 % from 2020)");
        std::string line;
        if (req && act && by && ey) {
            const auto& series = energy ? pe : pc;
            double base = 100;
            for (const auto& p : series) if (p.year == static_cast<int>(*by)) base = p.v;
            (energy ? path_e : path_c) = {{static_cast<int>(*by), base}, {static_cast<int>(*ey), base * (1 + *req)}};
            const bool on = t.contains("on_track") && t["on_track"].is_boolean() && t["on_track"].get<bool>();
            line = std::to_string(static_cast<int>(*by)) + L.t(" 年至 ", " to ") + std::to_string(static_cast<int>(*ey)) +
                   L.t(" 年：实际变化 ", ": actual change ") + fmt(*act * 100, 1, "%") + L.t("，直线路径要求 ", ", the straight-line path asks for ") +
                   fmt(*req * 100, 1, "%") + " — " + (on ? L.t("达到进度", "on track") : L.t("未达到进度", "not on track"));
        } else {
            line = missing_text(obj(t, {"missing"}), L);
        }
        std::string note = missing_text(obj(t, {"note"}), L);
        progress += "<tr>" + td(name) + td(line + (note.empty() ? "" : "（" + note + "）")) + "</tr>";
    }
    // Chart: lines of the two intensities and dashed target paths.
    {
        const int w = 520, h = 220;
        const double left = 44, right = 500, top = 14, bottom = 186;
        int y0 = 1 << 30, y1 = -(1 << 30);
        double vmin = 1e300, vmax = -1e300;
        for (const auto* v : {&pe, &pc, &path_e, &path_c})
            for (const auto& p : *v) { y0 = std::min(y0, p.year); y1 = std::max(y1, p.year); vmin = std::min(vmin, p.v); vmax = std::max(vmax, p.v); }
        if (y0 < y1) {
            const double pad = std::max((vmax - vmin) * 0.1, 1.0);
            vmin -= pad; vmax += pad;
            auto X = [&](int y) { return left + (right - left) * (y - y0) / double(y1 - y0); };
            auto Y = [&](double v) { return bottom - (bottom - top) * (v - vmin) / (vmax - vmin); };
            std::string svg = svg_open(w, h, L.t("历年强度趋势", "Intensity trend"));
            svg += "<line x1=\"" + svg_num(left) + "\" y1=\"" + svg_num(bottom) + "\" x2=\"" + svg_num(right) + "\" y2=\"" +
                   svg_num(bottom) + "\" stroke=\"#000\" stroke-width=\"0.8\"/>";
            for (int y = y0; y <= y1; ++y) svg += svg_text(X(y), bottom + 14, std::to_string(y), "middle", "small");
            for (double v : {vmin + pad, 100.0, vmax - pad})
                svg += svg_text(left - 4, Y(v) + 3, fmt(v, 0), "end", "small");
            auto poly = [&](const std::vector<P>& pts, const char* col, bool dashed) {
                if (pts.size() < 2) return std::string();
                std::string d;
                for (const auto& p : pts) d += (d.empty() ? "M" : "L") + svg_num(X(p.year)) + " " + svg_num(Y(p.v));
                std::string out = "<path d=\"" + d + "\" fill=\"none\" stroke=\"" + col + "\" stroke-width=\"" +
                                  (dashed ? "1.5\" stroke-dasharray=\"5 4\"" : std::string("2.2\"")) + "/>";
                if (!dashed)
                    for (const auto& p : pts)
                        out += "<circle cx=\"" + svg_num(X(p.year)) + "\" cy=\"" + svg_num(Y(p.v)) + "\" r=\"3\" fill=\"" + col + "\"/>";
                return out;
            };
            svg += poly(path_e, k_colours[0], true) + poly(path_c, k_colours[1], true) + poly(pe, k_colours[0], false) +
                   poly(pc, k_colours[1], false);
            svg += svg_rect(left, h - 14, 10, 8, k_colours[0], "") + svg_text(left + 14, h - 7, L.t("单位增加值能耗", "Energy per value added"));
            svg += svg_rect(left + 170, h - 14, 10, 8, k_colours[1], "") + svg_text(left + 184, h - 7, L.t("单位增加值碳排放", "CO2 per value added"));
            s += figure(svg + "</svg>", L.t("实线：企业实际（第一年=100）；虚线：《浙江省工业领域碳达峰实施方案》到2025年的直线下降路径",
                                            "Solid: the enterprise (first year = 100); dashed: the straight-line path of the Zhejiang industrial carbon-peaking plan to 2025"));
        }
    }
    s += "<table><tbody>" + progress + "</tbody></table>";
    const json& d = obj(c.r, {"decomposition"});
    if (num(d, {"total_change_tco2"})) {
        s += "<h3>" + esc(L.t("碳排放变化的来源（LMDI 加和分解）", "Where the CO2 change came from (additive LMDI)")) + " " +
             esc(std::to_string(static_cast<int>(num(d, {"from_year"}).value_or(0))) + "—" +
                 std::to_string(static_cast<int>(num(d, {"to_year"}).value_or(0)))) + "</h3>";
        struct T { const char* key; const char* zh; const char* en; };
        const T terms[] = {{"activity_tco2", "生产规模（增加值）", "Production (value added)"},
                           {"intensity_tco2", "企业能效（单位增加值能耗）", "Own efficiency (energy per value added)"},
                           {"mix_tco2", "用能结构", "Energy mix"},
                           {"emission_factor_tco2", "排放因子（其中电网见下）", "Emission factors (grid below)"},
                           {"total_change_tco2", "合计变化", "Total change"}};
        double amax = 1e-9;
        for (const auto& t : terms) amax = std::max(amax, std::fabs(num(d, {t.key}).value_or(0)));
        const int w = 520, rowh = 22, h = rowh * 5 + 8;
        std::string svg = svg_open(w, h, L.t("碳排放变化分解", "Decomposition of the CO2 change"));
        const double mid = 330, half = 150;
        int i = 0;
        for (const auto& t : terms) {
            const double v = num(d, {t.key}).value_or(0), len = std::fabs(v) / amax * half, y = 4 + i * rowh;
            svg += svg_text(4, y + 14, L.t(t.zh, t.en));
            svg += svg_rect(v < 0 ? mid - len : mid, y + 3, len, rowh - 8, v <= 0 ? k_colours[2] : k_colours[3]);
            svg += svg_text(v < 0 ? mid + 4 : mid - 4, y + 14, fmt(v, 1), v < 0 ? "start" : "end", "small");
            ++i;
        }
        svg += "<line x1=\"" + svg_num(mid) + "\" y1=\"0\" x2=\"" + svg_num(mid) + "\" y2=\"" + svg_num(h) + "\" stroke=\"#000\" stroke-width=\"0.8\"/>";
        s += figure(svg + "</svg>", L.t("单位：吨二氧化碳；负数为减排。四项之和等于总变化。", "Unit: tCO2; negative = reduction. The four terms add up to the total change."));
        if (auto g = num(d, {"grid_factor_tco2"}); g && std::fabs(*g) > 0)
            s += "<p class=\"small\">" + esc(L.t("其中电网排放因子变化带来 ", "Of which the grid emission factor gave ") + fmt(*g, 1, c.U.tco2) +
                                            L.t("，不是企业自身的改进。", ", not the factory's own improvement.")) + "</p>";
    } else {
        s += not_evaluated(L, missing_text(obj(d, {"missing"}), L));
    }
    return s + "</section>\n";
}

std::string products_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("单位产品能耗与限额", "Unit-product energy vs limits");
    const json& ps = arr(c.r, {"products"});
    if (ps.empty()) return s + not_evaluated(L, L.t("未填写产品数据", "no products entered")) + "</section>\n";
    s += "<table><thead><tr>" + th(L.t("产品", "Product")) + th(L.t("限额标准", "Standard")) +
         th(L.t("单位产品能耗", "Unit energy"), true) + th(L.t("1 级", "Level 1"), true) + th(L.t("2 级", "Level 2"), true) +
         th(L.t("3 级（限定值）", "Level 3 (limit)"), true) + th(L.t("结论", "Status")) + "</tr></thead><tbody>";
    std::vector<const json*> charted;
    for (const auto& p : ps) {
        std::string unit = "kgce/" + (str(p, {"unit"}).empty() ? "?" : unit_label(str(p, {"unit"}), L));
        std::string status = product_status_label(str(p, {"status"}), L);
        std::string why = missing_text(obj(p, {"missing"}), L);
        if (!why.empty()) status += "：" + why;
        const json* alloc = at(p, {"energy_allocated_from_site"});
        if (alloc && alloc->is_boolean() && alloc->get<bool>())
            status += L.t("（能耗按全厂计）", " (whole-site energy)");
        s += "<tr>" + td(str(p, {"name"})) + td(str(p, {"standard"}).empty() ? "—" : str(p, {"standard"})) +
             td(fmt(num(p, {"kgce_per_unit"}), 2, unit), true) + td(fmt(num(p, {"level1"}), 2), true) +
             td(fmt(num(p, {"level2"}), 2), true) + td(fmt(num(p, {"level3"}), 2), true) + td(status) + "</tr>";
        if (num(p, {"kgce_per_unit"}) && num(p, {"level3"})) charted.push_back(&p);
    }
    s += "</tbody></table>";
    if (!charted.empty()) {
        const int w = 640;
        const double left = 150, right = 70, bh = 22, gap = 36, top = 30;
        int h = static_cast<int>(top + charted.size() * (bh + gap) + 24);
        std::string title = L.t("单位产品能耗与限额等级", "Unit-product energy against limit levels");
        std::string svg = svg_open(w, h, title) + svg_pattern_defs("pr");
        double y = top;
        for (const json* p : charted) {
            double v = *num(*p, {"kgce_per_unit"});
            double maxv = std::max(v, *num(*p, {"level3"})) * 1.15;
            double scale = (w - left - right) / maxv;
            bool over = v > *num(*p, {"level3"});
            svg += svg_text(left - 8, y + bh / 2 + 4, str(*p, {"name"}), "end");
            svg += svg_rect(left, y, v * scale, bh, fill_ref("pr", over ? 3 : 0));
            svg += svg_text(left + v * scale + 6, y + bh / 2 + 4, format_number(v, 1));
            const char* names[] = {"level1", "level2", "level3"};
            for (int k = 0; k < 3; ++k)
                if (auto lv = num(*p, {names[k]})) {
                    double x = left + *lv * scale;
                    svg += "<line x1=\"" + svg_num(x) + "\" y1=\"" + svg_num(y - 22 + 8 * k) + "\" x2=\"" + svg_num(x) + "\" y2=\"" +
                           svg_num(y + bh + 4) + "\" stroke=\"#000\" stroke-width=\"1.5\" stroke-dasharray=\"" +
                           (k == 2 ? "none" : k == 1 ? "4 2" : "1 2") + "\"/>";
                    svg += svg_text(x + 2, y - 16 + 8 * k, (L.zh ? "" : "L") + std::to_string(k + 1) + L.t("级", ""), "start", "small");
                }
            y += bh + gap;
        }
        s += figure(svg + "</svg>", title + L.t("（竖线为 1/2/3 级；实线为 3 级限定值，超过即不达标）",
                                                " (lines mark levels 1/2/3; the solid line is the level-3 limit)"));
    }
    return s + "</section>\n";
}

std::string measure_name(const json& result, const std::string& id, const Lang& L) {
    for (const auto& m : arr(result, {"measures"}))
        if (str(m, {"id"}) == id) {
            std::string n = L.pick(m, "name");
            return n.empty() ? id : n;
        }
    return id;
}

std::string findings_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("诊断发现", "Findings");
    const json& fs = arr(c.r, {"findings"});
    if (fs.empty())
        return s + not_evaluated(L, L.t("诊断规则未产生发现（可能未填写设备与管理数据）",
                                        "the diagnosis produced no findings (equipment and management data may be missing)")) +
               "</section>\n";
    s += "<table class=\"small\"><colgroup><col style=\"width:4%\"><col style=\"width:7%\"><col style=\"width:47%\">"
         "<col style=\"width:24%\"><col style=\"width:18%\"></colgroup><thead><tr>" +
         th("#") + th(L.t("级别", "Severity")) + th(L.t("发现", "Finding")) +
         th(L.t("依据", "Basis")) + th(L.t("相关措施", "Measures")) + "</tr></thead><tbody>";
    int i = 0;
    for (const auto& f : fs) {
        std::string sev = str(f, {"severity"});
        std::string ms;
        for (const auto& m : arr(f, {"measures"}))
            if (m.is_string()) ms += (ms.empty() ? "" : "; ") + measure_name(c.r, m.get<std::string>(), L);
        s += "<tr>" + td(std::to_string(++i)) + "<td class=\"nw sev-" + esc(sev) + "\">" + esc(severity_label(sev, L)) +
             "</td><td class=\"wrap\">" + esc(L.pick(f, "message")) + "</td><td class=\"wrap small\">" +
             esc(str(f, {"clause"})) + "</td><td class=\"wrap\">" + esc(ms) + "</td></tr>";
    }
    return s + "</tbody></table></section>\n";
}

std::string mac_chart(const Ctx& c, const json& ms) {
    const Lang& L = c.L;
    struct Bar { int no; double width, cost; };
    std::vector<Bar> bars;
    for (std::size_t i = 0; i < ms.size(); ++i) {
        auto t = num(ms[i], {"tco2_avoided"});
        auto cost = num(ms[i], {"abatement_cost_yuan_per_tco2"});
        if (t && cost && *t > 0) bars.push_back({static_cast<int>(i + 1), *t, *cost});
    }
    if (bars.empty()) return {};
    std::stable_sort(bars.begin(), bars.end(), [](const Bar& a, const Bar& b) { return a.cost < b.cost; });
    double total = 0, lo = 0, hi = 0;
    for (const auto& b : bars) total += b.width, lo = std::min(lo, b.cost), hi = std::max(hi, b.cost);
    // One outlier (a small measure with a huge cost per tonne) would flatten every other bar: cap the
    // axis at 1.5x the runner-up and draw the outlier clipped, its value written at the top.
    std::vector<double> pos, neg;
    for (const auto& b : bars) (b.cost >= 0 ? pos : neg).push_back(std::fabs(b.cost));
    std::sort(pos.rbegin(), pos.rend());
    std::sort(neg.rbegin(), neg.rend());
    if (pos.size() >= 2 && pos[0] > 3 * pos[1]) hi = std::max(pos[1] * 1.5, 100.0);
    if (neg.size() >= 2 && neg[0] > 3 * neg[1]) lo = -std::max(neg[1] * 1.5, 100.0);
    if (hi - lo <= 0) hi = lo + 1;
    const int w = 640, h = 280;
    const double left = 70, right = 20, top = 20, bottom = 40;
    double xs = (w - left - right) / total, ys = (h - top - bottom) / (hi - lo);
    double y0 = top + hi * ys;  // zero line
    std::string title = L.t("边际减排成本曲线（MAC）", "Marginal abatement cost (MAC) curve");
    std::string svg = svg_open(w, h, title) + svg_pattern_defs("mac");
    double x = left;
    for (const auto& b : bars) {
        double bw = b.width * xs;
        double shown = std::min(std::max(b.cost, lo), hi);
        bool clipped = shown != b.cost;
        double y = shown >= 0 ? y0 - shown * ys : y0;
        double bh = std::fabs(shown) * ys;
        svg += svg_rect(x, y, bw, bh, fill_ref("mac", b.cost < 0 ? 2 : 0));
        std::string label = std::to_string(b.no) + (clipped ? " (" + format_number(b.cost, 0) + ")" : "");
        if (bw >= 10 || clipped)
            svg += svg_text(x + bw / 2, shown >= 0 ? y - 4 : y + bh + 12, label, "middle", "small");
        x += bw;
    }
    svg += "<line x1=\"" + svg_num(left) + "\" y1=\"" + svg_num(y0) + "\" x2=\"" + svg_num(w - right) + "\" y2=\"" +
           svg_num(y0) + "\" stroke=\"#000\"/>";
    svg += "<line x1=\"" + svg_num(left) + "\" y1=\"" + svg_num(top) + "\" x2=\"" + svg_num(left) + "\" y2=\"" +
           svg_num(h - bottom) + "\" stroke=\"#000\"/>";
    svg += svg_text(left - 4, top + 8, format_number(hi, 0), "end", "small");
    svg += svg_text(left - 4, y0 + 4, "0", "end", "small");
    if (lo < 0) svg += svg_text(left - 4, h - bottom, format_number(lo, 0), "end", "small");
    svg += svg_text(w - right, h - 10, std::string(L.t("累计减排量 ", "cumulative abatement ")) + format_number(total, 0) + " " + c.U.tco2, "end", "small");
    svg += svg_text(left, h - 10, c.U.yuan_per_tco2, "start", "small");
    return figure(svg + "</svg>", title + L.t("：柱宽为年减排量，柱高为单位减排成本；编号对应上表，零线以下为净收益措施。",
                                              ": bar width is annual abatement, height the cost per tonne; numbers refer to the table; below zero the measure pays for itself."));
}

std::string measures_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("节能降碳技改措施", "Energy-saving and carbon-reduction measures");
    const json& ms = arr(c.r, {"measures"});
    if (ms.empty())
        return s + not_evaluated(L, L.t("尚无适用的技改措施（措施库未启用或缺少设备数据）",
                                        "no applicable measures (measure library not active or equipment data missing)")) +
               "</section>\n";
    // What the portfolio holds (the owner's selection, else the recommended set) first, with its
    // total; then every other computed measure with the core's verdict (detail.recommendation),
    // so a measure that pays back beyond its life reads 不推荐 here as in the app.
    const json& pf = obj(c.r, {"portfolio"});
    const bool user = str(obj(pf, {"detail"}), {"selection"}) == "user";
    std::set<std::string> chosen;
    for (const auto& id : arr(pf, {"selected"}))
        if (id.is_string()) chosen.insert(id.get<std::string>());
    auto verdict = [&](const json& m) -> std::string {
        const json& rc = obj(m, {"detail", "recommendation"});
        const std::string st = str(rc, {"status"}), why = str(rc, {"reason"});
        if (st == "recommended") return L.t("推荐", "Recommended");
        if (st == "cost_only") return L.t("降本措施", "Cost saving only");
        if (st == "needs_data") return L.t("待补数据", "Needs data");
        if (st == "not_recommended") {
            std::string t = L.t("不推荐", "Not recommended");
            if (why == "payback_beyond_life") t += L.t("：回收期超过设备寿命", ": pays back beyond its life");
            else if (why == "npv_not_positive") t += L.t("：净现值不为正", ": NPV not positive");
            else if (why == "raises_energy_or_co2") t += L.t("：会增加能耗或碳排放", ": raises energy use or CO₂");
            return t;
        }
        return "—";
    };
    auto table = [&](bool selected_part) {
        std::string t = "<table class=\"small fixed\"><colgroup><col style=\"width:4%\"><col style=\"width:20%\">"
                        "<col style=\"width:8%\"><col style=\"width:8%\"><col style=\"width:8%\"><col style=\"width:8%\">"
                        "<col style=\"width:6%\"><col style=\"width:8%\"><col style=\"width:7%\"><col style=\"width:9%\">"
                        "<col style=\"width:5%\"><col style=\"width:9%\"></colgroup><thead><tr>" + th("#") + th(L.t("措施", "Measure")) +
                        th(L.t("节能量（吨标准煤/年）", "Energy saved (tce/yr)"), true) + th(L.t("减排量（吨CO₂/年）", "CO₂ avoided (t/yr)"), true) +
                        th(L.t("投资（万元）", "Investment (10k yuan)"), true) + th(L.t("年节约（万元）", "Annual saving (10k yuan)"), true) +
                        th(L.t("回收期（年）", "Payback (years)"), true) + th(L.t("净现值（万元）", "NPV (10k yuan)"), true) +
                        th(L.t("内部收益率", "IRR"), true) + th(L.t("减排成本（元/吨CO₂）", "Abatement cost (yuan/tCO₂)"), true) +
                        th(L.t("寿命（年）", "Life (years)"), true) + th(L.t("结论", "Verdict")) + "</tr></thead><tbody>";
        int i = 0;
        for (const auto& m : ms) {
            if (chosen.count(str(m, {"id"})) != (selected_part ? 1u : 0u)) continue;
            std::string name = L.pick(m, "name");
            t += "<tr>" + td(std::to_string(++i)) + "<td class=\"wrap\">" + esc(name.empty() ? L.t("（未命名措施）", "(unnamed measure)") : name) + "</td>" +
                 td(fmt(num(m, {"tce_saved"}), 2), true) + td(fmt(num(m, {"tco2_avoided"}), 2), true) +
                 td(fmt(num(m, {"investment_10k_yuan"}), 2), true) + td(fmt(num(m, {"annual_saving_10k_yuan"}), 2), true) +
                 td(fmt(num(m, {"payback_years"}), 1), true) + td(fmt(num(m, {"npv_10k_yuan"}), 2), true) +
                 td(pct(num(m, {"irr"})), true) + td(fmt(num(m, {"abatement_cost_yuan_per_tco2"}), 0), true) +
                 td(fmt(num(m, {"lifetime_years"}), 0), true) + "<td class=\"wrap\">" + esc(verdict(m)) + "</td></tr>";
        }
        t += "</tbody>";
        if (selected_part)
            t += "<tfoot><tr><td></td>" + td(L.t("组合合计（已扣除重复）", "Portfolio (no double counting)")) +
                 td(fmt(num(pf, {"tce_saved"}), 2), true) + td(fmt(num(pf, {"tco2_avoided"}), 2), true) +
                 td(fmt(num(pf, {"investment_10k_yuan"}), 2), true) + td(fmt(num(pf, {"annual_saving_10k_yuan"}), 2), true) +
                 "<td></td><td></td><td></td><td></td><td></td><td></td></tr></tfoot>";
        return i ? t + "</table>" : std::string();
    };
    s += "<h3>" + esc(user ? L.t("企业选定的技改措施", "Measures selected by the enterprise")
                           : L.t("推荐技改措施（节能或减碳、净现值为正、寿命期内回收）",
                                 "Recommended measures (save energy or CO₂, positive NPV, pay back within their life)")) + "</h3>";
    const std::string t1 = table(true);
    s += t1.empty() ? "<p>" + esc(L.t("无", "None")) + "</p>" : t1;
    const std::string t2 = table(false);
    if (!t2.empty())
        s += "<h3>" + esc(L.t("其他已测算的措施（含降本措施与不推荐措施）", "Other measures computed (cost-saving only and not recommended)")) +
             "</h3>" + t2;
    s += "<p class=\"small muted\">" +
         esc(L.t("经济性为估算：投资与节约按参考单价和用户电价等输入计算，净现值与内部收益率按设定折现率和措施寿命计算；"
                 "实施前应取得设备厂家报价并经现场测试确认。",
                 "Economics are estimates from reference unit costs and the prices entered; NPV and IRR use the set "
                 "discount rate and the measure's life. Obtain quotations and site measurements before investing.")) +
         "</p>";
    s += mac_chart(c, ms);
    return s + "</section>\n";
}

// Green-factory detail shapes differ while the module grows: accept an array of dimension objects
// or an object keyed by dimension id, with score and max under a few plausible names.
struct Dim {
    std::string name;
    std::optional<double> score, max;
};

std::vector<Dim> gf_dimensions(const json& detail, const Lang& L) {
    std::vector<Dim> out;
    const json* d = at(detail, {"dimensions"});
    if (!d) d = at(detail, {"by_dimension"});
    if (!d) return out;
    auto one = [&](const json& v, const std::string& key) {
        Dim x;
        x.name = L.pick(v, "name");
        if (x.name.empty()) x.name = str(v, {"id"});
        if (x.name.empty()) x.name = key;
        x.score = num(v, {"score"});
        if (!x.score) x.score = num(v, {"points"});
        x.max = num(v, {"max"});
        if (!x.max) x.max = num(v, {"max_score"});
        if (!x.max) x.max = num(v, {"max_points"});
        if (!x.max) x.max = num(v, {"weight"});
        out.push_back(x);
    };
    if (d->is_array())
        for (const auto& v : *d) { if (v.is_object()) one(v, ""); }
    else if (d->is_object())
        for (auto it = d->begin(); it != d->end(); ++it) {
            if (it->is_object()) one(*it, it.key());
            else if (it->is_number()) out.push_back({it.key(), it->get<double>(), std::nullopt});
        }
    return out;
}

std::string green_factory_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("绿色工厂自评价（GB/T 36132-2025）", "Green factory self-evaluation (GB/T 36132-2025)");
    const json& gf = obj(c.r, {"green_factory"});
    const json& detail = obj(gf, {"detail"});
    const json& failed = arr(gf, {"mandatory_failed"});
    auto total = num(gf, {"total_score"});
    if (detail.empty() && failed.empty() && (!total || *total == 0))
        return s + not_evaluated(L, L.t("绿色工厂评价尚未进行（缺少评价数据或模块未启用）",
                                        "green-factory evaluation not run (answers missing or module not active)")) +
               "</section>\n";
    s += "<div class=\"cards\">" + card(L.t("总分", "Total score"), fmt(total, 1), L.t("满分 100 分", "of 100")) +
         card(L.t("未满足的基本要求/否决项", "Basic requirements / veto items not met"), std::to_string(failed.size()),
              L.t("须全部满足方可参评", "all must be met to apply")) +
         "</div>";
    auto dims = gf_dimensions(detail, L);
    if (!dims.empty()) {
        s += "<table><thead><tr>" + th(L.t("一级指标", "First-level indicator")) + th(L.t("得分", "Score"), true) +
             th(L.t("满分", "Max"), true) + "</tr></thead><tbody>";
        for (const auto& d : dims) s += "<tr>" + td(d.name) + td(fmt(d.score, 1), true) + td(fmt(d.max, 1), true) + "</tr>";
        s += "</tbody></table>";
        const int w = 640;
        const double left = 150, right = 80, bh = 20, gap = 12, top = 10;
        int h = static_cast<int>(top + dims.size() * (bh + gap) + 6);
        double maxv = 0;
        for (const auto& d : dims) maxv = std::max({maxv, d.max.value_or(0), d.score.value_or(0)});
        if (maxv <= 0) maxv = 1;
        double scale = (w - left - right) / maxv;
        std::string title = L.t("绿色工厂一级指标得分", "Green-factory scores by first-level indicator");
        std::string svg = svg_open(w, h, title) + svg_pattern_defs("gf");
        double y = top;
        for (const auto& d : dims) {
            svg += svg_text(left - 8, y + bh / 2 + 4, d.name, "end");
            if (d.max) svg += svg_rect(left, y, *d.max * scale, bh, "#fff", "stroke=\"#000\" stroke-width=\"0.8\" stroke-dasharray=\"3 2\"");
            svg += svg_rect(left, y, d.score.value_or(0) * scale, bh, fill_ref("gf", 2));
            svg += svg_text(left + std::max(d.score.value_or(0), d.max.value_or(0)) * scale + 6, y + bh / 2 + 4,
                            fmt(d.score, 1) + (d.max ? " / " + format_number(*d.max, 0) : ""));
            y += bh + gap;
        }
        s += figure(svg + "</svg>", title + L.t("（虚线框为满分）", " (dashed outline: maximum)"));
    }
    if (!failed.empty()) {
        // Names and status come from detail.mandatory[] where the module provides them.
        const json& mand = arr(detail, {"mandatory"});
        s += "<h3>" + esc(L.t("未满足或未回答的基本要求与否决项", "Basic requirements and veto items not met or not answered")) +
             "</h3><table class=\"small\"><thead><tr>" + th(L.t("项目", "Item")) + th(L.t("状态", "Status")) +
             th(L.t("依据", "Basis")) + th(L.t("需要的证据", "Evidence needed")) + "</tr></thead><tbody>";
        for (const auto& f : failed) {
            std::string id = f.is_string() ? f.get<std::string>() : str(f, {"id"});
            const json* m = nullptr;
            for (const auto& x : mand)
                if (str(x, {"id"}) == id) m = &x;
            std::string name = m ? L.pick(*m, "name") : (f.is_object() ? L.pick(f, "name") : "");
            std::string status = m ? str(*m, {"status"}) : "";
            if (status == "not_answered") status = L.t("未回答", "not answered");
            else if (status == "failed" || status == "not_met") status = L.t("不满足", "not met");
            s += "<tr>" + td(name.empty() ? id : name) + td_cls("nw", status) + td(m ? str(*m, {"clause"}) : "") +
                 "<td class=\"wrap\">" + esc(m ? L.pick(*m, "evidence") : "") + "</td></tr>";
        }
        s += "</tbody></table>";
    }
    const json& gaps = arr(detail, {"gaps"});
    if (!gaps.empty()) {
        bool any_measures = false;
        // Only measures computed for this factory (applicable_measures), by name: a boiler tune-up
        // is no help to a mill without a boiler.
        for (const auto& g : gaps) any_measures = any_measures || !arr(g, {"applicable_measures"}).empty();
        s += "<h3>" + esc(L.t("差距（按可提升分值排序）", "Gaps (by recoverable points)")) + "</h3><table class=\"small\"><thead><tr>" +
             th(L.t("指标", "Indicator")) + th(L.t("可提升分值", "Recoverable points"), true) + th(L.t("说明", "Note")) +
             (any_measures ? th(L.t("相关措施", "Measures")) : "") + "</tr></thead><tbody>";
        for (const auto& g : gaps) {
            std::string name = L.pick(g, "name");
            if (name.empty()) name = str(g, {"indicator"});
            if (name.empty()) name = str(g, {"id"});
            auto pts = num(g, {"recoverable_points"});
            if (!pts) pts = num(g, {"points_recoverable"});
            if (!pts) pts = num(g, {"points"});
            const json* ub = at(g, {"recoverable_is_upper_bound"});
            std::string pts_text = fmt(pts, 1);
            if (pts && ub && ub->is_boolean() && ub->get<bool>()) pts_text = L.t("至多 ", "up to ") + pts_text;
            std::string note = L.pick(g, "hint");
            if (note.empty()) note = L.pick(g, "message");
            std::string ms;
            for (const auto& m : arr(g, {"applicable_measures"}))
                if (m.is_string()) ms += (ms.empty() ? "" : L.t("；", "; ")) + measure_name(c.r, m.get<std::string>(), L);
            s += "<tr>" + td(name) + td(pts_text, true) + "<td class=\"wrap\">" + esc(note) + "</td>" + (any_measures ? td(ms) : "") + "</tr>";
        }
        s += "</tbody></table>";
    }
    const json& ready = arr(detail, {"readiness"});
    if (!ready.empty() || !L.pick(detail, "pass_mark_note").empty()) {
        s += "<h3>" + esc(L.t("各级绿色工厂申报准备度", "Readiness by level")) + "</h3><ul>";
        for (const auto& r : ready) {
            if (!r.is_object()) continue;
            std::string t = L.pick(r, "name");
            std::size_t blocked = arr(r, {"blocked_by"}).size();
            if (blocked) {
                char buf[160];
                std::snprintf(buf, sizeof buf, L.t("：尚有 %zu 项基本要求/否决项未满足或未回答", ": %zu basic requirements or veto items open"), blocked);
                t += buf;
            }
            std::string pm = L.pick(r, "pass_mark");
            if (!pm.empty()) t += L.t("。", ". ") + pm;
            s += "<li>" + esc(t) + "</li>";
        }
        std::string note = L.pick(detail, "pass_mark_note");
        if (!note.empty()) s += "<li>" + esc(note) + "</li>";
        s += "</ul>";
    }
    if (auto und = num(detail, {"points_undetermined"}); und && *und > 0)
        s += "<p class=\"small muted\">" + esc(L.t("尚未能评分（缺少回答或行业先进值/平均值）的分值：", "Points not yet scorable (answers or industry anchors missing): ")) +
             esc(format_number(*und, 1)) + "</p>";
    return s + "</section>\n";
}

std::string assumptions_section(Ctx& c) {
    const Lang& L = c.L;
    std::string s = "<section>" + c.h2("假设、数据提示与声明", "Assumptions, data notes and disclaimer");
    const json& ws = arr(c.r, {"warnings"});
    if (!ws.empty()) {
        s += "<h3>" + esc(L.t("数据提示", "Data warnings")) + "</h3><ul>";
        // The message names the field in words; the JSON path is internal and not shown.
        for (const auto& w : ws) s += "<li>" + esc(L.pick(w, "message")) + "</li>";
        s += "</ul>";
    }
    s += "<h3>" + esc(L.t("数据可信度标记", "Data confidence tags")) + "</h3><table class=\"small\"><thead><tr>" +
         th(L.t("标记", "Tag")) + th(L.t("含义", "Meaning")) + "</tr></thead><tbody>";
    const char* tags[][3] = {
        {"C", "已对照标准或官方发布原文核对", "checked against the standard or official publication"},
        {"S", "取自可靠的二手来源（转引），尚未对照原文", "from a reliable secondary source, not yet checked against the original"},
        {"M", "依据记忆或经验整理，使用前需核实", "recalled or compiled from experience; verify before relying on it"},
        {"X", "按规则推算或编辑整理的数值", "derived or editorially constructed value"},
        {"user", "由企业自行填写，覆盖默认值", "entered by the enterprise, replacing the default"},
    };
    for (const auto& t : tags) s += "<tr>" + td(t[0]) + td(L.zh ? t[1] : t[2]) + "</tr>";
    s += "</tbody></table>";
    s += "<h3>" + esc(L.t("主要假设", "Main assumptions")) + "</h3><ul>";
    const char* assumptions[][2] = {
        {"能源与产量数据由企业填写，报告未对其进行核实。", "Energy and output data are as entered by the enterprise; the report has not verified them."},
        {"未填写实测低位发热量的燃料采用 GB/T 2589-2020 附录默认折标准煤系数及核算指南默认排放参数。",
         "Fuels without a measured NCV use the GB/T 2589-2020 default coefficients and the GHG guides' default emission parameters."},
        {"电网排放因子取所选年份公布的全国（或所选区域）平均值；外购热力无供热方因子时取默认值。",
         "The grid factor is the published national (or chosen regional) average for the chosen year; purchased heat uses a default factor unless the supplier's is given."},
        {"碳效等级需要所属行业的平均碳强度；官方碳效码以政府平台发布结果为准。",
         "The carbon-efficiency grade needs the industry average carbon intensity; the official code published by the government platform prevails."},
    };
    for (const auto& a : assumptions) s += "<li>" + esc(L.zh ? a[0] : a[1]) + "</li>";
    s += "</ul><p class=\"note\">" +
         esc(L.t("声明：本报告由企业使用 SelfCheck 自行生成，属于自评估，不是碳排放核查、能源审计、节能监察、绿色工厂评价或"
                 "碳效码评定的官方结论，不能替代第三方机构或主管部门的核查与评价。报告中的措施经济性为估算，仅供决策参考。",
                 "Disclaimer: this report was produced by the enterprise itself with SelfCheck. It is a self-assessment, "
                 "not an official emissions verification, energy audit, energy-conservation inspection, green-factory "
                 "evaluation or carbon-efficiency rating, and does not replace verification by a third party or the "
                 "authorities. Measure economics are estimates to support decisions.")) +
         "</p>";
    return s + "</section>\n";
}

// ------------------------------------------------------------------------------------------------
// CSV

struct Cell {
    bool is_num = false;
    std::string text;
};

Cell T(std::string s) { return {false, std::move(s)}; }
Cell N(const json& j, std::initializer_list<const char*> path) {
    const json* p = at(j, path);
    if (!p || !p->is_number()) return {true, ""};
    return {true, p->dump()};  // shortest round-trip form, as in the result JSON
}
Cell Nd(double v) { return {true, json(v).dump()}; }

struct Csv {
    std::string out = "\xEF\xBB\xBF";
    void row(const std::vector<Cell>& cells) {
        for (std::size_t i = 0; i < cells.size(); ++i) {
            if (i) out += ',';
            out += cells[i].is_num ? cells[i].text : detail::csv_text_cell(cells[i].text);
        }
        out += "\r\n";
    }
};

std::string bool_text(const json& j, const char* key) {
    const json* p = at(j, {key});
    return p && p->is_boolean() ? (p->get<bool>() ? "true" : "false") : "";
}

} // namespace

std::string render_report_html(const json& input_doc, const json& result, std::string_view lang,
                               const ReportOptions& options) {
    Lang L;
    L.zh = lang != "en";
    Ctx c{input_doc, result, L, units_for(L), options};
    std::string name = str(obj(input_doc, {"enterprise"}), {"name"});
    std::string title = std::string(L.t("企业节能降碳自诊断报告", "Energy and carbon self-check report")) +
                        (name.empty() ? "" : " — " + name);
    std::string h = "<!DOCTYPE html>\n<html lang=\"" + std::string(L.zh ? "zh-CN" : "en") + "\">\n<head>\n<meta charset=\"utf-8\">\n";
    // No network, no scripts: even a mistake in escaping could not load or run anything.
    h += "<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'; img-src data:\">\n";
    h += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
    h += "<meta name=\"generator\" content=\"" + esc(options.generator.empty() ? "SelfCheck " + std::string(version()) : options.generator) + "\">\n";
    h += "<title>" + esc(title) + "</title>\n<style>" + k_css + "</style>\n</head>\n<body>\n<main>\n";
    h += cover(c);
    h += summary(c);
    h += energy_section(c);
    h += emissions_section(c);
    h += factors_section(c);
    h += intensity_section(c);
    h += trend_section(c);
    h += products_section(c);
    h += findings_section(c);
    h += measures_section(c);
    h += green_factory_section(c);
    h += assumptions_section(c);
    h += "</main>\n</body>\n</html>\n";
    return h;
}

std::map<std::string, std::string> export_csv(const json& input_doc, const json& result, std::string_view lang) {
    Lang L;
    L.zh = lang != "en";
    std::map<std::string, std::string> files;
    const json& in_rows = arr(input_doc, {"energy"});

    {
        Csv c;
        c.row({T("carrier"), T(L.t("能源品种", "name")), T(L.t("实物量", "quantity")), T(L.t("单位", "unit")),
               T(L.t("基准单位量", "base_quantity")), T(L.t("基准单位", "base_unit")),
               T(L.t("折标系数(kgce/基准单位)", "kgce_per_base_unit")), T(L.t("综合能耗当量值(tce)", "tce")),
               T(L.t("等价值(tce)", "tce_equal")), T(L.t("二氧化碳(tCO2)", "tco2")), T(L.t("排放范围", "scope")),
               T(L.t("实测低位发热量", "measured_ncv")), T(L.t("原料用能", "feedstock")), T(L.t("备注", "note"))});
        const json& rows = arr(result, {"energy", "by_carrier"});
        for (std::size_t i = 0; i < rows.size(); ++i) {
            const json& r = rows[i];
            std::string note;
            if (i < in_rows.size() && str(in_rows[i], {"carrier"}) == str(r, {"carrier"})) note = str(in_rows[i], {"note"});
            c.row({T(str(r, {"carrier"})), T(L.pick(r, "name")), N(r, {"quantity"}), T(str(r, {"unit"})),
                   N(r, {"base_quantity"}), T(str(r, {"base_unit"})), N(r, {"kgce_per_base_unit"}), N(r, {"tce"}),
                   N(r, {"tce_equal"}), N(r, {"tco2"}), N(r, {"scope"}), T(bool_text(r, "measured_ncv")),
                   T(bool_text(r, "feedstock")), T(note)});
        }
        c.row({T("total"), T(L.t("合计", "total")), {true, ""}, T(""), {true, ""}, T(""), {true, ""},
               N(result, {"energy", "total_tce"}), N(result, {"energy", "total_equal_tce"}),
               N(result, {"emissions", "total_tco2"}), {true, ""}, T(""), T(""), T("")});
        files["energy.csv"] = std::move(c.out);
    }
    {
        Csv c;
        c.row({T("item"), T(L.t("项目", "name")), T(L.t("排放范围", "scope")), T(L.t("排放量(tCO2)", "tco2"))});
        const json& em = obj(result, {"emissions"});
        const json& by = obj(em, {"by_source"});
        for (auto it = by.begin(); it != by.end(); ++it)
            if (it->is_number())
                c.row({T("source/" + it.key()), T(carrier_name(result, it.key(), L)), Nd(carrier_scope(result, it.key())),
                       {true, it->dump()}});
        struct Tot { const char* key; const char* zh; const char* en; int scope; };
        Tot tots[] = {{"scope1_tco2", "范围一合计", "scope 1 total", 1},
                      {"scope2_tco2", "范围二合计（基于位置）", "scope 2 total (location-based)", 2},
                      {"total_tco2", "排放总量", "total", 0},
                      {"scope2_market_tco2", "范围二合计（市场化口径）", "scope 2 total (market-based)", 2},
                      {"total_market_tco2", "排放总量（市场化口径）", "total (market-based)", 0},
                      {"avoided_by_own_pv_tco2", "自发自用光伏避免排放（不抵减）", "avoided by own PV (not deducted)", 0}};
        for (const auto& t : tots)
            if (num(em, {t.key})) c.row({T(t.key), T(L.t(t.zh, t.en)), t.scope ? Nd(t.scope) : Cell{true, ""}, N(em, {t.key})});
        files["emissions.csv"] = std::move(c.out);
    }
    {
        Csv c;
        c.row({T("id"), T(L.t("措施", "name")), T(L.t("节能量(tce/年)", "tce_saved")), T(L.t("减排量(tCO2/年)", "tco2_avoided")),
               T(L.t("投资(万元)", "investment_10k_yuan")), T(L.t("年节约(万元)", "annual_saving_10k_yuan")),
               T(L.t("回收期(年)", "payback_years")), T(L.t("净现值(万元)", "npv_10k_yuan")), T(L.t("内部收益率", "irr")),
               T(L.t("减排成本(元/tCO2)", "abatement_cost_yuan_per_tco2")), T(L.t("寿命(年)", "lifetime_years"))});
        for (const auto& m : arr(result, {"measures"}))
            c.row({T(str(m, {"id"})), T(L.pick(m, "name")), N(m, {"tce_saved"}), N(m, {"tco2_avoided"}),
                   N(m, {"investment_10k_yuan"}), N(m, {"annual_saving_10k_yuan"}), N(m, {"payback_years"}),
                   N(m, {"npv_10k_yuan"}), N(m, {"irr"}), N(m, {"abatement_cost_yuan_per_tco2"}), N(m, {"lifetime_years"})});
        files["measures.csv"] = std::move(c.out);
    }
    {
        Csv c;
        c.row({T("id"), T(L.t("严重程度", "severity")), T(L.t("依据", "clause")), T(L.t("发现", "message")),
               T(L.t("相关措施", "measures"))});
        for (const auto& f : arr(result, {"findings"})) {
            std::string ms;
            for (const auto& m : arr(f, {"measures"}))
                if (m.is_string()) ms += (ms.empty() ? "" : ";") + m.get<std::string>();
            c.row({T(str(f, {"id"})), T(str(f, {"severity"})), T(str(f, {"clause"})), T(L.pick(f, "message")), T(ms)});
        }
        files["findings.csv"] = std::move(c.out);
    }
    {
        Csv c;
        c.row({T("item"), T(L.t("名称", "name")), T(L.t("得分", "score")), T(L.t("满分", "max"))});
        const json& gf = obj(result, {"green_factory"});
        c.row({T("total"), T(L.t("总分", "total score")), N(gf, {"total_score"}), Nd(100)});
        for (const auto& d : gf_dimensions(obj(gf, {"detail"}), L))
            c.row({T("dimension"), T(d.name), d.score ? Nd(*d.score) : Cell{true, ""}, d.max ? Nd(*d.max) : Cell{true, ""}});
        for (const auto& f : arr(gf, {"mandatory_failed"}))
            c.row({T("mandatory_failed"), T(f.is_string() ? f.get<std::string>() : (f.is_object() ? str(f, {"id"}) : f.dump())),
                   {true, ""}, {true, ""}});
        files["green_factory.csv"] = std::move(c.out);
    }
    {
        Csv c;
        c.row({T("id"), T(L.t("因子", "name")), T(L.t("数值", "value")), T(L.t("单位", "unit")), T(L.t("年份", "year")),
               T(L.t("可信度", "confidence")), T(L.t("用户填写", "user_given")), T(L.t("来源", "source"))});
        for (const auto& f : arr(result, {"factors_used"}))
            c.row({T(str(f, {"id"})), T(L.pick(f, "name")), N(f, {"value"}), T(str(f, {"unit"})), N(f, {"year"}),
                   T(str(f, {"confidence"})), T(bool_text(f, "user_given")), T(str(f, {"source"}))});
        files["factors.csv"] = std::move(c.out);
    }
    return files;
}

} // namespace selfcheck
