// Heat of purchased steam and hot water for CO2 (NDRC industry GHG guides, GB/T 32151 series):
// steam: heat = mass × (h − 83.74 kJ/kg), h by IAPWS-IF97 (core/if97.hpp) at the metered gauge
// pressure (+ 0.101325 MPa) and temperature, saturated vapour when no temperature is given, and a
// documented default condition (steam.json) with a warning when no pressure is given.
// Hot water: heat = mass × 4.1868 kJ/(kg·K) × (supply − return), return 20 °C when not metered.
// Energy (tce) is not computed here: it keeps GB/T 2589's coefficients (core/energy.cpp).
#pragma once
#include "refdata.hpp"

#include <optional>

namespace selfcheck {

struct SteamCondition {
    double gauge_pressure_mpa = 0;
    double abs_pressure_mpa = 0;
    std::optional<double> temperature_c;  // superheated; nullopt = saturated vapour
    double enthalpy_kj_per_kg = 0;        // IAPWS-IF97
    double heat_gj_per_t = 0;             // (h − 83.74) / 1000
    bool defaulted = false;               // no pressure given: steam.json default used
};

// nullopt when the condition is outside IF97 regions 1/2 or the temperature is below saturation.
std::optional<SteamCondition> steam_condition(std::optional<double> gauge_pressure_mpa,
                                              std::optional<double> temperature_c, const RefData& ref);

// Heat delivered by one tonne of hot water, GJ/t.
double hot_water_heat_gj_per_t(double supply_c, std::optional<double> return_c, const RefData& ref);

} // namespace selfcheck
