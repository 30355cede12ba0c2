// Report texts are data (assets/i18n/report/zh-CN.json and en.json, joined by id in
// report/report.cpp): both languages hold the same ids, none is empty, every id the renderer
// names is in both tables and every table entry is named by the renderer (exactly, or through a
// prefix such as "report.intensity." completed at run time).
#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>

#include "refdata.hpp"

#include <map>
#include <set>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck {
const std::vector<std::pair<std::string, std::string>>& embedded_report_texts();   // selfcheck_report
const std::vector<std::pair<std::string, std::string>>& embedded_report_source();  // tests/CMakeLists.txt
} // namespace selfcheck

namespace {

bool id_char(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '.'; }

// String literals in the source that start with "report." or "unit." (not file names such as report.hpp).
std::set<std::string> ids_in(const std::string& src) {
    std::set<std::string> out;
    for (std::size_t p = src.find('"'); p != std::string::npos; p = src.find('"', p + 1)) {
        std::size_t e = p + 1;
        while (e < src.size() && id_char(src[e])) ++e;
        if (e >= src.size() || src[e] != '"') continue;
        std::string lit = src.substr(p + 1, e - p - 1);
        const bool file = lit.size() > 4 && (lit.compare(lit.size() - 4, 4, ".hpp") == 0 || lit.compare(lit.size() - 4, 4, ".cpp") == 0);
        if (!file && (lit.rfind("report.", 0) == 0 || lit.rfind("unit.", 0) == 0)) out.insert(lit);
        p = e;
    }
    return out;
}

} // namespace

TEST_CASE("report texts: same ids in zh-CN and en, none empty, all used, none missing", "[report][i18n]") {
    std::map<std::string, std::map<std::string, std::string>> tables;
    for (const auto& [file, text] : selfcheck::embedded_report_texts()) {
        auto j = nlohmann::json::parse(text, nullptr, false);
        INFO(file);
        REQUIRE(j.is_object());
        for (auto it = j.begin(); it != j.end(); ++it) {
            REQUIRE(it->is_string());
            tables[file][it.key()] = it->get<std::string>();
        }
    }
    REQUIRE(tables.count("zh-CN.json"));
    REQUIRE(tables.count("en.json"));
    const auto& zh = tables["zh-CN.json"];
    const auto& en = tables["en.json"];
    CHECK(zh.size() > 200);
    for (const auto& [k, v] : zh) {
        INFO(k);
        CHECK(en.count(k));
        CHECK(!v.empty());
    }
    for (const auto& [k, v] : en) {
        INFO(k);
        CHECK(zh.count(k));
        CHECK(!v.empty());
    }
    REQUIRE(selfcheck::embedded_report_source().size() == 1);
    const auto used = ids_in(selfcheck::embedded_report_source()[0].second);
    std::vector<std::string> prefixes;
    for (const auto& id : used) {
        if (id.back() == '.') {
            prefixes.push_back(id);
            continue;
        }
        INFO("used in report.cpp: " << id);
        CHECK(zh.count(id));
        CHECK(en.count(id));
    }
    for (const auto& [k, v] : zh) {
        bool ok = used.count(k) > 0;
        for (const auto& p : prefixes) ok = ok || k.rfind(p, 0) == 0;
        INFO("in the tables, never used: " << k);
        CHECK(ok);
    }
}

TEST_CASE("report texts: no CJK character in the renderer's code", "[report][i18n]") {
    const std::string& src = selfcheck::embedded_report_source()[0].second;
    // UTF-8 lead bytes E3..E9 start U+3000..U+9FFF (CJK punctuation, kana, ideographs); EF BC/BD
    // start the full-width forms U+FF00..U+FF5F.
    std::size_t line = 1, bad = 0;
    for (std::size_t i = 0; i < src.size(); ++i) {
        const auto b = static_cast<unsigned char>(src[i]);
        if (src[i] == '\n') ++line;
        const bool cjk = (b >= 0xE3 && b <= 0xE9) ||
                         (b == 0xEF && i + 1 < src.size() && (static_cast<unsigned char>(src[i + 1]) == 0xBC ||
                                                              static_cast<unsigned char>(src[i + 1]) == 0xBD));
        if (cjk) {
            UNSCOPED_INFO("CJK text in report/report.cpp line " << line);
            ++bad;
        }
    }
    CHECK(bad == 0);
}

TEST_CASE("report texts: every confidence tag of the reference data is explained in both languages", "[report][i18n]") {
    std::map<std::string, std::map<std::string, std::string>> tables;
    for (const auto& [file, text] : selfcheck::embedded_report_texts()) {
        const auto j = nlohmann::json::parse(text);
        for (auto it = j.begin(); it != j.end(); ++it) tables[file][it.key()] = it->get<std::string>();
    }
    std::set<std::string> tags = {"user"};  // the user's own values override data
    for (const auto& [name, d] : selfcheck::RefData::builtin().datasets)
        for (const auto& r : d.records) tags.insert(r.confidence);
    CHECK(tags.count("gap"));  // values a standard publishes but no citable copy was obtained for
    const std::string src = selfcheck::embedded_report_source()[0].second;
    for (const auto& t : tags) {
        INFO("confidence tag " << t);
        CHECK(tables["zh-CN.json"].count("report.confidence_meaning." + t));
        CHECK(tables["en.json"].count("report.confidence_meaning." + t));
        // listed in the report's tag table (assumptions_section)
        CHECK(src.find("\"" + t + "\"") != std::string::npos);
    }
}
