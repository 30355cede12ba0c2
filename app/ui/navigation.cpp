// The app's layout: a left sidebar (numbered screens 1-9 with a status mark, overall progress and
// the list of what is still missing with what each would unlock), the current screen on the right,
// and the guided tour on top. Missing items come from the result's own reasons (intensity.missing,
// carbon_efficiency.missing, products[].missing, green-factory status, measures not evaluated).
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
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
            std::string needs;
            if (n.contains("needs") && n["needs"].is_array())
                for (const json& x : n["needs"]) needs += (needs.empty() ? "" : ", ") + x.get<std::string>();
            out.push_back({Screen::equipment, needs, std::string(tr("progress.unlock_measure")) + n.value("measure", "")});
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
} // namespace

void draw_app(AppState& s) {
    ImGuiIO& io = ImGui::GetIO();
    io.ConfigFlags |= ImGuiConfigFlags_NavEnableKeyboard;
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##app", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove | ImGuiWindowFlags_NoSavedSettings |
                                       ImGuiWindowFlags_NoBringToFrontOnFocus);
    const float fs = ImGui::GetFontSize();
    const float side_w = std::max(fs * 13, vp->WorkSize.x * 0.18f);

    // ---- sidebar
    ImGui::BeginChild("##sidebar", ImVec2(side_w, 0), ImGuiChildFlags_Border);
    ImGui::TextUnformatted(tr("app.title"));
    track("app.title");
    if (!s.source_name.empty()) ImGui::TextDisabled("%s", s.source_name.c_str());
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.start"), s.screen == Screen::start)) s.screen = Screen::start;
    track("nav.start");
    const auto missing = missing_items(s);
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
        if (ImGui::Selectable(label, s.screen == n.screen)) s.screen = n.screen;
        track(n.id);
        ImGui::SameLine(side_w - fs * 2);
        if (errs) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "!");
        else if (miss) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_info()), "○");
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_ok()), "●");
    }
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.settings"), s.screen == Screen::settings)) s.screen = Screen::settings;
    track("nav.settings");
    if (ImGui::Selectable(tr("nav.tour"), s.tour.active)) start_tour(s);
    track("nav.tour");

    // ---- progress: what is missing and what it would unlock
    ImGui::Separator();
    const int total = 12;
    const float done = static_cast<float>(std::max(0, total - static_cast<int>(missing.size()))) / total;
    char ov[64];
    std::snprintf(ov, sizeof ov, "%s %d%%", tr("progress.label"), static_cast<int>(done * 100 + 0.5f));
    ImGui::ProgressBar(done, ImVec2(-1, 0), ov);
    track("progress.bar");
    help("help.progress");
    if (s.stale()) text_wrapped_colored(col_error(), tr("progress.has_errors"));
    ImGui::BeginChild("##missing", ImVec2(0, 0));
    int k = 0;
    for (const auto& m : missing) {
        ImGui::PushID(k++);
        ImGui::PushStyleColor(ImGuiCol_Text, col_info());
        if (ImGui::SmallButton(">")) s.screen = m.screen;
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
    ImGui::EndChild();
    ImGui::EndChild();

    // ---- the current screen
    ImGui::SameLine();
    ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Border);
    draw_screen(s);
    ImGui::EndChild();
    ImGui::End();

    draw_tour(s);
}

} // namespace selfcheck::app::ui
