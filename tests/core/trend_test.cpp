// Year after year (issue 16): trend, plan targets and the LMDI decomposition, worked by hand.
// Reference numbers used below:
//   electricity 0.1229 kgce/kWh (GB/T 2589-2020 Annex A, 当量值);
//   national grid factors (MEE/NBS): 2021 0.5568, 2022 0.5366, 2023 0.5306 tCO2/MWh; none for 2020;
//   plan targets (《浙江省工业领域碳达峰实施方案》二): energy intensity 2020->2025 -16 % (aim -18 %),
//   CO2 intensity -20 %.
#include "trend.hpp"
#include "test_util.hpp"
#include "texts.hpp"

#include <cmath>

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

json electricity(double kwh) { return json::array({{{"carrier", "electricity"}, {"quantity", kwh}, {"unit", "kWh"}}}); }

json history_year(int year, double va, double kwh, json extra = json::object()) {
    json e = {{"value_added_10k_yuan", va}};
    for (auto it = extra.begin(); it != extra.end(); ++it) e[it.key()] = it.value();
    return {{"year", year}, {"enterprise", e}, {"energy", electricity(kwh)}};
}

const TargetProgress& target(const Result& r, const std::string& id) {
    for (const auto& t : r.targets)
        if (t.id == id) return t;
    FAIL("no target " << id);
    return r.targets.front();
}

} // namespace

TEST_CASE("log mean", "[trend]") {
    // L(a, b) = (a - b) / (ln a - ln b); L(e^2, e) = (e^2 - e) / 1
    CHECK_THAT(log_mean(std::exp(2.0), std::exp(1.0)), WithinRel(std::exp(2.0) - std::exp(1.0), 1e-12));
    CHECK(log_mean(3.0, 3.0) == 3.0);
    CHECK(log_mean(0.0, 3.0) == 0.0);
}

TEST_CASE("one year: a trend of one entry, targets and decomposition say they need two years", "[trend]") {
    Result r = assess_doc(doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}}));
    REQUIRE(r.trend.size() == 1);
    CHECK(r.trend[0].current);
    CHECK(r.trend[0].year == 2023);
    REQUIRE(r.targets.size() == 2);
    for (const auto& t : r.targets) {
        CHECK_FALSE(t.actual_change.has_value());
        CHECK_FALSE(t.on_track.has_value());
        REQUIRE(t.missing.has_value());
        CHECK(t.missing->code == "needs_two_years");
    }
    CHECK_FALSE(r.decomposition.has_value());
    REQUIRE(r.decomposition_missing.has_value());
}

TEST_CASE("2020 to 2023 at current prices, each year with its own grid factor", "[trend]") {
    json d = doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}});
    d["history"] = json::array({history_year(2021, 9000, 1e7), history_year(2020, 8000, 1e7)});
    Result r = assess_doc(d);

    // Sorted 2020, 2021, 2023.
    REQUIRE(r.trend.size() == 3);
    CHECK(r.trend[0].year == 2020);
    CHECK(r.trend[1].year == 2021);
    CHECK(r.trend[2].year == 2023);
    CHECK(r.trend[2].current);
    // Energy every year: 10,000,000 kWh x 0.1229 kgce/kWh = 1,229,000 kgce = 1229 tce.
    for (const auto& t : r.trend) CHECK_THAT(t.total_tce, WithinRel(1229.0, 1e-12));
    // 2020 has no published factor: 2021's (the earliest) is used, 10,000 MWh x 0.5568 = 5568 t,
    // with a warning at /history/1/year.
    CHECK(r.trend[0].grid_factor_year == 2021);
    CHECK_THAT(r.trend[0].total_tco2, WithinRel(5568.0, 1e-12));
    bool warned = false;
    for (const auto& w : r.warnings)
        if (w.code == "grid_factor_year_fallback" && w.path == "/history/1/year") warned = true;
    CHECK(warned);
    // 2021: 10,000 MWh x 0.5568 = 5568 t; 2023 (current, latest factor): 10,000 x 0.5306 = 5306 t.
    CHECK_THAT(r.trend[1].total_tco2, WithinRel(5568.0, 1e-12));
    CHECK_THAT(r.trend[2].total_tco2, WithinRel(5306.0, 1e-12));
    // Intensities: 2020 1229/8000 = 0.153625 tce/万元, 5568/8000 = 0.696 tCO2/万元.
    CHECK_THAT(*r.trend[0].tce_per_10k_yuan_value_added, WithinRel(0.153625, 1e-12));
    CHECK_THAT(*r.trend[0].tco2_per_10k_yuan_value_added, WithinRel(0.696, 1e-12));
    // Year-on-year 2021 vs 2020: (1229/9000)/(1229/8000) - 1 = 8000/9000 - 1 = -0.11111
    CHECK_THAT(*r.trend[1].change_tce_intensity, WithinRel(8000.0 / 9000.0 - 1, 1e-12));
    CHECK_FALSE(r.trend[0].change_tce_intensity.has_value());
    // Carbon level per year: L 2020 = 0.696 > 0.6 -> medium; 2023 = 0.5306 <= 0.6 -> low.
    CHECK(std::string(carbon_level_name(r.trend[0].carbon_level)) == "medium");
    CHECK(std::string(carbon_level_name(r.trend[2].carbon_level)) == "low");
    // Each year's factor is stated: the 2021 factor appears in factors_used (from the history years).
    bool f2021 = false;
    for (const auto& f : r.factors_used)
        if (f.year == 2021 && f.value == 0.5568) f2021 = true;
    CHECK(f2021);

    // Energy target: straight line 2020 -> 2025 to -16 %: by 2023 -0.16 x 3/5 = -0.096.
    // Actual: 0.1229 / 0.153625 - 1 = 0.8 - 1 = -0.20 -> on track.
    const TargetProgress& e = target(r, "energy_intensity_2025");
    CHECK(e.base_year == 2020);
    CHECK(e.base_is_plan_base);
    CHECK(e.evaluation_year == 2023);
    CHECK_THAT(*e.required_change_by_evaluation_year, WithinAbs(-0.096, 1e-12));
    CHECK_THAT(*e.actual_change, WithinAbs(-0.2, 1e-12));
    CHECK(*e.on_track);
    CHECK_THAT(*e.aim_change, WithinAbs(-0.18, 1e-15));
    CHECK(e.price_basis == "current");
    // CO2 target: by 2023 -0.20 x 3/5 = -0.12. Actual 0.5306/0.696 - 1 = -0.2376437 -> on track.
    const TargetProgress& c = target(r, "carbon_intensity_2025");
    CHECK_THAT(*c.required_change_by_evaluation_year, WithinAbs(-0.12, 1e-12));
    CHECK_THAT(*c.actual_change, WithinAbs(0.5306 / 0.696 - 1, 1e-12));
    CHECK(*c.on_track);

    // LMDI 2020 -> 2023, one carrier: C0 = 5568, C1 = 5306, w = L(5306, 5568)
    //   = (5306 - 5568) / ln(5306/5568) = -262 / -0.0481977 = 5435.948
    // activity  = w ln(10000/8000) = 5435.948 x 0.2231436 = +1213.00
    // intensity = w ln((1229/10000)/(1229/8000)) = w ln 0.8 = -1213.00
    // mix       = 0 (one carrier, share 1 both years)
    // factor    = w ln(0.5306/0.5568) = -262 (= the whole change, all from the grid)
    REQUIRE(r.decomposition.has_value());
    const Decomposition& dd = *r.decomposition;
    CHECK(dd.from_year == 2020);
    CHECK(dd.to_year == 2023);
    CHECK_THAT(dd.total_change_tco2, WithinAbs(-262.0, 1e-9));
    CHECK_THAT(dd.activity_tco2, WithinRel(1212.99668, 1e-6));
    CHECK_THAT(dd.intensity_tco2, WithinRel(-1212.99668, 1e-6));
    CHECK_THAT(dd.mix_tco2, WithinAbs(0.0, 1e-9));
    CHECK_THAT(dd.emission_factor_tco2, WithinAbs(-262.0, 1e-9));
    CHECK_THAT(dd.grid_factor_tco2, WithinAbs(-262.0, 1e-9));
    CHECK_THAT(dd.activity_tco2 + dd.intensity_tco2 + dd.mix_tco2 + dd.emission_factor_tco2,
               WithinAbs(dd.total_change_tco2, 1e-9));
}

TEST_CASE("comparable prices when every year has a price index", "[trend]") {
    json d = doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}, {"value_added_price_index", 110}});
    d["history"] = json::array({history_year(2020, 8000, 1e7, {{"value_added_price_index", 100}})});
    Result r = assess_doc(d);
    // 2023 at 2020 prices: 10000 x 100/110 = 9090.909 万元.
    REQUIRE(r.trend.size() == 2);
    CHECK_THAT(*r.trend[1].value_added_comparable_10k_yuan, WithinRel(10000.0 * 100 / 110, 1e-12));
    // Energy intensity change: (1229/9090.909)/(1229/8000) - 1 = 8000/9090.909 - 1 = 0.88 - 1 = -0.12.
    const TargetProgress& e = target(r, "energy_intensity_2025");
    CHECK(e.price_basis == "comparable");
    CHECK_THAT(*e.actual_change, WithinAbs(-0.12, 1e-12));
    CHECK(*e.on_track);  // -0.12 <= -0.096
    bool said = false;
    for (const auto& w : r.warnings)
        if (w.code == "comparable_prices") said = true;
    CHECK(said);
}

TEST_CASE("no 2020: the earliest year is the base, the required change scaled along the plan's line", "[trend]") {
    // 2022 -> 2023, energy up from 1229 tce to 1229 tce with VA 10000 -> 10200.
    json d = doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10200}});
    d["history"] = json::array({history_year(2022, 10000, 1e7)});
    Result r = assess_doc(d);
    const TargetProgress& e = target(r, "energy_intensity_2025");
    CHECK(e.base_year == 2022);
    CHECK_FALSE(e.base_is_plan_base);
    // Path: 2022 -> 1 - 0.16 x 2/5 = 0.936; 2023 -> 1 - 0.16 x 3/5 = 0.904; required 0.904/0.936 - 1 = -0.034188
    CHECK_THAT(*e.required_change_by_evaluation_year, WithinAbs(0.904 / 0.936 - 1, 1e-12));
    // Actual: 10000/10200 - 1 = -0.019608 > -0.034188 -> not on track.
    CHECK_THAT(*e.actual_change, WithinAbs(10000.0 / 10200.0 - 1, 1e-12));
    CHECK_FALSE(*e.on_track);
    CHECK_FALSE(e.missing.has_value());
    REQUIRE(e.note.has_value());
    CHECK(e.note->code == "base_not_2020");
    CHECK(say(e.note->message).zh.find("2022") != std::string::npos);  // the sentence as written to the result
}

TEST_CASE("LMDI with a carrier that appears: the terms still add up exactly", "[trend]") {
    // 2020: electricity 1000 tce / 4000 t, coal 500 tce / 1300 t. VA 5000.
    // 2024: electricity 1100 tce / 4200 t, natural gas 400 tce / 700 t (coal gone). VA 6000.
    TrendYear a, b;
    a.year = 2020;
    a.total_tco2 = 4000 + 1300;
    a.carriers = {{"electricity", {1000, 4000}}, {"raw_coal", {500, 1300}}};
    b.year = 2024;
    b.total_tco2 = 4200 + 700;
    b.carriers = {{"electricity", {1100, 4200}}, {"natural_gas", {400, 700}}};
    Decomposition d = decompose_lmdi(a, b, 5000, 6000);
    // Total change 4900 - 5300 = -400.
    CHECK_THAT(d.total_change_tco2, WithinAbs(-400.0, 1e-9));
    // Coal disappears: -1300 into the mix term; gas appears: +700 into the mix term.
    // Electricity (in both): w = L(4200, 4000) = 200 / ln(1.05) = 4099.187;
    //   activity  = w ln(6000/5000) = 4099.187 x 0.1823216 = 747.37
    //   intensity = w ln((1500/6000)/(1500/5000)) = w ln(5/6) = -747.37
    //   mix       = w ln((1100/1500)/(1000/1500)) = w ln 1.1 = 390.70
    //   factor    = w ln((4200/1100)/(4000/1000)) = w ln(0.954545) = -190.70
    const double w = 200.0 / std::log(1.05);
    CHECK_THAT(d.activity_tco2, WithinRel(w * std::log(1.2), 1e-12));
    CHECK_THAT(d.intensity_tco2, WithinRel(w * std::log(5.0 / 6.0), 1e-12));
    CHECK_THAT(d.mix_tco2, WithinRel(w * std::log(1.1) - 1300 + 700, 1e-12));
    CHECK_THAT(d.emission_factor_tco2, WithinRel(w * std::log(4200.0 / 1100 / 4.0), 1e-12));
    CHECK_THAT(d.grid_factor_tco2, WithinRel(d.emission_factor_tco2, 1e-15));
    CHECK_THAT(d.activity_tco2 + d.intensity_tco2 + d.mix_tco2 + d.emission_factor_tco2, WithinAbs(-400.0, 1e-9));
}

TEST_CASE("history rows are validated like the current year, errors under /history/N", "[trend][io]") {
    json d = doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}});
    json bad = history_year(2021, 9000, 1e7);
    bad["energy"][0]["quantity"] = -5;
    d["history"] = json::array({history_year(2023, 9000, 1e7), bad, history_year(2024, 1, 1)});
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "duplicate_year", "/history/0/year"));
    bool located = false;
    for (const auto& i : is.items)
        if (i.path.rfind("/history/1/energy/0", 0) == 0 && i.severity == Severity::error) located = true;
    CHECK(located);
    CHECK(has_issue(is, "history_after_current", "/history/2/year"));
}

TEST_CASE("history round-trips through input_to_json, unknown keys kept", "[trend][io]") {
    json d = doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}});
    json h = history_year(2021, 9000, 1e7, {{"value_added_price_index", 102.5}});
    h["from_a_newer_version"] = "kept";
    d["history"] = json::array({h});
    Input in = parse_ok(d);
    json back = input_to_json(in);
    REQUIRE(back.contains("history"));
    CHECK(back["history"][0]["year"] == 2021);
    CHECK(back["history"][0]["enterprise"]["value_added_price_index"] == 102.5);
    CHECK(back["history"][0]["from_a_newer_version"] == "kept");
    CHECK(back["history"][0]["energy"][0]["quantity"] == 1e7);
    // A one-year document writes no history key.
    CHECK_FALSE(input_to_json(parse_ok(doc(electricity(1)))).contains("history"));
}

TEST_CASE("the trend's notes are plan_targets.json records, found once per load; the code where one is missing", "[trend][refdata]") {
    const Input in = parse_ok(doc(electricity(1e7), {{"year", 2023}, {"value_added_10k_yuan", 10000}}));
    const RefRecord* rec = ref().record("plan_targets", "message/needs_two_years");
    REQUIRE(rec);
    REQUIRE(ref().plan_targets);
    CHECK(ref().plan_targets->notes[static_cast<std::size_t>(TrendNote::needs_two_years)] == rec);
    // The decomposition's note points at the record of the view; said, its words are the record's.
    const Result r = assess(in, ref());
    REQUIRE(r.decomposition_missing);
    CHECK(r.decomposition_missing->message.record == rec);
    CHECK(say(r.decomposition_missing->message).en == rec->raw.at("text_en").get<std::string>());

    // A copy whose note says something else says that.
    RefData changed = ref();
    {
        Dataset& d = changed.datasets.at("plan_targets");
        d.records.at(d.index.at("message/needs_two_years")).raw["text_en"] = "Two years, please.";
        changed.reindex();
    }
    const Result c = assess(in, changed);
    REQUIRE(c.decomposition_missing);
    CHECK(say(c.decomposition_missing->message).en == "Two years, please.");

    // The record gone: the code itself, as before.
    RefData without = ref();
    REQUIRE(without.datasets.at("plan_targets").index.erase("message/needs_two_years") == 1);
    without.reindex();
    const Result w = assess(in, without);
    REQUIRE(w.decomposition_missing);
    CHECK(w.decomposition_missing->code == "needs_two_years");
    CHECK(say(w.decomposition_missing->message).en == "needs_two_years");

    // A dataset swapped in without reindex(): the view of the call is built from the new records.
    RefData swapped = ref();
    Dataset replacement = swapped.datasets.at("plan_targets");
    std::swap(swapped.datasets.at("plan_targets"), replacement);
    const Result s = assess(in, swapped);
    REQUIRE(s.decomposition_missing);
    CHECK(s.decomposition_missing->message.record == swapped.record("plan_targets", "message/needs_two_years"));
}
