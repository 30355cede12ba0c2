// Report and export: the printable self-check report (one self-contained HTML file with inline CSS
// and SVG charts, A4 print rules) and CSV tables (UTF-8 with BOM, RFC 4180) rendered from the
// result JSON (result_to_json) and the input document. Pure: no I/O, no clock — the generation date
// comes in through ReportOptions. Units as in the result: tce, tCO2, 万元 (10k yuan), yuan/tCO2.
#pragma once
#include <map>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfcheck {

struct RefData;

struct ReportOptions {
    std::string generated_date;      // "YYYY-MM-DD", supplied by the caller (no clock in the core)
    std::string generator;           // shown on the cover; empty: "SelfCheck <version>"
    const RefData* ref = nullptr;    // optional: region/industry names and carbon-grade cuts from data
};

// lang: "zh" (default for anything else) or "en". Every string taken from the input or the result
// is HTML-escaped; bidirectional-override and control characters are replaced by a visible marker.
std::string render_report_html(const nlohmann::json& input_doc, const nlohmann::json& result,
                               std::string_view lang, const ReportOptions& options = {});

// File name -> CSV text: energy.csv, emissions.csv, measures.csv, findings.csv, green_factory.csv,
// factors.csv. Numbers are written exactly as in the result JSON (round-trip), text cells that start
// with = + - @ (or tab/CR) get a leading ' so a spreadsheet does not run them as formulas.
std::map<std::string, std::string> export_csv(const nlohmann::json& input_doc, const nlohmann::json& result,
                                              std::string_view lang);

namespace report_format {
std::string html_escape(std::string_view text);
// Fixed decimals with thousands separators ("12,345.68"); "—" for NaN/inf.
std::string format_number(double v, int decimals);
std::string csv_text_cell(std::string_view text);  // quoted/guarded as needed
} // namespace report_format

} // namespace selfcheck
