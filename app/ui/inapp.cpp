// In-app browsers (WeChat and other apps' built-in browsers): say plainly what does not work there
// (saving on the device when IndexedDB is unavailable, downloads) and offer what does: copy the
// data as JSON, or open the page in the system browser.
#include "app_state.hpp"
#include "i18n.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace selfcheck::app::ui {

namespace {
#ifdef __EMSCRIPTEN__
EM_JS(int, js_in_app, (), { return window.selfcheckEnv && window.selfcheckEnv.inApp ? 1 : 0; });
EM_JS(void, js_open_in_browser, (), {
    // WeChat blocks this; other in-app browsers hand a _blank window to the system browser.
    try { window.open(location.href, '_blank', 'noopener'); } catch (e) {}
});
EM_JS(void, js_copy_text, (const char* t), {
    const text = UTF8ToString(t);
    const fallback = () => {
        const ta = document.createElement('textarea');
        ta.value = text; ta.style.position = 'fixed'; ta.style.opacity = '0';
        document.body.appendChild(ta); ta.select();
        try { document.execCommand('copy'); } catch (e) {}
        document.body.removeChild(ta);
    };
    window.selfcheckLastCopy = text;
    if (navigator.clipboard && navigator.clipboard.writeText) navigator.clipboard.writeText(text).catch(fallback);
    else fallback();
});
#else
int js_in_app() { return 0; }
void js_open_in_browser() {}
void js_copy_text(const char*) {}
#endif
bool g_dismissed = false;
bool g_copied = false;
} // namespace

void draw_inapp_banner(AppState& s) {
    const bool in_app = js_in_app() != 0;
    const bool no_storage = storage::info().status == storage::Status::unavailable;
    if (g_dismissed || (!in_app && !no_storage)) return;
    ImGui::PushStyleColor(ImGuiCol_ChildBg, dark_theme() ? IM_COL32(70, 55, 20, 255) : IM_COL32(255, 244, 214, 255));
    ImGui::BeginChild("##inapp", ImVec2(0, 0), ImGuiChildFlags_Border | ImGuiChildFlags_AutoResizeY);
    if (in_app) text_wrapped(tr("inapp.title"));
    if (no_storage) text_wrapped_colored(col_error(), tr("inapp.no_storage"));
    if (in_app) text_wrapped(tr("inapp.no_download"));
    text_wrapped(tr("inapp.what_works"));
    track("inapp.banner");
    if (ImGui::Button(tr("inapp.copy_json"), ImVec2(0, tap_h()))) {
        js_copy_text(s.document.dump(2).c_str());
        g_copied = true;
    }
    track("inapp.copy_json");
    if (in_app) {
        same_line_if_fits(ImGui::CalcTextSize(tr("inapp.open_browser")).x + ImGui::GetStyle().FramePadding.x * 2);
        if (ImGui::Button(tr("inapp.open_browser"), ImVec2(0, tap_h()))) js_open_in_browser();
        track("inapp.open_browser");
    }
    same_line_if_fits(ImGui::CalcTextSize(tr("inapp.dismiss")).x + ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(tr("inapp.dismiss"), ImVec2(0, tap_h()))) g_dismissed = true;
    track("inapp.dismiss");
    if (g_copied) text_wrapped_colored(col_ok(), tr("inapp.copied"));
    ImGui::EndChild();
    ImGui::PopStyleColor();
}

} // namespace selfcheck::app::ui
