#include "bills/texts.hpp"

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
            for (auto it = j.begin(); it != j.end(); ++it)
                if (it->is_object())
                    m[it.key()] = Text{it->value("zh", std::string()), it->value("en", std::string())};
        }
        return m;
    }();
    return t;
}

std::string fill(std::string s, std::initializer_list<Arg> args, bool zh) {
    for (const Arg& a : args) {
        const std::string ph = "{" + a.name + "}";
        const std::string& v = zh ? a.zh : a.en;
        for (std::size_t p = s.find(ph); p != std::string::npos; p = s.find(ph, p + v.size())) s.replace(p, ph.size(), v);
    }
    return s;
}
} // namespace

bool has(std::string_view key) { return table().count(key) > 0; }

Text get(std::string_view key, std::initializer_list<Arg> args) {
    auto it = table().find(key);
    if (it == table().end()) return {std::string(key), std::string(key)};
    return {fill(it->second.zh, args, true), fill(it->second.en, args, false)};
}

} // namespace selfcheck::texts
