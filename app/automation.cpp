#include "automation.hpp"

#include "app_state.hpp"
#include "platform/fonts.hpp"
#include "platform/platform.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/text_capture.hpp"
#include "ui/touch.hpp"
#include "upload.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace selfcheck::app::automation {
namespace {
AppState* g_state = nullptr;
}
void install(AppState* state) { g_state = state; }
AppState* state() { return g_state; }
} // namespace selfcheck::app::automation

#ifdef __EMSCRIPTEN__
#include <emscripten.h>

using namespace selfcheck::app;

extern "C" {

// window.selfcheck.load(text) -> {ok, errors}
EMSCRIPTEN_KEEPALIVE const char* app_load(const char* text) {
    static std::string out;
    AppState& s = *automation::state();
    storage::flush();  // the previous document's last edits go to its own entry first
    LoadOutcome lo = s.load(text, "");
    if (lo.ok) storage::adopt_loaded(s, "");  // a new saved self-check, as an import
    out = nlohmann::json{{"ok", lo.ok}, {"errors", lo.errors}}.dump();
    platform::wake();
    return out.c_str();
}

// window.selfcheck.result(): byte-identical to `selfcheck assess` (minus its final newline).
EMSCRIPTEN_KEEPALIVE const char* app_result() {
    static std::string out;
    automation::state()->update();  // an edit made this frame is reflected at once
    out = automation::state()->result_text();
    return out.c_str();
}

// window.selfcheck.document(): the document as currently edited (not in DESIGN.md; for tests).
EMSCRIPTEN_KEEPALIVE const char* app_document() {
    static std::string out;
    out = dump_compact(automation::state()->document);
    return out.c_str();
}

EMSCRIPTEN_KEEPALIVE double app_frames() { return static_cast<double>(hooks_frames()); }
// window.selfcheck.idle(): the render loop has stopped (nothing pending); tests wait for it, not for time.
EMSCRIPTEN_KEEPALIVE int app_idle() { return platform::idle() ? 1 : 0; }

// window.selfcheck.texts(): every run of text drawn in the last frame (app/ui/text_capture.cpp).
EMSCRIPTEN_KEEPALIVE const char* app_texts() {
    static std::string out;
    out = ui::texts_json();
    return out.c_str();
}

// window.selfcheck.touch(): gesture counters (app/ui/touch.cpp).
EMSCRIPTEN_KEEPALIVE const char* app_touch_status() { return ui::touch::status_json(); }

EMSCRIPTEN_KEEPALIVE const char* app_items() {
    static std::string out;
    out = hooks_items_json();
    return out.c_str();
}

// Tab hidden or closed: save now (synchronously started; an Event would come a frame too late).
EMSCRIPTEN_KEEPALIVE void app_storage_flush() { storage::flush(); }

// window.selfcheck.storage() / uploads() / fonts(): status for tests and support.
EMSCRIPTEN_KEEPALIVE const char* app_storage_status() {
    static std::string out;
    out = storage::status_json().dump();
    return out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* app_upload_status() {
    static std::string out;
    out = upload::status_json().dump();
    return out.c_str();
}
EMSCRIPTEN_KEEPALIVE const char* app_fonts_status() {
    static std::string out;
    out = fonts::stats_json().dump();
    return out.c_str();
}

} // extern "C"
#endif
