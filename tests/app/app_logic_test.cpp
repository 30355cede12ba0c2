// App logic that needs no ImGui: chart geometry (app/charts/geometry.cpp), number formatting
// (app/format.cpp) and the UI string tables (app/i18n_table.cpp) checked against every source file
// in app/: each key used exists in both languages, no key is unused, none is empty.
#include "charts/geometry.hpp"
#include "format.hpp"
#include "i18n_table.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>

#include <algorithm>
#include <map>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app {
const std::vector<std::pair<std::string, std::string>>& embedded_app_sources();  // generated
const std::vector<std::pair<std::string, std::string>>& embedded_i18n_tables();  // generated
}

using namespace selfcheck;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("donut arcs cover exactly 2π and are proportional", "[charts]") {
    const std::vector<double> v = {1167.55, 5787.0, 1064.0, 17.5, 0.0, -3.0};
    const auto arcs = charts::donut_arcs(v);
    REQUIRE(arcs.size() == v.size());
    double sweep = 0, frac = 0;
    for (const auto& a : arcs) {
        sweep += a.a1 - a.a0;
        frac += a.fraction;
    }
    CHECK_THAT(sweep, WithinAbs(2 * charts::k_pi, 1e-12));
    CHECK_THAT(frac, WithinAbs(1.0, 1e-12));
    CHECK_THAT(arcs[0].fraction, WithinRel(1167.55 / (1167.55 + 5787.0 + 1064.0 + 17.5), 1e-12));
    CHECK(arcs[4].a1 == arcs[4].a0);  // zero and negative values get no arc
    CHECK(arcs[5].a1 == arcs[5].a0);
    CHECK_THAT(arcs[0].a0, WithinAbs(-charts::k_pi / 2, 1e-12));  // starts at 12 o'clock
    CHECK(charts::donut_arcs({0.0, 0.0})[1].fraction == 0);
}

TEST_CASE("bar lengths are proportional to the values on a nice axis", "[charts]") {
    CHECK(charts::nice_max(0) == 1);
    CHECK(charts::nice_max(1.0) == 1.0);
    CHECK(charts::nice_max(7.3) == 10.0);
    CHECK(charts::nice_max(23000) == 25000);
    CHECK(charts::nice_max(1234) == 2000);
    const auto len = charts::bar_lengths({100, 50, 0, -5, 300}, 200, 400);
    CHECK_THAT(len[0], WithinAbs(200, 1e-9));
    CHECK_THAT(len[1], WithinAbs(100, 1e-9));
    CHECK(len[2] == 0);
    CHECK(len[3] == 0);
    CHECK_THAT(len[4], WithinAbs(400, 1e-9));  // clamped to the axis
    CHECK_THAT(len[0] / len[1], WithinRel(2.0, 1e-12));
    const auto seg = charts::stack_segments({1766.9, 23667.55}, 25434.45, 500);
    CHECK(seg[0].x0 == 0);
    CHECK_THAT(seg[1].x0, WithinAbs(seg[0].x1, 1e-12));
    CHECK_THAT(seg[1].x1, WithinAbs(500, 1e-6));
    CHECK_THAT(seg[0].x1 / 500, WithinRel(1766.9 / 25434.45, 1e-9));
}

TEST_CASE("gauge needle sits on the band boundaries at the K cuts", "[charts]") {
    // DB33/T 1347-2023 grades: K <= 0.6 / 0.8 / 1.2 / 2.0 -> 1..4, above -> 5 (carbon_efficiency.json)
    const std::vector<double> cuts = {0.6, 0.8, 1.2, 2.0};
    CHECK_THAT(charts::gauge_fraction(0.0, cuts, 3.0), WithinAbs(0.0, 1e-12));
    CHECK_THAT(charts::gauge_fraction(0.6, cuts, 3.0), WithinAbs(0.2, 1e-12));
    CHECK_THAT(charts::gauge_fraction(0.8, cuts, 3.0), WithinAbs(0.4, 1e-12));
    CHECK_THAT(charts::gauge_fraction(1.2, cuts, 3.0), WithinAbs(0.6, 1e-12));
    CHECK_THAT(charts::gauge_fraction(2.0, cuts, 3.0), WithinAbs(0.8, 1e-12));
    CHECK_THAT(charts::gauge_fraction(1.0, cuts, 3.0), WithinAbs(0.5, 1e-12));  // middle of band 3
    CHECK_THAT(charts::gauge_fraction(9.0, cuts, 3.0), WithinAbs(1.0, 1e-12));  // clamped
    CHECK_THAT(charts::gauge_angle(0.0), WithinAbs(charts::k_pi, 1e-12));
    CHECK_THAT(charts::gauge_angle(1.0), WithinAbs(2 * charts::k_pi, 1e-12));
    CHECK(charts::grade_for(0.6, cuts) == 1);
    CHECK(charts::grade_for(0.61, cuts) == 2);
    CHECK(charts::grade_for(1.2, cuts) == 3);
    CHECK(charts::grade_for(2.0, cuts) == 4);
    CHECK(charts::grade_for(2.01, cuts) == 5);
}

TEST_CASE("MAC curve: sorted by cost, widths equal tCO2, lone outlier clipped", "[charts]") {
    const auto L = charts::mac_layout({{"b", 87.9, -1020}, {"a", 605.5, -1234}, {"c", 62.1, -1138}, {"d", 10, 300}});
    REQUIRE(L.bars.size() == 4);
    CHECK(L.bars[0].id == "a");
    CHECK(L.bars[1].id == "c");
    CHECK(L.bars[3].id == "d");
    for (const auto& b : L.bars) CHECK(!b.clipped);
    CHECK_THAT(L.bars[0].x1 - L.bars[0].x0, WithinAbs(605.5, 1e-9));
    CHECK_THAT(L.bars[2].x1 - L.bars[2].x0, WithinAbs(87.9, 1e-9));
    CHECK_THAT(L.total_tco2, WithinAbs(605.5 + 87.9 + 62.1 + 10, 1e-9));
    CHECK(L.y_min <= -1234);
    CHECK(L.y_max >= 300);
    const auto O = charts::mac_layout({{"x", 5, 90000}, {"y", 50, -500}, {"z", 20, 200}});
    CHECK(O.bars.back().id == "x");
    CHECK(O.bars.back().clipped);
    CHECK(O.y_max < 90000);
}

TEST_CASE("radar vertices: first axis at 12 o'clock, radius proportional", "[charts]") {
    const auto p = charts::radar_points({1.0, 0.5, 0.0, 0.25}, 100);
    CHECK_THAT(p[0].x, WithinAbs(0, 1e-9));
    CHECK_THAT(p[0].y, WithinAbs(-100, 1e-9));
    CHECK_THAT(p[1].x, WithinAbs(50, 1e-9));  // 3 o'clock, half radius
    CHECK_THAT(p[2].y, WithinAbs(0, 1e-9));
    CHECK_THAT(p[3].x, WithinAbs(-25, 1e-9));
}

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
