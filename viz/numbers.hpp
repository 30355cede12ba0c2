// Numbers people read, one way for the app and the report: thousands grouping, precision chosen by
// what the number measures (kWh as integers, tce to 1-2 decimals, intensities to 3 significant
// figures, money in 万元 to 2 decimals, shares as percent), and the CSV cell escaper (report
// exports and the receiver's listing). Pure functions on the standard library; unit labels are
// i18n ids ("unit.tce") that each front end looks up in its own table under assets/i18n/.
#pragma once
#include <string>
#include <string_view>

namespace selfcheck::viz {

// Fixed decimals with thousands separators: group(9500000, 0) == "9,500,000",
// group(-1234.5, 1) == "-1,234.5"; "-0.00" prints as "0.00"; "—" for NaN/inf.
std::string group(double v, int decimals);

// Rounded to `digits` significant figures, grouped, never dropping integer digits:
// significant(3.1793, 3) == "3.18", significant(0.065213, 3) == "0.0652", significant(1234.5, 3) == "1,235".
std::string significant(double v, int digits);

// What a number measures decides how it is printed (see format()).
enum class Measure {
    kwh,             // electricity, kWh: integer                          9,500,000
    tce,             // tonnes of standard coal: 2 decimals, 1 from 1,000   812.34 / 1,234.6
    tco2,            // tonnes of CO2: as tce
    intensity,       // tce/万元, tCO2/万元, L, K, kgce/unit: 3 significant figures   3.18 / 0.0652
    money_10k_yuan,  // 万元: 2 decimals                                     1,234.56
    yuan_per_tco2,   // abatement cost, yuan/tCO2: integer                  -1,234
    share,           // a fraction 0..1 printed as percent, 1 decimal       0.253 -> 25.3
    percent,         // already in percent: 1 decimal
    years,           // payback, life: 1 decimal                            2.6
    hours_per_year,  // operating hours: integer                            6,000
    m3_per_min,      // compressor free air delivery: 1 decimal             10.5
    kw,              // power: 1 decimal                                    55.0
    points,          // green-factory score points: 1 decimal               72.5
};

// The number alone (no unit); "—" for NaN/inf.
std::string format(double v, Measure m);
// i18n id of the unit label ("unit.tce" -> 吨标准煤 / tce; "unit.percent" -> %).
std::string_view unit_id(Measure m);

// One CSV cell (RFC 4180): quoted when it holds , " CR LF or starts/ends with a space; text that a
// spreadsheet would run as a formula (= + - @ TAB CR first) gets a leading '.
std::string csv_cell(std::string_view text);

} // namespace selfcheck::viz
