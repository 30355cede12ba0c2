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
    if (ImGui::GetCurrentWindowRead()->Hidden || !ImGui::IsItemVisible()) return;
    g_building[id] = ImRect(ImGui::GetItemRectMin(), ImGui::GetItemRectMax());
}

std::string hooks_items_json() {
    nlohmann::json j = nlohmann::json::object();
    for (const auto& [id, r] : g_last) j[id] = {r.Min.x, r.Min.y, r.Max.x, r.Max.y};
    return j.dump();
}

} // namespace selfcheck::app
