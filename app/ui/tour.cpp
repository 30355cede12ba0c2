// Training mode: a guided tour over a sample factory. Each step switches to a screen and points at
// a real widget (its rectangle from the test hooks' last frame), with a callout explaining it.
// "Reset" reloads the sample so the next trainee starts from the same data.
#include "i18n.hpp"
#include "storage.hpp"
#include "platform/platform.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"
#include "imgui_internal.h"

#include <algorithm>
#include <cmath>
#include <cstring>
#include <nlohmann/json.hpp>

namespace selfcheck::app::ui {

namespace {
struct Step {
    Screen screen;
    const char* target;  // tracked widget id
    const char* text;    // i18n key
};
const Step k_steps[] = {
    {Screen::profile, "nav.profile", "tour.s1"},
    {Screen::profile, "profile.value_added", "tour.s2"},
    {Screen::energy, "energy.0.quantity", "tour.s3"},
    {Screen::energy, "energy.0.monthly", "tour.s4"},
    {Screen::equipment, "equipment.add_row", "tour.s5"},
    {Screen::green_factory, "gf.mandatory", "tour.s6"},
    {Screen::results, "results.total_tce", "tour.s7"},
    {Screen::results, "results.gauge", "tour.s8"},
    {Screen::measures, "measures.table", "tour.s9"},
    {Screen::measures, "measures.whatif.total_tce", "tour.s10"},
    {Screen::report, "nav.report", "tour.s11"},
    {Screen::profile, "progress.bar", "tour.s12"},
};
constexpr int k_count = static_cast<int>(sizeof k_steps / sizeof k_steps[0]);

void load_training_sample(AppState& s) {
    for (const auto& [name, text] : embedded_sample_files())
        if (name.size() > 5 && name.compare(name.size() - 5, 5, ".json") == 0 && s.load(text, name).ok) return;
}
} // namespace

bool tracked_rect(const char* id, float out[4]) {
    static std::string cached_text;
    static nlohmann::json cached;
    std::string t = hooks_items_json();
    if (t != cached_text) {
        cached_text = t;
        cached = nlohmann::json::parse(t, nullptr, false);
    }
    if (!cached.is_object() || !cached.contains(id)) return false;
    for (int i = 0; i < 4; ++i) out[i] = cached[id][i].get<float>();
    return true;
}

void start_tour(AppState& s) {
    storage::flush();  // the last edits to the open self-check are saved before the sample replaces it
    load_training_sample(s);
    s.tour = {true, 0};
    s.screen = k_steps[0].screen;
}

// Where the popup goes: beside the target, never over it. Candidates right, left, below and above
// (each slid along the target's edge to stay inside the viewport); the first that does not overlap
// the target wins, else the one covering least of it. `w`, `h` are the popup's real size (last frame).
static ImVec2 place_beside(const ImVec2& a, const ImVec2& b, const ImVec2& v0, const ImVec2& v1, float w, float h, float gap) {
    auto clamp_x = [&](float x) { return std::clamp(x, v0.x + 8, std::max(v0.x + 8, v1.x - w - 8)); };
    auto clamp_y = [&](float y) { return std::clamp(y, v0.y + 8, std::max(v0.y + 8, v1.y - h - 8)); };
    const ImVec2 cand[] = {
        ImVec2(clamp_x(b.x + gap), clamp_y(a.y)),      // right
        ImVec2(clamp_x(a.x - gap - w), clamp_y(a.y)),  // left
        ImVec2(clamp_x(a.x), clamp_y(b.y + gap)),      // below
        ImVec2(clamp_x(a.x), clamp_y(a.y - gap - h)),  // above
    };
    auto overlap = [&](const ImVec2& p) {
        const float ox = std::min(p.x + w, b.x) - std::max(p.x, a.x), oy = std::min(p.y + h, b.y) - std::max(p.y, a.y);
        return ox > 0 && oy > 0 ? ox * oy : 0.f;
    };
    ImVec2 best = cand[0];
    float least = overlap(cand[0]);
    for (const ImVec2& c : cand) {
        const float o = overlap(c);
        if (o <= 0) return c;
        if (o < least) least = o, best = c;
    }
    return best;
}

void draw_tour(AppState& s) {
    if (!s.tour.active) return;
    s.tour.step = std::clamp(s.tour.step, 0, k_count - 1);
    const Step& st = k_steps[s.tour.step];
    if (s.screen != st.screen) s.screen = st.screen;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImDrawList* dl = ImGui::GetForegroundDrawList();
    float r[4];
    bool found = tracked_rect(st.target, r);
    // phone: the sidebar is a closed drawer; its steps point at the menu button that opens it
    if (!found && (std::strncmp(st.target, "nav.", 4) == 0 || std::strncmp(st.target, "progress.", 9) == 0))
        found = tracked_rect("nav.menu", r);
    const float fs = ImGui::GetFontSize();
    const ImU32 dim = IM_COL32(0, 0, 0, 110);
    const ImVec2 v0 = vp->Pos, v1(vp->Pos.x + vp->Size.x, vp->Pos.y + vp->Size.y);
    // the popup's size as drawn last frame (its text wraps, so its height depends on the width)
    static float last_h = 0;
    const float tw = std::min(fs * 24, vp->Size.x - 16);
    const float th = last_h > 0 ? last_h : fs * 10;
    ImVec2 anchor(v0.x + (vp->Size.x - tw) / 2, v0.y + vp->Size.y / 3);
    if (found) {
        const float pad = 4;
        const ImVec2 a(r[0] - pad, r[1] - pad), b(r[2] + pad, r[3] + pad);
        dl->AddRectFilled(v0, ImVec2(v1.x, a.y), dim);
        dl->AddRectFilled(ImVec2(v0.x, b.y), v1, dim);
        dl->AddRectFilled(ImVec2(v0.x, a.y), ImVec2(a.x, b.y), dim);
        dl->AddRectFilled(ImVec2(b.x, a.y), ImVec2(v1.x, b.y), dim);
        dl->AddRect(a, b, IM_COL32(255, 200, 40, 255), 4, 0, 3);
        anchor = place_beside(a, b, v0, v1, tw, th, fs * 0.8f);
    } else {
        dl->AddRectFilled(v0, v1, dim);
    }
    ImGui::SetNextWindowPos(anchor);
    ImGui::SetNextWindowSize(ImVec2(tw, 0));
    ImGui::SetNextWindowFocus();
    ImGui::Begin("##tour", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_AlwaysAutoResize);
    ImGui::TextDisabled("%s %d / %d", tr("tour.step"), s.tour.step + 1, k_count);
    text_wrapped(tr(st.text));
    ImGui::Spacing();
    if (s.tour.step > 0) {
        if (ImGui::Button(tr("tour.back"))) --s.tour.step;
        track("tour.back");
        ImGui::SameLine();
    }
    if (s.tour.step + 1 < k_count) {
        if (ImGui::Button(tr("tour.next"))) ++s.tour.step;
        track("tour.next");
    } else {
        if (ImGui::Button(tr("tour.finish"))) s.tour.active = false;
        track("tour.finish");
    }
    ImGui::SameLine();
    if (ImGui::Button(tr("tour.exit"))) s.tour.active = false;
    track("tour.exit");
    ImGui::SameLine();
    if (ImGui::Button(tr("tour.reset"))) start_tour(s);
    track("tour.reset");
    {   // the whole popup and the highlighted target, for the tests (the popup never covers its target)
        const ImVec2 wp = ImGui::GetWindowPos(), ws = ImGui::GetWindowSize();
        const bool grew = std::abs(ws.y - last_h) > 1;
        last_h = ws.y;
        if (grew) platform::wake();  // placed with the new height on the next frame
        // items with no id and no size, only rectangles, drawn under a clip rect spanning the viewport
        ImGui::PushClipRect(v0, v1, false);
        ImGui::ItemAdd(ImRect(wp, ImVec2(wp.x + ws.x, wp.y + ws.y)), 0);
        track("tour.panel");
        if (found) {
            ImGui::ItemAdd(ImRect(r[0], r[1], r[2], r[3]), 0);
            track("tour.target");
        }
        ImGui::PopClipRect();
    }
    ImGui::End();
    // the target's rectangle is known one frame after a screen switch: draw a few more frames
    // (bounded, so a missing target never keeps the page rendering while idle)
    static int last_step = -1, retries = 0;
    if (s.tour.step != last_step) last_step = s.tour.step, retries = 0;
    if (!found && retries++ < 3) platform::wake();
}

} // namespace selfcheck::app::ui
