// AppState: the one place the app keeps business data. It owns the assessment document being
// edited (as JSON, so unknown keys survive a save) and the last result from the core. Screens in
// app/ui/ draw from it and edit `document` directly, then call mark_edited(); the core recomputes
// once per frame at most (AppState::update), never inside a widget.
#pragma once
#include "selfcheck.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfcheck::app {

struct LoadOutcome {
    bool ok = false;
    nlohmann::json errors = nlohmann::json::array();  // same objects as the CLI's {"errors": [...]}
};

struct AppState {
    const RefData* ref = nullptr;
    std::string source_name;          // sample or file name the document came from
    nlohmann::json document;          // the input document (schema selfcheck/assessment)
    nlohmann::json output;            // last assess_text output: result, or {"errors": [...]}
    bool result_ok = false;           // output is a result (not errors)
    bool edited = false;              // document changed since the last assessment

    // Load a document as if the user imported it. On failure the current document is kept.
    LoadOutcome load(std::string_view text, std::string_view name = {});
    void mark_edited() { edited = true; }
    // Re-run the assessment if the document was edited. Returns true if it did.
    bool update();
    // Result text exactly as `selfcheck assess` prints it (without the trailing newline).
    std::string result_text() const;
};

// Serialization shared with the CLI's default (compact) output.
std::string dump_compact(const nlohmann::json& j);

} // namespace selfcheck::app
