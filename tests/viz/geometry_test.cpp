// Chart geometry shared by the app and the report (viz/geometry.cpp): arcs, bars, the gauge and
// the grade scale read from the data, the MAC-curve layout with its one outlier rule, radar.
// Moved from tests/app/app_logic_test.cpp when the geometry moved from app/charts/ to viz/.
#include "geometry.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>

#include <map>
#include <optional>
#include <string>
#include <vector>

using namespace selfcheck;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

TEST_CASE("donut arcs cover exactly 2π and are proportional", "[viz]") {
    const std::vector<double> v = {1167.55, 5787.0, 1064.0, 17.5, 0.0, -3.0};
    const auto arcs = viz::donut_arcs(v);
    REQUIRE(arcs.size() == v.size());
    double sweep = 0, frac = 0;
    for (const auto& a : arcs) {
        sweep += a.a1 - a.a0;
        frac += a.fraction;
    }
    CHECK_THAT(sweep, WithinAbs(2 * viz::k_pi, 1e-12));
    CHECK_THAT(frac, WithinAbs(1.0, 1e-12));
    CHECK_THAT(arcs[0].fraction, WithinRel(1167.55 / (1167.55 + 5787.0 + 1064.0 + 17.5), 1e-12));
    CHECK(arcs[4].a1 == arcs[4].a0);  // zero and negative values get no arc
    CHECK(arcs[5].a1 == arcs[5].a0);
    CHECK_THAT(arcs[0].a0, WithinAbs(-viz::k_pi / 2, 1e-12));  // starts at 12 o'clock
    CHECK(viz::donut_arcs({0.0, 0.0})[1].fraction == 0);
}

TEST_CASE("bar lengths are proportional to the values on a nice axis", "[viz]") {
    CHECK(viz::nice_max(0) == 1);
    CHECK(viz::nice_max(1.0) == 1.0);
    CHECK(viz::nice_max(7.3) == 10.0);
    CHECK(viz::nice_max(23000) == 25000);
    CHECK(viz::nice_max(1234) == 2000);
    const auto len = viz::bar_lengths({100, 50, 0, -5, 300}, 200, 400);
    CHECK_THAT(len[0], WithinAbs(200, 1e-9));
    CHECK_THAT(len[1], WithinAbs(100, 1e-9));
    CHECK(len[2] == 0);
    CHECK(len[3] == 0);
    CHECK_THAT(len[4], WithinAbs(400, 1e-9));  // clamped to the axis
    CHECK_THAT(len[0] / len[1], WithinRel(2.0, 1e-12));
    const auto seg = viz::stack_segments({1766.9, 23667.55}, 25434.45, 500);
    CHECK(seg[0].x0 == 0);
    CHECK_THAT(seg[1].x0, WithinAbs(seg[0].x1, 1e-12));
    CHECK_THAT(seg[1].x1, WithinAbs(500, 1e-6));
    CHECK_THAT(seg[0].x1 / 500, WithinRel(1766.9 / 25434.45, 1e-9));
}

TEST_CASE("gauge needle sits on the band boundaries at the K cuts", "[viz]") {
    // DB33/T 1347-2023 grades: K <= 0.6 / 0.8 / 1.2 / 2.0 -> 1..4, above -> 5 (carbon_efficiency.json)
    const std::vector<double> cuts = {0.6, 0.8, 1.2, 2.0};
    CHECK_THAT(viz::gauge_fraction(0.0, cuts, 3.0), WithinAbs(0.0, 1e-12));
    CHECK_THAT(viz::gauge_fraction(0.6, cuts, 3.0), WithinAbs(0.2, 1e-12));
    CHECK_THAT(viz::gauge_fraction(0.8, cuts, 3.0), WithinAbs(0.4, 1e-12));
    CHECK_THAT(viz::gauge_fraction(1.2, cuts, 3.0), WithinAbs(0.6, 1e-12));
    CHECK_THAT(viz::gauge_fraction(2.0, cuts, 3.0), WithinAbs(0.8, 1e-12));
    CHECK_THAT(viz::gauge_fraction(1.0, cuts, 3.0), WithinAbs(0.5, 1e-12));  // middle of band 3
    CHECK_THAT(viz::gauge_fraction(9.0, cuts, 3.0), WithinAbs(1.0, 1e-12));  // clamped
    CHECK_THAT(viz::gauge_angle(0.0), WithinAbs(viz::k_pi, 1e-12));
    CHECK_THAT(viz::gauge_angle(1.0), WithinAbs(2 * viz::k_pi, 1e-12));
    CHECK(viz::grade_for(0.6, cuts) == 1);
    CHECK(viz::grade_for(0.61, cuts) == 2);
    CHECK(viz::grade_for(1.2, cuts) == 3);
    CHECK(viz::grade_for(2.0, cuts) == 4);
    CHECK(viz::grade_for(2.01, cuts) == 5);
}

TEST_CASE("MAC curve: sorted by cost, widths equal tCO2, lone outlier clipped", "[viz]") {
    const auto L = viz::mac_layout({{"b", 87.9, -1020}, {"a", 605.5, -1234}, {"c", 62.1, -1138}, {"d", 10, 300}});
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
    const auto O = viz::mac_layout({{"x", 5, 90000}, {"y", 50, -500}, {"z", 20, 200}});
    CHECK(O.bars.back().id == "x");
    CHECK(O.bars.back().clipped);
    CHECK(O.y_max < 90000);
}

TEST_CASE("radar vertices: first axis at 12 o'clock, radius proportional", "[viz]") {
    const auto p = viz::radar_points({1.0, 0.5, 0.0, 0.25}, 100);
    CHECK_THAT(p[0].x, WithinAbs(0, 1e-9));
    CHECK_THAT(p[0].y, WithinAbs(-100, 1e-9));
    CHECK_THAT(p[1].x, WithinAbs(50, 1e-9));  // 3 o'clock, half radius
    CHECK_THAT(p[2].y, WithinAbs(0, 1e-9));
    CHECK_THAT(p[3].x, WithinAbs(-25, 1e-9));
}

TEST_CASE("MAC outlier rule: more than 4x the next magnitude is clipped at 1.5x of it", "[viz]") {
    // |costs| 12,824 / 1,234 / 80: 12,824 > 4 x 1,234 = 4,936, so the cap is 1.5 x 1,234 = 1,851.
    const auto L = viz::mac_layout({{"a", 10, -1234}, {"b", 20, 80}, {"c", 3, 12824}});
    REQUIRE(L.bars.size() == 3);
    CHECK(L.bars[2].id == "c");
    CHECK(L.bars[2].clipped);
    CHECK(!L.bars[0].clipped);
    CHECK(!L.bars[1].clipped);
    CHECK_THAT(L.y_max, WithinAbs(1851, 1e-9));
    CHECK_THAT(L.y_min, WithinAbs(-1234, 1e-9));
    // 4,900 is not more than 4 x 1,234 = 4,936: nothing clipped, the axis reaches 4,900.
    const auto M = viz::mac_layout({{"a", 10, -1234}, {"c", 3, 4900}});
    CHECK(!M.bars[0].clipped);
    CHECK(!M.bars[1].clipped);
    CHECK_THAT(M.y_max, WithinAbs(4900, 1e-9));
    // A lone negative outlier is clipped the same way: -9,000 vs 500 -> cap 750.
    const auto N = viz::mac_layout({{"a", 1, -9000}, {"b", 1, 500}});
    CHECK(N.bars[0].clipped);
    CHECK_THAT(N.y_min, WithinAbs(-750, 1e-9));
}

TEST_CASE("grade scale comes from the data records grade/N_max, in order", "[viz]") {
    // carbon_efficiency.json: grade/1_max 0.6, grade/2_max 0.8, grade/3_max 1.2, grade/4_max 2.0
    std::map<std::string, double> rec = {{"grade/1_max", 0.6}, {"grade/2_max", 0.8}, {"grade/3_max", 1.2}, {"grade/4_max", 2.0}};
    auto lookup = [&](const std::string& id) -> std::optional<double> {
        auto it = rec.find(id);
        return it == rec.end() ? std::nullopt : std::optional<double>(it->second);
    };
    const auto g = viz::grade_scale(lookup);
    REQUIRE(g.valid());
    CHECK(g.cuts == std::vector<double>{0.6, 0.8, 1.2, 2.0});
    CHECK(g.grades() == 5);
    CHECK(g.grade(0.6) == 1);   // K <= 0.6: grade 1
    CHECK(g.grade(0.75) == 2);  // 0.6 < K <= 0.8
    CHECK(g.grade(2.5) == 5);   // K > 2.0
    // A sixth cut in the data makes six grades: no count is fixed in code.
    rec["grade/5_max"] = 3.0;
    CHECK(viz::grade_scale(lookup).grades() == 6);
    // No data: no scale (no built-in copy of the cuts).
    const auto none = viz::grade_scale([](const std::string&) { return std::optional<double>(); });
    CHECK(!none.valid());
    CHECK(none.grades() == 1);
    // Cuts that do not ascend are a data error: no scale rather than a wrong grade.
    rec["grade/2_max"] = 0.5;
    CHECK(!viz::grade_scale(lookup).valid());
}
