// The few services the app needs from its host, one implementation per platform:
// platform_web.cpp (Emscripten: browser, WebGL2, DOM bridges) and platform_native.cpp (SDL2
// desktop, OpenGL 3). CMake compiles exactly one of them; no #ifdefs in the rest of the app.
#pragma once
#include <cstdint>
#include <string>

struct SDL_Window;

namespace selfcheck::app {
struct AppState;
}

namespace selfcheck::app::platform {

// --- window and rendering
// Sets the SDL GL attributes before the window is created; returns ImGui's GLSL version string.
const char* prepare_gl();
// Device pixel ratio: fonts are rasterized at size x ratio and drawn at 1/ratio (sharp on HiDPI).
float pixel_ratio();
// Path of a build-time asset (e.g. "fonts/ui.otf"): MEMFS on the web, next to the binary natively.
std::string asset_path(const char* relative);
// Called once after the ImGui backends are initialised: IME bridge, clipboard, test hooks.
void install(SDL_Window* window, AppState* state);

// --- render on demand
// frame() returns Idle when nothing happened for a while; the platform then stops calling it
// until wake() (input events wake it automatically).
enum class FrameStatus { Rendered, Idle, Quit };
void run(FrameStatus (*frame)());
void wake();                       // request frames: async completion, test hook, timer
std::uint64_t last_activity_ms();  // SDL_GetTicks64() of the last wake()
void after_render();               // per frame, after ImGui::Render(): IME element position
void first_frame_presented();      // resolves window.selfcheck.ready on the web

// --- services for screens
// Offer bytes to the user as a file: a browser download, or a file in the working directory.
void save_file(const std::string& name, const std::string& bytes, const char* mime_type);
void open_url(const std::string& url);
// Show an HTML document (the report) in a new browser tab; natively, write it and open it.
// Returns false when the browser blocked the tab (the caller offers a download instead).
bool open_html(const std::string& html, const std::string& file_name);
// Ask the user for a file (<input type=file>); the answer arrives later via
// storage::on_file_opened(name, bytes) or storage::on_file_error(message).
void request_open_file();

// --- time and randomness (the core has neither)
std::string uuid_v4();          // lowercase UUID v4 from crypto.getRandomValues
std::string now_iso8601();      // "2026-11-26T11:45:00.550Z"
std::string today_local();      // "2026-11-26" in the user's time zone (file names, report date)
double now_ms();                // wall clock, ms since the epoch
// Run fn(arg) once after `ms` (also while the render loop is paused); natively at once.
void call_later(int ms, void (*fn)(void*), void* arg);

// --- the local library of saved self-checks (IndexedDB on the web, memory natively).
// All asynchronous; answers come back through storage::on_* (app/storage.hpp).
void storage_open();  // -> storage::on_opened
void storage_put(const std::string& id, const std::string& meta_json, const std::string& text);  // -> on_saved / on_error
void storage_get(const std::string& id);                             // -> storage::on_got
void storage_update_meta(const std::string& id, const std::string& meta_json);  // rename -> on_list
void storage_duplicate(const std::string& id, const std::string& new_id, const std::string& new_name);  // -> on_list
void storage_delete(const std::string& id);                          // -> on_list (undo keeps the record)
void storage_undo_delete();                                          // -> on_list
void storage_set_current(const std::string& id);
void settings_put(const std::string& settings_json);
// Wipe everything this app stored in the browser (saved self-checks, settings, upload queue).
// The UI asks for confirmation first. -> storage::on_cleared
void clear_local_data();

// --- upload (app/upload.hpp): a durable outbox, retried with backoff. -> upload::on_list
void upload_enqueue(const std::string& record_json);
void upload_retry(const std::string& submission_id);
void upload_remove(const std::string& submission_id);

// --- fonts: fetch the fuller CJK font once (-> fonts::on_fallback_font)
void fetch_fallback_font();

} // namespace selfcheck::app::platform
