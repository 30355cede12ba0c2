#include "test_hooks.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <map>
#include <nlohmann/json.hpp>

namespace selfcheck::app {
namespace {
std::map<std::string, ImRect> g_building, g_last;
long g_frames = 0;
} // namespace

void hooks_begin_frame() { g_building.clear(); }

void hooks_end_frame() {
    g_last = g_building;
    ++g_frames;
}

long hooks_frames() { return g_frames; }

void track(const char* id) {
    // Popups and auto-fit windows are Hidden on their first frame with provisional positions.
    const ImGuiWindow* w = ImGui::GetCurrentWindowRead();
    if (w->Hidden || !ImGui::IsItemVisible()) return;
    // The clickable part only: an item in a scrolled region (a table scrolled sideways or down,
    // a row half under a frozen header) is clipped to what is drawn; nothing drawn, not recorded.
    ImRect r(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
    r.ClipWithFull(w->ClipRect);
    if (r.GetWidth() < 1.0f || r.GetHeight() < 1.0f) return;
    g_building[id] = r;
}

std::string hooks_items_json() {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [id, r] : g_last) j[id] = {r.Min.x, r.Min.y, r.Max.x, r.Max.y};
    return j.dump();
}

} // namespace selfcheck::app
