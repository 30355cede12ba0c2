// Units of physical quantities as they appear in the input document, and conversion to the base unit
// of a carrier (kg, m3, kWh or GJ). Only definitional factors live here (1 t = 1000 kg); every
// reference number (calorific values, densities) comes from assets/data.
#pragma once
#include <optional>
#include <string>
#include <string_view>

namespace selfcheck {

enum class Unit { kWh, MWh, w_kWh, t, kg, m3, w_m3, GJ, MJ, L };
enum class BaseUnit { kg, m3, kWh, GJ };

std::optional<Unit> parse_unit(std::string_view s);
std::string_view unit_id(Unit u);           // "kWh", "10k_kWh", ...
std::string unit_label_zh(Unit u);          // the unit in Chinese words (the text "unit.<id>")
std::optional<BaseUnit> parse_base_unit(std::string_view s);
std::string_view base_unit_id(BaseUnit b);

// Factor that turns a quantity in `u` into the base unit `b`, or nothing when the two measure
// different things (mass vs volume vs energy). Litres need a density (kg/L) for mass carriers.
std::optional<double> to_base_factor(Unit u, BaseUnit b, std::optional<double> density_kg_per_l = {});

} // namespace selfcheck
