// The app's layout: a left sidebar (numbered screens 1-9 with a status mark, overall progress and
// the list of what is still missing with what each would unlock), the current screen on the right,
// and the guided tour on top. Missing items come from the result's own reasons (intensity.missing,
// carbon_efficiency.missing, products[].missing, green-factory status, measures not evaluated).
#include "i18n.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/touch.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <algorithm>
#include <cstdint>
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
    std::string path;     // the field (or list) the link opens and focuses
};

int g_focus_frames = 0;  // frames since a missing-item link asked for a field

bool has_key(const json& doc, std::initializer_list<const char*> path) {
    const json* v = at(doc, path);
    return v && !v->is_null() && !(v->is_string() && v->get<std::string>().empty());
}

bool is_field_key(const std::string& k) {
    if (k.empty()) return false;
    for (char c : k)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

// A row counts only with a quantity above 0 (or 12 monthly bills): a 0 kWh row is not done.
bool energy_row_done(const json& row) {
    if (const json* q = at(row, {"quantity"}); is_num(q) && q->get<double>() > 0) return true;
    if (const json* m = at(row, {"monthly"}); m && m->is_array() && m->size() == 12) {
        double sum = 0;
        for (const json& v : *m) {
            if (!v.is_number()) return false;
            sum += v.get<double>();
        }
        return sum > 0;
    }
    return false;
}

std::vector<Missing> missing_items(const AppState& s) {
    std::vector<Missing> out;
    if (!s.has_document()) return out;
    const json& d = s.document;
    const json& r = s.result();
    if (!has_key(d, {"enterprise", "name"}))
        out.push_back({Screen::profile, tr("progress.name"), tr("progress.unlock_report"), "/enterprise/name"});
    if (!has_key(d, {"enterprise", "industry"}))
        out.push_back({Screen::profile, tr("progress.industry"), tr("progress.unlock_grade"), "/enterprise/industry"});
    // intensity.missing: value added / output value
    if (const json* m = at(r, {"intensity", "missing"}); m && m->is_object()) {
        std::set<std::string> seen;
        for (auto it = m->begin(); it != m->end(); ++it) {
            const std::string code = it.value().value("code", "");
            if (!seen.insert(code).second) continue;
            // a stale result must not ask for what the document now has
            const char* key = code == "needs_output_value" ? "output_value_10k_yuan" : "value_added_10k_yuan";
            if (has_key(d, {"enterprise", key})) continue;
            out.push_back({Screen::profile, local(it.value(), "message"), tr("progress.unlock_intensity"),
                           std::string("/enterprise/") + key});
        }
    }
    const json* e = at(d, {"energy"});
    if (!e || !e->is_array() || e->empty()) {
        out.push_back({Screen::energy, tr("progress.energy"), tr("progress.unlock_everything"), "/energy"});
    } else {
        for (std::size_t i = 0; i < e->size(); ++i)
            if ((*e)[i].is_object() && !energy_row_done((*e)[i])) {
                char buf[160];
                std::snprintf(buf, sizeof buf, tr("progress.energy_row_zero"), static_cast<int>(i) + 1);
                out.push_back({Screen::energy, buf, tr("progress.unlock_everything"), "/energy/" + std::to_string(i) + "/quantity"});
            }
    }
    const json* p = at(d, {"products"});
    if (!p || !p->is_array() || p->empty())
        out.push_back({Screen::products, tr("progress.products"), tr("progress.unlock_limits"), "/products"});
    if (const json* pr = at(r, {"products"}); pr && pr->is_array()) {
        int i = 0;
        for (const json& x : *pr) {
            if (const json* m = at(x, {"missing"}); m && m->is_object()) {
                const std::string code = m->value("code", "");
                const char* field = code == "needs_product_energy" ? "energy_tce" : code == "needs_output" ? "output"
                                  : code == "product_unit_mismatch" ? "unit" : "limit_id";
                out.push_back({Screen::products, x.value("name", "") + ": " + local(*m, "message"), tr("progress.unlock_limits"),
                               "/products/" + std::to_string(i) + "/" + field});
            }
            ++i;
        }
    }
    const json* eq = at(d, {"equipment"});
    if (!eq || !eq->is_array() || eq->empty())
        out.push_back({Screen::equipment, tr("progress.equipment"), tr("progress.unlock_measures"), "/equipment"});
    const json* mg = at(d, {"management"});
    if (!mg || !mg->is_object() || mg->empty())
        out.push_back({Screen::management, tr("progress.management"), tr("progress.unlock_management"), "/management/energy_manager"});
    if (const json* mf = at(r, {"green_factory", "detail", "mandatory"}); mf && mf->is_array()) {
        int n = 0;
        std::string first;
        for (const json& x : *mf)
            if (x.value("status", "") == "not_answered") {
                if (!n) first = x.value("id", "");
                ++n;
            }
        if (n)
            out.push_back({Screen::green_factory, std::to_string(n) + tr("progress.gf_unanswered"), tr("progress.unlock_gf"),
                           "/green_factory/" + first});
    }
    if (const json* ce = at(r, {"carbon_efficiency", "missing"}); ce && ce->is_object() && ce->value("code", "") == "needs_industry_average")
        out.push_back({Screen::settings, tr("progress.industry_average"), tr("progress.unlock_grade"),
                       "/options/industry_average_tco2_per_10k_yuan"});
    if (const json* ne = at(r, {"portfolio", "detail", "not_evaluated"}); ne && ne->is_array())
        for (const json& n : *ne) {
            // the fields in words; the link opens the row's tab and focuses its first field
            const json needs = n.value("needs", json::array());
            const int row = n.value("row", -1);
            std::string path = "/equipment";
            Screen sc = Screen::equipment;
            if (eq && eq->is_array() && row >= 0 && row < static_cast<int>(eq->size())) path = "/equipment/" + std::to_string(row);
            if (needs.is_array() && !needs.empty() && needs[0].is_string()) {
                std::string k = needs[0].get<std::string>();
                if (k.rfind("management.", 0) == 0) {
                    k = k.substr(11);
                    if (is_field_key(k)) path = "/management/" + k, sc = Screen::management;
                } else if (is_field_key(k)) {
                    path += "/" + k;
                }
            }
            std::string what = field_words(needs);
            if (row >= 0) what = "#" + std::to_string(row + 1) + " " + what;
            out.push_back({sc, what, std::string(tr("progress.unlock_measure")) + measure_name(s, n.value("measure", "")), path});
        }
    return out;
}

// Done = the screen's required inputs are there, valid and non-trivial. Output screens (results,
// measures, report) have no "done": they show what the inputs allow.
enum class Mark { none, done, todo, error };
Mark screen_mark(const AppState& s, Screen sc, const std::vector<Missing>& missing) {
    static const char* paths[] = {"", "/enterprise", "/energy", "/products", "/equipment", "/management", "/green_factory", "", "", "", ""};
    const char* p = paths[static_cast<int>(sc)];
    if (!p[0]) return Mark::none;
    for (const json* e : s.issues_at(p, false))
        if (e->value("severity", "error") == "error") return Mark::error;
    for (const auto& m : missing)
        if (m.screen == sc) return Mark::todo;
    const json& d = s.document;
    switch (sc) {
    case Screen::profile:
        if (!has_key(d, {"enterprise", "year"}) || !has_key(d, {"enterprise", "value_added_10k_yuan"})) return Mark::todo;
        break;
    case Screen::management:
        if (const json* m = at(d, {"management"}); !m || !m->is_object() || m->size() < 3) return Mark::todo;
        break;
    default: break;
    }
    return Mark::done;
}

// Editing a sample asks once whether to keep it as the owner's own self-check (then it loses the
// 示例 mark) or go on practising on the sample copy.
void draw_sample_prompt(AppState& s) {
    static std::uint64_t checked_revision = ~0ull;
    static bool differs = false;
    if (!s.has_document() || !s.is_sample() || s.sample_prompt_dismissed || s.tour.active) return;
    if (s.revision <= s.sample_prompt_after_revision) return;  // not edited since it was opened
    if (checked_revision != s.revision) {
        checked_revision = s.revision;
        differs = false;
        for (const auto& [file, text] : embedded_sample_files())
            if (file == s.source_name) differs = json::parse(text, nullptr, false) != s.document;
    }
    if (!differs) return;
    // Asked once the edit is finished (the field let go: Enter, Tab or a click elsewhere), never in
    // the middle of typing: a modal opened on the first keystroke swallowed the ones after it.
    if (!ImGui::IsPopupOpen("##sample_prompt")) {
        if (ImGui::IsAnyItemActive()) return;
        ImGui::OpenPopup("##sample_prompt");
    }
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y * 0.4f), ImGuiCond_Always,
                            ImVec2(0.5f, 0.5f));
    ImGui::SetNextWindowSize(ImVec2(std::min(vp->WorkSize.x * 0.9f, ImGui::GetFontSize() * 28), 0));
    if (ImGui::BeginPopupModal("##sample_prompt", nullptr, ImGuiWindowFlags_NoTitleBar | ImGuiWindowFlags_NoSavedSettings)) {
        text_wrapped(tr("sample.prompt"));
        ImGui::Spacing();
        if (ImGui::Button(tr("sample.keep_as_own"))) {
            s.sample_owned = true;
            s.sample_prompt_dismissed = true;
            s.source_name.clear();
            storage::set_current_source("");
            ImGui::CloseCurrentPopup();
        }
        track("sample.keep_as_own");
        ImGui::SameLine();
        if (ImGui::Button(tr("sample.keep_practising"))) {
            s.sample_prompt_dismissed = true;
            ImGui::CloseCurrentPopup();
        }
        track("sample.keep_practising");
        ImGui::EndPopup();
    }
}

void draw_screen(AppState& s) {
    // No open document: only the start screen and the settings have anything to show.
    if (!s.has_document() && s.screen != Screen::settings) s.screen = Screen::start;
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

// The shown screen's region, tracked as screen.<name> (tests check that a tap really switched it).
void track_screen(Screen sc) {
    static const char* ids[] = {"screen.start",   "screen.profile",  "screen.energy",   "screen.products",
                                "screen.equipment", "screen.management", "screen.green_factory", "screen.results",
                                "screen.measures", "screen.report",   "screen.settings"};
    const int i = static_cast<int>(sc);
    if (i >= 0 && i < static_cast<int>(sizeof ids / sizeof ids[0])) track(ids[i]);
}

// Every screen opens at its top (the screens share one scrolling region, which kept the last
// screen's offset: a tapped screen opened half-way down).
void scroll_to_top_on_switch(Screen sc) {
    static Screen shown = Screen::start;
    static bool first = true;
    if (first || sc != shown) ImGui::SetNextWindowScroll(ImVec2(0, 0));
    shown = sc;
    first = false;
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
    const bool open = s.has_document();
    if (open && s.is_sample()) {
        // a sample is a training copy, marked as such wherever its name shows
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", tr("app.sample_badge"));
        track("app.sample_badge");
    }
    if (open) {
        // the open self-check by its enterprise name (a file name like 01_dyeing_shaoxing.json is an id)
        const json* nm = at(s.document, {"enterprise", "name"});
        const std::string shown = nm && nm->is_string() && !nm->get<std::string>().empty() ? nm->get<std::string>() : std::string(tr("app.unnamed"));
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        text_wrapped(shown);
        ImGui::PopStyleColor();
    } else {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        text_wrapped(tr("app.no_document"));
        ImGui::PopStyleColor();
        track("app.no_document");
    }
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.start"), s.screen == Screen::start, 0, ImVec2(0, th))) pick(Screen::start);
    track("nav.start");
    const auto missing = missing_items(s);
    const float mark_x = ImGui::GetContentRegionMax().x - fs * 1.2f;
    int inputs = 0, inputs_done = 0;
    ImGui::BeginDisabled(!open);
    for (int i = 0; i < static_cast<int>(sizeof k_nav / sizeof k_nav[0]); ++i) {
        const NavItem& n = k_nav[i];
        const Mark mk = open ? screen_mark(s, n.screen, missing) : Mark::none;
        if (mk != Mark::none) {
            ++inputs;
            if (mk == Mark::done) ++inputs_done;
        }
        char label[128];
        std::snprintf(label, sizeof label, "%d  %s", i + 1, tr(n.label));
        if (ImGui::Selectable(label, s.screen == n.screen, 0, ImVec2(mark_x - ImGui::GetCursorPosX() - fs * 0.3f, th))) pick(n.screen);
        track(n.id);
        if (mk == Mark::none) continue;  // output screens are never "done"
        ImGui::SameLine(mark_x);
        if (th > 0) ImGui::SetCursorPosY(ImGui::GetCursorPosY() + (th - ImGui::GetTextLineHeight()) * 0.5f);
        if (mk == Mark::error) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "!");
        else if (mk == Mark::todo) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_info()), "○");
        else ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_ok()), "●");
        if (i == 0) track("nav.mark");
        {   // every mark by screen and state, so a test can read the sidebar ("nav.mark.energy:todo")
            char mid[64];
            std::snprintf(mid, sizeof mid, "%s.mark:%s", n.id, mk == Mark::done ? "done" : mk == Mark::todo ? "todo" : "error");
            track(mid);
        }
        if (ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled)) {  // the legend, on hover of a mark
            ImGui::BeginTooltip();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_ok()), "●");
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("progress.legend_done"));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_info()), "○");
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("progress.legend_todo"));
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "!");
            ImGui::SameLine();
            ImGui::TextUnformatted(tr("progress.legend_error"));
            ImGui::TextDisabled("%s", tr("progress.legend_outputs"));
            ImGui::EndTooltip();
        }
    }
    ImGui::EndDisabled();
    ImGui::Separator();
    if (ImGui::Selectable(tr("nav.settings"), s.screen == Screen::settings, 0, ImVec2(0, th))) pick(Screen::settings);
    track("nav.settings");
    if (ImGui::Selectable(tr("nav.tour"), s.tour.active, 0, ImVec2(0, th))) {
        start_tour(s);
        close = true;
    }
    track("nav.tour");

    if (!open) {
        ImGui::Separator();
        text_wrapped(tr("app.start_hint"));
        return;
    }
    // ---- progress: input screens done, then what is missing and what it would unlock
    ImGui::Separator();
    const float done = inputs ? static_cast<float>(inputs_done) / inputs : 0.f;
    char ov[64];
    std::snprintf(ov, sizeof ov, "%s %d/%d", tr("progress.label"), inputs_done, inputs);
    // The count on its own line above the bar: ImGui writes an overlay just past the fill, which put
    // dark text on the dark fill once most inputs were done (seen at tablet width).
    ImGui::TextUnformatted(ov);
    help("help.progress");
    ImGui::ProgressBar(done, ImVec2(-FLT_MIN, ImGui::GetFontSize() * 0.6f), "");
    track("progress.bar");
    if (s.stale()) text_wrapped_colored(col_error(), tr("progress.has_errors"));
    int k = 0;
    for (const auto& m : missing) {
        ImGui::PushID(k++);
        ImGui::PushStyleColor(ImGuiCol_Text, col_info());
        if (th > 0 ? ImGui::Button(">", ImVec2(th, th)) : small_button(">")) {
            pick(m.screen);
            s.focus_path = m.path;  // the screen opens its tab and focuses the field
            s.focused_path.clear();
            g_focus_frames = 0;
        }
        ImGui::PopStyleColor();
        if (k == 1) track("progress.first_missing");
        char mid[48];
        std::snprintf(mid, sizeof mid, "progress.missing.%d", k - 1);
        track(mid);
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
    if (s.has_document() && s.is_sample()) {
        // the title bar says a sample copy is open, as the sidebar does on wider screens
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", tr("app.sample_badge"));
        track("app.sample_badge");
        ImGui::SameLine();
    }
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
            scroll_to_top_on_switch(s.screen);
            ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Border);
            draw_screen(s);
            keyboard_room();
            ImGui::EndChild();
            track_screen(s.screen);
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
        scroll_to_top_on_switch(s.screen);
        ImGui::BeginChild("##screen", ImVec2(0, 0), ImGuiChildFlags_Border);
        draw_screen(s);
        keyboard_room();
        ImGui::EndChild();
        track_screen(s.screen);
        ImGui::EndGroup();
    }
    ImGui::End();

    draw_tour(s);
    draw_sample_prompt(s);
    // A focus request the screen could not honour (a field it does not show) expires.
    if (!s.focus_path.empty() && ++g_focus_frames > 8) s.focus_path.clear();
}

} // namespace selfcheck::app::ui
