// Places and industries by id, GB/T 2260 code, Chinese name (with/without 市/区/县), English name;
// GB/T 4754-2017 codes at any level; near-misses and ambiguity as located errors with suggestions.
#include "texts.hpp"
#include "names.hpp"
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

namespace {
std::string city_of(const std::string& text) {
    auto r = resolve_region(ref(), text, "city");
    return r.status == NameStatus::resolved ? r.id : "";
}
std::string county_of(const std::string& text, const std::string& city = "") {
    auto r = resolve_region(ref(), text, "county", city);
    return r.status == NameStatus::resolved ? r.id : "";
}
std::string industry_of(const std::string& text) {
    auto r = resolve_industry(ref(), text);
    return r.status == NameStatus::resolved ? r.id : "";
}
const Issue* find_issue(const Issues& is, const std::string& code) {
    for (const auto& i : is.items)
        if (i.code == code) return &i;
    return nullptr;
}
} // namespace

TEST_CASE("a city by id, GB/T 2260 code, Chinese name with or without 市, English name", "[names]") {
    CHECK(city_of("shaoxing") == "shaoxing");
    CHECK(city_of("330600") == "shaoxing");  // GB/T 2260: 33 Zhejiang, 06 Shaoxing, 00 the city itself
    CHECK(city_of("绍兴市") == "shaoxing");
    CHECK(city_of("绍兴") == "shaoxing");
    CHECK(city_of("浙江省绍兴市") == "shaoxing");
    CHECK(city_of(" Shaoxing ") == "shaoxing");
    CHECK(city_of("shaoxing city") == "shaoxing");
    CHECK(city_of("330603").empty());  // a county code is not a city
}

TEST_CASE("a county by code, name with or without 区/县/市, English name", "[names]") {
    CHECK(county_of("330603") == "shaoxing_keqiao");
    CHECK(county_of("柯桥区") == "shaoxing_keqiao");
    CHECK(county_of("柯桥") == "shaoxing_keqiao");
    CHECK(county_of("Keqiao District") == "shaoxing_keqiao");
    CHECK(county_of("keqiao") == "shaoxing_keqiao");
    CHECK(county_of("诸暨市") == "shaoxing_zhuji");
    CHECK(county_of("Jingning She Autonomous County") == "lishui_jingning");
    CHECK(county_of("景宁畲族自治县") == "lishui_jingning");
}

TEST_CASE("an industry by code at any level and by Chinese name", "[names]") {
    CHECK(industry_of("C17") == "C17");
    CHECK(industry_of("17") == "C17");     // division 17 lies in section C (GB/T 4754-2017)
    CHECK(industry_of("c17") == "C17");
    CHECK(industry_of("171") == "C171");   // group 171
    CHECK(industry_of("1713") == "C1713"); // class, used as its division by the parser
    CHECK(industry_of("C") == "C");
    CHECK(industry_of("纺织业") == "C17");
    CHECK(industry_of("棉纺织及印染精加工") == "C171");
    CHECK(industry_of("99").empty());
}

TEST_CASE("the document keeps what the user wrote and the resolved id", "[names][io]") {
    json d = doc(json::array(), {{"city", "绍兴市"}, {"county", "330603"}, {"industry", "纺织业"}});
    Input in = parse_ok(d);
    CHECK(in.enterprise.city == "shaoxing");
    CHECK(in.enterprise.county == "shaoxing_keqiao");
    CHECK(in.enterprise.industry == "C17");
    json out = input_to_json(in);
    CHECK(out["enterprise"]["city"] == "shaoxing");
    CHECK(out["enterprise"]["city_entered"] == "绍兴市");
    CHECK(out["enterprise"]["county_entered"] == "330603");
    CHECK(out["enterprise"]["industry_entered"] == "纺织业");
    // round trip: the saved document parses to the same ids and keeps the entered text
    Input again = parse_ok(out);
    CHECK(again.enterprise.county == "shaoxing_keqiao");
    CHECK(again.enterprise.county_entered == "330603");
    // an id stays an id, with no _entered field
    json plain = input_to_json(parse_ok(doc(json::array(), {{"city", "shaoxing"}})));
    CHECK_FALSE(plain["enterprise"].contains("city_entered"));
}

TEST_CASE("near-misses and ambiguity are located errors with suggestions in both languages", "[names][io]") {
    // 柯乔区 is one character off 柯桥区 (edit distance 1 after dropping 区)
    Issues is = parse_issues(doc(json::array(), {{"city", "shaoxing"}, {"county", "柯乔区"}}).dump());
    const Issue* i = find_issue(is, "unknown_county");
    REQUIRE(i);
    CHECK(i->path == "/enterprise/county");
    CHECK(i->message_zh.find("是否指：柯桥区？") != std::string::npos);
    CHECK(i->message_en.find("Did you mean: Keqiao District?") != std::string::npos);
    // "Keqiao Distrct": English near-miss
    is = parse_issues(doc(json::array(), {{"county", "Keqaio"}}).dump());
    i = find_issue(is, "unknown_county");
    REQUIRE(i);
    CHECK(i->message_en.find("Keqiao District") != std::string::npos);
    // a code one digit off (330630 vs 330603 is 2 off; 330613 is 1 off 330603)
    is = parse_issues(doc(json::array(), {{"county", "330613"}}).dump());
    i = find_issue(is, "unknown_county");
    REQUIRE(i);
    CHECK(i->message_zh.find("柯桥区") != std::string::npos);
    // "龙" starts 龙湾区, 龙港市, 龙游县 and 龙泉市: ambiguous, all listed
    is = parse_issues(doc(json::array(), {{"county", "龙"}}).dump());
    i = find_issue(is, "ambiguous_county");
    REQUIRE(i);
    CHECK(i->message_zh.find("龙湾区") != std::string::npos);
    CHECK(i->message_zh.find("龙泉市") != std::string::npos);
    // a county of another city
    is = parse_issues(doc(json::array(), {{"city", "绍兴"}, {"county", "西湖区"}}).dump());
    CHECK(has_issue(is, "county_not_in_city", "/enterprise/county"));
    // an industry name near-miss: 纺织 -> prefix of 纺织业 and 纺织服装、服饰业 (ambiguous)
    is = parse_issues(doc(json::array(), {{"industry", "纺织"}}).dump());
    i = find_issue(is, "ambiguous_industry");
    REQUIRE(i);
    CHECK(i->message_zh.find("纺织业（C17）") != std::string::npos);
}

TEST_CASE("every names text has both languages", "[names]") {
    for (const char* k : {"names.unknown_city", "names.unknown_city_suggest", "names.ambiguous_city_suggest",
                          "names.unknown_county_suggest", "names.ambiguous_county_suggest", "names.county_not_in_city",
                          "names.unknown_industry", "names.unknown_industry_suggest", "names.industry_refined"}) {
        INFO(k);
        CHECK(texts::has(k));
        CHECK_FALSE(texts::get(k).zh.empty());
        CHECK_FALSE(texts::get(k).en.empty());
    }
}

TEST_CASE("names are matched through an index of the data they were built from, never a stale one", "[names][refdata]") {
    const RefData& builtin = ref();
    REQUIRE(builtin.names);
    CHECK(builtin.names->describes(builtin));
    // A copy indexes its own records (RefData's copy constructor reindexes).
    RefData copy = builtin;
    REQUIRE(copy.names);
    CHECK(copy.names != builtin.names);
    CHECK(copy.names->describes(copy));
    CHECK(resolve_region(copy, "Hangzhou", "city").id == "hangzhou");
    // Renaming Hangzhou's English name in the copy's regions without reindex(): the index no longer
    // describes the records, so a lookup builds one for the call and sees the new name.
    Dataset& regions = copy.datasets.at("regions");
    Dataset renamed = regions;
    for (auto& r : renamed.records)
        if (r.id == "hangzhou") r.raw["name_en"] = "Lin'an Capital";
    regions = std::move(renamed);
    CHECK_FALSE(copy.names->describes(copy));
    CHECK(resolve_region(copy, "Lin'an Capital", "city").id == "hangzhou");  // "linancapital" after norm_en
    copy.reindex();
    CHECK(copy.names->describes(copy));
    CHECK(resolve_region(copy, "Lin'an Capital", "city").id == "hangzhou");
}
