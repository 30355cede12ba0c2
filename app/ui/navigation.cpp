// The app's layout: a left sidebar (numbered screens 1-9 with a status mark, overall progress and
// the list of what is still missing with what each would unlock), the current screen on the right,
// and the guided tour on top. Missing items come from the result's own reasons (intensity.missing,
// carbon_efficiency.missing, products[].missing, green-factory status, measures not evaluated).
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/touch.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <algorithm>
#include <set>
#include <string>

namespace selfcheck::app::ui {

// Entry points the web-platform colleague provides (start_screen.cpp, report_screen.cpp); these
// weak fallbacks keep the app linking until then and are replaced by the real definitions.
__attribute__((weak)) void draw_start(AppState& s) { draw_profile(s); }
__attribute__((weak)) void draw_report(AppState&) {
    screen_title("report.stub_title");
    text_wrapped(tr("report.stub"));
}

namespace {
struct NavItem {
    Screen screen;
    const char* label;  // i18n key
    const char* id;     // track id
};
const NavItem k_nav[] = {
    {Screen::profile, "nav.profile", "nav.profile"},       {Screen::energy, "nav.energy", "nav.energy"},
    {Screen::products, "nav.products", "nav.products"},    {Screen::equipment, "nav.equipment", "nav.equipment"},
    {Screen::management, "nav.management", "nav.management"}, {Screen::green_factory, "nav.green_factory", "nav.green_factory"},
    {Screen::results, "nav.results", "nav.results"},       {Screen::measures, "nav.measures", "nav.measures"},
    {Screen::report, "nav.report", "nav.report"},
};

struct Missing {
    Screen screen;
    std::string what;     // what is missing
    std::string unlocks;  // what it would unlock
};

bool has_key(const json& doc, std::initializer_list<const char*> path) {
    const json* v = at(doc, path);
    return v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty());
}

std::vector<Missing> missing_items(const AppState& s) {
    std::vector<Missing> out;
    const json& d = s.document;
    const json& r = s.result();
    if (!has_key(d, {"enterprise", "name"})) out.push_back({Screen::profile, tr("progress.name"), tr("progress.unlock_report")});
    if (!has_key(d, {"enterprise", "industry"}))
        out.push_back({Screen::profile, tr("progress.industry"), tr("progress.unlock_grade")});
    // intensity.missing: value added / output value
    if (const json* m = at(r, {"intensity", "missing"}); m && m->is_object()) {
        std::set<std::string> seen;
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string code = it.value().value("code", "");
            if (!seen.insert(code).second) continue;
            out.push_back({Screen::profile, local(it.value(), "message"), tr("progress.unlock_intensity")});
        }
    }
    const json* e = at(d, {"energy"});
    if (!e || !e->is_array() || e->empty()) out.push_back({Screen::energy, tr("progress.energy"), tr("progress.unlock_everything")});
    const json* p = at(d, {"products"});
    if (!p || !p->is_array() || p->empty()) out.push_back({Screen::products, tr("progress.products"), tr("progress.unlock_limits")});
    if (const json* pr = at(r, {"products"}); pr && pr->is_array())
        for (const json& x : *pr)
            if (const json* m = at(x, {"missing"}); m && m->is_object())
                out.push_back({Screen::products, x.value("name", "") + ": " + local(*m, "message"), tr("progress.unlock_limits")});
    const json* eq = at(d, {"equipment"});
    if (!eq || !eq->is_array() || eq->empty())
        out.push_back({Screen::equipment, tr("progress.equipment"), tr("progress.unlock_measures")});
    const json* mg = at(d, {"management"});
    if (!mg || !mg->is_object() || mg->empty())
        out.push_back({Screen::management, tr("progress.management"), tr("progress.unlock_management")});
    if (const json* mf = at(r, {"green_factory", "detail", "mandatory"}); mf && mf->is_array()) {
        int n = 0;
        for (const json& x : *mf)
            if (x.value("status", "") == "not_answered") ++n;
        if (n) out.push_back({Screen::green_factory, std::to_string(n) + tr("progress.gf_unanswered"), tr("progress.unlock_gf")});
    }
    if (const json* ce = at(r, {"carbon_efficiency", "missing"}); ce && ce->is_object() && ce->value("code", "") == "needs_industry_average")
        out.push_back({Screen::settings, tr("progress.industry_average"), tr("progress.unlock_grade")});
    if (const json* ne = at(r, {"portfolio", "detail", "not_evaluated"}); ne && ne->is_array())
        for (const json& n : *ne) {
            const std::string needs = field_words(n.value("needs", json::array()));
            out.push_back({Screen::equipment, needs, std::string(tr("progress.unlock_measure")) + measure_name(s, n.value("measure", ""))});
        }
    return out;
}

void draw_screen(AppState& s) {
    switch (s.screen) {
    case Screen::start: draw_start(s); break;
    case Screen::profile: draw_profile(s); break;
    case Screen::energy: draw_energy(s); break;
    case Screen::products: draw_products(s); break;
    case Screen::equipment: draw_equipment(s); break;
    case Screen::management: draw_management(s); break;
    case Screen::green_factory: draw_green_factory(s); break;
    case Screen::results: draw_results(s); break;
    case Screen::measures: draw_measures(s); break;
    case Screen::report: draw_report(s); break;
    case Screen::settings: draw_settings(s); break;
    }
}

const char* screen_label_key(Screen sc) {
    for (const NavItem& n : k_nav)
        if (n.screen == sc) return n.label;
    return sc == Screen::settings ? "nav.settings" : "nav.start";
}

bool g_drawer_open = false;        // phone: the navigation drawer replaces the screen
bool g_sidebar_collapsed = false;  // tablet: the sidebar folds away

// The navigation: title, screens with their status mark, settings, tour, progress and what is
// missing. `close` is set when a choice was made (the phone drawer closes then).
void draw_nav_panel(AppState& s, bool& close) {
    const float fs = ImGui::GetFontSize();
    const float th = tap_h();
    auto pick = [&](Screen sc) {
        s.screen = sc;
        close = true;
    };
    text_wrapped(tr("app.title"));
    track("app.title");
    {
        // the open self-check by its enterprise name (a file name like 01_dyeing_shaoxing.json is an id)
        const json* nm = at(s.document, {"enterprise", "name"});
        const std::string shown = nm && nm->is_string() && !nm->get<std::string>().empty() ? nm->get<std::string>() : std::string();
        if (!shown.empty()) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            text_wrapped(shown);
            ImGui::PopStyleColor();
        }
    }
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.start"), s.screen == Screen::start, 0, ImVec2(0, th))) pick(Screen::start);
    track("nav.start");
    const auto missing = missing_items(s);
    const float mark_x = ImGui::GetContentRegionMax().x - fs * 1.2f;
    for (int i = 0; i < static_cast<int>(sizeof k_nav / sizeof k_nav[0]); ++i) {
        const NavItem& n = k_nav[i];
        int errs = 0, miss = 0;
        static const char* paths[] = {"", "/enterprise", "/energy", "/products", "/equipment", "/management", "/green_factory", "", "/options", "", ""};
        const char* p = paths[static_cast<int>(n.screen)];
        if (p[0]) errs = static_cast<int>(s.issues_at(p, false).size());
        for (const auto& m : missing)
            if (m.screen == n.screen) ++miss;
        char label[128];
        std::snprintf(label, sizeof label, "%d  %s", i + 1, tr(n.label));
        if (ImGui::Selectable(label, s.screen == n.screen, 0, ImVec2(mark_x - ImGui::GetCursorPosX() - fs * 0.3f, th))) pick(n.screen);
        track(n.id);
        ImGui::SameLine(mark_x);
        if (th > 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (th - ImGui::GetTextLineHeight()) * 0.5f);
        if (errs) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "!");
        else if (miss) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_info()), "○");
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_ok()), "●");
    }
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.settings"), s.screen == Screen::settings, 0, ImVec2(0, th))) pick(Screen::settings);
    track("nav.settings");
    if (ImGui::Selectable(tr("nav.tour"), s.tour.active, 0, ImVec2(0, th))) {
        start_tour(s);
        close = true;
    }
    track("nav.tour");

    // ---- progress: what is missing and what it would unlock
    ImGui::Separator();
    const int total = 12;
    const float done = static_cast<float>(std::max(0, total - static_cast<int>(missing.size()))) / total;
    char ov[64];
    std::snprintf(ov, sizeof ov, "%s %d%%", tr("progress.label"), static_cast<int>(done * 100 + 0.5f));
    ImGui::ProgressBar(done, ImVec2(-ImGui::CalcTextSize("(?)").x - ImGui::GetStyle().ItemInnerSpacing.x, 0), ov);
    track("progress.bar");
    help("help.progress");
    if (s.stale()) text_wrapped_colored(col_error(), tr("progress.has_errors"));
    int k = 0;
    for (const auto& m : missing) {
        ImGui::PushID(k++);
        ImGui::PushStyleColor(ImGuiCol_Text, col_info());
        if (th > 0 ? ImGui::Button(">", ImVec2(th, th)) : small_button(">")) pick(m.screen);
        ImGui::PopStyleColor();
        if (k == 1) track("progress.first_missing");
        ImGui::SameLine();
        text_wrapped(m.what);
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        ImGui::Indent(fs * 1.4f);
        text_wrapped(std::string(tr("progress.unlocks")) + m.unlocks);
        ImGui::Unindent(fs * 1.4f);
        ImGui::PopStyleColor();
        ImGui::PopID();
    }
}

// While the on-screen keyboard is up, room below the last field so it can scroll above the keyboard.
void keyboard_room() {
    if (const float k = touch::keyboard_inset(); k > 0) ImGui::Dummy(ImVec2(1, k));
}

// Phone / folded tablet: a bar with the menu button (nav.menu) and the screen's title.
void draw_top_bar(AppState& s, bool& toggle) {
    const float h = std::max(40.0f, ImGui::GetFrameHeight());
    const ImVec2 p = ImGui::GetCursorScreenPos();
    if (ImGui::InvisibleButton("##menu", ImVec2(h * 1.1f, h))) toggle = true;
    track("nav.menu");
    ImDrawList* dl = ImGui::GetWindowDrawList();
    const ImU32 col = ImGui::GetColorU32(ImGuiCol_Text);
    if (ImGui::IsItemHovered()) dl->AddRectFilled(p, ImVec2(p.x + h * 1.1f, p.y + h), ImGui::GetColorU32(ImGuiCol_ButtonHovered), 4);
    for (int i = -1; i <= 1; ++i) {  // three lines (no glyph needed)
        const float y = p.y + h * 0.5f + i * h * 0.2f;
        dl->AddLine(ImVec2(p.x + h * 0.3f, y), ImVec2(p.x + h * 0.8f, y), col, 2.0f);
    }
    ImGui::SameLine();
    ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (h - ImGui::GetTextLineHeight()) * 0.5f);
    const std::string title = s.screen == Screen::start ? tr("app.title") : tr(screen_label_key(s.screen));
    const float w = ImGui::GetContentRegionAvail().x;
    std::string shown = title;
    const auto lines = wrap_lines(title, w);
    if (!lines.empty()) shown = lines[0];  // one line; the screen repeats its title in full
    ImGui::TextUnformatted(shown.c_str());
    track("nav.title");
    ImGui::SetCursorScreenPos(ImVec2(p.x, p.y + h));
    ImGui::Dummy(ImVec2(0, 0));
}
} // namespace

void draw_app(AppState& s) {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    const Layout L = layout();
    if (L != Layout::desktop) ImGui::PushStyleVar(ImGuiStyleVar_WindowPadding, ImVec2(4, 4));
    ImGui::Begin("##app", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus);
    if (L != Layout::desktop) ImGui::PopStyleVar();
    const float fs = ImGui::GetFontSize();
    bool close = false;
    draw_inapp_banner(s);  // in-app browsers / no storage: what does not work and what does

    if (L == Layout::phone) {
        bool toggle = false;
        draw_top_bar(s, toggle);
        if (toggle) g_drawer_open = !g_drawer_open;
        if (g_drawer_open) {
            ImGui::BeginChild("##drawer", ImVec2(0, 0), ImGuiChildFlags_Border);
            draw_nav_panel(s, close);
            ImGui::EndChild();
            if (close) g_drawer_open = false;
        } else {
            ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Border);
            draw_screen(s);
            keyboard_room();
            ImGui::EndChild();
        }
    } else {
        const bool show_side = L == Layout::desktop || !g_sidebar_collapsed;
        const float side_w = L == Layout::desktop ? std::max(fs * 13, vp->WorkSize.x * 0.18f) : std::max(fs * 11, vp->WorkSize.x * 0.26f);
        if (show_side) {
            ImGui::BeginChild("##sidebar", ImVec2(side_w, 0), ImGuiChildFlags_Border);
            draw_nav_panel(s, close);
            ImGui::EndChild();
            ImGui::SameLine();
        }
        ImGui::BeginGroup();
        if (L == Layout::tablet) {
            bool toggle = false;
            draw_top_bar(s, toggle);
            if (toggle) g_sidebar_collapsed = !g_sidebar_collapsed;
        }
        ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Border);
        draw_screen(s);
        keyboard_room();
        ImGui::EndChild();
        ImGui::EndGroup();
    }
    ImGui::End();

    draw_tour(s);
}

} // namespace selfcheck::app::ui
