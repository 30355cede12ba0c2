#include "storage.hpp"

#include "i18n.hpp"
#include "platform/fonts.hpp"
#include "platform/platform.hpp"
#include "upload.hpp"

#include <algorithm>
#include <exception>

namespace selfcheck::app::storage {

using nlohmann::json;

namespace {
constexpr int k_save_delay_ms = 400;  // first unsaved edit -> save; well inside the 1 s promise

AppState* g_state = nullptr;
Info g_info;
std::vector<Entry> g_entries;
Entry g_current;                 // metadata of the open self-check (id == g_info.current_id)
bool g_timer_armed = false;
double g_first_unsaved_ms = 0;   // when the oldest unsaved edit was noticed
std::uint64_t g_inflight_revision = 0;
std::uint64_t g_failed_revision = ~std::uint64_t{0};  // a save of this revision failed: retried on the next edit or flush
std::uint64_t g_fonts_revision = 0;
std::uint64_t g_seen_loads = 0;   // AppState::loads accounted for (our own loads and restores)
std::string g_removed_name;
bool g_adopt_pending = false;    // loaded through the hook before the library opened
std::string g_adopt_name;
bool g_can_undo = false;
PendingImport g_import;

const json* at(const json& j, std::initializer_list<const char*> path) {
    const json* p = &j;
    for (const char* k : path) {
        if (!p->is_object() || !p->contains(k)) return nullptr;
        p = &(*p)[k];
    }
    return p;
}

json or_null(const json* v) { return v ? *v : json(); }

Entry entry_from_json(const json& j) {
    Entry e;
    e.id = j.value("id", "");
    e.name = j.value("name", "");
    e.custom_name = j.value("custom_name", false);
    e.source = j.value("source", "");
    e.created_ms = j.value("created_ms", 0.0);
    e.updated_ms = j.value("updated_ms", 0.0);
    e.grade = or_null(at(j, {"grade"}));
    e.level = or_null(at(j, {"level"}));
    e.total_tce = or_null(at(j, {"total_tce"}));
    return e;
}

json entry_to_json(const Entry& e) {
    return {{"id", e.id},           {"name", e.name},       {"custom_name", e.custom_name},
            {"source", e.source},   {"created_ms", e.created_ms}, {"updated_ms", e.updated_ms},
            {"grade", e.grade},     {"level", e.level},     {"total_tce", e.total_tce}};
}

// Refresh the metadata of the open self-check from the document and its result.
void describe_current(AppState& s) {
    if (!g_current.custom_name) g_current.name = display_name(s.document);
    const json& out = s.output;
    const bool ok = s.result_ok;
    g_current.grade = ok ? or_null(at(out, {"carbon_efficiency", "grade"})) : json();
    g_current.level = ok ? or_null(at(out, {"carbon_efficiency", "level"})) : json();
    g_current.total_tce = ok ? or_null(at(out, {"energy", "total_tce"})) : json();
    g_current.updated_ms = platform::now_ms();
}

void upsert_entry(const Entry& e) {
    auto it = std::find_if(g_entries.begin(), g_entries.end(), [&](const Entry& x) { return x.id == e.id; });
    if (it == g_entries.end())
        g_entries.insert(g_entries.begin(), e);
    else
        *it = e;
    std::stable_sort(g_entries.begin(), g_entries.end(),
                     [](const Entry& a, const Entry& b) { return a.updated_ms > b.updated_ms; });
}

void save_now() {
    if (!g_state || g_info.status != Status::ready || g_info.current_id.empty()) return;
    AppState& s = *g_state;
    s.update();  // the grade in the list comes from the current result
    describe_current(s);
    g_inflight_revision = s.revision;
    upsert_entry(g_current);
    platform::storage_put(g_current.id, entry_to_json(g_current).dump(), s.document.dump(2), g_info.base_rev);
}

// Both languages at once: the banner must be understood whatever the UI language is.
std::string both(const char* key) { return std::string(tr_in("zh-CN", key)) + "\n" + tr_in("en", key); }

void show_error(const std::string& code, const std::string& text) {
    g_info.error = text;
    g_info.error_code = code;
    platform::wake();
}

void timer_fired(void*) {
    g_timer_armed = false;
    flush();
}

// A new saved self-check for what AppState now holds (sample, import, new, hook).
void start_new_entry(AppState& s, std::string_view source, const std::string& custom_name = {}) {
    g_seen_loads = s.loads;
    g_current = Entry{};
    if (!custom_name.empty()) {
        g_current.name = custom_name;
        g_current.custom_name = true;
    }
    g_current.id = platform::uuid_v4();
    g_current.source = std::string(source);
    g_current.created_ms = platform::now_ms();
    g_info.current_id = g_current.id;
    g_info.base_rev = 0;
    g_info.changed_elsewhere = false;
    g_first_unsaved_ms = platform::now_ms();
    save_now();
    platform::wake();
}

// Put a saved text back exactly as it was, even a document that currently has errors (the user
// may have been half-way through an edit): no validation gate here, the core reports the issues.
bool restore(AppState& s, const std::string& text, const Entry& meta, std::int64_t rev) {
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded() || !doc.is_object()) {
        show_error("other", std::string(tr_in("zh-CN", "storage.corrupt")) + " " + meta.name + "\n" +
                                tr_in("en", "storage.corrupt") + " " + meta.name);
        return false;
    }
    g_info.base_rev = rev;
    g_info.changed_elsewhere = false;
    s.document = std::move(doc);
    s.source_name = meta.source;
    g_seen_loads = s.loads;
    s.mark_edited();
    s.update();
    s.sample_prompt_dismissed = false;
    s.sample_prompt_after_revision = s.revision;  // a restored sample copy asks at its next edit, not on opening
    g_current = meta;
    g_info.current_id = meta.id;
    g_info.saved_revision = g_inflight_revision = s.revision;
    g_info.revision = s.revision;
    fonts::note_json(s.document);
    platform::wake();
    return true;
}
} // namespace

std::string display_name(const json& document) {
    std::string name;
    if (const json* n = at(document, {"enterprise", "name"}); n && n->is_string()) name = n->get<std::string>();
    if (name.empty()) name = tr("storage.unnamed");
    if (const json* y = at(document, {"enterprise", "year"}); y && y->is_number_integer())
        name += " · " + std::to_string(y->get<long long>());
    return name;
}

void start(AppState& state) {
    g_state = &state;
    g_seen_loads = state.loads;
    g_info.revision = g_info.saved_revision = state.revision;
    platform::storage_open();
}

void tick(AppState& s) {
    if (s.revision != g_fonts_revision) {
        g_fonts_revision = s.revision;
        fonts::note_json(s.document);  // names with characters outside the subset (e.g. U+5803)
    }
    g_info.revision = s.revision;
    if (g_info.status != Status::ready) return;
    if (s.revision == g_info.saved_revision || s.revision == g_inflight_revision) return;
    if (s.revision == g_failed_revision) return;  // told the user; the next edit or a flush tries again
    if (g_info.changed_elsewhere && s.loads == g_seen_loads) return;  // paused until the user decides
    if (s.loads != g_seen_loads) {
        // Replaced by a load elsewhere (the guided tour's sample): never written over the entry
        // that was open; it becomes a new saved self-check.
        start_new_entry(s, s.source_name);
        return;
    }
    if (g_info.current_id.empty()) {
        // An edit of a document that is not in the library yet (the sample shown at first start):
        // keep it, as a new saved self-check.
        start_new_entry(s, s.source_name);
        return;
    }
    if (g_first_unsaved_ms == 0) g_first_unsaved_ms = platform::now_ms();
    if (!g_timer_armed) {
        g_timer_armed = true;
        platform::call_later(k_save_delay_ms, timer_fired, nullptr);
    }
}

void flush() {
    if (!g_state) return;
    if (g_state->revision == g_info.saved_revision || g_state->revision == g_inflight_revision) return;
    if (g_info.changed_elsewhere) return;  // never written over another tab's version
    save_now();
}

const Info& info() { return g_info; }
const std::vector<Entry>& entries() { return g_entries; }
void dismiss_error() {
    g_info.error.clear();
    g_info.error_code.clear();
}

void new_document(AppState& s) {
    flush();
    // The smallest valid document; the screens fill in the rest.
    const std::string text = R"({"schema": "selfcheck/assessment", "version": 1, "enterprise": {"name": ""}, "energy": []})";
    LoadOutcome lo = s.load(text, "");
    if (!lo.ok) {  // cannot happen unless the core changes its minimum; fall back to a bare doc
        s.document = json::parse(text);
        s.mark_edited();
    }
    start_new_entry(s, "");
    s.screen = Screen::profile;
}

void open_sample(AppState& s, const std::string& name, const std::string& text) {
    flush();
    LoadOutcome lo = s.load(text, name);
    if (!lo.ok) {
        show_error("other", std::string(tr_in("zh-CN", "storage.sample_invalid")) + " " + name + "\n" +
                                tr_in("en", "storage.sample_invalid") + " " + name);
        return;
    }
    start_new_entry(s, name);
    s.screen = Screen::profile;
}

void open(AppState& s, const std::string& id) {
    if (id == g_info.current_id) {
        s.screen = Screen::profile;
        return;
    }
    flush();
    platform::storage_get(id);
}

void duplicate(const std::string& id) {
    flush();
    auto it = std::find_if(g_entries.begin(), g_entries.end(), [&](const Entry& e) { return e.id == id; });
    if (it == g_entries.end()) return;
    platform::storage_duplicate(id, platform::uuid_v4(), it->name + tr("storage.copy_suffix"));
}

void rename(AppState&, const std::string& id, const std::string& name) {
    const bool custom = !name.empty();
    for (Entry& e : g_entries)
        if (e.id == id) {
            e.name = custom ? name : e.name;
            e.custom_name = custom;
        }
    if (id == g_info.current_id) {
        g_current.custom_name = custom;
        if (custom) g_current.name = name;
    }
    json meta = {{"custom_name", custom}};
    if (custom) meta["name"] = name;
    platform::storage_update_meta(id, meta.dump());
}

void remove(const std::string& id) {
    if (id == g_info.current_id) return;  // the open one cannot be deleted (the UI disables it)
    auto it = std::find_if(g_entries.begin(), g_entries.end(), [&](const Entry& e) { return e.id == id; });
    if (it == g_entries.end()) return;
    g_removed_name = it->name;
    g_can_undo = true;
    g_entries.erase(it);
    platform::storage_delete(id);
}
bool can_undo_remove() { return g_can_undo; }
std::string removed_name() { return g_removed_name; }
void undo_remove() {
    if (!g_can_undo) return;
    g_can_undo = false;
    platform::storage_undo_delete();
}

void clear_all(AppState&) { platform::clear_local_data(); }

void export_json(const AppState& s) {
    platform::save_file(std::string(tr("report.json_prefix")) + "_" + display_name(s.document) + "_" +
                            platform::today_local() + ".json",
                        s.document.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                        "application/json;charset=utf-8");
}

void reload_latest(AppState&) {
    if (g_info.current_id.empty()) return;
    platform::storage_get(g_info.current_id);  // -> on_got restores it with its revision
}

void save_as_copy(AppState& s) {
    // A new id from base revision 0: cannot collide with the other tab's version.
    start_new_entry(s, s.source_name, g_current.name + tr("storage.copy_suffix"));
    platform::storage_set_current(g_current.id);
}

void request_import() { platform::request_open_file(); }
PendingImport& pending_import() { return g_import; }

void confirm_import(AppState& s) {
    if (!g_import.active || !g_import.ok) return;
    flush();
    LoadOutcome lo = s.load(g_import.text, g_import.name);
    if (lo.ok) {
        start_new_entry(s, g_import.name);
        s.screen = Screen::profile;
    } else {
        g_import.ok = false;
        g_import.errors = lo.errors;
        return;
    }
    g_import = PendingImport{};
}

void cancel_import() { g_import = PendingImport{}; platform::wake(); }

void adopt_loaded(AppState& s, std::string_view name) {
    s.screen = Screen::profile;
    if (g_info.status == Status::opening) {
        // Not open yet: saved as a new entry when it opens (and not replaced by the restore).
        g_adopt_pending = true;
        g_adopt_name = std::string(name);
        return;
    }
    start_new_entry(s, name);  // the caller flushed the previous document before loading
}

void set_current_source(const std::string& source) {
    g_current.source = source;
    if (g_state) g_state->mark_edited();  // saved with the next autosave
}

// ---- platform callbacks
void on_opened(const json& answer, const std::string& current_text) {
    if (!g_state) return;
    AppState& s = *g_state;
    if (!answer.value("ok", false)) {
        g_info.status = Status::unavailable;
        show_error("unavailable", both("storage.unavailable") + " (" + answer.value("error", "") + ")");
        return;
    }
    g_info.status = Status::ready;
    on_list(answer.value("list", json::array()));
    if (const json* st = at(answer, {"settings"}); st && st->is_object()) upload::on_settings(*st);
    const std::string id = answer.value("current_id", "");
    if (g_adopt_pending) {
        // A document was loaded (automation, window.selfcheck.load) while the library opened: it
        // wins over the restore, and becomes a new saved self-check.
        g_adopt_pending = false;
        start_new_entry(s, g_adopt_name);
        platform::wake();
        return;
    }
    bool restored = false;
    if (!id.empty()) {
        Entry meta;
        meta.id = id;
        for (const Entry& e : g_entries)
            if (e.id == id) meta = e;
        restored = restore(s, current_text, meta, answer.value("current_rev", std::int64_t{0}));
        // The open self-check comes back where work goes on (as when one is opened from the list).
        if (restored) s.screen = Screen::profile;
    }
    if (!restored) {
        // First visit (or nothing open): the start screen; what is shown now is not saved until edited.
        g_info.saved_revision = g_inflight_revision = s.revision;
        g_seen_loads = s.loads;
        s.screen = Screen::start;
    }
    platform::wake();
}

void on_saved(const std::string& id, double tx_ms, std::int64_t rev) {
    if (id == g_info.current_id) {
        g_info.base_rev = std::max(g_info.base_rev, rev);  // saves may overlap: revisions only grow
        g_failed_revision = ~std::uint64_t{0};
        g_info.saved_revision = std::max(g_info.saved_revision, g_inflight_revision);
        if (g_first_unsaved_ms > 0) g_info.last_latency_ms = platform::now_ms() - g_first_unsaved_ms;
        g_first_unsaved_ms = 0;
        if (g_state && g_state->revision != g_info.saved_revision) g_first_unsaved_ms = platform::now_ms();
    }
    g_info.last_tx_ms = tx_ms;
    ++g_info.saves;
    platform::wake();
}

void on_error(const std::string& code, const std::string& message) {
    // The edit stays in AppState (export still works). Not retried in a loop: the next edit, or
    // the tab being hidden or closed, tries again.
    if (g_state && g_inflight_revision != g_info.saved_revision) {
        g_failed_revision = g_inflight_revision;
        g_inflight_revision = g_info.saved_revision;
    }
    if (code == "quota")
        show_error(code, both("storage.quota"));
    else if (code == "aborted")
        show_error(code, both("storage.aborted"));
    else if (code == "unavailable")
        show_error(code, both("storage.unavailable") + " (" + message + ")");
    else
        show_error(code.empty() ? "other" : code, std::string(tr_in("zh-CN", "storage.save_failed")) + " " + message +
                                                      "\n" + tr_in("en", "storage.save_failed") + " " + message);
}

void on_conflict(const std::string& id, std::int64_t stored_rev) {
    if (g_inflight_revision != g_info.saved_revision) g_inflight_revision = g_info.saved_revision;
    on_changed_elsewhere(id, stored_rev);
}

void on_changed_elsewhere(const std::string& id, std::int64_t rev) {
    if (id != g_info.current_id || rev <= g_info.base_rev) return;  // our own save, or another self-check
    g_info.changed_elsewhere = true;
    g_info.elsewhere_rev = rev;
    platform::wake();
}

void on_list(const json& list) {
    g_entries.clear();
    if (list.is_array())
        for (const json& j : list)
            if (j.is_object()) g_entries.push_back(entry_from_json(j));
    for (const Entry& e : g_entries) fonts::note_text(e.name);  // renamed entries may use rare characters
    // The open one may have a save in flight: keep its newest metadata.
    if (!g_info.current_id.empty())
        for (Entry& e : g_entries)
            if (e.id == g_info.current_id) {
                const bool custom = e.custom_name;
                const std::string name = e.name;
                e = g_current;
                if (custom) {
                    e.custom_name = true;
                    e.name = g_current.custom_name ? g_current.name : name;
                }
            }
    platform::wake();
}

void on_got(const std::string& id, const std::string& text, bool found, std::int64_t rev) {
    if (!g_state) return;
    if (!found) {
        show_error("other", both("storage.not_found"));
        return;
    }
    Entry meta;
    meta.id = id;
    for (const Entry& e : g_entries)
        if (e.id == id) meta = e;
    if (restore(*g_state, text, meta, rev)) {
        platform::storage_set_current(id);
        g_state->screen = Screen::profile;
    }
}

void on_cleared(bool ok) {
    g_entries.clear();
    g_info.current_id.clear();
    g_current = Entry{};
    g_can_undo = false;
    upload::on_cleared();
    if (g_state) {
        g_info.saved_revision = g_inflight_revision = g_state->revision;
        g_state->screen = Screen::start;
    }
    if (!ok) show_error("other", both("storage.clear_failed"));
    platform::wake();
}

void on_file_opened(const std::string& name, const std::string& bytes) {
    g_import = PendingImport{};
    g_import.active = true;
    g_import.name = name;
    try {
        AssessOutcome out = assess_text(bytes, g_state && g_state->ref ? *g_state->ref : RefData::builtin());
        g_import.ok = out.ok;
        if (out.ok)
            g_import.text = bytes;
        else if (out.output.is_object() && out.output.contains("errors"))
            g_import.errors = out.output["errors"];
    } catch (const std::exception& e) {
        g_import.ok = false;
        g_import.errors = json::array({{{"path", ""}, {"message_zh", std::string("内部错误：") + e.what()},
                                        {"message_en", std::string("internal error: ") + e.what()}}});
    }
    platform::wake();
}

void on_file_error(const std::string& name, double size) {
    g_import = PendingImport{};
    g_import.active = true;
    g_import.name = name;
    g_import.errors = json::array({{{"path", ""},
                                    {"message_zh", "文件过大（" + std::to_string(static_cast<long long>(size)) + " 字节），不是自诊断文件"},
                                    {"message_en", "file too large (" + std::to_string(static_cast<long long>(size)) +
                                                       " bytes); not a self-check file"}}});
    platform::wake();
}

json status_json() {
    const char* st = g_info.status == Status::ready ? "ready" : g_info.status == Status::opening ? "opening" : "unavailable";
    return {{"status", st},
            {"error", g_info.error},
            {"error_code", g_info.error_code},
            {"base_rev", g_info.base_rev},
            {"changed_elsewhere", g_info.changed_elsewhere},
            {"elsewhere_rev", g_info.elsewhere_rev},
            {"current_id", g_info.current_id},
            {"revision", g_info.revision},
            {"saved_revision", g_info.saved_revision},
            {"last_latency_ms", g_info.last_latency_ms},
            {"last_tx_ms", g_info.last_tx_ms},
            {"saves", g_info.saves},
            {"entries", [] {
                 json l = json::array();
                 for (const Entry& e : g_entries)
                     l.push_back({{"id", e.id}, {"name", e.name}, {"grade", e.grade}, {"level", e.level}});
                 return l;
             }()},
            {"can_undo", g_can_undo},
            {"import_pending", g_import.active}};
}

} // namespace selfcheck::app::storage
