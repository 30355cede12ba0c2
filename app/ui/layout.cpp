#include "ui/layout.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace selfcheck::app::ui {
namespace {
bool g_touch = false;
bool g_touch_probed = false;
float g_text_scale = 1.0f;
bool g_dark = false;
bool g_style_dirty = true;
float g_base_font_scale = 0;  // 1/dpr as the font loader set it

#ifdef __EMSCRIPTEN__
EM_JS(int, js_coarse_pointer, (), {
    try { return (window.matchMedia && matchMedia('(pointer: coarse)').matches) || navigator.maxTouchPoints > 0 ? 1 : 0; }
    catch (e) { return 0; }
});
EM_JS(double, js_pref_get, (const char* key), {
    try { const v = localStorage.getItem(UTF8ToString(key)); return v === null ? -1 : Number(v); } catch (e) { return -1; }
});
EM_JS(void, js_pref_put, (const char* key, double v), {
    try { localStorage.setItem(UTF8ToString(key), String(v)); } catch (e) {}
});
#else
int js_coarse_pointer() { return 0; }
double js_pref_get(const char*) { return -1; }
void js_pref_put(const char*, double) {}
#endif

void apply_style() {
    ImGuiStyle& st = ImGui::GetStyle();
    st = ImGuiStyle();
    if (g_dark) {
        ImGui::StyleColorsDark(&st);
        st.Colors[ImGuiCol_TextDisabled] = ImVec4(0.66f, 0.66f, 0.68f, 1.0f);  // 6.9:1 on the window background
    } else {
        ImGui::StyleColorsLight(&st);
        ImVec4* c = st.Colors;
        c[ImGuiCol_Text] = ImVec4(0.08f, 0.08f, 0.10f, 1.0f);
        c[ImGuiCol_TextDisabled] = ImVec4(0.36f, 0.36f, 0.38f, 1.0f);  // #5c5c61 on #f5f5f7: 6.1:1 (WCAG AA >= 4.5)
        c[ImGuiCol_WindowBg] = ImVec4(0.96f, 0.96f, 0.97f, 1.0f);
        c[ImGuiCol_ChildBg] = ImVec4(1.0f, 1.0f, 1.0f, 1.0f);
        c[ImGuiCol_PopupBg] = ImVec4(1.0f, 1.0f, 1.0f, 0.98f);
        c[ImGuiCol_Border] = ImVec4(0.0f, 0.0f, 0.0f, 0.16f);
        c[ImGuiCol_FrameBg] = ImVec4(0.93f, 0.94f, 0.96f, 1.0f);
        c[ImGuiCol_Header] = ImVec4(0.18f, 0.49f, 0.31f, 0.22f);
        c[ImGuiCol_HeaderHovered] = ImVec4(0.18f, 0.49f, 0.31f, 0.30f);
        c[ImGuiCol_HeaderActive] = ImVec4(0.18f, 0.49f, 0.31f, 0.42f);
        c[ImGuiCol_Button] = ImVec4(0.18f, 0.49f, 0.31f, 0.16f);
        c[ImGuiCol_ButtonHovered] = ImVec4(0.18f, 0.49f, 0.31f, 0.30f);
        c[ImGuiCol_ButtonActive] = ImVec4(0.18f, 0.49f, 0.31f, 0.45f);
        c[ImGuiCol_CheckMark] = ImVec4(0.12f, 0.42f, 0.25f, 1.0f);
        c[ImGuiCol_PlotHistogram] = ImVec4(0.18f, 0.55f, 0.34f, 1.0f);
        c[ImGuiCol_TableHeaderBg] = ImVec4(0.90f, 0.92f, 0.91f, 1.0f);
        c[ImGuiCol_TableRowBgAlt] = ImVec4(0.0f, 0.0f, 0.0f, 0.03f);
    }
    st.WindowRounding = 0;
    st.FrameRounding = 3;
    st.ScrollbarSize = 12;
    if (g_touch) {
        // Tap targets: frames (buttons, fields, combos, check boxes) at least 40 CSS px tall.
        const float fs = 18.0f * g_text_scale;
        st.FramePadding = ImVec2(8, std::max(4.0f, (40.0f - fs) * 0.5f));
        st.ItemSpacing = ImVec2(8, 8);
        st.ItemInnerSpacing = ImVec2(8, 6);
        st.ScrollbarSize = 6;  // drag the content instead
        st.TouchExtraPadding = ImVec2(2, 2);
        st.SelectableTextAlign = ImVec2(0.0f, 0.5f);  // rows are 40 px tall: text in the middle
    }
}
} // namespace

Layout layout() {
    const float w = ImGui::GetIO().DisplaySize.x;
    return w < 600 ? Layout::phone : w < 1000 ? Layout::tablet : Layout::desktop;
}
bool touch_ui() { return g_touch; }
void set_touch_ui(bool on) {
    if (on != g_touch) g_style_dirty = true;
    g_touch = on;
}
float text_scale() { return g_text_scale; }
void set_text_scale(float s) {
    s = std::clamp(s, 0.85f, 1.4f);
    if (s != g_text_scale) {
        g_text_scale = s;
        g_style_dirty = true;
        js_pref_put("selfcheck.text_scale", s);
    }
}
bool dark_theme() { return g_dark; }
void set_dark_theme(bool dark) {
    if (dark != g_dark) {
        g_dark = dark;
        g_style_dirty = true;
        js_pref_put("selfcheck.dark", dark ? 1 : 0);
    }
}

void layout_before_frame() {
    ImGuiIO& io = ImGui::GetIO();
    if (!g_touch_probed) {
        g_touch_probed = true;
        if (js_coarse_pointer()) g_touch = true;
        const double ts = js_pref_get("selfcheck.text_scale");
        if (ts > 0) g_text_scale = std::clamp(static_cast<float>(ts), 0.85f, 1.4f);
        g_dark = js_pref_get("selfcheck.dark") == 1;
    }
    // The font loader sets FontGlobalScale = 1/dpr (atlas rasterised at device pixels); the text
    // size setting multiplies it. Remember the loader's value (it sets it again after a rebuild).
    if (io.Fonts->Fonts.Size > 0 && io.Fonts->Fonts[0]->FontSize > 0) {
        const float base = 18.0f / io.Fonts->Fonts[0]->FontSize;
        g_base_font_scale = base;
    }
    if (g_base_font_scale > 0) io.FontGlobalScale = g_base_font_scale * g_text_scale;
    if (g_style_dirty) {
        apply_style();
        g_style_dirty = false;
    }
}

float avail_w() { return ImGui::GetContentRegionAvail().x; }

bool narrow() {
    // A label column (11 em) plus a field (14 em) does not fit: stack them.
    return ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 25.5f;
}

float fit(float width) {
    const float a = ImGui::GetContentRegionAvail().x;
    return std::max(ImGui::GetFontSize() * 2, std::min(width, a));
}

bool same_line_if_fits(float width, float spacing) {
    const float sp = spacing < 0 ? ImGui::GetStyle().ItemSpacing.x : spacing;
    const float right = ImGui::GetWindowPos().x + ImGui::GetContentRegionMax().x;  // tables: the column
    const float x = ImGui::GetItemRectMax().x + sp;
    if (x + width <= right + 0.5f) {
        ImGui::SameLine(0, sp);
        return true;
    }
    return false;
}

int columns_for(float min_w, int max_cols) {
    const int n = static_cast<int>(ImGui::GetContentRegionAvail().x / std::max(1.0f, min_w));
    return std::clamp(n, 1, std::max(1, max_cols));
}

float tap_h() { return g_touch ? 40.0f : 0.0f; }

} // namespace selfcheck::app::ui
