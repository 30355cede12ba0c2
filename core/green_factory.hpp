// Green-factory self-evaluation per GB/T 36132-2025: the answers the assessment data cannot give,
// and the scored result (basic requirements and MIIT veto items as a gate, five first-level
// indicators, Annex C example points, linear leading/baseline-value scoring). Indicator system, points,
// hints and sources in assets/data/green_factory.json; units in the answer names (_m3, _t, _pct,
// _10k_yuan).
#pragma once
#include "issues.hpp"
#include "refdata.hpp"  // DatasetStamp

#include <cstdint>
#include <iterator>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace selfcheck {

struct Input;
struct Result;
struct RefData;
struct Dataset;

// The `green_factory` object of the assessment document, validated by parse_green_factory()
// (core/io/green_factory_json.cpp) and kept as written (unknown keys included) so a save
// round-trips. Keys (all optional):
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
//   anchors  {indicator_id: {leading, baseline, unit?, source?}}  user-supplied leading/baseline values
// yes/no answers are true/false or "yes"/"no"; "unknown" or null = not answered.
// The numbers among the answers (units in the names), an enum so a misspelt one does not compile.
#define SELFCHECK_GF_NUMBER_ANSWERS(X)                                                                      \
    X(material_intensity) X(water_withdrawal_m3) X(water_reused_m3) X(water_reuse_rate_pct) X(water_intensity) \
    X(solid_waste_generated_t) X(solid_waste_utilised_t) X(solid_waste_stock_utilised_t)                   \
    X(solid_waste_utilisation_pct) X(green_investment_3y_10k_yuan) X(output_value_3y_10k_yuan)              \
    X(green_investment_share_pct) X(pollutant_intensity)
enum class GfNumberAnswer : unsigned char {
#define SELFCHECK_GF_ENUM(k) k,
    SELFCHECK_GF_NUMBER_ANSWERS(SELFCHECK_GF_ENUM)
#undef SELFCHECK_GF_ENUM
};
const char* gf_number_answer_key(GfNumberAnswer a);

// The functions of the energy and carbon management platform (Annex C #4) a platform_functions list
// may name; the evaluation counts the distinct ones of these, a count is capped at their number.
inline constexpr std::string_view k_gf_platform_functions[] = {
    "pf_energy_query", "pf_energy_accounting",    "pf_energy_analysis",
    "pf_benchmarking", "pf_energy_flow",          "pf_balance_optimisation",
    "pf_budget",       "pf_carbon_accounting",    "pf_carbon_footprint",
    "pf_supply_chain", "pf_verification_support", "pf_carbon_assets",
};
inline constexpr int k_gf_platform_count = int(std::size(k_gf_platform_functions));
constexpr bool gf_platform_function(std::string_view id) {
    for (std::string_view f : k_gf_platform_functions)
        if (id == f) return true;
    return false;
}

// A number as written: whole numbers stay integers (non-negative ones unsigned, as the JSON parser
// reads them) so the answers save again byte for byte.
using GfNumber = std::variant<std::int64_t, std::uint64_t, double>;
double gf_number_value(const GfNumber& n);

// A yes/no answer, to a basic requirement, a veto item or a qualitative indicator (the data may add
// items: any key answered true/false or "yes"/"no" is one).
struct GfYesNo {
    std::string id;
    bool yes = false;
    bool as_text = false;  // written "yes"/"no" rather than true/false
};

// User-supplied leading and baseline values of one indicator (anchors/<indicator>).
struct GfAnchor {
    std::string id;
    std::optional<GfNumber> leading, baseline;
    std::optional<std::string> unit, source;
    nlohmann::json kept;  // members of other names or of another kind, as written (null: none)
};

struct GreenFactoryAnswers {
    std::vector<GfYesNo> yes_no;  // only answered ones, in document order
    std::optional<GfNumber> numbers[std::size_t(GfNumberAnswer::pollutant_intensity) + 1];
    // platform_functions: a count, a list of function ids (unknown and repeated ids kept; the
    // evaluation counts distinct known ones), or another value that counts as none.
    enum class Platform : unsigned char { unanswered, count, list, other } platform = Platform::unanswered;
    GfNumber platform_count = std::int64_t(0);
    std::vector<std::string> platform_list;
    std::vector<GfAnchor> anchors;
    nlohmann::json kept;  // keys and values the typed members do not hold (null answers, unknown
                          // keys of other kinds, invalid values), saved again as written and
                          // overriding the typed ones on save; never read by the evaluation

    const GfYesNo* find_yes_no(std::string_view id) const;
    const GfAnchor* find_anchor(std::string_view id) const;
};

struct RefRecord;

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
enum class GfIndicatorStatus { scored, needs_answer, needs_anchor };
enum class GfMandatoryStatus { met, failed, not_answered };
enum class GfReadinessStatus { no_published_pass_mark, blocked_by_mandatory };
enum class GfConditionId { energy_water_resource_at_leading_level, products_at_gb_limit_level1_priority };

// Results point at their definitions in green_factory.json (`def`, owned by the RefData the result
// was computed with): names, hints, evidence and sources are joined from there when the result is
// written out (core/io/result_json.cpp), never copied into each result.

// A basic requirement (true = met) or a veto item (true = applies).
struct GfMandatoryItem {
    const RefRecord* def = nullptr;
    bool veto = false;
    GfMandatoryStatus status = GfMandatoryStatus::not_answered;
};

// How the value of an indicator was worked out; written as the "method" and "basis" of its detail.
enum class GfMethod { none, gb_limit_level1_level2, per_output_value };
enum class GfBasis {
    none,
    location_based_co2,          // carbon intensity from emissions.total_tco2
    answered,                    // the rate or share as answered
    answered_water_intensity,    // water intensity as answered (per product or per output value)
    b9_water_withdrawal,         // B.9
    b10_water_reuse,             // B.10
    b11_solid_waste,             // B.11
    annex_c10_green_investment,  // Annex C #10
    b26_land_output,             // B.26
    b27_building_coefficient,    // B.27
    b28_floor_area_ratio,        // B.28
};
// Where an indicator's leading and baseline values come from (a text of assets/text/, joined when written).
enum class GfAnchorSource { none, user, user_with_source, product_limit, annex_c };

// A product scored against its GB limit's level 1 (leading) and level 2 (baseline).
struct GfProductScore {
    std::string name, limit_id;
    std::string_view standard, unit;  // the product_limits view's (ProductResult)
    double kgce_per_unit = 0, leading = 0, baseline = 0, tce = 0, score = 0;
    bool not_in_force_for_year = false;
};
struct GfProductNotScored {
    std::string name, limit_id, reason;
};

// The figures behind an indicator's value (its "detail" object; only what applies is written).
struct GfIndicatorDetail {
    GfMethod method = GfMethod::none;
    GfBasis basis = GfBasis::none;
    std::vector<GfProductScore> products;                 // method gb_limit_level1_level2
    std::vector<GfProductNotScored> products_not_scored;  // written when not empty
    std::optional<RenewableShare> renewables;             // renewable_share: the B.5 figures
    std::optional<std::vector<std::string>> functions;    // platform functions answered as a list
    std::optional<double> answered_rate_differs;          // water reuse: the answered rate, when the B.10 one differs
    bool utilised_exceeds_generated = false;              // solid waste: Z_r > Z + Z_w (capped at 100 %)
    std::string anchor_unit;                              // the user's anchor unit when it differs
    bool empty() const {
        return method == GfMethod::none && basis == GfBasis::none && products_not_scored.empty() && !renewables &&
               !functions && !answered_rate_differs && !utilised_exceeds_generated && anchor_unit.empty();
    }
};

struct GfIndicatorScore {
    const RefRecord* def = nullptr;
    std::string_view id, dimension;  // the definition's (RefData::green_factory_defs)
    int number = 0;
    double max = 0;
    bool positive = true, quantitative = true, counts = true;
    std::optional<double> value;
    std::string unit;
    std::optional<double> leading, baseline;
    GfAnchorSource anchor_source = GfAnchorSource::none;
    std::string anchor_source_detail;  // the user's own source, or the product limit's standard
    GfIndicatorStatus status = GfIndicatorStatus::needs_answer;
    double score = 0;
    const char* need = nullptr;  // why an answer or anchor is needed: the text "green_factory.need.<need>"
    GfIndicatorDetail detail;
};

struct GfDimensionScore {
    const RefRecord* def = nullptr;
    double score = 0, max = 0, max_determined = 0;
};

struct GfLeadingCheck {
    std::string_view indicator;  // the indicator's id (its definition's)
    std::optional<bool> at_leading_value;  // empty when the indicator could not be scored
};

struct GfCondition {
    GfConditionId id = GfConditionId::energy_water_resource_at_leading_level;
    std::optional<bool> met;
    std::vector<GfLeadingCheck> indicators;  // energy_water_resource_at_leading_level only
};

struct GfLevel {
    const RefRecord* def = nullptr;
    GfReadinessStatus status = GfReadinessStatus::no_published_pass_mark;
    std::vector<GfCondition> conditions;
};

struct GfGap {
    std::size_t indicator = 0;  // index in GreenFactoryResult::indicators
    double recoverable_points = 0;
    std::vector<std::string> measures, applicable_measures;
};

struct GreenFactoryDefs;
struct GreenFactoryResult {
    // The definitions the scores point at (def pointers below), kept alive with the result: a view
    // built for one call (data swapped in without reindex()) would otherwise die before the result
    // is written (ASan: heap-use-after-free in green_factory_result_to_json).
    std::shared_ptr<const GreenFactoryDefs> defs;
    double total_score = 0;                     // 0-100, points of the indicators that could be scored
    std::vector<std::string> mandatory_failed;  // basic requirements and vetoes not met or not answered
    bool data_missing = false;                  // green_factory.json absent: nothing below is set
    std::string data_version;
    std::vector<GfMandatoryItem> mandatory;
    bool gate_passed = false;
    std::vector<GfIndicatorScore> indicators;
    std::vector<GfDimensionScore> dimensions;
    double points_undetermined = 0;
    std::vector<GfLevel> readiness;
    std::vector<GfGap> gaps;  // points not (yet) earned, most recoverable first

    const GfIndicatorScore* indicator(std::string_view id) const {
        for (const auto& i : indicators)
            if (i.id == id) return &i;
        return nullptr;
    }
};

// green_factory.json parsed once (RefData::reindex): the records of each kind in file order, with
// the indicator fields the evaluation reads. `rec` points into the RefData's green_factory dataset.
struct GfIndicatorDef {
    const RefRecord* rec = nullptr;
    std::string dimension;
    int number = 0;
    double max = 0;
    bool positive = true, quantitative = true, counts = true;
    std::optional<double> leading, baseline;  // the record's own (platform functions: Annex C)
    std::vector<std::string> measures;        // linked measure ids
    // Per entry of `measures`: measures.json has a record "measure/<id>" or "<id>" for it.
    std::vector<bool> measures_in_library;
};
struct GfMandatoryDef {
    const RefRecord* rec = nullptr;
    bool veto = false;
};
struct GreenFactoryDefs {
    DatasetStamp built_from;  // green_factory.json as it was when built (no dataset: empty)
    DatasetStamp measures_from;  // measures.json, which measures_in_library was read from
    std::vector<GfMandatoryDef> mandatory;
    std::vector<GfIndicatorDef> indicators;
    std::vector<const RefRecord*> dimensions, levels;
};
// Never throws: a record of the wrong shape takes the defaults (the data tests catch it).
std::shared_ptr<const GreenFactoryDefs> build_green_factory_defs(const RefData& ref);

// GB/T 36132-2025 clause 5 rule: full points at or beyond the leading value, zero at or beyond the
// baseline, linear in between. `positive`: larger is better (a positive indicator); otherwise smaller is better.
double green_factory_linear_score(double points, double value, double leading, double baseline,
                                  bool positive);

RenewableShare green_factory_renewable_share(const Input& input, const Result& partial, const RefData& ref);

} // namespace selfcheck
