// Comprehensive energy consumption per GB/T 2589-2020, worked by hand from Annex A coefficients.
#include "energy.hpp"
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("standard coal per carrier uses the Annex A coefficients", "[energy]") {
    Result r = assess_doc(doc({{{"carrier", "electricity"}, {"quantity", 1000000}, {"unit", "kWh"}},
                               {{"carrier", "raw_coal"}, {"quantity", 1000}, {"unit", "t"}},
                               {{"carrier", "natural_gas"}, {"quantity", 50}, {"unit", "10k_m3"}},
                               {{"carrier", "diesel"}, {"quantity", 20000}, {"unit", "kg"}}}));
    // electricity 1,000,000 kWh x 0.1229 kgce/kWh = 122,900 kgce = 122.9 tce
    CHECK_THAT(r.energy.by_carrier[0].tce, WithinRel(122.9, 1e-12));
    // raw coal 1000 t = 1,000,000 kg x 0.7143 = 714.3 tce
    CHECK_THAT(r.energy.by_carrier[1].tce, WithinRel(714.3, 1e-12));
    // natural gas 50 x 10^4 m3 = 500,000 m3 x 1.3300 kgce/m3 = 665 tce
    CHECK_THAT(r.energy.by_carrier[2].tce, WithinRel(665.0, 1e-12));
    // diesel 20,000 kg x 1.4571 = 29.142 tce
    CHECK_THAT(r.energy.by_carrier[3].tce, WithinRel(29.142, 1e-12));
    // total 122.9 + 714.3 + 665 + 29.142 = 1531.342 tce
    CHECK_THAT(r.energy.total_tce, WithinRel(1531.342, 1e-12));
    CHECK(std::string(budget_tier_name(r.energy.budget_tier)) == "1000to5000");
    // electrification 122.9 / 1531.342
    CHECK_THAT(*r.energy.electrification_rate, WithinRel(122.9 / 1531.342, 1e-12));
    CHECK_THAT(r.energy.mix.at("gas"), WithinRel(665.0 / 1531.342, 1e-12));
}

TEST_CASE("a measured calorific value replaces the default coefficient", "[energy]") {
    // 1000 t coal measured at 23,000 kJ/kg = 23,000,000 kJ per t:
    // 1,000,000 kg x 23,000 kJ/kg / 29,307.6 kJ/kgce = 784,779.6 kgce = 784.7796 tce
    Result r = assess_doc(doc({{{"carrier", "raw_coal"}, {"quantity", 1000}, {"unit", "t"}, {"ncv_kj_per_unit", 23000000}}}));
    CHECK(r.energy.by_carrier[0].measured_ncv);
    CHECK_THAT(r.energy.total_tce, WithinRel(1000.0 * 1000 * 23000 / 29307.6 / 1000, 1e-12));
    // and for CO2: 23,000 GJ = 23 TJ x 26.37 x 0.94 x 44/12 = 2090.436 tCO2
    CHECK_THAT(r.emissions.scope1_tco2, WithinRel(23.0 * 26.37 * 0.94 * 44.0 / 12.0, 1e-9));
}

TEST_CASE("steam in tonnes and in GJ; heat in GJ", "[energy]") {
    // Steam 1000 t x 128.6 kgce/t = 128.6 tce; steam 1000 GJ as heat x 34.12 kgce/GJ = 34.12 tce;
    // heat 500 GJ x 34.12 = 17.06 tce.
    Result r = assess_doc(doc({{{"carrier", "steam"}, {"quantity", 1000}, {"unit", "t"}},
                               {{"carrier", "steam"}, {"quantity", 1000}, {"unit", "GJ"}},
                               {{"carrier", "heat"}, {"quantity", 500000}, {"unit", "MJ"}}}));
    CHECK_THAT(r.energy.by_carrier[0].tce, WithinRel(128.6, 1e-12));
    CHECK_THAT(r.energy.by_carrier[1].tce, WithinRel(34.12, 1e-12));
    CHECK_THAT(r.energy.by_carrier[2].tce, WithinRel(17.06, 1e-12));
    // CO2 (NDRC guides, enthalpy method): steam in tonnes without a pressure is taken as saturated at
    // the default 1.0 MPa gauge = 1.101325 MPa absolute; h'' interpolated in the steam tables between
    // 2,777.1 (1.0 MPa) and 2,783.8 kJ/kg (1.2 MPa): 2,777.1 + 0.5066 x 6.7 = 2,780.5 kJ/kg.
    // 1000 t x (2,780.5 - 83.74) = 2,696.8 GJ; + 1000 GJ + 500 GJ = 4,196.8 GJ x 0.11 = 461.6 tCO2
    // (the GB/T 2589 energy content 3.763 GJ/t would give 578.93 t, 25 % more).
    CHECK_THAT(r.emissions.heat_tco2, WithinRel(4196.8 * 0.11, 1e-3));
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(4196.8 * 0.11, 1e-3));
    CHECK(r.emissions.scope1_tco2 == 0);
}

TEST_CASE("feedstock is excluded from comprehensive energy and CO2", "[energy]") {
    Result r = assess_doc(doc({{{"carrier", "natural_gas"}, {"quantity", 100000}, {"unit", "m3"}, {"feedstock", true}},
                               {{"carrier", "natural_gas"}, {"quantity", 100000}, {"unit", "m3"}}}));
    // each row 100,000 m3 x 1.33 = 133 tce; only the second counts.
    CHECK_THAT(r.energy.total_tce, WithinRel(133.0, 1e-12));
    CHECK_THAT(r.energy.feedstock_tce, WithinRel(133.0, 1e-12));
    // CO2 of the combusted row: 100,000 m3 x 38,931 kJ/m3 = 3.8931 TJ x 15.3 x 0.99 x 44/12 = 216.22 t
    CHECK_THAT(r.emissions.scope1_tco2, WithinRel(3.8931 * 15.3 * 0.99 * 44.0 / 12.0, 1e-9));
    CHECK(r.energy.by_carrier[0].scope == 0);
}

TEST_CASE("equal value of electricity uses the year's supply coal rate", "[energy]") {
    // 2024 rate 302.4 gce/kWh: 1,000,000 kWh -> 302.4 tce (等价值) vs 122.9 tce (当量值).
    Result r = assess_doc(doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}}));
    CHECK_THAT(r.energy.total_equal_tce, WithinRel(302.4, 1e-12));
    // 2022 falls back to the latest rate not after it: 2020's 305.5 gce/kWh -> 305.5 tce.
    Result r22 = assess_doc(doc({{{"carrier", "electricity"}, {"quantity", 100}, {"unit", "10k_kWh"}}}, {{"year", 2022}}));
    CHECK_THAT(r22.energy.total_equal_tce, WithinRel(305.5, 1e-12));
}

TEST_CASE("own PV used on site counts as electricity consumed, not purchased", "[energy]") {
    json d = doc({{{"carrier", "electricity"}, {"quantity", 900000}, {"unit", "kWh"}}});
    d["renewables"] = {{"pv_self_used_kwh", 100000}, {"pv_exported_kwh", 50000}};
    Result r = assess_doc(d);
    // (900,000 + 100,000) kWh x 0.1229 = 122.9 tce; renewable 100,000 x 0.1229 = 12.29 tce
    CHECK_THAT(r.energy.total_tce, WithinRel(122.9, 1e-12));
    CHECK_THAT(r.energy.renewable_tce, WithinRel(12.29, 1e-12));
    // scope 2 only on the 900 MWh purchased: 900 x 0.5306 (2023 national) = 477.54
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(477.54, 1e-12));
}

TEST_CASE("energy-budget tier boundaries follow the plan (1000 inclusive in the middle tier)", "[energy][tier]") {
    CHECK(std::string(budget_tier_name(budget_tier_for(999.999, ref()))) == "lt1000");
    CHECK(std::string(budget_tier_name(budget_tier_for(1000.0, ref()))) == "1000to5000");
    CHECK(std::string(budget_tier_name(budget_tier_for(4999.999, ref()))) == "1000to5000");
    CHECK(std::string(budget_tier_name(budget_tier_for(5000.0, ref()))) == "ge5000");
    CHECK(std::string(budget_tier_name(budget_tier_for(0.0, ref()))) == "lt1000");
}

TEST_CASE("key energy-using unit status at 10,000 tce; designation band from 5,000", "[energy][tier]") {
    // 10,000 tce of electricity = 10,000,000 kgce / 0.1229 = 81,366,965 kWh
    auto at = [](double tce) {
        return assess_doc(doc({{{"carrier", "electricity"}, {"quantity", tce * 1000 / 0.1229}, {"unit", "kWh"}}})).energy;
    };
    auto big = at(10000), mid = at(6000), small = at(4999);
    CHECK(big.key_energy_unit);
    CHECK_FALSE(big.key_unit_may_be_designated);
    CHECK_FALSE(mid.key_energy_unit);
    CHECK(mid.key_unit_may_be_designated);
    CHECK_FALSE(small.key_unit_may_be_designated);
    CHECK(std::string(budget_tier_name(mid.budget_tier)) == "ge5000");
}

TEST_CASE("monthly entry sums to the year", "[energy]") {
    json row = {{"carrier", "electricity"}, {"unit", "kWh"},
                {"monthly", {100, 200, 300, 400, 500, 600, 700, 800, 900, 1000, 1100, 1200}}};
    Input in = parse_ok(doc({row}));
    CHECK(in.energy[0].quantity == 7800);  // 100 + 200 + ... + 1200 = 7800
}

#include "texts.hpp"
TEST_CASE("a threshold in a sentence is grouped like every number the app and the report show", "[energy][texts]") {
    // energy_tiers.json thresholds as the budget-tier sentence writes them
    CHECK(texts::grouped_integer(10000) == "10,000");
    CHECK(texts::grouped_integer(1000) == "1,000");
    CHECK(texts::grouped_integer(999) == "999");
    // rounded half away from zero before grouping: 9,999.5 -> 10,000; 2.5 -> 3 (printf alone gives 2)
    CHECK(texts::grouped_integer(9999.5) == "10,000");
    CHECK(texts::grouped_integer(2.5) == "3");
    // negative numbers are grouped too (the old copy left "-1234" ungrouped)
    CHECK(texts::grouped_integer(-1234) == "-1,234");
    CHECK(texts::grouped_integer(-0.4) == "0");
}
