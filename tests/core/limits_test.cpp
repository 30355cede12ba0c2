// Limits a hostile file cannot pass (core/selfcheck.hpp, core/io/document.cpp, core/submission.hpp,
// core/refdata.cpp): document size, nesting depth, string length, array and object sizes, numeric
// ranges. Each limit is checked on both sides of its edge: at the limit the document is accepted,
// one past it the document is refused with an issue (code + path + zh/en text), never an abort.
// tests/core/io_test.cpp covers the basic hostile cases; fuzz findings are pinned at the end.
#include "submission.hpp"
#include "test_util.hpp"

#include <string>

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

// n nested arrays around a number: depth n.
std::string nested(int n) { return std::string(n, '[') + "0" + std::string(n, ']'); }

// A valid document with `extra` spliced in as the value of an unknown top-level key (kept, warned).
std::string with_extra(const std::string& extra) {
    std::string d = doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "kWh"}}}).dump();
    d.pop_back();  // drop the closing brace
    return d + R"(,"x_extra":)" + extra + "}";
}

void check_messages(const Issues& is) {
    for (const auto& i : is.items) {
        CHECK_FALSE(i.code.empty());
        CHECK_FALSE(i.message_zh.empty());
        CHECK_FALSE(i.message_en.empty());
    }
}

bool accepted(const std::string& text) {
    auto p = parse_document(text, ref());
    INFO(errors_to_json(p.issues).dump(1));
    return p.input.has_value();
}

std::string sample_text() { return embedded_sample_files().front().second; }

json sample_submission() {
    auto p = parse_document(sample_text(), ref());
    REQUIRE(p.input);
    return build_submission(*p.input, assess(*p.input, ref()), "123e4567-e89b-42d3-a456-426614174000",
                            "2025-03-01T08:00:00+08:00");
}

} // namespace

TEST_CASE("document size: at the limit parses, one byte more is refused", "[limits]") {
    std::string d = with_extra("1");
    std::string at_limit = d + std::string(k_max_document_bytes - d.size(), ' ');
    REQUIRE(at_limit.size() == k_max_document_bytes);
    CHECK(accepted(at_limit));
    Issues is = parse_issues(at_limit + " ");
    CHECK(has_issue(is, "document_too_large", ""));
    check_messages(is);
}

TEST_CASE("nesting depth: k_max_depth levels parse, one more is refused before parsing", "[limits]") {
    // The document itself is depth 1; the extra value adds the rest.
    CHECK(accepted(with_extra(nested(k_max_depth - 1))));
    Issues is = parse_issues(with_extra(nested(k_max_depth)));
    CHECK(has_issue(is, "too_deep", ""));
    check_messages(is);
    // Brackets inside strings are text, not nesting.
    CHECK(accepted(with_extra("\"" + std::string(500, '[') + "\"")));
    // Unbalanced closers (which drive the scan's count negative) are still refused, by the parser.
    CHECK(parse_issues(std::string(50, ']') + nested(k_max_depth + 1)).has_errors());
}

TEST_CASE("string length counts characters, not bytes", "[limits]") {
    std::string cjk_at_limit;
    for (std::size_t i = 0; i < k_max_string_chars; ++i) cjk_at_limit += "能";  // 3 bytes each
    CHECK(accepted(with_extra("\"" + cjk_at_limit + "\"")));
    Issues is = parse_issues(with_extra("\"" + cjk_at_limit + "能\""));
    CHECK(has_issue(is, "string_too_long", "/x_extra"));
    check_messages(is);
    // Object keys obey the same walk (a long key's value is still checked).
    Issues k = parse_issues(with_extra(R"({")" + std::string(10, 'k') + R"(":")" +
                                       std::string(k_max_string_chars + 1, 'v') + R"("})"));
    CHECK(has_issue(k, "string_too_long", "/x_extra/kkkkkkkkkk"));
}

TEST_CASE("array and object sizes: k_max_array_items pass, one more is refused", "[limits]") {
    json arr = json::array();
    for (std::size_t i = 0; i < k_max_array_items; ++i) arr.push_back(i);
    CHECK(accepted(with_extra(arr.dump())));
    arr.push_back(0);
    CHECK(has_issue(parse_issues(with_extra(arr.dump())), "array_too_long", "/x_extra"));
    json obj = json::object();
    for (std::size_t i = 0; i < k_max_array_items; ++i) obj["k" + std::to_string(i)] = 1;
    CHECK(accepted(with_extra(obj.dump())));
    obj["one_more"] = 1;
    Issues is = parse_issues(with_extra(obj.dump()));
    CHECK(has_issue(is, "object_too_large", "/x_extra"));
    check_messages(is);
}

TEST_CASE("numeric ranges: beyond double, beyond int64, fractional and absurd integers", "[limits]") {
    auto energy = [](const std::string& q) {
        return R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":"x","year":2024},)"
               R"("energy":[{"carrier":"electricity","quantity":)" + q + R"(,"unit":"kWh"}]})";
    };
    // 1e400 overflows a double: refused as not finite or too large, never turned into inf downstream.
    Issues inf = parse_issues(energy("1e400"));
    CHECK((has_issue(inf, "not_finite", "/energy/0/quantity") || has_issue(inf, "too_large", "/energy/0/quantity") ||
           has_issue(inf, "not_json")));
    CHECK(parse_issues(energy("-1e400")).has_errors());
    CHECK(has_issue(parse_issues(energy("18446744073709551616")), "too_large", "/energy/0/quantity"));
    CHECK(has_issue(parse_issues(energy("-9223372036854775808")), "negative", "/energy/0/quantity"));
    CHECK(accepted(energy("-0")));
    CHECK(accepted(energy("1e-320")));  // subnormal: a number, harmless

    auto enterprise = [](const std::string& field, const std::string& v) {
        return R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":"x","year":2024,")" + field +
               R"(":)" + v + R"(},"energy":[]})";
    };
    // Integers: values that do not fit an int are out of range (no undefined conversion).
    CHECK(has_issue(parse_issues(enterprise("employees", "1e300")), "out_of_range", "/enterprise/employees"));
    CHECK(has_issue(parse_issues(enterprise("employees", "18446744073709551615")), "out_of_range",
                    "/enterprise/employees"));
    CHECK(has_issue(parse_issues(enterprise("employees", "-9223372036854775808")), "out_of_range",
                    "/enterprise/employees"));
    CHECK(has_issue(parse_issues(enterprise("employees", "12.5")), "wrong_type", "/enterprise/employees"));
    CHECK(has_issue(parse_issues(enterprise("value_added_10k_yuan", "1e9")), "too_large",
                    "/enterprise/value_added_10k_yuan"));
    CHECK(has_issue(parse_issues(enterprise("land_area_m2", "1e300")), "too_large", "/enterprise/land_area_m2"));
    // year is checked twice over (type and range): 1e10 would not fit an int.
    std::string y = R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":"x","year":1e10},"energy":[]})";
    CHECK(has_issue(parse_issues(y), "out_of_range", "/enterprise/year"));

    // Equipment count: beyond int, fractional, zero.
    auto count = [](const std::string& c) {
        return R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":"x","year":2024},"energy":[],)"
               R"("equipment":[{"type":"motor","rated_kw":55,"count":)" + c + "}]}";
    };
    CHECK(has_issue(parse_issues(count("1e12")), "out_of_range", "/equipment/0/count"));
    CHECK(has_issue(parse_issues(count("9223372036854775807")), "out_of_range", "/equipment/0/count"));
    CHECK(has_issue(parse_issues(count("0")), "out_of_range", "/equipment/0/count"));
    CHECK(has_issue(parse_issues(count("2.5")), "wrong_type", "/equipment/0/count"));

    // Options carry tight plausible ranges.
    auto option = [](const std::string& k, const std::string& v) {
        return R"({"schema":"selfcheck/assessment","version":1,"enterprise":{"name":"x","year":2024},"energy":[],)"
               R"("options":{")" + k + R"(":)" + v + "}}";
    };
    CHECK(has_issue(parse_issues(option("discount_rate", "0.51")), "too_large", "/options/discount_rate"));
    CHECK(has_issue(parse_issues(option("grid_emission_factor_tco2_per_mwh", "-1")), "negative",
                    "/options/grid_emission_factor_tco2_per_mwh"));
    CHECK(has_issue(parse_issues(option("factor_year", "1e100")), "out_of_range", "/options/factor_year"));
}

TEST_CASE("submission limits: size, depth, short strings, data_versions", "[limits][submission]") {
    json s = sample_submission();
    REQUIRE(parse_submission(s.dump(), ref()).submission);

    std::string big = s.dump();
    big += std::string(k_max_submission_bytes + 1 - big.size(), ' ');
    CHECK(has_issue(parse_submission(big, ref()).issues, "submission_too_large", ""));

    json deep = s;
    deep["x_extra"] = json::parse(nested(k_max_depth + 2));
    CHECK(has_issue(parse_submission(deep.dump(), ref()).issues, "too_deep", ""));

    json longv = s;
    longv["app_version"] = std::string(k_max_submission_short_string + 1, '1');
    Issues lv = parse_submission(longv.dump(), ref()).issues;
    CHECK(lv.has_errors());
    check_messages(lv);

    json dv = s;
    for (std::size_t i = 0; i <= k_max_data_versions; ++i) dv["data_versions"]["d" + std::to_string(i)] = "1";
    CHECK(has_issue(parse_submission(dv.dump(), ref()).issues, "too_many_items", "/data_versions"));

    // The assessment inside is held to the document limits, at its own path.
    json inner = s;
    inner["assessment"]["enterprise"]["x_long"] = std::string(k_max_string_chars + 1, 'x');
    Issues in = parse_submission(inner.dump(), ref()).issues;
    CHECK(in.has_errors());
    check_messages(in);
}

TEST_CASE("reference data: hostile files are load issues, never a crash", "[limits][refdata]") {
    auto load_one = [](const std::string& text) { return RefData::load({{"hostile.json", text}}); };
    CHECK(load_one("").load_issues.has_errors());
    CHECK(load_one(std::string("\x00\xff", 2)).load_issues.has_errors());
    CHECK(load_one("[]").load_issues.has_errors());
    CHECK(load_one(R"({"dataset":"d","version":"1","records":{}})").load_issues.has_errors());
    CHECK(load_one(R"({"dataset":"d","version":"1","records":[1,"x",null]})").load_issues.has_errors());
    // Deep nesting inside a record (a receiver's industry_averages file is downloaded data).
    // A million levels overflowed the stack when the record was copied (fuzz_refdata finding).
    RefData deep = load_one(R"({"dataset":"d","version":"1","records":[{"id":"a","source":"s","confidence":"C","x":)" +
                            nested(1000000) + "}]}");
    REQUIRE(deep.load_issues.items.size() == 1);
    CHECK(deep.load_issues.items[0].code == "data_too_deep");
    CHECK(deep.datasets.empty());
    // Real data files are far shallower than the limit.
    for (const auto& [name, text] : embedded_data_files()) CHECK_FALSE(RefData::load({{name, text}}).load_issues.has_errors());
}

TEST_CASE("reference data: a steam dataset without the default pressure record (fuzz_refdata finding)", "[limits][refdata]") {
    // A receiver or hostile file may replace steam.json with one that lacks a record. The energy
    // module listed the record among the factors used by dereferencing it unchecked (UBSan: reference
    // binding to null). Now a missing record is simply not listed; the assessment still runs.
    std::vector<std::pair<std::string, std::string>> files = embedded_data_files();
    bool replaced = false;
    for (auto& [name, text] : files) {
        json j = json::parse(text);
        if (j.value("dataset", "") != "steam") continue;
        json kept = json::array();
        for (const auto& r : j["records"])
            if (r.value("id", "") != "default_gauge_pressure") kept.push_back(r);
        REQUIRE(kept.size() + 1 == j["records"].size());
        j["records"] = kept;
        text = j.dump();
        replaced = true;
    }
    REQUIRE(replaced);
    RefData data = RefData::load(files);
    REQUIRE_FALSE(data.load_issues.has_errors());
    // A metered steam row without its pressure: the default condition is used (cond->defaulted).
    auto parsed = parse_document(doc({{{"carrier", "steam"}, {"quantity", 1000}, {"unit", "t"}}}).dump(), data);
    REQUIRE(parsed.input);
    Result r = assess(*parsed.input, data);
    bool feedwater = false, default_pressure = false;
    for (const auto& f : r.factors_used) {
        feedwater = feedwater || f.id == "steam/feedwater_enthalpy";
        default_pressure = default_pressure || f.id == "steam/default_gauge_pressure";
    }
    CHECK(feedwater);
    CHECK_FALSE(default_pressure);
    CHECK(r.energy.total_tce > 0);
}
