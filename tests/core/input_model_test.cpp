// The typed input model (issue 12): equipment and management fields read through the field-table
// accessors, unknown keys kept verbatim, and a document saved again as it was written.
#include "diagnosis.hpp"
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;
using namespace selfcheck::equip;

namespace {

// A section as it is saved again: null members are "not answered" and are not written back; an
// equipment row always carries its count (1 when the row left it out).
json without_nulls(const json& o) {
    json out = json::object();
    for (auto it = o.begin(); it != o.end(); ++it)
        if (!it->is_null()) out[it.key()] = it.value();
    return out;
}
json expected_equipment(const json& rows) {
    json out = json::array();
    for (const auto& r : rows) {
        json o = without_nulls(r);
        if (!o.contains("count")) o["count"] = 1;
        out.push_back(o);
    }
    return out;
}

} // namespace

// The keys CheckedKey accepts are exactly the table's; a misspelt literal does not compile (the
// try_compile ctest input_field_key_typo shows that), because it is not found here.
static_assert(enum_named<EquipmentField>("rated_kw") == EquipmentField::rated_kw);
static_assert(!enum_named<EquipmentField>("rated_kv").has_value());
static_assert(!enum_named<ManagementField>("rated_kw").has_value());
static_assert(enum_key(ManagementField::metering_gb17167) == "metering_gb17167");
static_assert(equip::EquipmentKey("press_dryness_pct").id == EquipmentField::press_dryness_pct);
static_assert(enum_named<MeteringCoverage>("partial") == MeteringCoverage::partial);
static_assert(!enum_named<MeteringCoverage>("other").has_value());  // `other` is no answer anyone writes
static_assert(enum_key(TouUserClass::large_industry) == "large_industry");

TEST_CASE("every sample saves its equipment, management and green-factory answers as written", "[input]") {
    std::size_t rows = 0;
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        const json d = json::parse(text);
        const Input in = parse_ok(d);
        // dump() compares integers and reals as written (3 is not 3.0), which == would not.
        CHECK(equipment_to_json(in.equipment).dump() ==
              expected_equipment(d.value("equipment", json::array())).dump());
        CHECK(management_to_json(in.management).dump() == without_nulls(d.value("management", json::object())).dump());
        CHECK(green_factory_answers_to_json(in.green_factory).dump() == d.value("green_factory", json::object()).dump());
        rows += in.equipment.items.size();
    }
    CHECK(rows >= 50);  // 9 samples, 3 to 9 rows each: the loop really ran over equipment
}

TEST_CASE("equipment fields read through the accessors keep their kind", "[input]") {
    const json row = {{"type", "motor"},          {"count", 3},        {"rated_kw", 55},
                      {"load_factor", 0.62},      {"efficiency_class", "IE2"}, {"on_obsolete_catalogue", true},
                      {"rewinds", 2},             {"watts", 40},       {"vendor", {{"name", "x"}, {"tel", json::array({1, 2})}}},
                      {"site_code", "B-7"},       {"year_installed", nullptr}};
    json d = doc(json::array({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "kWh"}}}));
    d["equipment"] = json::array({row});
    const Input in = parse_ok(d);
    REQUIRE(in.equipment.items.size() == 1);
    const EquipmentItem& e = in.equipment.items[0];
    CHECK((e.type == "motor"));  // parenthesised: Catch would pass the literal on as a run-time value
    CHECK(e.count == 3);
    CHECK(field_num(e, "rated_kw") == 55.0);
    CHECK(field_num(e, "load_factor") == 0.62);
    CHECK(field_str(e, "efficiency_class") == "IE2");
    CHECK(field_bool(e, "on_obsolete_catalogue") == true);
    // A field of another kind reads as absent, not as a conversion.
    CHECK_FALSE(field_num(e, "efficiency_class").has_value());
    CHECK(field_str(e, "rated_kw").empty());
    CHECK_FALSE(field_bool(e, "rewinds").has_value());
    CHECK_FALSE(field_num(e, "hours_per_year").has_value());
    // "watts" belongs to lighting rows: on a motor row it is warned about, kept, and still read.
    CHECK(field_num(e, "watts") == 40.0);
    // Keys outside the table are kept verbatim and only there.
    REQUIRE(e.unknown.is_object());
    CHECK(e.unknown.size() == 2);
    CHECK(e.unknown["site_code"] == "B-7");
    CHECK(e.unknown["vendor"]["tel"] == json::array({1, 2}));
    // Saved again: same keys and values, the null dropped, integers still integers.
    json expected = row;
    expected.erase("year_installed");
    CHECK(equipment_to_json(in.equipment)[0].dump() == expected.dump());
    CHECK(equipment_to_json(in.equipment)[0]["rated_kw"].is_number_integer());
}

TEST_CASE("an invalid equipment value is reported and not read", "[input]") {
    json d = doc(json::array({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "kWh"}}}));
    d["equipment"] = json::array({{{"type", "pump"}, {"rated_kw", -5}, {"flow_control", "throttle"}}});
    ParseOutcome p = parse_document(d.dump(), ref());
    CHECK(has_issue(p.issues, "out_of_range", "/equipment/0/rated_kw"));
    CHECK_FALSE(p.input.has_value());
    Equipment eq;
    Issues is;
    parse_equipment(d["equipment"], "/equipment", eq, is);
    REQUIRE(eq.items.size() == 1);
    CHECK_FALSE(field_num(eq.items[0], "rated_kw").has_value());
    CHECK(field_str(eq.items[0], "flow_control") == "throttle");
}

TEST_CASE("leak_test answered as yes/no, a year or a text", "[input]") {
    auto tested = [](json v) {
        Equipment eq;
        Issues is;
        parse_equipment(json::array({{{"type", "air_compressor"}, {"leak_test", v}}}), "/equipment", eq, is);
        return leak_tested(eq.items.at(0));
    };
    CHECK(tested(true));
    CHECK_FALSE(tested(false));
    CHECK(tested(2023));
    CHECK(tested("annual"));
    CHECK_FALSE(tested("none"));
    CHECK_FALSE(tested("never"));
    CHECK_FALSE(tested(""));
    CHECK_FALSE(tested(nullptr));
}

TEST_CASE("management answers read through the accessors; unknown keys kept", "[input]") {
    const json m = {{"energy_manager", true},        {"metering_gb17167", "partial"}, {"energy_management_system", "none"},
                    {"energy_audit_year", 2022},     {"leak_programme", false},       {"board_minutes", {{"2024", "yes"}}},
                    {"online_monitoring", nullptr}};
    Management mg;
    Issues is;
    parse_management(m, "/management", mg, is);
    CHECK_FALSE(is.has_errors());
    CHECK(has_issue(is, "unknown_key", "/management/board_minutes"));
    CHECK(mgmt_bool(mg, "energy_manager") == true);
    REQUIRE(mg.metering_gb17167);
    CHECK(mg.metering_gb17167->value == MeteringCoverage::partial);
    CHECK(mgmt_bool(mg, "energy_management_system") == false);  // "none" is no system
    CHECK(mgmt_num(mg, "energy_audit_year") == 2022.0);
    CHECK(mgmt_bool(mg, "leak_programme") == false);
    CHECK_FALSE(mgmt_bool(mg, "online_monitoring").has_value());
    CHECK_FALSE(mgmt_bool(mg, "exporter").has_value());
    CHECK_FALSE(mg.empty());
    json expected = m;
    expected.erase("online_monitoring");
    CHECK(management_to_json(mg).dump() == expected.dump());

    Management ems_text;
    parse_management(json{{"energy_management_system", "GB/T 23331"}}, "/management", ems_text, is);
    CHECK(mgmt_bool(ems_text, "energy_management_system") == true);

    // Only an unknown key: not empty (the diagnosis then does not ask for management answers).
    Management only_unknown;
    parse_management(json{{"note", "x"}}, "/management", only_unknown, is);
    CHECK_FALSE(only_unknown.empty());
    Management none;
    parse_management(json::object(), "/management", none, is);
    CHECK(none.empty());
    CHECK(management_to_json(none) == json::object());
}

TEST_CASE("green-factory answers are typed by shape and saved as written", "[input][green_factory]") {
    const json g = json::parse(R"({
        "basic_compliance_3y": true, "veto_previously_removed": "no", "green_design": "unknown",
        "custom_item_from_data": "yes", "material_intensity": null, "site_notes": {"a": 1},
        "platform_functions": ["pf_energy_query", "pf_budget", "pf_budget", "pf_not_a_function"],
        "water_intensity": 3, "water_reuse_rate_pct": 55.5,
        "anchors": {"water_intensity": {"leading": 2, "baseline": 6.5, "unit": "m3/t", "source": "industry survey", "note": "x"},
                    "land_output": 7, "renewable_share": {"leading": "high", "baseline": 10}}
    })");
    GreenFactoryAnswers a;
    Issues is;
    parse_green_factory(g, "/green_factory", a, is);

    REQUIRE(a.find_yes_no("basic_compliance_3y"));
    CHECK(a.find_yes_no("basic_compliance_3y")->yes);
    CHECK_FALSE(a.find_yes_no("basic_compliance_3y")->as_text);
    REQUIRE(a.find_yes_no("veto_previously_removed"));
    CHECK_FALSE(a.find_yes_no("veto_previously_removed")->yes);
    CHECK(a.find_yes_no("veto_previously_removed")->as_text);
    CHECK(a.find_yes_no("custom_item_from_data"));  // an item the data may add is answerable
    CHECK_FALSE(a.find_yes_no("green_design"));     // "unknown" is not an answer
    CHECK(a.yes_no.size() == 3);

    const auto& wi = a.numbers[std::size_t(GfNumberAnswer::water_intensity)];
    REQUIRE(wi);
    CHECK(std::holds_alternative<std::uint64_t>(*wi));  // written 3: saved as 3, not 3.0
    CHECK(gf_number_value(*wi) == 3.0);
    REQUIRE(a.numbers[std::size_t(GfNumberAnswer::water_reuse_rate_pct)]);
    CHECK(gf_number_value(*a.numbers[std::size_t(GfNumberAnswer::water_reuse_rate_pct)]) == 55.5);
    CHECK_FALSE(a.numbers[std::size_t(GfNumberAnswer::material_intensity)]);  // null: not answered

    CHECK(a.platform == GreenFactoryAnswers::Platform::list);
    CHECK(a.platform_list.size() == 4);  // unknown and repeated ids kept; the evaluation filters

    REQUIRE(a.anchors.size() == 2);
    const GfAnchor* w = a.find_anchor("water_intensity");
    REQUIRE(w);
    CHECK(gf_number_value(*w->leading) == 2.0);
    CHECK(gf_number_value(*w->baseline) == 6.5);
    CHECK(w->unit == "m3/t");
    CHECK(w->source == "industry survey");
    CHECK(w->kept == json{{"note", "x"}});
    const GfAnchor* r = a.find_anchor("renewable_share");
    REQUIRE(r);
    CHECK_FALSE(r->leading);  // a text is not a leading value
    CHECK(gf_number_value(*r->baseline) == 10.0);
    CHECK_FALSE(a.find_anchor("land_output"));  // not an object: kept, not read

    CHECK(green_factory_answers_to_json(a).dump() == g.dump());
}

TEST_CASE("green-factory platform functions as a count, a mixed list or another value", "[input][green_factory]") {
    auto parsed = [](json v) {
        GreenFactoryAnswers a;
        Issues is;
        parse_green_factory(json{{"platform_functions", v}}, "/green_factory", a, is);
        return a;
    };
    GreenFactoryAnswers c = parsed(5);
    CHECK(c.platform == GreenFactoryAnswers::Platform::count);
    CHECK(gf_number_value(c.platform_count) == 5.0);
    CHECK(green_factory_answers_to_json(c).dump() == R"({"platform_functions":5})");

    GreenFactoryAnswers mixed = parsed(json::array({1, "pf_budget"}));
    CHECK(mixed.platform == GreenFactoryAnswers::Platform::list);
    CHECK(mixed.platform_list == std::vector<std::string>{"pf_budget"});
    CHECK(green_factory_answers_to_json(mixed).dump() == R"({"platform_functions":[1,"pf_budget"]})");

    GreenFactoryAnswers other = parsed("all of them");
    CHECK(other.platform == GreenFactoryAnswers::Platform::other);
    CHECK(green_factory_answers_to_json(other).dump() == R"({"platform_functions":"all of them"})");

    GreenFactoryAnswers none = parsed(nullptr);
    CHECK(none.platform == GreenFactoryAnswers::Platform::unanswered);
    CHECK(green_factory_answers_to_json(none).dump() == R"({"platform_functions":null})");

    GreenFactoryAnswers empty_anchors;
    Issues is;
    parse_green_factory(json{{"anchors", json::object()}}, "/green_factory", empty_anchors, is);
    CHECK(green_factory_answers_to_json(empty_anchors).dump() == R"({"anchors":{}})");
    CHECK(green_factory_answers_to_json(GreenFactoryAnswers{}).dump() == "{}");
}

TEST_CASE("equipment types: known kinds as an enum, any other type kept as written", "[input]") {
    Equipment eq;
    Issues is;
    parse_equipment(json::array({{{"type", "fan"}, {"flow_control", "damper"}, {"rated_kw", 15}},
                                 {{"type", "kiln_dryer"}, {"rated_kw", 30}, {"belt_m", 12}}}),
                    "/equipment", eq, is);
    REQUIRE(eq.items.size() == 2);
    CHECK(eq.items[0].type.kind == EquipmentKind::fan);
    CHECK((eq.items[0].type == "fan"));  // a compile-time key (CheckedKey), not a string compare
    CHECK_FALSE((eq.items[0].type == "pump"));
    CHECK(field_str(eq.items[0], "flow_control") == "damper");
    CHECK_FALSE(has_issue(is, "unknown_key", "/equipment/0/flow_control"));  // fans take the pump fields
    CHECK(eq.items[1].type.kind == EquipmentKind::other);
    CHECK(eq.items[1].type.name() == "kiln_dryer");
    CHECK(has_issue(is, "unknown_equipment_type", "/equipment/1/type"));
    CHECK(field_num(eq.items[1], "rated_kw") == 30.0);  // read as before, unvalidated
    CHECK(eq.items[1].unknown == json{{"belt_m", 12}});
    CHECK(equipment_to_json(eq)[1].dump() == R"({"belt_m":12,"count":1,"rated_kw":30,"type":"kiln_dryer"})");
}

TEST_CASE("management choices: each listed value read as its enum and saved as written", "[input]") {
    // The lists of assets/data/choices.json: metering full/partial/none, TOU class large_industry/general.
    const std::pair<const char*, MeteringCoverage> metering[] = {
        {"full", MeteringCoverage::full}, {"partial", MeteringCoverage::partial}, {"none", MeteringCoverage::none}};
    for (const auto& [text, value] : metering) {
        INFO(text);
        const json m = {{"metering_gb17167", text}};
        Management mg;
        Issues is;
        parse_management(m, "/management", mg, is);
        CHECK(is.items.empty());
        REQUIRE(mg.metering_gb17167);
        CHECK(mg.metering_gb17167->value == value);
        CHECK(mg.metering_gb17167->known());
        CHECK(mg.metering_gb17167->written.empty());  // the enum says it all
        CHECK(mg.fields.empty());                     // a choice is never a field
        CHECK_FALSE(mg.empty());
        CHECK(management_to_json(mg).dump() == m.dump());
    }
    const std::pair<const char*, TouUserClass> tou[] = {{"large_industry", TouUserClass::large_industry},
                                                        {"general", TouUserClass::general}};
    for (const auto& [text, value] : tou) {
        INFO(text);
        const json m = {{"tou_user_class", text}, {"exporter", true}};
        Management mg;
        Issues is;
        parse_management(m, "/management", mg, is);
        CHECK(is.items.empty());
        REQUIRE(mg.tou_user_class);
        CHECK(mg.tou_user_class->value == value);
        CHECK(choice_name(mg.tou_user_class) == text);
        CHECK(management_to_json(mg).dump() == m.dump());
    }
    Management none;
    CHECK(choice_name(none.tou_user_class).empty());  // not answered: the measures assume large industry
}

TEST_CASE("management choices: another text is an error, kept as written and saved again", "[input]") {
    const json m = {{"metering_gb17167", "most meters"}, {"tou_user_class", "residential"}, {"energy_audit_year", 2023}};
    Management mg;
    Issues is;
    parse_management(m, "/management", mg, is);
    REQUIRE(is.items.size() == 2);
    // The messages as assets/text/core_diagnosis.json words them (management.bad_metering, .bad_tou_class).
    CHECK(is.items[0].code == "bad_choice");
    CHECK(is.items[0].path == "/management/metering_gb17167");
    CHECK(is.items[0].message_zh == "计量器具配备应为 full、partial 或 none");
    CHECK(is.items[0].message_en == "metering must be full, partial or none");
    CHECK(is.items[1].code == "bad_choice");
    CHECK(is.items[1].path == "/management/tou_user_class");
    CHECK(is.items[1].message_zh == "分时电价用户类别应为“大工业用电”或“一般工商业用电”");
    CHECK(is.items[1].message_en == "TOU user class must be large industry or general commercial and industrial");
    REQUIRE(mg.metering_gb17167);
    CHECK(mg.metering_gb17167->value == MeteringCoverage::other);
    CHECK(mg.metering_gb17167->name() == "most meters");
    REQUIRE(mg.tou_user_class);
    CHECK_FALSE(mg.tou_user_class->known());
    CHECK(choice_name(mg.tou_user_class) == "residential");
    CHECK(management_to_json(mg).dump() == m.dump());

    // An empty text is another text too: an error, kept as written.
    Management empty_text;
    Issues is2;
    parse_management(json{{"tou_user_class", ""}}, "/management", empty_text, is2);
    CHECK(has_issue(is2, "bad_choice", "/management/tou_user_class"));
    REQUIRE(empty_text.tou_user_class);
    CHECK(management_to_json(empty_text).dump() == R"({"tou_user_class":""})");

    // Not a text: the field's check says so and nothing is kept (as for any field of the wrong kind).
    Management number;
    Issues is3;
    parse_management(json{{"metering_gb17167", 3}}, "/management", number, is3);
    REQUIRE(is3.items.size() == 1);
    CHECK(is3.items[0].code == "wrong_type");
    CHECK_FALSE(number.metering_gb17167);
    CHECK(number.empty());
    CHECK(management_to_json(number) == json::object());

    // Too long (over 200 characters): too long, and not one of the list; not kept.
    Management long_text;
    Issues is4;
    parse_management(json{{"metering_gb17167", std::string(201, 'x')}}, "/management", long_text, is4);
    CHECK(has_issue(is4, "string_too_long", "/management/metering_gb17167"));
    CHECK(has_issue(is4, "bad_choice", "/management/metering_gb17167"));
    CHECK_FALSE(long_text.metering_gb17167);
}
