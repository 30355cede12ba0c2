#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace selfcheck {

namespace {
constexpr std::string_view k_credit_charset = "0123456789ABCDEFGHJKLMNPQRTUWXY";  // 31 chars, GB 32100
constexpr int k_credit_weights[17] = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
} // namespace

char credit_code_check_char(std::string_view first17) {
    if (first17.size() != 17) return '\0';
    int sum = 0;
    for (std::size_t i = 0; i < 17; ++i) {
        auto pos = k_credit_charset.find(first17[i]);
        if (pos == std::string_view::npos) return '\0';
        sum += static_cast<int>(pos) * k_credit_weights[i];
    }
    int c = (31 - sum % 31) % 31;
    return k_credit_charset[static_cast<std::size_t>(c)];
}

CreditCodeStatus check_credit_code(std::string_view code) {
    if (code.size() != 18) return CreditCodeStatus::wrong_length;
    for (char ch : code)
        if (k_credit_charset.find(ch) == std::string_view::npos) return CreditCodeStatus::bad_character;
    return credit_code_check_char(code.substr(0, 17)) == code[17] ? CreditCodeStatus::ok : CreditCodeStatus::bad_check;
}

bool is_identity_issue(std::string_view code) {
    if (code.rfind("credit_code_", 0) == 0) return true;
    for (std::string_view c : {"unknown_city", "ambiguous_city", "unknown_county", "ambiguous_county", "county_not_in_city"})
        if (code == c) return true;
    return false;
}

bool is_known_region(const RefData& ref, std::string_view id, std::string_view kind) {
    const RefRecord* r = ref.record("regions", id);
    if (!r) return false;
    auto k = r->raw.find("kind");
    return k != r->raw.end() && k->is_string() && k->get<std::string>() == kind;
}

std::string region_city_of(const RefData& ref, std::string_view county_id) {
    const RefRecord* r = ref.record("regions", county_id);
    if (!r) return {};
    auto c = r->raw.find("city");
    return (c != r->raw.end() && c->is_string()) ? c->get<std::string>() : std::string();
}

bool is_known_industry(const RefData& ref, std::string_view code) { return ref.record("industries", code) != nullptr; }

std::size_t utf8_length(std::string_view s) {
    std::size_t n = 0;
    for (unsigned char c : s)
        if ((c & 0xC0) != 0x80) ++n;
    return n;
}

bool utf8_valid(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size()) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 0;
        if (len == 0 || i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k)
            if ((static_cast<unsigned char>(s[i + k]) & 0xC0) != 0x80) return false;
        i += len;
    }
    return true;
}

std::string num_text(double v) {
    char buf[64];
    if (std::fabs(v) >= 1e15 || (v != 0 && std::fabs(v) < 1e-4))
        std::snprintf(buf, sizeof buf, "%.4g", v);
    else
        std::snprintf(buf, sizeof buf, "%.6g", v);
    return buf;
}

int json_max_nesting(std::string_view text) {
    int depth = 0, max_depth = 0;
    bool in_string = false, escape = false;
    for (char c : text) {
        if (in_string) {
            if (escape) escape = false;
            else if (c == '\\') escape = true;
            else if (c == '"') in_string = false;
            continue;
        }
        if (c == '"') in_string = true;
        else if (c == '{' || c == '[') max_depth = std::max(max_depth, ++depth);
        else if (c == '}' || c == ']') --depth;
    }
    return max_depth;
}

const nlohmann::json* json_at(const nlohmann::json& j, std::initializer_list<const char*> path) {
    const nlohmann::json* p = &j;
    for (const char* k : path) {
        if (!p->is_object()) return nullptr;
        auto it = p->find(k);
        if (it == p->end()) return nullptr;
        p = &*it;
    }
    return p;
}

std::string json_string_or(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    return (it != j.end() && it->is_string()) ? it->get<std::string>() : std::string();
}

} // namespace selfcheck
