// The equipment rows and the management answers of the assessment document: read into the typed
// input (equipment.hpp) with located bilingual issues, and written back as they were read. The
// field tables below are the document contract: each field's kind, range and label.
#include "io/input_json.hpp"

#include "texts.hpp"
#include "validate.hpp"

#include <cmath>
#include <map>

namespace selfcheck {

using nlohmann::json;

namespace {

enum class Kind { number, integer, boolean, text, any };

template <class F> struct FieldSpec {
    CheckedKey<F> key;
    Kind kind;
    double lo, hi;
    const char* group;  // its name is the text "field.<group>.<key>" (assets/text/core_diagnosis.json)
    std::string_view name() const { return enum_key(key.id); }
};
using EquipmentSpec = FieldSpec<EquipmentField>;
using ManagementSpec = FieldSpec<ManagementField>;

template <class F> texts::Text label(const FieldSpec<F>& s) {
    return texts::get(std::string("field.") + s.group + "." + std::string(s.name()));
}

constexpr double k_big = 1e12;
constexpr std::size_t k_max_field_chars = 200;  // a text field of an equipment row or of management
constexpr double k_max_count = 100000;          // units in one equipment row

// Fields every row may carry.
const std::vector<EquipmentSpec> k_common = {
    {"name", Kind::text, 0, 0, "common"},
    {"note", Kind::text, 0, 0, "common"},
    {"model", Kind::text, 0, 0, "common"},
    {"year_installed", Kind::integer, 1900, 2100, "common"},
    {"hours_per_year", Kind::number, 0, 8784, "common"},
    {"load_factor", Kind::number, 0, 1.5, "common"},
    {"on_obsolete_catalogue", Kind::boolean, 0, 0, "common"},
};

const std::vector<EquipmentSpec>& specs_for(EquipmentKind kind) {
    static const std::map<std::string_view, std::vector<EquipmentSpec>> m = {
        {"motor",
         {{"rated_kw", Kind::number, 0.05, 1e5, "motor"},
          {"efficiency_class", Kind::text, 0, 0, "motor"},
          {"series", Kind::text, 0, 0, "motor"},
          {"rewinds", Kind::integer, 0, 50, "motor"},
          {"poles", Kind::integer, 2, 8, "motor"},
          {"driven_load", Kind::text, 0, 0, "motor"},
          {"speed_control", Kind::text, 0, 0, "motor"},
          {"transmission", Kind::text, 0, 0, "motor"},
          {"voltage_kv", Kind::number, 0, 1000, "motor"}}},
        {"pump",
         {{"rated_kw", Kind::number, 0.05, 1e5, "pump"},
          {"flow_control", Kind::text, 0, 0, "pump"},
          {"mean_flow_fraction", Kind::number, 0, 1.5, "pump"},
          {"efficiency", Kind::number, 0.05, 1, "pump"},
          {"efficiency_class", Kind::text, 0, 0, "pump"},
          {"series", Kind::text, 0, 0, "pump"},
          {"head_m", Kind::number, 0, 1e4, "pump"},
          {"flow_m3_per_h", Kind::number, 0, 1e7, "pump"}}},
        {"air_compressor",
         {{"compressor_type", Kind::text, 0, 0, "air_compressor"},
          {"rated_kw", Kind::number, 0.05, 1e5, "air_compressor"},
          {"fad_m3_per_min", Kind::number, 0, 1e5, "air_compressor"},
          {"pressure_mpa", Kind::number, 0, 5, "air_compressor"},
          {"required_pressure_mpa", Kind::number, 0, 5, "air_compressor"},
          {"specific_power_kw_per_m3_min", Kind::number, 1, 50, "air_compressor"},
          {"speed_control", Kind::text, 0, 0, "air_compressor"},
          {"leak_test", Kind::any, 0, 0, "air_compressor"},
          {"leak_fraction", Kind::number, 0, 1, "air_compressor"},
          {"energy_grade", Kind::integer, 1, 5, "air_compressor"},
          {"heat_recovery", Kind::boolean, 0, 0, "air_compressor"}}},
        {"transformer",
         {{"series", Kind::text, 0, 0, "transformer"},
          {"rated_kva", Kind::number, 5, 1e6, "transformer"},
          {"no_load_loss_kw", Kind::number, 0, 1e3, "transformer"},
          {"load_loss_kw", Kind::number, 0, 1e4, "transformer"},
          {"energy_grade", Kind::integer, 1, 3, "transformer"}}},
        {"boiler",
         {{"fuel", Kind::text, 0, 0, "boiler"},
          {"capacity_t_per_h", Kind::number, 0, 2000, "boiler"},
          {"capacity_mw", Kind::number, 0, 2000, "boiler"},
          {"efficiency", Kind::number, 0.2, 1.1, "boiler"},
          {"flue_temp_c", Kind::number, 0, 1200, "boiler"},
          {"flue_o2_pct", Kind::number, 0, 21, "boiler"},
          {"economizer", Kind::boolean, 0, 0, "boiler"},
          {"annual_tune_up", Kind::boolean, 0, 0, "boiler"},
          {"fuel_quantity", Kind::number, 0, k_big, "boiler"}}},
        {"furnace",
         {{"fuel", Kind::text, 0, 0, "furnace"},
          {"rated_kw", Kind::number, 0, 1e6, "furnace"},
          {"capacity_mw", Kind::number, 0, 2000, "furnace"},
          {"efficiency", Kind::number, 0.05, 1.1, "furnace"},
          {"exhaust_temp_c", Kind::number, 0, 2000, "furnace"},
          {"fuel_quantity", Kind::number, 0, k_big, "furnace"}}},
        {"lighting",
         {{"lamp_type", Kind::text, 0, 0, "lighting"},
          {"watts", Kind::number, 0, 1e4, "lighting"},
          {"fixture", Kind::text, 0, 0, "lighting"},
          {"ballast", Kind::text, 0, 0, "lighting"}}},
        {"roof",
         {{"usable_area_m2", Kind::number, 0, 1e7, "roof"},
          {"structure", Kind::text, 0, 0, "roof"},
          {"shaded", Kind::boolean, 0, 0, "roof"},
          {"remaining_life_years", Kind::number, 0, 100, "roof"}}},
        {"pv",
         {{"rated_kw", Kind::number, 0, 1e6, "pv"},
          {"annual_kwh", Kind::number, 0, k_big, "pv"}}},
        {"storage",
         {{"capacity_kwh", Kind::number, 0, 1e7, "storage"},
          {"power_kw", Kind::number, 0, 1e7, "storage"},
          {"planned", Kind::boolean, 0, 0, "storage"}}},
        {"heat_pump", {{"rated_kw", Kind::number, 0, 1e6, "heat_pump"}, {"cop", Kind::number, 0, 20, "heat_pump"}}},
        {"chiller", {{"rated_kw", Kind::number, 0, 1e6, "chiller"}, {"cop", Kind::number, 0, 20, "chiller"}}},
        {"process_heat",
         {{"temperature_c", Kind::number, -50, 2000, "process_heat"},
          {"heat_source_temp_c", Kind::number, -50, 2000, "process_heat"},
          {"demand_gj_per_year", Kind::number, 0, k_big, "process_heat"},
          {"source", Kind::text, 0, 0, "process_heat"}}},
        {"waste_heat",
         {{"medium", Kind::text, 0, 0, "waste_heat"},
          {"temperature_c", Kind::number, -50, 2000, "waste_heat"},
          {"recoverable_kw", Kind::number, 0, 1e7, "waste_heat"},
          {"sink_available", Kind::boolean, 0, 0, "waste_heat"},
          {"coincidence", Kind::number, 0, 1, "waste_heat"}}},
        {"dyeing",
         {{"process", Kind::text, 0, 0, "dyeing"},
          {"fibre", Kind::text, 0, 0, "dyeing"},
          {"steam_t_per_year", Kind::number, 0, k_big, "dyeing"},
          {"water_m3_per_year", Kind::number, 0, k_big, "dyeing"},
          {"bleaching_temp_c", Kind::number, 0, 200, "dyeing"},
          {"pretreatment_steam_t_per_year", Kind::number, 0, k_big, "dyeing"}}},
        {"printing",
         {{"method", Kind::text, 0, 0, "printing"},
          {"metres_per_year", Kind::number, 0, k_big, "printing"},
          {"steam_t_per_year", Kind::number, 0, k_big, "printing"},
          {"electricity_kwh_per_year", Kind::number, 0, k_big, "printing"}}},
        {"water",
         {{"use_m3_per_day", Kind::number, 0, 1e8, "water"},
          {"reuse_rate", Kind::number, 0, 1, "water"},
          {"fresh_price_yuan_per_m3", Kind::number, 0, 1000, "water"},
          {"discharge_price_yuan_per_m3", Kind::number, 0, 1000, "water"},
          {"effluent_temp_c", Kind::number, 0, 100, "water"},
          {"fresh_temp_c", Kind::number, 0, 100, "water"},
          {"operating_days", Kind::integer, 1, 366, "water"}}},
        {"paper_machine",
         {{"dryer_steam_t_per_year", Kind::number, 0, k_big, "paper_machine"},
          {"press_dryness_pct", Kind::number, 0, 100, "paper_machine"}}},
    };
    static const std::vector<EquipmentSpec> none;
    if (kind == EquipmentKind::other) return none;
    auto it = m.find(kind == EquipmentKind::fan ? "pump" : enum_key(kind));  // fans take the pump fields
    return it == m.end() ? none : it->second;
}

template <class F> const FieldSpec<F>* find_spec(const std::vector<FieldSpec<F>>& v, F f) {
    for (const auto& s : v)
        if (s.key.id == f) return &s;
    return nullptr;
}

// The value a field can hold, if `v` is a number, text or yes/no.
std::optional<FieldValue> scalar_value(const json& v) {
    switch (v.type()) {
    case json::value_t::boolean: return FieldValue(v.get<bool>());
    case json::value_t::number_integer: return FieldValue(v.get<std::int64_t>());
    case json::value_t::number_unsigned: return FieldValue(v.get<std::uint64_t>());
    case json::value_t::number_float: return FieldValue(v.get<double>());
    case json::value_t::string: return FieldValue(v.get<std::string>());
    default: return std::nullopt;
    }
}

json field_json(const FieldValue& v) {
    return std::visit([](const auto& x) { return json(x); }, v);
}

// Kept as written: the row's or the object's unknown keys.
void keep_unknown(json& unknown, const std::string& key, const json& v) {
    if (!unknown.is_object()) unknown = json::object();
    unknown[key] = v;
}

std::string kind_name(const json& v) {
    if (v.is_string()) return "string";
    if (v.is_boolean()) return "boolean";
    if (v.is_number()) return "number";
    if (v.is_array()) return "array";
    if (v.is_object()) return "object";
    return "null";
}

// Unit variants that people type instead of the field we expect: "rated_hp", "rated_w", ...
std::optional<std::string> unit_variant_of(const std::string& key, const std::vector<EquipmentSpec>& specs) {
    static const char* suffixes[] = {"_hp", "_w", "_mw", "_kva", "_kw", "_t_per_h", "_mpa", "_bar", "_m3_per_h",
                                     "_cfm", "_c", "_f", "_pct", "_percent", "_l_per_s"};
    for (const char* suf : suffixes) {
        std::string s = suf;
        if (key.size() <= s.size() || key.compare(key.size() - s.size(), s.size(), s) != 0) continue;
        std::string stem = key.substr(0, key.size() - s.size());
        for (const auto& spec : specs) {
            std::string k(spec.name());
            if (k != key && k.rfind(stem + "_", 0) == 0 && spec.kind == Kind::number) return k;
        }
    }
    return std::nullopt;
}

// The field's name as the {field} of a message (looked up only when there is something to say).
template <class F> texts::Arg field_arg(const FieldSpec<F>& s) {
    texts::Text t = label(s);
    return {"field", std::move(t.zh), std::move(t.en)};
}

// Whether `v` is a valid value of `s`; if not, says why at `p`.
template <class F> bool check_field(const FieldSpec<F>& s, const json& v, const std::string& p, Issues& is) {
    switch (s.kind) {
    case Kind::number:
    case Kind::integer: {
        if (!v.is_number()) {
            std::string got = kind_name(v);
            if (v.is_string())
                texts::error(is, p, "wrong_unit", "field.number_as_text", {field_arg(s), {"text", v.get<std::string>()}});
            else
                texts::error(is, p, "wrong_type", "field.not_number", {field_arg(s), {"got", got}});
            return false;
        }
        double d = v.get<double>();
        if (!std::isfinite(d)) {
            texts::error(is, p, "not_finite", "field.not_finite", {field_arg(s)});
            return false;
        }
        if (s.kind == Kind::integer && std::floor(d) != d) {
            texts::error(is, p, "wrong_type", "field.not_integer", {field_arg(s)});
            return false;
        }
        if (d < s.lo || d > s.hi) {
            texts::error(is, p, "out_of_range", "field.out_of_range",
                         {field_arg(s), {"lo", num_text(s.lo)}, {"hi", num_text(s.hi)}, {"value", num_text(d)}});
            return false;
        }
        return true;
    }
    case Kind::boolean:
        if (!v.is_boolean()) {
            texts::error(is, p, "wrong_type", "field.not_boolean", {field_arg(s)});
            return false;
        }
        return true;
    case Kind::text:
        if (!v.is_string()) {
            texts::error(is, p, "wrong_type", "field.not_text", {field_arg(s)});
            return false;
        }
        if (utf8_length(v.get<std::string>()) > k_max_field_chars) {
            texts::error(is, p, "string_too_long", "field.too_long",
                         {field_arg(s), {"limit", std::to_string(k_max_field_chars)}});
            return false;
        }
        return true;
    case Kind::any:
        if (!(v.is_string() || v.is_boolean() || v.is_number())) {
            texts::error(is, p, "wrong_type", "field.not_scalar", {field_arg(s)});
            return false;
        }
        return true;
    }
    return false;
}

// A choice answered as text, kept when the field's check passed; one not in the list is kept as
// written and is an error (`not_listed` says which values are allowed).
template <class E>
void read_choice(const json& v, bool valid, const std::string& p, std::string_view not_listed,
                 std::optional<ManagementChoice<E>>& out, Issues& is) {
    if (!v.is_string()) return;  // check_field said why
    ManagementChoice<E> c(v.get_ref<const std::string&>());
    if (!c.known()) texts::error(is, p, "bad_choice", not_listed);
    if (valid) out = std::move(c);
}

} // namespace

void parse_equipment(const json& j, const std::string& path, Equipment& out, Issues& issues) {
    if (!j.is_array()) {
        texts::error(issues, path, "wrong_type", "equipment.not_array");
        return;
    }
    for (std::size_t i = 0; i < j.size(); ++i) {
        const auto& row = j[i];
        std::string p = path + "/" + std::to_string(i);
        if (!row.is_object()) {
            texts::error(issues, p, "wrong_type", "equipment.item_not_object");
            continue;
        }
        EquipmentItem item;
        auto t = row.find("type");
        if (t == row.end() || !t->is_string() || t->get<std::string>().empty()) {
            texts::error(issues, p + "/type", "missing_type", "equipment.missing_type");
            continue;
        }
        item.type = EquipmentType(t->get<std::string>());
        const bool known = item.type.known();
        if (!known)
            texts::warning(issues, p + "/type", "unknown_equipment_type", "equipment.unknown_type", {{"type", item.type.written}});
        if (auto c = row.find("count"); c != row.end() && !c->is_null()) {
            if (!c->is_number() || (c->is_number_float() && std::floor(c->get<double>()) != c->get<double>()))
                texts::error(issues, p + "/count", "wrong_type", "equipment.count_not_integer");
            else if (c->get<double>() < 1 || c->get<double>() > k_max_count)
                texts::error(issues, p + "/count", "out_of_range", "equipment.count_out_of_range",
                             {{"hi", num_text(k_max_count)}, {"value", num_text(c->get<double>())}});
            else
                item.count = c->get<int>();
        }
        const auto& specs = specs_for(item.type.kind);
        for (auto it = row.begin(); it != row.end(); ++it) {
            const std::string& key = it.key();
            if (key == "type" || key == "count") continue;
            std::string fp = p + "/" + key;
            if (it->is_null()) continue;
            const std::optional<EquipmentField> f = enum_named<EquipmentField>(key);
            const EquipmentSpec* s = f ? find_spec(k_common, *f) : nullptr;
            if (f && !s) s = find_spec(specs, *f);
            if (s) {
                if (check_field(*s, it.value(), fp, issues)) item.fields.set(*f, *scalar_value(it.value()));
                if (key == "name" && it->is_string()) item.name = it->get<std::string>();
                continue;
            }
            if (known) {
                if (auto right = unit_variant_of(key, specs)) {
                    texts::error(issues, fp, "wrong_unit", "equipment.wrong_unit_field", {{"key", key}, {"right", *right}});
                    continue;
                }
                texts::warning(issues, fp, "unknown_key", "input.unknown_key", {{"key", key}});
            }
            // Kept for saving again. A key of another type's table stays readable by the helpers
            // (a "watts" on a motor row counts), as it did when every key was one JSON object.
            std::optional<FieldValue> v = f ? scalar_value(it.value()) : std::nullopt;
            if (v)
                item.fields.set(*f, std::move(*v));
            else
                keep_unknown(item.unknown, key, it.value());
        }
        out.items.push_back(std::move(item));
    }
}

void parse_management(const json& j, const std::string& path, Management& out, Issues& issues) {
    if (!j.is_object()) {
        texts::error(issues, path, "wrong_type", "management.not_object");
        return;
    }
    static const std::vector<ManagementSpec> specs = {
        {"energy_manager", Kind::boolean, 0, 0, "management"},
        {"metering_gb17167", Kind::text, 0, 0, "management"},
        {"energy_management_system", Kind::any, 0, 0, "management"},
        {"energy_audit_year", Kind::integer, 1990, 2100, "management"},
        {"online_monitoring", Kind::boolean, 0, 0, "management"},
        {"leak_programme", Kind::boolean, 0, 0, "management"},
        {"central_heating_available", Kind::boolean, 0, 0, "management"},
        {"gas_main_available", Kind::boolean, 0, 0, "management"},
        {"tou_user_class", Kind::text, 0, 0, "management"},
        {"exporter", Kind::boolean, 0, 0, "management"},
    };
    for (auto it = j.begin(); it != j.end(); ++it) {
        std::string fp = path + "/" + it.key();
        if (it->is_null()) continue;
        const std::optional<ManagementField> f = enum_named<ManagementField>(it.key());
        if (const ManagementSpec* s = f ? find_spec(specs, *f) : nullptr) {
            const bool valid = check_field(*s, it.value(), fp, issues);
            if (*f == ManagementField::metering_gb17167)
                read_choice(it.value(), valid, fp, "management.bad_metering", out.metering_gb17167, issues);
            else if (*f == ManagementField::tou_user_class)
                read_choice(it.value(), valid, fp, "management.bad_tou_class", out.tou_user_class, issues);
            else if (valid)
                out.fields.set(*f, *scalar_value(it.value()));
            continue;
        }
        texts::warning(issues, fp, "unknown_key", "input.unknown_key", {{"key", it.key()}});
        keep_unknown(out.unknown, it.key(), it.value());
    }
}

nlohmann::json equipment_to_json(const Equipment& e) {
    json a = json::array();
    for (const auto& item : e.items) {
        json o = item.unknown.is_object() ? item.unknown : json::object();
        for (const auto& [f, v] : item.fields.values) o[std::string(enum_key(f))] = field_json(v);
        o["type"] = std::string(item.type.name());
        o["count"] = item.count;
        if (!item.name.empty()) o["name"] = item.name;
        a.push_back(std::move(o));
    }
    return a;
}

nlohmann::json management_to_json(const Management& m) {
    json o = m.unknown.is_object() ? m.unknown : json::object();
    for (const auto& [f, v] : m.fields.values) o[std::string(enum_key(f))] = field_json(v);
    if (m.metering_gb17167)
        o[std::string(enum_key(ManagementField::metering_gb17167))] = std::string(m.metering_gb17167->name());
    if (m.tou_user_class) o[std::string(enum_key(ManagementField::tou_user_class))] = std::string(m.tou_user_class->name());
    return o;
}

} // namespace selfcheck
