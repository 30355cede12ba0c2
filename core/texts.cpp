#include "texts.hpp"

#include "numbers.hpp"  // viz/: the one thousands grouping

#include <cmath>
#include <map>
#include <nlohmann/json.hpp>
#include <utility>
#include <vector>

namespace selfcheck {
const std::vector<std::pair<std::string, std::string>>& embedded_text_files();
}

namespace selfcheck::texts {

namespace {
const std::map<std::string, Text, std::less<>>& table() {
    static const std::map<std::string, Text, std::less<>> t = [] {
        std::map<std::string, Text, std::less<>> m;
        for (const auto& [name, body] : embedded_text_files()) {
            auto j = nlohmann::json::parse(body, nullptr, false);
            if (!j.is_object()) continue;
            for (auto it = j.begin(); it != j.end(); ++it) {
                if (!it->is_object()) continue;
                // "text": one string for both languages (a clause, a standard's title)
                if (auto t = it->find("text"); t != it->end() && t->is_string())
                    m[it.key()] = Text{t->get<std::string>(), t->get<std::string>()};
                else
                    m[it.key()] = Text{it->value("zh", std::string()), it->value("en", std::string())};
            }
        }
        return m;
    }();
    return t;
}

} // namespace

std::string fill(const std::string& s, const Arg* first, const Arg* last, bool zh) {
    if (first == last) return s;
    std::string out;
    out.reserve(s.size() + 32);
    std::size_t i = 0;
    while (i < s.size()) {
        if (s[i] == '{') {
            const std::size_t close = s.find('}', i + 1);
            if (close != std::string::npos) {
                const std::string_view name(s.data() + i + 1, close - i - 1);
                const Arg* a = first;
                while (a != last && a->name != name) ++a;
                if (a != last) {
                    out += zh ? a->zh : a->en;
                    i = close + 1;
                    continue;
                }
            }
        }
        out += s[i++];
    }
    return out;
}

std::string grouped_integer(double v) { return viz::group(std::round(v), 0); }

bool has(std::string_view key) { return table().count(key) > 0; }

Text get(std::string_view key, const Arg* first, const Arg* last) {
    auto it = table().find(key);
    if (it == table().end()) return {std::string(key), std::string(key)};
    return {fill(it->second.zh, first, last, true), fill(it->second.en, first, last, false)};
}

Text get(std::string_view key, std::initializer_list<Arg> args) { return get(key, args.begin(), args.end()); }

} // namespace selfcheck::texts
