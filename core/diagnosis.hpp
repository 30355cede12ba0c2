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

// The records of equipment_standards.json (and the measures.json parameters) the diagnosis and the
// equipment helpers read, parsed once by RefData::reindex(). A record that is absent or of the
// wrong shape leaves its defaults, which are what the code used before the data existed.
struct MotorEfficiencyTable {
    std::vector<double> kw, efficiency_pct;  // IEC 60034-30-1, 4-pole, ascending kW
};
struct EquipmentStandards {
    // What it was built from: the RefData, and its two datasets' records (a moved RefData keeps
    // them; a copy has its own, and builds a view per call until its reindex()).
    const RefData* owner = nullptr;
    const RefRecord* standards_records = nullptr;
    const RefRecord* measures_records = nullptr;
    bool built_from(const RefData& ref) const;
    std::vector<std::pair<std::string, std::string>> motor_series_class;  // series prefix -> "IE2"...
    std::optional<MotorEfficiencyTable> motor_efficiency[4];  // IE1..IE4
    double motor_ie5_loss_reduction = 0;
    std::string motor_clause = "GB 18613-2020";  // motor_grade_map
    double compressor_screen = 7.5;              // kW/(m3/min), compressor_specific_power_benchmarks
    std::string compressor_clause = "GB 19153-2019";
    std::vector<std::string> transformer_below_current;
    std::string transformer_clause = "GB 20052-2024";
    std::optional<std::string> transformer_phase_out_clause;  // absent: transformer_clause
    double coal_boiler_max_t_per_h = 35;
    std::vector<std::string> coal_boiler_plan_industries;
    std::string coal_boiler_clause;
    double electrification_target = 0.5;
    std::string electrification_clause;
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

// A reference record of equipment_standards.json or measures.json (nullptr when missing).
const RefRecord* std_record(const RefData& ref, const char* id);

} // namespace selfcheck::equip
