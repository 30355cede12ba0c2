// Every reference data file loads cleanly: ids unique, sources and confidence tags present,
// values plausible; fuel parameters reproduce the published per-unit emission factors.
#include "test_util.hpp"

#include "validate.hpp"

#include <set>

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("built-in reference data loads without any issue", "[refdata]") {
    const RefData& r = ref();
    for (const auto& i : r.load_issues.items) UNSCOPED_INFO(i.path << ": " << i.message_en);
    CHECK(r.load_issues.items.empty());
    for (const char* name : {"constants", "energy_carriers", "grid_factors", "carbon_efficiency", "energy_tiers",
                             "industries", "regions", "product_limits", "industry_averages"})
        CHECK(r.dataset(name) != nullptr);
}

TEST_CASE("every record has a known confidence tag and a version", "[refdata]") {
    const std::set<std::string> tags = {"C", "S", "M", "X", "estimate", "user", "gap"};
    for (const auto& [name, d] : ref().datasets) {
        INFO(name);
        CHECK_FALSE(d.version.empty());
        for (const auto& rec : d.records) {
            INFO(rec.id);
            CHECK(tags.count(rec.confidence) == 1);
            CHECK_FALSE(rec.source.empty());
            if (rec.value) CHECK_FALSE(rec.unit.empty());
        }
    }
}

TEST_CASE("loader rejects defective data files", "[refdata]") {
    RefData bad = RefData::load({{"x.json", R"({"dataset":"x","version":"1","records":[{"id":"a","value":1}]})"},
                                 {"y.json", "not json"},
                                 {"z.json", R"({"dataset":"z","version":"1","records":[{"id":"a","value":1,"unit":"t","source":"s","confidence":"C"},{"id":"a","value":2,"unit":"t","source":"s","confidence":"C"}]})"}});
    // x: no unit, no source, no confidence; y: not JSON; z: duplicate id.
    CHECK(has_issue(bad.load_issues, "data_value"));
    CHECK(has_issue(bad.load_issues, "data_source"));
    CHECK(has_issue(bad.load_issues, "data_confidence"));
    CHECK(has_issue(bad.load_issues, "data_not_json"));
    CHECK(has_issue(bad.load_issues, "data_duplicate_id"));
}

TEST_CASE("carrier coefficients match GB/T 2589 and lie in plausible ranges", "[refdata]") {
    const auto& c = ref().carriers;
    REQUIRE(c.count("electricity"));
    // GB/T 2589 Annex A: electricity (当量值) 3600 kJ/kWh / 29307.6 kJ/kgce = 0.1228 -> published 0.1229.
    CHECK_THAT(c.at("electricity").kgce_per_base, WithinAbs(0.1229, 1e-12));
    // Raw coal 20908 kJ/kg / 29307.6 = 0.71339 -> published 0.7143 (5000 kcal / 7000 kcal = 0.7143).
    CHECK_THAT(c.at("raw_coal").kgce_per_base, WithinAbs(0.7143, 1e-12));
    for (const auto& [id, car] : c) {
        INFO(id);
        CHECK(car.kgce_per_base > 0);
        CHECK(car.kgce_per_base < 50);
        // Coefficient and calorific value agree within 1% (both from the same Annex A row).
        if (car.ncv_kj_per_base && car.group != "electricity" && car.group != "heat")
            CHECK_THAT(*car.ncv_kj_per_base / 29307.6, WithinRel(car.kgce_per_base, 0.01));
    }
}

TEST_CASE("fuel parameters reproduce the published emission factor per unit", "[refdata]") {
    // book118 reference table, tCO2 per tonne (EF = NCV[GJ/t] x CC[tC/TJ] / 1000 x OF x 44/12):
    // raw coal 20.908 x 26.37e-3 x 0.94 x 44/12 = 1.9003; coke 28.435 x 29.5e-3 x 0.93 x 44/12 = 2.8604;
    // diesel 42.652 x 20.2e-3 x 0.98 x 44/12 = 3.0959; LPG 50.179 x 17.2e-3 x 0.98 x 44/12 = 3.1013;
    // fuel oil 41.816 x 21.1e-3 x 0.98 x 44/12 = 3.1705; gasoline 43.070 x 18.9e-3 x 0.98 x 44/12 = 2.9251.
    const std::pair<const char*, double> published[] = {{"raw_coal", 1.9003}, {"coke", 2.8604}, {"diesel", 3.0959},
                                                        {"lpg", 3.1013},      {"fuel_oil", 3.1705}, {"gasoline", 2.9251}};
    for (const auto& [id, ef] : published) {
        INFO(id);
        const Carrier& c = ref().carriers.at(id);
        double per_t = 1000 * *c.ncv_kj_per_base * 1e-9 * *c.carbon_tc_per_tj * *c.oxidation * 44.0 / 12.0;
        CHECK_THAT(per_t, WithinAbs(ef, 0.0006));
    }
}

TEST_CASE("grid factors are official MEE/NBS values with the right years", "[refdata]") {
    // domain.md §3.3: national 2021 0.5568, 2022 0.5366, 2023 0.5306 (C).
    CHECK_THAT(*ref().record("grid_factors", "2021/national")->value, WithinAbs(0.5568, 1e-12));
    CHECK_THAT(*ref().record("grid_factors", "2022/national")->value, WithinAbs(0.5366, 1e-12));
    CHECK_THAT(*ref().record("grid_factors", "2023/national")->value, WithinAbs(0.5306, 1e-12));
    for (const auto& r : ref().dataset("grid_factors")->records) {
        INFO(r.id);
        CHECK(r.year.has_value());
        // A published factor whose value was not retrieved is a 'gap' record without a value.
        if (r.confidence == "gap") {
            CHECK_FALSE(r.value.has_value());
            continue;
        }
        CHECK(r.value.has_value());
        CHECK(*r.value > 0.05);
        CHECK(*r.value < 1.5);
        CHECK(r.year.has_value());
    }
}

TEST_CASE("regions and industries are consistent lists", "[refdata]") {
    int cities = 0, counties = 0;
    for (const auto& r : ref().dataset("regions")->records) {
        std::string kind = r.raw.value("kind", "");
        if (kind == "city") ++cities;
        if (kind == "county") {
            ++counties;
            INFO(r.id);
            CHECK(is_known_region(ref(), r.raw.value("city", ""), "city"));
        }
    }
    CHECK(cities == 11);  // Zhejiang has 11 prefecture-level cities
    CHECK(counties == 90);
    CHECK(ref().record("industries", "C17") != nullptr);
    CHECK(ref().record("industries", "C39") != nullptr);
}
