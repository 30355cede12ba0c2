// The diagnosis: findings tied to a standard clause or a section of the Zhejiang plan, each with
// its evidence and linked measures (diagnose()); the equipment and management input it reads is
// declared in equipment.hpp. Below, in namespace equip, the typed access to validated equipment and
// management fields shared with the measures module, motor efficiency classes (GB 18613-2020 /
// IEC 60034-30-1 table in equipment_standards.json) and where each boiler's fuel comes from.
// Units are in field names (rated_kw, capacity_t_per_h, hours_per_year); efficiencies are fractions.
#pragma once
#include "model.hpp"
#include "refdata.hpp"

#include <memory>
#include <optional>
#include <string>

namespace selfcheck {

// The records of equipment_standards.json (and the measures.json parameters) the diagnosis, the
// equipment helpers and the transformer and boiler measures read, parsed once by RefData::reindex().
// A record that is absent or of the wrong shape leaves its defaults, which are what the code used
// before the data existed. Records are found as std_record() finds them (equipment_standards.json
// first, then measures.json).
struct MotorEfficiencyTable {
    std::vector<double> kw, efficiency_pct;  // IEC 60034-30-1, 4-pole, ascending kW
};

// A list of codes in a record (transformer series, industry prefixes). The diagnosis reads the
// strings of an array and skips anything else; the measures read every member of whatever value the
// record holds and fail on one that is not a string. Both readings are kept so hostile data fails
// (or not) where the lookup by id did.
struct CodeList {
    std::vector<std::string> strings;  // the string members, in the record's order
    bool array = false;
    std::string error;  // what reading the first member that is not a string threw (nlohmann's words)
    // The diagnosis's reading: the strings of an array, nothing from any other value.
    const std::vector<std::string>& array_strings() const;
    // The measures' reading: every member; throws `error` where a member is not a string.
    const std::vector<std::string>& members() const;
};

// A transformer loss column against kVA (equipment_standards.json "kva" and "p0_kw" / "pk_kw"), as
// the transformer measures read it. What reading the record threw (a column missing) and what
// reading a cell threw (not a number) are kept and thrown when the lookup reads them, so a malformed
// table fails the measures run as reading the JSON did; building the view never throws.
struct TransformerLossTable {
    bool on_file = false;  // the record exists
    std::string error;     // reading a column threw
    std::vector<double> kva, loss_kw;
    std::vector<std::string> kva_errors, loss_errors;  // empty, or one per cell ("" where it read)
    double kva_at(std::size_t i) const;
    double loss_at(std::size_t i) const;
};
struct TransformerTableSeries {
    std::string series;  // the nameplate series' base, "S11"
    std::string table;   // the loss table's series, "S11"
    std::string error;   // the map's value is not a string: what reading it threw
};

struct EquipmentStandards {
    // The two datasets as they were when built: a copy of a RefData, or a dataset swapped in without
    // reindex(), builds a view per call instead of reading records that moved.
    DatasetStamp standards, measures;
    bool built_from(const RefData& ref) const;
    std::vector<std::pair<std::string, std::string>> motor_series_class;  // series prefix -> "IE2"...
    std::optional<MotorEfficiencyTable> motor_efficiency[4];  // IE1..IE4
    double motor_ie5_loss_reduction = 0;
    std::string motor_clause = "GB 18613-2020";  // motor_grade_map
    double compressor_screen = 7.5;              // kW/(m3/min), compressor_specific_power_benchmarks
    std::string compressor_clause = "GB 19153-2019";
    bool transformer_series_on_file = false;     // transformer_series: without it no transformer measure
    CodeList transformer_below_current;
    std::vector<TransformerTableSeries> transformer_table_series;  // transformer_series "table_series"
    // transformer_no_load_loss/<table> for each table series named above and S13, the upgrade's
    // target; transformer_load_loss.
    std::vector<std::pair<std::string, TransformerLossTable>> transformer_no_load_loss;
    TransformerLossTable transformer_load_loss;
    std::string transformer_clause = "GB 20052-2024";
    std::optional<std::string> transformer_phase_out_clause;  // absent: transformer_clause
    double coal_boiler_max_t_per_h = 35;
    CodeList coal_boiler_plan_industries;
    std::string coal_boiler_clause;
    double electrification_target = 0.5;
    std::string electrification_clause;
    // Screening thresholds of measures.json the findings compare with.
    double motor_oversized_load_factor = 0.4;        // motor_system/oversized_load_factor
    double air_min_excess_mpa = 0.05;                // air_pressure/min_excess_mpa
    double transformer_light_load = 0.3;             // transformer_upgrade/light_load
    double economizer_stack_temp_trigger_c = 150;    // boiler_economizer/stack_temp_trigger
    double tuneup_stack_temp_trigger_c = 180;        // boiler_tuneup/stack_temp_trigger
    double tuneup_o2_trigger_pct = 4;                // boiler_tuneup/o2_trigger
    // water_reuse/target_rate of measures.json and its source, cited as the clause (absent: the
    // Zhejiang plan's title).
    double water_reuse_target = 0.5;
    std::optional<std::string> water_reuse_clause;
    // Boiler defaults of measures.json: efficiency by fuel group, MW per t/h of steam (empty where
    // the record lacks a positive value).
    double boiler_default_efficiency_coal = 0.75, boiler_default_efficiency_gas = 0.75, boiler_default_efficiency_oil = 0.75;
    std::optional<double> boiler_mw_per_t_per_h;
};
std::shared_ptr<const EquipmentStandards> build_equipment_standards(const RefData& ref);

// Findings from the equipment, management, energy and intensity results of `partial`.
std::vector<Finding> diagnose(const Input& input, const Result& partial, const RefData& ref);

} // namespace selfcheck

namespace selfcheck::equip {

// The one way to read a field: the key is a string literal checked at compile time (CheckedKey).
// Empty when the field is absent or of another kind (a text where a number is read).
using EquipmentKey = CheckedKey<EquipmentField>;
// The two choices are typed members (Management::metering_gb17167, ::tou_user_class), never among
// the fields: naming one here does not compile rather than reading as unanswered.
struct ManagementKey : CheckedKey<ManagementField> {
    consteval ManagementKey(const char* key) : CheckedKey(key) {
        if (id == ManagementField::metering_gb17167 || id == ManagementField::tou_user_class) no_such_key();
    }
};
std::optional<double> field_num(const EquipmentItem& e, EquipmentKey key);
std::string field_str(const EquipmentItem& e, EquipmentKey key);
std::optional<bool> field_bool(const EquipmentItem& e, EquipmentKey key);
// A text answer counts as yes unless it is empty or "none" (energy_management_system: "iso50001").
std::optional<bool> mgmt_bool(const Management& m, ManagementKey key);
std::optional<double> mgmt_num(const Management& m, ManagementKey key);
// leak_test answered: true, a year or rate, or a text other than "none"/"never".
bool leak_tested(const EquipmentItem& e);

// Lower-case copy (ASCII) for comparing codes such as "IE2", "S11", "YE2".
std::string upper(std::string s);

// "IE1".."IE5" from efficiency_class, else from the series (Y/Y2/YE2 -> IE2, ...), else "".
std::string motor_class(const EquipmentItem& e, const RefData& ref);
// Full-load efficiency (fraction) of a 4-pole motor of class `cls` and rated power, interpolated in
// the IEC 60034-30-1 table (IE5 from IE4 with 20% lower losses). Empty outside the table's classes.
std::optional<double> motor_efficiency(const RefData& ref, const std::string& cls, double rated_kw);

// Annual energy of one equipment row in kWh of electricity (motors, pumps, fans, compressors,
// lighting): rated_kw × load_factor × hours × count (motors: shaft power / efficiency).
std::optional<double> electric_kwh(const EquipmentItem& e, const RefData& ref);
bool is_pump_or_fan(const EquipmentItem& e);  // pump, fan, or a motor driving one

// Fuel of a boiler/furnace row allocated from the energy list: base units of the carrier per year
// (kg, m3, kWh, GJ). Rows of the same fuel share it by capacity × hours × load factor.
struct FuelUse {
    std::string carrier;
    double base_quantity = 0;
    bool from_site_energy = false;  // allocated from the energy list (not given on the row)
};
std::optional<FuelUse> boiler_fuel(const Input& in, const Result& res, const RefData& ref, std::size_t index);
bool is_coal(const std::string& carrier);
// Boiler efficiency: the row's, else the default for its fuel group from measures.json.
double boiler_efficiency(const EquipmentItem& e, const RefData& ref, const std::string& carrier);
// Boiler steam capacity in t/h (capacity_t_per_h, or capacity_mw / steam heat content).
std::optional<double> boiler_capacity_t_per_h(const EquipmentItem& e, const RefData& ref);

// The view reindex() built for `ref`; one built for the call where `ref` changed since (a copy whose
// reindex() has not run, a dataset swapped in): slower, never stale.
std::shared_ptr<const EquipmentStandards> standards_of(const RefData& ref);

} // namespace selfcheck::equip
