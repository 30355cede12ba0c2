// One sample factory worked by hand: assets/data/samples/08_electronics_jiaxing.json (reporting
// year 2024, no factor year given -> the latest MEE/NBS factors, 2023). Every headline figure of the
// result is derived below from the standards' formulas and the reference data's coefficients, with
// the arithmetic in the comments, so tests/golden/08_electronics_jiaxing.json has an independent check.
//
// Inputs: electricity 5,500,000 kWh purchased (of which 1,000,000 kWh green power, plus 500 GECs);
// LPG 6 t for the canteen (marked non_production); own PV 900,000 kWh self-used, 150,000 kWh exported;
// value added 9,000 万元, output value 38,000 万元; one product, 1,200 (10k pcs).
#include "test_util.hpp"

#include <cmath>

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

Result sample08() {
    for (const auto& [name, text] : embedded_sample_files())
        if (name.find("08_electronics_jiaxing") != std::string::npos) {
            ParseOutcome p = parse_document(text, ref());
            REQUIRE(p.input.has_value());
            return assess(*p.input, ref());
        }
    FAIL("sample 08 not embedded");
    return {};
}

const MeasureResult* measure(const Result& r, const std::string& id) {
    for (const auto& m : r.measures)
        if (m.id == id) return &m;
    return nullptr;
}

} // namespace

TEST_CASE("sample 08 worked by hand: energy (GB/T 2589-2020)", "[handworked]") {
    Result r = sample08();
    // Annex A coefficients: electricity 0.1229 kgce/kWh, LPG 1.7143 kgce/kg.
    // electricity 5,500,000 kWh × 0.1229 = 675,950 kgce = 675.95 tce
    // LPG 6 t = 6,000 kg × 1.7143 = 10,285.8 kgce = 10.2858 tce
    // own PV self-used 900,000 kWh × 0.1229 = 110,610 kgce = 110.61 tce (consumed, not purchased)
    // total = 675.95 + 10.2858 + 110.61 = 796.8458 tce
    CHECK_THAT(r.energy.total_tce, WithinRel(796.8458, 1e-12));
    CHECK_THAT(r.energy.renewable_tce, WithinRel(110.61, 1e-12));
    // Tier (plan 三(二)2): 796.8 < 1,000 -> "lt1000"; not a key energy-using unit (< 5,000 / 10,000).
    CHECK(std::string(budget_tier_name(r.energy.budget_tier)) == "lt1000");
    CHECK_FALSE(r.energy.key_energy_unit);
    // 等价值: GB/T 2589 asks for the year's GENERATION coal rate; none is on file (constants.json
    // 'gap' records), so the 2024 SUPPLY rate 302.4 gce/kWh stands in, with a warning saying so:
    // (5,500,000 + 900,000) kWh × 0.3024 = 1,935,360 kgce = 1,935.36 tce; + LPG 10.2858 = 1,945.6458
    CHECK_THAT(r.energy.total_equal_tce, WithinRel(1945.6458, 1e-12));
    bool proxy_warned = false;
    for (const auto& w : r.warnings) proxy_warned |= w.code == "equal_value_supply_rate";
    CHECK(proxy_warned);
}

TEST_CASE("sample 08 with the year's generation coal rate given by the user (GB/T 2589 equal value)", "[handworked]") {
    std::string text;
    for (const auto& [name, t] : embedded_sample_files())
        if (name.find("08_electronics_jiaxing") != std::string::npos) text = t;
    REQUIRE_FALSE(text.empty());
    nlohmann::json d = nlohmann::json::parse(text);
    d["options"]["generation_coal_rate_gce_per_kwh"] = 290;
    ParseOutcome p = parse_document(d.dump(), ref());
    REQUIRE(p.input.has_value());
    Result r = assess(*p.input, ref());
    // Electricity (purchased 5,500,000 + own PV 900,000 kWh) at the user's 290 gce/kWh:
    // 6,400,000 × 0.290 = 1,856,000 kgce = 1,856 tce; + LPG 10.2858 (calorific) = 1,866.2858 tce
    CHECK_THAT(r.energy.total_equal_tce, WithinRel(1866.2858, 1e-12));
    // The calorific total and the CO2 do not move: 796.8458 tce, 2,918.3 t scope 2
    CHECK_THAT(r.energy.total_tce, WithinRel(796.8458, 1e-12));
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(2918.3, 1e-12));
    // No "supply rate stands in" warning; the factor list names the user's figure.
    bool proxy_warned = false;
    for (const auto& w : r.warnings) proxy_warned |= w.code == "equal_value_supply_rate";
    CHECK_FALSE(proxy_warned);
    bool listed = false;
    for (const auto& f : r.factors_used) listed |= f.id == "generation_coal_rate/user" && f.value == 290 && f.user_given;
    CHECK(listed);
    // Saved back as given (round trip), and a unit slip (0.29, kgce/kWh) is a located error.
    CHECK(input_to_json(*p.input)["options"]["generation_coal_rate_gce_per_kwh"] == 290);
    d["options"]["generation_coal_rate_gce_per_kwh"] = 0.29;
    ParseOutcome bad = parse_document(d.dump(), ref());
    bool located = false;
    for (const auto& i : bad.issues.items) located |= i.path == "/options/generation_coal_rate_gce_per_kwh" && i.severity == Severity::error;
    CHECK(located);
}

TEST_CASE("sample 08 worked by hand: CO2, location- and market-based", "[handworked]") {
    Result r = sample08();
    // Location-based scope 2: 5,500 MWh × 0.5306 (MEE/NBS 2023 national) = 2,918.3 t
    CHECK_THAT(r.emissions.scope2_tco2, WithinRel(2918.3, 1e-12));
    // Scope 1, LPG: FC × NCV × CC × OF × 44/12 = 6,000 kg × 50,179 kJ/kg = 301.074 GJ = 0.301074 TJ;
    // × 17.2 tC/TJ = 5.178473; × 0.98 = 5.074903; × 44/12 = 18.60798 t
    CHECK_THAT(r.emissions.scope1_tco2, WithinRel(0.301074 * 17.2 * 0.98 * 44.0 / 12.0, 1e-9));
    // total 2,918.3 + 18.60798 = 2,936.90798 t
    CHECK_THAT(r.emissions.total_tco2, WithinRel(2918.3 + 18.607979, 1e-8));
    // Market-based: green power 1,000 MWh and 500 GECs (500 MWh) at zero, the other
    // 5,500 − 1,000 − 500 = 4,000 MWh at the 2023 factor excluding market-traded non-fossil power
    // 0.6096: 4,000 × 0.6096 = 2,438.4 t; total 2,438.4 + 18.60798 = 2,457.00798 t
    CHECK_THAT(*r.emissions.scope2_market_tco2, WithinRel(2438.4, 1e-12));
    CHECK_THAT(*r.emissions.total_market_tco2, WithinRel(2438.4 + 18.607979, 1e-8));
    // Own PV (informational): 900 MWh × 0.5306 = 477.54 t avoided; exported 150 MWh × 0.5306 = 79.59 t
    CHECK_THAT(r.emissions.avoided_by_own_pv_tco2, WithinRel(477.54, 1e-12));
    CHECK_THAT(r.emissions.avoided_by_exported_pv_tco2, WithinRel(79.59, 1e-12));
}

TEST_CASE("sample 08 worked by hand: intensities, carbon level, product energy", "[handworked]") {
    Result r = sample08();
    // Per 万元 value added: 796.8458 / 9,000 = 0.08853842 tce; 2,936.90798 / 9,000 = 0.32632311 t
    CHECK_THAT(*r.intensity.tce_per_10k_yuan_value_added.value, WithinRel(796.8458 / 9000, 1e-12));
    CHECK_THAT(*r.intensity.tco2_per_10k_yuan_value_added.value, WithinRel(2936.907979 / 9000, 1e-8));
    // Per 万元 output value: 796.8458 / 38,000 = 0.02096963 tce; 2,936.90798 / 38,000 = 0.07728705 t
    CHECK_THAT(*r.intensity.tce_per_10k_yuan_output.value, WithinRel(796.8458 / 38000, 1e-12));
    CHECK_THAT(*r.intensity.tco2_per_10k_yuan_output.value, WithinRel(2936.907979 / 38000, 1e-8));
    // Carbon-efficiency level (《规上工业企业碳效等级评价方法》): numerator = CO2 of all energy used
    // minus CO2 avoided by own zero-carbon power. Self-used PV counted as used and deducted cancels;
    // exported PV 150 MWh × 0.5306 = 79.59 t is deducted: 2,936.90798 − 79.59 = 2,857.31798 t.
    // L = 2,857.31798 / 9,000 = 0.31748 t/万元 ≤ 0.6 -> 低碳 ("low").
    CHECK_THAT(*r.carbon_efficiency.numerator_tco2, WithinRel(2936.907979 - 79.59, 1e-8));
    CHECK_THAT(*r.carbon_efficiency.intensity, WithinRel((2936.907979 - 79.59) / 9000, 1e-8));
    CHECK(std::string(carbon_level_name(r.carbon_efficiency.level)) == "low");
    // No industry average on file or given -> no K and no grade, with the reason.
    CHECK_FALSE(r.carbon_efficiency.grade.has_value());
    REQUIRE(r.carbon_efficiency.missing.has_value());
    // Unit product energy: site energy less the canteen LPG (non-production, GB 限额 definition):
    // 796.8458 − 10.2858 = 786.56 tce = 786,560 kgce / 1,200 = 655.4667 kgce per 10k pcs.
    REQUIRE(r.products.size() == 1);
    CHECK_THAT(r.products[0].non_production_tce_excluded, WithinRel(10.2858, 1e-12));
    CHECK_THAT(*r.products[0].kgce_per_unit, WithinRel(786560.0 / 1200.0, 1e-12));
}

TEST_CASE("sample 08 worked by hand: rooftop PV and green-power economics", "[handworked]") {
    Result r = sample08();
    // Rooftop PV (measures.json pv_rooftop/*): concrete roof 15,000 m² at 100 W/m²; the existing
    // 950 kWp occupies 950,000 / 100 = 9,500 m², leaving 5,500 m² -> 550 kWp.
    // Yield 550 × 1,025 kWh/kWp = 563,750 kWh; self-used 80 % = 451,000 kWh; exported 112,750 kWh.
    const MeasureResult* pv = measure(r, "pv_rooftop");
    REQUIRE(pv);
    // tce: 451,000 × 0.1229 = 55,427.9 kgce = 55.4279 tce
    CHECK_THAT(pv->tce_saved, WithinRel(55.4279, 1e-12));
    // Own PV lowers both CO2 figures: location 451 MWh × 0.5306 = 239.3006 t;
    // market 451 MWh × 0.6096 = 274.9296 t (it displaces purchased, non-green power).
    CHECK_THAT(pv->tco2_avoided, WithinRel(239.3006, 1e-12));
    CHECK_THAT(*pv->tco2_avoided_market, WithinRel(274.9296, 1e-12));
    // Investment 550,000 W × 3.0 ¥/W = 1,650,000 ¥ = 165 万元
    CHECK_THAT(pv->investment_10k_yuan, WithinRel(165.0, 1e-12));
    // Annual: 451,000 × 0.75 + 112,750 × 0.4153 − O&M 550,000 W × 0.04 = 338,250 + 46,825.075 − 22,000
    //       = 363,075.075 ¥ = 36.3075075 万元; payback 165 / 36.3075075 = 4.5445 years
    CHECK_THAT(pv->annual_saving_10k_yuan, WithinRel(36.3075075, 1e-12));
    CHECK_THAT(*pv->payback_years, WithinRel(165.0 / 36.3075075, 1e-12));
    // NPV at 8 % over 25 years with 0.475 %/yr degradation: q = 0.99525 / 1.08 = 0.92152778,
    // q^25 = 0.12963157, Σ_{k=0..24} q^k = (1 − 0.12963157) / (1 − 0.92152778) = 11.0914207;
    // PV of savings = 363,075.075 / 1.08 × 11.0914207 = 336,180.625 × 11.0914207 = 3,728,720.76 ¥;
    // NPV = 3,728,720.76 − 1,650,000 = 2,078,720.76 ¥ = 207.872 万元
    CHECK_THAT(pv->npv_10k_yuan, WithinRel(207.8720758, 1e-8));
    // Abatement cost: CRF(8 %, 25) = 0.08 × 1.08^25 / (1.08^25 − 1) = 0.09367878;
    // (1,650,000 × 0.09367878 − 363,075.075) / 239.3006 = (154,569.99 − 363,075.08) / 239.3006 = −871.31 ¥/t
    CHECK_THAT(*pv->abatement_cost_yuan_per_tco2, WithinRel(-871.3103501, 1e-8));
    // IRR: the NPV at the reported rate is zero.
    REQUIRE(pv->irr.has_value());
    CHECK(std::fabs(econ::npv(1650000, 363075.075, 25, *pv->irr, 0.00475)) < 1.0);

    // Green power for the purchased electricity not yet green: 5,500,000 − 1,000,000 − 500 × 1,000
    // = 4,000,000 kWh at a 0.02 ¥/kWh premium = −80,000 ¥/yr = −8 万元; no investment; 1-year life.
    const MeasureResult* gp = measure(r, "green_power");
    REQUIRE(gp);
    CHECK(gp->tce_saved == 0);
    // Location-based CO2 (what the carbon level and grade see) does not change: 0.
    CHECK(gp->tco2_avoided == 0);
    // Market-based: 4,000 MWh × 0.6096 (residual factor) = 2,438.4 t
    CHECK_THAT(*gp->tco2_avoided_market, WithinRel(2438.4, 1e-12));
    CHECK_THAT(gp->annual_saving_10k_yuan, WithinRel(-8.0, 1e-12));
    // NPV = −80,000 / 1.08 = −74,074.07 ¥ = −7.4074 万元
    CHECK_THAT(gp->npv_10k_yuan, WithinRel(-8.0 / 1.08, 1e-12));
    CHECK_FALSE(gp->payback_years.has_value());
    // The outlook's carbon intensity and level stay as they are: L × (2,857.318 − 0) / 2,857.318.
    CHECK_THAT(*gp->outlook.new_carbon_intensity, WithinRel((2936.907979 - 79.59) / 9000, 1e-8));
    CHECK(std::string(carbon_level_name(gp->outlook.new_carbon_level)) == "low");
}

TEST_CASE("sample 08 worked by hand: green-factory score (GB/T 36132-2025 Annex C)", "[handworked]") {
    Result r = sample08();
    // Gate: all basic requirements true, no veto -> passed.
    CHECK(r.green_factory.mandatory_failed.empty());
    // Scored indicators with what the sample gives:
    //  item 4 platform functions: 5 ticked, linear between 基准值 0 and 引领值 8 items, 6 points:
    //         6 × (5 − 0) / (8 − 0) = 3.75
    //  item 9 advanced process and equipment: yes -> 6
    //  item 12 green design: yes -> 8
    //  every other indicator lacks its sector anchors (基准值/引领值) or is answered "no" -> 0
    // total = 3.75 + 6 + 8 = 17.75 points
    CHECK_THAT(r.green_factory.total_score, WithinRel(17.75, 1e-12));
}
