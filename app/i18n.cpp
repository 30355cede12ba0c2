#include "i18n.hpp"

#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app {
const std::vector<std::pair<std::string, std::string>>& embedded_i18n_files();  // generated

namespace {
using Table = std::map<std::string, std::string, std::less<>>;

const std::map<std::string, Table, std::less<>>& tables() {
    static const auto t = [] {
        std::map<std::string, Table, std::less<>> all;
        for (const auto& [file, text] : embedded_i18n_files()) {
            auto j = nlohmann::json::parse(text, nullptr, false);
            if (!j.is_object()) continue;
            Table& tab = all[file.substr(0, file.rfind('.'))];
            for (auto it = j.begin(); it != j.end(); ++it)
                if (it.value().is_string()) tab[it.key()] = it.value().get<std::string>();
        }
        return all;
    }();
    return t;
}
std::string g_lang = "zh-CN";
} // namespace

void set_language(std::string_view lang) { g_lang = std::string(lang); }

const char* tr(const char* key) {
    for (const std::string& lang : {g_lang, std::string("zh-CN")}) {
        auto t = tables().find(lang);
        if (t == tables().end()) continue;
        auto it = t->second.find(std::string_view(key));
        if (it != t->second.end()) return it->second.c_str();
    }
    return key;
}

} // namespace selfcheck::app
