// The assessment document (schema "selfcheck/assessment", version 1) as plain data, and the result
// of assess(). Units live in the names: _tce, _tco2, _kwh, _10k_yuan (10k yuan), _m2.
// Equipment/management (diagnosis.hpp), green-factory answers (green_factory.hpp) and measures
// (measures.hpp) are declared by their modules.
#pragma once
#include "bills/bills.hpp"
#include "equipment.hpp"
#include "green_factory.hpp"
#include "issues.hpp"
#include "measures.hpp"
#include "textref.hpp"
#include "units.hpp"

#include <array>
#include <cstdint>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck {

inline constexpr int k_schema_version = 1;
inline constexpr const char* k_schema_name = "selfcheck/assessment";

struct Enterprise {
    std::string name;
    std::string credit_code;  // GB 32100 unified social credit code, 18 chars, optional
    std::string city;         // Zhejiang city id from regions.json, e.g. "hangzhou"
    std::string county;       // county id from regions.json
    std::string industry;     // GB/T 4754-2017 code, e.g. "C17" or "C171"
    // What the user wrote where it differs from the resolved id (a city name, "330603", an industry name); names.cpp
    std::string city_entered, county_entered, industry_entered;
    int year = 0;             // reporting year
    std::optional<double> value_added_10k_yuan;
    std::optional<double> output_value_10k_yuan;
    std::optional<double> land_area_m2;
    std::optional<double> floor_area_m2;          // total building floor area (for the floor-area ratio)
    std::optional<double> building_footprint_m2;  // buildings + structures + yards (for the building coefficient)
    std::optional<int> employees;
    // Price index of value added for this year (any base, e.g. 2020 = 100). Given for every year of
    // a multi-year document, value added is compared at comparable prices.
    std::optional<double> value_added_price_index;
    nlohmann::json unknown = nlohmann::json::object();
};

struct EnergyUse {
    std::string carrier;  // id from energy_carriers.json
    double quantity = 0;  // annual amount in `unit`
    Unit unit = Unit::t;
    std::optional<double> ncv_kj_per_unit;  // measured net calorific value, kJ per `unit`
    bool feedstock = false;                 // used as raw material, not burned (excluded, GB/T 2589)
    bool non_production = false;            // canteen, dormitory etc.: out of unit-product energy (GB energy limits)
    // Purchased steam in t/kg: metered GAUGE pressure and (superheated) temperature, for the CO2
    // enthalpy (core/steam.hpp). Hot water in t/kg: supply and return temperatures.
    std::optional<double> steam_pressure_mpa;
    std::optional<double> steam_temperature_c;
    std::optional<double> supply_temperature_c;
    std::optional<double> return_temperature_c;
    std::optional<std::array<double, 12>> monthly;  // bill-style entry; sums to quantity
    std::string note;
    nlohmann::json unknown = nlohmann::json::object();
};

// Own generation and green power (DB33/T 1347; GB/T 36132-2025 Annex B.5).
struct Renewables {
    double pv_self_used_kwh = 0;    // own PV consumed on site (not purchased)
    double pv_exported_kwh = 0;     // own PV fed to the grid (not consumed here)
    double green_power_kwh = 0;     // market-traded green power, part of the purchased electricity
    double gec_mwh = 0;             // green certificates bought separately (GEC, 1 cert = 1 MWh)
    nlohmann::json unknown = nlohmann::json::object();
};

struct Product {
    std::string name;
    std::string limit_id;   // product id in product_limits.json, optional
    double output = 0;      // annual output in the unit of the limit (or `unit`)
    std::string unit;       // e.g. "t"
    std::optional<double> energy_tce;  // energy attributed to this product; default: whole site if only one
    nlohmann::json unknown = nlohmann::json::object();
};

enum class GridRegion { national, east_china, zhejiang };

struct Options {
    std::optional<double> grid_emission_factor_tco2_per_mwh;
    std::optional<double> heat_emission_factor_tco2_per_gj;
    // GB/T 2589 equal value of electricity: the year's thermal-power generation coal rate (gce/kWh),
    // given by the user where none is on file for the year (constants.json holds it as a gap).
    std::optional<double> generation_coal_rate_gce_per_kwh;
    std::optional<double> industry_average_tco2_per_10k_yuan;
    std::optional<int> factor_year;                 // year of grid factor; default the latest published
    GridRegion factor_region = GridRegion::national;
    std::optional<double> discount_rate;            // for NPV/IRR, default from measures data
    std::optional<double> electricity_price_yuan_per_kwh;
    // Measures (measures.json defaults where absent): fuel prices, shadow carbon price, portfolio.
    std::optional<double> coal_price_yuan_per_t;
    std::optional<double> natural_gas_price_yuan_per_m3;
    std::optional<double> steam_price_yuan_per_t;
    std::optional<double> carbon_price_yuan_per_tco2;
    std::optional<std::vector<std::string>> selected_measures;  // portfolio ids; default: best set
    nlohmann::json unknown = nlohmann::json::object();
};

// An earlier year of the same enterprise (document `history[]`): the current year's row schema.
struct HistoryYear {
    int year = 0;
    std::optional<double> value_added_10k_yuan;
    std::optional<double> output_value_10k_yuan;
    std::optional<double> value_added_price_index;
    std::optional<double> industry_average_tco2_per_10k_yuan;  // that year's published average, if known
    std::vector<EnergyUse> energy;
    Renewables renewables;
    std::vector<Product> products;
    nlohmann::json enterprise_unknown = nlohmann::json::object();
    nlohmann::json unknown = nlohmann::json::object();
};

struct Input {
    int version = k_schema_version;
    Enterprise enterprise;
    std::vector<EnergyUse> energy;
    Renewables renewables;
    std::vector<Product> products;
    Equipment equipment;         // equipment.hpp
    Management management;       // equipment.hpp
    GreenFactoryAnswers green_factory;  // green_factory.hpp
    Options options;
    bills::Bills bills;          // bills/bills.hpp: electricity bill detail by month
    std::vector<HistoryYear> history;  // earlier years, any order (sorted in the result)
    nlohmann::json unknown = nlohmann::json::object();  // unknown top-level keys, kept on save
};

// ---------------------------------------------------------------------------------------------
// Result

struct RefRecord;

// A plausibility warning raised while computing, its sentence kept as a TextRef and said when the
// result is written. (The warnings of parse_document are Issues with their words: the edge.)
struct Warning {
    std::string path;  // JSON path of the input it is about, e.g. "/options/factor_region"
    std::string code;  // stable machine id, e.g. "regional_factor_missing"
    TextRef message;
};
// A number that could not be computed carries the reason instead (shown by the UI and report); also
// a verdict in words (energy budget tier, key-unit status). The JSON has code, message_zh, message_en.
struct Missing {
    std::string code;  // e.g. "needs_value_added"
    TextRef message;
};

// A reference figure the result relied on (or the user's own in its place). Names and citations are
// not copied here: the name is a TextRef, the citation is the record's, joined when written.
struct FactorUsed {
    std::string id;                     // e.g. "grid/2023/national"
    TextRef name;
    double value = 0;
    std::string_view unit;              // the record's unit (data-owned) or a literal
    const RefRecord* record = nullptr;  // the record cited (source, source_en, confidence); null when user-given
    std::string_view source_key;        // user-given: texts key of the line that says it is the user's figure
    std::optional<int> year;
    bool user_given = false;
};

// A FactorUsed entry for a reference record (value, unit and year from it; cited by pointer).
struct RefRecord;
struct Carrier;
FactorUsed factor_used_from(const RefRecord& rec, std::string id, TextRef name);
// A FactorUsed entry for a figure the user gave in options (name and source texts by key, confidence "user").
FactorUsed user_factor_used(std::string id, std::string_view name_key, std::string_view source_key, double value,
                            std::string_view unit);

struct CarrierEnergy {
    std::string carrier;
    const Carrier* def = nullptr;  // the carrier's names and data; null for own PV and for an unknown id
    bool own_pv = false;           // own PV self-used: named by the text energy.pv_self_used
    double quantity = 0;       // as entered
    std::string_view unit;     // unit_id(): static
    double base_quantity = 0;  // in the carrier's base unit
    std::string_view base_unit;
    double tce = 0;            // equivalent value
    double tce_equal = 0;      // equal value: electricity at the year's supply coal rate
    double kgce_per_base_unit = 0;
    bool measured_ncv = false;
    bool feedstock = false;
    double tco2 = 0;
    // Steam/hot water by mass: heat content used for CO2 (GJ) and the steam enthalpy (kJ/kg, IF97);
    // energy_basis says which treatment the energy (tce) and the CO2 used ("" for other carriers).
    std::optional<double> co2_heat_gj;
    std::optional<double> enthalpy_kj_per_kg;
    std::string_view energy_basis;  // a literal
    int scope = 1;             // 1 direct, 2 purchased electricity/heat, 0 feedstock (not counted)
};

struct EnergyResult {
    double total_tce = 0;          // equivalent value, excluding feedstock, including own renewables used
    double total_equal_tce = 0;    // equal value
    double feedstock_tce = 0;
    double renewable_tce = 0;      // own PV self-used at equivalent value
    std::vector<CarrierEnergy> by_carrier;
    BudgetTier budget_tier = BudgetTier::lt1000;
    std::string_view budget_tier_clause;  // the energy_tiers view's (RefData::energy_tiers)
    bool key_energy_unit = false;  // >= 10,000 tce
    bool key_unit_may_be_designated = false;  // 5,000 - 10,000 tce
    std::string_view key_unit_clause;
    // The two verdicts in words, one sentence for every front end (code = the tier name, or
    // "key" / "may_be_designated" / "not_key"); thresholds filled from energy_tiers.json.
    Missing budget_tier_text, key_unit_status;
    // Verdicts only from valid data: with no energy entered (total 0) there is no tier and no
    // key-unit status (null in the JSON), and this says why.
    std::optional<Missing> missing;
    // energy mix shares of total (equivalent value), by group: coal, oil, gas, electricity, heat, other
    std::map<std::string, double> mix;
    std::optional<double> electrification_rate;  // electricity tce / total tce
};

struct EmissionsResult {
    double scope1_tco2 = 0;
    double scope2_tco2 = 0;     // location-based: grid electricity × grid factor + heat
    double total_tco2 = 0;
    double electricity_tco2 = 0;
    double heat_tco2 = 0;
    // Market-based variant: green power at zero, the rest at the factor excluding market-traded
    // non-fossil power (MEE/NBS), where published for the year.
    std::optional<double> scope2_market_tco2;
    std::optional<double> total_market_tco2;
    std::optional<double> residual_factor_tco2_per_mwh;  // the excl_market factor used, when any
    double avoided_by_own_pv_tco2 = 0;  // informational; own PV is never purchased
    double avoided_by_exported_pv_tco2 = 0;  // exported own PV × grid factor (deducted in the carbon level)
    double grid_factor_tco2_per_mwh = 0;
    double heat_factor_tco2_per_gj = 0;
    std::map<std::string, double> by_source;  // carrier -> tCO2
};

struct OptionalNumber {
    std::optional<double> value;
    std::optional<Missing> missing;
};

struct IntensityResult {
    OptionalNumber tce_per_10k_yuan_value_added;
    OptionalNumber tco2_per_10k_yuan_value_added;
    OptionalNumber tce_per_10k_yuan_output;
    OptionalNumber tco2_per_10k_yuan_output;
};

struct CarbonEfficiency {
    std::optional<double> intensity;      // L, tCO2 per 10k yuan value added
    std::optional<double> numerator_tco2; // CO2 in L: total minus CO2 avoided by own exported zero-carbon power
    CarbonLevel level = CarbonLevel::unknown;
    std::optional<double> index;          // K = L / industry average
    std::optional<int> grade;             // 1 best .. 5 worst
    std::optional<double> industry_average;
    // Where the industry average came from: a record of industry_averages (its source cited), or
    // the user's own figure (options.industry_average_tco2_per_10k_yuan).
    const RefRecord* industry_average_record = nullptr;
    bool industry_average_user = false;
    std::optional<Missing> missing;       // why K or L is absent
    TextRef clause = TextRef::text("clause.carbon_efficiency");  // the method the level and grade follow
};

struct ProductResult {
    std::string name;
    std::string limit_id;
    // The limit's standard, unit and in-force date are the product_limits view's (RefData::product_limits),
    // empty without a limit record.
    std::string_view standard;            // e.g. "GB 36889-2025" (read by the diagnosis and the green factory)
    const RefRecord* limit = nullptr;     // the product_limits record: its source is cited when written
    std::optional<double> kgce_per_unit;  // unit product energy
    std::string unit;
    std::optional<double> level1, level2, level3;
    std::string_view limit_unit;          // e.g. "kgce/t"
    std::string_view in_force;            // date the limit standard takes effect
    bool not_in_force_for_year = false;   // the standard was not yet in force in the reporting year
    std::string status;  // "level1" | "level2" | "level3" | "above_level3" | "unknown"
    std::optional<Missing> missing;
    bool energy_allocated_from_site = false;
    double non_production_tce_excluded = 0;  // canteen/dormitory rows taken out of the site energy
};

// One year of the trend (the current year and every history year), sorted by year.
struct TrendYear {
    int year = 0;
    bool current = false;                 // the document's main year
    double total_tce = 0;
    double total_tco2 = 0;                // location-based
    std::optional<double> value_added_10k_yuan;
    std::optional<double> value_added_comparable_10k_yuan;  // at the base year's prices, when indices given
    std::optional<double> tce_per_10k_yuan_value_added;
    std::optional<double> tco2_per_10k_yuan_value_added;
    CarbonLevel carbon_level = CarbonLevel::unknown;
    std::optional<int> carbon_grade;      // only with that year's industry average
    std::optional<double> change_tce_intensity;   // vs the previous year in the list (ratio - 1)
    std::optional<double> change_tco2_intensity;
    int grid_factor_year = 0;             // factor year used (its own year where published)
    double grid_factor_tco2_per_mwh = 0;
    // per carrier (plus own PV as "pv_self_used") for the decomposition: tce and tCO2
    std::vector<std::pair<std::string, std::pair<double, double>>> carriers;
};

// Progress against a plan target (change of an intensity from the base year).
struct TargetProgress {
    std::string id;                 // "energy_intensity_2025" | "carbon_intensity_2025"
    std::string metric;             // result intensity key
    int plan_base_year = 2020;      // the plan's base year
    int base_year = 0;              // the enterprise's base (2020 or its earliest year)
    int target_year = 2025;
    int evaluation_year = 0;        // the year judged (latest year up to the target year)
    double required_change = 0;     // at the target year, e.g. -0.16
    std::optional<double> aim_change;  // aspirational ("strive for") value, e.g. -0.18
    std::optional<double> required_change_by_evaluation_year;  // straight-line path, from base_year
    std::optional<double> actual_change;
    std::optional<bool> on_track;
    bool base_is_plan_base = false;
    std::string price_basis;        // "comparable" | "current"
    const RefRecord* def = nullptr;  // the plan_targets record: clause and citation joined when written
    std::optional<Missing> missing;  // why actual_change/on_track are absent
    std::optional<Missing> note;     // how it was measured (e.g. base year not 2020)
};

// Additive LMDI decomposition of the CO2 change between two years:
// C = VA × (E/VA) × Σ (E_i/E) × (C_i/E_i). Terms add up to the total change exactly.
struct Decomposition {
    int from_year = 0, to_year = 0;
    double total_change_tco2 = 0;
    double activity_tco2 = 0;          // value added
    double intensity_tco2 = 0;         // energy per value added (the factory's own efficiency)
    double mix_tco2 = 0;               // shares of carriers
    double emission_factor_tco2 = 0;   // carbon per tce of each carrier (grid factor, NCV, ...)
    double grid_factor_tco2 = 0;       // the electricity part of emission_factor_tco2
    std::string price_basis;
};

struct Result {
    EnergyResult energy;
    EmissionsResult emissions;
    IntensityResult intensity;
    CarbonEfficiency carbon_efficiency;
    std::vector<ProductResult> products;
    std::vector<Finding> findings;            // equipment.hpp
    std::vector<MeasureResult> measures;      // measures.hpp
    Portfolio portfolio;                      // measures.hpp
    GreenFactoryResult green_factory;         // green_factory.hpp
    std::vector<FactorUsed> factors_used;
    std::vector<TrendYear> trend;             // trend.hpp: every year, sorted
    std::vector<TargetProgress> targets;
    std::optional<Decomposition> decomposition;
    std::optional<Missing> decomposition_missing;
    std::vector<Issue> input_warnings;        // parse_document's warnings, written before `warnings`
    std::vector<Warning> warnings;            // plausibility warnings raised while computing
    // The version of every reference dataset used, by name: one map per loaded RefData, shared by
    // its results (RefData::shared_versions); null in a Result no assessment filled.
    std::shared_ptr<const std::map<std::string, std::string>> data_versions;
};

} // namespace selfcheck
