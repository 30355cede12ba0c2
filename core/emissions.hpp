// CO2 by scope per GB/T 32150 and the NDRC industry guides: fuels from NCV × carbon content ×
// oxidation × 44/12; purchased electricity × MEE/NBS grid factor (by year and region); purchased
// heat × 0.11 tCO2/GJ unless overridden; green power per GB/T 36132-2025 Annex B (market-based
// variant reported beside the location-based total). Factors from grid_factors.json, constants.json.
#pragma once
#include "energy.hpp"

namespace selfcheck {

// The grid factor record for a year and region ("national", "east_china", "zhejiang") and kind
// ("average", "excl_market", "fossil"); year 0 = the latest year with a national average.
const RefRecord* grid_factor_for(const RefData& ref, int year, std::string_view region, std::string_view kind);
int latest_grid_factor_year(const RefData& ref);

// grid_factors.json read once at load (RefData::reindex): every record with a year, in file order,
// with its region and kind ("" where absent), so a lookup compares fields, not JSON.
struct GridFactors {
    struct Entry {
        int year = 0;
        std::string region, kind;
        const RefRecord* record = nullptr;
    };
    std::vector<Entry> entries;
    int latest_national_average_year = 0;  // 0 where there is none
    // The years of the national averages that have a value, ascending, each once: the trend picks
    // each history year's own grid factor year from them.
    std::vector<int> national_average_years_with_value;
};
std::shared_ptr<const GridFactors> build_grid_factors(const RefData& ref);
// The view of `ref` (an empty one where reindex() has not run).
const GridFactors& grid_factors(const RefData& ref);

void compute_emissions(const Input& in, const RefData& ref, const std::vector<EnergyRowDetail>& rows, Result& result);

} // namespace selfcheck
