// Retrofit measures: applicability, savings, economics (payback, NPV, IRR, abatement cost) and the
// portfolio. Parameters come from assets/data/measures.json (value, low/high, unit, source), limits
// from equipment_standards.json. Money: yuan inside, 10k yuan in results. Energy: kWh, tce.
#pragma once
#include "refdata.hpp"
#include "texts.hpp"
#include "tiers.hpp"

#include <nlohmann/json.hpp>
#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace selfcheck {

struct RefData;
struct RefRecord;

enum class EconomicsStatus { computed, needs_investment, needs_prices };

// The one verdict per measure, the same for the app, the report and the automatic portfolio
// (measures.cpp recommendation()). `none`: not given (the JSON has no recommendation).
enum class RecommendationStatus { none, recommended, cost_only, not_recommended, needs_data };
// Why a measure is not recommended; `none` with every other status.
enum class RecommendationReason { none, payback_beyond_life, npv_not_positive, raises_energy_or_co2 };
struct Recommendation {
    RecommendationStatus status = RecommendationStatus::none;
    RecommendationReason reason = RecommendationReason::none;
};
const char* recommendation_status_name(RecommendationStatus s);
const char* recommendation_reason_name(RecommendationReason r);

// How the energy budget tier and the carbon-efficiency grade would change after a cut (one measure,
// or the portfolio). Carbon figures only when the site's carbon intensity is known.
struct Outlook {
    double new_total_tce = 0;
    BudgetTier new_budget_tier = BudgetTier::lt1000;
    std::optional<double> new_carbon_intensity;
    CarbonLevel new_carbon_level = CarbonLevel::unknown;
    std::optional<double> new_carbon_index;  // with an industry average
    std::optional<int> new_carbon_grade;
};

// The physical quantities of a measure or of one of its rows (kWh, m3, efficiencies, a class name, a
// flag), written as detail.physical. A key is a name, after a carrier id for the per-carrier ones
// ("natural_gas" + "_base_units"). Names are string literals: setting a key allocates nothing.
class Physical {
public:
    struct Key {
        std::string carrier;  // empty for most keys
        std::string_view name;
        std::string text() const { return carrier + std::string(name); }
        bool is(std::string_view key) const;
        bool operator==(const Key&) const = default;
    };
    using Pair = std::array<double, 2>;
    using Value = std::variant<double, bool, std::int64_t, std::string, Pair>;
    struct Entry {
        Key key;
        Value value;
    };

    // A key set twice keeps its first place and the last value.
    void set(std::string_view name, double v) {
        if (!discards_) put({{}, name}, Value(std::in_place_type<double>, v));
    }
    void set(std::string_view name, bool v) {
        if (!discards_) put({{}, name}, Value(std::in_place_type<bool>, v));
    }
    void set(std::string_view name, std::string v) {
        if (!discards_) put({{}, name}, Value(std::in_place_type<std::string>, std::move(v)));
    }
    void set(std::string_view name, const char* v) {
        if (!discards_) set(name, std::string(v));
    }
    void set(std::string_view name, Pair v) {
        if (!discards_) put({{}, name}, Value(std::in_place_type<Pair>, v));
    }
    void set_count(std::string_view name, std::int64_t v) {
        if (!discards_) put({{}, name}, Value(std::in_place_type<std::int64_t>, v));
    }
    void set(const std::string& carrier, std::string_view name, double v) {
        if (!discards_) put({carrier, name}, Value(std::in_place_type<double>, v));
    }
    void put(Key key, Value v);
    void merge(const Physical& other);  // every key of `other`, as set() would
    void clear() { entries_.clear(); }
    // One that keeps nothing set on it: the measures' low and high runs compute the candidates only
    // for their totals and nothing reads their figures.
    static Physical discarding() {
        Physical p;
        p.discards_ = true;
        return p;
    }

    const std::vector<Entry>& entries() const { return entries_; }
    bool empty() const { return entries_.empty(); }
    const Value* find(std::string_view key) const;  // by its written key, e.g. "natural_gas_base_units"
    bool contains(std::string_view key) const { return find(key) != nullptr; }
    std::optional<double> number(std::string_view key) const;  // a number (or count) under `key`
    std::optional<bool> flag(std::string_view key) const;

private:
    std::vector<Entry> entries_;
    bool discards_ = false;
};

// A field (or a quote) that would enable or refine a measure. The result carries it as a code text
// (measure_need_text: a field name, or a field with a hint from assets/text "measures.need.*"); the
// front ends show a field name as the field's label and a hint in the user's language
// (measure_need_words, need_written_as).
enum class NeedId : std::uint8_t {
    // input fields, written as their names
    rated_kw, load_factor, hours_per_year, mean_flow_fraction, required_pressure_mpa, rated_kva, fuel,
    fuel_quantity, capacity_t_per_h, central_heating_available, recoverable_kw, temperature_c, medium,
    exhaust_temp_c, heat_source_temp_c, demand_gj_per_year, process, steam_t_per_year, metres_per_year,
    use_m3_per_day, reuse_rate, dryer_steam_t_per_year, press_dryness_pct, watts, usable_area_m2,
    // fields or quotes with a hint
    heat_demand, heat_supply, nameplate_efficiency, leak_fraction, air_station_quote, orc_quote, cpb_quote,
    shoe_press_quote, printing_line_energy, water_prices, coincidence, ballast, storage_capacity, tou_user_class,
    carrier_price,  // the price of MeasureNeed::carrier in options
};
struct MeasureNeed {
    NeedId id;
    std::string carrier;  // carrier_price only
    double figure = 0;    // storage_capacity: the default duration (h) the estimate used
    bool operator==(const MeasureNeed&) const = default;
};

// A caveat on a measure's figures. The result carries it as text (measure_note_text, from
// assets/text "measures.note.*" and "measures.storage_bill_prices", "measures.tou_note_2024").
enum class NoteId : std::uint8_t {
    heat_not_valued, replace_at_failure, throttling_assumed, transformer_loss_extrapolated,
    boiler_fuel_allocated,  // carrier
    electric_boiler_valley_case, purchased_steam_counted, led_labour_not_priced, pv_displaces_purchase,
    pv_self_use_default_value,
    storage_bill_prices,
    tou_tariff_2024, green_power_market_only,
    carriers_not_priced,  // carriers
};
struct MeasureNote {
    NoteId id;
    std::string carrier;
    std::vector<std::string> carriers;
    // The numbers its sentence shows, read from the records the measure compared with (never typed
    // into the text): storage_bill_prices sharp, peak, valley (yuan/kWh); replace_at_failure the
    // hours threshold; transformer_loss_extrapolated the loss table's first and last kVA;
    // purchased_steam_counted the feed-water enthalpy (kJ/kg); led_labour_not_priced hours per
    // fixture; pv_self_use_default_value the price (yuan/kWh).
    std::array<double, 3> figures{};
    bool operator==(const MeasureNote&) const = default;
};

// A need's and a note's sentence in both languages (core/io/result_json.cpp); `ref` names the
// carriers in Chinese (without one, the carrier ids).
texts::Text measure_need_words(const MeasureNeed& n, const RefData* ref = nullptr);
texts::Text measure_note_words(const MeasureNote& n, const RefData* ref = nullptr);
// What the result writes: the English, except the bill-price note, which has always been written
// in Chinese (changing it would change every result with bill prices).
std::string measure_need_text(const MeasureNeed& n);
std::string measure_note_text(const MeasureNote& n);
// The need a result's text stands for (portfolio not_evaluated): a front end shows its words.
std::optional<NeedId> need_written_as(std::string_view text);

struct LowHigh {
    double low = 0, high = 0;
};

// One row (target) a measure applies to.
struct MeasureItem {
    int row = -1;
    std::string target;
    double tce_saved = 0, tco2_avoided = 0;
    std::optional<double> tco2_avoided_market;
    double investment_10k_yuan = 0, annual_saving_10k_yuan = 0;
    Physical physical;
};

struct MeasureResult {
    std::string id;
    const RefRecord* def = nullptr;  // "measure/<id>" in measures.json: names, formula, source, category
    double tce_saved = 0;
    double tco2_avoided = 0;                   // location-based: what the carbon level and grade see
    std::optional<double> tco2_avoided_market; // market-based (residual factor); null without one
    double investment_10k_yuan = 0;
    double annual_saving_10k_yuan = 0;
    std::optional<double> payback_years;
    double npv_10k_yuan = 0;
    std::optional<double> irr;
    std::optional<double> abatement_cost_yuan_per_tco2;
    int lifetime_years = 0;
    EconomicsStatus economics = EconomicsStatus::computed;
    bool compliance_cost = false;  // costs money and saves none
    Outlook outlook;
    Physical physical;  // physical savings summed over rows
    std::vector<MeasureItem> items;
    std::vector<MeasureNeed> needs;  // fields that would refine it (deduplicated)
    std::vector<MeasureNote> notes;
    Recommendation recommendation;
    // Spanned by the source's low and high parameter values.
    LowHigh tce_saved_range, tco2_avoided_range, investment_range_10k_yuan, annual_saving_range_10k_yuan;
    double discount_rate = 0;
};

struct PortfolioMeasure {
    std::string id;
    double tce_saved = 0, tco2_avoided = 0;
    std::optional<double> tco2_avoided_market;
    double investment_10k_yuan = 0, annual_saving_10k_yuan = 0, npv_10k_yuan = 0;
    std::optional<double> abatement_cost_yuan_per_tco2;
};

struct MaccStep {
    std::size_t measure = 0;  // index in Portfolio::measures
    double cumulative_tco2 = 0;
};

struct NotEvaluatedMeasure {
    std::string measure;
    int row = -1;
    std::vector<NeedId> needs;  // the fields that would enable it
};

// Totals of a set of measures applied together (interaction-aware), e.g. the recommended set shown
// beside the owner's own selection.
struct PortfolioTotals {
    std::vector<std::string> selected;
    double tce_saved = 0, tco2_avoided = 0;
    std::optional<double> tco2_avoided_market;
    double investment_10k_yuan = 0, annual_saving_10k_yuan = 0, npv_10k_yuan = 0;
    std::optional<double> payback_years;
};

struct Portfolio {
    std::vector<std::string> selected;  // ids in application order
    double tce_saved = 0;
    double tco2_avoided = 0;
    std::optional<double> tco2_avoided_market;
    double investment_10k_yuan = 0;
    double annual_saving_10k_yuan = 0;
    bool evaluated = false;  // false when the measure evaluation failed (nothing below is set)
    std::vector<PortfolioMeasure> measures;
    std::vector<MaccStep> macc;  // by marginal abatement cost, measures with a cost only
    double npv_10k_yuan = 0;
    double discount_rate = 0;
    bool user_selection = false;
    // With the owner's selection (user_selection): the recommended set, by the same rule as without
    // one (saves energy or CO2, raises neither, NPV > 0 within its life). Empty otherwise (= this).
    std::optional<PortfolioTotals> recommended;
    std::vector<std::string> cost_only;  // cost-only measures: save money, not energy or CO2
    std::vector<std::string> required;   // required by a plan but not paying on their own
    std::optional<double> payback_years;
    Outlook outlook;  // new_carbon_index is not reported for the portfolio
    std::vector<NotEvaluatedMeasure> not_evaluated;
    double carbon_value_10k_yuan_per_year = 0;
    double carbon_price_yuan_per_tco2 = 0;
};

// measures.json as the measures read it, parsed once per load by RefData::reindex(): every parameter
// for the low, central and high runs, and each measure's definition. The vectors are indexed by
// enums private to measures.cpp (a parameter, a measure). What the lookup by id used to throw on a
// missing record or a malformed low/high (the run then fails with a warning) is kept as `error` and
// thrown when the run reads it, so a data defect behaves as before and building the view never throws.
struct MeasureParameter {
    std::array<double, 3> value{};     // low, central, high
    std::array<std::string, 3> error;  // non-empty: reading that variant throws this message
};
struct MeasureDefinition {
    const RefRecord* record = nullptr;  // "measure/<id>": names, formula, source, category
    MeasureParameter lifetime;          // "<id>/lifetime", years
    int order = 50;                     // place in the portfolio's application order
    bool cost_only = false;             // a tariff measure: never in the recommended energy/CO2 set
    std::string order_error, cost_only_error;
};
struct MeasureTariff {                  // "tariff/zj2024/<user_class>/<part>"
    std::string user_class;
    MeasureParameter flat, valley_ratio, peak_ratio, sharp_ratio;
};
struct MeasureLibrary {
    std::vector<MeasureParameter> parameters;
    std::vector<MeasureDefinition> measures;
    std::vector<MeasureTariff> tariffs;     // the user classes on file
    std::optional<double> discount_rate;    // econ/discount_rate
    std::optional<double> carbon_price;     // econ/carbon_shadow_price, yuan/tCO2
    double feedwater_enthalpy_kj_per_kg = 0;  // steam.json feedwater_enthalpy: the purchased-steam note
    DatasetStamp measures_from, steam_from;   // the datasets it was read from (DatasetStamp)
};
std::shared_ptr<const MeasureLibrary> build_measure_library(const RefData& ref);
// The library reindex() built for this RefData, or one built for the call where a dataset it read
// was swapped in since (slower, never stale).
std::shared_ptr<const MeasureLibrary> measure_library_of(const RefData& ref);

nlohmann::json measure_to_json(const MeasureResult& m);
nlohmann::json portfolio_to_json(const Portfolio& p);

// Appraisal formulas (measures.md §5). Rates as fractions; cash in any one currency unit.
namespace econ {
// NPV = −I + Σ_{t=1..N} S·(1−d)^(t−1)/(1+r)^t
double npv(double investment, double annual_net, int years, double rate, double degradation = 0);
// The r with NPV(r) = 0, by bisection on [−0.99, 1.0]; empty when there is no sign change.
std::optional<double> irr(double investment, double annual_net, int years, double degradation = 0);
// CRF = r(1+r)^N / ((1+r)^N − 1); 1/N at r = 0.
double crf(double rate, int years);
}  // namespace econ

// Engineering formulas, exposed for the hand-worked tests.
namespace formulas {
// Generic VSD curve in % of design kW (q in % of design flow): 5.9 − 0.19567q + 0.00766q² + 0.00004q³.
double vsd_power_pct(double q_pct);
// Affinity law: P/P_design = q^n.
double affinity_power_fraction(double q, double n);
// Transformer annual loss, kWh: (P0 + β²·Pk)·hours.
double transformer_loss_kwh(double p0_kw, double pk_kw, double load_factor, double hours);
// Fuel saved when efficiency rises from eta1 to eta2 at the same useful heat: F·(1 − η1/η2).
double fuel_saved(double fuel, double eta1, double eta2);
// Heat-pump COP = η_C · T_sink / (T_sink − T_source), temperatures in kelvin.
double heat_pump_cop(double carnot_efficiency, double t_sink_k, double t_source_k);
// Storage value per kWh discharged: p_dis − p_ch/η_rt.
double storage_cycle_value(double p_discharge, double p_charge, double round_trip);
}  // namespace formulas

} // namespace selfcheck
