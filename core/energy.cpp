#include "energy.hpp"

#include "steam.hpp"
#include <algorithm>
#include <cmath>
#include <vector>
#include "tiers.hpp"
#include "validate.hpp"

namespace selfcheck {

namespace {

// A record missing from the data (only replaced, hostile data lacks one: found by fuzzing) is not listed.
void add_factor(Result& r, const RefRecord* rec, std::string id, TextRef name) {
    if (!rec) return;
    for (const auto& f : r.factors_used)
        if (f.id == id) return;
    r.factors_used.push_back(factor_used_from(*rec, std::move(id), std::move(name)));
}

// "Standard coal coefficient of <carrier>" (texts factor.carrier), the carrier named by its record.
TextRef carrier_factor_name(const RefRecord* carrier) {
    return TextRef::text("factor.carrier", {}, {{"carrier", TextParam::Kind::record_name, 0, {}, carrier}});
}

double tier_value(const RefData& ref, const char* id) {
    const RefRecord* r = ref.record("energy_tiers", id);
    return r && r->value ? *r->value : 0;
}

std::string tier_clause(const RefData& ref, const char* id) {
    const RefRecord* r = ref.record("energy_tiers", id);
    if (!r) return {};
    auto c = r->raw.find("clause");
    return c != r->raw.end() && c->is_string() ? c->get<std::string>() : r->source;
}

// Purchased steam by mass: energy keeps the GB/T 2589 coefficient; the heat for CO2 is
// mass × (h − 83.74 kJ/kg) with h from IAPWS-IF97 at the metered (gauge) pressure and temperature.
void steam_co2_heat(const EnergyUse& u, const RefData& ref, std::size_t row, EnergyRowDetail& d, CarrierEnergy& ce,
                    Result& result) {
    auto cond = steam_condition(u.steam_pressure_mpa, u.steam_temperature_c, ref);
    if (!cond) return;  // parse_document refuses such a row
    d.heat_gj = d.base_quantity / 1000.0 * cond->heat_gj_per_t;  // kg -> t
    ce.co2_heat_gj = d.heat_gj;
    ce.enthalpy_kj_per_kg = cond->enthalpy_kj_per_kg;
    ce.energy_basis = "gbt2589_coefficient_co2_by_enthalpy";
    const auto steam = steam_constants_of(ref);
    add_factor(result, steam->feedwater_enthalpy, "steam/feedwater_enthalpy",
               TextRef::fields(steam->feedwater_enthalpy, "name_zh", "name_en"));
    if (cond->defaulted) {
        add_factor(result, steam->default_gauge_pressure, "steam/default_gauge_pressure",
                   TextRef::fields(steam->pressure_field, "label_zh", "label_en"));
        result.warnings.push_back({"/energy/" + std::to_string(row) + "/steam_pressure_mpa", "steam_pressure_default",
                                   TextRef::fields(steam->default_gauge_pressure, "message_zh", "message_en")});
    }
}

} // namespace

FactorUsed factor_used_from(const RefRecord& rec, std::string id, TextRef name) {
    FactorUsed f;
    f.id = std::move(id);
    f.name = std::move(name);
    f.value = rec.value.value_or(0);
    f.unit = rec.unit;
    f.record = &rec;
    f.year = rec.year;
    return f;
}

FactorUsed user_factor_used(std::string id, std::string_view name_key, std::string_view source_key, double value,
                            std::string_view unit) {
    FactorUsed f;
    f.id = std::move(id);
    f.name = TextRef::text(name_key);
    f.value = value;
    f.unit = unit;
    f.source_key = source_key;
    f.user_given = true;
    return f;
}

std::shared_ptr<const CoalRates> build_coal_rates(const RefData& ref) {
    auto c = std::make_shared<CoalRates>();
    if (const Dataset* d = ref.dataset("constants"))
        for (const auto& r : d->records) {
            const bool supply = r.id.rfind("supply_coal_rate/", 0) == 0;
            const bool generation = r.id.rfind("generation_coal_rate/", 0) == 0;
            if (generation && !c->generation_gap_note && r.raw.contains("message_zh")) c->generation_gap_note = &r;
            if (!r.year || !r.value) continue;
            if (supply) c->supply.push_back(&r);
            if (generation) c->generation.push_back(&r);
        }
    return c;
}

namespace {
// The latest record not after `year` (any year when 0), else the earliest.
const RefRecord* rate_for(const std::vector<const RefRecord*>& series, int year) {
    const RefRecord* best = nullptr;
    const RefRecord* earliest = nullptr;
    for (const RefRecord* r : series) {
        if (!earliest || *r->year < *earliest->year) earliest = r;
        if ((year == 0 || *r->year <= year) && (!best || *r->year > *best->year)) best = r;
    }
    return best ? best : earliest;
}
} // namespace

const RefRecord* supply_coal_rate_for(const RefData& ref, int year) {
    return ref.coal_rates ? rate_for(ref.coal_rates->supply, year) : nullptr;
}

const RefRecord* generation_coal_rate_for(const RefData& ref, int year) {
    return ref.coal_rates ? rate_for(ref.coal_rates->generation, year) : nullptr;
}

std::shared_ptr<const EnergyTiers> build_energy_tiers(const RefData& ref) {
    auto t = std::make_shared<EnergyTiers>();
    t->budget_lower = tier_value(ref, "budget_tier/lower");
    t->budget_upper = tier_value(ref, "budget_tier/upper");
    t->key = tier_value(ref, "key_unit/threshold");
    t->designate = tier_value(ref, "key_unit/designation");
    t->budget_clause = tier_clause(ref, "budget_tier/upper");
    t->key_clause = tier_clause(ref, "key_unit/threshold");
    t->designate_clause = tier_clause(ref, "key_unit/designation");
    return t;
}

const EnergyTiers& energy_tiers(const RefData& ref) {
    static const EnergyTiers none;
    return ref.energy_tiers ? *ref.energy_tiers : none;
}

BudgetTier budget_tier_for(double total_tce, const RefData& ref) {
    // Zhejiang plan, section 3(2)2: ≥5000 | 1000 (inclusive) to 5000 | below 1000.
    const EnergyTiers& t = energy_tiers(ref);
    if (total_tce >= t.budget_upper) return BudgetTier::ge5000;
    if (total_tce >= t.budget_lower) return BudgetTier::from1000to5000;
    return BudgetTier::lt1000;
}

std::vector<EnergyRowDetail> compute_energy(const Input& in, const RefData& ref, Result& result) {
    EnergyResult& e = result.energy;
    // Energy and emissions list 6 to 11 factors for the sample factories: one allocation instead of
    // growing (and moving every FactorUsed) at 1, 2, 4 and 8.
    result.factors_used.reserve(result.factors_used.size() + 16);
    const double kj_per_kgce = ref.constant("kj_per_kgce");
    const Carrier* heat = ref.carriers.count("heat") ? &ref.carriers.at("heat") : nullptr;
    const Carrier* elec = ref.carriers.count("electricity") ? &ref.carriers.at("electricity") : nullptr;
    // GB/T 2589 equal value: the year's thermal GENERATION coal rate; where none is on file for the year
    // the supply rate stands in, with a warning that says so (constants.json).
    // The user's own figure (options.generation_coal_rate_gce_per_kwh) comes first.
    const RefRecord* gen_rate = generation_coal_rate_for(ref, in.enterprise.year);
    const RefRecord* coal_rate = gen_rate ? gen_rate : supply_coal_rate_for(ref, in.enterprise.year);
    double equal_kgce_per_kwh = coal_rate && coal_rate->value ? *coal_rate->value / 1000.0 : 0;
    if (in.options.generation_coal_rate_gce_per_kwh) {
        equal_kgce_per_kwh = *in.options.generation_coal_rate_gce_per_kwh / 1000.0;
        result.factors_used.push_back(user_factor_used("generation_coal_rate/user", "factor.generation_coal_rate_user",
                                                       "source.user_generation_coal_rate",
                                                       *in.options.generation_coal_rate_gce_per_kwh, "gce/kWh"));
    } else if (gen_rate)
        add_factor(result, gen_rate, gen_rate->id, TextRef::fields(gen_rate, "name_zh", "name_en", gen_rate->id));
    else if (coal_rate) {
        add_factor(result, coal_rate, coal_rate->id, TextRef::text("factor.supply_coal_rate"));
        if (const RefRecord* note = ref.coal_rates ? ref.coal_rates->generation_gap_note : nullptr)
            result.warnings.push_back({"/enterprise/year", "equal_value_supply_rate", TextRef::fields(note, "message_zh", "message_en")});
    }
    add_factor(result, ref.record("constants", "kj_per_kgce"), "kj_per_kgce", TextRef::text("factor.kj_per_kgce"));

    std::vector<EnergyRowDetail> details;
    details.reserve(in.energy.size());
    double electricity_tce = 0;
    for (const auto& u : in.energy) {
        EnergyRowDetail d;
        CarrierEnergy ce;
        ce.carrier = u.carrier;
        ce.quantity = u.quantity;
        ce.unit = unit_id(u.unit);
        ce.feedstock = u.feedstock;
        auto cit = ref.carriers.find(u.carrier);
        if (cit == ref.carriers.end()) {  // parse_document rejects this; stay total anyway
            details.push_back(d);
            e.by_carrier.push_back(std::move(ce));
            continue;
        }
        const Carrier& c = cit->second;
        ce.def = &c;
        double kgce = 0;
        bool heat_unit = u.unit == Unit::GJ || u.unit == Unit::MJ;
        const bool mass_unit = u.unit == Unit::t || u.unit == Unit::kg;
        const std::size_t row = details.size();
        if (c.id == "hot_water" && mass_unit && heat) {
            // Hot water by mass (NDRC guides): heat = t × 4.1868 × (supply − return) / 1000 GJ; the
            // same heat converts to standard coal as GB/T 2589 heat and to CO2 (core/steam.hpp).
            const double t = u.quantity * (u.unit == Unit::kg ? 0.001 : 1.0);
            d.as_heat = true;
            d.base_quantity = t * hot_water_heat_gj_per_t(u.supply_temperature_c.value_or(0), u.return_temperature_c, ref);
            d.heat_gj = d.base_quantity;
            ce.base_unit = "GJ";
            ce.kgce_per_base_unit = heat->kgce_per_base;
            ce.co2_heat_gj = d.heat_gj;
            ce.energy_basis = "hot_water_heat";
            kgce = d.base_quantity * heat->kgce_per_base;
            const RefRecord* heat_rec = ref.record("energy_carriers", "heat");
            add_factor(result, heat_rec, "carrier/heat", carrier_factor_name(heat_rec));
            const RefRecord* cp = steam_constants_of(ref)->hot_water_cp;
            add_factor(result, cp, "steam/hot_water_cp", TextRef::fields(cp, "name_zh", "name_en"));
        } else if (c.heat_units_as_heat && heat_unit && c.base_unit != BaseUnit::GJ && heat) {
            // Steam given as heat: convert as heat (GB/T 2589 heat).
            d.as_heat = true;
            d.base_quantity = u.quantity * *to_base_factor(u.unit, BaseUnit::GJ);
            d.heat_gj = d.base_quantity;
            ce.base_unit = "GJ";
            ce.kgce_per_base_unit = heat->kgce_per_base;
            kgce = d.base_quantity * heat->kgce_per_base;
            const RefRecord* heat_rec = ref.record("energy_carriers", "heat");
            add_factor(result, heat_rec, "carrier/heat", carrier_factor_name(heat_rec));
        } else {
            auto f = to_base_factor(u.unit, c.base_unit, c.density_kg_per_l);
            double factor = f.value_or(0);
            d.base_quantity = u.quantity * factor;
            ce.base_unit = base_unit_id(c.base_unit);
            if (u.ncv_kj_per_unit && factor > 0) {
                // GB/T 2589: a measured calorific value replaces the default coefficient.
                d.ncv_kj_per_base = *u.ncv_kj_per_unit / factor;
                ce.kgce_per_base_unit = d.ncv_kj_per_base / kj_per_kgce;
                ce.measured_ncv = true;
            } else {
                d.ncv_kj_per_base = c.ncv_kj_per_base.value_or(0);
                ce.kgce_per_base_unit = c.kgce_per_base;
                const RefRecord* rec = ref.record("energy_carriers", c.id);
                add_factor(result, rec, "carrier/" + c.id, carrier_factor_name(rec));
            }
            kgce = d.base_quantity * ce.kgce_per_base_unit;
            if (c.group == "heat") d.heat_gj = d.base_quantity * d.ncv_kj_per_base / 1e6;
            if (c.id == "steam" && mass_unit && (u.steam_pressure_mpa || !u.ncv_kj_per_unit)) {
                steam_co2_heat(u, ref, row, d, ce, result);
            } else if (c.id == "steam" && mass_unit) {
                // A measured enthalpy (kJ per unit) without a pressure: the same enthalpy method,
                // heat = kg × (h − 83.74 kJ/kg).
                const double h_fw = steam_constants_of(ref)->feedwater_enthalpy_kj_per_kg;
                d.heat_gj = d.base_quantity * std::max(0.0, d.ncv_kj_per_base - h_fw) / 1e6;
                ce.co2_heat_gj = d.heat_gj;
                ce.enthalpy_kj_per_kg = d.ncv_kj_per_base;
                ce.energy_basis = "measured_enthalpy";
            }
        }
        ce.base_quantity = d.base_quantity;
        ce.tce = kgce / 1000.0;
        ce.tce_equal = c.group == "electricity" ? d.base_quantity * equal_kgce_per_kwh / 1000.0 : ce.tce;
        ce.scope = u.feedstock ? 0 : (c.group == "electricity" || c.group == "heat") ? 2 : 1;
        if (u.feedstock) {
            e.feedstock_tce += ce.tce;
        } else {
            e.total_tce += ce.tce;
            e.total_equal_tce += ce.tce_equal;
            e.mix[c.group] += ce.tce;
            if (c.group == "electricity") electricity_tce += ce.tce;
        }
        details.push_back(d);
        e.by_carrier.push_back(std::move(ce));
    }

    // Own PV used on site: electricity consumed, not purchased (counted at equivalent value like grid power).
    if (in.renewables.pv_self_used_kwh > 0 && elec) {
        CarrierEnergy ce;
        ce.carrier = "pv_self_used";
        ce.own_pv = true;
        ce.quantity = in.renewables.pv_self_used_kwh;
        ce.unit = "kWh";
        ce.base_quantity = ce.quantity;
        ce.base_unit = "kWh";
        ce.kgce_per_base_unit = elec->kgce_per_base;
        ce.tce = ce.quantity * elec->kgce_per_base / 1000.0;
        ce.tce_equal = ce.quantity * equal_kgce_per_kwh / 1000.0;
        ce.scope = 0;
        e.renewable_tce = ce.tce;
        e.total_tce += ce.tce;
        e.total_equal_tce += ce.tce_equal;
        e.mix["electricity"] += ce.tce;
        electricity_tce += ce.tce;
        e.by_carrier.push_back(std::move(ce));
    }
    if (elec) add_factor(result, ref.record("energy_carriers", "electricity"), "carrier/electricity",
                         TextRef::text("factor.electricity"));

    if (e.total_tce > 0) {
        for (auto& [group, tce] : e.mix) tce /= e.total_tce;
        e.electrification_rate = electricity_tce / e.total_tce;
    } else {
        e.mix.clear();
    }

    const EnergyTiers& tiers = energy_tiers(ref);
    e.budget_tier = budget_tier_for(e.total_tce, ref);
    e.budget_tier_clause = tiers.budget_clause;
    const double key = tiers.key, designate = tiers.designate;
    e.key_energy_unit = key > 0 && e.total_tce >= key;
    e.key_unit_may_be_designated = !e.key_energy_unit && designate > 0 && e.total_tce >= designate;
    e.key_unit_clause = e.key_energy_unit ? tiers.key_clause : tiers.designate_clause;
    if (e.total_tce <= 0) {
        // Nothing entered (or only zeros): "below 1,000 tce" and "not a key unit" would be verdicts
        // about a factory we know nothing of. The JSON shows null and this reason.
        e.missing = Missing{"needs_energy", TextRef::text("missing.needs_energy")};
        return details;
    }
    // The thresholds in the sentences are the ones just compared with (energy_tiers.json).
    using K = TextParam::Kind;
    const std::vector<TextParam> cuts = {{"lower", K::grouped_integer, tiers.budget_lower},
                                         {"upper", K::grouped_integer, tiers.budget_upper},
                                         {"key", K::grouped_integer, key},
                                         {"designate", K::grouped_integer, designate}};
    const char* tier = budget_tier_name(e.budget_tier);
    e.budget_tier_text = Missing{tier, TextRef::text("statement.budget_tier.", tier, cuts)};
    const char* ku = e.key_energy_unit ? "key" : e.key_unit_may_be_designated ? "may_be_designated" : "not_key";
    e.key_unit_status = Missing{ku, TextRef::text("statement.key_unit.", ku, cuts)};
    return details;
}

} // namespace selfcheck
