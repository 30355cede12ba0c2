// Equipment and management-practice input (extends the assessment document) and the findings the
// diagnosis draws from it. Owned by the diagnosis module (diagnosis.cpp); read from and written
// back to the document by core/io/equipment_json.cpp (declared in core/io/input_json.hpp).
#pragma once
#include "issues.hpp"
#include "texts.hpp"
#include "textref.hpp"

#include <cstdint>
#include <iterator>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <type_traits>
#include <variant>
#include <vector>

namespace selfcheck {

// Every field an equipment row or the management object may carry, by its key in the document.
// The per-type ranges and kinds are the FieldSpec tables of core/io/equipment_json.cpp; an enum,
// not strings, so reading a field is an enum compare and a misspelt key fails to compile
// (CheckedKey below).
#define SELFCHECK_EQUIPMENT_FIELDS(X)                                                                      \
    X(name) X(note) X(model) X(year_installed) X(hours_per_year) X(load_factor) X(on_obsolete_catalogue)  \
    X(rated_kw) X(efficiency_class) X(series) X(rewinds) X(poles) X(driven_load) X(speed_control)        \
    X(transmission) X(voltage_kv) X(flow_control) X(mean_flow_fraction) X(efficiency) X(head_m)           \
    X(flow_m3_per_h) X(compressor_type) X(fad_m3_per_min) X(pressure_mpa) X(required_pressure_mpa)        \
    X(specific_power_kw_per_m3_min) X(leak_test) X(leak_fraction) X(energy_grade) X(heat_recovery)        \
    X(rated_kva) X(no_load_loss_kw) X(load_loss_kw) X(fuel) X(capacity_t_per_h) X(capacity_mw)            \
    X(flue_temp_c) X(flue_o2_pct) X(economizer) X(annual_tune_up) X(fuel_quantity) X(exhaust_temp_c)      \
    X(lamp_type) X(watts) X(fixture) X(ballast) X(usable_area_m2) X(structure) X(shaded)                  \
    X(remaining_life_years) X(annual_kwh) X(capacity_kwh) X(power_kw) X(planned) X(cop) X(temperature_c)  \
    X(heat_source_temp_c) X(demand_gj_per_year) X(source) X(medium) X(recoverable_kw) X(sink_available)   \
    X(coincidence) X(process) X(fibre) X(steam_t_per_year) X(water_m3_per_year) X(bleaching_temp_c)       \
    X(pretreatment_steam_t_per_year) X(method) X(metres_per_year) X(electricity_kwh_per_year)             \
    X(use_m3_per_day) X(reuse_rate) X(fresh_price_yuan_per_m3) X(discharge_price_yuan_per_m3)             \
    X(effluent_temp_c) X(fresh_temp_c) X(operating_days) X(dryer_steam_t_per_year) X(press_dryness_pct)
#define SELFCHECK_MANAGEMENT_FIELDS(X)                                                                     \
    X(energy_manager) X(metering_gb17167) X(energy_management_system) X(energy_audit_year)                \
    X(online_monitoring) X(leak_programme) X(central_heating_available) X(gas_main_available)             \
    X(tou_user_class) X(exporter)

// The equipment types the diagnosis and the measures know; a row of any other type is kept (and
// warned about) as EquipmentKind::other with its type as written.
#define SELFCHECK_EQUIPMENT_KINDS(X)                                                                       \
    X(motor) X(pump) X(fan) X(air_compressor) X(transformer) X(boiler) X(furnace) X(lighting) X(heat_pump) \
    X(chiller) X(pv) X(storage) X(roof) X(process_heat) X(waste_heat) X(dyeing) X(printing) X(water)       \
    X(paper_machine)

// The answers of the two management choices (the lists of assets/data/choices.json): how far the
// GB 17167 energy metering instruments are fitted, and the user class of the time-of-use tariff.
#define SELFCHECK_METERING_COVERAGES(X) X(full) X(partial) X(none)
#define SELFCHECK_TOU_USER_CLASSES(X) X(large_industry) X(general)

#define SELFCHECK_KEY_ENUM(k) k,
#define SELFCHECK_KEY_NAME(k) #k,
enum class EquipmentField : unsigned char { SELFCHECK_EQUIPMENT_FIELDS(SELFCHECK_KEY_ENUM) };
enum class ManagementField : unsigned char { SELFCHECK_MANAGEMENT_FIELDS(SELFCHECK_KEY_ENUM) };
enum class EquipmentKind : unsigned char { SELFCHECK_EQUIPMENT_KINDS(SELFCHECK_KEY_ENUM) other };
enum class MeteringCoverage : unsigned char { SELFCHECK_METERING_COVERAGES(SELFCHECK_KEY_ENUM) other };
enum class TouUserClass : unsigned char { SELFCHECK_TOU_USER_CLASSES(SELFCHECK_KEY_ENUM) other };
inline constexpr std::string_view k_equipment_field_keys[] = {SELFCHECK_EQUIPMENT_FIELDS(SELFCHECK_KEY_NAME)};
inline constexpr std::string_view k_management_field_keys[] = {SELFCHECK_MANAGEMENT_FIELDS(SELFCHECK_KEY_NAME)};
inline constexpr std::string_view k_equipment_kind_keys[] = {SELFCHECK_EQUIPMENT_KINDS(SELFCHECK_KEY_NAME)};
inline constexpr std::string_view k_metering_coverage_keys[] = {SELFCHECK_METERING_COVERAGES(SELFCHECK_KEY_NAME)};
inline constexpr std::string_view k_tou_user_class_keys[] = {SELFCHECK_TOU_USER_CLASSES(SELFCHECK_KEY_NAME)};
#undef SELFCHECK_KEY_ENUM
#undef SELFCHECK_KEY_NAME

// The key strings of an enum's values, in enum order (the value `other` has none).
template <class E> constexpr const auto& enum_keys() {
    if constexpr (std::is_same_v<E, EquipmentField>) return k_equipment_field_keys;
    else if constexpr (std::is_same_v<E, ManagementField>) return k_management_field_keys;
    else if constexpr (std::is_same_v<E, MeteringCoverage>) return k_metering_coverage_keys;
    else if constexpr (std::is_same_v<E, TouUserClass>) return k_tou_user_class_keys;
    else return k_equipment_kind_keys;
}
// The key as written in the document.
template <class E> constexpr std::string_view enum_key(E e) { return enum_keys<E>()[std::size_t(e)]; }
// The value written `key`, if the table has one (parsing: keys come from the document).
template <class E> constexpr std::optional<E> enum_named(std::string_view key) {
    const auto& keys = enum_keys<E>();
    for (std::size_t i = 0; i < std::size(keys); ++i)
        if (keys[i] == key) return E(i);
    return std::nullopt;
}

// Deliberately not constexpr: a CheckedKey built from a key that is not in the table calls it, and
// the consteval constructor then fails to compile.
void no_such_key();

// A key named by a string literal in code, checked and turned into the enum at compile time:
// `equip::field_num(e, "rated_kw")` compiles to an enum compare, `"rated_kv"` does not compile;
// so does `e.type == "boiler"` (`"boilr"` does not).
template <class E> struct CheckedKey {
    E id;
    consteval CheckedKey(const char* key) : id(checked(key)) {}
    constexpr CheckedKey(E e) : id(e) {}

  private:
    static consteval E checked(const char* key) {
        if (auto e = enum_named<E>(key)) return *e;
        no_such_key();
        return E{};
    }
};

// An equipment row's type: one of the known kinds, or another type kept as written.
struct EquipmentType {
    EquipmentKind kind = EquipmentKind::other;
    std::string written;  // only for EquipmentKind::other
    EquipmentType() = default;
    explicit EquipmentType(std::string_view type) {
        if (auto k = enum_named<EquipmentKind>(type)) kind = *k;
        else written = std::string(type);
    }
    bool known() const { return kind != EquipmentKind::other; }
    std::string_view name() const { return known() ? enum_key(kind) : std::string_view(written); }
    friend bool operator==(const EquipmentType& t, CheckedKey<EquipmentKind> k) { return t.kind == k.id; }
};

// A field's value as written. Whole numbers stay integers (and non-negative ones unsigned, as the
// JSON parser reads them) so a document saves again byte for byte.
using FieldValue = std::variant<bool, std::int64_t, std::uint64_t, double, std::string>;

// The fields of one row, each at most once, in the order they were read.
template <class F> struct FieldValues {
    std::vector<std::pair<F, FieldValue>> values;
    const FieldValue* find(F f) const {
        for (const auto& [k, v] : values)
            if (k == f) return &v;
        return nullptr;
    }
    void set(F f, FieldValue v) {
        for (auto& [k, old] : values)
            if (k == f) {
                old = std::move(v);
                return;
            }
        values.emplace_back(f, std::move(v));
    }
    bool empty() const { return values.empty(); }
};

// One equipment row. `type` selects which fields matter; every field is optional.
struct EquipmentItem {
    EquipmentType type;  // selects which fields matter
    int count = 1;
    std::string name;
    FieldValues<EquipmentField> fields;  // units in the key names (rated_kw, hours_per_year)
    // Keys the field table does not know and values no field can hold (lists, objects), kept as
    // written for saving again and never read by the computation. Null when there are none.
    nlohmann::json unknown;
};

struct Equipment {
    std::vector<EquipmentItem> items;
};

// The answer to a management choice: one of the listed values, or another text kept as written
// (the parser reports it as an error; saving writes it back unchanged).
template <class E> struct ManagementChoice {
    E value = E::other;
    std::string written;  // only for E::other
    ManagementChoice() = default;
    explicit ManagementChoice(std::string_view text) {
        if (auto v = enum_named<E>(text)) value = *v;
        else written = std::string(text);
    }
    bool known() const { return value != E::other; }
    std::string_view name() const { return known() ? enum_key(value) : std::string_view(written); }
    friend bool operator==(const ManagementChoice& c, CheckedKey<E> k) { return c.value == k.id; }
};
// The answer as written, empty when not answered.
template <class E> std::string_view choice_name(const std::optional<ManagementChoice<E>>& c) {
    return c ? c->name() : std::string_view();
}

struct Management {
    // The yes/no, number and free-text answers (energy_manager, energy_audit_year, ...); the two
    // choices below are never among them.
    FieldValues<ManagementField> fields;
    std::optional<ManagementChoice<MeteringCoverage>> metering_gb17167;
    std::optional<ManagementChoice<TouUserClass>> tou_user_class;
    nlohmann::json unknown;  // as EquipmentItem::unknown
    // Nothing was answered (a kept unknown key counts as something, as it did).
    bool empty() const {
        return fields.empty() && !metering_gb17167 && !tou_user_class && (unknown.is_null() || unknown.empty());
    }
};

enum class FindingSeverity { high, medium, low, info };

// The names a finding's evidence may carry (written as the keys of its "evidence" object). An enum,
// not strings: a misspelt key fails to compile instead of appearing in a result.
#define SELFCHECK_EVIDENCE_KEYS(X)                                                                         \
    X(billed) X(budget_tier) X(capacitor_kvar) X(capacity_t_per_h) X(capacity_total_yuan) X(capacity_yuan) \
    X(cheaper) X(coal_oil_share) X(count) X(current_yuan) X(customer_type) X(customer_type_assumed)        \
    X(demand_floor_share) X(demand_total_yuan) X(demand_yuan) X(electrification_rate) X(flat_kwh)          \
    X(flat_price_yuan_per_kwh) X(flow_control) X(flue_o2_pct) X(flue_temp_c) X(fuel) X(grade) X(index)     \
    X(intensity) X(kgce_per_unit) X(lamp_type) X(level2) X(level3) X(load_factor) X(measures_not_applicable) \
    X(month) X(months) X(months_below) X(motors) X(motor_class) X(needs) X(peak_kwh)                       \
    X(peak_price_yuan_per_kwh) X(peak_share) X(penalty_yuan) X(power_from_average) X(pressure_mpa)         \
    X(product) X(rated_kva) X(rated_kw) X(rated_kw_total) X(reference) X(required_pressure_mpa)            \
    X(reuse_rate) X(row) X(rows) X(saving_yuan) X(screen_kw_per_m3_min) X(series) X(sharp_kwh)             \
    X(sharp_price_yuan_per_kwh) X(sharp_share) X(shift_saving_yuan) X(shift_share) X(shift_share_stated)   \
    X(sized_for_month) X(specific_power_kw_per_m3_min) X(threshold) X(total_kwh) X(total_tce) X(valley_kwh) \
    X(valley_price_yuan_per_kwh)

enum class EvidenceKey : unsigned char {
#define SELFCHECK_EVIDENCE_ENUM(k) k,
    SELFCHECK_EVIDENCE_KEYS(SELFCHECK_EVIDENCE_ENUM)
#undef SELFCHECK_EVIDENCE_ENUM
};
// The key as written in the result ("class" for motor_class, a C++ keyword).
const char* evidence_key_name(EvidenceKey k);

// One number, text, yes/no or null of the evidence. Whole numbers (row indices, counts, months)
// stay integers so they are written as 3, not 3.0.
struct EvidenceScalar {
    std::variant<std::monostate, bool, std::int64_t, double, std::string> v;
    EvidenceScalar() = default;
    EvidenceScalar(std::nullptr_t) {}
    EvidenceScalar(bool b) : v(b) {}
    EvidenceScalar(int i) : v(std::int64_t(i)) {}
    EvidenceScalar(std::size_t i) : v(std::int64_t(i)) {}
    EvidenceScalar(double d) : v(d) {}
    EvidenceScalar(std::optional<double> d) {
        if (d) v = *d;
    }
    EvidenceScalar(std::string s) : v(std::move(s)) {}
    EvidenceScalar(const char* s) : v(std::string(s)) {}
};

struct EvidenceField {
    EvidenceKey key;
    EvidenceScalar value;
};
using EvidenceRow = std::vector<EvidenceField>;  // one object of a list: one equipment row, one month

// A value of the evidence: a scalar, a list of rows, of whole numbers (row indices, months) or of
// names (fields still needed, measures).
struct EvidenceValue {
    std::variant<EvidenceScalar, std::vector<EvidenceRow>, std::vector<std::int64_t>, std::vector<std::string>> v;
    EvidenceValue() = default;
    template <class T, class = std::enable_if_t<std::is_constructible_v<EvidenceScalar, T&&>>>
    EvidenceValue(T&& s) : v(EvidenceScalar(std::forward<T>(s))) {}
    EvidenceValue(std::vector<EvidenceRow> rows) : v(std::move(rows)) {}
    EvidenceValue(std::vector<std::int64_t> ints) : v(std::move(ints)) {}
    EvidenceValue(std::vector<std::string> names) : v(std::move(names)) {}
};

struct EvidenceEntry {
    EvidenceKey key;
    EvidenceValue value;
};

// The numbers behind a finding, written as its "evidence" object (keys sorted there, as JSON
// objects are; the order here does not matter).
struct Evidence {
    std::vector<EvidenceEntry> entries;
    Evidence() = default;
    Evidence(std::initializer_list<EvidenceEntry> e) : entries(e) {}
    void set(EvidenceKey k, EvidenceValue v);  // replaces an entry of the same key
    const EvidenceValue* find(EvidenceKey k) const;
    // The scalar number at `k` (an integer or a real), for tests and readers.
    std::optional<double> number(EvidenceKey k) const;
    bool empty() const { return entries.empty(); }
};

// Where a finding's clause text comes from; joined by finding_clause() when the result is written.
// Either the text "clause.<text>" of assets/text/ with `params` (and {plan}, the Zhejiang plan's
// title), or `designation`: a standard's designation held by reference data or another result.
struct FindingClause {
    const char* text = nullptr;  // a static key suffix, e.g. "motor_below_ie3"
    std::vector<TextParam> params;
    std::string designation;
};

// A finding holds its text's key and typed parameters, not the words: the message is joined from
// assets/text/ when the result is written (finding_to_json, finding_message).
struct Finding {
    std::string id;  // stable id, e.g. "motor_below_ie3"
    FindingSeverity severity = FindingSeverity::info;
    FindingClause clause;             // standard and clause, or the plan's section
    TextRef message;                  // "finding.<id>" (or a variant of it) with the {placeholders}
    std::vector<std::string> measures;  // ids of linked measures
    Evidence evidence;
};

// The clause as written in the result (a text filled, or the designation).
std::string finding_clause(const Finding& f);
texts::Text finding_message(const Finding& f);

} // namespace selfcheck
