// CO2 by scope, and the published verification cases of benchmarks.md §7.1.
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {
json elec(double mwh) { return {{"carrier", "electricity"}, {"quantity", mwh}, {"unit", "MWh"}}; }
json with_options(json d, json opts) {
    d["options"] = std::move(opts);
    return d;
}
} // namespace

TEST_CASE("default grid factor is the latest national MEE/NBS factor", "[emissions]") {
    Result r = assess_doc(doc({elec(1000)}));
    // 2023 national average 0.5306 tCO2/MWh (MEE/NBS 公告2025年第47号): 1000 MWh -> 530.6 t
    CHECK(r.emissions.grid_factor_tco2_per_mwh == 0.5306);
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(530.6, 1e-12));
    CHECK_THAT(r.emissions.total_tco2, WithinRel(530.6, 1e-12));
    bool listed = false;
    for (const auto& f : r.factors_used) listed |= f.id == "grid/2023/national" && f.record && !f.record->source.empty();
    CHECK(listed);
}

TEST_CASE("grid factor by year and region", "[emissions]") {
    CHECK(assess_doc(with_options(doc({elec(1)}), {{"factor_year", 2021}})).emissions.grid_factor_tco2_per_mwh == 0.5568);
    CHECK(assess_doc(with_options(doc({elec(1)}), {{"factor_year", 2022}, {"factor_region", "zhejiang"}}))
              .emissions.grid_factor_tco2_per_mwh == 0.5153);
    CHECK(assess_doc(with_options(doc({elec(1)}), {{"factor_year", 2023}, {"factor_region", "east_china"}}))
              .emissions.grid_factor_tco2_per_mwh == 0.5500);
    // No published 2023 Zhejiang factor: national 2023 with a warning, never an invented number.
    Result r = assess_doc(with_options(doc({elec(1)}), {{"factor_year", 2023}, {"factor_region", "zhejiang"}}));
    CHECK(r.emissions.grid_factor_tco2_per_mwh == 0.5306);
    bool warned = false;
    for (const auto& w : r.warnings) warned |= w.code == "regional_factor_missing";
    CHECK(warned);
}

TEST_CASE("case A: 宁波柏厨 2020, 8157 MWh at the draft and the verified factor", "[emissions][published]") {
    // Draft: 8157 x 0.7921 = 6461.16 tCO2; verified: 8157 x 0.7035 = 5738.45 tCO2 (benchmarks.md §7.1)
    auto draft = parse_document(with_options(doc({elec(8157)}), {{"grid_emission_factor_tco2_per_mwh", 0.7921}}).dump(), ref());
    REQUIRE(draft.input);
    CHECK(has_issue(draft.issues, "grid_factor_unofficial", "/options/grid_emission_factor_tco2_per_mwh"));
    CHECK_THAT(assess(*draft.input, ref()).emissions.total_tco2, WithinAbs(6461.16, 0.005));
    auto verified = parse_document(with_options(doc({elec(8157)}), {{"grid_emission_factor_tco2_per_mwh", 0.7035}}).dump(), ref());
    REQUIRE(verified.input);
    CHECK(has_issue(verified.issues, "grid_factor_legacy"));  // 2012 East China factor: obsolete
    CHECK_THAT(assess(*verified.input, ref()).emissions.total_tco2, WithinAbs(5738.45, 0.005));
}

TEST_CASE("case B: 宁波李氏 2021, electricity plus diesel", "[emissions][published]") {
    // Verified: 2129.4 MWh x 0.64 = 1362.82 t, plus diesel 10.16 t = 1372.98 t.
    // Diesel mass that gives 10.16 t with our factors: 10.16 / 3.09593 tCO2/t = 3.28173 t, where
    // 3.09593 = 42.652 GJ/t x 20.2 tC/TJ / 1000 x 0.98 x 44/12.
    double diesel_ef = 42.652 * 20.2 / 1000 * 0.98 * 44.0 / 12.0;
    json d = with_options(doc({elec(2129.4), {{"carrier", "diesel"}, {"quantity", 10.16 / diesel_ef}, {"unit", "t"}}}),
                          {{"grid_emission_factor_tco2_per_mwh", 0.64}});
    Result r = assess_doc(d);
    CHECK_THAT(r.emissions.scope2_tco2, WithinAbs(1362.82, 0.005));
    CHECK_THAT(r.emissions.scope1_tco2, WithinAbs(10.16, 1e-9));
    CHECK_THAT(r.emissions.total_tco2, WithinAbs(1372.98, 0.005));
    // Initial (draft) version at 0.7035: 1498.03 + 10.16 = 1508.19
    d["options"]["grid_emission_factor_tco2_per_mwh"] = 0.7035;
    CHECK_THAT(assess_doc(d).emissions.total_tco2, WithinAbs(1508.19, 0.005));
}

TEST_CASE("case C: 2024 report listing 0.5633 but computing with the 2022 national factor", "[emissions][published]") {
    // Published table value 93.1 t = 173.502 MWh x 0.5366 (2022 national) = 93.10; 0.5633 would give 97.73.
    Result official = assess_doc(with_options(doc({elec(173.502)}), {{"factor_year", 2022}}));
    CHECK_THAT(official.emissions.total_tco2, WithinAbs(93.10, 0.005));
    auto listed = parse_document(with_options(doc({elec(173.502)}), {{"grid_emission_factor_tco2_per_mwh", 0.5633}}).dump(), ref());
    REQUIRE(listed.input);
    CHECK(has_issue(listed.issues, "grid_factor_unofficial"));  // the inconsistency the tool must flag
    CHECK_THAT(assess(*listed.input, ref()).emissions.total_tco2, WithinAbs(97.73, 0.005));
}

TEST_CASE("green power and certificates: location-based total unchanged, market-based variant lower", "[emissions]") {
    json d = doc({elec(1000)});
    d["renewables"] = {{"green_power_kwh", 300000}, {"gec_mwh", 100}};
    Result r = assess_doc(d);
    // location-based: 1000 MWh x 0.5306 = 530.6
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(530.6, 1e-12));
    // market-based: (1000 - 300 - 100) MWh x 0.6096 (2023 excl. market-traded non-fossil) = 365.76
    REQUIRE(r.emissions.scope2_market_tco2);
    CHECK_THAT(*r.emissions.scope2_market_tco2, WithinRel(365.76, 1e-12));
    // 2021 (MEE/NBS 2024 No. 12): (1000 - 300 - 100) MWh x 0.5942 = 356.52; location-based 1000 x 0.5568 = 556.8
    d["options"] = {{"factor_year", 2021}};
    Result r21 = assess_doc(d);
    CHECK_THAT(r21.emissions.scope2_tco2, WithinRel(556.8, 1e-12));
    REQUIRE(r21.emissions.scope2_market_tco2);
    CHECK_THAT(*r21.emissions.scope2_market_tco2, WithinRel(356.52, 1e-12));
}

TEST_CASE("no market-based figure where no residual factor is on file", "[emissions]") {
    // The residual ('excl_market') factor exists for 2021-2023 only; a user-given grid factor has no
    // residual counterpart, so the market-based figure is withheld rather than guessed.
    json d = doc({elec(1000)});
    d["renewables"] = {{"green_power_kwh", 300000}};
    d["options"] = {{"grid_emission_factor_tco2_per_mwh", 0.6}};
    CHECK_FALSE(assess_doc(d).emissions.scope2_market_tco2);
}

TEST_CASE("user heat factor overrides the 0.11 default", "[emissions]") {
    json d = with_options(doc({{{"carrier", "heat"}, {"quantity", 1000}, {"unit", "GJ"}}}),
                          {{"heat_emission_factor_tco2_per_gj", 0.09}});
    CHECK_THAT(assess_doc(d).emissions.heat_tco2, WithinRel(90.0, 1e-12));  // 1000 GJ x 0.09
}
