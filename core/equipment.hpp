// Equipment and management-practice input (extends the assessment document) and the findings the
// diagnosis draws from it. Owned by the diagnosis module (diagnosis.cpp); parsed by io.cpp through
// parse_equipment()/parse_management().
#pragma once
#include "issues.hpp"
#include "texts.hpp"
#include "textref.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <type_traits>
#include <variant>
#include <vector>

namespace selfcheck {

// One equipment row. `type` selects which fields matter; every field is optional.
struct EquipmentItem {
    std::string type;  // motor, pump, fan, air_compressor, transformer, boiler, furnace, lighting, ...
    int count = 1;
    std::string name;
    nlohmann::json fields = nlohmann::json::object();  // type-specific fields, units in the names
};

struct Equipment {
    std::vector<EquipmentItem> items;
};

struct Management {
    nlohmann::json fields = nlohmann::json::object();  // energy_manager, metering_gb17167, ...
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

// path is the JSON path of the value being parsed ("/equipment", "/management").
void parse_equipment(const nlohmann::json& j, const std::string& path, Equipment& out, Issues& issues);
void parse_management(const nlohmann::json& j, const std::string& path, Management& out, Issues& issues);
nlohmann::json equipment_to_json(const Equipment& e);
nlohmann::json management_to_json(const Management& m);
nlohmann::json finding_to_json(const Finding& f);
nlohmann::json evidence_to_json(const Evidence& e);

} // namespace selfcheck
