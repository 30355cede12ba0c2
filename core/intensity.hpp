// Intensities per 10k yuan of value added and output (GB/T 2589 e_v, e_g), the carbon-efficiency level
// and grade (DB33/T 1347-2023 method: L = CO2 / value added, K = L / industry average), and unit
// product energy against GB energy-limit levels 1/2/3. Cuts in carbon_efficiency.json, limits in
// product_limits.json, industry averages in industry_averages.json or options.
#pragma once
#include "model.hpp"
#include "refdata.hpp"

namespace selfcheck {

// The carbon-efficiency cuts of carbon_efficiency.json, read once at load (RefData::reindex); 0
// where a record or its value is absent. Upper bounds, inclusive.
struct CarbonCuts {
    double level_low_max = 0, level_medium_max = 0;  // level/low_max, level/medium_max
    double grade_max[4] = {0, 0, 0, 0};             // grade/1_max .. grade/4_max
};
std::shared_ptr<const CarbonCuts> build_carbon_cuts(const RefData& ref);

CarbonLevel carbon_level_for(double l, const RefData& ref);
int carbon_grade_for(double k, const RefData& ref);           // 1..5

// Industry average for an industry code and year from industry_averages.json (latest year not
// after `year`; the 2-digit division when a finer code has none).
const RefRecord* industry_average_for(const RefData& ref, std::string_view industry, int year);

// industry_averages.json read once at load (RefData::reindex): the records with a positive value
// and a year, in file order, with their industry code ("" where absent).
struct IndustryAverages {
    struct Entry {
        std::string industry;
        int year = 0;
        const RefRecord* record = nullptr;
    };
    std::vector<Entry> entries;
};
std::shared_ptr<const IndustryAverages> build_industry_averages(const RefData& ref);

// product_limits.json read once at load (RefData::reindex): each limit's fields ("" or empty where
// absent or not of the right type), found by the record id.
struct ProductLimit {
    const RefRecord* record = nullptr;
    std::string standard, product_unit, unit, in_force;
    std::optional<double> level1, level2, level3;
};
struct ProductLimits {
    std::unordered_map<std::string_view, ProductLimit> by_id;  // keys view the records' ids
    const ProductLimit* find(std::string_view id) const;
};
std::shared_ptr<const ProductLimits> build_product_limits(const RefData& ref);

void compute_intensities(const Input& in, const RefData& ref, Result& result);
void compute_products(const Input& in, const RefData& ref, Result& result);

} // namespace selfcheck
