// Retrofit-measure library and economics (measures.md §2, §3, §5). Each measure: an applicability
// rule on the equipment/management input, an engineering formula, parameters from measures.json
// (central value plus the source's low/high), and economics at the user's prices. Savings in tce and
// CO2 use the energy module's carrier coefficients and the emissions module's grid/heat factors.
#include "diagnosis.hpp"
#include "texts.hpp"
#include "intensity.hpp"
#include "energy.hpp"
#include "selfcheck.hpp"
#include "steam.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <stdexcept>
#include <string_view>

namespace selfcheck {

using nlohmann::json;
using namespace equip;

// ---------------------------------------------------------------------------------------------
// Appraisal and engineering formulas

namespace econ {
double npv(double investment, double annual_net, int years, double rate, double degradation) {
    double v = -investment, s = annual_net, disc = 1;
    for (int t = 1; t <= years; ++t) {
        disc *= 1 + rate;
        v += s / disc;
        s *= 1 - degradation;
    }
    return v;
}
std::optional<double> irr(double investment, double annual_net, int years, double degradation) {
    if (investment <= 0 || years <= 0) return std::nullopt;
    double lo = -0.99, hi = 1.0;
    double flo = npv(investment, annual_net, years, lo, degradation), fhi = npv(investment, annual_net, years, hi, degradation);
    if (flo * fhi > 0) {  // measures.md §5 brackets [−0.99, 1.0]; quick paybacks need a wider one
        hi = 10.0;
        fhi = npv(investment, annual_net, years, hi, degradation);
        if (flo * fhi > 0) return std::nullopt;
    }
    // With a saving that stays >= 0 every year, the computed npv() never rises with the rate: each
    // step of it (1 + r, the product, S / disc, the sum) is a rounded operation that is monotone in
    // its inputs. Then "npv(r) > 0" holds exactly below one point and fails above it, and a rate
    // at or below one known to be positive (at or above one known not to be) needs no evaluation:
    // the bisection below takes the same steps and returns the same bits as if it evaluated every
    // midpoint. Newton steps find the root first (to a few ulps, where npv()'s rounding decides
    // the sign), then npv() itself at that rate and a few ulps beside it gives the known points,
    // and the bisection evaluates only the handful of midpoints between them (about 8 npv()
    // calls and 5 Newton steps instead of ~57 npv() calls). Anything else evaluates every midpoint.
    const bool monotone = std::isfinite(investment) && std::isfinite(annual_net) && annual_net >= 0 && degradation >= 0 &&
                          degradation <= 1 && flo > 0;
    double positive_at = lo, not_positive_at = hi;  // npv > 0 at the first, <= 0 at the second
    auto positive = [&](double r) {
        if (monotone && r <= positive_at) return true;
        if (monotone && r >= not_positive_at) return false;
        const bool pos = npv(investment, annual_net, years, r, degradation) > 0;
        if (monotone) (pos ? positive_at : not_positive_at) = r;
        return pos;
    };
    if (monotone) {
        // Newton from the simple payback rate S/I. Only a guide: its sums need not match npv()'s.
        double x = annual_net / investment;
        if (!(x > lo && x < hi)) x = 0.5 * (lo + hi);
        for (int i = 0; i < 40; ++i) {
            double v = -investment, slope = 0, s = annual_net, disc = 1;
            for (int t = 1; t <= years; ++t) {
                disc *= 1 + x;
                const double term = s / disc;
                v += term;
                slope -= t * term;
                s *= 1 - degradation;
            }
            slope /= 1 + x;
            if (!(slope < 0)) break;
            double next = x - v / slope;
            if (!(next > lo && next < hi)) next = 0.5 * (x + (v > 0 ? hi : lo));
            // Quadratic convergence: after a step below 2^-30 of x the next one is within rounding.
            const bool converged = std::fabs(next - x) <= std::fabs(x) * 0x1p-30;
            x = next;
            if (converged) break;
        }
        // The sign at x, then steps away from x (2 ulps, growing 4-fold) until it changes.
        if (x > lo && x < hi) {
            const bool from_below = positive(x);
            double step = std::max(std::fabs(x) * 0x1p-51, 0x1p-58);
            for (int i = 0; i < 60; ++i) {
                const double y = from_below ? positive_at + step : not_positive_at - step;
                if (!(y > positive_at && y < not_positive_at) || positive(y) != from_below) break;
                step *= 4;
            }
        }
    }
    for (int i = 0; i < 200; ++i) {
        const double mid = 0.5 * (lo + hi);
        // lo and hi are adjacent doubles (or equal): mid is one of them and every further step
        // repeats this one, so the remaining iterations change nothing. Stopping here gives the
        // same bits as running all 200 (about 55 steps instead of 200).
        if (positive(mid) == (flo > 0)) {
            if (mid == lo) break;
            lo = mid;
        } else {
            if (mid == hi) break;
            hi = mid;
        }
    }
    return 0.5 * (lo + hi);
}
double crf(double rate, int years) {
    if (years <= 0) return 1;
    if (std::fabs(rate) < 1e-12) return 1.0 / years;
    double g = std::pow(1 + rate, years);
    return rate * g / (g - 1);
}
} // namespace econ

namespace formulas {
double vsd_power_pct(double q) { return 5.9 - 0.19567 * q + 0.00766 * q * q + 0.00004 * q * q * q; }
double affinity_power_fraction(double q, double n) { return std::pow(q, n); }
double transformer_loss_kwh(double p0, double pk, double beta, double hours) { return (p0 + beta * beta * pk) * hours; }
double fuel_saved(double fuel, double eta1, double eta2) { return fuel * (1 - eta1 / eta2); }
double heat_pump_cop(double eta_c, double t_sink, double t_source) { return eta_c * t_sink / (t_sink - t_source); }
double storage_cycle_value(double p_dis, double p_ch, double rte) { return p_dis - p_ch / rte; }
} // namespace formulas

const char* recommendation_status_name(RecommendationStatus s) {
    switch (s) {
    case RecommendationStatus::recommended: return "recommended";
    case RecommendationStatus::cost_only: return "cost_only";
    case RecommendationStatus::not_recommended: return "not_recommended";
    case RecommendationStatus::needs_data: return "needs_data";
    case RecommendationStatus::none: break;
    }
    return "";
}

const char* recommendation_reason_name(RecommendationReason r) {
    switch (r) {
    case RecommendationReason::payback_beyond_life: return "payback_beyond_life";
    case RecommendationReason::npv_not_positive: return "npv_not_positive";
    case RecommendationReason::raises_energy_or_co2: return "raises_energy_or_co2";
    case RecommendationReason::none: break;
    }
    return "";
}

// ---------------------------------------------------------------------------------------------
// Physical quantities

bool Physical::Key::is(std::string_view key) const {
    return key.size() == carrier.size() + name.size() && key.substr(0, carrier.size()) == carrier &&
           key.substr(carrier.size()) == name;
}

void Physical::put(Key key, Value v) {
    if (discards_) return;
    for (auto& e : entries_)
        if (e.key == key) {
            e.value = std::move(v);
            return;
        }
    if (entries_.empty()) entries_.reserve(6);  // a candidate sets 1-6 figures: one allocation, not three
    entries_.push_back({std::move(key), std::move(v)});
}

void Physical::merge(const Physical& other) {
    for (const auto& e : other.entries_) put(e.key, e.value);
}

const Physical::Value* Physical::find(std::string_view key) const {
    for (const auto& e : entries_)
        if (e.key.is(key)) return &e.value;
    return nullptr;
}

std::optional<double> Physical::number(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return std::nullopt;
    if (const double* d = std::get_if<double>(v)) return *d;
    if (const std::int64_t* n = std::get_if<std::int64_t>(v)) return static_cast<double>(*n);
    return std::nullopt;
}

std::optional<bool> Physical::flag(std::string_view key) const {
    const Value* v = find(key);
    if (!v) return std::nullopt;
    if (const bool* b = std::get_if<bool>(v)) return *b;
    return std::nullopt;
}

namespace {

constexpr double k_gj_per_kwh = 0.0036;  // definition: 1 kWh = 3.6 MJ
constexpr double k_yuan_per_10k = 1e4;   // definition: 10k yuan (wan yuan) = 10,000 yuan

// The measures of this file, as measures.json names them ("measure/<name>", "<name>/lifetime").
enum class Measure : std::uint8_t {
    motor_upgrade, motor_system, vsd_pump_fan, pump_fan_replace, air_leak, air_pressure, air_vsd, air_heat_recovery,
    central_air, transformer_upgrade, transformer_consolidate, boiler_tuneup, boiler_economizer, coal_to_gas,
    coal_to_electric, central_steam, waste_heat, orc, heat_pump, textile_cpb, digital_printing, water_reuse,
    paper_shoe_press, led_lighting, pv_rooftop, storage_arbitrage, green_power, energy_management_system, count
};
constexpr std::string_view k_measure_names[] = {
    "motor_upgrade",
    "motor_system",
    "vsd_pump_fan",
    "pump_fan_replace",
    "air_leak",
    "air_pressure",
    "air_vsd",
    "air_heat_recovery",
    "central_air",
    "transformer_upgrade",
    "transformer_consolidate",
    "boiler_tuneup",
    "boiler_economizer",
    "coal_to_gas",
    "coal_to_electric",
    "central_steam",
    "waste_heat",
    "orc",
    "heat_pump",
    "textile_cpb",
    "digital_printing",
    "water_reuse",
    "paper_shoe_press",
    "led_lighting",
    "pv_rooftop",
    "storage_arbitrage",
    "green_power",
    "energy_management_system",
};
static_assert(std::size(k_measure_names) == static_cast<std::size_t>(Measure::count));
constexpr std::size_t k_measure_count = static_cast<std::size_t>(Measure::count);
std::string_view measure_name(Measure m) { return k_measure_names[static_cast<std::size_t>(m)]; }

// Every measures.json parameter the measures read (the tariff by user class and the lifetimes are
// read through MeasureTariff and MeasureDefinition).
enum class Param : std::uint8_t {
    air_heat_recovery_cost_per_unit, air_heat_recovery_displaced_fraction, air_heat_recovery_min_hours,
    air_heat_recovery_min_kw, air_leak_cost_per_site, air_leak_leak_fraction_default, air_leak_leak_fraction_target,
    air_pressure_cost, air_pressure_max_saving_rate, air_pressure_min_excess_mpa, air_pressure_saving_per_bar,
    air_vsd_age_years, air_vsd_saving_rate, air_vsd_specific_power_screen, air_vsd_unit_cost, boiler_mw_per_t_per_h,
    boiler_economizer_k_per_point, boiler_economizer_min_hours, boiler_economizer_saving_rate,
    boiler_economizer_stack_temp_trigger, boiler_economizer_unit_cost, boiler_tuneup_cost, boiler_tuneup_o2_trigger,
    boiler_tuneup_saving_rate, boiler_tuneup_stack_temp_trigger, central_air_min_fad, central_air_saving_rate,
    central_air_specific_power, central_steam_connection_cost, central_steam_own_boiler_om,
    coal_to_electric_efficiency, coal_to_electric_unit_cost, coal_to_gas_max_capacity, coal_to_gas_new_efficiency,
    coal_to_gas_unit_cost, digital_printing_cost_per_printer, digital_printing_energy_saving,
    digital_printing_water_after, digital_printing_water_before, energy_management_system_cost,
    energy_management_system_min_tce, energy_management_system_saving_rate, heat_pump_carnot_efficiency,
    heat_pump_max_temp_hthp, heat_pump_max_temp_standard, heat_pump_min_hours, heat_pump_unit_cost_steam,
    heat_pump_unit_cost_water, kelvin_offset, led_lighting_ballast_electronic, led_lighting_ballast_magnetic,
    led_lighting_fixture_cost, led_lighting_labour_hours, led_lighting_life_hours, led_lighting_min_hours, led_lighting_saving_rate,
    led_lighting_tube_cost, motor_system_oversized_load_factor, motor_system_pm_premium, motor_system_saving_rate,
    motor_upgrade_ie4_premium, motor_upgrade_min_hours, motor_upgrade_rewind_penalty, motor_upgrade_unit_cost,
    orc_efficiency, orc_min_hours, orc_min_kw, paper_shoe_press_dryness_gain, paper_shoe_press_max_dryness,
    paper_shoe_press_steam_per_point, price_coal_delivered, price_electricity_average, price_green_power_premium,
    price_natural_gas, price_pv_export, price_pv_self_use_value, price_steam_central, pump_fan_replace_age_years,
    pump_fan_replace_saving_rate, pump_fan_replace_unit_cost, pv_rooftop_concrete_w_per_m2, pv_rooftop_cover_ratio,
    pv_rooftop_degradation, pv_rooftop_min_area, pv_rooftop_module_area, pv_rooftop_module_w, pv_rooftop_om_cost,
    pv_rooftop_self_use_share, pv_rooftop_specific_yield, pv_rooftop_unit_cost, storage_arbitrage_cycles_per_day,
    storage_arbitrage_days_spring_autumn, storage_arbitrage_days_summer_winter, storage_arbitrage_default_duration,
    storage_arbitrage_derate, storage_arbitrage_om_rate, storage_arbitrage_operating_days,
    storage_arbitrage_round_trip_efficiency, storage_arbitrage_unit_cost, textile_cpb_bleach_saving_rate,
    textile_cpb_saving_rate, transformer_consolidate_cost, transformer_upgrade_hours, transformer_upgrade_light_load,
    transformer_upgrade_unit_cost, vsd_pump_fan_default_saving_rate, vsd_pump_fan_drive_loss, vsd_pump_fan_min_hours,
    vsd_pump_fan_min_kw, vsd_pump_fan_throttle_power_at_half_flow, vsd_pump_fan_unit_cost, waste_heat_min_gas_temp,
    waste_heat_min_hours, waste_heat_min_liquid_temp, waste_heat_process_fuel_saving, waste_heat_unit_cost,
    water_specific_heat, water_reuse_min_m3_per_day, water_reuse_operating_days, water_reuse_target_rate,
    water_reuse_treat_cost, water_reuse_unit_cost, count
};
constexpr std::pair<Param, std::string_view> k_params[] = {
    {Param::air_heat_recovery_cost_per_unit, "air_heat_recovery/cost_per_unit"},
    {Param::air_heat_recovery_displaced_fraction, "air_heat_recovery/displaced_fraction"},
    {Param::air_heat_recovery_min_hours, "air_heat_recovery/min_hours"},
    {Param::air_heat_recovery_min_kw, "air_heat_recovery/min_kw"},
    {Param::air_leak_cost_per_site, "air_leak/cost_per_site"},
    {Param::air_leak_leak_fraction_default, "air_leak/leak_fraction_default"},
    {Param::air_leak_leak_fraction_target, "air_leak/leak_fraction_target"},
    {Param::air_pressure_cost, "air_pressure/cost"},
    {Param::air_pressure_max_saving_rate, "air_pressure/max_saving_rate"},
    {Param::air_pressure_min_excess_mpa, "air_pressure/min_excess_mpa"},
    {Param::air_pressure_saving_per_bar, "air_pressure/saving_per_bar"},
    {Param::air_vsd_age_years, "air_vsd/age_years"},
    {Param::air_vsd_saving_rate, "air_vsd/saving_rate"},
    {Param::air_vsd_specific_power_screen, "air_vsd/specific_power_screen"},
    {Param::air_vsd_unit_cost, "air_vsd/unit_cost"},
    {Param::boiler_mw_per_t_per_h, "boiler/mw_per_t_per_h"},
    {Param::boiler_economizer_k_per_point, "boiler_economizer/k_per_point"},
    {Param::boiler_economizer_min_hours, "boiler_economizer/min_hours"},
    {Param::boiler_economizer_saving_rate, "boiler_economizer/saving_rate"},
    {Param::boiler_economizer_stack_temp_trigger, "boiler_economizer/stack_temp_trigger"},
    {Param::boiler_economizer_unit_cost, "boiler_economizer/unit_cost"},
    {Param::boiler_tuneup_cost, "boiler_tuneup/cost"},
    {Param::boiler_tuneup_o2_trigger, "boiler_tuneup/o2_trigger"},
    {Param::boiler_tuneup_saving_rate, "boiler_tuneup/saving_rate"},
    {Param::boiler_tuneup_stack_temp_trigger, "boiler_tuneup/stack_temp_trigger"},
    {Param::central_air_min_fad, "central_air/min_fad"},
    {Param::central_air_saving_rate, "central_air/saving_rate"},
    {Param::central_air_specific_power, "central_air/specific_power"},
    {Param::central_steam_connection_cost, "central_steam/connection_cost"},
    {Param::central_steam_own_boiler_om, "central_steam/own_boiler_om"},
    {Param::coal_to_electric_efficiency, "coal_to_electric/efficiency"},
    {Param::coal_to_electric_unit_cost, "coal_to_electric/unit_cost"},
    {Param::coal_to_gas_max_capacity, "coal_to_gas/max_capacity"},
    {Param::coal_to_gas_new_efficiency, "coal_to_gas/new_efficiency"},
    {Param::coal_to_gas_unit_cost, "coal_to_gas/unit_cost"},
    {Param::digital_printing_cost_per_printer, "digital_printing/cost_per_printer"},
    {Param::digital_printing_energy_saving, "digital_printing/energy_saving"},
    {Param::digital_printing_water_after, "digital_printing/water_after"},
    {Param::digital_printing_water_before, "digital_printing/water_before"},
    {Param::energy_management_system_cost, "energy_management_system/cost"},
    {Param::energy_management_system_min_tce, "energy_management_system/min_tce"},
    {Param::energy_management_system_saving_rate, "energy_management_system/saving_rate"},
    {Param::heat_pump_carnot_efficiency, "heat_pump/carnot_efficiency"},
    {Param::heat_pump_max_temp_hthp, "heat_pump/max_temp_hthp"},
    {Param::heat_pump_max_temp_standard, "heat_pump/max_temp_standard"},
    {Param::heat_pump_min_hours, "heat_pump/min_hours"},
    {Param::heat_pump_unit_cost_steam, "heat_pump/unit_cost_steam"},
    {Param::heat_pump_unit_cost_water, "heat_pump/unit_cost_water"},
    {Param::kelvin_offset, "kelvin_offset"},
    {Param::led_lighting_ballast_electronic, "led_lighting/ballast_electronic"},
    {Param::led_lighting_ballast_magnetic, "led_lighting/ballast_magnetic"},
    {Param::led_lighting_fixture_cost, "led_lighting/fixture_cost"},
    {Param::led_lighting_labour_hours, "led_lighting/labour_hours"},
    {Param::led_lighting_life_hours, "led_lighting/life_hours"},
    {Param::led_lighting_min_hours, "led_lighting/min_hours"},
    {Param::led_lighting_saving_rate, "led_lighting/saving_rate"},
    {Param::led_lighting_tube_cost, "led_lighting/tube_cost"},
    {Param::motor_system_oversized_load_factor, "motor_system/oversized_load_factor"},
    {Param::motor_system_pm_premium, "motor_system/pm_premium"},
    {Param::motor_system_saving_rate, "motor_system/saving_rate"},
    {Param::motor_upgrade_ie4_premium, "motor_upgrade/ie4_premium"},
    {Param::motor_upgrade_min_hours, "motor_upgrade/min_hours"},
    {Param::motor_upgrade_rewind_penalty, "motor_upgrade/rewind_penalty"},
    {Param::motor_upgrade_unit_cost, "motor_upgrade/unit_cost"},
    {Param::orc_efficiency, "orc/efficiency"},
    {Param::orc_min_hours, "orc/min_hours"},
    {Param::orc_min_kw, "orc/min_kw"},
    {Param::paper_shoe_press_dryness_gain, "paper_shoe_press/dryness_gain"},
    {Param::paper_shoe_press_max_dryness, "paper_shoe_press/max_dryness"},
    {Param::paper_shoe_press_steam_per_point, "paper_shoe_press/steam_per_point"},
    {Param::price_coal_delivered, "price/coal_delivered"},
    {Param::price_electricity_average, "price/electricity_average"},
    {Param::price_green_power_premium, "price/green_power_premium"},
    {Param::price_natural_gas, "price/natural_gas"},
    {Param::price_pv_export, "price/pv_export"},
    {Param::price_pv_self_use_value, "price/pv_self_use_value"},
    {Param::price_steam_central, "price/steam_central"},
    {Param::pump_fan_replace_age_years, "pump_fan_replace/age_years"},
    {Param::pump_fan_replace_saving_rate, "pump_fan_replace/saving_rate"},
    {Param::pump_fan_replace_unit_cost, "pump_fan_replace/unit_cost"},
    {Param::pv_rooftop_concrete_w_per_m2, "pv_rooftop/concrete_w_per_m2"},
    {Param::pv_rooftop_cover_ratio, "pv_rooftop/cover_ratio"},
    {Param::pv_rooftop_degradation, "pv_rooftop/degradation"},
    {Param::pv_rooftop_min_area, "pv_rooftop/min_area"},
    {Param::pv_rooftop_module_area, "pv_rooftop/module_area"},
    {Param::pv_rooftop_module_w, "pv_rooftop/module_w"},
    {Param::pv_rooftop_om_cost, "pv_rooftop/om_cost"},
    {Param::pv_rooftop_self_use_share, "pv_rooftop/self_use_share"},
    {Param::pv_rooftop_specific_yield, "pv_rooftop/specific_yield"},
    {Param::pv_rooftop_unit_cost, "pv_rooftop/unit_cost"},
    {Param::storage_arbitrage_cycles_per_day, "storage_arbitrage/cycles_per_day"},
    {Param::storage_arbitrage_days_spring_autumn, "storage_arbitrage/days_spring_autumn"},
    {Param::storage_arbitrage_days_summer_winter, "storage_arbitrage/days_summer_winter"},
    {Param::storage_arbitrage_default_duration, "storage_arbitrage/default_duration"},
    {Param::storage_arbitrage_derate, "storage_arbitrage/derate"},
    {Param::storage_arbitrage_om_rate, "storage_arbitrage/om_rate"},
    {Param::storage_arbitrage_operating_days, "storage_arbitrage/operating_days"},
    {Param::storage_arbitrage_round_trip_efficiency, "storage_arbitrage/round_trip_efficiency"},
    {Param::storage_arbitrage_unit_cost, "storage_arbitrage/unit_cost"},
    {Param::textile_cpb_bleach_saving_rate, "textile_cpb/bleach_saving_rate"},
    {Param::textile_cpb_saving_rate, "textile_cpb/saving_rate"},
    {Param::transformer_consolidate_cost, "transformer_consolidate/cost"},
    {Param::transformer_upgrade_hours, "transformer_upgrade/hours"},
    {Param::transformer_upgrade_light_load, "transformer_upgrade/light_load"},
    {Param::transformer_upgrade_unit_cost, "transformer_upgrade/unit_cost"},
    {Param::vsd_pump_fan_default_saving_rate, "vsd_pump_fan/default_saving_rate"},
    {Param::vsd_pump_fan_drive_loss, "vsd_pump_fan/drive_loss"},
    {Param::vsd_pump_fan_min_hours, "vsd_pump_fan/min_hours"},
    {Param::vsd_pump_fan_min_kw, "vsd_pump_fan/min_kw"},
    {Param::vsd_pump_fan_throttle_power_at_half_flow, "vsd_pump_fan/throttle_power_at_half_flow"},
    {Param::vsd_pump_fan_unit_cost, "vsd_pump_fan/unit_cost"},
    {Param::waste_heat_min_gas_temp, "waste_heat/min_gas_temp"},
    {Param::waste_heat_min_hours, "waste_heat/min_hours"},
    {Param::waste_heat_min_liquid_temp, "waste_heat/min_liquid_temp"},
    {Param::waste_heat_process_fuel_saving, "waste_heat/process_fuel_saving"},
    {Param::waste_heat_unit_cost, "waste_heat/unit_cost"},
    {Param::water_specific_heat, "water/specific_heat"},
    {Param::water_reuse_min_m3_per_day, "water_reuse/min_m3_per_day"},
    {Param::water_reuse_operating_days, "water_reuse/operating_days"},
    {Param::water_reuse_target_rate, "water_reuse/target_rate"},
    {Param::water_reuse_treat_cost, "water_reuse/treat_cost"},
    {Param::water_reuse_unit_cost, "water_reuse/unit_cost"},
};
static_assert([] {
    for (std::size_t i = 0; i < std::size(k_params); ++i)
        if (k_params[i].first != static_cast<Param>(i)) return false;
    return std::size(k_params) == static_cast<std::size_t>(Param::count);
}(), "k_params lists every Param once, in the enum's order");
constexpr std::string_view k_tariff_prefix = "tariff/zj2024/";  // + "<user class>/<part>"

// What a candidate reduces: one equipment row's electricity, heat, transformer losses ..., or a
// quantity of the whole site. Written as text ("elec:3", "site") only in the result's items.
enum class TargetKind : std::uint8_t { none, elec, heat, tx, orc, pv, water, purchased_heat, site, elec_all, air, storage, green };
struct Target {
    TargetKind kind = TargetKind::none;
    int row = -1;  // the equipment row of the per-row kinds
    bool operator==(const Target&) const = default;
    std::string text() const {
        constexpr const char* names[] = {"", "elec", "heat", "tx", "orc", "pv", "water", "purchased_heat", "site", "elec_all", "air", "storage", "green"};
        const char* name = names[static_cast<std::size_t>(kind)];
        return row < 0 ? std::string(name) : std::string(name) + ":" + std::to_string(row);
    }
};
Target row_target(TargetKind kind, std::size_t row) { return {kind, static_cast<int>(row)}; }

// Alternatives on one target: only one of a group goes into a portfolio.
enum class ExclusiveGroup : std::uint8_t { none, air_supply, boiler_switch };
struct Exclusive {
    ExclusiveGroup group = ExclusiveGroup::none;
    Target on;  // boiler_switch: the boiler's heat
    bool operator==(const Exclusive&) const = default;
    bool empty() const { return group == ExclusiveGroup::none; }
    // The group as the portfolio has always ordered them (required: by this text).
    std::string text() const { return group == ExclusiveGroup::air_supply ? "air_supply" : "boiler_switch|" + on.text(); }
};

// One measure applied to one target (an equipment row, a boiler's heat, the site).
struct Cand {
    Measure id = Measure::count;
    Target target;                 // what it reduces
    double target_base_tce = 0;    // the target's energy before any measure
    double target_reduction_tce = 0;
    std::array<Target, 2> scaled_by{};  // targets whose remaining share scales this measure (none: unused)
    Exclusive exclusive;
    bool compliance_required = false;
    double tce = 0, tco2 = 0, elec_kwh = 0;
    // Market-based CO2 (GB/T 36132-2025 Annex B; MEE/NBS residual factor): set by green power, else
    // tco2 with the electricity part at the residual instead of the average factor (see run()).
    std::optional<double> tco2_market;
    double invest = 0;             // yuan
    bool invest_known = true;
    double annual_net = 0;         // yuan/yr, energy-cost saving minus O&M
    bool saving_known = true;
    int life = 1;
    double degradation = 0;
    Physical physical;
    std::vector<MeasureNote> notes;
    std::vector<MeasureNeed> needs;
    int row = -1;
    bool keeps_details = true;  // false in the low and high runs (Ctx::cand): no notes, needs or figures

    void note(MeasureNote n) {
        if (keeps_details) notes.push_back(std::move(n));
    }
    void need(MeasureNeed n) {
        if (keeps_details) needs.push_back(std::move(n));
    }
};

struct NotEvaluated {
    Measure id;
    int row;
    std::vector<NeedId> needs;
};

// ---- the site's heat supply: the first fuel boiler, else purchased steam/heat
struct HeatSupply {
    Target target;
    std::string carrier;
    double eta = 1;
    double base_quantity = 0;  // carrier base units per year
    int row = -1;
};

// What the three runs find alike (it depends on the input and the energy result, not on the
// parameters): found by the first run that asks, read by the others.
struct RunsShared {
    std::optional<std::optional<HeatSupply>> heat_supply;
    std::optional<double> steam_gj_per_t;  // Ctx::steam_gj_per_t(): the default condition costs an IF97 solve
};

struct Ctx {
    const Input& in;
    const Result& res;
    const RefData& ref;
    int variant = 1;  // 0 low, 1 central, 2 high parameter values
    std::vector<Cand> out;
    std::vector<NotEvaluated> missing;

    // The parameters as RefData::reindex() parsed them; a RefData that was never loaded gets its own.
    std::shared_ptr<const MeasureLibrary> library = measure_library_of(ref);

    double read(const MeasureParameter& m) const {
        if (!m.error[variant].empty()) throw std::logic_error(m.error[variant]);
        return m.value[variant];
    }
    double p(Param id) const { return read(library->parameters[static_cast<std::size_t>(id)]); }
    int life(Measure id) const {
        return std::max(1, static_cast<int>(std::lround(read(library->measures[static_cast<std::size_t>(id)].lifetime))));
    }
    // The 2024 Zhejiang TOU tariff of a user class; a class with no records on file is missing data.
    const MeasureTariff& tariff(const std::string& user_class) const {
        for (const auto& t : library->tariffs)
            if (t.user_class == user_class) return t;
        throw std::logic_error("measures.json lacks " + std::string(k_tariff_prefix) + user_class + "/flat");
    }

    // Energy-module coefficients, per carrier base unit (site average where the site measured NCV).
    double tce_per_base(const std::string& carrier) const {
        double q = 0, t = 0;
        for (const auto& c : res.energy.by_carrier)
            if (c.carrier == carrier && !c.feedstock) q += c.base_quantity, t += c.tce;
        if (q > 0) return t / q;
        auto it = ref.carriers.find(carrier);
        return it == ref.carriers.end() ? 0 : it->second.kgce_per_base / 1000.0;
    }
    double tco2_per_base(const std::string& carrier) const {
        auto it = ref.carriers.find(carrier);
        if (it == ref.carriers.end()) return 0;
        const Carrier& c = it->second;
        if (c.group == "electricity") return res.emissions.grid_factor_tco2_per_mwh / 1000.0;
        if (c.group == "heat") {
            // Steam per kg: the same enthalpy heat the emissions module used (core/steam.hpp).
            double gj = c.base_unit == BaseUnit::GJ ? 1 : carrier == "steam" ? steam_gj_per_t() / 1000.0
                                                                              : c.ncv_kj_per_base.value_or(0) / 1e6;
            return gj * res.emissions.heat_factor_tco2_per_gj;
        }
        double q = 0, t = 0;
        for (const auto& ce : res.energy.by_carrier)
            if (ce.carrier == carrier && !ce.feedstock) q += ce.base_quantity, t += ce.tco2;
        if (q > 0) return t / q;
        if (!c.carbon_tc_per_tj || !c.oxidation || !c.ncv_kj_per_base) return 0;
        return *c.ncv_kj_per_base * 1e-9 * *c.carbon_tc_per_tj * *c.oxidation * ref.constant("co2_per_c");
    }
    // Heat per tonne of steam for CO2 and for heat-side savings: the site's metered steam condition
    // (co2_heat_gj of its steam rows), else the documented default condition (steam.json). Found
    // once for the three runs: every steam candidate and coefficient reads it.
    double steam_gj_per_t() const {
        if (!shared) return find_steam_gj_per_t();
        if (!shared->steam_gj_per_t) shared->steam_gj_per_t = find_steam_gj_per_t();
        return *shared->steam_gj_per_t;
    }
    double find_steam_gj_per_t() const {
        double t = 0, gj = 0;
        for (const auto& ce : res.energy.by_carrier)
            if (ce.carrier == "steam" && !ce.feedstock && ce.co2_heat_gj) t += ce.base_quantity / 1000.0, gj += *ce.co2_heat_gj;
        if (t > 0) return gj / t;
        auto d = steam_condition(std::nullopt, std::nullopt, ref);
        return d ? d->heat_gj_per_t : 0;
    }
    double ncv_gj_per_base(const std::string& carrier) const {
        auto it = ref.carriers.find(carrier);
        if (it == ref.carriers.end()) return 0;
        if (it->second.base_unit == BaseUnit::GJ) return 1;
        return it->second.ncv_kj_per_base.value_or(0) / 1e6;
    }
    // Price per base unit at the user's prices or the measures.json defaults; empty when unknown.
    std::optional<double> price_per_base(const std::string& carrier) const {
        const Options& o = in.options;
        if (carrier == "electricity") return o.electricity_price_yuan_per_kwh.value_or(p(Param::price_electricity_average));
        if (carrier == "raw_coal" || carrier == "washed_coal") return o.coal_price_yuan_per_t.value_or(p(Param::price_coal_delivered)) / 1000.0;
        if (carrier == "natural_gas") return o.natural_gas_price_yuan_per_m3.value_or(p(Param::price_natural_gas));
        if (carrier == "steam") return o.steam_price_yuan_per_t.value_or(p(Param::price_steam_central)) / 1000.0;
        return std::nullopt;
    }
    // Electricity's coefficient and price are read by every electric candidate: computed once per
    // run, on first use (a run that needs neither reads no parameter it would not read today).
    double elec_tce_per_kwh() const {
        if (!elec_tce_cache) elec_tce_cache = tce_per_base("electricity");
        return *elec_tce_cache;
    }
    double elec_price() const {
        if (!elec_price_cache) elec_price_cache = *price_per_base("electricity");
        return *elec_price_cache;
    }
    mutable std::optional<double> elec_tce_cache, elec_price_cache;
    RunsShared* shared = nullptr;  // run() sets it
    double grid_t_per_kwh() const { return res.emissions.grid_factor_tco2_per_mwh / 1000.0; }
    int year() const { return in.enterprise.year > 0 ? in.enterprise.year : 2025; }

    // Only the central run's candidates are written with their figures, needs and the measures it
    // could not evaluate; the low and high runs give their totals (the result's ranges) and skip
    // building what nothing reads.
    bool writes_details() const { return variant == 1; }
    Cand cand(Measure id) const {
        Cand k;
        k.id = id;
        if (!writes_details()) {
            k.keeps_details = false;
            k.physical = Physical::discarding();
        }
        return k;
    }
    void need(Measure id, int row, std::initializer_list<NeedId> fields) {
        if (writes_details()) missing.push_back({id, row, fields});
    }
};

// An electricity saving on one target.
Cand elec_cand(Ctx& c, Measure id, Target target, double base_kwh, double saved_kwh,
               double invest, int life, double om = 0) {
    Cand k = c.cand(id);
    k.target = target;
    k.target_base_tce = base_kwh * c.elec_tce_per_kwh();
    k.tce = saved_kwh * c.elec_tce_per_kwh();
    k.target_reduction_tce = k.tce;
    k.scaled_by = {target};
    k.tco2 = saved_kwh * c.grid_t_per_kwh();
    k.elec_kwh = saved_kwh;
    k.invest = invest;
    k.annual_net = saved_kwh * c.elec_price() - om;
    k.life = life;
    k.physical.set("electricity_kwh", saved_kwh);
    return k;
}

std::optional<HeatSupply> heat_supply(const Ctx& c) {
    const auto& items = c.in.equipment.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        if (items[i].type != "boiler") continue;
        auto f = boiler_fuel(c.in, c.res, c.ref, i);
        if (!f || f->carrier == "electricity") continue;
        return HeatSupply{row_target(TargetKind::heat, i), f->carrier, boiler_efficiency(items[i], c.ref, f->carrier), f->base_quantity, static_cast<int>(i)};
    }
    for (const auto& ce : c.res.energy.by_carrier) {
        auto it = c.ref.carriers.find(ce.carrier);
        if (it != c.ref.carriers.end() && it->second.group == "heat" && !ce.feedstock && ce.base_quantity > 0)
            return HeatSupply{{TargetKind::purchased_heat}, ce.carrier, 1, ce.base_quantity, -1};
    }
    return std::nullopt;
}

// Base units of the supply's carrier that deliver `gj` of useful heat.
double heat_to_base(const Ctx& c, const HeatSupply& h, double gj) {
    if (h.carrier == "steam") return gj / c.steam_gj_per_t() * 1000.0;  // kg of steam
    double ncv = c.ncv_gj_per_base(h.carrier);
    return ncv > 0 ? gj / h.eta / ncv : 0;
}

// A heat saving of `gj` useful heat on the site's heat supply.
bool heat_cand(Ctx& c, Cand& k, double gj) {
    if (!c.shared->heat_supply) c.shared->heat_supply = heat_supply(c);
    const std::optional<HeatSupply>& h = *c.shared->heat_supply;
    if (!h) {
        k.note({NoteId::heat_not_valued});
        k.need({NeedId::heat_supply});
        return false;
    }
    double base = heat_to_base(c, *h, gj);
    if (base > h->base_quantity) base = h->base_quantity;  // cannot save more than the supply
    k.target = h->target;
    const double tce_per_base = c.tce_per_base(h->carrier);
    k.target_base_tce = h->base_quantity * tce_per_base;
    k.tce += base * tce_per_base;
    k.target_reduction_tce = base * tce_per_base;
    k.tco2 += base * c.tco2_per_base(h->carrier);
    auto price = c.price_per_base(h->carrier);
    if (price) k.annual_net += base * *price;
    else {
        k.saving_known = false;
        k.need({NeedId::carrier_price, h->carrier});
    }
    k.physical.set("heat_gj", gj);
    k.physical.set(h->carrier, "_base_units", base);
    k.physical.set("heat_supply", h->carrier);
    return true;
}

bool throttled(const EquipmentItem& e) {
    std::string fc = field_str(e, "flow_control");
    if (fc == "throttle" || fc == "damper" || fc == "bypass" || fc == "inlet_vanes" || fc == "on_off") return true;
    return e.type == "motor" && fc.empty() && field_str(e, "speed_control") == "none";
}

bool fixed_speed(const EquipmentItem& e) {
    std::string s = field_str(e, "speed_control");
    return s != "vsd" && s != "vfd";
}

// ---------------------------------------------------------------------------------------------
// Measures

void motors(Ctx& c) {
    const auto& items = c.in.equipment.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "motor" && e.type != "pump" && e.type != "fan") continue;
        std::string cls = motor_class(e, c.ref);
        auto kw = field_num(e, "rated_kw"), lf = field_num(e, "load_factor"), h = field_num(e, "hours_per_year");
        if (cls == "IE1" || cls == "IE2") {
            if (!kw || !lf || !h) {
                c.need(Measure::motor_upgrade, static_cast<int>(i), {NeedId::rated_kw, NeedId::load_factor, NeedId::hours_per_year});
            } else if (*kw <= 375) {  // measures.md §2 #1a: 3-phase LV induction motors 0.75–375 kW
                double eta_old = *motor_efficiency(c.ref, cls, *kw) - field_num(e, "rewinds").value_or(0) * c.p(Param::motor_upgrade_rewind_penalty);
                double eta_new = *motor_efficiency(c.ref, "IE4", *kw);
                double shaft_kwh = *kw * *lf * *h * e.count;
                double base = shaft_kwh / eta_old;
                double saved = shaft_kwh * (1 / eta_old - 1 / eta_new);
                double invest = *kw * e.count * c.p(Param::motor_upgrade_unit_cost) * (1 + c.p(Param::motor_upgrade_ie4_premium));
                Cand k = elec_cand(c, Measure::motor_upgrade, row_target(TargetKind::elec, i), base, saved, invest, c.life(Measure::motor_upgrade));
                k.row = static_cast<int>(i);
                k.physical.set("eta_old", eta_old);
                k.physical.set("eta_new", eta_new);
                k.physical.set("class_old", cls);
                k.physical.set("class_new", "IE4");
                if (const double min_hours = c.p(Param::motor_upgrade_min_hours); *h < min_hours)
                    k.note({NoteId::replace_at_failure, {}, {}, {min_hours}});
                // GB 18613-2020 grades differ by pole count; only the 4-pole IE rows are on file.
                if (auto poles = field_num(e, "poles"); poles && *poles != 4)
                    k.need({NeedId::nameplate_efficiency});
                c.out.push_back(std::move(k));
            }
        }
        if (e.type == "motor" && kw && lf && h) {
            std::string tr = field_str(e, "transmission");
            if (*lf < c.p(Param::motor_system_oversized_load_factor) || tr == "v_belt" || tr == "worm_gear") {
                double base = *electric_kwh(e, c.ref);
                double saved = base * c.p(Param::motor_system_saving_rate);
                double invest = *kw * e.count * c.p(Param::motor_upgrade_unit_cost) * (1 + c.p(Param::motor_system_pm_premium));
                Cand k = elec_cand(c, Measure::motor_system, row_target(TargetKind::elec, i), base, saved, invest, c.life(Measure::motor_system));
                k.row = static_cast<int>(i);
                c.out.push_back(std::move(k));
            }
        }
    }
}

void pumps_fans(Ctx& c) {
    const auto& items = c.in.equipment.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (!is_pump_or_fan(e)) continue;
        auto kw = field_num(e, "rated_kw"), h = field_num(e, "hours_per_year");
        auto base = electric_kwh(e, c.ref);
        if (throttled(e) && kw && *kw >= c.p(Param::vsd_pump_fan_min_kw)) {
            if (!h || !base) {
                c.need(Measure::vsd_pump_fan, static_cast<int>(i), {NeedId::hours_per_year, NeedId::load_factor});
            } else if (*h >= c.p(Param::vsd_pump_fan_min_hours)) {
                double saved;
                Physical phys;
                if (auto q = field_num(e, "mean_flow_fraction")) {
                    // Throttled baseline: linear from 100% of design power at full flow to the
                    // source's share at half flow. VSD from the generic curve, which already carries
                    // the drive losses (it gives 102.9% of design power at full flow), so they are
                    // counted once; the pure affinity-law bounds get the drive loss added.
                    double a = c.p(Param::vsd_pump_fan_throttle_power_at_half_flow);
                    double throttle = 1 - (1 - a) * (1 - *q) / 0.5;
                    double design_kwh = *base / throttle;
                    double loss = 1 + c.p(Param::vsd_pump_fan_drive_loss);
                    double vsd_kwh = design_kwh * formulas::vsd_power_pct(*q * 100) / 100;
                    saved = std::max(0.0, *base - vsd_kwh);
                    phys.set("mean_flow_fraction", *q);
                    phys.set("vsd_power_fraction_of_design", formulas::vsd_power_pct(*q * 100) / 100);
                    phys.set("affinity_bounds_kwh",
                             Physical::Pair{std::max(0.0, *base - design_kwh * formulas::affinity_power_fraction(*q, 2.0) * loss),
                                            std::max(0.0, *base - design_kwh * formulas::affinity_power_fraction(*q, 2.7) * loss)});
                } else {
                    saved = *base * c.p(Param::vsd_pump_fan_default_saving_rate);
                    phys.set("method", "default saving rate (20–50% of throttled pump/fan kWh)");
                }
                Cand k = elec_cand(c, Measure::vsd_pump_fan, row_target(TargetKind::elec, i), *base, saved, *kw * e.count * c.p(Param::vsd_pump_fan_unit_cost),
                                   c.life(Measure::vsd_pump_fan));
                k.row = static_cast<int>(i);
                k.physical.merge(phys);
                if (!field_num(e, "mean_flow_fraction")) k.need({NeedId::mean_flow_fraction});
                if (e.type == "motor") k.note({NoteId::throttling_assumed});
                c.out.push_back(std::move(k));
            }
        }
        if ((e.type == "pump" || e.type == "fan") && base) {
            auto y = field_num(e, "year_installed");
            if (y && c.year() - *y > c.p(Param::pump_fan_replace_age_years)) {
                double saved = *base * c.p(Param::pump_fan_replace_saving_rate);
                Cand k = elec_cand(c, Measure::pump_fan_replace, row_target(TargetKind::elec, i), *base, saved,
                                   *kw * e.count * c.p(Param::pump_fan_replace_unit_cost), c.life(Measure::pump_fan_replace));
                k.row = static_cast<int>(i);
                c.out.push_back(std::move(k));
            }
        }
    }
}

void compressed_air(Ctx& c) {
    const auto& items = c.in.equipment.items;
    const bool programme = mgmt_bool(c.in.management, "leak_programme").value_or(false);
    double untested_kwh = 0, fleet_kwh = 0, fleet_fad = 0, fleet_after = 0;
    int units = 0;
    bool all_sp = true;
    for (const auto& e : items)
        if (e.type == "air_compressor") {
            auto k = electric_kwh(e, c.ref);
            if (k && !leak_tested(e) && !programme) untested_kwh += *k;
        }
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "air_compressor") continue;
        auto base = electric_kwh(e, c.ref);
        auto kw = field_num(e, "rated_kw");
        if (!base) {
            c.need(Measure::air_leak, static_cast<int>(i), {NeedId::rated_kw, NeedId::load_factor, NeedId::hours_per_year});
            continue;
        }
        units += e.count;
        fleet_kwh += *base;
        auto fad = field_num(e, "fad_m3_per_min");
        fleet_fad += fad.value_or(0) * e.count;
        if (fad && field_num(e, "load_factor") && field_num(e, "hours_per_year"))
            fleet_after += *fad * e.count * *field_num(e, "load_factor") * *field_num(e, "hours_per_year");
        else all_sp = false;
        const Target t = row_target(TargetKind::elec, i);
        if (!leak_tested(e) && !programme && untested_kwh > 0) {
            double l = field_num(e, "leak_fraction").value_or(c.p(Param::air_leak_leak_fraction_default));
            double saved = *base * std::max(0.0, l - c.p(Param::air_leak_leak_fraction_target));
            Cand k = elec_cand(c, Measure::air_leak, t, *base, saved, c.p(Param::air_leak_cost_per_site) * *base / untested_kwh, c.life(Measure::air_leak));
            k.row = static_cast<int>(i);
            k.physical.set("leak_fraction", l);
            if (!field_num(e, "leak_fraction")) k.need({NeedId::leak_fraction});
            c.out.push_back(std::move(k));
        }
        auto pr = field_num(e, "pressure_mpa"), req = field_num(e, "required_pressure_mpa");
        if (pr && req && *pr - *req > c.p(Param::air_pressure_min_excess_mpa)) {
            double rate = std::min(c.p(Param::air_pressure_max_saving_rate), c.p(Param::air_pressure_saving_per_bar) * (*pr - *req) / 0.1);
            Cand k = elec_cand(c, Measure::air_pressure, t, *base, *base * rate, c.p(Param::air_pressure_cost), c.life(Measure::air_pressure));
            k.row = static_cast<int>(i);
            k.physical.set("pressure_reduction_mpa", *pr - *req);
            c.out.push_back(std::move(k));
        } else if (pr && !req) {
            c.need(Measure::air_pressure, static_cast<int>(i), {NeedId::required_pressure_mpa});
        }
        auto lf = field_num(e, "load_factor");
        auto sp = field_num(e, "specific_power_kw_per_m3_min");
        auto y = field_num(e, "year_installed");
        if (kw && fixed_speed(e) &&
            ((lf && *lf >= 0.4 && *lf <= 0.8) || (sp && *sp > c.p(Param::air_vsd_specific_power_screen)) ||
             (y && c.year() - *y > c.p(Param::air_vsd_age_years)))) {
            Cand k = elec_cand(c, Measure::air_vsd, t, *base, *base * c.p(Param::air_vsd_saving_rate), *kw * e.count * c.p(Param::air_vsd_unit_cost),
                               c.life(Measure::air_vsd));
            k.row = static_cast<int>(i);
            k.exclusive = {ExclusiveGroup::air_supply};
            c.out.push_back(std::move(k));
        }
        std::string type = field_str(e, "compressor_type");
        bool oil_screw = type.find("screw") != std::string::npos && type.find("oil_free") == std::string::npos;
        auto h = field_num(e, "hours_per_year");
        if (oil_screw && kw && *kw >= c.p(Param::air_heat_recovery_min_kw) && h && *h >= c.p(Param::air_heat_recovery_min_hours) &&
            !field_bool(e, "heat_recovery").value_or(false)) {
            Cand k = c.cand(Measure::air_heat_recovery);
            k.row = static_cast<int>(i);
            k.invest = c.p(Param::air_heat_recovery_cost_per_unit) * e.count;
            k.life = c.life(Measure::air_heat_recovery);
            double gj = *base * c.p(Param::air_heat_recovery_displaced_fraction) * k_gj_per_kwh;
            if (heat_cand(c, k, gj)) {
                k.scaled_by = {t, k.target};
                c.out.push_back(std::move(k));
            } else {
                c.need(Measure::air_heat_recovery, static_cast<int>(i), {NeedId::heat_demand});
            }
        }
    }
    const bool fibre = c.in.enterprise.industry.rfind("C28", 0) == 0;
    if ((units >= 3 && fleet_fad >= c.p(Param::central_air_min_fad)) || (fibre && units >= 2)) {
        double saved = all_sp ? std::max(0.0, fleet_kwh - fleet_after * c.p(Param::central_air_specific_power))
                              : fleet_kwh * c.p(Param::central_air_saving_rate);
        if (saved <= 0) return;
        Cand k = elec_cand(c, Measure::central_air, {TargetKind::air}, fleet_kwh, saved, 0, c.life(Measure::central_air));
        k.invest_known = false;
        k.need({NeedId::air_station_quote});
        k.exclusive = {ExclusiveGroup::air_supply};
        k.physical.set("fleet_fad_m3_per_min", fleet_fad);
        k.physical.set("method", all_sp ? "E_before − Q·SP_central·h" : "10–25% of fleet kWh");
        c.out.push_back(std::move(k));
    }
}

// Whether a kVA lay outside the loss table it was read from, and the table's kVA span (the note says it).
struct TableLookup {
    bool extrapolated = false;
    double first_kva = 0, last_kva = 0;
};

// No-load/load loss of a series at a kVA, interpolated (and linearly extrapolated) in the table.
std::optional<double> tx_table(const TransformerLossTable& t, double kva, TableLookup& lookup) {
    if (!t.on_file) return std::nullopt;
    if (!t.error.empty()) throw std::runtime_error(t.error);
    std::size_t n = t.kva.size();
    if (n < 2 || t.loss_kw.size() != n) return std::nullopt;
    std::size_t k = 1;
    while (k < n - 1 && kva > t.kva_at(k)) ++k;
    lookup = {kva < t.kva_at(0) || kva > t.kva_at(n - 1), t.kva_at(0), t.kva_at(n - 1)};
    double x0 = t.kva_at(k - 1), x1 = t.kva_at(k), y0 = t.loss_at(k - 1), y1 = t.loss_at(k);
    return std::max(0.0, y0 + (y1 - y0) * (kva - x0) / (x1 - x0));
}

// The no-load table of a table series (the view holds one for every series the map names, and S13).
const TransformerLossTable& no_load_table(const EquipmentStandards& st, std::string_view table) {
    for (const auto& [name, t] : st.transformer_no_load_loss)
        if (name == table) return t;
    static const TransformerLossTable none;
    return none;
}

void transformers(Ctx& c) {
    const auto& items = c.in.equipment.items;
    const auto standards = standards_of(c.ref);
    const EquipmentStandards& st = *standards;
    if (!st.transformer_series_on_file) return;
    const std::vector<std::string>& below_list = st.transformer_below_current.members();
    auto below = [&](const std::string& series) { return std::find(below_list.begin(), below_list.end(), series) != below_list.end(); };
    auto table_of = [&](const std::string& series) {
        for (const auto& ts : st.transformer_table_series)
            if (ts.series == series) {
                if (!ts.error.empty()) throw std::runtime_error(ts.error);
                return ts.table;
            }
        return std::string();
    };
    const double hours = c.p(Param::transformer_upgrade_hours);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "transformer") continue;
        std::string s = upper(field_str(e, "series"));
        s = s.substr(0, s.find_first_of("-_ "));
        auto kva = field_num(e, "rated_kva");
        auto beta = field_num(e, "load_factor");
        if (!kva || !beta) {
            if (below(s)) c.need(Measure::transformer_upgrade, static_cast<int>(i), {NeedId::rated_kva, NeedId::load_factor});
            continue;
        }
        TableLookup ext, ext2;
        std::string tab = table_of(s);
        auto p0_old = field_num(e, "no_load_loss_kw");
        if (!p0_old && !tab.empty()) p0_old = tx_table(no_load_table(st, tab), *kva, ext);
        auto pk = field_num(e, "load_loss_kw");
        auto pk_tab = tx_table(st.transformer_load_loss, *kva, ext2);
        if (!pk) pk = pk_tab;
        if (!p0_old || !pk) continue;
        double base_kwh = formulas::transformer_loss_kwh(*p0_old, *pk, *beta, hours) * e.count;
        if (below(s)) {
            auto p0_new = tx_table(no_load_table(st, "S13"), *kva, ext2);
            if (p0_new) {
                double pk_new = pk_tab.value_or(*pk);
                double new_kwh = formulas::transformer_loss_kwh(*p0_new, std::min(pk_new, *pk), *beta, hours) * e.count;
                Cand k = elec_cand(c, Measure::transformer_upgrade, row_target(TargetKind::tx, i), base_kwh, std::max(0.0, base_kwh - new_kwh),
                                   *kva * e.count * c.p(Param::transformer_upgrade_unit_cost), c.life(Measure::transformer_upgrade));
                k.row = static_cast<int>(i);
                k.physical.set("no_load_loss_old_kw", *p0_old);
                k.physical.set("no_load_loss_new_kw", *p0_new);
                k.physical.set("load_loss_kw", *pk);
                k.physical.set("target_series", "S13");
                if (ext.extrapolated || ext2.extrapolated) {
                    const TableLookup& t = ext.extrapolated ? ext : ext2;
                    k.note({NoteId::transformer_loss_extrapolated, {}, {}, {t.first_kva, t.last_kva}});
                }
                c.out.push_back(std::move(k));
            }
        }
        if (e.count >= 2 && *beta < c.p(Param::transformer_upgrade_light_load)) {
            // Switch one of two equal units off: the other carries both loads (β → 2β).
            double saved = (*p0_old - 2 * *beta * *beta * *pk) * hours;
            if (saved > 0) {
                Cand k = elec_cand(c, Measure::transformer_consolidate, row_target(TargetKind::tx, i), base_kwh, saved,
                                   c.p(Param::transformer_consolidate_cost), c.life(Measure::transformer_consolidate));
                k.row = static_cast<int>(i);
                k.physical.set("load_factor_after", 2 * *beta);
                c.out.push_back(std::move(k));
            }
        }
    }
}

void boilers(Ctx& c) {
    const auto& items = c.in.equipment.items;
    const auto& ind = c.in.enterprise.industry;
    bool plan_industry = false;
    for (const auto& s : standards_of(c.ref)->coal_boiler_plan_industries.members())
        if (ind.rfind(s, 0) == 0) plan_industry = true;
    const bool central = mgmt_bool(c.in.management, "central_heating_available").value_or(false);
    const bool gas_main = mgmt_bool(c.in.management, "gas_main_available").value_or(true);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "boiler") continue;
        auto fu = boiler_fuel(c.in, c.res, c.ref, i);
        if (!fu || fu->carrier == "electricity") {
            if (!fu) c.need(Measure::boiler_tuneup, static_cast<int>(i), {NeedId::fuel, NeedId::fuel_quantity});
            continue;
        }
        const std::string& fuel = fu->carrier;
        const double F = fu->base_quantity;
        const double tce_b = c.tce_per_base(fuel), co2_b = c.tco2_per_base(fuel);
        const auto price = c.price_per_base(fuel);
        const double eta = boiler_efficiency(e, c.ref, fuel);
        const auto cap = boiler_capacity_t_per_h(e, c.ref);
        const Target t = row_target(TargetKind::heat, i);
        const double base_tce = F * tce_b;
        auto fuel_cand = [&](Measure id, double saved_fuel, double invest) {
            Cand k = c.cand(id);
            k.row = static_cast<int>(i);
            k.target = t;
            k.target_base_tce = base_tce;
            k.tce = saved_fuel * tce_b;
            k.target_reduction_tce = k.tce;
            k.scaled_by = {t};
            k.tco2 = saved_fuel * co2_b;
            k.invest = invest;
            if (price) k.annual_net = saved_fuel * *price;
            else {
                k.saving_known = false;
                k.need({NeedId::carrier_price, fuel});
            }
            k.life = c.life(id);
            k.physical.clear();
            k.physical.set(fuel, "_base_units", saved_fuel);
            if (fu->from_site_energy) k.note({NoteId::boiler_fuel_allocated, fuel});
            return k;
        };
        auto flue = field_num(e, "flue_temp_c");
        auto o2 = field_num(e, "flue_o2_pct");
        bool tune = field_bool(e, "annual_tune_up").has_value() ? !*field_bool(e, "annual_tune_up") : false;
        if ((flue && *flue > c.p(Param::boiler_tuneup_stack_temp_trigger)) || (o2 && *o2 > c.p(Param::boiler_tuneup_o2_trigger)) || tune)
            c.out.push_back(fuel_cand(Measure::boiler_tuneup, F * c.p(Param::boiler_tuneup_saving_rate), c.p(Param::boiler_tuneup_cost)));
        auto h = field_num(e, "hours_per_year");
        if (flue && *flue > c.p(Param::boiler_economizer_stack_temp_trigger) && !field_bool(e, "economizer").value_or(false) &&
            (!h || *h >= c.p(Param::boiler_economizer_min_hours))) {
            if (!cap) c.need(Measure::boiler_economizer, static_cast<int>(i), {NeedId::capacity_t_per_h});
            else {
                Cand k = fuel_cand(Measure::boiler_economizer, F * c.p(Param::boiler_economizer_saving_rate), *cap * c.p(Param::boiler_economizer_unit_cost));
                k.physical.set("implied_stack_drop_k", c.p(Param::boiler_economizer_saving_rate) * 100 * c.p(Param::boiler_economizer_k_per_point));
                c.out.push_back(std::move(k));
            }
        }
        // Fuel switches replace the whole remaining fuel of this boiler.
        const double ncv = c.ncv_gj_per_base(fuel);
        const double q_gj = F * ncv * eta;  // useful heat
        const double steam_t = q_gj / c.steam_gj_per_t();
        const double om_avoided = is_coal(fuel) ? steam_t * c.p(Param::central_steam_own_boiler_om) : 0;
        const bool retire = is_coal(fuel) && cap && *cap <= c.p(Param::coal_to_gas_max_capacity) && plan_industry;
        auto switch_cand = [&](Measure id, const std::string& new_carrier, double new_base, double new_price, double invest) {
            Cand k = fuel_cand(id, F, invest);
            double new_tce = new_base * c.tce_per_base(new_carrier);
            double new_co2 = new_base * c.tco2_per_base(new_carrier);
            k.tce = base_tce - new_tce;
            k.target_reduction_tce = base_tce;
            k.tco2 = F * co2_b - new_co2;
            k.elec_kwh = new_carrier == "electricity" ? -new_base : 0;
            if (price) k.annual_net = F * *price + om_avoided - new_base * new_price;
            k.exclusive = {ExclusiveGroup::boiler_switch, t};
            k.compliance_required = retire;
            k.physical.set(new_carrier, "_base_units_added", new_base);
            k.physical.set("useful_heat_gj", q_gj);
            k.physical.set("steam_t", steam_t);
            k.physical.set("efficiency_old", eta);
            return k;
        };
        if (is_coal(fuel) && gas_main && (!cap || *cap <= c.p(Param::coal_to_gas_max_capacity))) {
            double eta_new = c.p(Param::coal_to_gas_new_efficiency);
            double gas = q_gj / (c.ncv_gj_per_base("natural_gas") * eta_new);
            if (!cap) c.need(Measure::coal_to_gas, static_cast<int>(i), {NeedId::capacity_t_per_h});
            else {
                Cand k = switch_cand(Measure::coal_to_gas, "natural_gas", gas, *c.price_per_base("natural_gas"), *cap * c.p(Param::coal_to_gas_unit_cost));
                k.physical.set("efficiency_new", eta_new);
                c.out.push_back(std::move(k));
            }
        }
        if (cap) {
            double kwh = q_gj / k_gj_per_kwh / c.p(Param::coal_to_electric_efficiency);
            const std::string_view tou = choice_name(c.in.management.tou_user_class);
            const std::string cls = tou.empty() ? "large_industry" : std::string(tou);
            const MeasureTariff& tariff = c.tariff(cls);
            double valley = c.read(tariff.flat) * c.read(tariff.valley_ratio);
            double mw = *cap * c.p(Param::boiler_mw_per_t_per_h);  // 1 t/h ≈ 0.7 MW (boiler rating convention)
            // Valued at the average price: running on valley power needs thermal storage, which the
            // notes do not price; the valley case is shown beside it.
            double avg = c.elec_price();
            Cand k = switch_cand(Measure::coal_to_electric, "electricity", kwh, avg, mw * c.p(Param::coal_to_electric_unit_cost));
            k.physical.set("valley_price_yuan_per_kwh", valley);
            k.physical.set("valley_case_annual_saving_10k_yuan", (k.annual_net + kwh * (avg - valley)) / k_yuan_per_10k);
            k.note({NoteId::electric_boiler_valley_case});
            c.out.push_back(std::move(k));
        }
        if (central) {
            double kg = steam_t * 1000;
            Cand k = switch_cand(Measure::central_steam, "steam", kg, *c.price_per_base("steam"), c.p(Param::central_steam_connection_cost));
            // Energy at the GB/T 2589 steam coefficient, CO2 at the steam's enthalpy heat (h − 83.74
            // kJ/kg) × the heat factor, as the assessment counts purchased steam after the switch.
            k.note({NoteId::purchased_steam_counted, {}, {}, {c.library->feedwater_enthalpy_kj_per_kg}});
            c.out.push_back(std::move(k));
        } else if (is_coal(fuel)) {
            c.need(Measure::central_steam, static_cast<int>(i), {NeedId::central_heating_available});
        }
    }
}

void heat_measures(Ctx& c) {
    const auto& items = c.in.equipment.items;
    const double kelvin = c.p(Param::kelvin_offset);
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        auto h = field_num(e, "hours_per_year");
        if (e.type == "waste_heat") {
            auto kw = field_num(e, "recoverable_kw"), temp = field_num(e, "temperature_c");
            std::string medium = field_str(e, "medium");
            if (!kw || !temp || !h) {
                c.need(Measure::waste_heat, static_cast<int>(i), {NeedId::recoverable_kw, NeedId::temperature_c, NeedId::hours_per_year, NeedId::medium});
                continue;
            }
            bool hot = medium == "liquid" ? *temp >= c.p(Param::waste_heat_min_liquid_temp) : *temp >= c.p(Param::waste_heat_min_gas_temp);
            bool sink = field_bool(e, "sink_available").value_or(true);
            if (hot && sink && *h >= c.p(Param::waste_heat_min_hours)) {
                Cand k = c.cand(Measure::waste_heat);
                k.row = static_cast<int>(i);
                k.invest = *kw * c.p(Param::waste_heat_unit_cost);
                k.life = c.life(Measure::waste_heat);
                double f = field_num(e, "coincidence").value_or(1);
                if (!field_num(e, "coincidence")) k.need({NeedId::coincidence});
                if (heat_cand(c, k, *kw * *h * f * k_gj_per_kwh)) {
                    k.scaled_by = {k.target};
                    c.out.push_back(std::move(k));
                }
            }
            if (!sink && *kw >= c.p(Param::orc_min_kw) && *h >= c.p(Param::orc_min_hours) && *temp >= 100 && *temp <= 350) {
                double kwh = *kw * c.p(Param::orc_efficiency) * *h;
                Cand k = elec_cand(c, Measure::orc, row_target(TargetKind::orc, i), kwh, kwh, 0, c.life(Measure::orc));
                k.invest_known = false;
                k.need({NeedId::orc_quote});
                k.row = static_cast<int>(i);
                c.out.push_back(std::move(k));
            }
        }
        if (e.type == "furnace") {
            std::string fuel = field_str(e, "fuel");
            auto ex = field_num(e, "exhaust_temp_c");
            if (fuel.empty() || fuel == "electricity") continue;
            if (!ex) {
                c.need(Measure::waste_heat, static_cast<int>(i), {NeedId::exhaust_temp_c});
                continue;
            }
            auto fu = boiler_fuel(c.in, c.res, c.ref, i);
            if (*ex >= c.p(Param::waste_heat_min_gas_temp) && fu && h && *h > 0) {
                double saved = fu->base_quantity * c.p(Param::waste_heat_process_fuel_saving);
                double kw_th = saved * c.ncv_gj_per_base(fuel) / k_gj_per_kwh / *h;
                Cand k = elec_cand(c, Measure::waste_heat, row_target(TargetKind::heat, i), 0, 0, kw_th * c.p(Param::waste_heat_unit_cost), c.life(Measure::waste_heat));
                k.elec_kwh = 0;
                k.target_base_tce = fu->base_quantity * c.tce_per_base(fuel);
                k.tce = saved * c.tce_per_base(fuel);
                k.target_reduction_tce = k.tce;
                k.tco2 = saved * c.tco2_per_base(fuel);
                auto pr = c.price_per_base(fuel);
                k.annual_net = pr ? saved * *pr : 0;
                k.saving_known = pr.has_value();
                k.physical.clear();
                k.physical.set(fuel, "_base_units", saved);
                k.physical.set("recovered_kw_th", kw_th);
                k.row = static_cast<int>(i);
                c.out.push_back(std::move(k));
            }
        }
        if (e.type == "process_heat") {
            auto ts = field_num(e, "temperature_c"), tsrc = field_num(e, "heat_source_temp_c"), q = field_num(e, "demand_gj_per_year");
            if (!ts || !tsrc || !q || !h) {
                c.need(Measure::heat_pump, static_cast<int>(i), {NeedId::temperature_c, NeedId::heat_source_temp_c, NeedId::demand_gj_per_year, NeedId::hours_per_year});
                continue;
            }
            if (*ts > c.p(Param::heat_pump_max_temp_hthp) || *ts <= *tsrc || *h < c.p(Param::heat_pump_min_hours)) continue;
            double cop = formulas::heat_pump_cop(c.p(Param::heat_pump_carnot_efficiency), *ts + kelvin, *tsrc + kelvin);
            double kwh = *q / k_gj_per_kwh / cop;
            double kw_th = *q / k_gj_per_kwh / *h;
            bool water = *ts <= c.p(Param::heat_pump_max_temp_standard);
            Cand k = c.cand(Measure::heat_pump);
            k.row = static_cast<int>(i);
            k.invest = kw_th * c.p(water ? Param::heat_pump_unit_cost_water : Param::heat_pump_unit_cost_steam);
            k.life = c.life(Measure::heat_pump);
            if (field_str(e, "source") == "electric") {
                double old_kwh = *q / k_gj_per_kwh;
                k = elec_cand(c, Measure::heat_pump, row_target(TargetKind::elec, i), old_kwh, old_kwh - kwh, k.invest, k.life);
                k.row = static_cast<int>(i);
            } else if (heat_cand(c, k, *q)) {
                k.tce -= kwh * c.elec_tce_per_kwh();
                k.tco2 -= kwh * c.grid_t_per_kwh();
                k.annual_net -= kwh * c.elec_price();
                k.elec_kwh = -kwh;
                k.scaled_by = {k.target};
            } else {
                continue;
            }
            k.physical.set("cop", cop);
            k.physical.set("electricity_kwh_added", kwh);
            k.physical.set("capacity_kw_th", kw_th);
            c.out.push_back(std::move(k));
        }
        if (e.type == "dyeing") {
            std::string proc = field_str(e, "process");
            auto steam = field_num(e, "steam_t_per_year");
            Cand k = c.cand(Measure::textile_cpb);
            k.row = static_cast<int>(i);
            k.life = c.life(Measure::textile_cpb);
            k.invest_known = false;
            k.need({NeedId::cpb_quote});
            double gj = 0;
            if ((proc == "jet" || proc == "overflow") && steam) gj += *steam * c.p(Param::textile_cpb_saving_rate) * c.steam_gj_per_t();
            auto bt = field_num(e, "bleaching_temp_c"), ps = field_num(e, "pretreatment_steam_t_per_year");
            if (bt && *bt >= 95 && ps) gj += *ps * c.p(Param::textile_cpb_bleach_saving_rate) * c.steam_gj_per_t();
            if (gj <= 0) {
                c.need(Measure::textile_cpb, static_cast<int>(i), {NeedId::process, NeedId::steam_t_per_year});
                continue;
            }
            if (heat_cand(c, k, gj)) {
                if (auto w = field_num(e, "water_m3_per_year")) k.physical.set("water_m3", *w * c.p(Param::textile_cpb_saving_rate));
                k.scaled_by = {k.target};
                c.out.push_back(std::move(k));
            }
        }
        if (e.type == "printing") {
            std::string m = field_str(e, "method");
            auto metres = field_num(e, "metres_per_year");
            if (m != "rotary_screen" && m != "flat_screen") continue;
            if (!metres) {
                c.need(Measure::digital_printing, static_cast<int>(i), {NeedId::metres_per_year});
                continue;
            }
            double rate = c.p(Param::digital_printing_energy_saving);
            double kwh = field_num(e, "electricity_kwh_per_year").value_or(0) * rate;
            Cand k = elec_cand(c, Measure::digital_printing, row_target(TargetKind::elec, i), kwh / std::max(rate, 1e-9), kwh,
                               c.p(Param::digital_printing_cost_per_printer) * e.count, c.life(Measure::digital_printing));
            k.row = static_cast<int>(i);
            if (auto st = field_num(e, "steam_t_per_year")) {
                Cand hk;
                hk.id = k.id;
                hk.row = k.row;
                if (heat_cand(c, hk, *st * rate * c.steam_gj_per_t())) {
                    k.tce += hk.tce;
                    k.tco2 += hk.tco2;
                    k.annual_net += hk.annual_net;
                    k.physical.merge(hk.physical);
                }
            }
            k.physical.set("water_m3", *metres * (c.p(Param::digital_printing_water_before) - c.p(Param::digital_printing_water_after)) / 1000.0);
            if (!field_num(e, "electricity_kwh_per_year") && !field_num(e, "steam_t_per_year"))
                k.need({NeedId::printing_line_energy});
            c.out.push_back(std::move(k));
        }
        if (e.type == "water") {
            auto use = field_num(e, "use_m3_per_day"), reuse = field_num(e, "reuse_rate");
            double target = c.p(Param::water_reuse_target_rate);
            if (!use || !reuse) {
                c.need(Measure::water_reuse, static_cast<int>(i), {NeedId::use_m3_per_day, NeedId::reuse_rate});
                continue;
            }
            if (*use < c.p(Param::water_reuse_min_m3_per_day) || *reuse >= target) continue;
            double days = field_num(e, "operating_days").value_or(c.p(Param::water_reuse_operating_days));
            double cap = *use * (target - *reuse);
            double q = cap * days;
            Cand k = c.cand(Measure::water_reuse);
            k.row = static_cast<int>(i);
            k.target = row_target(TargetKind::water, i);
            k.invest = cap * c.p(Param::water_reuse_unit_cost);
            k.life = c.life(Measure::water_reuse);
            auto pf = field_num(e, "fresh_price_yuan_per_m3"), pd = field_num(e, "discharge_price_yuan_per_m3");
            if (pf && pd) k.annual_net = q * (*pf + *pd - c.p(Param::water_reuse_treat_cost));
            else {
                k.saving_known = false;
                k.need({NeedId::water_prices});
            }
            auto te = field_num(e, "effluent_temp_c"), tf = field_num(e, "fresh_temp_c");
            if (te && tf && *te > *tf) {
                double net = k.annual_net;
                heat_cand(c, k, q * 1000 * c.p(Param::water_specific_heat) * (*te - *tf) / 1e6);
                if (!k.saving_known) k.annual_net -= net;  // keep only the valued heat if water prices are missing
                k.scaled_by = {k.target};
            }
            k.physical.set("water_reused_m3", q);
            c.out.push_back(std::move(k));
        }
        if (e.type == "paper_machine") {
            auto s = field_num(e, "dryer_steam_t_per_year"), dry = field_num(e, "press_dryness_pct");
            if (!s || !dry) {
                c.need(Measure::paper_shoe_press, static_cast<int>(i), {NeedId::dryer_steam_t_per_year, NeedId::press_dryness_pct});
                continue;
            }
            if (*dry >= c.p(Param::paper_shoe_press_max_dryness)) continue;
            Cand k = c.cand(Measure::paper_shoe_press);
            k.row = static_cast<int>(i);
            k.life = c.life(Measure::paper_shoe_press);
            k.invest_known = false;
            k.need({NeedId::shoe_press_quote});
            double steam_t = *s * c.p(Param::paper_shoe_press_steam_per_point) * c.p(Param::paper_shoe_press_dryness_gain);
            if (heat_cand(c, k, steam_t * c.steam_gj_per_t())) {
                k.physical.set("dryer_steam_t", steam_t);
                k.scaled_by = {k.target};
                c.out.push_back(std::move(k));
            }
        }
    }
}

void lighting(Ctx& c) {
    const auto& items = c.in.equipment.items;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "lighting") continue;
        std::string t = field_str(e, "lamp_type");
        if (t.empty() || t == "led" || t == "LED") continue;
        auto w = field_num(e, "watts"), h = field_num(e, "hours_per_year");
        if (!w || !h) {
            c.need(Measure::led_lighting, static_cast<int>(i), {NeedId::watts, NeedId::hours_per_year});
            continue;
        }
        if (*h < c.p(Param::led_lighting_min_hours)) continue;
        double ballast = field_str(e, "ballast") == "magnetic" ? c.p(Param::led_lighting_ballast_magnetic) : c.p(Param::led_lighting_ballast_electronic);
        double base = (*w + ballast) / 1000.0 * e.count * *h;
        double life = c.p(Param::led_lighting_life_hours) / *h;
        // Fixture cost by type: fluorescent tubes are replaced by LED tubes/battens, HID high-bay
        // lamps (metal halide, sodium, mercury) by LED high-bay fixtures.
        std::string fixture = field_str(e, "fixture");
        if (fixture.empty()) fixture = (t == "fluorescent" || t == "t8" || t == "t5") ? "tube" : "high_bay";
        const double unit_cost = c.p(fixture == "tube" ? Param::led_lighting_tube_cost : Param::led_lighting_fixture_cost);
        Cand k = elec_cand(c, Measure::led_lighting, row_target(TargetKind::elec, i), base, base * c.p(Param::led_lighting_saving_rate),
                           e.count * unit_cost, std::max(1, static_cast<int>(life)));
        k.row = static_cast<int>(i);
        k.physical.set("fixture", fixture);
        k.physical.set("ballast_w", ballast);
        if (field_str(e, "ballast").empty()) k.need({NeedId::ballast});
        k.note({NoteId::led_labour_not_priced, {}, {}, {c.p(Param::led_lighting_labour_hours)}});
        c.out.push_back(std::move(k));
    }
}

double site_kwh(const Ctx& c) {
    double k = 0;
    for (const auto& ce : c.res.energy.by_carrier)
        if (ce.carrier == "electricity" && !ce.feedstock) k += ce.base_quantity;
    return k;
}

void renewables(Ctx& c) {
    const auto& items = c.in.equipment.items;
    const double elec = site_kwh(c);
    double pv_kwp = 0;
    for (const auto& e : items)
        if (e.type == "pv") pv_kwp += field_num(e, "rated_kw").value_or(0) * e.count;
    for (std::size_t i = 0; i < items.size(); ++i) {
        const auto& e = items[i];
        if (e.type != "roof") continue;
        auto area = field_num(e, "usable_area_m2");
        if (!area) {
            c.need(Measure::pv_rooftop, static_cast<int>(i), {NeedId::usable_area_m2});
            continue;
        }
        if (field_bool(e, "shaded").value_or(false)) continue;
        if (auto life = field_num(e, "remaining_life_years"); life && *life < 20) continue;
        std::string s = field_str(e, "structure");
        double w_per_m2 = s == "concrete" ? c.p(Param::pv_rooftop_concrete_w_per_m2)
                                          : c.p(Param::pv_rooftop_cover_ratio) * c.p(Param::pv_rooftop_module_w) / c.p(Param::pv_rooftop_module_area);
        double free = *area * e.count - pv_kwp * 1000.0 / w_per_m2;  // existing PV occupies roof first
        pv_kwp = std::max(0.0, pv_kwp - *area * e.count * w_per_m2 / 1000.0);
        if (free < c.p(Param::pv_rooftop_min_area)) continue;
        double kwp = free * w_per_m2 / 1000.0;
        double e1 = kwp * c.p(Param::pv_rooftop_specific_yield);
        double self = std::min(e1 * c.p(Param::pv_rooftop_self_use_share), elec);
        double exp = e1 - self;
        const double default_self_use_value = c.p(Param::price_pv_self_use_value);
        double p_self = c.in.options.electricity_price_yuan_per_kwh.value_or(default_self_use_value);
        double om = kwp * 1000 * c.p(Param::pv_rooftop_om_cost);
        Cand k = elec_cand(c, Measure::pv_rooftop, row_target(TargetKind::pv, i), self, self, kwp * 1000 * c.p(Param::pv_rooftop_unit_cost), c.life(Measure::pv_rooftop));
        k.annual_net = self * p_self + exp * c.p(Param::price_pv_export) - om;
        k.degradation = c.p(Param::pv_rooftop_degradation);
        k.scaled_by = {};
        k.row = static_cast<int>(i);
        k.physical.clear();
        k.physical.set("capacity_kwp", kwp);
        k.physical.set("generation_kwh", e1);
        k.physical.set("self_used_kwh", self);
        k.physical.set("exported_kwh", exp);
        k.physical.set("area_used_m2", free);
        k.note({NoteId::pv_displaces_purchase});
        if (!c.in.options.electricity_price_yuan_per_kwh) k.note({NoteId::pv_self_use_default_value, {}, {}, {default_self_use_value}});
        c.out.push_back(std::move(k));
    }
    if (elec > 0) {
        std::string cls(choice_name(c.in.management.tou_user_class));
        bool assumed = cls.empty();
        if (assumed) cls = "large_industry";
        double cap = 0;
        bool planned = false;
        for (const auto& e : items)
            if (e.type == "storage" && field_bool(e, "planned").value_or(false)) {
                cap += field_num(e, "capacity_kwh").value_or(0) * e.count;
                planned = true;
            }
        if (!planned) cap = std::floor(elec / (c.p(Param::storage_arbitrage_operating_days) * 24) * c.p(Param::storage_arbitrage_default_duration) / 100) * 100;
        if (cap > 0) {
            const MeasureTariff& t = c.tariff(cls);
            double flat = c.read(t.flat), valley = flat * c.read(t.valley_ratio);
            double rte = c.p(Param::storage_arbitrage_round_trip_efficiency);
            double v_sa = formulas::storage_cycle_value(flat * c.read(t.peak_ratio), valley, rte);
            double v_sw = formulas::storage_cycle_value(flat * c.read(t.sharp_ratio), valley, rte);
            // The user's own bill prices replace the tariff defaults (bills/bill_findings.cpp).
            auto bill = bills::tou_summary(c.in.bills.electricity, 0);
            const bool bill_prices = bill && bill->peak_price && bill->valley_price;
            if (bill_prices) {
                v_sa = formulas::storage_cycle_value(*bill->peak_price, *bill->valley_price, rte);
                v_sw = formulas::storage_cycle_value(bill->sharp_price.value_or(*bill->peak_price), *bill->valley_price, rte);
            }
            double cycles = c.p(Param::storage_arbitrage_cycles_per_day);
            double d_sa = c.p(Param::storage_arbitrage_days_spring_autumn), d_sw = c.p(Param::storage_arbitrage_days_summer_winter);
            double gross_per_kwh = cycles * (d_sa * v_sa + d_sw * v_sw);
            double derate = c.p(Param::storage_arbitrage_derate);
            double invest = cap * 1000 * c.p(Param::storage_arbitrage_unit_cost);  // kWh × 1000 Wh/kWh × yuan/Wh
            double discharged = cap * cycles * (d_sa + d_sw) * derate;
            double losses = discharged * (1 / rte - 1);
            Cand k = elec_cand(c, Measure::storage_arbitrage, {TargetKind::storage}, elec, -losses, invest, c.life(Measure::storage_arbitrage));
            k.annual_net = gross_per_kwh * derate * cap - invest * c.p(Param::storage_arbitrage_om_rate);
            k.scaled_by = {};
            k.physical.clear();
            k.physical.set("capacity_kwh", cap);
            k.physical.set("gross_yuan_per_kwh_year", gross_per_kwh);
            k.physical.set("discharged_kwh", discharged);
            k.physical.set("losses_kwh", losses);
            k.physical.set("tou_user_class", cls);
            if (!planned) k.need({NeedId::storage_capacity, {}, c.p(Param::storage_arbitrage_default_duration)});
            if (bill_prices) {
                k.physical.set("prices_from_bill", true);
                k.physical.set("bill_peak_price_yuan_per_kwh", *bill->peak_price);
                k.physical.set("bill_valley_price_yuan_per_kwh", *bill->valley_price);
                k.note({NoteId::storage_bill_prices, {}, {},
                                   {bill->sharp_price.value_or(*bill->peak_price), *bill->peak_price, *bill->valley_price}});
            } else {
                if (assumed) k.need({NeedId::tou_user_class});
                k.note({NoteId::tou_tariff_2024});
            }
            c.out.push_back(std::move(k));
        }
        // Green power for the purchased electricity not yet green.
        double green = c.in.renewables.green_power_kwh + c.in.renewables.gec_mwh * 1000;
        double kwh = std::max(0.0, elec - green);
        if (kwh > 0) {
            Cand k = elec_cand(c, Measure::green_power, {TargetKind::green}, kwh, 0, 0, c.life(Measure::green_power));
            k.tce = 0;
            k.target_reduction_tce = 0;
            // Green power and GECs change only the market-based figure (at the residual factor);
            // location-based CO2, the carbon-efficiency level and grade stay as they are.
            k.tco2 = 0;
            if (auto resid = c.res.emissions.residual_factor_tco2_per_mwh) k.tco2_market = kwh / 1000.0 * *resid;
            k.annual_net = -kwh * c.p(Param::price_green_power_premium);
            k.scaled_by = {Target{TargetKind::elec_all}};
            k.physical.clear();
            k.physical.set("green_kwh", kwh);
            k.note({NoteId::green_power_market_only});
            c.out.push_back(std::move(k));
        }
    }
}

double site_energy_cost(const Ctx& c, std::vector<std::string>& unpriced) {
    double cost = 0;
    for (const auto& ce : c.res.energy.by_carrier) {
        if (ce.feedstock || ce.carrier == "pv_self_used") continue;
        if (auto p = c.price_per_base(ce.carrier)) cost += ce.base_quantity * *p;
        else unpriced.push_back(ce.carrier);
    }
    return cost;
}

void management(Ctx& c) {
    const Management& m = c.in.management;
    const double total = c.res.energy.total_tce - c.res.energy.renewable_tce;
    const bool metering_full = m.metering_gb17167 && *m.metering_gb17167 == "full";
    bool ems = mgmt_bool(m, "energy_management_system").value_or(false);
    if (total < c.p(Param::energy_management_system_min_tce) || (metering_full && ems)) return;
    double rate = c.p(Param::energy_management_system_saving_rate);
    Cand k = c.cand(Measure::energy_management_system);
    k.target = {TargetKind::site};
    k.target_base_tce = total;
    k.tce = total * rate;
    k.target_reduction_tce = k.tce;
    k.scaled_by = {Target{TargetKind::site}};
    k.tco2 = c.res.emissions.total_tco2 * rate;
    std::vector<std::string> unpriced;
    k.annual_net = site_energy_cost(c, unpriced) * rate;
    k.elec_kwh = site_kwh(c) * rate;
    if (!unpriced.empty()) k.note({NoteId::carriers_not_priced, {}, std::move(unpriced)});
    k.invest = c.p(Param::energy_management_system_cost);
    k.life = c.life(Measure::energy_management_system);
    k.physical.clear();
    k.physical.set("saving_rate", rate);
    c.out.push_back(std::move(k));
}

// ---------------------------------------------------------------------------------------------
// Assembly: aggregate per measure id, economics, ranges, new grade/tier, portfolio

struct Totals {
    double tce = 0, tco2 = 0, invest = 0, net = 0;
    std::optional<double> tco2_market;
    bool invest_known = true, saving_known = true;
    int life = 1;
    double degradation = 0;
};

// How the energy tier and carbon-efficiency grade would change with the site at `new_total` tce and
// `tco2_cut` less CO2 (one measure, or the portfolio).
Outlook outlook_after(const Result& res, double new_total, double tco2_cut, const RefData& ref) {
    Outlook o;
    o.new_total_tce = new_total;
    o.new_budget_tier = budget_tier_for(new_total, ref);
    const auto& ce = res.carbon_efficiency;
    if (ce.intensity && res.emissions.total_tco2 > 0) {
        const double num = ce.numerator_tco2.value_or(res.emissions.total_tco2);
        double l = num > 0 ? *ce.intensity * std::max(0.0, num - tco2_cut) / num : *ce.intensity;
        o.new_carbon_intensity = l;
        o.new_carbon_level = carbon_level_for(l, ref);
        if (ce.industry_average && *ce.industry_average > 0) {
            o.new_carbon_index = l / *ce.industry_average;
            o.new_carbon_grade = carbon_grade_for(l / *ce.industry_average, ref);
        }
    }
    return o;
}

void economics(MeasureResult& m, Measure id, const Totals& t, double rate, const RefData& ref, const Result& res) {
    m.tce_saved = t.tce;
    m.tco2_avoided = t.tco2;
    m.tco2_avoided_market = t.tco2_market;
    m.investment_10k_yuan = t.invest / k_yuan_per_10k;
    m.annual_saving_10k_yuan = t.net / k_yuan_per_10k;
    m.lifetime_years = t.life;
    if (!t.invest_known || !t.saving_known) {
        m.npv_10k_yuan = 0;
        m.economics = !t.invest_known ? EconomicsStatus::needs_investment : EconomicsStatus::needs_prices;
    } else {
        m.npv_10k_yuan = econ::npv(t.invest, t.net, t.life, rate, t.degradation) / k_yuan_per_10k;
        if (t.net > 0) m.payback_years = t.invest / t.net;
        m.irr = econ::irr(t.invest, t.net, t.life, t.degradation);
        if (t.tco2 > 0) m.abatement_cost_yuan_per_tco2 = (t.invest * econ::crf(rate, t.life) - t.net) / t.tco2;
        if (t.invest > 0 && t.net <= 0) m.compliance_cost = true;
    }
    // Own PV and green power do not lower the site's energy total (they replace purchases).
    double tce_in_total = id == Measure::pv_rooftop || id == Measure::green_power ? 0 : t.tce;
    m.outlook = outlook_after(res, res.energy.total_tce - tce_in_total, t.tco2, ref);
}

// Adds one candidate (its savings times `scale_each`) to a measure's totals.
void add(Totals& t, const Cand& k, double scale_each = 1) {
    t.tce += k.tce * scale_each;
    t.tco2 += k.tco2 * scale_each;
    if (k.tco2_market) t.tco2_market = t.tco2_market.value_or(0) + *k.tco2_market * scale_each;
    t.invest += k.invest;
    t.net += k.annual_net * scale_each;
    t.invest_known &= k.invest_known;
    t.saving_known &= k.saving_known;
    t.life = k.life;
    t.degradation = k.degradation;
}

std::vector<Cand> run(const Input& in, const Result& res, const RefData& ref, int variant, RunsShared& shared,
                      std::vector<NotEvaluated>* missing) {
    Ctx c{in, res, ref, variant, {}, {}};
    c.shared = &shared;
    c.out.reserve(32);  // sample factories yield 10-30 candidates a run
    motors(c);
    pumps_fans(c);
    compressed_air(c);
    transformers(c);
    boilers(c);
    heat_measures(c);
    lighting(c);
    renewables(c);
    management(c);
    // Market-based CO2: electricity saved (or own PV used) displaces purchased grid power that is
    // not green, counted at the residual factor; fuels and heat count as in the location method.
    // No residual factor (user-given grid factor, or none for the year): no market figure.
    if (auto resid = res.emissions.residual_factor_tco2_per_mwh) {
        for (auto& k : c.out)
            if (!k.tco2_market) k.tco2_market = k.tco2 + k.elec_kwh / 1000.0 * (*resid - res.emissions.grid_factor_tco2_per_mwh);
    } else {
        for (auto& k : c.out) k.tco2_market.reset();
    }
    if (missing) *missing = std::move(c.missing);
    return std::move(c.out);
}

// Adds a row's physical figures to its measure's: energy, fuel and water quantities summed (0 + each
// row in row order), a flag kept if any row raises it (storage_arbitrage: prices_from_bill); the
// rest (efficiencies, classes, methods) stays with the rows.
void add_summed_physical(Physical& sum, const Physical& row) {
    for (const auto& e : row.entries()) {
        const double* d = std::get_if<double>(&e.value);
        const std::int64_t* n = std::get_if<std::int64_t>(&e.value);
        if (d || n) {
            std::string joined;  // only the per-carrier keys are built
            std::string_view key = e.key.name;
            if (!e.key.carrier.empty()) key = joined = e.key.text();
            const bool summed = key.find("kwh") != std::string::npos || key.find("_base_units") != std::string::npos ||
                                key.find("_m3") != std::string::npos || key == "heat_gj" || key == "steam_t";
            if (!summed) continue;
            const double v = d ? *d : static_cast<double>(*n);
            sum.put(e.key, Physical::Value(std::in_place_type<double>, sum.number(key).value_or(0.0) + v));
        } else if (const bool* b = std::get_if<bool>(&e.value); b && *b) {
            sum.put(e.key, Physical::Value(std::in_place_type<bool>, true));
        }
    }
}

// One verdict per measure, the same for the app, the report and the automatic portfolio:
//   recommended      saves energy or CO2 (and raises neither), NPV > 0, pays back within its life
//   cost_only        NPV > 0 but saves neither energy nor CO2 (tariff arbitrage, demand charge): cost-only measures
//                    (and every measure flagged "cost_only" in measures.json)
//   not_recommended  NPV <= 0, payback beyond the life, or it raises energy use or CO2
//   needs_data       investment or prices unknown
// The reason says which not_recommended rule applied (codes; the texts live in the app's i18n and
// the report).
Recommendation recommendation(const MeasureResult& m, const MeasureDefinition& def, const Totals& t) {
    using S = RecommendationStatus;
    using R = RecommendationReason;
    constexpr double eps = 1e-9;
    if (!t.invest_known || !t.saving_known) return {S::needs_data};
    // measures.json "cost_only": a tariff measure (storage arbitrage, demand charge) whose purpose is
    // money, whatever a small energy side effect does: never in the recommended energy/CO2 set.
    if (!def.cost_only_error.empty()) throw std::logic_error(def.cost_only_error);
    const bool flagged = def.cost_only;
    const bool saves = !flagged && (m.tce_saved > eps || m.tco2_avoided > eps);
    const bool raises = m.tce_saved < -eps || m.tco2_avoided < -eps;
    const bool beyond_life = t.invest > 0 && (t.net <= 0 || t.invest / t.net > m.lifetime_years);
    if (beyond_life) return {S::not_recommended, R::payback_beyond_life};
    if (!(m.npv_10k_yuan > 0)) return {S::not_recommended, R::npv_not_positive};
    if (!saves) return {S::cost_only};
    if (raises) return {S::not_recommended, R::raises_energy_or_co2};
    return {S::recommended};
}

// A parameter's three values as the runs read them: the record's value, its "low" and "high" where
// given. A missing record and a low/high that is not a number fail as the lookup by id failed,
// when a run reads them (the same message).
MeasureParameter resolve_parameter(const Dataset* measures, std::string_view id) {
    MeasureParameter m;
    const RefRecord* r = measures ? measures->find(id) : nullptr;
    if (!r || !r->value) {
        m.error.fill("measures.json lacks " + std::string(id));
        return m;
    }
    m.value.fill(*r->value);
    for (const auto& [variant, key] : {std::pair<std::size_t, const char*>{0, "low"}, {2, "high"}}) {
        const auto it = r->raw.find(key);
        if (it == r->raw.end()) continue;
        try {
            m.value[variant] = it->get<double>();
        } catch (const std::exception& e) {
            m.error[variant] = e.what();
        }
    }
    return m;
}

// A field of a measure's definition, read as json::value() would (its exception kept for the run).
template <class T>
void read_definition_field(const RefRecord& r, const char* key, T& out, std::string& error) {
    try {
        out = r.raw.value(key, out);
    } catch (const std::exception& e) {
        error = e.what();
    }
}

} // namespace

std::shared_ptr<const MeasureLibrary> measure_library_of(const RefData& ref) {
    const auto& lib = ref.measure_library;
    if (lib && lib->measures_from.matches(ref.dataset("measures")) && lib->steam_from.matches(ref.dataset("steam"))) return lib;
    return build_measure_library(ref);
}

std::shared_ptr<const MeasureLibrary> build_measure_library(const RefData& ref) {
    auto lib = std::make_shared<MeasureLibrary>();
    const Dataset* d = ref.dataset("measures");
    lib->measures_from = DatasetStamp::of(d);
    lib->steam_from = DatasetStamp::of(ref.dataset("steam"));
    lib->parameters.reserve(std::size(k_params));
    for (const auto& [param, id] : k_params) lib->parameters.push_back(resolve_parameter(d, id));
    lib->measures.resize(k_measure_count);
    for (std::size_t i = 0; i < k_measure_count; ++i) {
        MeasureDefinition& m = lib->measures[i];
        const std::string name(k_measure_names[i]);
        m.lifetime = resolve_parameter(d, name + "/lifetime");
        m.record = d ? d->find("measure/" + name) : nullptr;
        if (m.record) {
            read_definition_field(*m.record, "order", m.order, m.order_error);
            read_definition_field(*m.record, "cost_only", m.cost_only, m.cost_only_error);
        }
    }
    if (const RefRecord* r = ref.record("steam", "feedwater_enthalpy"); r && r->value) lib->feedwater_enthalpy_kj_per_kg = *r->value;
    if (!d) return lib;
    for (const auto& r : d->records) {
        const std::string_view id = r.id;
        const std::size_t last = id.rfind('/');
        if (id.substr(0, k_tariff_prefix.size()) != k_tariff_prefix || last < k_tariff_prefix.size()) continue;
        const std::string user_class(id.substr(k_tariff_prefix.size(), last - k_tariff_prefix.size()));
        bool known = false;
        for (const auto& t : lib->tariffs) known = known || t.user_class == user_class;
        if (known) continue;
        const std::string stem = std::string(k_tariff_prefix) + user_class + "/";
        lib->tariffs.push_back({user_class, resolve_parameter(d, stem + "flat"), resolve_parameter(d, stem + "valley_ratio"),
                                resolve_parameter(d, stem + "peak_ratio"), resolve_parameter(d, stem + "sharp_ratio")});
    }
    for (const auto& [id, out] : {std::pair<const char*, std::optional<double>*>{"econ/discount_rate", &lib->discount_rate},
                                  {"econ/carbon_shadow_price", &lib->carbon_price}})
        if (const RefRecord* r = d->find(id); r && r->value) *out = *r->value;
    return lib;
}

void evaluate_measures(const Input& in, Result& result, const RefData& ref) {
    try {
        const std::shared_ptr<const MeasureLibrary> library = measure_library_of(ref);
        const double rate = in.options.discount_rate.value_or(library->discount_rate.value_or(0.08));
        std::vector<NotEvaluated> missing;
        RunsShared shared;
        std::vector<Cand> central = run(in, result, ref, 1, shared, &missing);
        std::vector<Cand> low = run(in, result, ref, 0, shared, nullptr), high = run(in, result, ref, 2, shared, nullptr);

        // Aggregate per measure id, in first-seen order; measure_of[c] is the index in ids of
        // central[c]'s id.
        std::vector<Measure> ids;
        std::array<std::size_t, k_measure_count> index_by_measure;  // ids.size() = not computed
        index_by_measure.fill(k_measure_count);
        auto index_of = [&](Measure id) {
            const std::size_t i = index_by_measure[static_cast<std::size_t>(id)];
            return i == k_measure_count ? ids.size() : i;
        };
        // A measure named in the input (findings' links, the owner's selection): its place in ids.
        auto index_of_name = [&](const std::string& name) {
            std::size_t i = 0;
            while (i < ids.size() && measure_name(ids[i]) != name) ++i;
            return i;
        };
        std::vector<std::size_t> measure_of(central.size());
        for (std::size_t c = 0; c < central.size(); ++c) {
            const std::size_t i = index_of(central[c].id);
            if (i == ids.size()) {
                index_by_measure[static_cast<std::size_t>(central[c].id)] = i;
                ids.push_back(central[c].id);
            }
            measure_of[c] = i;
        }
        // The central candidates grouped by measure, each group in run order: ids[i]'s rows are
        // row_of[row_start[i]] .. row_of[row_start[i + 1] - 1] (indices into `central`).
        std::vector<std::size_t> row_start(ids.size() + 1, 0), row_of(central.size());
        for (std::size_t c = 0; c < central.size(); ++c) ++row_start[measure_of[c] + 1];
        for (std::size_t i = 0; i < ids.size(); ++i) row_start[i + 1] += row_start[i];
        {
            std::vector<std::size_t> next(row_start.begin(), row_start.end() - 1);
            for (std::size_t c = 0; c < central.size(); ++c) row_of[next[measure_of[c]]++] = c;
        }
        // The other runs' totals per measure, their candidates added in run order (as the central's).
        std::vector<Totals> low_totals(ids.size()), high_totals(ids.size());
        for (const auto& k : low)
            if (const std::size_t i = index_of(k.id); i < ids.size()) add(low_totals[i], k);
        for (const auto& k : high)
            if (const std::size_t i = index_of(k.id); i < ids.size()) add(high_totals[i], k);
        std::vector<double> npv_of(ids.size());
        std::vector<RecommendationStatus> status_of(ids.size());
        std::vector<int> order_of(ids.size());  // place in the library order (measures.json "order")
        result.measures.reserve(result.measures.size() + ids.size());
        for (std::size_t mi = 0; mi < ids.size(); ++mi) {
            const MeasureDefinition& def = library->measures[static_cast<std::size_t>(ids[mi])];
            MeasureResult m;
            m.id = measure_name(ids[mi]);
            m.def = def.record;
            if (!def.order_error.empty()) throw std::logic_error(def.order_error);
            order_of[mi] = def.order;
            const std::size_t* const rows_begin = row_of.data() + row_start[mi];
            const std::size_t* const rows_end = row_of.data() + row_start[mi + 1];
            Totals t;
            for (const std::size_t* c = rows_begin; c != rows_end; ++c) add(t, central[*c]);
            economics(m, ids[mi], t, rate, ref, result);
            // Physical savings summed over rows (before the rows' own figures move into m.items).
            for (const std::size_t* c = rows_begin; c != rows_end; ++c) add_summed_physical(m.physical, central[*c].physical);
            m.items.reserve(static_cast<std::size_t>(rows_end - rows_begin));
            for (const std::size_t* c = rows_begin; c != rows_end; ++c) {
                // The central run's figures, needs and notes are not read again: moved, not copied.
                Cand& k = central[*c];
                m.items.push_back({k.row, k.target.text(), k.tce, k.tco2, k.tco2_market, k.invest / k_yuan_per_10k,
                                   k.annual_net / k_yuan_per_10k, std::move(k.physical)});
                for (auto& n : k.needs)
                    if (std::find(m.needs.begin(), m.needs.end(), n) == m.needs.end()) m.needs.push_back(std::move(n));
                for (auto& n : k.notes)
                    if (std::find(m.notes.begin(), m.notes.end(), n) == m.notes.end()) m.notes.push_back(std::move(n));
            }
            // Range spanned by the source's low and high parameter values.
            {
                const Totals tt[3] = {low_totals[mi], t, high_totals[mi]};
                auto span = [&](auto field) {
                    double v[3] = {field(tt[0]), field(tt[1]), field(tt[2])};
                    return LowHigh{std::min({v[0], v[1], v[2]}), std::max({v[0], v[1], v[2]})};
                };
                m.tce_saved_range = span([](const Totals& x) { return x.tce; });
                m.tco2_avoided_range = span([](const Totals& x) { return x.tco2; });
                m.investment_range_10k_yuan = span([](const Totals& x) { return x.invest / k_yuan_per_10k; });
                m.annual_saving_range_10k_yuan = span([](const Totals& x) { return x.net / k_yuan_per_10k; });
            }
            m.discount_rate = rate;
            npv_of[mi] = t.invest_known && t.saving_known ? m.npv_10k_yuan : -1e300;
            m.recommendation = recommendation(m, def, t);
            status_of[mi] = m.recommendation.status;
            result.measures.push_back(std::move(m));
        }

        // Not evaluated for lack of data: say which fields would enable them.

        // Findings keep only links to measures that were computed.
        const auto computed = [&](const std::string& id) { return index_of_name(id) < ids.size(); };
        for (auto& f : result.findings) {
            if (f.measures.empty()) continue;
            if (std::none_of(f.measures.begin(), f.measures.end(), computed)) {
                f.evidence.set(EvidenceKey::measures_not_applicable, std::move(f.measures));
                f.measures.clear();
            } else {
                f.measures.erase(std::remove_if(f.measures.begin(), f.measures.end(), [&](const std::string& id) { return !computed(id); }),
                                 f.measures.end());
            }
        }

        // ---- portfolio: selection (user's ids, else positive NPV and required compliance; one per
        // exclusive group), applied in the library's order with remaining-energy scaling.
        // chosen[i]: ids[i] is in the set (ids not computed cannot be applied and are dropped).
        std::vector<char> chosen(ids.size(), 0);
        std::vector<std::string> cost_only;
        for (const auto& m : result.measures)
            if (m.recommendation.status == RecommendationStatus::cost_only) cost_only.push_back(m.id);
        if (in.options.selected_measures) {
            for (const auto& id : *in.options.selected_measures)
                if (const std::size_t i = index_of_name(id); i < ids.size()) chosen[i] = 1;
        } else {
            // Only measures that save energy or CO2 with a positive NPV within their life; cost-only
            // measures are listed apart (detail.cost_only), never mixed into the savings.
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (status_of[i] == RecommendationStatus::recommended) chosen[i] = 1;
        }
        // Required by a plan or standard (e.g. retiring a small coal boiler) but not recommended on
        // its own economics: listed apart as detail.required (one per exclusive group), not counted
        // in the recommended savings.
        std::vector<std::string> required;
        {
            std::vector<std::pair<Exclusive, std::size_t>> best;  // exclusive group -> measure index
            std::vector<Measure> loose;
            for (std::size_t c = 0; c < central.size(); ++c) {
                const Cand& k = central[c];
                const std::size_t mi = measure_of[c];
                if (!k.compliance_required || status_of[mi] == RecommendationStatus::recommended || chosen[mi]) continue;
                if (k.exclusive.empty()) {
                    if (std::find(loose.begin(), loose.end(), k.id) == loose.end()) loose.push_back(k.id);
                    continue;
                }
                auto it = std::find_if(best.begin(), best.end(), [&](const auto& b) { return b.first == k.exclusive; });
                if (it == best.end()) best.emplace_back(k.exclusive, mi);
                else if (npv_of[mi] > npv_of[it->second]) it->second = mi;
            }
            for (Measure id : loose) required.emplace_back(measure_name(id));
            // In the order of the groups' texts, as a map keyed by them listed them.
            std::sort(best.begin(), best.end(), [](const auto& a, const auto& b) { return a.first.text() < b.first.text(); });
            for (const auto& [g, mi] : best)
                if (std::find(required.begin(), required.end(), measure_name(ids[mi])) == required.end())
                    required.emplace_back(measure_name(ids[mi]));
        }
        // The portfolio of a set of ids: one per exclusive group, applied in the library's order
        // with remaining-energy scaling (no double counting).
        auto build = [&](const std::vector<char>& chosen, Portfolio& pf) {
            // Exclusive groups: keep the id with the best NPV (required switches among themselves).
            std::vector<std::pair<Exclusive, std::size_t>> best_in_group;  // group -> measure index
            for (std::size_t c = 0; c < central.size(); ++c) {
                const Cand& k = central[c];
                const std::size_t mi = measure_of[c];
                if (k.exclusive.empty() || !chosen[mi]) continue;
                auto it = std::find_if(best_in_group.begin(), best_in_group.end(), [&](const auto& b) { return b.first == k.exclusive; });
                if (it == best_in_group.end()) best_in_group.emplace_back(k.exclusive, mi);
                else if (npv_of[mi] > npv_of[it->second]) it->second = mi;
            }
            // (measure index, candidate) in the library order, stable within one order value.
            std::vector<std::pair<std::size_t, const Cand*>> apply;
            for (std::size_t c = 0; c < central.size(); ++c) {
                const Cand& k = central[c];
                const std::size_t mi = measure_of[c];
                if (!chosen[mi]) continue;
                if (!k.exclusive.empty() &&
                    std::find_if(best_in_group.begin(), best_in_group.end(), [&](const auto& b) { return b.first == k.exclusive; })->second != mi)
                    continue;
                apply.emplace_back(mi, &k);
            }
            std::stable_sort(apply.begin(), apply.end(),
                             [&](const auto& a, const auto& b) { return order_of[a.first] < order_of[b.first]; });
            // Fuel switches after boiler tune-ups on the same boiler would waste the tune-up: drop it.
            std::vector<Target> switched;
            for (const auto& [mi, k] : apply)
                if (k->exclusive.group == ExclusiveGroup::boiler_switch) switched.push_back(k->target);
            // Each target's energy before any measure (base) and still left (rem), tce: the site and
            // all electricity first, a row's target from the first measure applied to it.
            struct Remaining {
                Target target;
                double base = 0, rem = 0;
            };
            std::vector<Remaining> left;
            auto left_of = [&left](const Target& t) -> Remaining* {
                for (auto& r : left)
                    if (r.target == t) return &r;
                return nullptr;
            };
            const Ctx probe{in, result, ref, 1, {}, {}};
            const double etce = probe.elec_tce_per_kwh();
            double elec_base = 0;
            for (const auto& ce : result.energy.by_carrier)
                if (ce.carrier == "electricity" && !ce.feedstock) elec_base += ce.tce;
            const double site_tce = result.energy.total_tce - result.energy.renewable_tce;
            left.push_back({{TargetKind::site}, site_tce, site_tce});  // left[0]
            left.push_back({{TargetKind::elec_all}, elec_base, elec_base});  // left[1]
            std::vector<Totals> applied(ids.size());
            std::vector<std::size_t> order;  // measure indices in the order applied
            for (const auto& [mi, k] : apply) {
                if ((k->id == Measure::boiler_tuneup || k->id == Measure::boiler_economizer) &&
                    std::find(switched.begin(), switched.end(), k->target) != switched.end())
                    continue;
                if (!left_of(k->target)) left.push_back({k->target, k->target_base_tce, k->target_base_tce});
                double scale = 1;
                for (const auto& s : k->scaled_by) {
                    if (s.kind == TargetKind::none) continue;
                    const Remaining* r = left_of(s);
                    if (!r) continue;  // a target no earlier measure touched
                    if (r->base > 0) scale *= std::max(0.0, r->rem) / r->base;
                }
                Remaining& own = *left_of(k->target);
                double red = k->target_reduction_tce * scale;
                if (k->target_reduction_tce > 0 && red > own.rem) {
                    red = std::max(0.0, own.rem);
                    scale = red / k->target_reduction_tce;
                }
                own.rem -= red;
                left[0].rem -= k->tce * scale;
                left[1].rem -= k->elec_kwh * scale * etce;
                Totals& t = applied[mi];
                Totals one;
                add(one, *k, scale);
                t.tce += one.tce;
                t.tco2 += one.tco2;
                if (one.tco2_market) t.tco2_market = t.tco2_market.value_or(0) + *one.tco2_market;
                t.invest += one.invest;
                t.net += one.net;
                t.invest_known &= one.invest_known;
                t.saving_known &= one.saving_known;
                t.life = one.life;
                t.degradation = one.degradation;
                if (std::find(order.begin(), order.end(), mi) == order.end()) order.push_back(mi);
            }
            pf.selected.reserve(order.size());
            for (std::size_t mi : order) pf.selected.emplace_back(measure_name(ids[mi]));
            double npv_total = 0;
            for (std::size_t mi : order) {
                const Totals& t = applied[mi];
                pf.tce_saved += t.tce;
                pf.tco2_avoided += t.tco2;
                if (t.tco2_market) pf.tco2_avoided_market = pf.tco2_avoided_market.value_or(0) + *t.tco2_market;
                pf.investment_10k_yuan += t.invest / k_yuan_per_10k;
                pf.annual_saving_10k_yuan += t.net / k_yuan_per_10k;
                double npv = t.invest_known && t.saving_known ? econ::npv(t.invest, t.net, t.life, rate, t.degradation) / k_yuan_per_10k : 0;
                npv_total += npv;
                std::optional<double> mac;
                if (t.tco2 > 0 && t.invest_known && t.saving_known) mac = (t.invest * econ::crf(rate, t.life) - t.net) / t.tco2;
                pf.measures.push_back({std::string(measure_name(ids[mi])), t.tce, t.tco2, t.tco2_market, t.invest / k_yuan_per_10k, t.net / k_yuan_per_10k, npv, mac});
            }
            // Marginal-abatement-cost ordering (width = tCO2/yr).
            std::vector<std::size_t> mv(pf.measures.size());
            for (std::size_t i = 0; i < mv.size(); ++i) mv[i] = i;
            std::stable_sort(mv.begin(), mv.end(), [&](std::size_t a, std::size_t b) {
                return pf.measures[a].abatement_cost_yuan_per_tco2.value_or(1e300) <
                       pf.measures[b].abatement_cost_yuan_per_tco2.value_or(1e300);
            });
            double cum = 0;
            for (std::size_t i : mv) {
                if (!pf.measures[i].abatement_cost_yuan_per_tco2) continue;
                cum += pf.measures[i].tco2_avoided;
                pf.macc.push_back({i, cum});
            }
            pf.npv_10k_yuan = npv_total;
            if (pf.annual_saving_10k_yuan > 0) pf.payback_years = pf.investment_10k_yuan / pf.annual_saving_10k_yuan;
            double new_total = result.energy.total_tce - pf.tce_saved;
            for (std::size_t mi : order)
                if (ids[mi] == Measure::pv_rooftop || ids[mi] == Measure::green_power) new_total += applied[mi].tce;
            pf.outlook = outlook_after(result, new_total, pf.tco2_avoided, ref);
            double carbon = in.options.carbon_price_yuan_per_tco2.value_or(library->carbon_price.value_or(0));
            pf.carbon_value_10k_yuan_per_year = pf.tco2_avoided * carbon / k_yuan_per_10k;
            pf.carbon_price_yuan_per_tco2 = carbon;
        };
        Portfolio& pf = result.portfolio;
        build(chosen, pf);
        pf.evaluated = true;
        pf.discount_rate = rate;
        pf.user_selection = in.options.selected_measures.has_value();
        if (pf.user_selection) {
            // The owner's what-if set is shown as their choice; the recommended set stays beside it
            // (report: both tables), built by the same rule as without a selection.
            std::vector<char> rec(ids.size(), 0);
            for (std::size_t i = 0; i < ids.size(); ++i)
                if (status_of[i] == RecommendationStatus::recommended) rec[i] = 1;
            Portfolio r;
            build(rec, r);
            pf.recommended = PortfolioTotals{r.selected, r.tce_saved, r.tco2_avoided, r.tco2_avoided_market, r.investment_10k_yuan,
                                             r.annual_saving_10k_yuan, r.npv_10k_yuan, r.payback_years};
        }
        pf.cost_only = std::move(cost_only);
        pf.required = std::move(required);
        for (const auto& n : missing) pf.not_evaluated.push_back({std::string(measure_name(n.id)), n.row, n.needs});
    } catch (const std::exception& ex) {
        result.warnings.push_back({"/equipment", "measures_failed",
                                   TextRef::text("measures.failed", {}, {{"what", TextParam::Kind::text, 0, ex.what()}})});
    }
}

} // namespace selfcheck
