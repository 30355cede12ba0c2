#include "ui/text_capture.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cmath>
#include <nlohmann/json.hpp>
#include <unordered_map>
#include <vector>

#ifdef __EMSCRIPTEN__
#include <emscripten.h>
#endif

namespace selfcheck::app::ui {
namespace {

struct Run {
    std::string text;
    ImRect ink;          // union of glyph quads (unclipped x, as drawn)
    ImVec4 clip;         // clip rect of the draw command
    float size = 0;      // font size in px
    float origin_y = 0;  // top of the line
    float last_x1 = 0;
    float pen_x = 0;     // where the next glyph would start without a space (origin + advance)
    bool fine_clipped = false;
    bool hscroll = false;
    float view_x1 = 0;   // right edge of what the sideways-scrolling region shows (hscroll only)
    std::string window;
};



// Atlas lookup: glyphs bucketed by their UV rectangle on a coarse grid.
struct GlyphIndex {
    const ImFontAtlas* atlas = nullptr;
    int tex_w = 0, tex_h = 0, glyph_count = 0;
    static constexpr int cell = 32;
    int cols = 0, rows = 0;
    std::vector<std::vector<std::pair<const ImFont*, const ImFontGlyph*>>> grid;

    void rebuild(const ImFontAtlas* a) {
        atlas = a;
        tex_w = a->TexWidth;
        tex_h = a->TexHeight;
        glyph_count = 0;
        for (const ImFont* f : a->Fonts) glyph_count += f->Glyphs.Size;
        cols = std::max(1, (tex_w + cell - 1) / cell);
        rows = std::max(1, (tex_h + cell - 1) / cell);
        grid.assign(static_cast<std::size_t>(cols * rows), {});
        for (const ImFont* f : a->Fonts)
            for (const ImFontGlyph& g : f->Glyphs) {
                if (!g.Visible) continue;
                const int cx0 = std::clamp(static_cast<int>(g.U0 * tex_w) / cell, 0, cols - 1);
                const int cx1 = std::clamp(static_cast<int>(g.U1 * tex_w) / cell, 0, cols - 1);
                const int cy0 = std::clamp(static_cast<int>(g.V0 * tex_h) / cell, 0, rows - 1);
                const int cy1 = std::clamp(static_cast<int>(g.V1 * tex_h) / cell, 0, rows - 1);
                for (int y = cy0; y <= cy1; ++y)
                    for (int x = cx0; x <= cx1; ++x) grid[static_cast<std::size_t>(y * cols + x)].push_back({f, &g});
            }
    }
    bool stale(const ImFontAtlas* a) const {
        int n = 0;
        for (const ImFont* f : a->Fonts) n += f->Glyphs.Size;
        return a != atlas || a->TexWidth != tex_w || a->TexHeight != tex_h || n != glyph_count;
    }
    const ImFontGlyph* find(float u, float v) const {
        const int cx = std::clamp(static_cast<int>(u * tex_w) / cell, 0, cols - 1);
        const int cy = std::clamp(static_cast<int>(v * tex_h) / cell, 0, rows - 1);
        for (const auto& [f, g] : grid[static_cast<std::size_t>(cy * cols + cx)])
            if (u >= g->U0 && u <= g->U1 && v >= g->V0 && v <= g->V1) return g;
        return nullptr;
    }
};
GlyphIndex g_index;

void append_utf8(std::string& s, unsigned c) {
    if (c < 0x80) s += static_cast<char>(c);
    else if (c < 0x800) { s += static_cast<char>(0xC0 | (c >> 6)); s += static_cast<char>(0x80 | (c & 0x3F)); }
    else if (c < 0x10000) {
        s += static_cast<char>(0xE0 | (c >> 12)); s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); s += static_cast<char>(0x80 | (c & 0x3F));
    } else {
        s += static_cast<char>(0xF0 | (c >> 18)); s += static_cast<char>(0x80 | ((c >> 12) & 0x3F));
        s += static_cast<char>(0x80 | ((c >> 6) & 0x3F)); s += static_cast<char>(0x80 | (c & 0x3F));
    }
}

std::vector<Run> g_runs;
} // namespace

void capture_texts() {
    ImDrawData* dd = ImGui::GetDrawData();
    ImGuiContext& g = *ImGui::GetCurrentContext();
    ImFontAtlas* atlas = ImGui::GetIO().Fonts;
    if (!dd || !atlas || atlas->TexWidth == 0) return;
    if (g_index.stale(atlas)) g_index.rebuild(atlas);
    const ImVec2 white = atlas->TexUvWhitePixel;

    std::vector<Run> runs;
    for (int li = 0; li < dd->CmdListsCount; ++li) {
        const ImDrawList* dl = dd->CmdLists[li];
        const ImGuiWindow* owner = nullptr;
        for (ImGuiWindow* w : g.Windows)
            if (w->DrawList == dl) { owner = w; break; }
        // Regions that visibly scroll sideways (a horizontal scroll bar: wide tables) clip on purpose:
        // their cut text is reachable by scrolling. Content that merely overflows a region without
        // one is cut off for the user.
        bool hscroll = false;
        float view_x1 = 0;
        for (const ImGuiWindow* w = owner; w; w = w->ParentWindow)
            if (w->ScrollbarX && w->ScrollMax.x > 0) { hscroll = true; view_x1 = w->InnerClipRect.Max.x; break; }
        Run cur;
        bool open = false;
        auto flush = [&] {
            if (open && !cur.text.empty()) runs.push_back(cur);
            open = false;
            cur = Run();
        };
        for (const ImDrawCmd& cmd : dl->CmdBuffer) {
            if (cmd.UserCallback) continue;
            const ImDrawIdx* idx = dl->IdxBuffer.Data + cmd.IdxOffset;
            const ImDrawVert* vtx = dl->VtxBuffer.Data + cmd.VtxOffset;
            const unsigned n = cmd.ElemCount;
            for (unsigned i = 0; i + 3 <= n;) {
                const bool quad = i + 6 <= n && idx[i + 1] == idx[i] + 1 && idx[i + 2] == idx[i] + 2 && idx[i + 3] == idx[i] &&
                                  idx[i + 4] == idx[i] + 2 && idx[i + 5] == idx[i] + 3;
                if (!quad) { i += 3; continue; }
                const ImDrawVert& a = vtx[idx[i]];
                const ImDrawVert& c = vtx[idx[i] + 2];
                i += 6;
                if (a.uv.x == c.uv.x || a.uv.y == c.uv.y || (a.uv.x == white.x && a.uv.y == white.y)) continue;
                const ImFontGlyph* gl = g_index.find((a.uv.x + c.uv.x) * 0.5f, (a.uv.y + c.uv.y) * 0.5f);
                if (!gl) continue;
                // Scale from the glyph's texture extent to its drawn extent (vertical: rarely clipped).
                const float gh = gl->Y1 - gl->Y0;
                const float vfrac = (gl->V1 - gl->V0) > 0 ? (c.uv.y - a.uv.y) / (gl->V1 - gl->V0) : 1.0f;
                const float scale = gh > 0 && vfrac > 0 ? (c.pos.y - a.pos.y) / (gh * vfrac) : 1.0f;
                const float ufrac = (gl->U1 - gl->U0) > 0 ? (c.uv.x - a.uv.x) / (gl->U1 - gl->U0) : 1.0f;
                // Unclipped glyph box (fine clipping moves x and u together).
                const float full_w = (gl->X1 - gl->X0) * scale;
                float x0 = a.pos.x, x1 = c.pos.x;
                if (ufrac < 0.999f) {
                    if (std::fabs(a.uv.x - gl->U0) > 1e-6f) x0 = x1 - full_w;
                    else x1 = x0 + full_w;
                }
                const float y0 = a.pos.y - (a.uv.y - gl->V0) / std::max(1e-9f, gl->V1 - gl->V0) * gh * scale;
                const float origin = y0 - gl->Y0 * scale;
                const float size = (g.Font ? g.Font->FontSize : 18.0f) * scale;
                const bool same_line = open && std::fabs(origin - cur.origin_y) < size * 0.3f && x0 >= cur.last_x1 - size * 0.2f &&
                                       x0 - cur.last_x1 < size * 1.2f && std::fabs(size - cur.size) < 0.5f &&
                                       cmd.ClipRect.x == cur.clip.x && cmd.ClipRect.z == cur.clip.z;
                if (!same_line) {
                    flush();
                    open = true;
                    cur.ink = ImRect(x0, y0, x1, y0 + gh * scale);
                    cur.clip = cmd.ClipRect;
                    cur.size = size;
                    cur.origin_y = origin;
                    cur.hscroll = hscroll;
                    cur.view_x1 = view_x1;
                    cur.window = owner ? owner->Name : "";
                } else {
                    // Spaces draw nothing: a glyph that starts past the pen (by more than a tenth of an em) follows one.
                    if (x0 - gl->X0 * scale - cur.pen_x > size * 0.1f) cur.text += ' ';
                    cur.ink.Add(ImRect(x0, y0, x1, y0 + gh * scale));
                }
                if (ufrac < 0.999f) cur.fine_clipped = true;
                append_utf8(cur.text, gl->Codepoint);
                cur.last_x1 = x1;
                cur.pen_x = x0 - gl->X0 * scale + gl->AdvanceX * scale;
            }
        }
        flush();
    }

    g_runs = std::move(runs);
}

std::string texts_json() {
    nlohmann::json out = nlohmann::json::array();
    for (const Run& r : g_runs) {
        ImRect rc = r.ink;
        // vertically: only what shows (a scrolled region cuts lines at its edges on purpose)
        rc.Min.y = std::max(rc.Min.y, r.clip.y);
        rc.Max.y = std::min(rc.Max.y, r.clip.w);
        if (rc.Min.y >= rc.Max.y) continue;
        const bool outside = rc.Max.x <= r.clip.x || rc.Min.x >= r.clip.z;  // drawn beside its region
        if (outside && r.hscroll) continue;  // scrolled out of view sideways
        // Cut: a glyph straddles the region's edge, or the run reaches the edge itself. ImGui skips
        // glyphs wholly past the edge, so a line cut where a space fell ends just at it; laid-out
        // text stops at the content edge, half a window padding inside the clip edge.
        bool cut = r.fine_clipped || rc.Min.x < r.clip.x - 0.5f || rc.Max.x > r.clip.z - 1.0f;
        if (r.hscroll) {
            // cut by the region's visible edge: scrolling shows the rest. Cut by an edge inside it
            // (a table column too narrow for its header or value): no scrolling ever shows it.
            cut = rc.Max.x > r.clip.z - 1.0f && r.clip.z < r.view_x1 - 1.0f;
            rc.Min.x = std::max(rc.Min.x, r.clip.x);
            rc.Max.x = std::min(rc.Max.x, r.clip.z);
        }
        auto rnd = [](float v) { return std::round(v * 10) / 10; };
        out.push_back({{"text", r.text},
                       {"rect", {rnd(rc.Min.x), rnd(rc.Min.y), rnd(rc.Max.x), rnd(rc.Max.y)}},
                       {"cut", cut},
                       {"clip", {rnd(r.clip.x), rnd(r.clip.z)}},  // the region's left and right edge
                       {"window", r.window}});
    }
    return out.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
}


} // namespace selfcheck::app::ui

// window.selfcheck.texts() is exported in app/automation.cpp with the other page hooks.
