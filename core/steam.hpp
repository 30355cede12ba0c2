// Heat of purchased steam and hot water for CO2 (NDRC industry GHG guides, GB/T 32151 series):
// steam: heat = mass × (h − 83.74 kJ/kg), h by IAPWS-IF97 (core/if97.hpp) at the metered gauge
// pressure (+ 0.101325 MPa) and temperature, saturated vapour when no temperature is given, and a
// documented default condition (steam.json) with a warning when no pressure is given.
// Hot water: heat = mass × 4.1868 kJ/(kg·K) × (supply − return), return 20 °C when not metered.
// Energy (tce) is not computed here: it keeps GB/T 2589's coefficients (core/energy.cpp).
#pragma once
#include "refdata.hpp"

#include <memory>
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

// steam.json read once at load (RefData::reindex): the constants of the heat calculation (the
// record's value, else the documented default the code always had) and the records the energy result
// cites (nullptr where absent).
struct SteamConstants {
    DatasetStamp built_from;  // steam.json as it was when built
    double default_gauge_pressure_mpa = 1.0;        // default_gauge_pressure
    double atmospheric_pressure_mpa = 0.101325;     // atmospheric_pressure
    double feedwater_enthalpy_kj_per_kg = 83.74;    // feedwater_enthalpy
    double hot_water_default_return_c = 20;         // hot_water_default_return_c
    double hot_water_cp_kj_per_kg_k = 4.1868;       // hot_water_cp
    const RefRecord* feedwater_enthalpy = nullptr;
    const RefRecord* default_gauge_pressure = nullptr;
    const RefRecord* hot_water_cp = nullptr;
    const RefRecord* pressure_field = nullptr;  // field/steam_pressure_mpa: the field's label
    // The condition of a row that gives neither pressure nor temperature: IF97 costs ~15k Ir, and
    // energy and the measures ask for it per steam row.
    std::optional<SteamCondition> default_condition;
};
std::shared_ptr<const SteamConstants> build_steam_constants(const RefData& ref);
// The view reindex() built; one built for the call where steam.json changed since or reindex() never ran.
std::shared_ptr<const SteamConstants> steam_constants_of(const RefData& ref);

// nullopt when the condition is outside IF97 regions 1/2 or the temperature is below saturation.
std::optional<SteamCondition> steam_condition(std::optional<double> gauge_pressure_mpa,
                                              std::optional<double> temperature_c, const RefData& ref);

// Heat delivered by one tonne of hot water, GJ/t.
double hot_water_heat_gj_per_t(double supply_c, std::optional<double> return_c, const RefData& ref);

} // namespace selfcheck
