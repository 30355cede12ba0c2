// Retrofit measures: applicability, savings, economics (payback, NPV, IRR, abatement cost) and the
// portfolio. Parameters come from assets/data/measures.json.
#pragma once
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck {

struct MeasureResult {
    std::string id;
    std::string name_zh, name_en;
    double tce_saved = 0;
    double tco2_avoided = 0;
    double investment_10k_yuan = 0;
    double annual_saving_10k_yuan = 0;
    std::optional<double> payback_years;
    double npv_10k_yuan = 0;
    std::optional<double> irr;
    std::optional<double> abatement_cost_yuan_per_tco2;
    int lifetime_years = 0;
    nlohmann::json detail = nlohmann::json::object();  // physical savings, ranges, new grade/tier, ...
};

struct Portfolio {
    std::vector<std::string> selected;  // ids in application order
    double tce_saved = 0;
    double tco2_avoided = 0;
    double investment_10k_yuan = 0;
    double annual_saving_10k_yuan = 0;
    nlohmann::json detail = nlohmann::json::object();
};

nlohmann::json measure_to_json(const MeasureResult& m);
nlohmann::json portfolio_to_json(const Portfolio& p);

} // namespace selfcheck
