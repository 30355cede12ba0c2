// The electricity bill detail of the assessment document ("bills"), bills import from a
// spreadsheet (CSV/TSV/XLSX) with a preview, and what the bill says (findings and measures).
//
// Document: "bills": {"electricity": {"customer_type": "...", "months": [{"month": 1, "kwh": ...,
//   "sharp_kwh", "peak_kwh", "flat_kwh", "valley_kwh", "max_demand_kw", "capacity_kva",
//   "billing_mode": "capacity"|"demand", "capacity_price_yuan_per_kva_month",
//   "demand_price_yuan_per_kw_month", "power_factor", "cost_yuan", "basic_charge_yuan",
//   "pf_adjustment_yuan", "sharp|peak|flat|valley_price_yuan_per_kwh"}]}}
#pragma once
#include "issues.hpp"

#include <array>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck {

struct RefData;
struct Input;
struct Result;

namespace bills {

// Numeric fields of one month, in document order; the limits are plausibility bounds.
struct FieldSpec {
    const char* key;
    double lo, hi;
};
const std::vector<FieldSpec>& month_fields();

struct BillMonth {
    int month = 0;  // 1..12 of the document year
    std::map<std::string, double> v;  // key of month_fields() -> value
    std::string billing_mode;         // "capacity" | "demand" | ""
    nlohmann::json unknown = nlohmann::json::object();
    std::optional<double> get(const char* key) const {
        auto it = v.find(key);
        return it == v.end() ? std::nullopt : std::optional<double>(it->second);
    }
};

struct ElectricityBills {
    std::string customer_type;  // id in power_factor_standards.json; default by capacity
    std::optional<double> load_shift_share;  // share of sharp+peak kWh the user can move to valley hours
    std::vector<BillMonth> months;
    nlohmann::json unknown = nlohmann::json::object();
};

struct Bills {
    bool present = false;
    ElectricityBills electricity;
    nlohmann::json unknown = nlohmann::json::object();
};

void parse_bills(const nlohmann::json& j, const std::string& path, const RefData& ref, Bills& out, Issues& is);
nlohmann::json bills_to_json(const Bills& b);
// Cross-checks against the energy rows (monthly kWh of the electricity row vs the bill).
void check_bills_against_energy(const Input& in, Issues& is);

// What the bill says: findings and zero-investment measures appended to the result.
void bill_findings(const Input& in, Result& r, const RefData& ref);

// Hand-workable pieces of the analysis (tests).
struct BasicChargeMonth {
    int month = 0;
    double capacity_yuan = 0;  // capacity_kva × capacity price
    double demand_yuan = 0;    // max(max demand, floor × capacity) × demand price
    std::string billed;        // the bill's own mode, "" when not stated
};
struct BasicChargeComparison {
    std::vector<BasicChargeMonth> months;
    double capacity_total_yuan = 0, demand_total_yuan = 0;
    std::optional<double> current_yuan;  // by the modes on the bill (all months state one)
    std::string cheaper;                 // "capacity" | "demand"
    double saving_yuan = 0;              // current (or the dearer mode) − cheaper
};
std::optional<BasicChargeComparison> compare_basic_charge(const ElectricityBills& b, double demand_floor_share);

struct TouSummary {
    double total_kwh = 0, sharp_kwh = 0, peak_kwh = 0, flat_kwh = 0, valley_kwh = 0;
    std::optional<double> shift_saving_yuan;  // moving `share` of sharp+peak kWh to valley at the bill's prices
    std::optional<double> sharp_price, peak_price, flat_price, valley_price;  // kWh-weighted averages
};
std::optional<TouSummary> tou_summary(const ElectricityBills& b, double share);

// Qc = P × (tan φ1 − tan φ2), kvar
double capacitor_kvar(double p_kw, double pf_now, double pf_target);

// ---------------------------------------------------------------------------------------------
// Import

// Target of a recognised column: a bill month field, "month", or an energy carrier's monthly
// quantity ("energy:natural_gas:m3").
struct ColumnMap {
    int column = 0;                // 0-based in the table
    std::string header;            // as written
    std::string target;            // "" when not recognised
    double factor = 1;             // unit conversion to the target's unit (10k kWh -> kWh: 10000)
    std::string unit;              // the unit recognised in the header
};

struct BadRow {
    int row = 0;  // row number in the file (1-based)
    int column = -1;
    std::string code;
    std::string message_zh, message_en;
};

struct Change {
    std::string path;  // JSON pointer in the document
    nlohmann::json before, after;
    int month = 0;      // 1..12 for a month's value; 0 for the year (an annual figure, a new row)
    std::string field;  // key of the "bills.field.*" texts ("kwh", "cost_yuan", "natural_gas", ...); "" for structure
};

struct ImportPreview {
    std::string source_format;  // "CSV UTF-8", "XLSX", ...
    int header_row = 0;
    std::vector<ColumnMap> columns;
    std::vector<BillMonth> months;  // rows read
    std::map<std::string, std::array<std::optional<double>, 12>> energy;  // "electricity:kWh" -> months
    std::vector<BadRow> bad_rows;
    std::vector<Change> changes;    // what apply() will change in the document
    nlohmann::json merged;          // the document after the import
    Issues issues;                  // file-level problems (not a table, no header, no month column)
    bool ok() const { return !issues.has_errors(); }
};

// bytes: a CSV/TSV (any supported encoding) or XLSX file, or pasted tab-separated text.
// doc: the current document (JSON), merged without losing anything.
ImportPreview preview_import(std::string_view bytes, const nlohmann::json& doc, const RefData& ref);

nlohmann::json preview_to_json(const ImportPreview& p);

} // namespace bills
} // namespace selfcheck
