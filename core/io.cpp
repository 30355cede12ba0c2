// Parsing and validation of the assessment document, migration, and JSON output of inputs and
// issues. Every problem becomes an Issue with a JSON path and zh/en text; nothing throws out.
#include "selfcheck.hpp"
#include "steam.hpp"
#include "validate.hpp"
#include "names.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace selfcheck {

using nlohmann::json;

namespace {

// Largest plausible magnitudes: beyond these a number is a typo or an attack, not a factory.
constexpr double k_max_quantity = 1e12;
constexpr double k_max_money_10k_yuan = 1e8;  // 1 万亿元
constexpr double k_max_area_m2 = 1e8;

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
            is.error(path, "bad_utf8", "文本不是有效的 UTF-8 编码", "text is not valid UTF-8");
        else if (utf8_length(s) > k_max_string_chars)
            is.error(path, "string_too_long", "文本过长（上限 " + std::to_string(k_max_string_chars) + " 字）",
                     "text too long (limit " + std::to_string(k_max_string_chars) + " characters)");
    } else if (v.is_array()) {
        if (v.size() > k_max_array_items) {
            is.error(path, "array_too_long", "列表条目过多（上限 " + std::to_string(k_max_array_items) + " 条）",
                     "too many items (limit " + std::to_string(k_max_array_items) + ")");
            return;
        }
        for (std::size_t i = 0; i < v.size(); ++i) check_limits(v[i], path + "/" + std::to_string(i), is);
    } else if (v.is_object()) {
        if (v.size() > k_max_array_items) {
            is.error(path, "object_too_large", "对象字段过多", "too many fields in object");
            return;
        }
        for (auto it = v.begin(); it != v.end(); ++it) {
            if (!utf8_valid(it.key())) {
                is.error(path, "bad_utf8", "字段名不是有效的 UTF-8 编码", "field name is not valid UTF-8");
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

    void wrong_type(const char* key, const char* want_zh, const char* want_en, const json& got) {
        is_.error(at(key), "wrong_type", std::string("应为") + want_zh + "，实际为 " + type_name(got),
                  std::string("expected ") + want_en + ", got " + type_name(got));
    }

    bool string(const char* key, std::string& out, std::size_t max_chars = 200) {
        const json* v = get(key);
        if (!v) return false;
        if (!v->is_string()) {
            wrong_type(key, "文本", "a string", *v);
            return false;
        }
        out = v->get<std::string>();
        if (utf8_valid(out) && utf8_length(out) > max_chars)
            is_.error(at(key), "string_too_long", "文本过长（上限 " + std::to_string(max_chars) + " 字）",
                      "text too long (limit " + std::to_string(max_chars) + " characters)");
        return true;
    }

    // A number within [lo, hi]; `what` names it in messages.
    std::optional<double> number(const char* key, double lo, double hi, const char* what_zh, const char* what_en) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number()) {
            wrong_type(key, "数字", "a number", *v);
            return std::nullopt;
        }
        double d = v->get<double>();
        if (!std::isfinite(d)) {
            is_.error(at(key), "not_finite", std::string(what_zh) + "不是有限数值", std::string(what_en) + " is not finite");
            return std::nullopt;
        }
        if (d < lo) {
            is_.error(at(key), lo == 0 ? "negative" : "too_small",
                      std::string(what_zh) + "不能小于 " + num_text(lo) + "（填写值 " + num_text(d) + "）",
                      std::string(what_en) + " cannot be below " + num_text(lo) + " (got " + num_text(d) + ")");
            return std::nullopt;
        }
        if (d > hi) {
            is_.error(at(key), "too_large",
                      std::string(what_zh) + "超出合理范围（上限 " + num_text(hi) + "，填写值 " + num_text(d) + "）",
                      std::string(what_en) + " is beyond a plausible range (limit " + num_text(hi) + ", got " +
                          num_text(d) + ")");
            return std::nullopt;
        }
        return d;
    }

    std::optional<int> integer(const char* key, int lo, int hi, const char* what_zh, const char* what_en) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_number() || (v->is_number_float() && std::floor(v->get<double>()) != v->get<double>())) {
            wrong_type(key, "整数", "an integer", *v);
            return std::nullopt;
        }
        double d = v->get<double>();
        if (d < lo || d > hi) {
            is_.error(at(key), "out_of_range",
                      std::string(what_zh) + "应在 " + std::to_string(lo) + "–" + std::to_string(hi) + " 之间（填写值 " +
                          num_text(d) + "）",
                      std::string(what_en) + " must be between " + std::to_string(lo) + " and " + std::to_string(hi) +
                          " (got " + num_text(d) + ")");
            return std::nullopt;
        }
        return static_cast<int>(d);
    }

    std::optional<bool> boolean(const char* key) {
        const json* v = get(key);
        if (!v) return std::nullopt;
        if (!v->is_boolean()) {
            wrong_type(key, "是/否", "true or false", *v);
            return std::nullopt;
        }
        return v->get<bool>();
    }

    // Unknown keys: warned about (a newer app version may have written them) and kept.
    json unknown() {
        json u = json::object();
        for (auto it = obj_.begin(); it != obj_.end(); ++it) {
            if (seen_.count(it.key())) continue;
            is_.warning(path_ + "/" + it.key(), "unknown_key", "未知字段“" + it.key() + "”将被保留但不参与计算",
                        "unknown field '" + it.key() + "' is kept but not used");
            u[it.key()] = it.value();
        }
        return u;
    }

private:
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
            is.warning(r.at("credit_code"), "credit_code_length",
                     "统一社会信用代码应为 18 位（当前 " + std::to_string(utf8_length(e.credit_code)) + " 位）",
                     "the unified social credit code has 18 characters (this one has " +
                         std::to_string(utf8_length(e.credit_code)) + ")");
            break;
        case CreditCodeStatus::bad_character:
            is.warning(r.at("credit_code"), "credit_code_character",
                     "统一社会信用代码只含数字和大写字母（不含 I、O、Z、S、V）",
                     "the unified social credit code uses digits and capital letters except I, O, Z, S, V");
            break;
        case CreditCodeStatus::bad_check:
            is.warning(r.at("credit_code"), "credit_code_check",
                     std::string("统一社会信用代码校验位不符（按 GB 32100 应为 ") +
                         credit_code_check_char(std::string_view(e.credit_code).substr(0, 17)) + "），请核对",
                     std::string("the check character of the credit code is wrong (GB 32100 gives ") +
                         credit_code_check_char(std::string_view(e.credit_code).substr(0, 17)) + "); please re-check");
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
    if (auto y = r.integer("year", 2000, 2100, "年度", "year")) e.year = *y;
    e.value_added_10k_yuan = r.number("value_added_10k_yuan", 0, k_max_money_10k_yuan, "工业增加值", "value added");
    e.output_value_10k_yuan = r.number("output_value_10k_yuan", 0, k_max_money_10k_yuan, "工业总产值", "output value");
    e.land_area_m2 = r.number("land_area_m2", 0, k_max_area_m2, "用地面积", "land area");
    e.floor_area_m2 = r.number("floor_area_m2", 0, k_max_area_m2, "建筑面积", "floor area");
    e.building_footprint_m2 =
        r.number("building_footprint_m2", 0, k_max_area_m2, "建（构）筑物占地面积", "building footprint");
    e.employees = r.integer("employees", 0, 1000000, "职工人数", "employees");
    e.value_added_price_index =
        r.number("value_added_price_index", 1e-3, 1e6, "工业增加值价格指数", "value-added price index");
    if (e.value_added_10k_yuan && e.output_value_10k_yuan && *e.value_added_10k_yuan > *e.output_value_10k_yuan)
        is.warning(r.at("value_added_10k_yuan"), "value_added_above_output", "工业增加值大于工业总产值，请核对",
                   "value added exceeds output value; please check");
    if (e.building_footprint_m2 && e.land_area_m2 && *e.building_footprint_m2 > *e.land_area_m2)
        is.warning(r.at("building_footprint_m2"), "footprint_above_land", "建（构）筑物占地面积大于用地面积，请核对",
                   "building footprint exceeds land area; please check");
    e.unknown = r.unknown();
}

// Steam pressure/temperature and hot-water temperatures (core/steam.hpp); labels and messages come
// from steam.json so the core holds no user text.
void parse_heat_fields(ObjectReader& r, const RefData& ref, EnergyUse& u, bool known, Issues& is) {
    auto num = [&](const char* key) -> std::optional<double> {
        std::string id = std::string("field/") + key;
        const Record* rec = ref.record("steam", id);
        if (!rec) return std::nullopt;
        double lo = rec->raw.value("min", 0.0), hi = rec->raw.value("max", 1e6);
        std::string zh = steam_text(ref, id, "label_zh"), en = steam_text(ref, id, "label_en");
        return r.number(key, lo, hi, zh.c_str(), en.c_str());
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
    const double ret = u.return_temperature_c.value_or(ref.record("steam", "hot_water_default_return_c")
                                                           ? *ref.record("steam", "hot_water_default_return_c")->value
                                                           : 20.0);
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
        is.error(r.at("carrier"), "missing_carrier", "请选择能源品种", "choose an energy carrier");
    else if (!ref.carriers.count(u.carrier))
        is.error(r.at("carrier"), "unknown_carrier", "未知的能源品种“" + u.carrier + "”",
                 "unknown energy carrier '" + u.carrier + "'");
    else
        carrier_ok = true;

    std::string unit;
    bool unit_ok = false;
    if (!r.string("unit", unit, 20))
        is.error(r.at("unit"), "missing_unit", "请填写计量单位", "give the unit");
    else if (auto pu = parse_unit(unit))
        u.unit = *pu, unit_ok = true;
    else
        is.error(r.at("unit"), "unknown_unit", "未知的计量单位“" + unit + "”",
                 "unknown unit '" + unit + "' (kWh, MWh, 10k_kWh, t, kg, m3, 10k_m3, GJ, MJ, L)");

    if (carrier_ok && unit_ok) {
        const Carrier& c = ref.carriers.at(u.carrier);
        bool heat_unit = u.unit == Unit::GJ || u.unit == Unit::MJ;
        bool mass_unit = u.unit == Unit::t || u.unit == Unit::kg;
        bool fits = to_base_factor(u.unit, c.base_unit, c.density_kg_per_l).has_value() ||
                    (c.heat_units_as_heat && heat_unit) || (u.carrier == "hot_water" && mass_unit);
        if (!fits) {
            bool litres = u.unit == Unit::L && c.base_unit == BaseUnit::kg;
            is.error(r.at("unit"), "unit_mismatch",
                     litres ? c.name_zh + "请按质量（吨或千克）填写：暂无可引用的密度数据，无法由升换算"
                            : "单位“" + unit + "”不适用于" + c.name_zh + "（应为" +
                                  std::string(base_unit_id(c.base_unit)) + "类单位）",
                     litres ? c.name_en + ": enter mass (t or kg); no sourced density is on file to convert litres"
                            : "unit '" + unit + "' does not fit " + c.name_en + " (expects a " +
                                  std::string(base_unit_id(c.base_unit)) + " unit)");
        }
    }

    auto q = r.number("quantity", 0, k_max_quantity, "消费量", "quantity");
    if (q) u.quantity = *q;
    bool from_months = false;  // the year comes from 12 complete months
    if (const json* m = r.get("monthly")) {
        if (!m->is_array() || m->size() != 12) {
            is.error(r.at("monthly"), "monthly_shape", "月度数据应为 12 个数字", "monthly data must be 12 numbers");
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
                    is.error(r.at("monthly") + "/" + std::to_string(i), "monthly_value",
                             std::to_string(i + 1) + " 月用量应为不小于 0 的数字",
                             "month " + std::to_string(i + 1) + " must be a number not below 0");
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
                    is.error(r.at("quantity"), "monthly_sum_mismatch",
                             "12 个月合计 " + num_text(sum) + " 与全年用量 " + num_text(*q) + " 不一致",
                             "the 12 months add up to " + num_text(sum) + " but the annual quantity is " + num_text(*q));
                }
            }
        }
    }
    if (!from_months && !q && !r.get("quantity")) {
        is.error(r.at("quantity"), "missing_quantity", "请填写全年消费量", "give the annual quantity");
    }

    if (auto ncv = r.number("ncv_kj_per_unit", 0, 1e12, "实测低位发热量", "measured calorific value")) {
        if (*ncv <= 0) {
            is.error(r.at("ncv_kj_per_unit"), "ncv_zero", "实测低位发热量应大于 0", "measured calorific value must be above 0");
        } else {
            u.ncv_kj_per_unit = *ncv;
            if (carrier_ok && unit_ok && ref.carriers.at(u.carrier).ncv_kj_per_base) {
                const Carrier& c = ref.carriers.at(u.carrier);
                auto f = to_base_factor(u.unit, c.base_unit, c.density_kg_per_l);
                if (f && *f > 0) {
                    double per_base = *ncv / *f, def = *c.ncv_kj_per_base;
                    if (per_base > def * 1.6 || per_base < def * 0.4)
                        is.warning(r.at("ncv_kj_per_unit"), "ncv_unusual",
                                   "实测低位发热量与默认值（" + num_text(def) + " kJ/" +
                                       std::string(base_unit_id(c.base_unit)) + "）相差很大，请核对单位（按“每" + unit +
                                       "”填写）",
                                   "measured calorific value differs widely from the default (" + num_text(def) +
                                       " kJ/" + std::string(base_unit_id(c.base_unit)) + "); check it is per " + unit);
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
    rn.pv_self_used_kwh = r.number("pv_self_used_kwh", 0, k_max_quantity, "自发自用光伏电量", "self-used PV").value_or(0);
    rn.pv_exported_kwh = r.number("pv_exported_kwh", 0, k_max_quantity, "光伏上网电量", "exported PV").value_or(0);
    rn.green_power_kwh = r.number("green_power_kwh", 0, k_max_quantity, "绿电交易电量", "green power").value_or(0);
    rn.gec_mwh = r.number("gec_mwh", 0, k_max_quantity, "绿证", "green certificates").value_or(0);
    rn.unknown = r.unknown();
}

void parse_product(const json& j, const std::string& path, const RefData& ref, Product& p, Issues& is) {
    ObjectReader r(j, path, is);
    r.string("name", p.name, 100);
    if (r.string("limit_id", p.limit_id, 80) && !p.limit_id.empty() && !ref.record("product_limits", p.limit_id))
        is.error(r.at("limit_id"), "unknown_product_limit", "未知的产品能耗限额条目“" + p.limit_id + "”",
                 "unknown product energy-limit entry '" + p.limit_id + "'");
    p.output = r.number("output", 0, k_max_quantity, "产量", "output").value_or(0);
    r.string("unit", p.unit, 20);
    p.energy_tce = r.number("energy_tce", 0, k_max_quantity, "产品能耗", "product energy");
    p.unknown = r.unknown();
}

void parse_options(const json& j, const RefData& ref, Options& o, Issues& is) {
    ObjectReader r(j, "/options", is);
    o.grid_emission_factor_tco2_per_mwh =
        r.number("grid_emission_factor_tco2_per_mwh", 0, 2, "电网排放因子", "grid emission factor");
    if (o.grid_emission_factor_tco2_per_mwh) {
        // Provenance check: a real verification report quoted 0.5633 while computing with 0.5366.
        double g = *o.grid_emission_factor_tco2_per_mwh;
        const Record* official = nullptr;
        const Record* legacy = nullptr;
        if (const Dataset* d = ref.dataset("grid_factors"))
            for (const auto& rec : d->records)
                if (rec.value && std::fabs(*rec.value - g) < 5e-5)
                    (rec.raw.value("kind", std::string()).rfind("legacy", 0) == 0 ? legacy : official) = &rec;
        if (!official && legacy)
            is.warning(r.at("grid_emission_factor_tco2_per_mwh"), "grid_factor_legacy",
                       "所填电网排放因子 " + num_text(g) + " 是过时或特定用途的因子（" + legacy->source +
                           "），不是生态环境部/国家统计局发布的年度平均因子",
                       "the grid factor " + num_text(g) + " is an obsolete or regime-specific factor (" +
                           (legacy->source_en.empty() ? legacy->source : legacy->source_en) +
                           "), not an official MEE/NBS annual average");
        else if (!official)
            is.warning(r.at("grid_emission_factor_tco2_per_mwh"), "grid_factor_unofficial",
                       "所填电网排放因子 " + num_text(g) + " 与生态环境部/国家统计局发布的任何年度因子都不一致，请核对来源",
                       "the grid factor " + num_text(g) + " matches no factor published by MEE/NBS; check its source");
    }
    o.heat_emission_factor_tco2_per_gj = r.number("heat_emission_factor_tco2_per_gj", 0, 1, "热力排放因子", "heat factor");
    o.industry_average_tco2_per_10k_yuan =
        r.number("industry_average_tco2_per_10k_yuan", 0, 100, "行业平均碳排放强度", "industry average");
    if (o.industry_average_tco2_per_10k_yuan && *o.industry_average_tco2_per_10k_yuan == 0) {
        is.error(r.at("industry_average_tco2_per_10k_yuan"), "zero", "行业平均值应大于 0", "industry average must be above 0");
        o.industry_average_tco2_per_10k_yuan.reset();
    }
    if (auto y = r.integer("factor_year", 2000, 2100, "排放因子年份", "factor year")) {
        bool have = false;
        if (const Dataset* d = ref.dataset("grid_factors"))
            for (const auto& rec : d->records)
                if (rec.year == *y && rec.raw.value("kind", std::string()) == "average") have = true;
        if (have)
            o.factor_year = *y;
        else
            is.error(r.at("factor_year"), "no_factor_for_year", "没有 " + std::to_string(*y) + " 年的官方电网排放因子",
                     "no official grid factor is on file for " + std::to_string(*y));
    }
    std::string region;
    if (r.string("factor_region", region, 20) && !region.empty()) {
        if (region == "national") o.factor_region = GridRegion::national;
        else if (region == "east_china") o.factor_region = GridRegion::east_china;
        else if (region == "zhejiang") o.factor_region = GridRegion::zhejiang;
        else
            is.error(r.at("factor_region"), "unknown_region", "排放因子区域应为 national、east_china 或 zhejiang",
                     "factor region must be national, east_china or zhejiang");
    }
    o.discount_rate = r.number("discount_rate", 0, 0.5, "折现率", "discount rate");
    o.electricity_price_yuan_per_kwh = r.number("electricity_price_yuan_per_kwh", 0, 10, "电价", "electricity price");
    o.coal_price_yuan_per_t = r.number("coal_price_yuan_per_t", 0, 1e4, "煤价", "coal price");
    o.natural_gas_price_yuan_per_m3 = r.number("natural_gas_price_yuan_per_m3", 0, 100, "天然气价格", "natural-gas price");
    o.steam_price_yuan_per_t = r.number("steam_price_yuan_per_t", 0, 2000, "蒸汽价格", "steam price");
    o.carbon_price_yuan_per_tco2 = r.number("carbon_price_yuan_per_tco2", 0, 1e4, "碳价", "carbon price");
    if (const json* sm = r.get("selected_measures")) {
        std::vector<std::string> ids;
        bool ok = sm->is_array();
        if (ok)
            for (std::size_t i = 0; i < sm->size(); ++i) {
                const json& v = (*sm)[i];
                if (!v.is_string()) {
                    is.error(r.at("selected_measures") + "/" + std::to_string(i), "wrong_type", "措施编号应为文本",
                             "a measure id must be a string");
                    continue;
                }
                if (!ref.record("measures", "measure/" + v.get<std::string>()))
                    is.warning(r.at("selected_measures") + "/" + std::to_string(i), "unknown_measure",
                               "未知措施“" + v.get<std::string>() + "”", "unknown measure '" + v.get<std::string>() + "'");
                ids.push_back(v.get<std::string>());
            }
        else
            r.wrong_type("selected_measures", "文本数组", "an array of strings", *sm);
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
    if (auto y = r.integer("year", 2000, 2100, "年度", "year")) h.year = *y;
    else if (!r.get("year"))
        is.error(r.at("year"), "missing_year", "缺少年度", "the year is missing");
    if (h.year && current_year && h.year >= current_year)
        is.error(r.at("year"), "history_after_current", "往年数据的年度应早于当前年度",
                 "an earlier year must be before the current year");
    if (const json* e = r.get("enterprise")) {
        if (e->is_object()) {
            ObjectReader er(*e, path + "/enterprise", is);
            h.value_added_10k_yuan =
                er.number("value_added_10k_yuan", 0, k_max_money_10k_yuan, "工业增加值", "value added");
            h.output_value_10k_yuan =
                er.number("output_value_10k_yuan", 0, k_max_money_10k_yuan, "工业总产值", "output value");
            h.value_added_price_index =
                er.number("value_added_price_index", 1e-3, 1e6, "工业增加值价格指数", "value-added price index");
            h.industry_average_tco2_per_10k_yuan = er.number("industry_average_tco2_per_10k_yuan", 1e-6, 1e4,
                                                             "行业平均碳排放强度", "industry-average intensity");
            h.enterprise_unknown = er.unknown();
        } else {
            r.wrong_type("enterprise", "对象", "an object", *e);
        }
    }
    if (const json* en = r.get("energy")) {
        if (!en->is_array()) {
            r.wrong_type("energy", "列表", "an array", *en);
        } else {
            for (std::size_t i = 0; i < en->size(); ++i) {
                std::string p = path + "/energy/" + std::to_string(i);
                if (!(*en)[i].is_object()) {
                    is.error(p, "wrong_type", "每条能源记录应为对象", "each energy row must be an object");
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
        else r.wrong_type("renewables", "对象", "an object", *rn);
    }
    if (const json* ps = r.get("products")) {
        if (!ps->is_array()) {
            r.wrong_type("products", "列表", "an array", *ps);
        } else {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                std::string p = path + "/products/" + std::to_string(i);
                if (!(*ps)[i].is_object()) {
                    is.error(p, "wrong_type", "每个产品应为对象", "each product must be an object");
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
        is.error("/version", "missing_version", "缺少版本号 version", "the document has no version");
        return false;
    }
    if (!v->is_number_integer()) {
        is.error("/version", "wrong_type", "版本号应为整数", "version must be an integer");
        return false;
    }
    long long ver = v->get<long long>();
    if (ver > k_schema_version) {
        is.error("/version", "future_version",
                 "此文件由更新版本的软件保存（版本 " + std::to_string(ver) + "），请升级后再打开",
                 "this file was saved by a newer version (" + std::to_string(ver) + "); please update the app");
        return false;
    }
    if (ver < 1) {
        is.error("/version", "unsupported_version", "不支持的文件版本 " + std::to_string(ver),
                 "unsupported document version " + std::to_string(ver));
        return false;
    }
    // Version 1 is current. A future version 2 adds `if (ver == 1) { ...rewrite...; ver = 2; }` here.
    return true;
}

ParseOutcome parse_document(std::string_view text, const RefData& ref) {
    ParseOutcome out;
    if (text.size() > k_max_document_bytes) {
        out.issues.error("", "document_too_large",
                         "文件过大（" + std::to_string(text.size() / 1024) + " KB，上限 " +
                             std::to_string(k_max_document_bytes / 1024) + " KB）",
                         "file too large (" + std::to_string(text.size() / 1024) + " KB, limit " +
                             std::to_string(k_max_document_bytes / 1024) + " KB)");
        return out;
    }
    if (json_max_nesting(text) > k_max_depth) {
        out.issues.error("", "too_deep", "文件嵌套层级过深，不是有效的自诊断文件",
                         "the file is nested too deeply to be an assessment document");
        return out;
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        out.issues.error("", "not_json", "文件不是有效的 JSON 格式", "the file is not valid JSON");
        return out;
    }
    return parse_document_json(doc, ref);
}

ParseOutcome parse_document_json(const json& doc_in, const RefData& ref) {
    ParseOutcome out;
    Issues& is = out.issues;
    if (!doc_in.is_object()) {
        is.error("", "not_object", "文件内容应为 JSON 对象", "the document must be a JSON object");
        return out;
    }
    check_limits(doc_in, "", is);
    if (is.has_errors()) return out;
    json doc = doc_in;
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || schema->get<std::string>() != k_schema_name) {
        is.error("/schema", "wrong_schema", "不是企业节能降碳自诊断文件（schema 应为 selfcheck/assessment）",
                 "not a SelfCheck assessment (schema must be selfcheck/assessment)");
        return out;
    }
    if (!migrate_document(doc, is)) return out;

    Input in;
    ObjectReader top(doc, "", is);
    top.get("schema");
    top.get("version");
    if (const json* e = top.get("enterprise")) {
        if (e->is_object()) parse_enterprise(*e, ref, in.enterprise, is);
        else top.wrong_type("enterprise", "对象", "an object", *e);
    } else {
        is.error("/enterprise", "missing_enterprise", "缺少企业信息", "enterprise information is missing");
    }
    if (const json* en = top.get("energy")) {
        if (!en->is_array()) {
            top.wrong_type("energy", "列表", "an array", *en);
        } else {
            for (std::size_t i = 0; i < en->size(); ++i) {
                std::string p = "/energy/" + std::to_string(i);
                if (!(*en)[i].is_object()) {
                    is.error(p, "wrong_type", "每条能源记录应为对象", "each energy row must be an object");
                    continue;
                }
                EnergyUse u;
                parse_energy_row((*en)[i], p, ref, u, is);
                in.energy.push_back(std::move(u));
            }
        }
    } else {
        is.error("/energy", "missing_energy", "缺少能源消费数据", "energy use is missing");
    }
    if (const json* rn = top.get("renewables")) {
        if (rn->is_object()) parse_renewables(*rn, "/renewables", in.renewables, is);
        else top.wrong_type("renewables", "对象", "an object", *rn);
    }
    if (const json* ps = top.get("products")) {
        if (!ps->is_array()) {
            top.wrong_type("products", "列表", "an array", *ps);
        } else {
            for (std::size_t i = 0; i < ps->size(); ++i) {
                std::string p = "/products/" + std::to_string(i);
                if (!(*ps)[i].is_object()) {
                    is.error(p, "wrong_type", "每个产品应为对象", "each product must be an object");
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
        else top.wrong_type("options", "对象", "an object", *o);
    }
    if (const json* b = top.get("bills")) bills::parse_bills(*b, "/bills", ref, in.bills, is);  // bills/bills_doc.cpp
    if (const json* hs = top.get("history")) {
        if (!hs->is_array()) {
            top.wrong_type("history", "列表", "an array", *hs);
        } else {
            std::vector<int> seen{in.enterprise.year};
            for (std::size_t i = 0; i < hs->size(); ++i) {
                std::string p = "/history/" + std::to_string(i);
                if (!(*hs)[i].is_object()) {
                    is.error(p, "wrong_type", "每个往年数据应为对象", "each earlier year must be an object");
                    continue;
                }
                HistoryYear h;
                parse_history_year((*hs)[i], p, ref, in.enterprise.year, h, is);
                if (h.year && std::find(seen.begin(), seen.end(), h.year) != seen.end())
                    is.error(p + "/year", "duplicate_year", "年度重复：每个年度只能出现一次（包括当前年度）",
                             "duplicate year: each year may appear only once (the current year included)");
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
        is.warning("/renewables/green_power_kwh", "green_power_above_purchase",
                   "绿电交易电量大于外购电量，请核对（绿电是外购电的一部分）",
                   "green power exceeds purchased electricity; please check (green power is part of the purchase)");
    if (in.energy.empty() && in.renewables.pv_self_used_kwh == 0)
        is.warning("/energy", "no_energy", "尚未填写任何能源消费", "no energy use has been entered yet");

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
