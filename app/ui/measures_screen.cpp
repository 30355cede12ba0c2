// 8 改造建议: ranked retrofit measures (saving, CO2, investment, payback, NPV, abatement cost),
// selection checkboxes that write options.selected_measures so the core recomputes the portfolio
// (interaction-aware), a what-if panel (new total, tier, carbon level and grade) and the MAC curve.
#include "charts/charts.hpp"
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"
#include "validate.hpp"

#include "imgui.h"

#include <algorithm>
#include <set>
#include <string>

namespace selfcheck::app::ui {

namespace {
std::string opt(const json* v, int decimals = -1) {
    if (!is_num(v)) return "—";
    return decimals < 0 ? num(v->get<double>()) : group(v->get<double>(), decimals);
}
// Precision by unit (viz/numbers.hpp), the same as the report.
std::string opt(const json* v, viz::Measure m) { return is_num(v) ? viz::format(v->get<double>(), m) : std::string("—"); }
const char* tier_text(const std::string& t) {
    if (t == "ge5000") return tr("results.tier_ge5000");
    if (t == "1000to5000") return tr("results.tier_1000to5000");
    if (t == "lt1000") return tr("results.tier_lt1000");
    return "—";
}
const char* level_text(const std::string& l) {
    return l == "low" ? tr("results.level_low") : l == "medium" ? tr("results.level_medium") : l == "high" ? tr("results.level_high") : "—";
}
// The core's one verdict per measure (detail.recommendation), in words; the report prints the same.
std::string status_text(const json& m, unsigned int* col) {
    const json* rc = at(m, {"detail", "recommendation"});
    const std::string st = rc ? rc->value("status", "") : "";
    const std::string why = rc ? rc->value("reason", "") : "";
    if (col) *col = st == "recommended" ? col_ok() : st == "cost_only" ? col_info() : st == "not_recommended" ? col_warning() : ImGui::GetColorU32(ImGuiCol_TextDisabled);
    if (st == "recommended") return tr("measures.status_recommended");
    if (st == "cost_only") return tr("measures.status_cost_only");
    if (st == "needs_data") return tr("measures.status_needs_data");
    if (st == "not_recommended") {
        std::string t = tr("measures.status_not_recommended");
        const char* rk = why == "payback_beyond_life" ? "measures.reason_payback_beyond_life"
                       : why == "npv_not_positive"    ? "measures.reason_npv_not_positive"
                       : why == "raises_energy_or_co2" ? "measures.reason_raises_energy_or_co2" : nullptr;
        if (rk) t += std::string(lang_en() ? ": " : "：") + tr(rk);
        return t;
    }
    return "—";
}
} // namespace

void draw_measures(AppState& s) {
    screen_title("measures.title", "help.measures");
    stale_banner(s);
    if (!s.has_result()) return;
    const json& r = s.result();
    const json* ms = at(r, {"measures"});
    const json* pf = at(r, {"portfolio"});
    const float fs = ImGui::GetFontSize();
    charts::set_print_palette(s.print_colours);
    if (!ms || !ms->is_array() || ms->empty()) {
        text_wrapped(tr("measures.none"));
        return;
    }
    std::set<std::string> selected;
    if (pf && pf->contains("selected") && (*pf)["selected"].is_array())
        for (const json& x : (*pf)["selected"]) selected.insert(x.get<std::string>());
    const bool user_choice = at(s.document, {"options", "selected_measures"}) != nullptr;

    // ranked: by NPV, largest first (the core's order is kept for ties)
    std::vector<const json*> rank;
    for (const json& m : *ms) rank.push_back(&m);
    std::stable_sort(rank.begin(), rank.end(), [](const json* a, const json* b) {
        return number_or(at(*a, {"npv_10k_yuan"}), 0) > number_or(at(*b, {"npv_10k_yuan"}), 0);
    });

    std::string toggled;
    // Narrow column: the table scrolls sideways with the check box and the name kept in view.
    const bool scroll_x = ImGui::GetContentRegionAvail().x < fs * 48;
    ImGuiTableFlags tf = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
    if (scroll_x) tf |= ImGuiTableFlags_ScrollX;
    const float table_h = std::min(ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(rank.size()) + 2.5f) * (scroll_x ? 1.6f : 1.0f),
                                   fs * (scroll_x ? 22 : 16));
    if (ImGui::BeginTable("##measures", 9, tf, ImVec2(0, table_h))) {
        ImGui::TableSetupScrollFreeze(scroll_x ? 2 : 0, 1);
        ImGui::TableSetupColumn(tr("measures.col_select"), ImGuiTableColumnFlags_WidthFixed, fs * 2.5f);
        if (scroll_x) ImGui::TableSetupColumn(tr("measures.col_name"), ImGuiTableColumnFlags_WidthFixed, fs * 8);
        else ImGui::TableSetupColumn(tr("measures.col_name"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("measures.col_tce"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_tco2"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_invest"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_payback"), ImGuiTableColumnFlags_WidthFixed, fs * 4.5f);
        ImGui::TableSetupColumn(tr("measures.col_npv"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_mac"), ImGuiTableColumnFlags_WidthFixed, fs * 6.5f);
        ImGui::TableSetupColumn(tr("measures.col_status"), ImGuiTableColumnFlags_WidthFixed, fs * 9);
        ImGui::TableHeadersRow();
        for (const json* m : rank) {
            const std::string id = m->value("id", "");
            ImGui::PushID(id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            bool on = selected.count(id) > 0;
            if (ImGui::Checkbox("##sel", &on)) toggled = id;
            track(("measures.select." + id).c_str());
            ImGui::TableNextColumn();
            text_wrapped(local(*m, "name"));
            if (hover_tip_begin()) {
                const json* det = at(*m, {"detail"});
                if (det && det->contains("formula")) tooltip_text(std::string(tr("measures.formula")) + (*det)["formula"].get<std::string>());
                if (det && det->contains("carbon_note_zh")) tooltip_text(local(*det, "carbon_note"));
                if (det && det->contains("source")) tooltip_text(std::string(tr("common.source")) + ": " + local_source(*det));
                if (const json* rg = det ? at(*det, {"range", "investment_10k_yuan"}) : nullptr)
                    tooltip_text(std::string(tr("measures.invest_range")) + opt(at(*rg, {"low"})) + " – " + opt(at(*rg, {"high"})) + " " + tr("unit.10k_yuan"));
                tooltip_text(std::string(tr("measures.lifetime")) + std::to_string(m->value("lifetime_years", 0)) + " " + tr("unit.year_n") +
                             " · IRR " + (is_num(at(*m, {"irr"})) ? group((*m)["irr"].get<double>() * 100, 1) + "%" : std::string("—")));
                hover_tip_end();
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"tce_saved"}), viz::Measure::tce).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"tco2_avoided"}), viz::Measure::tco2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"investment_10k_yuan"}), 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"payback_years"}), 1).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"npv_10k_yuan"}), 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"abatement_cost_yuan_per_tco2"}), 0).c_str());
            ImGui::TableNextColumn();
            unsigned int sc = 0;
            const std::string st = status_text(*m, &sc);
            ImGui::PushStyleColor(ImGuiCol_Text, sc);
            ImGui::TextUnformatted(st.c_str());
            ImGui::PopStyleColor();
            track(("measures.status." + id).c_str());
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    track("measures.table");
    if (!toggled.empty()) {
        json list = json::array();
        for (const json* m : rank) {  // keep the ranked order (the core applies them in its own order)
            const std::string id = m->value("id", "");
            const bool on = selected.count(id) > 0;
            if (id == toggled ? !on : on) list.push_back(id);
        }
        ensure(s.document, "options")["selected_measures"] = list;
        s.mark_edited();
    }
    if (ImGui::Button(tr("measures.recommended"))) {
        if (s.document.contains("options") && s.document["options"].is_object()) s.document["options"].erase("selected_measures");
        s.mark_edited();
    }
    track("measures.use_recommended");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    text_wrapped(user_choice ? tr("measures.selection_user") : tr("measures.selection_default"));
    ImGui::PopStyleColor();

    // listed apart: cost-only measures (降本措施) and measures a plan requires
    for (const char* list : {"cost_only", "required"}) {
        const json* ids = pf ? at(*pf, {"detail", list}) : nullptr;
        if (!ids || !ids->is_array() || ids->empty()) continue;
        ImGui::Spacing();
        ImGui::TextUnformatted(tr(std::string(list) == "cost_only" ? "measures.cost_only_title" : "measures.required_title"));
        track(std::string(list) == "cost_only" ? "measures.cost_only" : "measures.required");
        for (const json& id : *ids) {
            if (!id.is_string()) continue;
            ImGui::Bullet();
            ImGui::SameLine();
            text_wrapped(measure_name(s, id.get<std::string>()));
        }
    }

    // not evaluated: what data would unlock them
    if (const json* ne = pf ? at(*pf, {"detail", "not_evaluated"}) : nullptr; ne && ne->is_array() && !ne->empty()) {
        for (const json& n : *ne) {
            // field and measure names as the screens show them, never their ids
            const std::string needs = field_words(n.value("needs", json::array()));
            text_wrapped_colored(col_info(), std::string(tr("measures.not_evaluated")) + measure_name(s, n.value("measure", "")) + " — " +
                                                 tr("measures.needs") + needs);
        }
        if (small_button(tr("measures.goto_equipment"))) s.screen = Screen::equipment;
    }

    // ---- what-if | MAC curve
    if (ImGui::BeginTable("##whatif", columns_for(fs * 18, 2), ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn("a", ImGuiTableColumnFlags_WidthStretch, 0.9f);
        if (ImGui::TableGetColumnCount() > 1) ImGui::TableSetupColumn("b", ImGuiTableColumnFlags_WidthStretch, 1.1f);
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        section(tr("measures.whatif"), "help.whatif");
        const json* d = pf ? at(*pf, {"detail"}) : nullptr;
        auto line = [&](const char* id, const char* label, const std::string& before, const std::string& after, const char* unit) {
            ImGui::TextUnformatted(label);
            const std::string v = before + " → " + after + " " + unit;
            if (ImGui::GetContentRegionAvail().x >= fs * 8 + ImGui::CalcTextSize(v.c_str()).x && ImGui::GetItemRectSize().x < fs * 7.6f)
                ImGui::SameLine(fs * 8);
            text_wrapped(v);
            track(id);
        };
        line("measures.whatif.total_tce", tr("measures.wi_total"), opt(at(r, {"energy", "total_tce"}), viz::Measure::tce), opt(d ? at(*d, {"new_total_tce"}) : nullptr, viz::Measure::tce),
             tr("unit.tce"));
        // main's json_string_or (a null verdict is "", json::value() throws on a stored null), also for the what-if detail
        line("measures.whatif.tier", tr("measures.wi_tier"), tier_text(selfcheck::json_string_or(r["energy"], "budget_tier")),
             tier_text(d ? selfcheck::json_string_or(*d, "new_budget_tier") : ""), "");
        line("measures.whatif.intensity", tr("measures.wi_intensity"), opt(at(r, {"carbon_efficiency", "intensity"}), viz::Measure::intensity),
             opt(d ? at(*d, {"new_carbon_intensity"}) : nullptr, viz::Measure::intensity), tr("unit.tco2_per_10k_yuan"));
        line("measures.whatif.level", tr("measures.wi_level"), level_text(selfcheck::json_string_or(r["carbon_efficiency"], "level")),
             level_text(d ? selfcheck::json_string_or(*d, "new_carbon_level") : ""), "");
        {
            const json* avg = at(r, {"carbon_efficiency", "industry_average"});
            const json* g = at(r, {"carbon_efficiency", "grade"});
            const json* nl = d ? at(*d, {"new_carbon_intensity"}) : nullptr;
            std::string before = is_num(g) ? std::to_string(g->get<int>()) : "—", after = "—";
            // new K = new L / industry average, graded with the same cuts as the core
            if (const viz::GradeScale scale = grade_scale(s); scale.valid() && is_num(avg) && is_num(nl) && avg->get<double>() > 0)
                after = std::to_string(scale.grade(nl->get<double>() / avg->get<double>()));
            line("measures.whatif.grade", tr("measures.wi_grade"), before, after, "");
            if (!is_num(avg)) text_wrapped_colored(col_info(), tr("measures.grade_needs_average"));
        }
        ImGui::Spacing();
        if (pf) {
            text_wrapped(std::string(tr("measures.wi_saving")) + " " + opt(at(*pf, {"tce_saved"}), viz::Measure::tce) + " " + tr("unit.tce") + " · " +
                         opt(at(*pf, {"tco2_avoided"}), viz::Measure::tco2) + " " + tr("unit.tco2"));
            track("measures.whatif.saving");
            text_wrapped(std::string(tr("measures.wi_invest")) + " " + opt(at(*pf, {"investment_10k_yuan"}), 2) + " " + tr("unit.10k_yuan") + " · " +
                         tr("measures.wi_annual") + " " + opt(at(*pf, {"annual_saving_10k_yuan"}), 2) + " " + tr("unit.10k_yuan_per_year"));
            text_wrapped("NPV " + opt(d ? at(*d, {"npv_10k_yuan"}) : nullptr, 2) + " " + tr("unit.10k_yuan") + " · " + tr("measures.wi_payback") +
                         " " + opt(d ? at(*d, {"payback_years"}) : nullptr, 1) + " " + tr("unit.year_n"));
            if (hover_tip_begin()) {
                tooltip_text(std::string(tr("measures.tip_npv")) + opt(d ? at(*d, {"discount_rate"}) : nullptr));
                hover_tip_end();
            }
        }
        ImGui::TableNextColumn();
        section(tr("measures.mac"), "help.mac");
        std::vector<charts::MacEntry> entries;
        for (const json* m : rank) {
            const json* c = at(*m, {"abatement_cost_yuan_per_tco2"});
            const double t = number_or(at(*m, {"tco2_avoided"}), 0);
            if (!is_num(c) || t <= 0) continue;
            const std::string id = m->value("id", "");
            entries.push_back({id, local(*m, "name"), t, c->get<double>(), selected.count(id) > 0});
        }
        charts::mac_curve("mac", entries, ImGui::GetContentRegionAvail().x, fs * 14, tr("unit.tco2"), tr("unit.yuan_per_tco2"));
        track("measures.mac");
        ImGui::EndTable();
    }
}

} // namespace selfcheck::app::ui
