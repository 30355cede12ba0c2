// Validation: every problem is an issue with a path and zh/en text; hostile input never crashes.
#include "test_util.hpp"
#include "validate.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("GB 32100 check character", "[io][credit]") {
    // "91350100M000100Y4": charset indices 9,1,3,5,0,1,0,0,21,0,0,0,1,0,0,30,4 (M=21, Y=30) times
    // weights 3^i mod 31 = 1,3,9,27,19,26,16,17,20,29,25,13,8,24,10,30,28 sum to 1640;
    // 1640 mod 31 = 28; check = 31 - 28 = 3 -> '3'.
    CHECK(credit_code_check_char("91350100M000100Y4") == '3');
    CHECK(check_credit_code("91350100M000100Y43") == CreditCodeStatus::ok);
    CHECK(check_credit_code("91350100M000100Y44") == CreditCodeStatus::bad_check);
    CHECK(check_credit_code("91350100M000100Y4") == CreditCodeStatus::wrong_length);
    CHECK(check_credit_code("91350100M000100I43") == CreditCodeStatus::bad_character);  // I is not allowed
}

TEST_CASE("a wrong credit code is a warning with the right path and both languages; the result is computed", "[io]") {
    const json d = doc(json::array({{{"carrier", "electricity"}, {"quantity", 1000000}, {"unit", "kWh"}}}),
                       {{"credit_code", "91350100M000100Y44"}});
    Issues is = parse_issues(d.dump());
    REQUIRE(has_issue(is, "credit_code_check", "/enterprise/credit_code"));
    CHECK_FALSE(is.has_errors());  // an identity field blocks only the upload
    for (const auto& i : is.items)
        if (i.code == "credit_code_check") {
            CHECK(i.severity == Severity::warning);
            CHECK(i.message_zh.find("3") != std::string::npos);  // tells the expected character
            CHECK_FALSE(i.message_en.empty());
        }
    // 1,000,000 kWh × 0.1229 kgce/kWh (GB/T 2589-2020 当量值) = 122.9 tce, computed despite the warning
    CHECK_THAT(assess_doc(d).energy.total_tce, WithinRel(122.9, 1e-9));
    for (const char* bad : {"91350100M000100Y4", "91350100M000100I43"}) {
        Issues j = parse_issues(doc(json::array(), {{"credit_code", bad}}).dump());
        CHECK_FALSE(j.has_errors());
        CHECK(j.items.size() >= 1);
    }
}

TEST_CASE("wrong types, negative and absurd quantities, bad units", "[io]") {
    json d = doc({{{"carrier", "electricity"}, {"quantity", "lots"}, {"unit", "kWh"}},
                  {{"carrier", "raw_coal"}, {"quantity", -5}, {"unit", "t"}},
                  {{"carrier", "natural_gas"}, {"quantity", 1e15}, {"unit", "m3"}},
                  {{"carrier", "electricity"}, {"quantity", 10}, {"unit", "t"}},
                  {{"carrier", "diesel"}, {"quantity", 10}, {"unit", "L"}},
                  {{"carrier", "unobtainium"}, {"quantity", 1}, {"unit", "t"}},
                  {{"carrier", "diesel"}, {"quantity", 1}, {"unit", "barrels"}}});
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "wrong_type", "/energy/0/quantity"));
    CHECK(has_issue(is, "negative", "/energy/1/quantity"));
    CHECK(has_issue(is, "too_large", "/energy/2/quantity"));
    CHECK(has_issue(is, "unit_mismatch", "/energy/3/unit"));
    CHECK(has_issue(is, "unit_mismatch", "/energy/4/unit"));  // litres: no sourced density
    CHECK(has_issue(is, "unknown_carrier", "/energy/5/carrier"));
    CHECK(has_issue(is, "unknown_unit", "/energy/6/unit"));
    for (const auto& i : is.items) {
        CHECK_FALSE(i.message_zh.empty());
        CHECK_FALSE(i.message_en.empty());
    }
}

TEST_CASE("unknown codes and text limits", "[io]") {
    json d = doc({}, {{"city", "atlantis"}, {"industry", "Z99"}, {"name", std::string(300, 'x')}});
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "unknown_city", "/enterprise/city"));
    CHECK(has_issue(is, "unknown_industry", "/enterprise/industry"));
    CHECK(has_issue(is, "string_too_long", "/enterprise/name"));
    // A county of another city
    json d2 = doc({}, {{"city", "ningbo"}, {"county", "hangzhou_xiaoshan"}});
    CHECK(has_issue(parse_issues(d2.dump()), "county_not_in_city", "/enterprise/county"));
}

TEST_CASE("monthly values that do not add up to the year are an error", "[io]") {
    json row = {{"carrier", "electricity"}, {"unit", "kWh"}, {"quantity", 1000},
                {"monthly", {100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100, 100}}};
    CHECK(has_issue(parse_issues(doc({row}).dump()), "monthly_sum_mismatch", "/energy/0/quantity"));
    row["monthly"] = {1, 2, 3};
    CHECK(has_issue(parse_issues(doc({row}).dump()), "monthly_shape"));
}

TEST_CASE("monthly entry starts empty: months not entered yet are no error; the annual figure counts", "[io]") {
    json months = json::array();
    for (int i = 0; i < 12; ++i) months.push_back(i < 5 ? json(100) : json(nullptr));  // 5 bills entered
    json row = {{"carrier", "electricity"}, {"unit", "kWh"}, {"quantity", 1000000}, {"monthly", months}};
    Issues is = parse_issues(doc({row}).dump());
    CHECK_FALSE(is.has_errors());
    // 1,000,000 kWh × 0.1229 kgce/kWh ÷ 1000 = 122.9 tce: the annual figure, not the 500 kWh entered so far
    CHECK_THAT(assess_doc(doc({row})).energy.total_tce, WithinRel(122.9, 1e-9));
    row.erase("quantity");
    CHECK(has_issue(parse_issues(doc({row}).dump()), "missing_quantity", "/energy/0/quantity"));
    // all 12 entered and no annual figure: the year is their sum, 12 × 100 kWh × 0.1229 / 1000 = 0.14748 tce
    for (auto& m : row["monthly"]) m = 100;
    CHECK_THAT(assess_doc(doc({row})).energy.total_tce, WithinRel(0.14748, 1e-9));
}

TEST_CASE("unknown keys are warnings, kept on save", "[io]") {
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1}, {"unit", "kWh"}, {"meter_no", "A-17"}}});
    d["future_section"] = {{"x", 1}};
    d["enterprise"]["wechat"] = "abc";
    ParseOutcome p = parse_document(d.dump(), ref());
    REQUIRE(p.input);
    CHECK(has_issue(p.issues, "unknown_key", "/future_section"));
    CHECK(has_issue(p.issues, "unknown_key", "/enterprise/wechat"));
    CHECK(has_issue(p.issues, "unknown_key", "/energy/0/meter_no"));
    json saved = input_to_json(*p.input);
    CHECK(saved["future_section"]["x"] == 1);
    CHECK(saved["enterprise"]["wechat"] == "abc");
    CHECK(saved["energy"][0]["meter_no"] == "A-17");
}

TEST_CASE("a saved document parses back to the same result", "[io]") {
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1234.5}, {"unit", "MWh"}},
                  {{"carrier", "raw_coal"}, {"quantity", 10}, {"unit", "t"}, {"ncv_kj_per_unit", 21000000}}},
                 {{"value_added_10k_yuan", 800}, {"industry", "C17"}, {"city", "shaoxing"}});
    d["options"] = {{"factor_year", 2022}, {"factor_region", "zhejiang"}};
    Input a = parse_ok(d);
    Input b = parse_ok(input_to_json(a));
    CHECK(result_to_json(assess(a, ref())) == result_to_json(assess(b, ref())));
}

TEST_CASE("schema and version: wrong, future and unsupported documents are refused", "[io]") {
    json d = doc();
    d["schema"] = "something/else";
    CHECK(has_issue(parse_issues(d.dump()), "wrong_schema", "/schema"));
    d = doc();
    d["version"] = 2;
    CHECK(has_issue(parse_issues(d.dump()), "future_version", "/version"));
    d["version"] = 0;
    CHECK(has_issue(parse_issues(d.dump()), "unsupported_version", "/version"));
    d["version"] = "1";
    CHECK(has_issue(parse_issues(d.dump()), "wrong_type", "/version"));
}

TEST_CASE("hostile input: empty, binary, deep, huge, wrong root", "[io][robustness]") {
    CHECK(has_issue(parse_issues(""), "not_json"));
    CHECK(has_issue(parse_issues(std::string("\x00\xff\xfe{", 4)), "not_json"));
    CHECK(has_issue(parse_issues(std::string(100000, '[') + std::string(100000, ']')), "too_deep"));
    CHECK(has_issue(parse_issues(std::string(k_max_document_bytes + 1, ' ')), "document_too_large"));
    CHECK(has_issue(parse_issues("[1,2,3]"), "not_object"));
    CHECK(has_issue(parse_issues("\"text\""), "not_object"));
    json d = doc();
    d["enterprise"]["name"] = "\xff\xfe bad utf8";
    CHECK(has_issue(parse_issues(d.dump(-1, ' ', false, json::error_handler_t::replace)), "bad_utf8") == false);
    std::string raw = R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":")" + std::string("\xff\xfe") + R"("},"energy":[]})";
    CHECK(has_issue(parse_issues(raw), "not_json"));  // nlohmann rejects invalid UTF-8 while parsing
    json big = doc();
    big["energy"] = json::array();
    for (int i = 0; i < 2500; ++i) big["energy"].push_back({{"carrier", "electricity"}, {"quantity", 1}, {"unit", "kWh"}});
    CHECK(has_issue(parse_issues(big.dump()), "array_too_long", "/energy"));
}

TEST_CASE("missing enterprise or energy is an error; empty energy is a warning", "[io]") {
    CHECK(has_issue(parse_issues(R"({"schema":"selfcheck/assessment","version":1})"), "missing_enterprise"));
    CHECK(has_issue(parse_issues(R"({"schema":"selfcheck/assessment","version":1})"), "missing_energy"));
    ParseOutcome p = parse_document(doc().dump(), ref());
    CHECK(p.input);
    CHECK(has_issue(p.issues, "no_energy"));
}

TEST_CASE("assess_text returns the CLI's error shape", "[io]") {
    AssessOutcome bad = assess_text("{", ref());
    CHECK_FALSE(bad.ok);
    REQUIRE(bad.output.contains("errors"));
    CHECK(bad.output["errors"][0].contains("path"));
    CHECK(bad.output["errors"][0].contains("message_zh"));
    CHECK(bad.output["errors"][0].contains("message_en"));
    AssessOutcome good = assess_text(doc({{{"carrier", "electricity"}, {"quantity", 1}, {"unit", "MWh"}}}).dump(), ref());
    CHECK(good.ok);
    CHECK(good.output["energy"]["total_tce"].is_number());
    for (const char* k : {"energy", "emissions", "intensity", "carbon_efficiency", "findings", "green_factory", "measures", "data_versions"})
        CHECK(good.output.contains(k));
}
