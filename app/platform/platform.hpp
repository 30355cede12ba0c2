// The few services the app needs from its host, one implementation per platform:
// platform_web.cpp (Emscripten: browser, WebGL2, DOM bridges) and platform_native.cpp (SDL2
// desktop, OpenGL 3). CMake compiles exactly one of them; no #ifdefs in the rest of the app.
// The seam points one way: nothing here (or in the implementations) includes the rest of app/.
// Asynchronous answers are posted as Events into a queue that main.cpp drains once per frame
// (app/events.cpp dispatches them to storage, upload and fonts); both platforms deliver them on a
// later frame, never inside the call that asked.
#pragma once
#include <cstddef>
#include <cstdint>
#include <string>

struct SDL_Window;

namespace selfcheck::app::platform {

// --- events from the host (answers to the requests below, and things that just happen)
struct Event {
    enum class Kind {
        storage_opened,   // json: {ok, list, current_id, current_rev, settings, error}; text: the open document
        saved,            // id, number: transaction ms, rev: the stored revision now
        storage_error,    // code: quota | unavailable | aborted | other; text: browser's message
        conflict,         // id, rev: a save was refused, the stored copy is newer (another tab)
        changed_elsewhere,// id, rev: another tab saved this self-check
        list,             // json: the library's entries
        loaded,           // id, text: the saved document (ok=false: not found), rev
        cleared,          // ok
        file_opened,      // name, text: the file's bytes, code: what it was asked for ("document" | "bills")
        file_error,       // name, number: size (too large), code: as file_opened
        upload_list,      // json: the outbox
        config,           // json: config.json
        font_fetched,     // ok, text: path or error, number: bytes
    };
    Kind kind;
    bool ok = true;
    std::string id;
    std::string name;
    std::string code;
    std::string text;
    std::string json;
    double number = 0;
    std::int64_t rev = 0;
};
// Queue an event for the next frame (and wake the loop). Called by the platform implementations.
void post(Event e);
// Take the oldest queued event; false when the queue is empty. main.cpp drains it every frame.
bool poll_event(Event& out);
std::size_t pending_events();

// --- window and rendering
// Sets the SDL GL attributes before the window is created; returns ImGui's GLSL version string.
const char* prepare_gl();
// Device pixel ratio: fonts are rasterized at size x ratio and drawn at 1/ratio (sharp on HiDPI).
float pixel_ratio();
// Path of a build-time asset (e.g. "fonts/ui.otf"): MEMFS on the web, next to the binary natively.
std::string asset_path(const char* relative);
// Called once after the ImGui backends are initialised: IME bridge, clipboard.
void install(SDL_Window* window);
// The GL context could not be created (no WebGL): tell the user what to do and keep the saved
// self-checks exportable (web: an HTML page over the canvas). The app does not start.
void show_no_gpu(const std::string& detail);

// --- render on demand
// frame() returns Idle when nothing happened for a while; the platform then stops calling it
// until wake() (input events wake it automatically).
enum class FrameStatus { Rendered, Idle, Quit };
void run(FrameStatus (*frame)());
void wake();                       // request frames: async completion, test hook, timer
std::uint64_t last_activity_ms();  // SDL_GetTicks64() of the last wake()
bool idle();                       // the loop is paused until the next wake() (web; natively false)
void after_render();               // per frame, after ImGui::Render(): IME element position
void first_frame_presented();      // resolves window.selfcheck.ready on the web

// --- services for screens
// Offer bytes to the user as a file: a browser download, or a file in the working directory.
void save_file(const std::string& name, const std::string& bytes, const char* mime_type);
void open_url(const std::string& url);
// Show an HTML document (the report) in a new browser tab; natively, write it and open it.
// Returns false when the browser blocked the tab (the caller offers a download instead).
bool open_html(const std::string& html, const std::string& file_name);
// Ask the user for a file (<input type=file>); the answer arrives later as Event file_opened
// (or file_error), its code saying which of these it was asked for: a self-check document (.json)
// or a spreadsheet of monthly bills (.csv/.tsv/.txt/.xlsx).
enum class FileFor { document, bills };
void request_open_file(FileFor purpose = FileFor::document);

// --- time and randomness (the core has neither)
std::string uuid_v4();          // lowercase UUID v4 from crypto.getRandomValues
std::string now_iso8601();      // "2026-11-26T11:45:00.550Z"
std::string today_local();      // "2026-11-26" in the user's time zone (file names, report date)
double now_ms();                // wall clock, ms since the epoch
// Run fn(arg) once after `ms` (also while the render loop is paused); natively at once.
void call_later(int ms, void (*fn)(void*), void* arg);

// --- the local library of saved self-checks (IndexedDB on the web, memory natively).
// All asynchronous; answers come back as Events.
void storage_open();  // -> storage_opened
// Writes only if the stored revision is still base_rev (0: a new entry): -> saved (rev base_rev+1),
// conflict (another tab saved in between; nothing written) or storage_error (nothing written).
void storage_put(const std::string& id, const std::string& meta_json, const std::string& text, std::int64_t base_rev);
void storage_get(const std::string& id);                             // -> loaded
void storage_update_meta(const std::string& id, const std::string& meta_json);  // rename -> list
void storage_duplicate(const std::string& id, const std::string& new_id, const std::string& new_name);  // -> list
void storage_delete(const std::string& id);                          // -> list (undo keeps the record)
void storage_undo_delete();                                          // -> list
void storage_set_current(const std::string& id);
void settings_put(const std::string& settings_json);
// Wipe everything this app stored in the browser (saved self-checks, settings, upload queue).
// The UI asks for confirmation first. -> cleared
void clear_local_data();

// --- upload (app/upload.hpp): a durable outbox, retried with backoff. -> upload_list
void upload_enqueue(const std::string& record_json);
void upload_retry(const std::string& submission_id);
void upload_remove(const std::string& submission_id);

// --- fonts: fetch the fuller CJK font once (-> font_fetched)
void fetch_fallback_font();

} // namespace selfcheck::app::platform
