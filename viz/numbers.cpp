#include "numbers.hpp"

#include <cmath>
#include <cstdio>

namespace selfcheck::viz {

std::string group(double v, int decimals) {
    if (!std::isfinite(v)) return "—";
    if (decimals < 0) decimals = 0;
    char buf[400];  // |v| <= 1.8e308: 309 digits + decimals
    std::snprintf(buf, sizeof buf, "%.*f", decimals > 20 ? 20 : decimals, std::fabs(v));
    const std::string s(buf);
    const std::size_t dot = s.find('.');
    const std::string ip = s.substr(0, dot), fp = dot == std::string::npos ? "" : s.substr(dot);
    std::string out;
    for (std::size_t i = 0; i < ip.size(); ++i) {
        if (i > 0 && (ip.size() - i) % 3 == 0) out += ',';
        out += ip[i];
    }
    bool zero = true;
    for (char c : s)
        if (c >= '1' && c <= '9') zero = false;
    return (v < 0 && !zero ? "-" : "") + out + fp;
}

std::string significant(double v, int digits) {
    if (!std::isfinite(v)) return "—";
    if (digits < 1) digits = 1;
    if (v == 0) return group(0, digits - 1);
    const int mag = static_cast<int>(std::floor(std::log10(std::fabs(v))));
    int decimals = digits - 1 - mag;
    if (decimals < 0) decimals = 0;
    // 9.996 at 3 figures rounds up to 10.0: one decimal fewer keeps 3 figures.
    const double r = std::round(std::fabs(v) * std::pow(10.0, decimals)) / std::pow(10.0, decimals);
    if (decimals > 0 && r >= std::pow(10.0, mag + 1)) --decimals;
    return group(v, decimals);
}

std::string format(double v, Measure m) {
    switch (m) {
    case Measure::kwh:
    case Measure::yuan_per_tco2:
    case Measure::hours_per_year: return group(v, 0);
    case Measure::tce:
    case Measure::tco2: return group(v, std::fabs(v) >= 1000 ? 1 : 2);
    case Measure::intensity: return significant(v, 3);
    case Measure::money_10k_yuan: return group(v, 2);
    case Measure::share: return group(v * 100.0, 1);
    case Measure::percent:
    case Measure::years:
    case Measure::m3_per_min:
    case Measure::kw:
    case Measure::points: return group(v, 1);
    }
    return group(v, 2);
}

std::string_view unit_id(Measure m) {
    switch (m) {
    case Measure::kwh: return "unit.kwh";
    case Measure::tce: return "unit.tce";
    case Measure::tco2: return "unit.tco2";
    case Measure::intensity: return "";  // depends on the ratio: unit.tce_per_10k_yuan, unit.tco2_per_10k_yuan, ...
    case Measure::money_10k_yuan: return "unit.10k_yuan";
    case Measure::yuan_per_tco2: return "unit.yuan_per_tco2";
    case Measure::share:
    case Measure::percent: return "unit.percent";
    case Measure::years: return "unit.year";
    case Measure::hours_per_year: return "unit.hours_per_year";
    case Measure::m3_per_min: return "unit.m3_per_min";
    case Measure::kw: return "unit.kw";
    case Measure::points: return "unit.points";
    }
    return "";
}

std::string csv_cell(std::string_view text) {
    std::string t(text);
    if (!t.empty() && (t[0] == '=' || t[0] == '+' || t[0] == '-' || t[0] == '@' || t[0] == '\t' || t[0] == '\r'))
        t.insert(t.begin(), '\'');
    const bool quote = t.find_first_of(",\"\r\n") != std::string::npos ||
                       (!t.empty() && (t.front() == ' ' || t.back() == ' '));
    if (!quote) return t;
    std::string q = "\"";
    for (char c : t) {
        if (c == '"') q += '"';
        q += c;
    }
    q += '"';
    return q;
}

} // namespace selfcheck::viz
