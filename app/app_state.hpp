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

    // UI state (not business data). No document is open until the user starts one, opens a saved
    // one, imports a file or opens a sample (document is null until then).
    Screen screen = Screen::start;
    Tour tour;
    bool print_colours = false;       // charts in the light print palette

    // Navigation that lands: a JSON path ("/equipment/3/fad_m3_per_min") the screens open (screen,
    // tab) and focus on their next frame; focused_path is the last one focused (for tests).
    std::string focus_path;
    std::string focused_path;
    // A sample opened from the start screen is a copy marked 示例 until the owner saves it as their own.
    bool sample_owned = false;        // the owner chose to keep this sample-based copy as their own
    bool sample_prompt_dismissed = false;
    // The question is asked for an edit made after the copy was opened or restored (revision above
    // this): a restored copy that already differs from its sample (answered "keep practising" before,
    // or saved by an older version that never asked) is not interrupted by it on opening.
    std::uint64_t sample_prompt_after_revision = 0;

    bool has_document() const { return document.is_object(); }
    // True while the open document is one of the embedded sample factories (by its source name).
    bool is_sample() const;
    // Figures and verdicts are shown only from valid, non-trivial data: a current or last valid
    // result with some energy entered (total > 0). Otherwise the screens show "—" and why_no_figures().
    bool figures_valid() const;
    bool verdicts_valid() const { return figures_valid() && !stale(); }
    const char* why_no_figures() const;  // i18n key of the reason

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
