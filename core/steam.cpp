#include "steam.hpp"

#include "if97.hpp"

namespace selfcheck {

namespace {

std::optional<SteamCondition> condition_at(const SteamConstants& constants, std::optional<double> gauge,
                                           std::optional<double> temp_c) {
    SteamCondition s;
    s.defaulted = !gauge;
    s.gauge_pressure_mpa = gauge ? *gauge : constants.default_gauge_pressure_mpa;
    s.abs_pressure_mpa = s.gauge_pressure_mpa + constants.atmospheric_pressure_mpa;
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
    s.heat_gj_per_t = (*h - constants.feedwater_enthalpy_kj_per_kg) / 1000.0;
    return s;
}

} // namespace

std::shared_ptr<const SteamConstants> build_steam_constants(const RefData& ref) {
    auto s = std::make_shared<SteamConstants>();
    const Dataset* d = ref.dataset("steam");
    s->built_from = DatasetStamp::of(d);
    if (d) {
        auto value = [&](std::string_view id, double& out) {
            const RefRecord* r = d->find(id);
            if (r && r->value) out = *r->value;
            return r;
        };
        s->default_gauge_pressure = value("default_gauge_pressure", s->default_gauge_pressure_mpa);
        value("atmospheric_pressure", s->atmospheric_pressure_mpa);
        s->feedwater_enthalpy = value("feedwater_enthalpy", s->feedwater_enthalpy_kj_per_kg);
        value("hot_water_default_return_c", s->hot_water_default_return_c);
        s->hot_water_cp = value("hot_water_cp", s->hot_water_cp_kj_per_kg_k);
        s->pressure_field = d->find("field/steam_pressure_mpa");
    }
    s->default_condition = condition_at(*s, std::nullopt, std::nullopt);
    return s;
}

std::shared_ptr<const SteamConstants> steam_constants_of(const RefData& ref) {
    if (ref.steam_constants && ref.steam_constants->built_from.matches(ref.dataset("steam"))) return ref.steam_constants;
    return build_steam_constants(ref);
}

std::optional<SteamCondition> steam_condition(std::optional<double> gauge, std::optional<double> temp_c,
                                              const RefData& ref) {
    const auto constants = steam_constants_of(ref);
    if (!gauge && !temp_c) return constants->default_condition;
    return condition_at(*constants, gauge, temp_c);
}

double hot_water_heat_gj_per_t(double supply_c, std::optional<double> return_c, const RefData& ref) {
    const auto constants = steam_constants_of(ref);
    const double ret = return_c.value_or(constants->hot_water_default_return_c);
    return constants->hot_water_cp_kj_per_kg_k * (supply_c - ret) / 1000.0;  // kJ/kg = MJ/t -> GJ/t
}

} // namespace selfcheck
