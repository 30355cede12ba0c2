// Submissions (core/submission.cpp): building, strict validation, key-figure comparison and the
// industry averages a receiver publishes. Expected averages are worked by hand in the comments.
#include "submission.hpp"
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

const char* k_id = "7c9e6679-7425-40de-944b-e07fc1f90ae7";
const char* k_time = "2025-03-01T08:00:00+08:00";

json sample_doc() {
    return doc(json::array({{{"carrier", "electricity"}, {"quantity", 4000000}, {"unit", "kWh"}},
                            {{"carrier", "natural_gas"}, {"quantity", 30}, {"unit", "10k_m3"}}}),
               {{"industry", "C175"}, {"city", "shaoxing"}, {"value_added_10k_yuan", 3000}});
}

json honest() {
    Input in = parse_ok(sample_doc());
    return build_submission(in, assess(in, ref()), k_id, k_time);
}

SubmissionOutcome parse(const json& s) { return parse_submission(s.dump(), ref()); }

} // namespace

TEST_CASE("a built submission has the envelope and parses back without issues", "[submission]") {
    json s = honest();
    CHECK(s["schema"] == "selfcheck/submission");
    CHECK(s["version"] == 1);
    CHECK(s["submission_id"] == k_id);
    CHECK(s["created_at"] == k_time);
    CHECK(s["app_version"] == std::string(version()));
    CHECK(s["data_versions"] == json(ref().versions()));
    CHECK(s["assessment"]["schema"] == "selfcheck/assessment");
    CHECK(s["result"]["schema"] == "selfcheck/result");
    SubmissionOutcome p = parse(s);
    INFO(errors_to_json(p.issues).dump(1));
    REQUIRE(p.submission);
    CHECK_FALSE(p.issues.has_errors());
    CHECK(p.submission->submission_id == k_id);
    CHECK(p.submission->input.enterprise.industry == "C175");
    CHECK(compare_key_figures(p.submission->result, result_to_json(assess(p.submission->input, ref()))).empty());
}

TEST_CASE("UUID v4: lowercase, dashes, version 4, variant 8-b", "[submission]") {
    CHECK(is_uuid_v4("7c9e6679-7425-40de-944b-e07fc1f90ae7"));
    CHECK(is_uuid_v4("00000000-0000-4000-8000-000000000000"));
    CHECK_FALSE(is_uuid_v4("7C9E6679-7425-40DE-944B-E07FC1F90AE7"));  // uppercase: one spelling per id
    CHECK_FALSE(is_uuid_v4("7c9e6679-7425-10de-944b-e07fc1f90ae7"));  // version 1
    CHECK_FALSE(is_uuid_v4("7c9e6679-7425-40de-c44b-e07fc1f90ae7"));  // variant c
    CHECK_FALSE(is_uuid_v4("7c9e66797425-40de-944b-e07fc1f90ae7-"));
    CHECK_FALSE(is_uuid_v4("7c9e6679-7425-40de-944b-e07fc1f90ae"));
    CHECK_FALSE(is_uuid_v4(""));
}

TEST_CASE("timestamps: ISO 8601 with a zone", "[submission]") {
    CHECK(is_iso8601_timestamp("2025-03-01T08:00:00Z"));
    CHECK(is_iso8601_timestamp("2025-03-01T08:00:00.123Z"));
    CHECK(is_iso8601_timestamp("2025-03-01T08:00:00+08:00"));
    CHECK(is_iso8601_timestamp("2025-12-31T23:59:60-05:30"));
    CHECK_FALSE(is_iso8601_timestamp("2025-03-01T08:00:00"));  // no zone
    CHECK_FALSE(is_iso8601_timestamp("2025-03-01 08:00:00Z"));
    CHECK_FALSE(is_iso8601_timestamp("2025-13-01T08:00:00Z"));
    CHECK_FALSE(is_iso8601_timestamp("2025-03-01T24:00:00Z"));
    CHECK_FALSE(is_iso8601_timestamp("2025-03-01T08:00:00.Z"));
    CHECK_FALSE(is_iso8601_timestamp("2025-03-01T08:00:00+0800"));
}

TEST_CASE("validation reports each bad envelope field at its path", "[submission]") {
    struct Case {
        const char* key;
        json value;
        const char* path;
    };
    const Case cases[] = {
        {"schema", "selfcheck/assessment", "/schema"},
        {"version", 2, "/version"},
        {"version", "1", "/version"},
        {"submission_id", "abc", "/submission_id"},
        {"submission_id", 5, "/submission_id"},
        {"created_at", "yesterday", "/created_at"},
        {"app_version", std::string(65, 'x'), "/app_version"},
        {"app_version", "", "/app_version"},
        {"data_versions", json::array(), "/data_versions"},
        {"result", json::array(), "/result"},
        {"assessment", "x", "/assessment"},
    };
    for (const auto& c : cases) {
        json s = honest();
        s[c.key] = c.value;
        SubmissionOutcome p = parse(s);
        INFO(c.key << " = " << c.value.dump() << " -> " << errors_to_json(p.issues).dump());
        CHECK_FALSE(p.submission);
        bool found = false;
        for (const auto& i : p.issues.items)
            if (i.path == c.path && i.severity == Severity::error && !i.message_zh.empty() && !i.message_en.empty())
                found = true;
        CHECK(found);
    }
    json s = honest();
    s["data_versions"]["grid_factors"] = 3;
    CHECK(has_issue(parse(s).issues, "wrong_type", "/data_versions/grid_factors"));
    s = honest();
    s.erase("result");
    CHECK(has_issue(parse(s).issues, "missing_field", "/result"));
}

TEST_CASE("assessment issues come back under /assessment; unknown top-level keys are warnings", "[submission]") {
    json s = honest();
    s["assessment"]["energy"][0]["quantity"] = -1;
    SubmissionOutcome p = parse(s);
    CHECK_FALSE(p.submission);
    bool under = false;
    for (const auto& i : p.issues.items)
        if (i.path.rfind("/assessment/energy/0", 0) == 0) under = true;
    CHECK(under);

    s = honest();
    s["signature"] = "from a newer app";
    p = parse(s);
    REQUIRE(p.submission);
    CHECK(has_issue(p.issues, "unknown_field", "/signature"));
}

TEST_CASE("a wrong credit code blocks the upload: the receiver refuses it as an error", "[submission]") {
    json s = honest();
    s["assessment"]["enterprise"]["credit_code"] = "91350100M000100Y44";  // check character should be 3
    SubmissionOutcome p = parse(s);
    CHECK_FALSE(p.submission);
    bool err = false;
    for (const auto& i : p.issues.items)
        if (i.code == "credit_code_check" && i.path == "/assessment/enterprise/credit_code") err = i.severity == Severity::error;
    CHECK(err);
}

TEST_CASE("malformed, oversized and deeply nested bodies are refused before parsing further", "[submission]") {
    CHECK(has_issue(parse_submission("{\"schema\":", ref()).issues, "not_json"));
    CHECK(has_issue(parse_submission("", ref()).issues, "not_json"));
    CHECK(has_issue(parse_submission(std::string(100, '[') + std::string(100, ']'), ref()).issues, "too_deep"));
    CHECK(has_issue(parse_submission(std::string(k_max_submission_bytes + 1, ' '), ref()).issues, "submission_too_large"));
    CHECK(has_issue(parse_submission("[]", ref()).issues, "not_object"));
}

TEST_CASE("canonical JSON ignores formatting and key order", "[submission]") {
    json a = json::parse(R"({"b": 1, "a": [1, 2, {"d": "中", "c": null}]})");
    json b = json::parse("{\"a\":[1,2,{\"c\":null,\"d\":\"中\"}],\n \"b\":1}");
    CHECK(canonical_json(a) == canonical_json(b));
    CHECK(canonical_json(a) == R"({"a":[1,2,{"c":null,"d":"中"}],"b":1})");
}

TEST_CASE("key figures: equal within 1e-9 relative; anything else is a disagreement", "[submission]") {
    json r = honest()["result"];
    CHECK(compare_key_figures(r, r).empty());

    json near = r;
    near["emissions"]["total_tco2"] = r["emissions"]["total_tco2"].get<double>() * (1 + 1e-12);
    CHECK(compare_key_figures(near, r).empty());

    json off = r;
    off["emissions"]["total_tco2"] = r["emissions"]["total_tco2"].get<double>() * (1 + 1e-6);
    off["carbon_efficiency"]["level"] = "low";
    off["energy"].erase("total_tce");
    auto d = compare_key_figures(off, r);
    REQUIRE(d.size() == 3);
    CHECK(d[0].path == "energy.total_tce");
    CHECK(d[0].sent.is_null());
    CHECK(d[1].path == "emissions.total_tco2");
    CHECK(d[2].path == "carbon_efficiency.level");
    Issues is = disagreements_to_issues(d);
    CHECK(has_issue(is, "result_mismatch", "/result/emissions/total_tco2"));
    CHECK(has_issue(is, "result_mismatch", "/result/carbon_efficiency/level"));

    json grade = r;
    grade["carbon_efficiency"]["grade"] = 1;  // recomputed: null (no industry average)
    CHECK(compare_key_figures(grade, r).size() == 1);

    json text = r;
    text["energy"]["total_tce"] = std::to_string(r["energy"]["total_tce"].get<double>());
    CHECK(compare_key_figures(text, r).size() == 1);

    CHECK(key_figures(r)["energy.total_tce"] == r["energy"]["total_tce"]);
    CHECK(key_figures(r).size() == key_figure_paths().size());
}

TEST_CASE("industry divisions and enterprise keys", "[submission]") {
    CHECK(industry_division("C175") == "C17");
    CHECK(industry_division("C17") == "C17");
    CHECK(industry_division("c1751") == "C17");
    CHECK(industry_division("C") == "");
    CHECK(industry_division("C1x") == "");
    CHECK(industry_division("") == "");
    CHECK(enterprise_key(" 91330603ma2d0e1k0x ", "甲") == "credit:91330603MA2D0E1K0X");
    CHECK(enterprise_key("", " 甲 ") == "name:甲");
}

TEST_CASE("industry averages: Σ CO2 / Σ value added, five distinct enterprises, latest per enterprise",
          "[submission]") {
    std::vector<BenchmarkContribution> cs = {
        {"C175", 2024, "name:a", 100, 40, 100},
        {"C175", 2024, "name:a", 300, 120, 200},  // re-upload: replaces the one above
        {"C171", 2024, "name:b", 200, 80, 100},
        {"C17", 2024, "name:c", 400, 160, 400},
        {"C176", 2024, "credit:X", 50, 20, 100},
        {"C175", 2023, "name:e", 999, 1, 1},       // other year
        {"C26", 2024, "name:f", 999, 1, 1},        // other division
        {"C", 2024, "name:g", 999, 1, 1},          // no division: skipped
        {"C175", 2024, "name:h", 999, 1, 0},       // no value added: skipped
    };
    CHECK(industry_averages(cs).empty());  // C17/2024 has four enterprises: a, b, c, X

    cs.push_back({"C177", 2024, "name:e", 50, 10, 200});
    auto avg = industry_averages(cs);
    REQUIRE(avg.size() == 1);
    CHECK(avg[0].industry == "C17");
    CHECK(avg[0].year == 2024);
    CHECK(avg[0].enterprises == 5);
    // a 300 + b 200 + c 400 + X 50 + e 50 = 1000 tCO2 over 200+100+400+100+200 = 1000 万元 -> 1.0
    CHECK_THAT(avg[0].tco2_per_10k_yuan, WithinRel(1.0, 1e-12));
    // tce: 120 + 80 + 160 + 20 + 10 = 390 -> 0.39 tce/万元
    CHECK_THAT(avg[0].tce_per_10k_yuan, WithinRel(0.39, 1e-12));
    CHECK(industry_averages(cs, 6).empty());

    json j = industry_averages_to_json(avg, "Park X receiver", "receiver-2025-01-01");
    REQUIRE(j["records"].size() == 1);
    const json& rec = j["records"][0];
    CHECK(rec["id"] == "C17/2024");
    CHECK(rec["industry"] == "C17");
    CHECK(rec["unit"] == "tCO2/10k_yuan");
    CHECK(rec["source"].get<std::string>().find("Park X receiver") != std::string::npos);
    CHECK(j["dataset"] == "industry_averages");
    CHECK(j["min_enterprises"] == 5);
}

TEST_CASE("published averages load as reference data and set the carbon-efficiency grade", "[submission]") {
    std::vector<BenchmarkContribution> cs;
    for (int i = 0; i < 5; ++i) cs.push_back({"C17", 2024, "name:" + std::to_string(i), 100, 30, 100});
    json avg = industry_averages_to_json(industry_averages(cs), "Park X receiver", "receiver-2025-01-01");
    auto files = embedded_data_files();
    for (auto& [name, text] : files)
        if (name == "industry_averages.json") text = avg.dump();
    RefData data = RefData::load(files);
    INFO(errors_to_json(data.load_issues).dump(1));
    REQUIRE_FALSE(data.load_issues.has_errors());
    Input in = parse_ok(sample_doc());
    Result r = assess(in, data);
    REQUIRE(r.carbon_efficiency.industry_average);
    CHECK_THAT(*r.carbon_efficiency.industry_average, WithinRel(1.0, 1e-12));
    CHECK(r.carbon_efficiency.grade.has_value());
    REQUIRE(r.carbon_efficiency.industry_average_record);
    CHECK(r.carbon_efficiency.industry_average_record->source.find("Park X receiver") != std::string::npos);
}
