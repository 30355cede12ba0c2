// Intensities, carbon-efficiency level and grade (boundary vectors of benchmarks.md §6, tag X, built
// from the confirmed rule), and product energy against GB 限额 levels (§7.4).
#include "intensity.hpp"
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("carbon level cuts: L <= 0.6 low, <= 2.0 medium, above high", "[intensity]") {
    CHECK(std::string(carbon_level_name(carbon_level_for(0.0, ref()))) == "low");
    CHECK(std::string(carbon_level_name(carbon_level_for(0.6, ref()))) == "low");
    CHECK(std::string(carbon_level_name(carbon_level_for(0.61, ref()))) == "medium");
    CHECK(std::string(carbon_level_name(carbon_level_for(2.0, ref()))) == "medium");
    CHECK(std::string(carbon_level_name(carbon_level_for(2.01, ref()))) == "high");
}

TEST_CASE("carbon grade cuts 0.6/0.8/1.2/2.0 with inclusive upper bounds", "[intensity]") {
    // benchmarks.md §6 vectors: K = L_ent / L_ind with L_ind = 1.00
    CHECK(carbon_grade_for(0.60, ref()) == 1);
    CHECK(carbon_grade_for(0.61, ref()) == 2);
    CHECK(carbon_grade_for(0.80, ref()) == 2);
    CHECK(carbon_grade_for(0.81, ref()) == 3);
    CHECK(carbon_grade_for(1.20, ref()) == 3);
    CHECK(carbon_grade_for(1.21, ref()) == 4);
    CHECK(carbon_grade_for(2.00, ref()) == 4);
    CHECK(carbon_grade_for(2.01, ref()) == 5);
    // Binary floating point must not push an exact boundary over: 0.48 / 0.8 = 0.6 -> grade 1.
    CHECK(carbon_grade_for(0.48 / 0.8, ref()) == 1);
    CHECK(carbon_grade_for(0.96 / 1.2, ref()) == 2);  // = 0.8
}

TEST_CASE("K from an industry average given in options", "[intensity]") {
    // 1000 MWh x 0.5306 = 530.6 t over 400 万元 -> L = 1.3265; with L_ind = 1.50, K = 0.88433 -> grade 3
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}}, {{"value_added_10k_yuan", 400}});
    d["options"] = {{"industry_average_tco2_per_10k_yuan", 1.5}};
    Result r = assess_doc(d);
    CHECK_THAT(*r.carbon_efficiency.intensity, WithinRel(1.3265, 1e-12));
    CHECK(std::string(carbon_level_name(r.carbon_efficiency.level)) == "medium");
    CHECK_THAT(*r.carbon_efficiency.index, WithinRel(1.3265 / 1.5, 1e-12));
    CHECK(*r.carbon_efficiency.grade == 3);
    CHECK_FALSE(r.carbon_efficiency.missing);
}

TEST_CASE("case B with assumed VA and L_ind (benchmarks.md §6 last vector)", "[benchmark][published]") {
    // 1372.98 t over an assumed 1000 万元 -> L = 1.37298; L_ind 1.50 -> K = 0.91532 -> grade 3, 中碳
    double diesel_ef = 42.652 * 20.2 / 1000 * 0.98 * 44.0 / 12.0;
    json d = doc({{{"carrier", "electricity"}, {"quantity", 2129.4}, {"unit", "MWh"}},
                  {{"carrier", "diesel"}, {"quantity", 10.16 / diesel_ef}, {"unit", "t"}}},
                 {{"value_added_10k_yuan", 1000}});
    d["options"] = {{"grid_emission_factor_tco2_per_mwh", 0.64}, {"industry_average_tco2_per_10k_yuan", 1.5}};
    Result r = assess_doc(d);
    CHECK_THAT(*r.carbon_efficiency.intensity, WithinAbs(1.37298, 1e-5));
    CHECK_THAT(*r.carbon_efficiency.index, WithinAbs(0.9153, 1e-4));
    CHECK(*r.carbon_efficiency.grade == 3);
    CHECK(std::string(carbon_level_name(r.carbon_efficiency.level)) == "medium");
}

TEST_CASE("without an industry average the grade is null with a reason, the level is still given", "[intensity]") {
    Result r = assess_doc(doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}}, {{"value_added_10k_yuan", 1000}}));
    CHECK_FALSE(r.carbon_efficiency.grade);
    CHECK_FALSE(r.carbon_efficiency.index);
    REQUIRE(r.carbon_efficiency.missing);
    CHECK(r.carbon_efficiency.missing->code == "needs_industry_average");
    CHECK(std::string(carbon_level_name(r.carbon_efficiency.level)) == "low");  // 530.6 / 1000 = 0.5306 <= 0.6
}

TEST_CASE("without value added, intensities are null with a reason", "[intensity]") {
    Result r = assess_doc(doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}}, {{"output_value_10k_yuan", 2000}}));
    CHECK_FALSE(r.intensity.tce_per_10k_yuan_value_added.value);
    CHECK(r.intensity.tce_per_10k_yuan_value_added.missing->code == "needs_value_added");
    CHECK(r.carbon_efficiency.level == CarbonLevel::unknown);
    // per output value: 122.9 tce / 2000 = 0.06145; 530.6 / 2000 = 0.2653
    CHECK_THAT(*r.intensity.tce_per_10k_yuan_output.value, WithinRel(0.06145, 1e-12));
    CHECK_THAT(*r.intensity.tco2_per_10k_yuan_output.value, WithinRel(0.2653, 1e-12));
}

namespace {
ProductResult product_at(const char* limit_id, double kgce_per_t) {
    // One product of 1000 t carrying kgce_per_t x 1000 t / 1000 = kgce_per_t tce of energy.
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}});
    d["products"] = json::array({json({{"name", "产品"}, {"limit_id", limit_id}, {"output", 1000}, {"unit", "t"}, {"energy_tce", kgce_per_t}})});
    return assess_doc(d).products.at(0);
}
} // namespace

TEST_CASE("GB 限额 classification vectors (benchmarks.md §7.4)", "[benchmark][products]") {
    // Viscose staple L1/L2/L3 = 800/900/950 kgce/t (GB 36889-2025)
    CHECK(product_at("fibre_viscose_staple", 900).status == "level2");
    CHECK(product_at("fibre_viscose_staple", 951).status == "above_level3");
    CHECK(product_at("fibre_viscose_staple", 800).status == "level1");
    CHECK(product_at("fibre_viscose_staple", 950).status == "level3");
    // Cement clinker 117 kgce/t meets L3 (限定值); liquid caustic soda >= 30 % at 309 is L2 (308/315/350)
    CHECK(product_at("cement_clinker_comprehensive", 117).status == "level3");
    CHECK(product_at("caustic_soda_liquid_30", 309).status == "level2");
}

TEST_CASE("limits not in kgce per product unit are not compared with site energy", "[benchmark][products]") {
    // GB 16780 cement grinding electricity is in kWh/t: site tce per tonne is a different quantity.
    ProductResult p = product_at("cement_preparation_electricity", 30);
    CHECK(p.status == "unknown");
    REQUIRE(p.missing);
    CHECK(p.missing->code == "limit_unit_unsupported");
    // A product counted in another unit than the standard's cannot be classified either.
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}});
    d["products"] = json::array({json({{"name", "粘胶"}, {"limit_id", "fibre_viscose_staple"}, {"output", 1000}, {"unit", "m2"}, {"energy_tce", 900}})});
    ProductResult q = assess_doc(d).products.at(0);
    CHECK(q.status == "unknown");
    CHECK(q.missing->code == "product_unit_mismatch");
}

TEST_CASE("a limit not yet in force in the reporting year is flagged", "[benchmark][products]") {
    // GB 36889-2025 takes effect 2026-06-01; a 2024 report is compared but flagged.
    CHECK(product_at("fibre_viscose_staple", 900).not_in_force_for_year);
}

TEST_CASE("a single product takes the whole site's energy; several need their own share", "[benchmark][products]") {
    json d = doc({{{"carrier", "electricity"}, {"quantity", 1000}, {"unit", "MWh"}}});
    d["products"] = json::array({json({{"name", "A"}, {"output", 100}, {"unit", "t"}})});
    ProductResult p = assess_doc(d).products.at(0);
    CHECK(p.energy_allocated_from_site);
    CHECK_THAT(*p.kgce_per_unit, WithinRel(1229.0, 1e-12));  // 122.9 tce x 1000 / 100 t
    d["products"].push_back({{"name", "B"}, {"output", 100}, {"unit", "t"}});
    Result r = assess_doc(d);
    CHECK(r.products[0].missing->code == "needs_product_energy");
    CHECK_FALSE(r.products[1].kgce_per_unit);
}
