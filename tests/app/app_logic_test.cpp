// App logic that needs no ImGui: number entry and fallback formatting (app/format.cpp; the
// shared geometry and formats are tested in tests/viz/) and the UI string tables (app/i18n_table.cpp) checked against every source file
// in app/: each key used exists in both languages, no key is unused, none is empty.
#include "equipment.hpp"  // the core's management choice enums
#include "format.hpp"
#include "i18n_table.hpp"

#include <catch2/catch_test_macros.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app {
const std::vector<std::pair<std::string, std::string>>& embedded_app_sources();  // generated
const std::vector<std::pair<std::string, std::string>>& embedded_i18n_tables();  // generated
namespace ui {
const std::vector<std::pair<std::string, std::string>>& embedded_choice_files();  // generated (assets/data/choices.json)
}
}

using namespace selfcheck;

TEST_CASE("numbers are formatted the Chinese way", "[format]") {
    CHECK(app::group(9500000, 0) == "9,500,000");
    CHECK(app::group(1428.0180769, 2) == "1,428.02");
    CHECK(app::group(-1234.4, 0) == "-1,234");
    CHECK(app::group(-0.001, 2) == "0.00");
    CHECK(app::num(8036.0352) == "8,036");
    CHECK(app::num(223.2232) == "223.2");
    CHECK(app::num(3.179306) == "3.18");
    CHECK(app::num(0.5306) == "0.531");
    double v = 0;
    CHECK(app::parse_number("1,234.5", v));
    CHECK(v == 1234.5);
    CHECK(app::parse_number("\xEF\xBC\x91\xEF\xBC\x92\xEF\xBC\x93", v));  // full-width 123
    CHECK(v == 123);
    CHECK(!app::parse_number("abc", v));
    CHECK(!app::parse_number("", v));
    CHECK(!app::parse_number("12吨", v));
}

TEST_CASE("i18n: key extraction from sources", "[i18n]") {
    const std::string src = R"(ImGui::Text(tr("a.b")); attr("x.y"); str("c.d_e"); "Not.A.Key" "nodot" tr("nav.x"))";
    const auto used = app::tr_keys_in_source(src);
    REQUIRE(used.size() == 2);
    CHECK(used[0] == "a.b");
    CHECK(used[1] == "nav.x");
    const auto lits = app::key_literals_in_source(src);
    CHECK(std::find(lits.begin(), lits.end(), "c.d_e") != lits.end());
    CHECK(std::find(lits.begin(), lits.end(), "Not.A.Key") == lits.end());
    CHECK(std::find(lits.begin(), lits.end(), "nodot") == lits.end());
}

TEST_CASE("i18n: a key family composed at run time is known by its prefix literal", "[i18n]") {
    const auto p = app::prefix_literals_in_source(R"(k = std::string("choice.") + f; g("a.b"); h("x.y.");)");
    REQUIRE(p.size() == 2);
    CHECK(p[0] == "choice.");
    CHECK(p[1] == "x.y.");
    std::map<std::string, app::StringTable> t;
    t["zh-CN"] = {{"choice.a.b", "甲"}, {"other.k", "乙"}};
    const auto c = app::check_tables(t, {{"x.cpp", R"(std::string("choice.") + id)"}});
    REQUIRE(c.unused.size() == 1);  // other.k has no prefix and no use
    CHECK(c.unused[0] == "zh-CN: other.k");
}

TEST_CASE("i18n: every key in both languages, none unused, none empty", "[i18n]") {
    std::map<std::string, app::StringTable> tables;
    for (const auto& [file, text] : app::embedded_i18n_tables()) {
        std::string err;
        INFO(file);
        REQUIRE(app::parse_string_table(text, tables[file.substr(0, file.rfind('.'))], &err));
    }
    REQUIRE(tables.count("zh-CN"));
    REQUIRE(tables.count("en"));
    REQUIRE(app::embedded_app_sources().size() > 10);
    const auto c = app::check_tables(tables, app::embedded_app_sources());
    for (const auto& k : c.missing) UNSCOPED_INFO("missing " << k);
    for (const auto& k : c.unused) UNSCOPED_INFO("unused " << k);
    for (const auto& k : c.empty) UNSCOPED_INFO("empty " << k);
    CHECK(c.missing.empty());
    CHECK(c.unused.empty());
    CHECK(c.empty.empty());
}

// The choice lists (assets/data/choices.json) are the one list of the pickers: every id offered has
// words in both languages, and no choice.<field>.<id> text exists for an id that is not offered.
TEST_CASE("choices: every offered id has words in both languages, no orphan words", "[i18n][choices]") {
    std::map<std::string, app::StringTable> tables;
    for (const auto& [file, text] : app::embedded_i18n_tables())
        REQUIRE(app::parse_string_table(text, tables[file.substr(0, file.rfind('.'))]));
    REQUIRE(app::ui::embedded_choice_files().size() == 1);
    const auto doc = nlohmann::json::parse(app::ui::embedded_choice_files()[0].second);
    const auto& fields = doc.at("fields");
    REQUIRE(fields.size() >= 14);
    CHECK(fields.at("speed_control") == nlohmann::json::array({"none", "fixed", "vsd"}));
    std::vector<std::string> offered;
    for (auto f = fields.begin(); f != fields.end(); ++f) {
        REQUIRE(f->is_array());
        REQUIRE(!f->empty());
        for (const auto& id : *f) {
            // product units are unit words (unit.id.<id>), the rest choice words
            const std::string key = f.key() == "product_unit" ? "unit.id." + id.get<std::string>()
                                                               : "choice." + f.key() + "." + id.get<std::string>();
            offered.push_back(key);
            for (const auto& lang : {"zh-CN", "en"}) {
                INFO(lang << ": " << key);
                REQUIRE(tables[lang].count(key));
                CHECK(!tables[lang].at(key).empty());
            }
        }
    }
    for (const auto& [k, v] : tables["zh-CN"])
        if (k.rfind("choice.", 0) == 0 && k != "choice.unknown" && k != "choice.unknown_tip") {
            INFO("orphan " << k);
            CHECK(std::find(offered.begin(), offered.end(), k) != offered.end());
        }
    // Chinese words, not the stored code: 变频调速 for vsd
    CHECK(tables["zh-CN"].at("choice.speed_control.vsd") == "变频调速");
    CHECK(tables["en"].at("choice.speed_control.vsd") != "vsd");
}

// The management answers the core reads as enums (core/equipment.hpp MeteringCoverage,
// TouUserClass) are exactly the ids the pickers offer: a value added to one list and not the other
// would be offered and then refused, or accepted and never offered.
TEST_CASE("choices: the core's management choice enums are the pickers' lists", "[choices]") {
    const auto doc = nlohmann::json::parse(app::ui::embedded_choice_files().at(0).second);
    auto ids = [](const auto& keys) {
        nlohmann::json a = nlohmann::json::array();
        for (std::string_view k : keys) a.push_back(std::string(k));
        return a;
    };
    CHECK(doc.at("fields").at("metering_gb17167") == ids(k_metering_coverage_keys));
    CHECK(doc.at("fields").at("tou_user_class") == ids(k_tou_user_class_keys));
}
