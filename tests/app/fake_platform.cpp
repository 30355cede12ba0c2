#include "fake_platform.hpp"

#include "platform/fonts.hpp"

#include <cstdio>

namespace fake {
Calls& calls() {
    static Calls c;
    return c;
}
void reset() {
    selfcheck::app::platform::Event e;
    while (selfcheck::app::platform::poll_event(e)) {
    }
    calls() = Calls{};
}
void fire_timers() {
    std::vector<Timer> t;
    t.swap(calls().timers);
    for (const Timer& x : t) x.fn(x.arg);
}
} // namespace fake

namespace selfcheck::app::platform {
using fake::calls;
const char* prepare_gl() { return ""; }
float pixel_ratio() { return 1; }
std::string asset_path(const char* r) { return r; }
void install(SDL_Window*) {}
void show_no_gpu(const std::string&) {}
void run(FrameStatus (*)()) {}
void wake() { ++calls().wakes; }
std::uint64_t last_activity_ms() { return 0; }
void after_render() {}
void first_frame_presented() {}
void save_file(const std::string& name, const std::string& bytes, const char*) { calls().files_saved.emplace_back(name, bytes); }
void open_url(const std::string&) {}
bool open_html(const std::string&, const std::string&) { return true; }
void request_open_file(FileFor) {}
std::string uuid_v4() {
    char b[40];
    std::snprintf(b, sizeof b, "00000000-0000-4000-8000-%012d", ++calls().uuids);
    return b;
}
std::string now_iso8601() { return "2026-11-29T12:00:00.000Z"; }
std::string today_local() { return "2026-11-29"; }
double now_ms() { return calls().now_ms; }
void call_later(int ms, void (*fn)(void*), void* arg) { calls().timers.push_back({ms, fn, arg}); }
void storage_open() { ++calls().opens; }
void storage_put(const std::string& id, const std::string& meta, const std::string& text, std::int64_t base_rev) {
    calls().puts.push_back({id, meta, text, base_rev});
}
void storage_get(const std::string& id) { calls().gets.push_back(id); }
void storage_update_meta(const std::string&, const std::string&) {}
void storage_duplicate(const std::string&, const std::string&, const std::string&) {}
void storage_delete(const std::string&) {}
void storage_undo_delete() {}
void storage_set_current(const std::string& id) { calls().set_current.push_back(id); }
void settings_put(const std::string& j) { calls().settings.push_back(j); }
void clear_local_data() {}
void upload_enqueue(const std::string& rec) { calls().enqueued.push_back(rec); }
void upload_retry(const std::string&) {}
void upload_remove(const std::string&) {}
void fetch_fallback_font() {}
} // namespace selfcheck::app::platform

// The font module needs ImGui; these tests only need it to accept text.
namespace selfcheck::app::fonts {
void load(ImGuiIO&) {}
void note_text(std::string_view) {}
void note_json(const nlohmann::json&) {}
bool rebuild_if_needed() { return false; }
void on_fallback_font(bool, const std::string&, double) {}
nlohmann::json stats_json() { return nlohmann::json::object(); }
} // namespace selfcheck::app::fonts

// A bills file (CSV/XLSX) goes to the energy screen's import preview, which needs ImGui; these
// tests only route storage and upload events.
namespace selfcheck::app::ui {
void on_bills_file(const std::string&, const std::string&) {}
void on_bills_file_error(const std::string&, double) {}
} // namespace selfcheck::app::ui
