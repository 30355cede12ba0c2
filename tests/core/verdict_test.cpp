// Errors by consequence and verdicts only from valid data (issue 18): identity fields warn and block
// only an upload; a number that cannot be computed is null with the reason; the tier and key-unit
// verdicts are one sentence each in the result, which the app and the report both print.
// Thresholds worked from assets/data/energy_tiers.json: budget tiers at 1,000 and 5,000 tce
// (Zhejiang industry carbon-peaking plan 2023, III(2)2), key unit from 10,000 tce and designation
// from 5,000 tce (Energy Conservation Law art. 52).
#include "submission.hpp"
#include "test_util.hpp"
#include "texts.hpp"
#include "validate.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {
json assess_json(const json& d) {
    AssessOutcome out = assess_text(d.dump(), ref());
    INFO(out.output.dump(1).substr(0, 2000));
    REQUIRE(out.ok);
    return out.output;
}
// tce of electricity as kWh at the GB/T 2589 equivalent 0.1229 kgce/kWh
json electricity_tce(double tce) { return {{"carrier", "electricity"}, {"quantity", tce * 1000 / 0.1229}, {"unit", "kWh"}}; }
} // namespace

TEST_CASE("no energy entered: no tier, no key-unit status, no intensity, no carbon level - the reason instead", "[verdict]") {
    // value added is given, so only the missing energy stands between the user and a verdict
    const json r = assess_json(doc(json::array(), {{"value_added_10k_yuan", 1000}, {"industry", "C17"}}));
    CHECK(r["energy"]["total_tce"] == 0);
    CHECK(r["energy"]["budget_tier"].is_null());      // was "lt1000": a verdict about nothing
    CHECK(r["energy"]["budget_tier_text"].is_null());
    CHECK(r["energy"]["key_energy_unit"].is_null());  // was false: "不属于重点用能单位"
    CHECK(r["energy"]["key_unit_may_be_designated"].is_null());
    CHECK(r["energy"]["key_unit_status"].is_null());
    REQUIRE(r["energy"]["missing"].is_object());
    CHECK(r["energy"]["missing"]["code"] == "needs_energy");
    CHECK_FALSE(r["energy"]["missing"]["message_zh"].get<std::string>().empty());
    CHECK_FALSE(r["energy"]["missing"]["message_en"].get<std::string>().empty());
    // L = 0 tCO2 / 1000 万元 = 0 would read "低碳": no L, no level
    CHECK(r["carbon_efficiency"]["intensity"].is_null());
    CHECK(r["carbon_efficiency"]["level"].is_null());
    CHECK(r["carbon_efficiency"]["grade"].is_null());
    CHECK(r["carbon_efficiency"]["missing"]["code"] == "needs_energy");
    for (const char* k : {"tce_per_10k_yuan_value_added", "tco2_per_10k_yuan_value_added", "tce_per_10k_yuan_output",
                          "tco2_per_10k_yuan_output"}) {
        INFO(k);
        CHECK(r["intensity"][k].is_null());
        CHECK(r["intensity"]["missing"][k]["code"] == "needs_energy");
    }
}

TEST_CASE("no energy entered: a product's energy per unit is not 0 (no level-1 verdict)", "[verdict]") {
    json d = doc(json::array());
    // a limit in kgce/t (GB 36889 polyester polymerisation), comparable with the site's energy per tonne
    d["products"] = json::array({{{"name", "聚酯"}, {"limit_id", "fibre_polyester_polymerisation"}, {"output", 10000}, {"unit", "t"}}});
    const json r = assess_json(d);
    REQUIRE(r["products"].size() == 1);
    CHECK(r["products"][0]["kgce_per_unit"].is_null());  // was 0 kgce/t: below level 1, "advanced"
    CHECK(r["products"][0]["status"] == "unknown");
    CHECK(r["products"][0]["missing"]["code"] == "needs_energy");
}

TEST_CASE("energy without value added: intensities and L are null with the value-added reason, the tier is given", "[verdict]") {
    const json r = assess_json(doc({electricity_tce(600)}));
    // 600 tce < 1,000: the lowest tier, not a key unit (< 5,000)
    CHECK(r["energy"]["budget_tier"] == "lt1000");
    CHECK(r["energy"]["key_energy_unit"] == false);
    CHECK(r["energy"]["missing"].is_null());
    CHECK(r["intensity"]["tce_per_10k_yuan_value_added"].is_null());
    CHECK(r["intensity"]["missing"]["tce_per_10k_yuan_value_added"]["code"] == "needs_value_added");
    CHECK(r["carbon_efficiency"]["level"].is_null());
    CHECK(r["carbon_efficiency"]["missing"]["code"] == "needs_value_added");
}

TEST_CASE("tier and key-unit verdicts are one sentence each, thresholds from the data", "[verdict]") {
    auto energy = [](double tce) { return assess_json(doc({electricity_tce(tce)}))["energy"]; };
    // 600 tce: below 1,000
    json e = energy(600);
    CHECK(e["budget_tier_text"]["code"] == "lt1000");
    CHECK(e["budget_tier_text"]["message_zh"] == "1,000 吨标准煤以下");
    CHECK(e["budget_tier_text"]["message_en"] == "below 1,000 tce");
    CHECK(e["key_unit_status"]["code"] == "not_key");
    CHECK(e["key_unit_status"]["message_zh"] == "不属于重点用能单位");
    // 1,000 tce exactly: the middle tier includes 1,000 (plan text "1000吨（含）至5000吨")
    e = energy(1000);
    CHECK(e["budget_tier_text"]["message_zh"] == "1,000（含）至 5,000 吨标准煤");
    CHECK(e["budget_tier_text"]["message_en"] == "1,000 to 5,000 tce");
    // 6,000 tce: >= 5,000 tier; 5,000 <= 6,000 < 10,000: may be designated
    e = energy(6000);
    CHECK(e["budget_tier_text"]["code"] == "ge5000");
    CHECK(e["budget_tier_text"]["message_zh"] == "年综合能耗 5,000 吨标准煤及以上");
    CHECK(e["key_unit_status"]["code"] == "may_be_designated");
    CHECK(e["key_unit_status"]["message_zh"] == "可能被指定为重点用能单位（5,000–10,000 吨标准煤）");
    CHECK(e["key_unit_status"]["message_en"] == "May be designated a key energy-using unit (5,000–10,000 tce)");
    // 12,000 tce: >= 10,000, a key energy-using unit
    e = energy(12000);
    CHECK(e["key_energy_unit"] == true);
    CHECK(e["key_unit_status"]["code"] == "key");
    CHECK(e["key_unit_status"]["message_zh"] == "属于重点用能单位（年综合能耗 ≥ 10,000 吨标准煤）");
    CHECK(e["key_unit_status"]["message_en"] == "Key energy-using unit (≥ 10,000 tce a year)");
    for (const char* k : {"statement.budget_tier.ge5000", "statement.budget_tier.1000to5000", "statement.budget_tier.lt1000",
                          "statement.key_unit.key", "statement.key_unit.may_be_designated", "statement.key_unit.not_key",
                          "missing.needs_energy"})
        CHECK(texts::has(k));
}

TEST_CASE("identity fields warn: the result is computed, only the upload refuses", "[verdict][identity]") {
    // GB 32100: the check character of 91350100M000100Y4 is 3, so ...Y44 is wrong
    const json d = doc({electricity_tce(600)}, {{"credit_code", "91350100M000100Y44"}, {"city", "shaoxing"}, {"county", "西湖区"},
                                                {"value_added_10k_yuan", 1000}});
    const json r = assess_json(d);
    CHECK(r["energy"]["total_tce"].get<double>() > 0);
    bool cc = false, county = false;
    for (const json& w : r["warnings"]) {
        if (w["path"] == "/enterprise/credit_code" && w["code"] == "credit_code_check") cc = true;
        if (w["path"] == "/enterprise/county" && w["code"] == "county_not_in_city") county = true;  // 西湖区 is in Hangzhou
    }
    CHECK(cc);
    CHECK(county);
    // a place we cannot name is a warning too (nothing is computed from city or county)
    Issues is = parse_issues(doc({electricity_tce(600)}, {{"city", "atlantis"}}).dump());
    CHECK_FALSE(is.has_errors());
    CHECK(has_issue(is, "unknown_city", "/enterprise/city"));
    // the industry picks the industry average and the sector's measures: still an error
    CHECK(parse_issues(doc({electricity_tce(600)}, {{"industry", "Z99"}}).dump()).has_errors());
    CHECK(is_identity_issue("credit_code_check"));
    CHECK(is_identity_issue("unknown_county"));
    CHECK_FALSE(is_identity_issue("unknown_industry"));
    CHECK_FALSE(is_identity_issue("invalid_number"));
    // the receiver refuses the same document: identity warnings are errors there
    const Input in = parse_ok(d);
    const json sub = build_submission(in, assess(in, ref()), "3b241101-e2bb-4255-8caf-4136c566a962", "2026-11-30T10:00:00Z");
    SubmissionOutcome so = parse_submission(sub.dump(), ref());
    CHECK_FALSE(so.submission.has_value());
    CHECK(has_issue(so.issues, "credit_code_check", "/assessment/enterprise/credit_code"));
    CHECK(has_issue(so.issues, "county_not_in_city", "/assessment/enterprise/county"));
}
