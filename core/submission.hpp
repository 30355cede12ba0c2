// Upload submissions (schema "selfcheck/submission", version 1): building one for the portal,
// validating one strictly on the receiving side, comparing the sent key figures with a
// recomputation, and the industry averages a receiver publishes (Σ tCO2 / Σ value added, 10k yuan).
// Pure: no I/O, clocks or randomness — the caller supplies the UUID and the timestamp.
// Format and endpoints: docs/submission.md.
#pragma once
#include "issues.hpp"
#include "model.hpp"
#include "refdata.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck {

inline constexpr const char* k_submission_schema = "selfcheck/submission";
inline constexpr int k_submission_version = 1;
// A submission carries the assessment (≤ k_max_document_bytes) and its result; real ones are tens
// of KB. The receiver's own limit (--max-bytes) is usually lower.
inline constexpr std::size_t k_max_submission_bytes = 8u << 20;
inline constexpr std::size_t k_max_submission_short_string = 64;  // ids, timestamps, versions
inline constexpr std::size_t k_max_data_versions = 64;
inline constexpr int k_min_average_enterprises = 5;
// Relative tolerance for sent vs. recomputed key figures: both sides run the same core on the
// same data, so anything beyond rounding noise in the JSON round trip is a real disagreement.
inline constexpr double k_key_figure_rel_tol = 1e-9;

// Builds the payload the app previews and uploads. `assessment` is the input document
// (input_to_json), `result` the result JSON (result_to_json). data_versions are taken from the
// result. submission_id must be a lowercase UUID v4, created_at an ISO 8601 time with zone.
nlohmann::json build_submission(const nlohmann::json& assessment, const nlohmann::json& result,
                                std::string_view submission_id, std::string_view created_at);
nlohmann::json build_submission(const Input& input, const Result& result, std::string_view submission_id,
                                std::string_view created_at);

bool is_uuid_v4(std::string_view s);         // lowercase 8-4-4-4-12 hex, version 4, variant 8..b
bool is_iso8601_timestamp(std::string_view s);  // YYYY-MM-DDTHH:MM:SS[.f+](Z|±HH:MM)

struct Submission {
    nlohmann::json document;  // the whole submission as parsed
    std::string submission_id;
    std::string created_at;
    std::string app_version;
    std::map<std::string, std::string> data_versions;
    nlohmann::json assessment;  // as sent
    nlohmann::json result;      // as sent
    Input input;                // the assessment, parsed and validated by the core
    Issues input_warnings;      // warnings the core raised on the assessment
};

struct SubmissionOutcome {
    std::optional<Submission> submission;  // present unless there are errors
    Issues issues;                         // paths relative to the submission ("/assessment/…")
};

// Strict validation: schema/version, every field's type, UUID v4, timestamp, sizes and nesting,
// and the assessment through the core's own parser. Never throws.
SubmissionOutcome parse_submission(std::string_view text, const RefData& ref);
SubmissionOutcome parse_submission_json(const nlohmann::json& doc, const RefData& ref);

// Canonical text of a submission (sorted keys, no whitespace, UTF-8): what content_sha256 hashes,
// so a re-sent identical payload is recognised whatever its formatting.
std::string canonical_json(const nlohmann::json& j);

// The figures a receipt repeats and compare_key_figures checks, by dotted result path.
const std::vector<std::string>& key_figure_paths();
// {"energy.total_tce": …, …} taken from a result JSON (null where absent).
nlohmann::json key_figures(const nlohmann::json& result);

struct Disagreement {
    std::string path;  // dotted result path, e.g. "emissions.total_tco2"
    nlohmann::json sent;
    nlohmann::json recomputed;
};
std::vector<Disagreement> compare_key_figures(const nlohmann::json& sent_result,
                                              const nlohmann::json& recomputed_result,
                                              double rel_tol = k_key_figure_rel_tol);
// One error per disagreement at "/result/<path with slashes>" (code "result_mismatch").
Issues disagreements_to_issues(const std::vector<Disagreement>& d);

// ---------------------------------------------------------------------------------------------
// Industry averages published by a receiver (the /api/v1/benchmarks endpoint keeps its name: a published contract).

// "C171" -> "C17", "C17" -> "C17"; "" when the code names no 2-digit division (e.g. "C").
std::string industry_division(std::string_view code);
// Distinct-enterprise key: the credit code (trimmed, upper-case) when given, else the name.
std::string enterprise_key(std::string_view credit_code, std::string_view name);

struct BenchmarkContribution {
    std::string industry;        // as submitted; reduced to its division here
    int year = 0;
    std::string enterprise;      // enterprise_key()
    double tco2 = 0;             // emissions.total_tco2 (recomputed)
    double tce = 0;              // energy.total_tce (recomputed)
    double value_added_10k_yuan = 0;
};

struct IndustryAverage {
    std::string industry;  // 2-digit division, e.g. "C17"
    int year = 0;
    int enterprises = 0;   // distinct contributors
    double tco2 = 0, tce = 0, value_added_10k_yuan = 0;
    double tco2_per_10k_yuan = 0;  // Σ tCO2 / Σ value added
    double tce_per_10k_yuan = 0;   // Σ tce / Σ value added
};

// Σ tCO2 / Σ value added per division and year. Contributions come in arrival order; an
// enterprise counted twice for a year (a corrected re-upload) counts once, with its latest figures.
// Contributions without a division, year or positive value added are skipped. Groups with fewer
// than `min_enterprises` distinct enterprises are withheld. Sorted by industry, then year.
std::vector<IndustryAverage> industry_averages(const std::vector<BenchmarkContribution>& contributions,
                                               int min_enterprises = k_min_average_enterprises);

// The averages as an industry_averages data file the app can load (records in the load format of
// assets/data/industry_averages.json), each record's source naming this receiver.
nlohmann::json industry_averages_to_json(const std::vector<IndustryAverage>& averages, std::string_view source,
                                         std::string_view version, int min_enterprises = k_min_average_enterprises);

} // namespace selfcheck
