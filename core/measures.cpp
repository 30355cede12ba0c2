// Retrofit measures and their economics. (Placeholder: the library arrives with the measures issue.)
#include "selfcheck.hpp"

namespace selfcheck {

nlohmann::json measure_to_json(const MeasureResult& m) {
    nlohmann::json j = {{"id", m.id},
                        {"name_zh", m.name_zh},
                        {"name_en", m.name_en},
                        {"tce_saved", m.tce_saved},
                        {"tco2_avoided", m.tco2_avoided},
                        {"investment_10k_yuan", m.investment_10k_yuan},
                        {"annual_saving_10k_yuan", m.annual_saving_10k_yuan},
                        {"npv_10k_yuan", m.npv_10k_yuan},
                        {"lifetime_years", m.lifetime_years},
                        {"detail", m.detail}};
    j["payback_years"] = m.payback_years ? nlohmann::json(*m.payback_years) : nlohmann::json(nullptr);
    j["irr"] = m.irr ? nlohmann::json(*m.irr) : nlohmann::json(nullptr);
    j["abatement_cost_yuan_per_tco2"] =
        m.abatement_cost_yuan_per_tco2 ? nlohmann::json(*m.abatement_cost_yuan_per_tco2) : nlohmann::json(nullptr);
    return j;
}

nlohmann::json portfolio_to_json(const Portfolio& p) {
    return {{"selected", p.selected},
            {"tce_saved", p.tce_saved},
            {"tco2_avoided", p.tco2_avoided},
            {"investment_10k_yuan", p.investment_10k_yuan},
            {"annual_saving_10k_yuan", p.annual_saving_10k_yuan},
            {"detail", p.detail}};
}

void evaluate_measures(const Input&, Result&, const RefData&) {}

} // namespace selfcheck
