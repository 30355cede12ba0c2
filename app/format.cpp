#include "format.hpp"

#include <cmath>
#include <cstdio>
#include <cstdlib>

namespace selfcheck::app {

std::string num(double v) {
    const double a = std::fabs(v);
    if (a >= 1000) return group(v, 0);
    if (a >= 100) return group(v, 1);
    if (a >= 1 || a == 0) return group(v, 2);
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.3g", v);
    return buf;
}

std::string plain(double v) {
    char buf[64];
    std::snprintf(buf, sizeof buf, "%.10g", v);
    return buf;
}

bool parse_number(const std::string& text, double& out) {
    std::string s;
    for (std::size_t i = 0; i < text.size(); ++i) {
        unsigned char c = static_cast<unsigned char>(text[i]);
        // Full-width digits/point/minus (U+FF10-FF19 = EF BC 90-99, U+FF0E = EF BC 8E, U+FF0D = EF BC 8D)
        if (c == 0xEF && i + 2 < text.size() && static_cast<unsigned char>(text[i + 1]) == 0xBC) {
            unsigned char d = static_cast<unsigned char>(text[i + 2]);
            if (d >= 0x90 && d <= 0x99) s += static_cast<char>('0' + (d - 0x90));
            else if (d == 0x8E) s += '.';
            else if (d == 0x8D) s += '-';
            else if (d == 0x8C) {}  // full-width comma: a separator
            else return false;
            i += 2;
            continue;
        }
        if (c == ',' || c == ' ' || c == '_') continue;
        s += static_cast<char>(c);
    }
    if (s.empty()) return false;
    char* end = nullptr;
    double v = std::strtod(s.c_str(), &end);
    if (end != s.c_str() + s.size() || !std::isfinite(v)) return false;
    out = v;
    return true;
}

} // namespace selfcheck::app
