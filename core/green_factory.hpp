// Green-factory self-evaluation per GB/T 36132-2025: the answers the assessment data cannot give,
// and the scored result (basic requirements and MIIT veto items as a gate, five first-level
// indicators, Annex C example points, linear 引领值/基准值 scoring). Indicator system, points,
// hints and sources in assets/data/green_factory.json; units in the answer names (_m3, _t, _pct,
// _10k_yuan).
#pragma once
#include "issues.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck {

struct Input;
struct Result;
struct RefData;

// The `green_factory` object of the assessment document, validated by parse_green_factory() and
// kept as written (unknown keys included) so a save round-trips. Keys (all optional):
//   basic_compliance_3y, basic_green_management, basic_management_systems   yes/no (true = met)
//   veto_not_operating_normally, veto_accident_or_tax_evasion_3y, veto_previously_removed,
//   veto_serious_inspection_problem, veto_energy_inspection_unrectified,
//   veto_dishonest_debtor                                                     yes/no (true = applies)
//   platform_functions            array of function ids ("pf_energy_query", ...) or a count 0-12
//   material_intensity, pollutant_intensity, water_intensity   number >= 0 (unit as in the anchors)
//   water_withdrawal_m3 (V), water_reused_m3 (V_r), water_reuse_rate_pct
//   solid_waste_generated_t (Z), solid_waste_utilised_t (Z_r), solid_waste_stock_utilised_t (Z_w),
//   solid_waste_utilisation_pct
//   green_investment_3y_10k_yuan, output_value_3y_10k_yuan, green_investment_share_pct
//   process_equipment_advanced, green_design, product_carbon_footprint       yes/no
//   anchors  {indicator_id: {leading, baseline, unit?, source?}}  user-supplied 引领值/基准值
// yes/no answers are true/false or "yes"/"no"; "unknown" or null = not answered.
struct GreenFactoryAnswers {
    nlohmann::json fields = nlohmann::json::object();
};

struct GreenFactoryResult {
    double total_score = 0;                           // 0-100, points of the indicators that could be scored
    std::vector<std::string> mandatory_failed;        // basic requirements and vetoes not met or not answered
    nlohmann::json detail = nlohmann::json::object(); // dimensions, indicators, mandatory, readiness, gaps
};

void parse_green_factory(const nlohmann::json& j, const std::string& path, GreenFactoryAnswers& out,
                         Issues& issues);
nlohmann::json green_factory_answers_to_json(const GreenFactoryAnswers& a);
nlohmann::json green_factory_result_to_json(const GreenFactoryResult& r);

// GB/T 36132-2025 clause 5 rule: full points at or beyond the leading value, zero at or beyond the
// baseline, linear in between. `positive`: larger is better (正向); otherwise smaller is better.
double green_factory_linear_score(double points, double value, double leading, double baseline,
                                  bool positive);

// GB/T 36132-2025 Annex B.5 renewable share, counting own PV used on site, market-traded green
// power and separately bought GEC at the electricity equivalent value, without double counting:
// green power plus certificates can cover at most the purchased grid electricity.
struct RenewableShare {
    double pv_self_used_tce = 0;
    double green_power_tce = 0; // after the cap
    double gec_tce = 0;         // after the cap
    double renewable_tce = 0;
    double total_tce = 0;
    std::optional<double> share_pct; // absent when total energy is zero
    bool capped = false;             // green power + GEC exceeded purchased electricity
    double purchased_electricity_kwh = 0;
};
RenewableShare green_factory_renewable_share(const Input& input, const Result& partial, const RefData& ref);

} // namespace selfcheck
