// Purchased steam and hot water by enthalpy (core/steam.hpp). Expected values from the steam tables
// (IAPWS-IF97 values as printed in standard engineering steam tables) and the NDRC guides' formula
// heat = mass × (h − 83.74 kJ/kg); energy keeps GB/T 2589's 128.6 kgce/t.
#include "test_util.hpp"

#include "steam.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {
json steam_row(double t, json extra = json::object()) {
    json r = {{"carrier", "steam"}, {"quantity", t}, {"unit", "t"}};
    for (auto it = extra.begin(); it != extra.end(); ++it) r[it.key()] = it.value();
    return r;
}
bool has_warning(const Result& r, const std::string& code) {
    for (const auto& w : r.warnings)
        if (w.code == code) return true;
    return false;
}
} // namespace

TEST_CASE("saturated steam at a metered gauge pressure: CO2 by enthalpy, energy by GB/T 2589", "[steam]") {
    // 0.898675 MPa gauge + 0.101325 = 1.0 MPa absolute; saturated vapour h'' = 2,777.1 kJ/kg
    // (steam tables, 1 MPa row). Heat = 1,000 t × (2,777.1 − 83.74) kJ/kg = 2,693.36 GJ;
    // CO2 = 2,693.36 × 0.11 = 296.27 t. Energy: 1,000 t × 128.6 kgce/t = 128.6 tce.
    Result r = assess_doc(doc(steam_row(1000, {{"steam_pressure_mpa", 0.898675}})));
    CHECK_THAT(r.energy.by_carrier[0].tce, WithinRel(128.6, 1e-12));
    CHECK_THAT(*r.energy.by_carrier[0].enthalpy_kj_per_kg, WithinRel(2777.1, 1e-4));
    CHECK_THAT(*r.energy.by_carrier[0].co2_heat_gj, WithinRel(2693.36, 1e-4));
    CHECK_THAT(r.emissions.heat_tco2, WithinRel(296.27, 1e-4));
    CHECK(r.energy.by_carrier[0].energy_basis == "gbt2589_coefficient_co2_by_enthalpy");
    CHECK_FALSE(has_warning(r, "steam_pressure_default"));
}

TEST_CASE("superheated steam uses the metered temperature", "[steam]") {
    // 1.0 MPa absolute, 250 °C: h = 2,943.1 kJ/kg (superheated table). 100 t × (2,943.1 − 83.74)
    // = 285.936 GJ; CO2 = 31.453 t.
    Result r = assess_doc(doc(steam_row(100, {{"steam_pressure_mpa", 0.898675}, {"steam_temperature_c", 250}})));
    CHECK_THAT(*r.energy.by_carrier[0].enthalpy_kj_per_kg, WithinRel(2943.1, 1e-4));
    CHECK_THAT(r.emissions.heat_tco2, WithinRel(285.936 * 0.11, 1e-4));
}

TEST_CASE("steam without a pressure: documented default and a warning that says where to read it", "[steam]") {
    // Default: saturated at 1.0 MPa gauge (1.101325 MPa absolute), h'' ≈ 2,781 kJ/kg, i.e. about
    // 2.70 GJ/t — not the 3.763 GJ/t GB/T 2589 energy content (40 % higher).
    Result r = assess_doc(doc(steam_row(1000)));
    REQUIRE(has_warning(r, "steam_pressure_default"));
    CHECK_THAT(*r.energy.by_carrier[0].enthalpy_kj_per_kg, WithinRel(2781.0, 1e-3));
    CHECK(r.emissions.heat_tco2 < 1000 * 3.763 * 0.11 * 0.75);
    for (const auto& w : r.warnings)
        if (w.code == "steam_pressure_default") {
            CHECK(w.path == "/energy/0/steam_pressure_mpa");
            const texts::Text m = say(w.message);
            CHECK(m.zh.find("月度结算单") != std::string::npos);
            CHECK(m.en.find("monthly statement") != std::string::npos);
        }
}

TEST_CASE("a measured steam enthalpy without a pressure uses the same enthalpy method", "[steam]") {
    // 100 t with a metered enthalpy of 2,800,000 kJ/t = 2,800 kJ/kg: CO2 heat = 100,000 kg ×
    // (2,800 − 83.74) kJ/kg = 271.626 GJ -> 29.87886 t CO2. Energy uses the measured value
    // (GB/T 2589): 100,000 kg × 2,800 / 29,307.6 = 9,553.77 kgce = 9.55377 tce.
    Result r = assess_doc(doc(steam_row(100, {{"ncv_kj_per_unit", 2800000}})));
    CHECK_THAT(r.emissions.heat_tco2, WithinRel(271.626 * 0.11, 1e-9));
    CHECK_THAT(r.energy.by_carrier[0].tce, WithinRel(100000.0 * 2800 / 29307.6 / 1000, 1e-9));
    CHECK(r.energy.by_carrier[0].energy_basis == "measured_enthalpy");
}

TEST_CASE("hot water in tonnes: supply and return temperatures", "[steam]") {
    // 100 t × 4.1868 kJ/(kg·K) × (90 − 60) K = 12,560.4 MJ = 12.5604 GJ;
    // energy 12.5604 × 34.12 kgce/GJ = 428.56 kgce; CO2 12.5604 × 0.11 = 1.381644 t.
    Result r = assess_doc(doc(json{{"carrier", "hot_water"}, {"quantity", 100}, {"unit", "t"},
                                   {"supply_temperature_c", 90}, {"return_temperature_c", 60}}));
    CHECK_THAT(r.energy.by_carrier[0].tce, WithinRel(12.5604 * 34.12 / 1000, 1e-12));
    CHECK_THAT(r.emissions.heat_tco2, WithinRel(1.381644, 1e-9));
}

TEST_CASE("steam and hot-water fields are validated with located bilingual errors", "[steam]") {
    // 150 °C is below the saturation temperature at 1.0 MPa (179.9 °C): not steam.
    Issues a = parse_issues(doc(steam_row(10, {{"steam_pressure_mpa", 0.9}, {"steam_temperature_c", 150}})).dump());
    CHECK(has_issue(a, "steam_below_saturation", "/energy/0/steam_temperature_c"));
    Issues b = parse_issues(doc(steam_row(10, {{"steam_pressure_mpa", 20}})).dump());
    CHECK(has_issue(b, "too_large", "/energy/0/steam_pressure_mpa"));
    Issues c = parse_issues(doc(json{{"carrier", "hot_water"}, {"quantity", 10}, {"unit", "t"}}).dump());
    CHECK(has_issue(c, "hot_water_needs_supply", "/energy/0/supply_temperature_c"));
    Issues d = parse_issues(doc(json{{"carrier", "hot_water"}, {"quantity", 10}, {"unit", "t"},
                                     {"supply_temperature_c", 50}, {"return_temperature_c", 60}}).dump());
    CHECK(has_issue(d, "return_not_below_supply", "/energy/0/return_temperature_c"));
    Issues e = parse_issues(doc(json{{"carrier", "electricity"}, {"quantity", 10}, {"unit", "kWh"},
                                     {"steam_pressure_mpa", 1}}).dump());
    CHECK(has_issue(e, "steam_fields_not_steam", "/energy/0/steam_pressure_mpa"));
    for (const auto& i : a.items)
        if (i.code == "steam_below_saturation") CHECK_FALSE(i.message_zh.empty());
}

TEST_CASE("the steam constants are steam.json's, read once per load; the documented defaults without them", "[steam][refdata]") {
    // 1,000 t at 1.0 MPa absolute (saturated): h'' = 2,777.1 kJ/kg as above.
    const Input in = parse_ok(doc(steam_row(1000, {{"steam_pressure_mpa", 0.898675}})));
    const Result base = assess(in, ref());
    const double h = *base.energy.by_carrier[0].enthalpy_kj_per_kg;
    auto with_feedwater = [](std::optional<double> v, bool drop) {
        RefData r = ref();
        Dataset& d = r.datasets.at("steam");
        if (drop) REQUIRE(d.index.erase("feedwater_enthalpy") == 1);
        else d.records.at(d.index.at("feedwater_enthalpy")).value = v;
        r.reindex();
        return r;
    };
    // A copy with feed water at 100 kJ/kg: heat = 1,000,000 kg × (h − 100) kJ/kg.
    const Result hot = assess(in, with_feedwater(100.0, false));
    CHECK_THAT(*hot.energy.by_carrier[0].co2_heat_gj, WithinRel((h - 100) * 1000 / 1000, 1e-12));
    // The record gone: 83.74 kJ/kg (NDRC guides) as before, and no factor listed for it.
    const Result gone = assess(in, with_feedwater(std::nullopt, true));
    CHECK_THAT(*gone.energy.by_carrier[0].co2_heat_gj, WithinRel((h - 83.74) * 1000 / 1000, 1e-12));
    bool listed = false;
    for (const auto& f : gone.factors_used) listed = listed || f.id == "steam/feedwater_enthalpy";
    CHECK_FALSE(listed);
    // Hot water's specific heat: 100 t × 4.0 kJ/(kg·K) × (90 − 60) K = 12 GJ in a copy at 4.0.
    RefData cp = ref();
    {
        Dataset& d = cp.datasets.at("steam");
        d.records.at(d.index.at("hot_water_cp")).value = 4.0;
        cp.reindex();
    }
    const Result w = assess(parse_ok(doc(json{{"carrier", "hot_water"}, {"quantity", 100}, {"unit", "t"},
                                              {"supply_temperature_c", 90}, {"return_temperature_c", 60}})), cp);
    CHECK_THAT(*w.energy.by_carrier[0].co2_heat_gj, WithinRel(12.0, 1e-12));
}

TEST_CASE("the default steam condition is computed once per load, at steam.json's default pressure", "[steam][refdata]") {
    // A copy whose default is 0.898675 MPa gauge: + 0.101325 = 1.0 MPa absolute, saturated vapour
    // h'' = 2,777.1 kJ/kg (steam tables, 1 MPa row); heat = (2,777.1 − 83.74) / 1,000 = 2.69336 GJ/t.
    RefData r = ref();
    {
        Dataset& d = r.datasets.at("steam");
        d.records.at(d.index.at("default_gauge_pressure")).value = 0.898675;
        r.reindex();
    }
    REQUIRE(r.steam_constants);
    REQUIRE(r.steam_constants->default_condition);
    const SteamCondition& c = *r.steam_constants->default_condition;
    CHECK(c.defaulted);
    CHECK_FALSE(c.temperature_c);
    CHECK_THAT(c.abs_pressure_mpa, WithinRel(1.0, 1e-12));
    CHECK_THAT(c.enthalpy_kj_per_kg, WithinRel(2777.1, 1e-4));
    CHECK_THAT(c.heat_gj_per_t, WithinRel(2.69336, 1e-4));
    // A row without pressure gets exactly that condition: 1,000 t × 2.69336 GJ/t = 2,693.36 GJ.
    const Result res = assess(parse_ok(doc(steam_row(1000))), r);
    CHECK(*res.energy.by_carrier[0].enthalpy_kj_per_kg == c.enthalpy_kj_per_kg);
    CHECK_THAT(*res.energy.by_carrier[0].co2_heat_gj, WithinRel(2693.36, 1e-4));
    CHECK(has_warning(res, "steam_pressure_default"));
    // A metered temperature without pressure is not the stored condition: superheated at 250 °C
    // and 1.101325 MPa absolute lies above h'' (about 2,940 kJ/kg in the steam tables).
    const auto hot = steam_condition(std::nullopt, 250.0, ref());
    REQUIRE(hot);
    CHECK(hot->enthalpy_kj_per_kg > 2900);
}
