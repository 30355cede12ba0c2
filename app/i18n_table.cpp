#include "i18n_table.hpp"

#include <nlohmann/json.hpp>
#include <cctype>
#include <set>

namespace selfcheck::app {

bool parse_string_table(std::string_view json_text, StringTable& out, std::string* error) {
    auto j = nlohmann::json::parse(json_text, nullptr, false);
    if (!j.is_object()) {
        if (error) *error = "not a JSON object";
        return false;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_string()) {
            if (error) *error = "value of " + it.key() + " is not a string";
            return false;
        }
        out[it.key()] = it.value().get<std::string>();
    }
    return true;
}

static bool key_char(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; }

static bool looks_like_key(std::string_view k) {
    if (k.empty() || k.front() == '.' || k.back() == '.' || k.find('.') == std::string_view::npos) return false;
    if (!(k.front() >= 'a' && k.front() <= 'z')) return false;
    for (char c : k)
        if (!key_char(c)) return false;
    return k.find("..") == std::string_view::npos;
}

std::vector<std::string> tr_keys_in_source(std::string_view src) {
    std::vector<std::string> out;
    for (std::size_t p = src.find("tr(\""); p != std::string_view::npos; p = src.find("tr(\"", p + 1)) {
        if (p > 0 && (std::isalnum(static_cast<unsigned char>(src[p - 1])) || src[p - 1] == '_')) continue;
        std::size_t b = p + 4, e = src.find('"', b);
        if (e == std::string_view::npos) break;
        out.emplace_back(src.substr(b, e - b));
    }
    return out;
}

namespace {
// Every "..." literal of `src` for which keep(literal) holds.
template <class Keep> std::vector<std::string> literals_in_source(std::string_view src, Keep keep) {
    std::vector<std::string> out;
    std::size_t p = 0;
    while ((p = src.find('"', p)) != std::string_view::npos) {
        std::size_t e = src.find('"', p + 1);
        if (e == std::string_view::npos) break;
        std::string_view lit = src.substr(p + 1, e - p - 1);
        if (keep(lit)) out.emplace_back(lit);
        p = e + 1;
    }
    return out;
}
} // namespace

std::vector<std::string> key_literals_in_source(std::string_view src) {
    return literals_in_source(src, [](std::string_view lit) { return looks_like_key(lit); });
}

// String literals of the form "word." or "word.word." (a key family's prefix).
std::vector<std::string> prefix_literals_in_source(std::string_view src) {
    return literals_in_source(src, [](std::string_view lit) {
        bool ok = lit.size() >= 2 && lit.back() == '.' && lit.front() != '.';
        for (char ch : lit) ok = ok && ((ch >= 'a' && ch <= 'z') || ch == '.' || ch == '_');
        return ok;
    });
}

TableCheck check_tables(const std::map<std::string, StringTable>& tables,
                        const std::vector<std::pair<std::string, std::string>>& sources) {
    std::set<std::string> used, literals;
    for (const auto& [name, text] : sources) {
        for (auto& k : tr_keys_in_source(text)) used.insert(k);
        for (auto& k : key_literals_in_source(text)) literals.insert(k);
    }
    // Keys composed at run time from a literal prefix ("choice." + field + "." + value) count as
    // used when the prefix literal itself appears in the sources.
    std::vector<std::string> prefixes;
    for (const auto& [name, text] : sources)
        for (auto& k : prefix_literals_in_source(text)) prefixes.push_back(k);
    auto composed = [&](const std::string& k) {
        for (const auto& p : prefixes)
            if (k.size() > p.size() && k.compare(0, p.size(), p) == 0) return true;
        return false;
    };
    TableCheck c;
    for (const auto& [lang, tab] : tables) {
        for (const auto& k : used)
            if (!tab.count(k)) c.missing.push_back(lang + ": " + k);
        for (const auto& [k, v] : tab) {
            if (!literals.count(k) && !used.count(k) && !composed(k)) c.unused.push_back(lang + ": " + k);
            if (v.empty()) c.empty.push_back(lang + ": " + k);
        }
    }
    // A key in one table only is missing from the others even if no code uses it yet.
    for (const auto& [lang, tab] : tables)
        for (const auto& [k, v] : tab)
            for (const auto& [lang2, tab2] : tables)
                if (lang2 != lang && !tab2.count(k) && !used.count(k)) c.missing.push_back(lang2 + ": " + k);
    return c;
}

} // namespace selfcheck::app
