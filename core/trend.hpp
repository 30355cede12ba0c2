// Year after year: the trend of energy and carbon intensity over the document's years (`history[]`
// plus the current year), progress against the Zhejiang industrial carbon-peaking plan's 2025
// intensity targets (plan_targets.json), and an additive LMDI decomposition of the CO2 change.
// Each earlier year is computed with the factors of its own year (grid factor, coal rate).
#pragma once
#include "model.hpp"
#include "refdata.hpp"

#include <array>
#include <cstdint>

namespace selfcheck {

// plan_targets.json read once at load (RefData::reindex): the targets (records with a value, not
// the "message/" texts) in file order, their fields defaulted where absent or of the wrong type, and
// the records of the notes the trend says.
struct PlanTarget {
    const RefRecord* record = nullptr;
    std::string metric;
    int base_year = 2020, target_year = 2025;
    std::optional<double> aim;
};
// A note of the trend: the record "message/<code>" (text_zh / text_en), the code where it is absent.
enum class TrendNote : std::uint8_t {
    needs_two_years, needs_value_added_years, needs_energy_years, base_not_2020, grid_factor_year_fallback,
    comparable_prices, current_prices, count
};
const char* trend_note_code(TrendNote n);
struct PlanTargets {
    DatasetStamp built_from;  // plan_targets.json as it was when built
    std::vector<PlanTarget> targets;
    std::array<const RefRecord*, static_cast<std::size_t>(TrendNote::count)> notes{};  // nullptr: not on file
};
std::shared_ptr<const PlanTargets> build_plan_targets(const RefData& ref);

// Logarithmic mean L(a, b) = (a - b) / (ln a - ln b), L(a, a) = a; 0 when either is not positive.
double log_mean(double a, double b);

// Fills result.trend, result.targets and result.decomposition from `in` and the already computed
// current-year `result` (energy, emissions, intensities). Adds each earlier year's factors to
// result.factors_used and its warnings (paths under /history/N) to result.warnings.
void compute_trend(const Input& in, const RefData& ref, Result& result);

// The decomposition between two trend years (exposed for tests). `va0`/`va1` are the value added
// figures to use (current or comparable prices).
Decomposition decompose_lmdi(const TrendYear& y0, const TrendYear& y1, double va0, double va1);

} // namespace selfcheck
