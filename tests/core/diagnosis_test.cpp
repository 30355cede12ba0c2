// Diagnosis: equipment validation (types, ranges, units, unknown types) and findings tied to
// GB 18613-2020, GB 19153-2019, GB 20052-2024 and the Zhejiang plan's sections.
#include "test_util.hpp"

#include <functional>

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

namespace {
// A copy of the built-in data with one record changed, or dropped from the lookup by id, and its
// views rebuilt.
RefData with_changed(const std::string& dataset, const std::string& id, const std::function<void(RefRecord&)>& change) {
    RefData r = ref();
    Dataset& d = r.datasets.at(dataset);
    change(d.records.at(d.index.at(id)));
    r.reindex();
    return r;
}
RefData without(const std::string& dataset, const std::string& id) {
    RefData r = ref();
    REQUIRE(r.datasets.at(dataset).index.erase(id) == 1);
    r.reindex();
    return r;
}
} // namespace

TEST_CASE("the findings' thresholds are the measures.json records, with the old defaults where one is missing", "[diagnosis][refdata]") {
    // A motor at load factor 0.35: below motor_system/oversized_load_factor 0.4, so oversized.
    const Input in = parse_ok(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"efficiency_class", "IE3"}, {"load_factor", 0.35}}})));
    CHECK(find_finding(assess(in, ref()), "motor_oversized"));
    // At 0.3 the motor is not oversized; the message's percentage is the threshold: 0.3 × 100 = 30.
    const RefData lower = with_changed("measures", "motor_system/oversized_load_factor", [](RefRecord& r) { r.value = 0.3; });
    CHECK(find_finding(assess(in, lower), "motor_oversized") == nullptr);
    const Input at_25 = parse_ok(with_eq(json::array({{{"type", "motor"}, {"rated_kw", 55}, {"efficiency_class", "IE3"}, {"load_factor", 0.25}}})));
    const Result low = assess(at_25, lower);
    const Finding* f = find_finding(low, "motor_oversized");
    REQUIRE(f);
    CHECK(finding_message(*f).en.find("30%") != std::string::npos);
    // The record gone: the default 0.4 the code always had.
    CHECK(find_finding(assess(in, without("measures", "motor_system/oversized_load_factor")), "motor_oversized"));

    // Flue gas at 170 °C without an economizer: above boiler_economizer/stack_temp_trigger 150,
    // below boiler_tuneup/stack_temp_trigger 180: low severity. A copy with the tune-up trigger at
    // 160 °C makes it medium.
    const Input boiler = parse_ok(with_eq(json::array({{{"type", "boiler"}, {"fuel", "natural_gas"}, {"capacity_t_per_h", 4}, {"flue_temp_c", 170}}})));
    const Result warm = assess(boiler, ref());
    const Finding* b = find_finding(warm, "boiler_flue_temperature_high");
    REQUIRE(b);
    CHECK(b->severity == FindingSeverity::low);
    const Result hot = assess(boiler, with_changed("measures", "boiler_tuneup/stack_temp_trigger", [](RefRecord& r) { r.value = 160; }));
    const Finding* m = find_finding(hot, "boiler_flue_temperature_high");
    REQUIRE(m);
    CHECK(m->severity == FindingSeverity::medium);
}

TEST_CASE("the dyeing water-reuse finding cites water_reuse/target_rate, else the plan", "[diagnosis][refdata]") {
    // Reuse 40 % in dyeing (C17) against the plan's 50 %.
    const Input in = parse_ok(with_eq(json::array({{{"type", "water"}, {"reuse_rate", 0.4}, {"use_m3_per_day", 500}}}), {{"industry", "C1713"}}));
    const Result built_in = assess(in, ref());
    const Finding* f = find_finding(built_in, "water_reuse_below_plan");
    REQUIRE(f);
    CHECK(finding_clause(*f) == ref().record("measures", "water_reuse/target_rate")->source);
    // A copy at 35 %: 40 % passes.
    CHECK(find_finding(assess(in, with_changed("measures", "water_reuse/target_rate", [](RefRecord& r) { r.value = 0.35; })),
                       "water_reuse_below_plan") == nullptr);
    // Without the record: the old target 50 % and the plan's title as the clause.
    const Result r = assess(in, without("measures", "water_reuse/target_rate"));
    const Finding* g = find_finding(r, "water_reuse_below_plan");
    REQUIRE(g);
    CHECK(finding_clause(*g) != ref().record("measures", "water_reuse/target_rate")->source);
    CHECK(finding_clause(*g).find("浙江省工业领域碳达峰实施方案") != std::string::npos);
}

TEST_CASE("boiler defaults: efficiency by fuel group and MW per t/h from measures.json, old values without them", "[diagnosis][refdata]") {
    const Input in = parse_ok(with_eq(json::array({{{"type", "boiler"}, {"fuel", "natural_gas"}, {"capacity_mw", 7}}})));
    const EquipmentItem& e = in.equipment.items.at(0);
    // measures.json: coal 0.75, gas 0.92, oil 0.85 (boiler/default_*_efficiency).
    CHECK(equip::boiler_efficiency(e, ref(), "raw_coal") == 0.75);
    CHECK(equip::boiler_efficiency(e, ref(), "natural_gas") == 0.92);
    CHECK(equip::boiler_efficiency(e, ref(), "diesel") == 0.85);
    const RefData gas = with_changed("measures", "boiler/default_gas_efficiency", [](RefRecord& r) { r.value = 0.9; });
    CHECK(equip::boiler_efficiency(e, gas, "lpg") == 0.9);
    CHECK(equip::boiler_efficiency(e, without("measures", "boiler/default_oil_efficiency"), "diesel") == 0.75);
    // 7 MW / 0.7 MW per t/h (boiler/mw_per_t_per_h) = 10 t/h; at 0.5 MW per t/h, 14 t/h; no record, no capacity.
    CHECK_THAT(*equip::boiler_capacity_t_per_h(e, ref()), WithinRel(10.0, 1e-12));
    CHECK_THAT(*equip::boiler_capacity_t_per_h(e, with_changed("measures", "boiler/mw_per_t_per_h", [](RefRecord& r) { r.value = 0.5; })),
               WithinRel(14.0, 1e-12));
    CHECK_FALSE(equip::boiler_capacity_t_per_h(e, without("measures", "boiler/mw_per_t_per_h")).has_value());
}

TEST_CASE("a dataset swapped in without reindex() gets a standards view built for the call", "[diagnosis][refdata]") {
    // The stamp (DatasetStamp) sees the new records; the view is not the one reindex() built.
    RefData data = ref();
    REQUIRE(data.equipment_standards->built_from(data));
    Dataset replacement = data.datasets.at("equipment_standards");
    std::swap(data.datasets.at("equipment_standards"), replacement);
    CHECK_FALSE(data.equipment_standards->built_from(data));
    CHECK(equip::standards_of(data)->built_from(data));
    CHECK(equip::standards_of(data) != data.equipment_standards);
}
