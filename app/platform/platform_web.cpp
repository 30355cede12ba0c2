// Browser platform (Emscripten): WebGL2, render on demand by pausing the main loop, the hidden
// <input> IME bridge (web/index.html), clipboard, downloads, and the answers of web/platform.js
// (posted as Events). The window.selfcheck page hooks live in app/automation.cpp.
#include "platform/platform.hpp"

#include "platform/fonts.hpp"

#include "imgui.h"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <emscripten/eventloop.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>
#include <string>

namespace selfcheck::app::platform {
namespace {
std::uint64_t g_last_activity = 0;
bool g_paused = false;
FrameStatus (*g_frame)() = nullptr;
std::string g_clipboard;  // in-app copy; the system clipboard is write-only from here
bool g_ime_want = false;
ImVec2 g_ime_pos;
float g_ime_line_height = 18;

int SDLCALL event_watch(void*, SDL_Event* e) {
    // SDL pushes SDL_POLLSENTINEL on every SDL_PollEvent: waking on it would never let us idle.
    if (e->type != SDL_POLLSENTINEL) wake();
    return 0;
}

void main_loop() {
    if (g_frame() == FrameStatus::Idle) {
        g_paused = true;
        emscripten_pause_main_loop();
    }
}

void set_ime_data(ImGuiViewport*, ImGuiPlatformImeData* d) {
    g_ime_want = d->WantVisible;
    g_ime_pos = d->InputPos;
    g_ime_line_height = d->InputLineHeight;
}

void set_clipboard(void*, const char* text);
const char* get_clipboard(void*) { return g_clipboard.c_str(); }
} // namespace

EM_JS(void, js_ime_update, (int want, float x, float y, float h), {
    const ime = document.getElementById('ime');
    if (!ime) return;
    if (want) {
        ime.style.left = x + 'px';
        ime.style.top = y + 'px';
        ime.style.height = h + 'px';
        if (document.activeElement !== ime) ime.focus({preventScroll: true});
    } else if (document.activeElement === ime) {
        ime.blur();
    }
});

EM_JS(void, js_clipboard_write, (const char* text), {
    const t = UTF8ToString(text);
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(t).catch(() => {});
});

EM_JS(void, js_first_frame, (), {
    if (Module.selfcheckFirstFrame) Module.selfcheckFirstFrame();
});

EM_JS(void, js_download, (const char* name, const char* data, int size, const char* mime), {
    const bytes = HEAPU8.slice(data, data + size);
    const a = document.createElement('a');
    a.href = URL.createObjectURL(new Blob([bytes], {type: UTF8ToString(mime)}));
    a.download = UTF8ToString(name);
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(a.href), 1000);
});

EM_JS(void, js_open_url, (const char* url), { window.open(UTF8ToString(url), '_blank', 'noopener'); });

// ---- web/platform.js (window.SelfCheckPlatform): storage, upload outbox, files, fonts
EM_JS(int, js_open_html, (const char* html, int size), {
    return SelfCheckPlatform.openHtml(UTF8ToString(html, size));
});
EM_JS(void, js_request_open_file, (int bills), { SelfCheckPlatform.openFile(bills ? 'bills' : 'document'); });
EM_JS(char*, js_uuid_v4, (), {
    const s = SelfCheckPlatform.uuidV4();
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(char*, js_now_iso, (int local_date), {
    const d = new Date();
    const pad = x => String(x).padStart(2, '0');
    const s = local_date ? d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) : d.toISOString();
    const n = lengthBytesUTF8(s) + 1;
    const p = _malloc(n);
    stringToUTF8(s, p, n);
    return p;
});
EM_JS(double, js_now_ms, (), { return Date.now(); });
EM_JS(void, js_storage_open, (), { SelfCheckPlatform.storageOpen(); });
EM_JS(void, js_storage_put, (const char* id, const char* meta, const char* text, int text_size, double base_rev), {
    SelfCheckPlatform.storagePut(UTF8ToString(id), UTF8ToString(meta), UTF8ToString(text, text_size), base_rev);
});
EM_JS(void, js_show_no_gpu, (const char* detail), { SelfCheckPlatform.showNoGpu(UTF8ToString(detail)); });
EM_JS(void, js_storage_get, (const char* id), { SelfCheckPlatform.storageGet(UTF8ToString(id)); });
EM_JS(void, js_storage_update_meta, (const char* id, const char* meta), {
    SelfCheckPlatform.storageUpdateMeta(UTF8ToString(id), UTF8ToString(meta));
});
EM_JS(void, js_storage_duplicate, (const char* id, const char* nid, const char* name), {
    SelfCheckPlatform.storageDuplicate(UTF8ToString(id), UTF8ToString(nid), UTF8ToString(name));
});
EM_JS(void, js_storage_delete, (const char* id), { SelfCheckPlatform.storageDelete(UTF8ToString(id)); });
EM_JS(void, js_storage_undo_delete, (), { SelfCheckPlatform.storageUndoDelete(); });
EM_JS(void, js_storage_set_current, (const char* id), { SelfCheckPlatform.storageSetCurrent(UTF8ToString(id)); });
EM_JS(void, js_settings_put, (const char* json), { SelfCheckPlatform.settingsPut(UTF8ToString(json)); });
EM_JS(void, js_clear_local_data, (), { SelfCheckPlatform.clearLocalData(); });
EM_JS(void, js_upload_enqueue, (const char* rec, int size), { SelfCheckPlatform.uploadEnqueue(UTF8ToString(rec, size)); });
EM_JS(void, js_upload_retry, (const char* id), { SelfCheckPlatform.uploadRetry(UTF8ToString(id)); });
EM_JS(void, js_upload_remove, (const char* id), { SelfCheckPlatform.uploadRemove(UTF8ToString(id)); });
EM_JS(void, js_fetch_fallback_font, (), { SelfCheckPlatform.fetchFallbackFont(); });

namespace {
void set_clipboard(void*, const char* text) {
    g_clipboard = text ? text : "";
    js_clipboard_write(g_clipboard.c_str());
}
} // namespace

const char* prepare_gl() {
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_PROFILE_MASK, SDL_GL_CONTEXT_PROFILE_ES);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MAJOR_VERSION, 3);
    SDL_GL_SetAttribute(SDL_GL_CONTEXT_MINOR_VERSION, 0);
    return "#version 300 es";
}

float pixel_ratio() { return static_cast<float>(emscripten_get_device_pixel_ratio()); }

std::string asset_path(const char* relative) { return std::string("/") + relative; }

void show_no_gpu(const std::string& detail) { js_show_no_gpu(detail.c_str()); }

void install(SDL_Window*) {
    ImGuiIO& io = ImGui::GetIO();
    io.SetPlatformImeDataFn = set_ime_data;  // the SDL2 backend's version is a no-op on the web
    io.SetClipboardTextFn = set_clipboard;
    io.GetClipboardTextFn = get_clipboard;
    SDL_AddEventWatch(event_watch, nullptr);
}

void wake() {
    g_last_activity = SDL_GetTicks64();
    if (g_paused) {
        g_paused = false;
        emscripten_resume_main_loop();
    }
}

std::uint64_t last_activity_ms() { return g_last_activity; }
bool idle() { return g_paused; }

void run(FrameStatus (*frame)()) {
    g_frame = frame;
    wake();
    emscripten_set_main_loop(main_loop, 0, false);  // returns; the browser drives the loop
}

// A mousedown on the canvas blurs the input, so this runs every frame, not only on changes.
void after_render() { js_ime_update(g_ime_want ? 1 : 0, g_ime_pos.x, g_ime_pos.y, g_ime_line_height); }

void first_frame_presented() { js_first_frame(); }

void save_file(const std::string& name, const std::string& bytes, const char* mime_type) {
    js_download(name.c_str(), bytes.data(), static_cast<int>(bytes.size()), mime_type);
}

void open_url(const std::string& url) { js_open_url(url.c_str()); }

bool open_html(const std::string& html, const std::string&) {
    return js_open_html(html.c_str(), static_cast<int>(html.size())) != 0;
}
void request_open_file(FileFor purpose) { js_request_open_file(purpose == FileFor::bills ? 1 : 0); }

namespace {
std::string take(char* p) {
    std::string s = p ? p : "";
    std::free(p);
    return s;
}
} // namespace
std::string uuid_v4() { return take(js_uuid_v4()); }
std::string now_iso8601() { return take(js_now_iso(0)); }
std::string today_local() { return take(js_now_iso(1)); }
double now_ms() { return js_now_ms(); }

namespace {
struct Later {
    void (*fn)(void*);
    void* arg;
};
void later_cb(void* p) {
    Later* l = static_cast<Later*>(p);
    l->fn(l->arg);
    delete l;
}
} // namespace
void call_later(int ms, void (*fn)(void*), void* arg) { emscripten_set_timeout(later_cb, ms, new Later{fn, arg}); }

void storage_open() { js_storage_open(); }
void storage_put(const std::string& id, const std::string& meta_json, const std::string& text, std::int64_t base_rev) {
    js_storage_put(id.c_str(), meta_json.c_str(), text.c_str(), static_cast<int>(text.size()), static_cast<double>(base_rev));
}
void storage_get(const std::string& id) { js_storage_get(id.c_str()); }
void storage_update_meta(const std::string& id, const std::string& meta_json) {
    js_storage_update_meta(id.c_str(), meta_json.c_str());
}
void storage_duplicate(const std::string& id, const std::string& new_id, const std::string& new_name) {
    js_storage_duplicate(id.c_str(), new_id.c_str(), new_name.c_str());
}
void storage_delete(const std::string& id) { js_storage_delete(id.c_str()); }
void storage_undo_delete() { js_storage_undo_delete(); }
void storage_set_current(const std::string& id) { js_storage_set_current(id.c_str()); }
void settings_put(const std::string& settings_json) { js_settings_put(settings_json.c_str()); }
void clear_local_data() { js_clear_local_data(); }
void upload_enqueue(const std::string& record_json) {
    js_upload_enqueue(record_json.c_str(), static_cast<int>(record_json.size()));
}
void upload_retry(const std::string& id) { js_upload_retry(id.c_str()); }
void upload_remove(const std::string& id) { js_upload_remove(id.c_str()); }
void fetch_fallback_font() { js_fetch_fallback_font(); }

} // namespace selfcheck::app::platform

// ---- called from web/index.html (Module.ccall)
using namespace selfcheck::app;

extern "C" {

// IME bridge: committed text from the hidden <input>.
EMSCRIPTEN_KEEPALIVE void app_text_input(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    fonts::note_text(text);
    platform::wake();
}

// web/touch.js: does the last drawn frame edit a text field (ImGui wants the keyboard)? The page
// focuses the bridge on a tap before ImGui has seen it, and asks this once the tap has settled.
EMSCRIPTEN_KEEPALIVE int app_ime_wanted() { return platform::g_ime_want ? 1 : 0; }

// InputText ignores characters while Ctrl is down, so paste goes through ImGui's own Ctrl+V.
EMSCRIPTEN_KEEPALIVE void app_paste(const char* text) {
    platform::g_clipboard = text;
    fonts::note_text(text);
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    platform::wake();
}

// ---- answers from web/platform.js
static std::string read_tmp(const char* path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    std::remove(path);
    return s.str();
}

using platform::Event;
using platform::post;

EMSCRIPTEN_KEEPALIVE void app_storage_opened(const char* answer) {
    nlohmann::json a = nlohmann::json::parse(answer, nullptr, false);
    std::string text;
    if (a.is_object() && a.contains("current_path") && a["current_path"].is_string())
        text = read_tmp(a["current_path"].get<std::string>().c_str());
    post({.kind = Event::Kind::storage_opened, .text = std::move(text), .json = answer});
}
EMSCRIPTEN_KEEPALIVE void app_storage_saved(const char* id, double ms, double rev) {
    post({.kind = Event::Kind::saved, .id = id, .number = ms, .rev = static_cast<std::int64_t>(rev)});
}
EMSCRIPTEN_KEEPALIVE void app_storage_error(const char* code, const char* msg) {
    post({.kind = Event::Kind::storage_error, .code = code, .text = msg});
}
EMSCRIPTEN_KEEPALIVE void app_storage_conflict(const char* id, double rev) {
    post({.kind = Event::Kind::conflict, .id = id, .rev = static_cast<std::int64_t>(rev)});
}
EMSCRIPTEN_KEEPALIVE void app_storage_changed(const char* id, double rev) {
    post({.kind = Event::Kind::changed_elsewhere, .id = id, .rev = static_cast<std::int64_t>(rev)});
}
EMSCRIPTEN_KEEPALIVE void app_storage_list(const char* list) { post({.kind = Event::Kind::list, .json = list}); }
EMSCRIPTEN_KEEPALIVE void app_storage_got(const char* id, const char* path, double rev) {
    const bool found = path && *path;
    post({.kind = Event::Kind::loaded, .ok = found, .id = id, .text = found ? read_tmp(path) : std::string(),
          .rev = static_cast<std::int64_t>(rev)});
}
EMSCRIPTEN_KEEPALIVE void app_storage_cleared(int ok) { post({.kind = Event::Kind::cleared, .ok = ok != 0}); }
EMSCRIPTEN_KEEPALIVE void app_file_opened(const char* name, const char* path, const char* purpose) {
    post({.kind = Event::Kind::file_opened, .name = name, .code = purpose ? purpose : "document", .text = read_tmp(path)});
}
EMSCRIPTEN_KEEPALIVE void app_file_error(const char* name, double size, const char* purpose) {
    post({.kind = Event::Kind::file_error, .name = name, .code = purpose ? purpose : "document", .number = size});
}
EMSCRIPTEN_KEEPALIVE void app_config(const char* json) { post({.kind = Event::Kind::config, .json = json}); }
EMSCRIPTEN_KEEPALIVE void app_upload_list(const char* json) { post({.kind = Event::Kind::upload_list, .json = json}); }
EMSCRIPTEN_KEEPALIVE void app_fallback_font(int ok, const char* path_or_error, double bytes) {
    post({.kind = Event::Kind::font_fetched, .ok = ok != 0, .text = path_or_error, .number = bytes});
}

} // extern "C"
