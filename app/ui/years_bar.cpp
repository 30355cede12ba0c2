// The years bar on the energy screen (issue 16): the current year and the earlier years of
// `history[]`, add a year by copying the current one, switch between years, delete with undo. The
// energy screen then edits the selected year's rows (the current year stays at the document root).
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"
#include "ui/years.hpp"

#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <optional>
#include <string>

namespace selfcheck::app::ui {

namespace {

struct YearsUi {
    int selected = -1;               // -1: current year, else index into history[]
    std::optional<json> deleted;     // last deleted year, for undo
    int deleted_index = -1;
    const void* document_seen = nullptr;
    std::uint64_t loads_seen = 0;
};
YearsUi g_years;

int year_of(const json& j) {
    const json* y = at(j, {"year"});
    return y && y->is_number_integer() ? y->get<int>() : 0;
}

int current_year(const AppState& s) {
    const json* y = at(s.document, {"enterprise", "year"});
    return y && y->is_number_integer() ? y->get<int>() : 0;
}

// A copy of the current year's rows as a new earlier year, one year before the earliest.
json copy_of_current(const AppState& s, int year) {
    json h = json::object();
    h["year"] = year;
    json e = json::object();
    for (const char* k : {"value_added_10k_yuan", "output_value_10k_yuan"})
        if (const json* v = at(s.document, {"enterprise", k})) e[k] = *v;
    h["enterprise"] = std::move(e);
    for (const char* k : {"energy", "renewables", "products"})
        if (s.document.contains(k)) h[k] = s.document[k];
    return h;
}

} // namespace

YearView years_bar(AppState& s, bool& changed) {
    // A different document (opened, imported, sample) starts on its current year.
    if (g_years.loads_seen != s.loads) {
        g_years = YearsUi{};
        g_years.loads_seen = s.loads;
    }
    json* hist = s.document.contains("history") && s.document["history"].is_array() ? &s.document["history"] : nullptr;
    const int n = hist ? static_cast<int>(hist->size()) : 0;
    if (g_years.selected >= n) g_years.selected = -1;

    // Years, newest first: the current one, then history by year.
    std::vector<int> order;
    for (int i = 0; i < n; ++i) order.push_back(i);
    std::sort(order.begin(), order.end(), [&](int a, int b) { return year_of((*hist)[a]) > year_of((*hist)[b]); });

    ImGui::AlignTextToFramePadding();
    ImGui::TextUnformatted(tr("years.label"));
    help("help.years");
    ImGui::SameLine();
    const int cy = current_year(s);
    std::string label = (cy ? std::to_string(cy) : std::string("—")) + tr("years.current_suffix");
    if (ImGui::RadioButton(label.c_str(), g_years.selected < 0)) g_years.selected = -1;
    track("years.current");
    for (int i : order) {
        ImGui::SameLine();
        const int y = year_of((*hist)[i]);
        std::string l = (y ? std::to_string(y) : std::string("—")) + "##y" + std::to_string(i);
        if (ImGui::RadioButton(l.c_str(), g_years.selected == i)) g_years.selected = i;
        char tid[48];
        std::snprintf(tid, sizeof tid, "years.tab.%d", y);
        track(tid);
    }
    ImGui::SameLine();
    if (small_button(tr("years.add"))) {
        int earliest = cy;
        for (int i = 0; i < n; ++i)
            if (int y = year_of((*hist)[i]); y && (earliest == 0 || y < earliest)) earliest = y;
        json& h = ensure(s.document, "history", true);
        h.push_back(copy_of_current(s, earliest ? earliest - 1 : 0));
        g_years.selected = static_cast<int>(h.size()) - 1;
        hist = &h;
        changed = true;
    }
    track("years.add");
    help("help.years_add");
    if (g_years.deleted) {
        char msg[160];
        std::snprintf(msg, sizeof msg, tr("years.deleted"), year_of(*g_years.deleted));
        same_line_if_fits(ImGui::CalcTextSize(msg).x);
        text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), msg);
        same_line_if_fits(ImGui::CalcTextSize(tr("years.undo")).x + ImGui::GetStyle().FramePadding.x * 2);
        if (small_button(tr("years.undo"))) {
            json& h = ensure(s.document, "history", true);
            const int at_i = std::clamp(g_years.deleted_index, 0, static_cast<int>(h.size()));
            h.insert(h.begin() + at_i, *g_years.deleted);
            g_years.selected = at_i;
            g_years.deleted.reset();
            hist = &h;
            changed = true;
        }
        track("years.undo");
    }

    YearView v;
    if (g_years.selected < 0 || !hist) {
        v.obj = &s.document;
        v.prefix = "";
        v.current = true;
        text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("years.current_note"));
        if (n > 0) {  // comparable prices need the current year's index too
            row_label(tr("years.price_index"), "help.price_index");
            ImGui::PushID("cur_pi");
            changed |= input_number("##v", ensure(s.document, "enterprise"), "value_added_price_index");
            ImGui::PopID();
            track("years.current_price_index");
            field_issues(s, "/enterprise/value_added_price_index");
        }
        return v;
    }

    // An earlier year: its own year, value added and output, price index, industry average.
    const int i = g_years.selected;
    json& h = (*hist)[i];
    v.obj = &h;
    v.prefix = "/history/" + std::to_string(i);
    v.current = false;
    v.history_index = i;
    row_label(tr("years.year"));
    ImGui::PushID("hy");
    changed |= input_number("##year", h, "year");
    track("years.year");
    if (h.contains("year") && h["year"].is_number() && !h["year"].is_number_integer())
        h["year"] = static_cast<int>(h["year"].get<double>());
    ImGui::SameLine();
    if (small_button(tr("years.delete"))) {
        g_years.deleted = h;
        g_years.deleted_index = i;
        hist->erase(hist->begin() + i);
        if (hist->empty()) s.document.erase("history");
        g_years.selected = -1;
        changed = true;
        ImGui::PopID();
        v.obj = &s.document;
        v.prefix = "";
        v.current = true;
        return v;
    }
    track("years.delete");
    field_issues(s, v.prefix + "/year");
    json& e = ensure(h, "enterprise");
    struct F {
        const char* key;
        const char* label;
        const char* unit;
        const char* help_key;
    };
    static const F fields[] = {
        {"value_added_10k_yuan", "profile.value_added", "unit.10k_yuan", "help.value_added"},
        {"output_value_10k_yuan", "profile.output_value", "unit.10k_yuan", "help.output_value"},
        {"value_added_price_index", "years.price_index", "", "help.price_index"},
        {"industry_average_tco2_per_10k_yuan", "years.industry_average", "unit.tco2_per_10k_yuan", "help.years_industry_average"},
    };
    for (const auto& f : fields) {
        row_label(tr(f.label), f.help_key);
        ImGui::PushID(f.key);
        changed |= input_number("##v", e, f.key);
        ImGui::PopID();
        char tid[64];
        std::snprintf(tid, sizeof tid, "years.%s", f.key);
        track(tid);
        if (*f.unit) unit_label(tr(f.unit));
        field_issues(s, v.prefix + "/enterprise/" + f.key);
    }
    ImGui::PopID();
    ImGui::Separator();
    return v;
}

} // namespace selfcheck::app::ui
