#include "steam.hpp"

#include "if97.hpp"

namespace selfcheck {

namespace {
double steam_value(const RefData& ref, std::string_view id, double fallback) {
    const RefRecord* r = ref.record("steam", id);
    return r && r->value ? *r->value : fallback;
}
} // namespace

std::optional<SteamCondition> steam_condition(std::optional<double> gauge, std::optional<double> temp_c,
                                              const RefData& ref) {
    SteamCondition s;
    s.defaulted = !gauge;
    s.gauge_pressure_mpa = gauge ? *gauge : steam_value(ref, "default_gauge_pressure", 1.0);
    s.abs_pressure_mpa = s.gauge_pressure_mpa + steam_value(ref, "atmospheric_pressure", 0.101325);
    std::optional<double> h;
    if (temp_c) {
        const double t_k = *temp_c + 273.15;
        // Superheated steam must lie above the saturation temperature (region 2).
        if (s.abs_pressure_mpa > if97::p_sat(623.15) || t_k < if97::t_sat(s.abs_pressure_mpa) - 1e-9) return std::nullopt;
        h = if97::h_pt(s.abs_pressure_mpa, t_k);
        s.temperature_c = temp_c;
    } else {
        h = if97::h_sat_vapour(s.abs_pressure_mpa);
    }
    if (!h) return std::nullopt;
    s.enthalpy_kj_per_kg = *h;
    s.heat_gj_per_t = (*h - steam_value(ref, "feedwater_enthalpy", 83.74)) / 1000.0;
    return s;
}

double hot_water_heat_gj_per_t(double supply_c, std::optional<double> return_c, const RefData& ref) {
    const double ret = return_c.value_or(steam_value(ref, "hot_water_default_return_c", 20));
    return steam_value(ref, "hot_water_cp", 4.1868) * (supply_c - ret) / 1000.0;  // kJ/kg = MJ/t -> GJ/t
}

} // namespace selfcheck
