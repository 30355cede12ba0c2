// Browser platform (Emscripten): WebGL2, render on demand by pausing the main loop, the hidden
// <input> IME bridge (web/index.html), clipboard, downloads, and the window.selfcheck test hooks.
#include "platform/platform.hpp"

#include "app_state.hpp"
#include "test_hooks.hpp"

#include "imgui.h"

#include <SDL.h>
#include <emscripten.h>
#include <emscripten/html5.h>

#include <nlohmann/json.hpp>
#include <string>

namespace selfcheck::app::platform {
namespace {
std::uint64_t g_last_activity = 0;
bool g_paused = false;
FrameStatus (*g_frame)() = nullptr;
AppState* g_state = nullptr;
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

void install(SDL_Window*, AppState* state) {
    g_state = state;
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

} // namespace selfcheck::app::platform

// ---- called from web/index.html (Module.ccall)
using namespace selfcheck::app;

extern "C" {

// IME bridge: committed text from the hidden <input>.
EMSCRIPTEN_KEEPALIVE void app_text_input(const char* text) {
    ImGui::GetIO().AddInputCharactersUTF8(text);
    platform::wake();
}

// InputText ignores characters while Ctrl is down, so paste goes through ImGui's own Ctrl+V.
EMSCRIPTEN_KEEPALIVE void app_paste(const char* text) {
    platform::g_clipboard = text;
    ImGuiIO& io = ImGui::GetIO();
    io.AddKeyEvent(ImGuiMod_Ctrl, true);
    io.AddKeyEvent(ImGuiKey_V, true);
    io.AddKeyEvent(ImGuiKey_V, false);
    io.AddKeyEvent(ImGuiMod_Ctrl, false);
    platform::wake();
}

// window.selfcheck.load(text) -> {ok, errors}
EMSCRIPTEN_KEEPALIVE const char* app_load(const char* text) {
    static std::string out;
    LoadOutcome lo = platform::g_state->load(text, "");
    out = nlohmann::json{{"ok", lo.ok}, {"errors", lo.errors}}.dump();
    platform::wake();
    return out.c_str();
}

// window.selfcheck.result(): byte-identical to `selfcheck assess` (minus its final newline).
EMSCRIPTEN_KEEPALIVE const char* app_result() {
    static std::string out;
    platform::g_state->update();  // an edit made this frame is reflected at once
    out = platform::g_state->result_text();
    return out.c_str();
}

// window.selfcheck.document(): the document as currently edited (not in DESIGN.md; for tests).
EMSCRIPTEN_KEEPALIVE const char* app_document() {
    static std::string out;
    out = dump_compact(platform::g_state->document);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE double app_frames() { return static_cast<double>(hooks_frames()); }

EMSCRIPTEN_KEEPALIVE const char* app_items() {
    static std::string out;
    out = hooks_items_json();
    return out.c_str();
}

} // extern "C"
