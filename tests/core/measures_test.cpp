// Measures: appraisal formulas against textbook values, engineering formulas against hand-worked
// examples from measures.md §3, portfolio interaction, and reachability of every measure in the data.
#include "test_util.hpp"

#include <cstring>
#include <functional>
#include <map>
#include <random>
#include <set>

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

const MeasureResult* find_measure(const Result& r, const std::string& id) {
    for (const auto& m : r.measures)
        if (m.id == id) return &m;
    return nullptr;
}

json with_equipment(json d, json equipment, json management = json::object(), json options = json::object()) {
    d["equipment"] = std::move(equipment);
    if (!management.empty()) d["management"] = std::move(management);
    if (!options.empty()) d["options"] = std::move(options);
    return d;
}

json elec(double kwh) { return json::array({{{"carrier", "electricity"}, {"quantity", kwh}, {"unit", "kWh"}}}); }

} // namespace

TEST_CASE("NPV, IRR and CRF match textbook values", "[measures]") {
    // NPV = −1000 + 300·(1 − 1.08^−5)/0.08 = −1000 + 300 × 3.99271 = 197.81
    CHECK_THAT(econ::npv(1000, 300, 5, 0.08), WithinAbs(197.81, 0.01));
    // IRR of −1000, 5 × 300: annuity factor 3.3333 at r = 15.24% (standard tables)
    REQUIRE(econ::irr(1000, 300, 5).has_value());
    CHECK_THAT(*econ::irr(1000, 300, 5), WithinAbs(0.15238, 1e-4));
    // CRF(8%, 10) = 0.08 × 1.08^10 / (1.08^10 − 1) = 0.149029
    CHECK_THAT(econ::crf(0.08, 10), WithinAbs(0.149029, 1e-6));
    CHECK_THAT(econ::crf(0.0, 4), WithinAbs(0.25, 1e-12));
    // Degradation: year-2 saving × 0.5: −100 + 100/1.1 + 50/1.21 = 32.23
    CHECK_THAT(econ::npv(100, 100, 2, 0.1, 0.5), WithinAbs(32.231, 1e-3));
    auto low = econ::irr(1000, 10, 5);  // returns 50 of 1000: IRR is negative
    CHECK((!low || *low < 0));
}

// econ::irr skips evaluations whose sign is already known (see its comment); it must return
// exactly what a bisection that evaluates every midpoint returns. This is that bisection, as
// measures.md §5 states it: [−0.99, 1.0], widened to 10 for quick paybacks, 200 halvings.
static std::optional<double> irr_by_full_bisection(double investment, double annual_net, int years, double degradation) {
    if (investment <= 0 || years <= 0) return std::nullopt;
    double lo = -0.99, hi = 1.0;
    double flo = econ::npv(investment, annual_net, years, lo, degradation), fhi = econ::npv(investment, annual_net, years, hi, degradation);
    if (flo * fhi > 0) {
        hi = 10.0;
        fhi = econ::npv(investment, annual_net, years, hi, degradation);
        if (flo * fhi > 0) return std::nullopt;
    }
    for (int i = 0; i < 200; ++i) {
        double mid = 0.5 * (lo + hi), f = econ::npv(investment, annual_net, years, mid, degradation);
        if ((f > 0) == (flo > 0)) lo = mid, flo = f;
        else hi = mid;
    }
    return 0.5 * (lo + hi);
}

TEST_CASE("IRR is bit-identical to a bisection that evaluates every midpoint", "[measures]") {
    int compared = 0, with_root = 0;
    auto same = [&](double investment, double annual_net, int years, double degradation) {
        const auto fast = econ::irr(investment, annual_net, years, degradation);
        const auto full = irr_by_full_bisection(investment, annual_net, years, degradation);
        INFO("I=" << investment << " S=" << annual_net << " N=" << years << " d=" << degradation);
        REQUIRE(fast.has_value() == full.has_value());
        if (fast) {
            CHECK(std::memcmp(&*fast, &*full, sizeof(double)) == 0);
            ++with_root;
        }
        ++compared;
    };
    // Paybacks from 0.01 to 200 years, lives 1..40, no degradation and PV-like 0.5 %/yr; an IRR
    // near zero (S·N ≈ I), quick paybacks (the widened bracket) and losses (no root).
    for (int years : {1, 2, 3, 5, 8, 10, 15, 20, 25, 30, 40})
        for (double payback : {0.01, 0.1, 0.5, 0.9, 1.0, 1.7, 2.5, 3.3, 4.0, 6.1, 9.99, 15.0, 19.7, 25.0, 39.0, 200.0})
            for (double degradation : {0.0, 0.005, 0.02, 0.5, 1.0}) {
                same(123456.0, 123456.0 / payback, years, degradation);
                same(7.3, 7.3 / payback, years, degradation);
            }
    for (int years : {3, 10, 25}) {
        const double s = 1e5 / years;  // IRR exactly 0 in real numbers
        for (double nudge : {-1e-9, -1e-13, 0.0, 1e-13, 1e-9}) same(1e5, s * (1 + nudge), years, 0.0);
    }
    // Random investments, paybacks (log-uniform 0.05-100 years), lives and degradations.
    std::mt19937_64 rng(20261130);
    std::uniform_real_distribution<double> unit(0.0, 1.0);
    for (int i = 0; i < 3000; ++i) {
        const double investment = std::pow(10.0, 1 + 7 * unit(rng)), payback = 0.05 * std::pow(2000.0, unit(rng));
        same(investment, investment / payback, 1 + static_cast<int>(40 * unit(rng)), i % 3 == 0 ? 0.0 : 0.03 * unit(rng));
    }
    // Outside the monotone case: negative savings, degradation above 1 or below 0, NaN.
    same(1000, -50, 10, 0.0);
    same(1000, 300, 10, 1.5);
    same(1000, 300, 10, -0.01);
    same(1000, std::nan(""), 10, 0.0);
    CHECK(compared > 4700);
    CHECK(with_root > 3000);
}

TEST_CASE("affinity law and the generic VSD curve", "[measures]") {
    // measures.md §2 #2a: 5.9 − 0.19567·50 + 0.00766·2500 + 0.00004·125000 = 20.2665 % of design kW
    CHECK_THAT(formulas::vsd_power_pct(50), WithinAbs(20.2665, 1e-4));
    // at full flow the curve gives 102.933% (a VSD saves nothing, slightly negative)
    CHECK_THAT(formulas::vsd_power_pct(100), WithinAbs(102.933, 1e-3));
    // pure affinity: (0.5)^3 = 0.125; practical exponent 2: 0.25
    CHECK_THAT(formulas::affinity_power_fraction(0.5, 3), WithinAbs(0.125, 1e-12));
    CHECK_THAT(formulas::affinity_power_fraction(0.5, 2), WithinAbs(0.25, 1e-12));
}

TEST_CASE("transformer losses, boiler efficiency, heat-pump COP and storage value", "[measures]") {
    // GB/T 13462 form, 1000 kVA S9 (P0 1.70, Pk 10.30 kW, §3.4), β = 0.5:
    // (1.70 + 0.25 × 10.30) × 8760 = 4.275 × 8760 = 37,449 kWh
    CHECK_THAT(formulas::transformer_loss_kwh(1.70, 10.30, 0.5, 8760), WithinAbs(37449, 0.5));
    // §2 #4: S9 → S13 at 1000 kVA, ΔP0 = 0.87 kW → 0.87 × 8760 = 7,621 kWh ("≈7,600")
    CHECK_THAT(formulas::transformer_loss_kwh(1.70, 0, 0, 8760) - formulas::transformer_loss_kwh(0.83, 0, 0, 8760),
               WithinAbs(7621.2, 0.1));
    // ΔFuel = F·(1 − η1/η2): 100 t at 0.72 → 0.80 saves 100 × 0.1 = 10 t
    CHECK_THAT(formulas::fuel_saved(100, 0.72, 0.80), WithinAbs(10, 1e-9));
    // COP = 0.475 × 353.15 / 45 = 3.7277 (§3.7 indicative 3.3–3.8 for 80/35 °C)
    CHECK_THAT(formulas::heat_pump_cop(0.475, 353.15, 308.15), WithinAbs(3.7277, 1e-4));
    // §3.9: 1.04 − 0.24/0.88 ≈ 0.77 yuan per kWh discharged
    CHECK_THAT(formulas::storage_cycle_value(1.04, 0.24, 0.88), WithinAbs(0.7673, 1e-4));
}

TEST_CASE("motor upgrade saving follows ΔkWh = P·LF·h·(1/η_old − 1/η_new)", "[measures]") {
    json d = with_equipment(doc(elec(1e6)), json::array({{{"type", "motor"}, {"rated_kw", 22}, {"efficiency_class", "IE2"},
                                                          {"load_factor", 0.75}, {"hours_per_year", 6000}, {"count", 1}}}));
    Result r = assess_doc(d);
    const MeasureResult* m = find_measure(r, "motor_upgrade");
    REQUIRE(m);
    // shaft 22 × 0.75 × 6000 = 99,000 kWh; IE2 91.6%, IE4 94.5% at 22 kW (IEC 60034-30-1, §3.1):
    // 99,000 × (1/0.916 − 1/0.945) = 3,316.7 kWh; × 0.1229 kgce/kWh = 0.40763 tce
    CHECK_THAT(m->physical.number("electricity_kwh").value(), WithinAbs(3316.7, 0.5));
    CHECK_THAT(m->tce_saved, WithinAbs(0.40763, 1e-4));
    CHECK_THAT(m->tco2_avoided, WithinRel(3316.7 / 1000 * r.emissions.grid_factor_tco2_per_mwh, 1e-3));
    // investment 22 kW × 250 yuan/kW × 1.15 (YE4 premium) = 6,325 yuan
    CHECK_THAT(m->investment_10k_yuan, WithinAbs(0.6325, 1e-6));
    CHECK(m->payback_years.has_value());
    CHECK(m->tce_saved_range.low <= m->tce_saved_range.high);
    CHECK(m->outlook.new_total_tce < r.energy.total_tce);  // the outlook is computed and shows the cut
}

TEST_CASE("PV yield from roof area, cover ratio and specific yield", "[measures]") {
    json d = with_equipment(doc(elec(5e6)), json::array({{{"type", "roof"}, {"usable_area_m2", 10000}, {"structure", "steel"}}}));
    Result r = assess_doc(d);
    const MeasureResult* m = find_measure(r, "pv_rooftop");
    REQUIRE(m);
    // kWp = 10,000 m² × 0.8 × 600 W / 2.6 m² / 1000 = 1,846.15 kWp; E1 = × 1,025 kWh/kWp = 1,892,308 kWh
    const auto& ph = m->items.at(0).physical;
    CHECK_THAT(ph.number("capacity_kwp").value(), WithinAbs(1846.15, 0.01));
    CHECK_THAT(ph.number("generation_kwh").value(), WithinAbs(1892308, 1));
    // 80% self-use displaces purchased electricity: 1,513,846 kWh × 0.1229 kgce/kWh = 186.05 tce
    CHECK_THAT(m->tce_saved, WithinAbs(186.05, 0.01));
    // capex 1,846.15 kWp × 3.0 yuan/W = 553.8 万元
    CHECK_THAT(m->investment_10k_yuan, WithinAbs(553.85, 0.01));
}

TEST_CASE("storage arbitrage under the 2024 Zhejiang large-industry tariff", "[measures]") {
    // Planned 1,000 kWh. Prices: flat 0.63, peak 0.63 × 1.65 = 1.0395, sharp 1.2474, valley 0.2394.
    // Per kWh: spring/autumn 1.0395 − 0.2394/0.88 = 0.76745; summer/winter 1.2474 − 0.27205 = 0.97535.
    // Gross = 2 × (220 × 0.76745 + 110 × 0.97535) = 552.26 yuan/kWh·yr (§3.9: "≈550").
    // Net = 552.26 × 0.72 × 1000 − 2% × 1,100,000 = 397,624 − 22,000 = 375,624 yuan = 37.56 万元.
    json d = with_equipment(doc(elec(5e6)), json::array({{{"type", "storage"}, {"capacity_kwh", 1000}, {"planned", true}}}),
                            {{"tou_user_class", "large_industry"}});
    Result r = assess_doc(d);
    const MeasureResult* m = find_measure(r, "storage_arbitrage");
    REQUIRE(m);
    CHECK_THAT(m->items.at(0).physical.number("gross_yuan_per_kwh_year").value(), WithinAbs(552.26, 0.01));
    CHECK_THAT(m->annual_saving_10k_yuan, WithinAbs(37.562, 0.001));
    CHECK_THAT(m->investment_10k_yuan, WithinAbs(110, 1e-9));
    CHECK(m->tce_saved < 0);  // round-trip losses are more energy, honestly shown
}

TEST_CASE("portfolio: a motor swap after a VSD saves on the reduced load", "[measures][portfolio]") {
    json row = {{"type", "motor"}, {"rated_kw", 30}, {"efficiency_class", "IE2"}, {"load_factor", 0.8},
                {"hours_per_year", 6000}, {"driven_load", "pump"}, {"speed_control", "none"}, {"flow_control", "throttle"},
                {"mean_flow_fraction", 0.6}};
    json d = with_equipment(doc(elec(2e6)), json::array({row}), json::object(),
                            {{"selected_measures", json::array({"motor_upgrade", "vsd_pump_fan"})}});
    Result r = assess_doc(d);
    const MeasureResult* v = find_measure(r, "vsd_pump_fan");
    const MeasureResult* m = find_measure(r, "motor_upgrade");
    REQUIRE(v);
    REQUIRE(m);
    // Motor-row energy before measures: 30 × 0.8 × 6000 / 0.923 (IE2 at 30 kW) kWh.
    double e_tce = 30 * 0.8 * 6000 / 0.923 * 0.1229 / 1000;
    double expected = v->tce_saved + m->tce_saved * (1 - v->tce_saved / e_tce);
    CHECK_THAT(r.portfolio.tce_saved, WithinRel(expected, 1e-6));
    CHECK(r.portfolio.tce_saved < v->tce_saved + m->tce_saved);  // no double counting
    REQUIRE(r.portfolio.selected.size() == 2);
    CHECK(r.portfolio.selected[0] == "vsd_pump_fan");  // demand first, then the motor
}

TEST_CASE("portfolio: only one boiler switch, and no tune-up on a boiler being replaced", "[measures][portfolio]") {
    json energy = json::array({{{"carrier", "raw_coal"}, {"quantity", 5000}, {"unit", "t"}},
                               {{"carrier", "electricity"}, {"quantity", 3e6}, {"unit", "kWh"}}});
    json d = with_equipment(doc(energy, {{"industry", "C22"}}),
                            json::array({{{"type", "boiler"}, {"fuel", "raw_coal"}, {"capacity_t_per_h", 10},
                                          {"efficiency", 0.72}, {"flue_temp_c", 200}, {"hours_per_year", 6000}}}),
                            {{"central_heating_available", true}});
    Result r = assess_doc(d);
    int switches = 0;
    bool tune = false;
    auto is_switch = [](const std::string& id) { return id == "coal_to_gas" || id == "coal_to_electric" || id == "central_steam"; };
    for (const auto& id : r.portfolio.selected) {
        if (is_switch(id)) ++switches;
        if ((id == "boiler_tuneup" || id == "boiler_economizer") && switches) tune = true;
    }
    for (const auto& id : r.portfolio.required) if (is_switch(id)) ++switches;
    // The plan requires retirement (C22, ≤35 t/h) even at negative NPV: exactly one switch, either
    // recommended on its economics or listed apart as required.
    CHECK(switches == 1);
    CHECK_FALSE(tune);
    const MeasureResult* g = find_measure(r, "coal_to_gas");
    REQUIRE(g);
    // Gas costs more than coal per t steam (§3.5): a compliance cost, shown as such.
    CHECK(g->annual_saving_10k_yuan < 0);
    CHECK(g->compliance_cost);
    // Useful heat 5,000 t × 20.908 GJ/t × 0.72 = 75,269 GJ; gas = 75,269 / (38.931 × 0.92) = 2,101,500 m3
    // Steam equivalent at the default steam condition (no steam row on file): saturated at 1.0 MPa
    // gauge, h'' ≈ 2,780.5 kJ/kg (steam tables, interpolated) -> 2.6968 GJ/t; 75,268.8 / 2.6968 = 27,911 t
    CHECK_THAT(g->physical.number("steam_t").value_or(0.0), WithinRel(75268.8 / 2.6968, 1e-3));
}

namespace {
json rich_document() {
    json energy = json::array({{{"carrier", "raw_coal"}, {"quantity", 8000}, {"unit", "t"}},
                               {{"carrier", "electricity"}, {"quantity", 2e7}, {"unit", "kWh"}}});
    json eq = json::array({
        {{"type", "motor"}, {"rated_kw", 55}, {"efficiency_class", "IE2"}, {"load_factor", 0.3}, {"hours_per_year", 6000}, {"count", 4}},
        {{"type", "pump"}, {"rated_kw", 30}, {"flow_control", "throttle"}, {"load_factor", 0.7}, {"hours_per_year", 6000}, {"year_installed", 2000}},
        {{"type", "air_compressor"}, {"count", 3}, {"compressor_type", "screw_oil_injected"}, {"rated_kw", 132}, {"fad_m3_per_min", 18},
         {"pressure_mpa", 0.8}, {"required_pressure_mpa", 0.6}, {"speed_control", "fixed"}, {"hours_per_year", 7000},
         {"load_factor", 0.7}, {"leak_test", "none"}},
        {{"type", "transformer"}, {"series", "S9"}, {"rated_kva", 1000}, {"load_factor", 0.2}, {"count", 2}},
        {{"type", "boiler"}, {"fuel", "raw_coal"}, {"capacity_t_per_h", 10}, {"efficiency", 0.72}, {"flue_temp_c", 200}, {"hours_per_year", 6000}},
        {{"type", "waste_heat"}, {"medium", "gas"}, {"temperature_c", 200}, {"recoverable_kw", 300}, {"sink_available", true}, {"hours_per_year", 6000}},
        {{"type", "waste_heat"}, {"medium", "gas"}, {"temperature_c", 250}, {"recoverable_kw", 800}, {"sink_available", false}, {"hours_per_year", 8000}},
        {{"type", "process_heat"}, {"temperature_c", 80}, {"heat_source_temp_c", 35}, {"demand_gj_per_year", 5000}, {"hours_per_year", 4000}},
        {{"type", "roof"}, {"usable_area_m2", 5000}, {"structure", "steel"}},
        {{"type", "lighting"}, {"lamp_type", "fluorescent"}, {"watts", 36}, {"count", 200}, {"hours_per_year", 5000}},
        {{"type", "dyeing"}, {"process", "jet"}, {"steam_t_per_year", 5000}, {"water_m3_per_year", 100000}},
        {{"type", "printing"}, {"method", "rotary_screen"}, {"metres_per_year", 1e6}, {"electricity_kwh_per_year", 5e5}},
        {{"type", "water"}, {"use_m3_per_day", 800}, {"reuse_rate", 0.2}, {"fresh_price_yuan_per_m3", 4}, {"discharge_price_yuan_per_m3", 5}},
        {{"type", "paper_machine"}, {"dryer_steam_t_per_year", 20000}, {"press_dryness_pct", 42}},
    });
    json mg = {{"energy_manager", false}, {"metering_gb17167", "partial"}, {"energy_management_system", false},
               {"central_heating_available", true}, {"leak_programme", false}};
    return with_equipment(doc(energy, {{"industry", "C22"}}), eq, mg);
}
} // namespace

TEST_CASE("every measure in measures.json is reachable from some input", "[measures][data]") {
    Result r = assess_doc(rich_document());
    std::set<std::string> got;
    for (const auto& m : r.measures) got.insert(m.id);
    const Dataset* d = ref().dataset("measures");
    REQUIRE(d);
    int n = 0;
    for (const auto& rec : d->records) {
        if (rec.raw.value("kind", std::string()) != "measure") continue;
        ++n;
        std::string id = rec.id.substr(std::string("measure/").size());
        // Measures read from the electricity bill need monthly bill rows: reached in bill_findings_test.
        if (id.rfind("bill_", 0) == 0) continue;
        INFO(id);
        CHECK(got.count(id) == 1);
    }
    CHECK(n >= 20);
}

TEST_CASE("every finding links to at least one computed measure where one exists", "[measures][diagnosis]") {
    Result r = assess_doc(rich_document());
    REQUIRE_FALSE(r.findings.empty());
    std::set<std::string> got;
    for (const auto& m : r.measures) got.insert(m.id);
    for (const auto& f : r.findings) {
        INFO(f.id);
        for (const auto& id : f.measures) CHECK(got.count(id) == 1);
        if (f.severity != FindingSeverity::info) CHECK_FALSE(f.measures.empty());
    }
}

TEST_CASE("measure parameters carry value, unit, source and a sane range", "[measures][data]") {
    const Dataset* d = ref().dataset("measures");
    REQUIRE(d);
    for (const auto& rec : d->records) {
        INFO(rec.id);
        CHECK_FALSE(rec.source.empty());
        if (!rec.value) continue;
        CHECK_FALSE(rec.unit.empty());
        if (rec.raw.contains("low") && rec.raw.contains("high")) {
            CHECK(rec.raw["low"].get<double>() <= *rec.value);
            CHECK(*rec.value <= rec.raw["high"].get<double>());
        }
    }
}

TEST_CASE("each sample factory gets findings and measures", "[measures][samples]") {
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        AssessOutcome out = assess_text(text, ref());
        REQUIRE(out.ok);
        CHECK_FALSE(out.output["findings"].empty());
        CHECK_FALSE(out.output["measures"].empty());
        for (const auto& m : out.output["measures"]) {
            CHECK(m.contains("npv_10k_yuan"));
            CHECK(m.contains("payback_years"));
        }
    }
}

TEST_CASE("the recommended set of every sample saves energy or CO2 at a positive NPV within the life", "[measures][samples][portfolio]") {
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        AssessOutcome out = assess_text(text, ref());
        REQUIRE(out.ok);
        const json& pf = out.output["portfolio"];
        std::map<std::string, json> by_id;
        for (const auto& m : out.output["measures"]) by_id[m["id"].get<std::string>()] = m;
        if (pf["detail"]["selection"] == "user") continue;  // the owner's own choice is shown as chosen
        for (const auto& idj : pf["selected"]) {
            const std::string id = idj.get<std::string>();
            INFO(id);
            REQUIRE(by_id.count(id));
            const json& m = by_id[id];
            CHECK(m["tce_saved"].get<double>() >= 0);
            CHECK(m["tco2_avoided"].get<double>() >= 0);
            CHECK(m["npv_10k_yuan"].get<double>() > 0);
            if (m["payback_years"].is_number()) CHECK(m["payback_years"].get<double>() <= m["lifetime_years"].get<double>());
            CHECK(m["detail"]["recommendation"]["status"] == "recommended");
        }
        for (const auto& idj : pf["detail"]["cost_only"]) {
            const json& m = by_id[idj.get<std::string>()];
            CHECK(m["tce_saved"].get<double>() <= 0);
            CHECK(m["tco2_avoided"].get<double>() <= 0);
        }
    }
}

TEST_CASE("a measure that pays back beyond its life is not recommended", "[measures][portfolio]") {
    // e.g. a lightly loaded S11 transformer replaced by an S13: a little no-load loss saved for a
    // large investment (investment ÷ annual saving well beyond the 25-year life).
    int beyond = 0;
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        AssessOutcome out = assess_text(text, ref());
        REQUIRE(out.ok);
        for (const auto& m : out.output["measures"]) {
            if (!m["payback_years"].is_number() || m["payback_years"].get<double>() <= m["lifetime_years"].get<double>()) continue;
            INFO(m["id"].get<std::string>());
            ++beyond;
            CHECK(m["detail"]["recommendation"]["status"] == "not_recommended");
            CHECK(m["detail"]["recommendation"]["reason"] == "payback_beyond_life");
            for (const auto& id : out.output["portfolio"]["selected"]) CHECK(id != m["id"]);
        }
    }
    CHECK(beyond > 0);  // the samples have such measures (transformer upgrades), so the rule is exercised
}

TEST_CASE("payback beyond life, worked by hand: an S11 transformer replaced by an S13", "[measures][portfolio]") {
    // One 1000 kVA S11 transformer at β = 0.5, nameplate load loss 10.3 kW (= the table's, so the
    // load-loss term cancels: ΔkWh = ΔP0 × 8760). S13 no-load loss at 1000 kVA: 0.83 kW
    // (GB 20052-2024 table in equipment_standards.json). Investment 1000 kVA × 200 yuan/kVA =
    // 200,000 yuan; life 25 years; discount rate 8 %; electricity 0.80 yuan/kWh (given).
    // Annuity factor at 8 %, 25 years: (1 − 1.08^−25)/0.08 = (1 − 1/6.848475)/0.08 = 10.674776.
    auto run = [](double p0_old) {
        json tx = {{"type", "transformer"}, {"series", "S11"}, {"rated_kva", 1000}, {"load_factor", 0.5},
                   {"no_load_loss_kw", p0_old}, {"load_loss_kw", 10.3}, {"count", 1}};
        json d = with_equipment(doc(elec(2e6)), json::array({tx}), json::object(), {{"electricity_price_yuan_per_kwh", 0.8}});
        return assess_text(d.dump(), ref());
    };
    auto find = [](const json& out, const std::string& id) -> const json* {
        for (const auto& m : out["measures"])
            if (m["id"] == id) return &m;
        return nullptr;
    };
    SECTION("ΔP0 = 0.5 kW: 4,380 kWh and 3,504 yuan a year, payback 57.1 years > 25: not recommended") {
        AssessOutcome out = run(1.33);
        REQUIRE(out.ok);
        const json* m = find(out.output, "transformer_upgrade");
        REQUIRE(m);
        CHECK_THAT((*m)["investment_10k_yuan"].get<double>(), WithinRel(20.0, 1e-9));     // 200,000 yuan
        CHECK_THAT((*m)["annual_saving_10k_yuan"].get<double>(), WithinRel(0.3504, 1e-9)); // 0.5 × 8760 × 0.80
        CHECK_THAT((*m)["payback_years"].get<double>(), WithinRel(200000.0 / 3504, 1e-9)); // 57.08 years
        CHECK((*m)["lifetime_years"] == 25);
        // NPV = −200,000 + 3,504 × 10.674776 = −162,595.6 yuan
        CHECK_THAT((*m)["npv_10k_yuan"].get<double>(), WithinAbs(-16.25956, 1e-4));
        CHECK((*m)["detail"]["recommendation"]["status"] == "not_recommended");
        CHECK((*m)["detail"]["recommendation"]["reason"] == "payback_beyond_life");
        for (const auto& id : out.output["portfolio"]["selected"]) CHECK(id != "transformer_upgrade");
    }
    SECTION("ΔP0 = 3 kW: 26,280 kWh and 21,024 yuan a year, payback 9.5 years ≤ 25, NPV > 0: recommended") {
        AssessOutcome out = run(3.83);
        REQUIRE(out.ok);
        const json* m = find(out.output, "transformer_upgrade");
        REQUIRE(m);
        CHECK_THAT((*m)["payback_years"].get<double>(), WithinRel(200000.0 / 21024, 1e-9));  // 9.513 years
        // NPV = −200,000 + 21,024 × 10.674776 = 24,426.5 yuan
        CHECK_THAT((*m)["npv_10k_yuan"].get<double>(), WithinAbs(2.44265, 1e-4));
        CHECK((*m)["detail"]["recommendation"]["status"] == "recommended");
        bool in_set = false;
        for (const auto& id : out.output["portfolio"]["selected"]) in_set = in_set || id == "transformer_upgrade";
        CHECK(in_set);
    }
}

TEST_CASE("the owner's selection is the what-if set; the recommended set stays beside it by the same rule", "[measures][samples][portfolio]") {
    // Every sample, with the owner ticking every computed measure (cost-only ones included): the
    // portfolio is theirs (selection "user") and detail.recommended_set is the set chosen without a
    // selection, so it holds no measure that raises energy or CO2, has NPV <= 0 or pays back beyond
    // its life, and no cost-only measure.
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        AssessOutcome plain = assess_text(text, ref());
        REQUIRE(plain.ok);
        json d = json::parse(text);
        json all = json::array();
        for (const auto& m : plain.output["measures"]) all.push_back(m["id"]);
        d["options"]["selected_measures"] = all;
        AssessOutcome out = assess_text(d.dump(), ref());
        REQUIRE(out.ok);
        const json& pd = out.output["portfolio"]["detail"];
        CHECK(pd["selection"] == "user");
        REQUIRE(pd.contains("recommended_set"));
        CHECK(pd["recommended_set"]["selected"] == plain.output["portfolio"]["selected"]);
        CHECK(pd["recommended_set"]["tce_saved"] == plain.output["portfolio"]["tce_saved"]);
        std::map<std::string, json> by_id;
        for (const auto& m : out.output["measures"]) by_id[m["id"].get<std::string>()] = m;
        for (const auto& idj : pd["recommended_set"]["selected"]) {
            const json& m = by_id[idj.get<std::string>()];
            INFO(idj);
            CHECK(m["tce_saved"].get<double>() >= 0);
            CHECK(m["tco2_avoided"].get<double>() >= 0);
            CHECK(m["npv_10k_yuan"].get<double>() > 0);
            if (m["payback_years"].is_number()) CHECK(m["payback_years"].get<double>() <= m["lifetime_years"].get<double>());
            CHECK(m["detail"]["recommendation"]["status"] == "recommended");
        }
        // every sample has storage arbitrage (cost-only): ticked, it is in the owner's set, with its
        // energy increase counted there, and never in the recommended set
        bool in_user = false, in_rec = false;
        for (const auto& id : out.output["portfolio"]["selected"]) in_user = in_user || id == "storage_arbitrage";
        for (const auto& id : pd["recommended_set"]["selected"]) in_rec = in_rec || id == "storage_arbitrage";
        CHECK(in_user);
        CHECK_FALSE(in_rec);
        CHECK(by_id["storage_arbitrage"]["detail"]["recommendation"]["status"] == "cost_only");
    }
}

TEST_CASE("a measure flagged cost_only in measures.json is never recommended", "[measures][data]") {
    // storage arbitrage and the two bill measures change the bill, not the energy use
    for (const char* id : {"storage_arbitrage", "bill_basic_charge_mode", "bill_pf_capacitor"}) {
        INFO(id);
        const RefRecord* r = ref().record("measures", std::string("measure/") + id);
        REQUIRE(r);
        CHECK(r->raw.value("cost_only", false));
    }
}

TEST_CASE("selecting exactly the recommended measures gives the recommended portfolio; unknown ids are dropped", "[measures][samples][portfolio]") {
    // The owner's ids are matched to the computed measures by id: ticking the recommended set (in
    // reverse order, with an id no measure has and one of a measure that does not apply) must apply
    // the same measures in the same library order with the same scaling, so every total is the same
    // double as the portfolio chosen without a selection.
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        AssessOutcome plain = assess_text(text, ref());
        REQUIRE(plain.ok);
        const json& pp = plain.output["portfolio"];
        json ids = json::array({"no_such_measure", "paper_shoe_press"});
        for (auto it = pp["selected"].rbegin(); it != pp["selected"].rend(); ++it) ids.push_back(*it);
        json d = json::parse(text);
        d["options"]["selected_measures"] = ids;
        AssessOutcome out = assess_text(d.dump(), ref());
        REQUIRE(out.ok);
        const json& up = out.output["portfolio"];
        bool shoe_press_computed = false;
        for (const auto& m : plain.output["measures"]) shoe_press_computed = shoe_press_computed || m["id"] == "paper_shoe_press";
        if (shoe_press_computed) continue;  // then it is a real choice and the sets differ
        CHECK(up["selected"] == pp["selected"]);
        CHECK(up["tce_saved"] == pp["tce_saved"]);
        CHECK(up["tco2_avoided"] == pp["tco2_avoided"]);
        CHECK(up["annual_saving_10k_yuan"] == pp["annual_saving_10k_yuan"]);
        CHECK(up["detail"]["npv_10k_yuan"] == pp["detail"]["npv_10k_yuan"]);
        CHECK(up["detail"]["macc"] == pp["detail"]["macc"]);
        CHECK(up["detail"]["required"] == pp["detail"]["required"]);
    }
}

namespace {

// The motor of the hand-worked upgrade above (IE2, 22 kW, 6,000 h/yr).
json ie2_motor_doc() {
    return with_equipment(doc(elec(1e6)), json::array({{{"type", "motor"}, {"rated_kw", 22}, {"efficiency_class", "IE2"},
                                                       {"load_factor", 0.75}, {"hours_per_year", 6000}, {"count", 1}}}));
}

// The English message of the result's "measures_failed" warning, empty when there is none.
std::string measures_failure(const Result& r) {
    for (const auto& w : r.warnings)
        if (w.code == "measures_failed") return say(w.message).en;
    return {};
}

RefData with_record_changed(const std::string& id, const std::function<void(RefRecord&)>& change) {
    RefData r = ref();
    Dataset& d = r.datasets.at("measures");
    change(d.records.at(d.index.at(id)));
    r.reindex();
    return r;
}

} // namespace

TEST_CASE("the parameter view: data defects fail the measures as the lookup by id did, and never the view's build", "[measures][data]") {
    const Input in = parse_ok(ie2_motor_doc());
    SECTION("the built-in data evaluates") {
        const Result r = assess(in, ref());
        CHECK(measures_failure(r).empty());
        CHECK(find_measure(r, "motor_upgrade"));
    }
    SECTION("a parameter without a value is missing: the run names it") {
        const RefData data = with_record_changed("motor_upgrade/unit_cost", [](RefRecord& rec) { rec.value.reset(); });
        const Result r = assess(in, data);
        CHECK(measures_failure(r) == "measure evaluation failed: measures.json lacks motor_upgrade/unit_cost");
        CHECK(r.measures.empty());
    }
    SECTION("a lifetime without a value is missing too") {
        const RefData data = with_record_changed("motor_upgrade/lifetime", [](RefRecord& rec) { rec.value.reset(); });
        CHECK(measures_failure(assess(in, data)) == "measure evaluation failed: measures.json lacks motor_upgrade/lifetime");
    }
    SECTION("a low that is not a number fails the low run (json's own message), not the build of the view") {
        const RefData data = with_record_changed("motor_upgrade/ie4_premium", [](RefRecord& rec) { rec.raw["low"] = "cheap"; });
        REQUIRE(data.measure_library);
        const std::string why = measures_failure(assess(in, data));
        CHECK(why.find("type must be number, but is string") != std::string::npos);
    }
    SECTION("a measure's order that is not a number fails as json::value() did") {
        const RefData data = with_record_changed("measure/motor_upgrade", [](RefRecord& rec) { rec.raw["order"] = "first"; });
        CHECK(measures_failure(assess(in, data)).find("type must be number, but is string") != std::string::npos);
    }
    SECTION("a tariff part missing for the user's class is named when the run reads it") {
        // The storage estimate of a 5 GWh site reads the general class's tariff (flat, valley, peak, sharp).
        const Input gen = parse_ok(with_equipment(doc(elec(5e6)), json::array(), {{"tou_user_class", "general"}}));
        CHECK(measures_failure(assess(gen, ref())).empty());
        const RefData data = with_record_changed("tariff/zj2024/general/peak_ratio", [](RefRecord& rec) { rec.value.reset(); });
        CHECK(measures_failure(assess(gen, data)) == "measure evaluation failed: measures.json lacks tariff/zj2024/general/peak_ratio");
    }
}

TEST_CASE("the parameter view reads the low and high values of the source", "[measures][data]") {
    // Investment of the 22 kW motor at the source's low and high parameters (measures.json:
    // motor_upgrade/unit_cost 150–350 yuan/kW, ie4_premium 0.12–0.18):
    // low 22 × 150 × 1.12 = 3,696 yuan = 0.3696 万元; high 22 × 350 × 1.18 = 9,086 yuan = 0.9086 万元.
    const Result r = assess_doc(ie2_motor_doc());
    const MeasureResult* m = find_measure(r, "motor_upgrade");
    REQUIRE(m);
    CHECK_THAT(m->investment_range_10k_yuan.low, WithinAbs(0.3696, 1e-9));
    CHECK_THAT(m->investment_range_10k_yuan.high, WithinAbs(0.9086, 1e-9));
    // lifetime 15 (low 15, high 20): the central economics use 15 years
    CHECK(m->lifetime_years == 15);
}

TEST_CASE("needs and notes are text data: the result's English as before, the figures from the records compared with", "[measures][text]") {
    // The sentences the result carried before they moved to assets/text, figures filled in.
    CHECK(measure_note_text({NoteId::replace_at_failure, {}, {}, {4000}}) ==
          "runs below 4,000 h/yr: replace at failure (incremental cost) rather than now");
    CHECK(measure_note_text({NoteId::transformer_loss_extrapolated, {}, {}, {315, 1600}}) ==
          "kVA outside the 315–1,600 kVA loss table: losses extrapolated; enter nameplate no_load_loss_kw/load_loss_kw");
    CHECK(measure_note_text({NoteId::pv_self_use_default_value, {}, {}, {0.75}}) ==
          "self-use valued at the 2024 large-industry TOU-weighted 0.75 yuan/kWh");
    CHECK(measure_note_text({NoteId::carriers_not_priced, {}, {"diesel", "lpg"}}) ==
          "carriers without a price are not valued: [\"diesel\",\"lpg\"]");
    CHECK(measure_need_text({NeedId::storage_capacity, {}, 2}) == "storage capacity_kwh (planned); default = 2 h of the average load");
    CHECK(measure_need_text({NeedId::carrier_price, "natural_gas"}) == "options price for natural_gas");
    // The Chinese names the carrier, never its id.
    const texts::Text gas = measure_need_words({NeedId::carrier_price, "natural_gas"}, &ref());
    CHECK(gas.zh.find("natural_gas") == std::string::npos);
    CHECK(gas.zh.find(ref().carriers.at("natural_gas").name_zh) != std::string::npos);

    // A motor below the hours threshold: the note shows the threshold measures.json holds (the value
    // the code compared with), 4,000 h/yr.
    REQUIRE(ref().record("measures", "motor_upgrade/min_hours"));
    REQUIRE(*ref().record("measures", "motor_upgrade/min_hours")->value == 4000);
    json d = with_equipment(doc(elec(1e6)), json::array({{{"type", "motor"}, {"rated_kw", 22}, {"efficiency_class", "IE2"},
                                                          {"load_factor", 0.75}, {"hours_per_year", 3000}, {"count", 1}}}));
    const Result r = assess_doc(d);
    const MeasureResult* m = find_measure(r, "motor_upgrade");
    REQUIRE(m);
    const json notes = measure_to_json(*m).at("detail").at("notes");
    CHECK(notes == json::array({"runs below 4,000 h/yr: replace at failure (incremental cost) rather than now"}));

    // Every need: a front end finds it again from the result's text, and its Chinese is Chinese.
    for (int i = 0; i <= static_cast<int>(NeedId::carrier_price); ++i) {
        const MeasureNeed n{static_cast<NeedId>(i)};
        INFO(measure_need_text(n));
        CHECK(need_written_as(measure_need_text(n)) == n.id);
        const texts::Text t = measure_need_words(n);
        if (t.en.find(' ') != std::string::npos) CHECK(t.zh.find('_') == std::string::npos);  // a sentence, no field names
    }
    CHECK_FALSE(need_written_as("no such need").has_value());
}

namespace {

// A copy of the built-in data with one record of `dataset` changed (or dropped from the lookup), its
// views rebuilt as a receiver's swapped dataset would be.
RefData with_standard_changed(const std::string& dataset, const std::string& id, const std::function<void(RefRecord&)>& change) {
    RefData r = ref();
    Dataset& d = r.datasets.at(dataset);
    change(d.records.at(d.index.at(id)));
    r.reindex();
    return r;
}
RefData without_record(const std::string& dataset, const std::string& id) {
    RefData r = ref();
    REQUIRE(r.datasets.at(dataset).index.erase(id) == 1);
    r.reindex();
    return r;
}

// One S11 transformer at β = 0.5 with no nameplate losses: its losses come from the tables.
json s11_transformer_doc(double kva) {
    return with_equipment(doc(elec(1e6)), json::array({{{"type", "transformer"}, {"series", "S11"}, {"rated_kva", kva},
                                                       {"load_factor", 0.5}, {"count", 1}}}));
}

} // namespace

TEST_CASE("the transformer upgrade reads its loss tables from the standards view", "[measures][data]") {
    // equipment_standards.json at 630 kVA (a row of every table): S11 P0 0.81 kW, S13 P0 0.57 kW,
    // Pk 6.2 kW (transformer_load_loss). Pk is the same before and after, so the load-loss term
    // cancels: ΔkWh = (0.81 − 0.57) × 8,760 h (transformer_upgrade/hours) = 2,102.4 kWh.
    const Input in = parse_ok(s11_transformer_doc(630));
    auto upgrade = [&](const RefData& data) { return find_measure(assess(in, data), "transformer_upgrade") != nullptr; };
    auto saved_kwh = [&](const RefData& data) {
        const Result r = assess(in, data);
        const MeasureResult* m = find_measure(r, "transformer_upgrade");
        REQUIRE(m);
        return m->physical.number("electricity_kwh").value_or(-1);
    };
    SECTION("the built-in tables") { CHECK_THAT(saved_kwh(ref()), WithinRel(2102.4, 1e-9)); }
    SECTION("a copy whose S13 row at 630 kVA says 0.41 kW: (0.81 − 0.41) × 8,760 = 3,504 kWh") {
        const RefData data = with_standard_changed("equipment_standards", "transformer_no_load_loss/S13",
                                                   [](RefRecord& rec) { rec.raw["p0_kw"][2] = 0.41; });
        CHECK_THAT(saved_kwh(data), WithinRel(3504.0, 1e-9));
    }
    SECTION("between rows, interpolated in the changed table") {
        // 500 kVA lies between the 400 and 630 kVA rows: S11 P0 = 0.57 + (0.81 − 0.57) × 100/230,
        // S13 P0 = 0.41 + (0.61 − 0.41) × 100/230 with the S13 630 kVA row changed to 0.61 kW.
        // ΔP0 = 0.16 + 0.04 × 100/230 = 0.177391 kW; × 8,760 = 1,553.95 kWh.
        const Input mid = parse_ok(s11_transformer_doc(500));
        const RefData data = with_standard_changed("equipment_standards", "transformer_no_load_loss/S13",
                                                   [](RefRecord& rec) { rec.raw["p0_kw"][2] = 0.61; });
        const Result r = assess(mid, data);
        const MeasureResult* m = find_measure(r, "transformer_upgrade");
        REQUIRE(m);
        CHECK_THAT(m->physical.number("electricity_kwh").value_or(-1), WithinRel((0.16 + 0.04 * 100.0 / 230.0) * 8760, 1e-9));
    }
    SECTION("the series map decides the table: S11 read as the S9 row, (1.2 − 0.57) × 8,760 = 5,518.8 kWh") {
        const RefData data = with_standard_changed("equipment_standards", "transformer_series",
                                                   [](RefRecord& rec) { rec.raw["table_series"]["S11"] = "S9"; });
        CHECK_THAT(saved_kwh(data), WithinRel(5518.8, 1e-9));
    }
    SECTION("no S13 table, no load-loss table or no series record: no upgrade, as when the lookup found none") {
        CHECK_FALSE(upgrade(without_record("equipment_standards", "transformer_no_load_loss/S13")));
        CHECK_FALSE(upgrade(without_record("equipment_standards", "transformer_load_loss")));
        CHECK_FALSE(upgrade(without_record("equipment_standards", "transformer_series")));
        CHECK(measures_failure(assess(in, without_record("equipment_standards", "transformer_series"))).empty());
    }
    SECTION("a loss cell that is not a number fails the measures run with json's words, never the view's build") {
        const RefData data = with_standard_changed("equipment_standards", "transformer_load_loss",
                                                   [](RefRecord& rec) { rec.raw["pk_kw"][2] = "6.2"; });
        CHECK(measures_failure(assess(in, data)).find("type must be number, but is string") != std::string::npos);
        // A column missing: json's at() names it.
        const RefData no_column = with_standard_changed("equipment_standards", "transformer_load_loss",
                                                        [](RefRecord& rec) { rec.raw.erase("pk_kw"); });
        CHECK(measures_failure(assess(in, no_column)).find("key 'pk_kw' not found") != std::string::npos);
        // A cell the lookup does not read is harmless, as before: at 630 kVA it reads the 400 and 630 kVA
        // loss cells, never the 315 kVA one.
        const RefData unread = with_standard_changed("equipment_standards", "transformer_load_loss",
                                                     [](RefRecord& rec) { rec.raw["pk_kw"][0] = "x"; });
        CHECK(measures_failure(assess(in, unread)).empty());
    }
    SECTION("a below-current list member that is not a string fails the transformer measures") {
        const RefData data = with_standard_changed("equipment_standards", "transformer_series",
                                                   [](RefRecord& rec) { rec.raw["below_current"].push_back(7); });
        CHECK(measures_failure(assess(in, data)).find("type must be string, but is number") != std::string::npos);
    }
}

TEST_CASE("the coal-boiler plan industries come from the standards view", "[measures][data]") {
    // A 10 t/h coal boiler with a measured fuel quantity in paper (C22, a plan industry of
    // coal_boiler_retirement): the plan makes the coal-to-gas switch a required measure.
    json d = with_equipment(doc(json::array({{{"carrier", "raw_coal"}, {"quantity", 3000}, {"unit", "t"}}}), {{"industry", "C2221"}}),
                            json::array({{{"type", "boiler"}, {"fuel", "raw_coal"}, {"capacity_t_per_h", 10}, {"hours_per_year", 6000}}}));
    const Input in = parse_ok(d);
    auto required = [&](const RefData& data) {
        const Result r = assess(in, data);
        return r.portfolio.required;
    };
    const auto built_in = required(ref());
    REQUIRE_FALSE(built_in.empty());
    SECTION("a copy without C22 in the list: nothing is required by the plan") {
        const RefData data = with_standard_changed("equipment_standards", "coal_boiler_retirement",
                                                   [](RefRecord& rec) { rec.raw["industries"] = json::array({"C28"}); });
        CHECK(required(data).empty());
        CHECK(required(without_record("equipment_standards", "coal_boiler_retirement")).empty());
    }
}
