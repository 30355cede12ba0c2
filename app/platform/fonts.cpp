#include "platform/fonts.hpp"

#include "platform/platform.hpp"

#include "imgui.h"
#include "imgui_impl_opengl3.h"
#include "imgui_internal.h"  // ImTextCharFromUtf8 / ImTextCharToUtf8

#include <chrono>
#include <cstdio>
#include <fstream>
#include <set>
#include <sstream>

namespace selfcheck::app::fonts {
namespace {
enum class Fallback { none, fetching, ready, failed };
Fallback g_fallback = Fallback::none;
std::string g_fallback_path;
std::string g_fallback_error;
double g_fallback_bytes = 0;
std::set<ImWchar> g_wanted;       // seen in text, not in the atlas
std::set<ImWchar> g_merged;       // merged from the fallback at the last rebuild
std::set<ImWchar> g_unavailable;  // not in the fallback either: ImGui draws '?'
bool g_need_rebuild = false;
int g_rebuilds = 0;
double g_last_rebuild_ms = 0;
int g_glyphs = 0;

std::string read_file(const std::string& path) {
    std::ifstream f(path, std::ios::binary);
    std::ostringstream s;
    s << f.rdbuf();
    return s.str();
}

ImFontConfig base_config() {
    ImFontConfig cfg;
    cfg.OversampleH = cfg.OversampleV = 1;  // no visible gain for CJK, 2-4x the atlas
    cfg.PixelSnapH = true;
    return cfg;
}

// The UI subset: exactly the glyphs it holds (the subset script lists them).
bool add_ui_font(ImGuiIO& io) {
    const float ratio = platform::pixel_ratio();
    ImFontConfig cfg = base_config();
    static ImVector<ImWchar> ranges;  // must outlive Build()
    if (ranges.empty()) {
        ImFontGlyphRangesBuilder builder;
        builder.AddRanges(io.Fonts->GetGlyphRangesDefault());
        builder.AddText(read_file(platform::asset_path("fonts/ui_chars.txt")).c_str());
        builder.BuildRanges(&ranges);
    }
    const std::string font = platform::asset_path("fonts/ui.otf");
    if (!io.Fonts->AddFontFromFileTTF(font.c_str(), 18.0f * ratio, &cfg, ranges.Data)) {
        std::fprintf(stderr, "selfcheck_app: cannot load %s, Chinese will not render\n", font.c_str());
        io.Fonts->AddFontDefault();
        return false;
    }
    io.FontGlobalScale = 1.0f / ratio;
    return true;
}

bool in_atlas(ImWchar c) {
    ImFont* f = ImGui::GetIO().Fonts->Fonts.empty() ? nullptr : ImGui::GetIO().Fonts->Fonts[0];
    return f && f->FindGlyphNoFallback(c) != nullptr;
}

void note_codepoint(unsigned int c) {
    if (c < 0x80 || c > 0xFFFF) return;  // ImWchar is 16-bit: BMP only
    const ImWchar w = static_cast<ImWchar>(c);
    if (g_unavailable.count(w) || g_wanted.count(w) || in_atlas(w)) return;
    g_wanted.insert(w);
    if (g_fallback == Fallback::none) {
        g_fallback = Fallback::fetching;
        platform::fetch_fallback_font();
    } else if (g_fallback == Fallback::ready) {
        g_need_rebuild = true;
        platform::wake();
    }
}
} // namespace

void load(ImGuiIO& io) {
    add_ui_font(io);
    io.Fonts->Build();
    g_glyphs = io.Fonts->Fonts.empty() ? 0 : io.Fonts->Fonts[0]->Glyphs.Size;
}

void note_text(std::string_view s) {
    const char* p = s.data();
    const char* end = p + s.size();
    while (p < end) {
        unsigned int c = 0;
        const int n = ImTextCharFromUtf8(&c, p, end);
        if (n <= 0) break;
        p += n;
        note_codepoint(c);
    }
}

void note_json(const nlohmann::json& j) {
    if (j.is_string()) {
        note_text(j.get_ref<const std::string&>());
    } else if (j.is_object()) {
        for (auto it = j.begin(); it != j.end(); ++it) {
            note_text(it.key());
            note_json(it.value());
        }
    } else if (j.is_array()) {
        for (const auto& v : j) note_json(v);
    }
}

bool rebuild_if_needed() {
    if (!g_need_rebuild || g_fallback != Fallback::ready) return false;
    g_need_rebuild = false;
    const auto t0 = std::chrono::steady_clock::now();
    ImGuiIO& io = ImGui::GetIO();
    for (ImWchar c : g_wanted) g_merged.insert(c);
    g_wanted.clear();

    io.Fonts->Clear();
    add_ui_font(io);
    static ImVector<ImWchar> extra;  // must outlive Build()
    extra.clear();
    for (ImWchar c : g_merged) {
        extra.push_back(c);
        extra.push_back(c);
    }
    extra.push_back(0);
    ImFontConfig cfg = base_config();
    cfg.MergeMode = true;
    io.Fonts->AddFontFromFileTTF(g_fallback_path.c_str(), 18.0f * platform::pixel_ratio(), &cfg, extra.Data);
    io.Fonts->Build();
    ImGui_ImplOpenGL3_DestroyFontsTexture();
    ImGui_ImplOpenGL3_CreateFontsTexture();
    io.Fonts->ClearTexData();  // on the GPU now
    g_glyphs = io.Fonts->Fonts.empty() ? 0 : io.Fonts->Fonts[0]->Glyphs.Size;
    // What the fallback font lacks as well stays '?'; never ask for it again.
    for (ImWchar c : g_merged)
        if (!in_atlas(c)) g_unavailable.insert(c);
    for (ImWchar c : g_unavailable) g_merged.erase(c);
    g_last_rebuild_ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t0).count();
    ++g_rebuilds;
    platform::wake();
    return true;
}

void on_fallback_font(bool ok, const std::string& path_or_error, double bytes) {
    if (ok) {
        g_fallback = Fallback::ready;
        g_fallback_path = path_or_error;
        g_fallback_bytes = bytes;
        g_need_rebuild = !g_wanted.empty();
    } else {
        g_fallback = Fallback::failed;  // offline on a first visit: '?' until the next start
        g_fallback_error = path_or_error;
    }
    platform::wake();
}

nlohmann::json stats_json() {
    const char* st = g_fallback == Fallback::none       ? "none"
                     : g_fallback == Fallback::fetching ? "fetching"
                     : g_fallback == Fallback::ready    ? "ready"
                                                        : "failed";
    std::string merged, unavailable;
    auto utf8 = [](std::string& out, ImWchar c) {
        char buf[5] = {};
        ImTextCharToUtf8(buf, c);
        out += buf;
    };
    for (ImWchar c : g_merged) utf8(merged, c);
    for (ImWchar c : g_unavailable) utf8(unavailable, c);
    return {{"fallback", st},           {"fallback_bytes", g_fallback_bytes}, {"fallback_error", g_fallback_error},
            {"rebuilds", g_rebuilds},   {"last_rebuild_ms", g_last_rebuild_ms}, {"glyphs", g_glyphs},
            {"merged", merged},         {"unavailable", unavailable},         {"pending", static_cast<int>(g_wanted.size())}};
}

} // namespace selfcheck::app::fonts
