// Comprehensive energy consumption per GB/T 2589-2020: standard coal per carrier (equivalent value by default,
// equal value for electricity from the year's supply coal rate), energy mix, electrification, the
// Zhejiang energy-budget tier and key-energy-unit status. Coefficients from energy_carriers.json,
// constants.json and energy_tiers.json.
#pragma once
#include "model.hpp"
#include "refdata.hpp"

namespace selfcheck {

// Heat content (GJ) of each non-feedstock energy row, in input order; used for CO2 of heat carriers
// and for fuels' NCV-based CO2.
struct EnergyRowDetail {
    double base_quantity = 0;     // in carrier base unit
    double ncv_kj_per_base = 0;   // measured or default (0 when unknown)
    double heat_gj = 0;           // for heat-group carriers
    bool as_heat = false;         // steam/hot water given in GJ/MJ
};

// Fills result.energy (and result.factors_used); returns per-row details for the emissions module.
std::vector<EnergyRowDetail> compute_energy(const Input& in, const RefData& ref, Result& result);

// The coal-rate series of constants.json ("supply_coal_rate/YYYY", "generation_coal_rate/YYYY"), read
// once at load (RefData::reindex): the records with a year and a value, in file order, and the
// generation record that says the supply rate stands in (its message_zh / message_en).
struct CoalRates {
    std::vector<const RefRecord*> supply, generation;
    const RefRecord* generation_gap_note = nullptr;
};
std::shared_ptr<const CoalRates> build_coal_rates(const RefData& ref);

// Supply coal rate (gce/kWh) for the year: latest on file not after `year` (or the earliest).
const RefRecord* supply_coal_rate_for(const RefData& ref, int year);
// The same rule over the GB/T 2589 generation coal rates.
const RefRecord* generation_coal_rate_for(const RefData& ref, int year);

BudgetTier budget_tier_for(double total_tce, const RefData& ref);

// energy_tiers.json read once at load (RefData::reindex): the thresholds (0 where a record or its
// value is absent) and the clause each verdict cites (the record's "clause", else its source).
struct EnergyTiers {
    double budget_lower = 0, budget_upper = 0;  // budget_tier/lower, budget_tier/upper (tce)
    double key = 0, designate = 0;              // key_unit/threshold, key_unit/designation (tce)
    std::string budget_clause, key_clause, designate_clause;
};
std::shared_ptr<const EnergyTiers> build_energy_tiers(const RefData& ref);
// The view of `ref` (an empty one, all thresholds 0, where reindex() has not run).
const EnergyTiers& energy_tiers(const RefData& ref);

} // namespace selfcheck
