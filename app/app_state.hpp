// AppState: the one place the app keeps business data. It owns the assessment document being
// edited (as JSON, so unknown keys survive a save) and the last result from the core. Screens in
// app/ui/ draw from it and edit `document` directly, then call mark_edited(); the core recomputes
// once per frame at most (AppState::update), never inside a widget. While the document has errors
// the last valid result stays available (result()), marked stale.
#pragma once
#include "selfcheck.hpp"

#include <cstdint>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck::app {

struct LoadOutcome {
    bool ok = false;
    nlohmann::json errors = nlohmann::json::array();  // same objects as the CLI's {"errors": [...]}
};

// Screens in navigation order (the sidebar numbers 1-9 follow this order).
enum class Screen { start, profile, energy, products, equipment, management, green_factory, results, measures,
                    report, settings };

// Guided tour over a sample factory (training mode); step indexes ui/tour.cpp's step table.
struct Tour {
    bool active = false;
    int step = 0;
};

struct AppState {
    const RefData* ref = nullptr;
    std::string source_name;          // sample or file name the document came from
    nlohmann::json document;          // the input document (schema selfcheck/assessment)
    nlohmann::json output;            // last assess_text output: result, or {"errors": [...]}
    nlohmann::json last_result;       // last valid result (kept while the document has errors)
    bool result_ok = false;           // output is a result (not errors)
    bool edited = false;              // document changed since the last assessment

    // UI state (not business data)
    Screen screen = Screen::profile;
    Tour tour;
    bool print_colours = false;       // charts in the light print palette

    // Load a document as if the user imported it. On failure the current document is kept.
    LoadOutcome load(std::string_view text, std::string_view name = {});
    // Bumped by every edit and load: autosave (app/storage.cpp) saves when it moves.
    std::uint64_t revision = 0;
    std::uint64_t loads = 0;  // successful load() calls: autosave keeps a loaded document as a new entry
    std::uint64_t assessed_revision = 0;  // revision the current output was computed from
    std::uint64_t assessments = 0;        // update() runs that assessed (tests: once per edit, not per frame)
    void mark_edited() { edited = true; ++revision; }
    // Re-run the assessment if the document was edited. Returns true if it did.
    bool update();
    // Result text exactly as `selfcheck assess` prints it (without the trailing newline).
    std::string result_text() const;

    // The result to show: the current one, or the last valid one while the document has errors.
    const nlohmann::json& result() const { return result_ok ? output : last_result; }
    bool has_result() const { return result().is_object(); }
    bool stale() const { return !result_ok; }
    // Validation issues (errors and warnings) whose path is `path` or lies below it
    // ("/energy/0" matches "/energy/0/quantity"); exact = only that path.
    std::vector<const nlohmann::json*> issues_at(std::string_view path, bool exact = true) const;
    int error_count() const;
};

// Serialization shared with the CLI's default (compact) output.
std::string dump_compact(const nlohmann::json& j);

} // namespace selfcheck::app
