// The energy-budget tier (Zhejiang plan, by annual tce; cuts in energy_tiers.json) and the carbon
// level by L (DB33/T 1347; cuts in carbon_efficiency.json) as enums. Their result-JSON words are
// written by core/io/ only (result_json.cpp defines the two name functions).
#pragma once

namespace selfcheck {

enum class BudgetTier { lt1000, from1000to5000, ge5000 };
enum class CarbonLevel { unknown, low, medium, high };  // unknown: L could not be computed

const char* budget_tier_name(BudgetTier t);   // "lt1000" | "1000to5000" | "ge5000"
const char* carbon_level_name(CarbonLevel l);  // "low" | "medium" | "high" | "" (unknown)

} // namespace selfcheck
