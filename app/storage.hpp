// The library of saved self-checks and autosave. Every edit of AppState::document is saved within
// a second (throttled: the first edit arms a 400 ms timer, the save then writes the latest state),
// and again when the tab is hidden or closed. A reload reopens the self-check that was open.
// Storage is the platform's (IndexedDB in the browser): asynchronous, answers come back through
// the on_* functions. Import of a user file (untrusted) is validated by the core before anything
// is replaced, and only replaces the open self-check after the user confirms.
#pragma once
#include "app_state.hpp"

#include <nlohmann/json.hpp>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck::app::storage {

struct Entry {
    std::string id;
    std::string name;         // shown in the list: the user's name for it, else the enterprise's
    bool custom_name = false; // renamed by the user (autosave then keeps the name)
    std::string source;       // file or sample it came from
    double created_ms = 0, updated_ms = 0;
    nlohmann::json grade;     // carbon_efficiency.grade (1..5) or null
    nlohmann::json level;     // carbon_efficiency.level ("low"/"medium"/"high") or null
    nlohmann::json total_tce; // energy.total_tce or null
};

enum class Status { opening, ready, unavailable };

struct Info {
    Status status = Status::opening;
    std::string error;             // last storage error, Chinese + English (shown until dismissed)
    std::string error_code;        // quota | unavailable | aborted | other
    std::int64_t base_rev = 0;     // stored revision the open document is based on (0: not stored)
    bool changed_elsewhere = false; // another tab saved a newer revision: autosave paused, user decides
    std::int64_t elsewhere_rev = 0;
    std::string current_id;        // the saved self-check being edited ("" = not saved yet)
    std::uint64_t revision = 0;    // AppState revision seen
    std::uint64_t saved_revision = 0;
    double last_latency_ms = 0;    // first unsaved edit -> save committed
    double last_tx_ms = 0;         // the IndexedDB transaction alone
    int saves = 0;
};

// Startup: open the library (restores the self-check that was open when it arrives).
void start(AppState& state);
// Per frame: notices edits (AppState::revision) and arms the save timer; scans new text for
// glyphs the font lacks.
void tick(AppState& state);
// Save now if anything is unsaved (tab hidden/closed, before switching documents).
void flush();

const Info& info();
const std::vector<Entry>& entries();
void dismiss_error();

// Library actions (the start screen).
void new_document(AppState& state);                                   // empty self-check
void open_sample(AppState& state, const std::string& name, const std::string& text);  // training copy
void open(AppState& state, const std::string& id);                    // a saved one
void duplicate(const std::string& id);
void rename(AppState& state, const std::string& id, const std::string& name);
void remove(const std::string& id);                                   // keeps it for undo
bool can_undo_remove();
std::string removed_name();
void undo_remove();
void clear_all(AppState& state);                                      // after the UI's confirmation
// Another tab changed the open self-check (changed_elsewhere): take its version, or keep this
// tab's as a new saved self-check. Nothing is overwritten silently either way.
void reload_latest(AppState& state);
void save_as_copy(AppState& state);
// Download the document being edited as JSON (works whatever the storage does).
void export_json(const AppState& state);

// Import: pick a file, validate with the core (same errors as the CLI), then ask.
void request_import();
struct PendingImport {
    bool active = false;          // a file was read and awaits the user's decision
    bool ok = false;              // valid: ask to open it; invalid: show the errors
    std::string name;             // file name
    std::string text;             // the file's text (valid only)
    nlohmann::json errors = nlohmann::json::array();
};
PendingImport& pending_import();
void confirm_import(AppState& state);   // open the imported file as a new saved self-check
void cancel_import();                   // nothing changes
// Loaded through window.selfcheck.load (tests, automation): opened as a new saved self-check.
// Call flush() before AppState::load, so the previous document's last edits go to its own entry.
void adopt_loaded(AppState& state, std::string_view name);

// The name the list shows for a document: enterprise name (+ year), or "未命名".
std::string display_name(const nlohmann::json& document);

// ---- platform callbacks
void on_opened(const nlohmann::json& answer, const std::string& current_text);
void on_saved(const std::string& id, double tx_ms, std::int64_t rev);
void on_error(const std::string& code, const std::string& message);
void on_conflict(const std::string& id, std::int64_t stored_rev);
void on_changed_elsewhere(const std::string& id, std::int64_t rev);
void on_list(const nlohmann::json& list);
void on_got(const std::string& id, const std::string& text, bool found, std::int64_t rev);
void on_cleared(bool ok);
void on_file_opened(const std::string& name, const std::string& bytes);
void on_file_error(const std::string& name, double size);

// Hook for window.selfcheck.storage(): status as JSON.
nlohmann::json status_json();

} // namespace selfcheck::app::storage
