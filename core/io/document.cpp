// Parsing and validation of the assessment document, migration, and JSON output of inputs and
// issues. Every problem becomes an Issue with a JSON path and zh/en text; nothing throws out.
#include "selfcheck.hpp"
#include "steam.hpp"
#include "validate.hpp"
#include "names.hpp"
#include "texts.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace selfcheck {

using nlohmann::json;

namespace {

// Largest plausible magnitudes: beyond these a number is a typo or an attack, not a factory.
constexpr double k_max_quantity = 1e12;
constexpr double k_max_money_10k_yuan = 1e8;  // 10^12 yuan
constexpr double k_max_area_m2 = 1e8;

// A text field of a steam.json record ("" when absent): the labels and messages of the steam fields.
std::string steam_text(const RefData& ref, std::string_view id, const char* field) {
    const RefRecord* r = ref.record("steam", id);
    if (!r) return {};
    auto it = r->raw.find(field);
    return it != r->raw.end() && it->is_string() ? it->get<std::string>() : std::string();
}

std::string type_name(const json& v) {
    switch (v.type()) {
    case json::value_t::null: return "null";
    case json::value_t::boolean: return "boolean";
    case json::value_t::string: return "string";
    case json::value_t::array: return "array";
    case json::value_t::object: return "object";
    case json::value_t::discarded: return "invalid";
    default: return "number";
    }
}


// Walk the whole document once for string and array limits.
void check_limits(const json& v, const std::string& path, Issues& is) {
    if (is.items.size() > 200) return;
    if (v.is_string()) {
        const auto& s = v.get_ref<const std::string&>();
        if (!utf8_valid(s))
            texts::error(is, path, "bad_utf8", "input.bad_utf8");
        else if (utf8_length(s) > k_max_string_chars)
            texts::error(is, path, "string_too_long", "input.string_too_long", {{"limit", std::to_string(k_max_string_chars)}});
    } else if (v.is_array()) {
        if (v.size() > k_max_array_items) {
            texts::error(is, path, "array_too_long", "input.array_too_long", {{"limit", std::to_string(k_max_array_items)}});
            return;
        }
        for (std::size_t i = 0; i < v.size(); ++i) check_limits(v[i], path + "/" + std::to_string(i), is);
    } else if (v.is_object()) {
        if (v.size() > k_max_array_items) {
            texts::error(is, path, "object_too_large", "input.object_too_large");
            return;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!utf8_valid(it.key())) {
                texts::error(is, path, "bad_utf8", "input.bad_utf8_key");
                continue;
            }
            check_limits(it.value(), path + "/" + it.key(), is);
        }
    }
}

// Reads typed fields of one object, reporting wrong types and collecting unknown keys.
class ObjectReader {
public:
    ObjectReader(const json& obj, std::string path, Issues& is) : obj_(obj), path_(std::move(path)), is_(is) {}

    const json* get(const char* key) {
        seen_.insert(key);
        auto it = obj_.find(key);
        if (it == obj_.end() || it->is_null()) return nullptr;
        return &*it;
    }
    std::string at(const char* key) const { return path_ + "/" + key; }

    // `want`: the text "input.want.<want>" (a string, a number, …)
    void wrong_type(const char* key, const char* want, const json& got) {
        const texts::Text w = texts::get(std::string("input.want.") + want);
        texts::error(is_, at(key), "wrong_type", "input.wrong_type", {{"want", w.zh, w.en}, {"got", type_name(got)}});
    }

    bool string(const char* key, std::string& out, std::size_t max_chars = 200) {
        const json* v = get(key);
        if (!v) return false;
        if (!v->is_string()) {
            wrong_type(key, "text", *v);
            return false;
        }
        out = v->get<std::string>();
        if (utf8_valid(out) && utf8_length(out) > max_chars)
            texts::error(is_, at(key), "string_too_long", "input.string_too_long", {{"limit", std::to_string(max_chars)}});
        return true;
    }

    // A number within [lo, hi]; `what` names it in messages: the text "label.<what>", or `what_text`.
    std::optional<double> number(const char* key, double lo, double hi, const char* what,
                                 const texts::Text* what_text = nullptr) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            wrong_type(key, "number", *v);
            return std::nullopt;
        }
        double d = v->get<double>();
        if (!std::isfinite(d)) {
            const texts::Text w = what_text ? *what_text : label(what);
            texts::error(is_, at(key), "not_finite", "field.not_finite", {{"field", w.zh, w.en}});
            return std::nullopt;
        }
        if (d < lo) {
            const texts::Text w = what_text ? *what_text : label(what);
            texts::error(is_, at(key), lo == 0 ? "negative" : "too_small", "input.below_min",
                         {{"field", w.zh, w.en}, {"lo", num_text(lo)}, {"value", num_text(d)}});
            return std::nullopt;
        }
        if (d > hi) {
            const texts::Text w = what_text ? *what_text : label(what);
            texts::error(is_, at(key), "too_large", "input.above_max",
                         {{"field", w.zh, w.en}, {"hi", num_text(hi)}, {"value", num_text(d)}});
            return std::nullopt;
        }
        return d;
    }

    std::optional<int> integer(const char* key, int lo, int hi, const char* what) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number() || (v->is_number_float() && std::floor(v->get<double>()) != v->get<double>())) {
            wrong_type(key, "integer", *v);
            return std::nullopt;
        }
        double d = v->get<double>();
        if (d < lo || d > hi) {
            const texts::Text w = label(what);
            texts::error(is_, at(key), "out_of_range", "input.integer_out_of_range",
                         {{"field", w.zh, w.en}, {"lo", std::to_string(lo)}, {"hi", std::to_string(hi)}, {"value", num_text(d)}});
            return std::nullopt;
        }
        return static_cast<int>(d);
    }

    std::optional<bool> boolean(const char* key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) {
            wrong_type(key, "boolean", *v);
            return std::nullopt;
        }
        return v->get<bool>();
    }

    // Unknown keys: warned about (a newer app version may have written them) and kept.
    json unknown() {
        json u = json::object();
        for (auto it = obj_.begin(); it != obj_.end(); ++it) {
            if (seen_.count(it.key())) continue;
            texts::warning(is_, path_ + "/" + it.key(), "unknown_key", "input.unknown_key", {{"key", it.key()}});
            u[it.key()] = it.value();
        }
        return u;
    }

private:
    static texts::Text label(const char* what) { return texts::get(std::string("label.") + what); }

    const json& obj_;
    std::string path_;
    Issues& is_;
    std::set<std::string> seen_;
};

void parse_enterprise(const json& j, const RefData& ref, Enterprise& e, Issues& is) {
    const std::string path = "/enterprise";
    ObjectReader r(j, path, is);
    r.string("name", e.name, 100);
    // An identity field: a wrong code is a warning that blocks only the upload (the receiver keys
    // enterprises by it), never the assessment.
    if (r.string("credit_code", e.credit_code, 18) && !e.credit_code.empty()) {
        switch (check_credit_code(e.credit_code)) {
        case CreditCodeStatus::ok: break;
        case CreditCodeStatus::wrong_length:
            texts::warning(is, r.at("credit_code"), "credit_code_length", "enterprise.credit_code_length",
                           {{"n", std::to_string(utf8_length(e.credit_code))}});
            break;
        case CreditCodeStatus::bad_character:
            texts::warning(is, r.at("credit_code"), "credit_code_character", "enterprise.credit_code_character");
            break;
        case CreditCodeStatus::bad_check:
            texts::warning(is, r.at("credit_code"), "credit_code_check", "enterprise.credit_code_check",
                           {{"check", std::string(1, credit_code_check_char(std::string_view(e.credit_code).substr(0, 17)))}});
            break;
        }
    }
    r.string("city", e.city, 40);
    r.string("county", e.county, 60);
    r.string("industry", e.industry, 60);
    r.string("city_entered", e.city_entered, 40);
    r.string("county_entered", e.county_entered, 60);
    r.string("industry_entered", e.industry_entered, 60);
    resolve_enterprise_names(ref, e, is, path);  // names.cpp: id, code or name -> id
    if (auto y = r.integer("year", 2000, 2100, "year")) e.year = *y;
    e.value_added_10k_yuan = r.number("value_added_10k_yuan", 0, k_max_money_10k_yuan, "value_added_10k_yuan");
    e.output_value_10k_yuan = r.number("output_value_10k_yuan", 0, k_max_money_10k_yuan, "output_value_10k_yuan");
    e.land_area_m2 = r.number("land_area_m2", 0, k_max_area_m2, "land_area_m2");
    e.floor_area_m2 = r.number("floor_area_m2", 0, k_max_area_m2, "floor_area_m2");
    e.building_footprint_m2 =
        r.number("building_footprint_m2", 0, k_max_area_m2, "building_footprint_m2");
    e.employees = r.integer("employees", 0, 1000000, "employees");
    e.value_added_price_index =
        r.number("value_added_price_index", 1e-3, 1e6, "value_added_price_index");
    if (e.value_added_10k_yuan && e.output_value_10k_yuan && *e.value_added_10k_yuan > *e.output_value_10k_yuan)
        texts::warning(is, r.at("value_added_10k_yuan"), "value_added_above_output", "enterprise.value_added_above_output");
    if (e.building_footprint_m2 && e.land_area_m2 && *e.building_footprint_m2 > *e.land_area_m2)
        texts::warning(is, r.at("building_footprint_m2"), "footprint_above_land", "enterprise.footprint_above_land");
    e.unknown = r.unknown();
}

// Steam pressure/temperature and hot-water temperatures (core/steam.hpp); labels and messages come
// from steam.json so the core holds no user text.
void parse_heat_fields(ObjectReader& r, const RefData& ref, EnergyUse& u, bool known, Issues& is) {
    auto num = [&](const char* key) -> std::optional<double> {
        std::string id = std::string("field/") + key;
        const RefRecord* rec = ref.record("steam", id);
        if (!rec) return std::nullopt;
        double lo = rec->raw.value("min", 0.0), hi = rec->raw.value("max", 1e6);
        const texts::Text label{steam_text(ref, id, "label_zh"), steam_text(ref, id, "label_en")};
        return r.number(key, lo, hi, nullptr, &label);
    };
    u.steam_pressure_mpa = num("steam_pressure_mpa");
    u.steam_temperature_c = num("steam_temperature_c");
    u.supply_temperature_c = num("supply_temperature_c");
    u.return_temperature_c = num("return_temperature_c");
    if (!known) return;
    const bool mass = u.unit == Unit::t || u.unit == Unit::kg;
    if ((u.steam_pressure_mpa || u.steam_temperature_c) && !(u.carrier == "steam" && mass)) {
        const char* key = u.steam_pressure_mpa ? "steam_pressure_mpa" : "steam_temperature_c";
        is.error(r.at(key), "steam_fields_not_steam", steam_text(ref, "field/steam_fields_only_for_steam", "error_zh"),
                 steam_text(ref, "field/steam_fields_only_for_steam", "error_en"));
        u.steam_pressure_mpa.reset();
        u.steam_temperature_c.reset();
    }
    if (u.carrier == "steam" && mass && u.steam_temperature_c &&
        !steam_condition(u.steam_pressure_mpa, u.steam_temperature_c, ref)) {
        is.error(r.at("steam_temperature_c"), "steam_below_saturation",
                 steam_text(ref, "field/steam_temperature_c", "error_zh"),
                 steam_text(ref, "field/steam_temperature_c", "error_en"));
    }
    if (u.carrier == "hot_water" && mass && !u.supply_temperature_c && !r.get("supply_temperature_c")) {
        is.error(r.at("supply_temperature_c"), "hot_water_needs_supply",
                 steam_text(ref, "field/hot_water_needs_supply", "error_zh"),
                 steam_text(ref, "field/hot_water_needs_supply", "error_en"));
    }
    const RefRecord* default_return = ref.record("steam", "hot_water_default_return_c");
    const double ret = u.return_temperature_c.value_or(default_return && default_return->value ? *default_return->value : 20.0);
    if (u.supply_temperature_c && *u.supply_temperature_c <= ret) {
        is.error(r.at(u.return_temperature_c ? "return_temperature_c" : "supply_temperature_c"), "return_not_below_supply",
                 steam_text(ref, "field/return_temperature_c", "error_zh"),
                 steam_text(ref, "field/return_temperature_c", "error_en"));
    }
}

void parse_energy_row(const json& j, const std::string& path, const RefData& ref, EnergyUse& u, Issues& is) {
    ObjectReader r(j, path, is);
    bool carrier_ok = false;
    if (!r.string("carrier", u.carrier, 40))
        texts::error(is, r.at("carrier"), "missing_carrier", "energy.missing_carrier");
    else if (!ref.carriers.count(u.carrier))
        texts::error(is, r.at("carrier"), "unknown_carrier", "energy.unknown_carrier", {{"carrier", u.carrier}});
    else
        carrier_ok = true;

    std::string unit;
    bool unit_ok = false;
    if (!r.string("unit", unit, 20))
        texts::error(is, r.at("unit"), "missing_unit", "energy.missing_unit");
    else if (auto pu = parse_unit(unit))
        u.unit = *pu, unit_ok = true;
    else
        texts::error(is, r.at("unit"), "unknown_unit", "energy.unknown_unit", {{"unit", unit}});

    if (carrier_ok && unit_ok) {
        const Carrier& c = ref.carriers.at(u.carrier);
        bool heat_unit = u.unit == Unit::GJ || u.unit == Unit::MJ;
        bool mass_unit = u.unit == Unit::t || u.unit == Unit::kg;
        bool fits = to_base_factor(u.unit, c.base_unit, c.density_kg_per_l).has_value() ||
                    (c.heat_units_as_heat && heat_unit) || (u.carrier == "hot_water" && mass_unit);
        if (!fits) {
            bool litres = u.unit == Unit::L && c.base_unit == BaseUnit::kg;
            texts::error(is, r.at("unit"), "unit_mismatch", litres ? "energy.litres_without_density" : "energy.unit_mismatch",
                         {{"carrier", c.name_zh, c.name_en}, {"unit", unit}, {"base", std::string(base_unit_id(c.base_unit))}});
        }
    }

    auto q = r.number("quantity", 0, k_max_quantity, "quantity");
    if (q) u.quantity = *q;
    bool from_months = false;  // the year comes from 12 complete months
    if (const json* m = r.get("monthly")) {
        if (!m->is_array() || m->size() != 12) {
            texts::error(is, r.at("monthly"), "monthly_shape", "energy.monthly_shape");
        } else {
            std::array<double, 12> months{};
            bool ok = true, incomplete = false;
            double sum = 0;
            for (std::size_t i = 0; i < 12; ++i) {
                const json& v = (*m)[i];
                if (v.is_null()) {  // a month not entered yet: the months are used once all 12 are in
                    incomplete = true;
                    continue;
                }
                if (!v.is_number() || !std::isfinite(v.get<double>()) || v.get<double>() < 0 ||
                    v.get<double>() > k_max_quantity) {
                    texts::error(is, r.at("monthly") + "/" + std::to_string(i), "monthly_value", "energy.monthly_value",
                                 {{"month", std::to_string(i + 1)}});
                    ok = false;
                    continue;
                }
                months[i] = v.get<double>();
                sum += months[i];
            }
            if (ok && !incomplete) {
                from_months = true;
                u.monthly = months;
                if (!q) {
                    u.quantity = sum;
                } else if (std::fabs(sum - *q) > 1e-6 * std::max(1.0, std::fabs(*q))) {
                    texts::error(is, r.at("quantity"), "monthly_sum_mismatch", "energy.monthly_sum_mismatch",
                                 {{"sum", num_text(sum)}, {"quantity", num_text(*q)}});
                }
            }
        }
    }
    if (!from_months && !q && !r.get("quantity")) {
        texts::error(is, r.at("quantity"), "missing_quantity", "energy.missing_quantity");
    }

    if (auto ncv = r.number("ncv_kj_per_unit", 0, 1e12, "ncv_kj_per_unit")) {
        if (*ncv <= 0) {
            texts::error(is, r.at("ncv_kj_per_unit"), "ncv_zero", "energy.ncv_zero");
        } else {
            u.ncv_kj_per_unit = *ncv;
            if (carrier_ok && unit_ok && ref.carriers.at(u.carrier).ncv_kj_per_base) {
                const Carrier& c = ref.carriers.at(u.carrier);
                auto f = to_base_factor(u.unit, c.base_unit, c.density_kg_per_l);
                if (f && *f > 0) {
                    double per_base = *ncv / *f, def = *c.ncv_kj_per_base;
                    if (per_base > def * 1.6 || per_base < def * 0.4)
                        texts::warning(is, r.at("ncv_kj_per_unit"), "ncv_unusual", "energy.ncv_unusual",
                                       {{"default", num_text(def)}, {"base", std::string(base_unit_id(c.base_unit))}, {"unit", unit}});
                }
            }
        }
    }
    if (auto f = r.boolean("feedstock")) u.feedstock = *f;
    if (auto f = r.boolean("non_production")) u.non_production = *f;
    parse_heat_fields(r, ref, u, carrier_ok && unit_ok, is);
    r.string("note", u.note, 500);
    u.unknown = r.unknown();
}

void parse_renewables(const json& j, const std::string& path, Renewables& rn, Issues& is) {
    ObjectReader r(j, path, is);
    rn.pv_self_used_kwh = r.number("pv_self_used_kwh", 0, k_max_quantity, "pv_self_used_kwh").value_or(0);
    rn.pv_exported_kwh = r.number("pv_exported_kwh", 0, k_max_quantity, "pv_exported_kwh").value_or(0);
    rn.green_power_kwh = r.number("green_power_kwh", 0, k_max_quantity, "green_power_kwh").value_or(0);
    rn.gec_mwh = r.number("gec_mwh", 0, k_max_quantity, "gec_mwh").value_or(0);
    rn.unknown = r.unknown();
}

void parse_product(const json& j, const std::string& path, const RefData& ref, Product& p, Issues& is) {
    ObjectReader r(j, path, is);
    r.string("name", p.name, 100);
    if (r.string("limit_id", p.limit_id, 80) && !p.limit_id.empty() && !ref.record("product_limits", p.limit_id))
        texts::error(is, r.at("limit_id"), "unknown_product_limit", "product.unknown_limit", {{"id", p.limit_id}});
    p.output = r.number("output", 0, k_max_quantity, "output").value_or(0);
    r.string("unit", p.unit, 20);
    p.energy_tce = r.number("energy_tce", 0, k_max_quantity, "energy_tce");
    p.unknown = r.unknown();
}

void parse_options(const json& j, const RefData& ref, Options& o, Issues& is) {
    ObjectReader r(j, "/options", is);
    o.grid_emission_factor_tco2_per_mwh =
        r.number("grid_emission_factor_tco2_per_mwh", 0, 2, "grid_emission_factor_tco2_per_mwh");
    if (o.grid_emission_factor_tco2_per_mwh) {
        // Provenance check: a real verification report quoted 0.5633 while computing with 0.5366.
        double g = *o.grid_emission_factor_tco2_per_mwh;
        const RefRecord* official = nullptr;
        const RefRecord* legacy = nullptr;
        if (const Dataset* d = ref.dataset("grid_factors"))
            for (const auto& rec : d->records)
                if (rec.value && std::fabs(*rec.value - g) < 5e-5)
                    (rec.raw.value("kind", std::string()).rfind("legacy", 0) == 0 ? legacy : official) = &rec;
        if (!official && legacy)
            texts::warning(is, r.at("grid_emission_factor_tco2_per_mwh"), "grid_factor_legacy", "options.grid_factor_legacy",
                           {{"value", num_text(g)},
                            {"source", legacy->source, legacy->source_en.empty() ? legacy->source : legacy->source_en}});
        else if (!official)
            texts::warning(is, r.at("grid_emission_factor_tco2_per_mwh"), "grid_factor_unofficial", "options.grid_factor_unofficial",
                           {{"value", num_text(g)}});
    }
    o.heat_emission_factor_tco2_per_gj = r.number("heat_emission_factor_tco2_per_gj", 0, 1, "heat_emission_factor_tco2_per_gj");
    // Thermal-power generation coal rates lie near 300 gce/kWh (about 280–320 in recent years); the
    // range only keeps out unit slips (kgce/kWh, or the calorific 122.9).
    o.generation_coal_rate_gce_per_kwh =
        r.number("generation_coal_rate_gce_per_kwh", 200, 450, "generation_coal_rate_gce_per_kwh");
    o.industry_average_tco2_per_10k_yuan =
        r.number("industry_average_tco2_per_10k_yuan", 0, 100, "industry_average_tco2_per_10k_yuan");
    if (o.industry_average_tco2_per_10k_yuan && *o.industry_average_tco2_per_10k_yuan == 0) {
        texts::error(is, r.at("industry_average_tco2_per_10k_yuan"), "zero", "options.industry_average_zero");
        o.industry_average_tco2_per_10k_yuan.reset();
    }
    if (auto y = r.integer("factor_year", 2000, 2100, "factor_year")) {
        bool have = false;
        if (const Dataset* d = ref.dataset("grid_factors"))
            for (const auto& rec : d->records)
                if (rec.year == *y && rec.raw.value("kind", std::string()) == "average") have = true;
        if (have)
            o.factor_year = *y;
        else
            texts::error(is, r.at("factor_year"), "no_factor_for_year", "options.no_factor_for_year", {{"year", std::to_string(*y)}});
    }
    std::string region;
    if (r.string("factor_region", region, 20) && !region.empty()) {
        if (region == "national") o.factor_region = GridRegion::national;
        else if (region == "east_china") o.factor_region = GridRegion::east_china;
        else if (region == "zhejiang") o.factor_region = GridRegion::zhejiang;
        else
            texts::error(is, r.at("factor_region"), "unknown_region", "options.unknown_region");
    }
    o.discount_rate = r.number("discount_rate", 0, 0.5, "discount_rate");
    o.electricity_price_yuan_per_kwh = r.number("electricity_price_yuan_per_kwh", 0, 10, "electricity_price_yuan_per_kwh");
    o.coal_price_yuan_per_t = r.number("coal_price_yuan_per_t", 0, 1e4, "coal_price_yuan_per_t");
    o.natural_gas_price_yuan_per_m3 = r.number("natural_gas_price_yuan_per_m3", 0, 100, "natural_gas_price_yuan_per_m3");
    o.steam_price_yuan_per_t = r.number("steam_price_yuan_per_t", 0, 2000, "steam_price_yuan_per_t");
    o.carbon_price_yuan_per_tco2 = r.number("carbon_price_yuan_per_tco2", 0, 1e4, "carbon_price_yuan_per_tco2");
    if (const json* sm = r.get("selected_measures")) {
        std::vector<std::string> ids;
        bool ok = sm->is_array();
        if (ok)
            for (std::size_t i = 0; i < sm->size(); ++i) {
                const json& v = (*sm)[i];
                if (!v.is_string()) {
                    texts::error(is, r.at("selected_measures") + "/" + std::to_string(i), "wrong_type", "options.measure_id_not_text");
                    continue;
                }
                if (!ref.record("measures", "measure/" + v.get<std::string>()))
                    texts::warning(is, r.at("selected_measures") + "/" + std::to_string(i), "unknown_measure", "options.unknown_measure",
                                   {{"id", v.get<std::string>()}});
                ids.push_back(v.get<std::string>());
            }
        else
            r.wrong_type("selected_measures", "string_array", *sm);
        if (ok) o.selected_measures = std::move(ids);
    }
    o.unknown = r.unknown();
}

const char* region_id(GridRegion g) {
    switch (g) {
    case GridRegion::national: return "national";
    case GridRegion::east_china: return "east_china";
    case GridRegion::zhejiang: return "zhejiang";
    }
    return "national";
}

template <class T> void put_opt(json& j, const char* key, const std::optional<T>& v) {
    if (v) j[key] = *v;
}

// One earlier year (`history[i]`): the current year's row schema, errors located under /history/i.
void parse_history_year(const json& j, const std::string& path, const RefData& ref, int current_year,
                        HistoryYear& h, Issues& is) {
    ObjectReader r(j, path, is);
    if (auto y = r.integer("year", 2000, 2100, "year")) h.year = *y;
    else if (!r.get("year"))
        texts::error(is, r.at("year"), "missing_year", "history.missing_year");
    if (h.year && current_year && h.year >= current_year)
        texts::error(is, r.at("year"), "history_after_current", "history.after_current");
    if (const json* e = r.get("enterprise")) {
        if (e->is_object()) {
            ObjectReader er(*e, path + "/enterprise", is);
            h.value_added_10k_yuan =
                er.number("value_added_10k_yuan", 0, k_max_money_10k_yuan, "value_added_10k_yuan");
            h.output_value_10k_yuan =
                er.number("output_value_10k_yuan", 0, k_max_money_10k_yuan, "output_value_10k_yuan");
            h.value_added_price_index =
                er.number("value_added_price_index", 1e-3, 1e6, "value_added_price_index");
            h.industry_average_tco2_per_10k_yuan = er.number("industry_average_tco2_per_10k_yuan", 1e-6, 1e4, "history_industry_average_tco2_per_10k_yuan");
            h.enterprise_unknown = er.unknown();
        } else {
            r.wrong_type("enterprise", "object", *e);
        }
    }
    if (const json* en = r.get("energy")) {
        if (!en->is_array()) {
            r.wrong_type("energy", "array", *en);
        } else {
            for (std::size_t i = 0; i < en->size(); ++i) {
                std::string p = path + "/energy/" + std::to_string(i);
                if (!(*en)[i].is_object()) {
                    texts::error(is, p, "wrong_type", "energy.row_not_object");
                    continue;
                }
                EnergyUse u;
                parse_energy_row((*en)[i], p, ref, u, is);
                h.energy.push_back(std::move(u));
            }
        }
    }
    if (const json* rn = r.get("renewables")) {
        if (rn->is_object()) parse_renewables(*rn, path + "/renewables", h.renewables, is);
        else r.wrong_type("renewables", "object", *rn);
    }
    if (const json* ps = r.get("products")) {
        if (!ps->is_array()) {
            r.wrong_type("products", "array", *ps);
        } else {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                std::string p = path + "/products/" + std::to_string(i);
                if (!(*ps)[i].is_object()) {
                    texts::error(is, p, "wrong_type", "product.not_object");
                    continue;
                }
                Product pr;
                parse_product((*ps)[i], p, ref, pr, is);
                h.products.push_back(std::move(pr));
            }
        }
    }
    h.unknown = r.unknown();
}

json energy_rows_to_json(const std::vector<EnergyUse>& rows) {
    json en = json::array();
    for (const auto& u : rows) {
        json r = u.unknown;
        r["carrier"] = u.carrier;
        r["quantity"] = u.quantity;
        r["unit"] = std::string(unit_id(u.unit));
        put_opt(r, "ncv_kj_per_unit", u.ncv_kj_per_unit);
        if (u.feedstock) r["feedstock"] = true;
        if (u.non_production) r["non_production"] = true;
        put_opt(r, "steam_pressure_mpa", u.steam_pressure_mpa);
        put_opt(r, "steam_temperature_c", u.steam_temperature_c);
        put_opt(r, "supply_temperature_c", u.supply_temperature_c);
        put_opt(r, "return_temperature_c", u.return_temperature_c);
        if (u.monthly) r["monthly"] = *u.monthly;
        if (!u.note.empty()) r["note"] = u.note;
        en.push_back(std::move(r));
    }
    return en;
}

json renewables_to_json(const Renewables& rn) {
    json rj = rn.unknown;
    rj["pv_self_used_kwh"] = rn.pv_self_used_kwh;
    rj["pv_exported_kwh"] = rn.pv_exported_kwh;
    rj["green_power_kwh"] = rn.green_power_kwh;
    rj["gec_mwh"] = rn.gec_mwh;
    return rj;
}

json products_to_json(const std::vector<Product>& products) {
    json ps = json::array();
    for (const auto& p : products) {
        json r = p.unknown;
        r["name"] = p.name;
        if (!p.limit_id.empty()) r["limit_id"] = p.limit_id;
        r["output"] = p.output;
        if (!p.unit.empty()) r["unit"] = p.unit;
        put_opt(r, "energy_tce", p.energy_tce);
        ps.push_back(std::move(r));
    }
    return ps;
}

json history_to_json(const std::vector<HistoryYear>& history) {
    json hs = json::array();
    for (const auto& h : history) {
        json r = h.unknown;
        r["year"] = h.year;
        json e = h.enterprise_unknown;
        put_opt(e, "value_added_10k_yuan", h.value_added_10k_yuan);
        put_opt(e, "output_value_10k_yuan", h.output_value_10k_yuan);
        put_opt(e, "value_added_price_index", h.value_added_price_index);
        put_opt(e, "industry_average_tco2_per_10k_yuan", h.industry_average_tco2_per_10k_yuan);
        r["enterprise"] = std::move(e);
        r["energy"] = energy_rows_to_json(h.energy);
        r["renewables"] = renewables_to_json(h.renewables);
        r["products"] = products_to_json(h.products);
        hs.push_back(std::move(r));
    }
    return hs;
}

} // namespace

bool migrate_document(json& doc, Issues& is) {
    auto v = doc.find("version");
    if (v == doc.end()) {
        texts::error(is, "/version", "missing_version", "document.missing_version");
        return false;
    }
    if (!v->is_number_integer()) {
        texts::error(is, "/version", "wrong_type", "document.version_not_integer");
        return false;
    }
    long long ver = v->get<long long>();
    if (ver > k_schema_version) {
        texts::error(is, "/version", "future_version", "document.future_version", {{"version", std::to_string(ver)}});
        return false;
    }
    if (ver < 1) {
        texts::error(is, "/version", "unsupported_version", "document.unsupported_version", {{"version", std::to_string(ver)}});
        return false;
    }
    // Version 1 is current. A future version 2 adds `if (ver == 1) { ...rewrite...; ver = 2; }` here.
    return true;
}

ParseOutcome parse_document(std::string_view text, const RefData& ref) {
    ParseOutcome out;
    if (text.size() > k_max_document_bytes) {
        texts::error(out.issues, "", "document_too_large", "document.too_large",
                     {{"kb", std::to_string(text.size() / 1024)}, {"limit", std::to_string(k_max_document_bytes / 1024)}});
        return out;
    }
    if (json_max_nesting(text) > k_max_depth) {
        texts::error(out.issues, "", "too_deep", "document.too_deep");
        return out;
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        texts::error(out.issues, "", "not_json", "document.not_json");
        return out;
    }
    return parse_document_json(doc, ref);
}

ParseOutcome parse_document_json(const json& doc_in, const RefData& ref) {
    ParseOutcome out;
    Issues& is = out.issues;
    if (!doc_in.is_object()) {
        texts::error(is, "", "not_object", "document.not_object");
        return out;
    }
    check_limits(doc_in, "", is);
    if (is.has_errors()) return out;
    json doc = doc_in;
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || schema->get<std::string>() != k_schema_name) {
        texts::error(is, "/schema", "wrong_schema", "document.wrong_schema");
        return out;
    }
    if (!migrate_document(doc, is)) return out;

    Input in;
    ObjectReader top(doc, "", is);
    top.get("schema");
    top.get("version");
    if (const json* e = top.get("enterprise")) {
        if (e->is_object()) parse_enterprise(*e, ref, in.enterprise, is);
        else top.wrong_type("enterprise", "object", *e);
    } else {
        texts::error(is, "/enterprise", "missing_enterprise", "document.missing_enterprise");
    }
    if (const json* en = top.get("energy")) {
        if (!en->is_array()) {
            top.wrong_type("energy", "array", *en);
        } else {
            for (std::size_t i = 0; i < en->size(); ++i) {
                std::string p = "/energy/" + std::to_string(i);
                if (!(*en)[i].is_object()) {
                    texts::error(is, p, "wrong_type", "energy.row_not_object");
                    continue;
                }
                EnergyUse u;
                parse_energy_row((*en)[i], p, ref, u, is);
                in.energy.push_back(std::move(u));
            }
        }
    } else {
        texts::error(is, "/energy", "missing_energy", "document.missing_energy");
    }
    if (const json* rn = top.get("renewables")) {
        if (rn->is_object()) parse_renewables(*rn, "/renewables", in.renewables, is);
        else top.wrong_type("renewables", "object", *rn);
    }
    if (const json* ps = top.get("products")) {
        if (!ps->is_array()) {
            top.wrong_type("products", "array", *ps);
        } else {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                std::string p = "/products/" + std::to_string(i);
                if (!(*ps)[i].is_object()) {
                    texts::error(is, p, "wrong_type", "product.not_object");
                    continue;
                }
                Product pr;
                parse_product((*ps)[i], p, ref, pr, is);
                in.products.push_back(std::move(pr));
            }
        }
    }
    if (const json* eq = top.get("equipment")) parse_equipment(*eq, "/equipment", in.equipment, is);
    if (const json* m = top.get("management")) parse_management(*m, "/management", in.management, is);
    if (const json* g = top.get("green_factory")) parse_green_factory(*g, "/green_factory", in.green_factory, is);
    if (const json* o = top.get("options")) {
        if (o->is_object()) parse_options(*o, ref, in.options, is);
        else top.wrong_type("options", "object", *o);
    }
    if (const json* b = top.get("bills")) bills::parse_bills(*b, "/bills", ref, in.bills, is);  // bills/bills_doc.cpp
    if (const json* hs = top.get("history")) {
        if (!hs->is_array()) {
            top.wrong_type("history", "array", *hs);
        } else {
            std::vector<int> seen{in.enterprise.year};
            for (std::size_t i = 0; i < hs->size(); ++i) {
                std::string p = "/history/" + std::to_string(i);
                if (!(*hs)[i].is_object()) {
                    texts::error(is, p, "wrong_type", "history.not_object");
                    continue;
                }
                HistoryYear h;
                parse_history_year((*hs)[i], p, ref, in.enterprise.year, h, is);
                if (h.year && std::find(seen.begin(), seen.end(), h.year) != seen.end())
                    texts::error(is, p + "/year", "duplicate_year", "history.duplicate_year");
                seen.push_back(h.year);
                in.history.push_back(std::move(h));
            }
        }
    }
    in.unknown = top.unknown();
    bills::check_bills_against_energy(in, is);

    // Cross-field checks.
    double grid_kwh = 0;
    for (const auto& u : in.energy)
        if (u.carrier == "electricity")
            if (auto f = to_base_factor(u.unit, BaseUnit::kWh)) grid_kwh += u.quantity * *f;
    if (in.renewables.green_power_kwh > grid_kwh + 1e-9)
        texts::warning(is, "/renewables/green_power_kwh", "green_power_above_purchase", "renewables.green_power_above_purchase");
    if (in.energy.empty() && in.renewables.pv_self_used_kwh == 0)
        texts::warning(is, "/energy", "no_energy", "document.no_energy");

    if (!is.has_errors()) out.input = std::move(in);
    return out;
}

json input_to_json(const Input& in) {
    json j = json::object();
    j["schema"] = k_schema_name;
    j["version"] = k_schema_version;
    const Enterprise& e = in.enterprise;
    json ej = e.unknown;
    ej["name"] = e.name;
    if (!e.credit_code.empty()) ej["credit_code"] = e.credit_code;
    if (!e.city.empty()) ej["city"] = e.city;
    if (!e.county.empty()) ej["county"] = e.county;
    if (!e.industry.empty()) ej["industry"] = e.industry;
    if (!e.city_entered.empty()) ej["city_entered"] = e.city_entered;
    if (!e.county_entered.empty()) ej["county_entered"] = e.county_entered;
    if (!e.industry_entered.empty()) ej["industry_entered"] = e.industry_entered;
    if (e.year) ej["year"] = e.year;
    put_opt(ej, "value_added_10k_yuan", e.value_added_10k_yuan);
    put_opt(ej, "output_value_10k_yuan", e.output_value_10k_yuan);
    put_opt(ej, "land_area_m2", e.land_area_m2);
    put_opt(ej, "floor_area_m2", e.floor_area_m2);
    put_opt(ej, "building_footprint_m2", e.building_footprint_m2);
    put_opt(ej, "employees", e.employees);
    put_opt(ej, "value_added_price_index", e.value_added_price_index);
    j["enterprise"] = std::move(ej);
    j["energy"] = energy_rows_to_json(in.energy);
    j["renewables"] = renewables_to_json(in.renewables);
    j["products"] = products_to_json(in.products);
    j["equipment"] = equipment_to_json(in.equipment);
    j["management"] = management_to_json(in.management);
    j["green_factory"] = green_factory_answers_to_json(in.green_factory);
    const Options& o = in.options;
    json oj = o.unknown;
    put_opt(oj, "grid_emission_factor_tco2_per_mwh", o.grid_emission_factor_tco2_per_mwh);
    put_opt(oj, "heat_emission_factor_tco2_per_gj", o.heat_emission_factor_tco2_per_gj);
    put_opt(oj, "generation_coal_rate_gce_per_kwh", o.generation_coal_rate_gce_per_kwh);
    put_opt(oj, "industry_average_tco2_per_10k_yuan", o.industry_average_tco2_per_10k_yuan);
    put_opt(oj, "factor_year", o.factor_year);
    if (o.factor_region != GridRegion::national) oj["factor_region"] = region_id(o.factor_region);
    put_opt(oj, "discount_rate", o.discount_rate);
    put_opt(oj, "electricity_price_yuan_per_kwh", o.electricity_price_yuan_per_kwh);
    put_opt(oj, "coal_price_yuan_per_t", o.coal_price_yuan_per_t);
    put_opt(oj, "natural_gas_price_yuan_per_m3", o.natural_gas_price_yuan_per_m3);
    put_opt(oj, "steam_price_yuan_per_t", o.steam_price_yuan_per_t);
    put_opt(oj, "carbon_price_yuan_per_tco2", o.carbon_price_yuan_per_tco2);
    if (o.selected_measures) oj["selected_measures"] = *o.selected_measures;
    j["options"] = std::move(oj);
    if (in.bills.present) j["bills"] = bills::bills_to_json(in.bills);
    if (!in.history.empty()) j["history"] = history_to_json(in.history);
    for (auto it = in.unknown.begin(); it != in.unknown.end(); ++it) j[it.key()] = it.value();
    return j;
}

json issue_to_json(const Issue& i) {
    return {{"path", i.path},
            {"severity", i.severity == Severity::error ? "error" : "warning"},
            {"code", i.code},
            {"message_zh", i.message_zh},
            {"message_en", i.message_en}};
}

json errors_to_json(const Issues& is) {
    json errors = json::array(), warnings = json::array();
    for (const auto& i : is.items) (i.severity == Severity::error ? errors : warnings).push_back(issue_to_json(i));
    return {{"errors", std::move(errors)}, {"warnings", std::move(warnings)}};
}

} // namespace selfcheck
