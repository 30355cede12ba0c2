// assess(): the pure pipeline energy -> emissions -> benchmarks -> diagnosis -> measures -> green
// factory, and the JSON form of the result (paths fixed by DESIGN.md).
#include "benchmark.hpp"
#include "emissions.hpp"
#include "energy.hpp"
#include "selfcheck.hpp"

namespace selfcheck {

using nlohmann::json;

std::string_view version() { return "0.1.0"; }

Result assess(const Input& in, const RefData& ref) {
    Result r;
    auto rows = compute_energy(in, ref, r);
    compute_emissions(in, ref, rows, r);
    compute_benchmarks(in, ref, r);
    compute_products(in, ref, r);
    r.findings = diagnose(in, r, ref);
    evaluate_measures(in, r, ref);
    r.green_factory = evaluate_green_factory(in, r, ref);
    r.data_versions = ref.versions();
    return r;
}

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

json missing_json(const std::optional<Missing>& m) {
    if (!m) return nullptr;
    return {{"code", m->code}, {"message_zh", m->message_zh}, {"message_en", m->message_en}};
}

json optional_number(const OptionalNumber& n) { return opt(n.value); }

} // namespace

json result_to_json(const Result& r) {
    json j = json::object();
    j["schema"] = "selfcheck/result";
    j["version"] = k_schema_version;
    j["app_version"] = std::string(version());

    const EnergyResult& e = r.energy;
    json by = json::array();
    for (const auto& c : e.by_carrier) {
        by.push_back({{"carrier", c.carrier},       {"name_zh", c.name_zh},
                      {"name_en", c.name_en},       {"quantity", c.quantity},
                      {"unit", c.unit},             {"base_quantity", c.base_quantity},
                      {"base_unit", c.base_unit},   {"kgce_per_base_unit", c.kgce_per_base_unit},
                      {"measured_ncv", c.measured_ncv}, {"feedstock", c.feedstock},
                      {"tce", c.tce},               {"tce_equal", c.tce_equal},
                      {"tco2", c.tco2},             {"scope", c.scope}});
        if (!c.energy_basis.empty()) {  // steam / hot water by mass (core/steam.hpp)
            by.back()["co2_heat_gj"] = opt(c.co2_heat_gj);
            by.back()["enthalpy_kj_per_kg"] = opt(c.enthalpy_kj_per_kg);
            by.back()["energy_basis"] = c.energy_basis;
        }
    }
    j["energy"] = {{"total_tce", e.total_tce},
                   {"total_equal_tce", e.total_equal_tce},
                   {"feedstock_tce", e.feedstock_tce},
                   {"renewable_tce", e.renewable_tce},
                   {"total_excl_renewable_tce", e.total_tce - e.renewable_tce},
                   {"by_carrier", std::move(by)},
                   {"budget_tier", e.budget_tier},
                   {"budget_tier_clause", e.budget_tier_clause},
                   {"key_energy_unit", e.key_energy_unit},
                   {"key_unit_may_be_designated", e.key_unit_may_be_designated},
                   {"key_unit_clause", e.key_unit_clause},
                   {"mix", e.mix},
                   {"electrification_rate", opt(e.electrification_rate)}};

    const EmissionsResult& m = r.emissions;
    j["emissions"] = {{"scope1_tco2", m.scope1_tco2},
                      {"scope2_tco2", m.scope2_tco2},
                      {"total_tco2", m.total_tco2},
                      {"electricity_tco2", m.electricity_tco2},
                      {"heat_tco2", m.heat_tco2},
                      {"scope2_market_tco2", opt(m.scope2_market_tco2)},
                      {"total_market_tco2", opt(m.total_market_tco2)},
                      {"residual_factor_tco2_per_mwh", opt(m.residual_factor_tco2_per_mwh)},
                      {"avoided_by_own_pv_tco2", m.avoided_by_own_pv_tco2},
                      {"avoided_by_exported_pv_tco2", m.avoided_by_exported_pv_tco2},
                      {"grid_factor_tco2_per_mwh", m.grid_factor_tco2_per_mwh},
                      {"heat_factor_tco2_per_gj", m.heat_factor_tco2_per_gj},
                      {"by_source", m.by_source}};

    const IntensityResult& it = r.intensity;
    json missing_reasons = json::object();
    auto note = [&](const char* key, const OptionalNumber& n) {
        if (n.missing) missing_reasons[key] = missing_json(n.missing);
    };
    note("tce_per_10k_yuan_value_added", it.tce_per_10k_yuan_value_added);
    note("tco2_per_10k_yuan_value_added", it.tco2_per_10k_yuan_value_added);
    note("tce_per_10k_yuan_output", it.tce_per_10k_yuan_output);
    note("tco2_per_10k_yuan_output", it.tco2_per_10k_yuan_output);
    j["intensity"] = {{"tce_per_10k_yuan_value_added", optional_number(it.tce_per_10k_yuan_value_added)},
                      {"tco2_per_10k_yuan_value_added", optional_number(it.tco2_per_10k_yuan_value_added)},
                      {"tce_per_10k_yuan_output", optional_number(it.tce_per_10k_yuan_output)},
                      {"tco2_per_10k_yuan_output", optional_number(it.tco2_per_10k_yuan_output)},
                      {"missing", std::move(missing_reasons)}};

    const CarbonEfficiency& c = r.carbon_efficiency;
    j["carbon_efficiency"] = {{"intensity", opt(c.intensity)},
                              {"numerator_tco2", opt(c.numerator_tco2)},
                              {"level", c.level.empty() ? json(nullptr) : json(c.level)},
                              {"index", opt(c.index)},
                              {"grade", c.grade ? json(*c.grade) : json(nullptr)},
                              {"industry_average", opt(c.industry_average)},
                              {"industry_average_source", c.industry_average_source},
                              {"missing", missing_json(c.missing)},
                              {"clause", c.clause}};

    json products = json::array();
    for (const auto& p : r.products)
        products.push_back({{"name", p.name},
                            {"limit_id", p.limit_id},
                            {"standard", p.standard},
                            {"kgce_per_unit", opt(p.kgce_per_unit)},
                            {"unit", p.unit},
                            {"level1", opt(p.level1)},
                            {"level2", opt(p.level2)},
                            {"level3", opt(p.level3)},
                            {"limit_unit", p.limit_unit},
                            {"in_force", p.in_force},
                            {"not_in_force_for_year", p.not_in_force_for_year},
                            {"status", p.status},
                            {"energy_allocated_from_site", p.energy_allocated_from_site},
                          {"non_production_tce_excluded", p.non_production_tce_excluded},
                            {"missing", missing_json(p.missing)}});
    j["products"] = std::move(products);

    json findings = json::array();
    for (const auto& f : r.findings) findings.push_back(finding_to_json(f));
    j["findings"] = std::move(findings);
    json measures = json::array();
    for (const auto& mr : r.measures) measures.push_back(measure_to_json(mr));
    j["measures"] = std::move(measures);
    j["portfolio"] = portfolio_to_json(r.portfolio);
    j["green_factory"] = green_factory_result_to_json(r.green_factory);

    json factors = json::array();
    for (const auto& f : r.factors_used)
        factors.push_back({{"id", f.id},
                           {"name_zh", f.name_zh},
                           {"name_en", f.name_en},
                           {"value", f.value},
                           {"unit", f.unit},
                           {"source", f.source},
                           {"confidence", f.confidence},
                           {"year", f.year ? json(*f.year) : json(nullptr)},
                           {"user_given", f.user_given}});
    j["factors_used"] = std::move(factors);
    json warnings = json::array();
    for (const auto& w : r.warnings) warnings.push_back(issue_to_json(w));
    j["warnings"] = std::move(warnings);
    j["data_versions"] = r.data_versions;
    return j;
}

AssessOutcome assess_text(std::string_view text, const RefData& ref) {
    AssessOutcome out;
    try {
        ParseOutcome p = parse_document(text, ref);
        if (!p.input) {
            out.output = errors_to_json(p.issues);
            return out;
        }
        Result r = assess(*p.input, ref);
        // Input warnings travel with the result so every front end can show them.
        std::vector<Issue> input_warnings;
        for (const auto& i : p.issues.items)
            if (i.severity == Severity::warning) input_warnings.push_back(i);
        r.warnings.insert(r.warnings.begin(), input_warnings.begin(), input_warnings.end());
        out.output = result_to_json(r);
        out.ok = true;
    } catch (const std::exception& ex) {
        // One boundary: nothing thrown inside the core crosses the API.
        Issues is;
        is.error("", "internal_error", std::string("内部错误：") + ex.what(), std::string("internal error: ") + ex.what());
        out.output = errors_to_json(is);
        out.ok = false;
    }
    return out;
}

} // namespace selfcheck
