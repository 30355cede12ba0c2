// Public API of the SelfCheck core: parse and validate an assessment document, assess it against
// the reference data, and turn results into JSON. Pure functions: no I/O, clocks or threads.
#pragma once
#include "diagnosis.hpp"
#include "io/input_json.hpp"
#include "io/result_json.hpp"
#include "model.hpp"
#include "refdata.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string_view>

namespace selfcheck {

std::string_view version();  // e.g. "0.1.0"

// Input limits a hostile file cannot pass (io/document.cpp).
inline constexpr std::size_t k_max_document_bytes = 4u << 20;  // 4 MiB
inline constexpr int k_max_depth = 32;
inline constexpr std::size_t k_max_string_chars = 2000;
inline constexpr std::size_t k_max_array_items = 2000;

struct ParseOutcome {
    std::optional<Input> input;  // present unless there are errors
    Issues issues;               // errors and warnings
};

// Parse text (JSON) into an Input, validating against the reference data (codes, units, ranges).
ParseOutcome parse_document(std::string_view text, const RefData& ref);
ParseOutcome parse_document_json(const nlohmann::json& doc, const RefData& ref);

// Migration hook: bring an older document version up to k_schema_version (in place).
// Returns false (with an issue) for unknown or future versions.
bool migrate_document(nlohmann::json& doc, Issues& issues);

Result assess(const Input& input, const RefData& ref);

nlohmann::json input_to_json(const Input& input);
nlohmann::json result_to_json(const Result& result);
nlohmann::json issue_to_json(const Issue& issue);
nlohmann::json errors_to_json(const Issues& issues);  // {"errors": [...], "warnings": [...]}

// What the CLI, the page hook and the portal share: text in, JSON out.
// ok: result JSON (exit 0). !ok: {"errors":[...]} (exit 2).
struct AssessOutcome {
    bool ok = false;
    nlohmann::json output;
};
AssessOutcome assess_text(std::string_view text, const RefData& ref);
// The same from an already parsed document (the app parses its in-memory JSON, no text round trip).
AssessOutcome assess_parsed(const ParseOutcome& parsed, const RefData& ref);

// Modules called by assess(), in this order (diagnose() is declared in diagnosis.hpp).
void evaluate_measures(const Input& input, Result& result, const RefData& ref);
GreenFactoryResult evaluate_green_factory(const Input& input, const Result& partial, const RefData& ref);

} // namespace selfcheck
