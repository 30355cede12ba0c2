#include "i18n.hpp"

#include "i18n_table.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app {
const std::vector<std::pair<std::string, std::string>>& embedded_i18n_files();  // generated

namespace {
const std::map<std::string, StringTable, std::less<>>& tables() {
    static const auto t = [] {
        std::map<std::string, StringTable, std::less<>> all;
        for (const auto& [file, text] : embedded_i18n_files())
            parse_string_table(text, all[file.substr(0, file.rfind('.'))]);
        return all;
    }();
    return t;
}
std::string g_lang = "zh-CN";
} // namespace

void set_language(std::string_view lang) { g_lang = std::string(lang); }
const char* language() { return g_lang.c_str(); }
bool lang_en() { return g_lang == "en"; }

const char* tr(const char* key) { return tr_in(g_lang, key); }

const char* tr_in(std::string_view want, const char* key) {
    for (const std::string& lang : {std::string(want), std::string("zh-CN")}) {
        auto t = tables().find(lang);
        if (t == tables().end()) continue;
        auto it = t->second.find(std::string_view(key));
        if (it != t->second.end()) return it->second.c_str();
    }
    return key;
}

} // namespace selfcheck::app
