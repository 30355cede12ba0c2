// Diagnosis: equipment validation (types, ranges, units, unknown types) and findings tied to
// GB 18613-2020, GB 19153-2019, GB 20052-2024 and the Zhejiang plan's sections.
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {
const Finding* find_finding(const Result& r, const std::string& id) {
    for (const auto& f : r.findings)
        if (f.id == id) return &f;
    return nullptr;
}
json with_eq(json equipment, json enterprise = json::object(), json energy = json::array(), json management = json::object()) {
    json d = doc(energy, enterprise);
    d["equipment"] = std::move(equipment);
    if (!management.empty()) d["management"] = std::move(management);
    return d;
}
} // namespace

TEST_CASE("equipment with a unit in the value is an error at the field's path", "[diagnosis][io]") {
    json d = with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}}, {{"type", "motor"}, {"rated_kw", 55}},
                                  {{"type", "pump"}, {"rated_kw", 7.5}}, {{"type", "motor"}, {"rated_kw", "55 kW"}}}));
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "wrong_unit", "/equipment/3/rated_kw"));
    CHECK(is.has_errors());
    for (const auto& i : is.items)
        if (i.path == "/equipment/3/rated_kw") {
            CHECK_FALSE(i.message_zh.empty());
            CHECK_FALSE(i.message_en.empty());
        }
}

TEST_CASE("a field in another unit is an error that names the right field", "[diagnosis][io]") {
    Issues is = parse_issues(with_eq(json::array({{{"type", "motor"}, {"rated_hp", 75}}})).dump());
    CHECK(has_issue(is, "wrong_unit", "/equipment/0/rated_hp"));
}

TEST_CASE("out-of-range and wrong-type equipment values are errors", "[diagnosis][io]") {
    Issues is = parse_issues(with_eq(json::array({{{"type", "transformer"}, {"rated_kva", 1000}, {"load_factor", 7}},
                                                  {{"type", "boiler"}, {"economizer", "yes"}},
                                                  {{"type", "motor"}, {"count", 2.5}}})).dump());
    CHECK(has_issue(is, "out_of_range", "/equipment/0/load_factor"));
    CHECK(has_issue(is, "wrong_type", "/equipment/1/economizer"));
    CHECK(has_issue(is, "wrong_type", "/equipment/2/count"));
}

TEST_CASE("an unknown equipment type is a warning, and the row is kept", "[diagnosis][io]") {
    json d = with_eq(json::array({{{"type", "spaceship"}, {"warp", 9}}}));
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "unknown_equipment_type", "/equipment/0/type"));
    CHECK_FALSE(is.has_errors());
    Input in = parse_ok(d);
    CHECK(input_to_json(in)["equipment"][0]["warp"] == 9);
}

TEST_CASE("motors below IE3 are flagged per GB 18613-2020, series read as class", "[diagnosis]") {
    Result r = assess_doc(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"series", "YE2"}, {"count", 4},
                                                {"load_factor", 0.7}, {"hours_per_year", 6000}},
                                               {{"type", "motor"}, {"rated_kw", 55}, {"efficiency_class", "IE3"}}}),
                                  {}, json::array({{{"carrier", "electricity"}, {"quantity", 1e6}, {"unit", "kWh"}}})));
    const Finding* f = find_finding(r, "motor_below_ie3");
    REQUIRE(f);
    CHECK(f->severity == FindingSeverity::high);
    CHECK(finding_clause(*f).find("GB 18613-2020") != std::string::npos);
    CHECK(f->evidence.number(EvidenceKey::count) == 4);  // the YE2 row: count 4
    CHECK_THAT(f->evidence.number(EvidenceKey::rated_kw_total).value_or(0), WithinAbs(220, 1e-9));  // 4 × 55 kW
    REQUIRE_FALSE(f->measures.empty());
    CHECK(f->measures[0] == "motor_upgrade");
}

TEST_CASE("coal boilers ≤35 t/h in paper are due for retirement under the plan", "[diagnosis]") {
    json energy = json::array({{{"carrier", "raw_coal"}, {"quantity", 5000}, {"unit", "t"}}});
    json row = {{"type", "boiler"}, {"fuel", "raw_coal"}, {"capacity_t_per_h", 20}};
    Result paper = assess_doc(with_eq(json::array({row}), {{"industry", "C22"}}, energy));
    const Finding* f = find_finding(paper, "coal_boiler_plan_retirement");
    REQUIRE(f);
    CHECK(f->severity == FindingSeverity::high);
    CHECK(finding_clause(*f).find("35") != std::string::npos);
    Result machinery = assess_doc(with_eq(json::array({row}), {{"industry", "C34"}}, energy));
    CHECK(find_finding(machinery, "coal_boiler_plan_retirement") == nullptr);
    json big = row;
    big["capacity_t_per_h"] = 40;
    CHECK(find_finding(assess_doc(with_eq(json::array({big}), {{"industry", "C28"}}, energy)), "coal_boiler_plan_retirement") == nullptr);
}

TEST_CASE("compressors above the specific-power screen and old transformers are flagged", "[diagnosis]") {
    Result r = assess_doc(with_eq(json::array({{{"type", "air_compressor"}, {"rated_kw", 55}, {"fad_m3_per_min", 6.5}},
                                               {{"type", "transformer"}, {"series", "S11-M"}, {"rated_kva", 800}, {"load_factor", 0.2}}})));
    const Finding* c = find_finding(r, "compressor_specific_power_high");
    REQUIRE(c);  // 55 / 6.5 = 8.46 kW/(m³/min) > 7.5
    CHECK(finding_clause(*c).find("GB 19153-2019") != std::string::npos);
    // An operating S11 is below the current GB 20052-2024 grades, not non-compliant (the standard
    // governs new products); only a unit on MIIT's obsolete catalogue must be replaced.
    const Finding* t = find_finding(r, "transformer_below_grades");
    REQUIRE(t);
    CHECK(t->severity == FindingSeverity::medium);
    CHECK(find_finding(r, "transformer_phase_out") == nullptr);
    CHECK(find_finding(r, "transformer_light_load"));
    Result listed = assess_doc(with_eq(json::array({{{"type", "transformer"}, {"series", "S9"}, {"rated_kva", 800},
                                                     {"on_obsolete_catalogue", true}}})));
    const Finding* p = find_finding(listed, "transformer_phase_out");
    REQUIRE(p);
    CHECK(p->severity == FindingSeverity::high);
    CHECK(find_finding(listed, "transformer_below_grades") == nullptr);
}

TEST_CASE("missing metering at a budget tier is a finding; missing data says which field", "[diagnosis]") {
    json energy = json::array({{{"carrier", "raw_coal"}, {"quantity", 3000}, {"unit", "t"}}});
    Result r = assess_doc(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 11}}}), {}, energy,
                                  {{"metering_gb17167", "none"}, {"energy_manager", false}}));
    const Finding* m = find_finding(r, "metering_incomplete");
    REQUIRE(m);
    CHECK(m->severity == FindingSeverity::high);
    // The message keeps its numbers typed until it is said: 3,000 t raw coal × 0.7143 kgce/kg
    // (GB/T 2589 Annex A) = 2,142,900 kgce = 2142.9 tce, written with no decimals as 2143; the
    // metering level in Chinese from the texts, as its id in English.
    REQUIRE(m->message.params.size() == 2);
    CHECK(m->message.params[0].kind == TextParam::Kind::fixed);
    CHECK_THAT(m->message.params[0].number, Catch::Matchers::WithinRel(2142.9, 1e-12));
    const texts::Text said = finding_message(*m);
    CHECK(said.zh.find("年综合能耗 2143 tce") != std::string::npos);
    CHECK(said.zh.find("“无”") != std::string::npos);
    CHECK(said.en.find("metering is 'none'") != std::string::npos);
    const Finding* u = find_finding(r, "motor_class_unknown");
    REQUIRE(u);
    CHECK(evidence_to_json(u->evidence)["needs"].dump().find("efficiency_class") != std::string::npos);
}

TEST_CASE("evidence keeps whole numbers whole and writes the motor class as 'class'", "[diagnosis]") {
    Result r = assess_doc(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"series", "YE2"}, {"count", 4}}})));
    const Finding* f = find_finding(r, "motor_below_ie3");
    REQUIRE(f);
    const json ev = evidence_to_json(f->evidence);
    // Row 0, YE2 -> IE2 (motor_series_class), 55 kW, 4 units; the total 4 × 55 = 220 kW is a real number.
    CHECK(ev.at("motors").dump() == R"([{"class":"IE2","count":4,"rated_kw":55.0,"row":0}])");
    CHECK(ev.at("count").dump() == "4");
    CHECK(ev.at("rated_kw_total").dump() == "220.0");
    // No hours or load factor: the upgrade cannot be costed, and the evidence says so by name.
    CHECK(ev.at("measures_not_applicable").dump() == R"(["motor_upgrade"])");
}

TEST_CASE("a copy of the reference data gives the same findings and green-factory result", "[diagnosis][refdata]") {
    // A copy rebuilds its typed views (RefData's copy constructor calls reindex()), so they belong
    // to the copy, before and after another reindex(). All three give the same result.
    RefData copy = RefData::builtin();
    Input in = parse_ok(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"series", "YE2"}, {"load_factor", 0.3}},
                                             {{"type", "transformer"}, {"series", "S9"}, {"rated_kva", 800}},
                                             {{"type", "boiler"}, {"fuel", "raw_coal"}, {"capacity_t_per_h", 10}}}),
                                {{"industry", "C22"}, {"output_value_10k_yuan", 5000}},
                                json::array({{{"carrier", "raw_coal"}, {"quantity", 5000}, {"unit", "t"}}})));
    const json original = result_to_json(assess(in, RefData::builtin()));
    CHECK(copy.equipment_standards->built_from(copy));
    CHECK(result_to_json(assess(in, copy)) == original);
    copy.reindex();
    CHECK(copy.equipment_standards->built_from(copy));
    CHECK(result_to_json(assess(in, copy)) == original);
}

TEST_CASE("equipment standards of the wrong shape leave the defaults and take nothing down", "[diagnosis][refdata]") {
    auto files = embedded_data_files();
    for (auto& [name, text] : files)
        if (name.find("equipment_standards") != std::string::npos)
            text = R"({"dataset":"equipment_standards","version":"hostile","records":[
                {"id":"motor_series_class","source":"s","confidence":"X","map":3},
                {"id":"motor_efficiency/IE2","source":"s","confidence":"X","kw":"a","efficiency_pct":[1]},
                {"id":"transformer_series","source":"s","confidence":"X","below_current":[1,"S9"],"clause":7}]})";
    RefData data;
    REQUIRE_NOTHROW(data = RefData::load(files));
    Input in = parse_ok(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"series", "YE2"}},
                                             {{"type", "transformer"}, {"series", "S9"}, {"rated_kva", 800}}})));
    Result r;
    REQUIRE_NOTHROW(r = assess(in, data));
    // No series map: the YE2 motor's class is unknown. The string "S9" of the list still counts;
    // the clause that is not a string gives way to the default designation.
    CHECK(find_finding(r, "motor_class_unknown"));
    CHECK(find_finding(r, "motor_below_ie3") == nullptr);
    const Finding* t = find_finding(r, "transformer_below_grades");
    REQUIRE(t);
    CHECK(finding_clause(*t) == "GB 20052-2024");
}
