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
std::string status_text(const json& m, unsigned int* col, std::string* reason = nullptr) {
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
        if (rk && reason) *reason = tr(rk);
        else if (rk) t += std::string(lang_en() ? ": " : "：") + tr(rk);
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
    // The energy measures in the main table; cost-only measures (降本措施: tariff arbitrage, demand
    // charge) in their own table below with their money saving and, as it is, their energy/CO2 effect.
    std::vector<const json*> main_rows, cost_rows;
    for (const json* m : rank) {
        const json* rc = at(*m, {"detail", "recommendation"});
        (rc && rc->value("status", "") == "cost_only" ? cost_rows : main_rows).push_back(m);
    }
    // Narrow column: the table scrolls sideways with the check box and the name kept in view.
    const bool scroll_x = ImGui::GetContentRegionAvail().x < fs * 48;
    auto measure_table = [&](const char* table_id, const std::vector<const json*>& rows, bool cost) {
        ImGuiTableFlags tf = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_SizingFixedFit | ImGuiTableFlags_ScrollY;
        if (scroll_x) tf |= ImGuiTableFlags_ScrollX;
        // two header lines (name, unit) and a wrapped verdict: about two lines a row
        const float table_h = std::min(ImGui::GetFrameHeightWithSpacing() * (static_cast<float>(rows.size()) * 1.6f + 3.5f) * (scroll_x ? 1.3f : 1.0f),
                                       fs * (scroll_x ? 22 : 18));
        if (!ImGui::BeginTable(table_id, 9, tf, ImVec2(0, table_h))) return;
        ImGui::TableSetupScrollFreeze(scroll_x ? 2 : 0, 1);
        ImGui::TableSetupColumn(tr("measures.col_select"), ImGuiTableColumnFlags_WidthFixed, fs * 2.5f);
        if (scroll_x) ImGui::TableSetupColumn(tr("measures.col_name"), ImGuiTableColumnFlags_WidthFixed, fs * 8);
        else ImGui::TableSetupColumn(tr("measures.col_name"), ImGuiTableColumnFlags_WidthStretch);
        if (cost) ImGui::TableSetupColumn(tr("measures.col_annual"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr(cost ? "measures.col_tce_effect" : "measures.col_tce"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr(cost ? "measures.col_tco2_effect" : "measures.col_tco2"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_invest"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        ImGui::TableSetupColumn(tr("measures.col_payback"), ImGuiTableColumnFlags_WidthFixed, fs * 4.5f);
        ImGui::TableSetupColumn(tr("measures.col_npv"), ImGuiTableColumnFlags_WidthFixed, fs * 5.5f);
        if (!cost) ImGui::TableSetupColumn(tr("measures.col_mac"), ImGuiTableColumnFlags_WidthFixed, fs * 6.5f);
        ImGui::TableSetupColumn(tr("measures.col_status"), ImGuiTableColumnFlags_WidthFixed, fs * 10);
        ImGui::TableHeadersRow();
        for (const json* m : rows) {
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
                // the formula in the reader's language (measures.json formula_zh / formula_en); the
                // result's detail.formula is the English one
                const RefRecord* def = s.ref ? s.ref->record("measures", "measure/" + id) : nullptr;
                std::string formula = def ? local(def->raw, "formula") : std::string();
                if (formula.empty() && det && det->contains("formula") && lang_en()) formula = (*det)["formula"].get<std::string>();
                if (!formula.empty()) tooltip_text(std::string(tr("measures.formula")) + formula);
                if (det && det->contains("carbon_note_zh")) tooltip_text(local(*det, "carbon_note"));
                if (det && det->contains("source")) tooltip_text(std::string(tr("common.source")) + ": " + local_source(*det));
                if (const json* rg = det ? at(*det, {"range", "investment_10k_yuan"}) : nullptr)
                    tooltip_text(std::string(tr("measures.invest_range")) + opt(at(*rg, {"low"})) + " – " + opt(at(*rg, {"high"})) + " " + tr("unit.10k_yuan"));
                tooltip_text(std::string(tr("measures.lifetime")) + std::to_string(m->value("lifetime_years", 0)) + " " + tr("unit.year_n") +
                             " · " + tr("measures.irr") + (is_num(at(*m, {"irr"})) ? group((*m)["irr"].get<double>() * 100, 1) + "%" : std::string("—")));
                hover_tip_end();
            }
            if (cost) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(opt(at(*m, {"annual_saving_10k_yuan"}), 2).c_str());
            }
            for (auto [key, unit] : {std::pair{"tce_saved", viz::Measure::tce}, {"tco2_avoided", viz::Measure::tco2}}) {
                ImGui::TableNextColumn();
                const json* v = at(*m, {key});
                // a negative saving is an increase: said so in colour (and in the note below the table)
                if (is_num(v) && v->get<double>() < 0) text_wrapped_colored(col_warning(), opt(v, unit));
                else ImGui::TextUnformatted(opt(v, unit).c_str());
            }
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"investment_10k_yuan"}), 2).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"payback_years"}), 1).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(opt(at(*m, {"npv_10k_yuan"}), 2).c_str());
            if (!cost) {
                ImGui::TableNextColumn();
                ImGui::TextUnformatted(opt(at(*m, {"abatement_cost_yuan_per_tco2"}), 0).c_str());
            }
            ImGui::TableNextColumn();
            unsigned int sc = 0;
            std::string why;
            const std::string st = status_text(*m, &sc, &why);
            text_wrapped_colored(sc, st);
            track(("measures.status." + id).c_str());
            if (!why.empty()) {  // the reason on its own line, in plain words
                text_wrapped_colored(sc, why);
                track(("measures.reason." + id).c_str());
            }
            // the reason in numbers: "payback about 114 years, longer than its 25-year life"
            const json* rc = at(*m, {"detail", "recommendation"});
            if (rc && rc->value("reason", "") == "payback_beyond_life" && hover_tip_begin()) {
                const json* pb = at(*m, {"payback_years"});
                tooltip_text(is_num(pb) ? std::string(tr("measures.beyond_life_1")) + opt(pb, 0) + tr("measures.beyond_life_2") +
                                              std::to_string(m->value("lifetime_years", 0)) + tr("measures.beyond_life_3")
                                        : std::string(tr("measures.beyond_life_never")));
                hover_tip_end();
            }
            ImGui::PopID();
        }
        ImGui::EndTable();
    };
    measure_table("##measures", main_rows, false);
    track("measures.table");
    if (ImGui::Button(tr("measures.recommended"))) {
        if (s.document.contains("options") && s.document["options"].is_object()) s.document["options"].erase("selected_measures");
        s.mark_edited();
    }
    track("measures.use_recommended");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    text_wrapped(user_choice ? tr("measures.selection_user") : tr("measures.selection_default"));
    ImGui::PopStyleColor();
    // beside the owner's own set: what the recommended set would save (the report prints both)
    if (const json* rs = pf ? at(*pf, {"detail", "recommended_set"}) : nullptr; user_choice && rs) {
        text_wrapped(std::string(tr("measures.recommended_totals")) + opt(at(*rs, {"tce_saved"}), viz::Measure::tce) + " " + tr("unit.tce") +
                     " · " + opt(at(*rs, {"tco2_avoided"}), viz::Measure::tco2) + " " + tr("unit.tco2") + " · " + tr("measures.wi_invest") + " " +
                     opt(at(*rs, {"investment_10k_yuan"}), 2) + " " + tr("unit.10k_yuan"));
        track("measures.recommended_totals");
    }

    // listed apart: cost-only measures (降本措施), with what they save and what they do to energy use
    if (!cost_rows.empty()) {
        ImGui::Spacing();
        ImGui::TextUnformatted(tr("measures.cost_only_title"));
        measure_table("##cost_only", cost_rows, true);
        track("measures.cost_only");
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        text_wrapped(tr("measures.cost_only_note"));
        ImGui::PopStyleColor();
    }
    // a tick in either table: the new selection (written after both tables are drawn)
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
    // and measures a plan requires
    for (const char* list : {"required"}) {
        const json* ids = pf ? at(*pf, {"detail", list}) : nullptr;
        if (!ids || !ids->is_array() || ids->empty()) continue;
        ImGui::Spacing();
        ImGui::TextUnformatted(tr("measures.required_title"));
        track("measures.required");
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
            text_wrapped(std::string(tr("measures.wi_npv")) + " " + opt(d ? at(*d, {"npv_10k_yuan"}) : nullptr, 2) + " " + tr("unit.10k_yuan") + " · " + tr("measures.wi_payback") +
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
