// 6 绿色工厂: the GB/T 36132-2025 items the energy data cannot answer: basic requirements and veto
// items, then the indicators that need an answer or an anchor (引领值/基准值), each with the
// standard's hint and the evidence an assessor will ask for (assets/data/green_factory.json).
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <algorithm>
#include <string>

namespace selfcheck::app::ui {

namespace {
const json* indicator_result(const AppState& s, const std::string& id, const char* list) {
    const json* l = at(s.result(), {"green_factory", "detail", list});
    if (!l || !l->is_array()) return nullptr;
    for (const json& x : *l)
        if (x.value("id", "") == id) return &x;
    return nullptr;
}

// Points of the indicators scored so far (0: nothing is scored yet, the total means nothing).
double scored_points_max(const AppState& s) {
    const json* l = at(s.result(), {"green_factory", "detail", "indicators"});
    double m = 0;
    if (l && l->is_array())
        for (const json& x : *l)
            if (x.is_object() && x.value("status", "") == "scored") m += number_or(at(x, {"max"}), 0);
    return m;
}

void hint_and_evidence(const json& rec) {
    const std::string hint = local(rec, "hint"), ev = local(rec, "evidence");
    if (!hint.empty()) text_wrapped(hint);
    if (!ev.empty()) {
        ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
        text_wrapped(std::string(tr("gf.evidence")) + ev);
        ImGui::PopStyleColor();
    }
}

struct NumAnswer {
    const char* key;
    const char* label;
    const char* unit;
};
std::vector<NumAnswer> answers_for(const std::string& id) {
    if (id == "water_reuse_rate")
        return {{"water_withdrawal_m3", "gf.water_withdrawal", "m3"}, {"water_reused_m3", "gf.water_reused", "m3"}};
    if (id == "solid_waste_utilisation")
        return {{"solid_waste_generated_t", "gf.waste_generated", "t"},
                {"solid_waste_utilised_t", "gf.waste_utilised", "t"},
                {"solid_waste_stock_utilised_t", "gf.waste_stock_utilised", "t"}};
    if (id == "green_investment_share")
        return {{"green_investment_3y_10k_yuan", "gf.green_investment", "10k_yuan"},
                {"output_value_3y_10k_yuan", "gf.output_value_3y", "10k_yuan"}};
    if (id == "material_intensity" || id == "pollutant_intensity" || id == "water_intensity")
        return {{nullptr, "gf.value", ""}};
    return {};
}
} // namespace

void draw_green_factory(AppState& s) {
    screen_title("gf.title", "help.green_factory");
    stale_banner(s);
    json& gf = ensure(s.document, "green_factory");
    bool ch = false;
    const Dataset* d = s.ref ? s.ref->dataset("green_factory") : nullptr;
    if (!d) return;
    const float fs = ImGui::GetFontSize();
    char tid[96];

    if (const json* sc = at(s.result(), {"green_factory", "total_score"}); is_num(sc)) {
        // A total only when some indicator that carries points was scored: 0 / 100 on an empty file
        // reads as a failing grade, not as "not scored yet".
        // wrapped: the English line is longer than a phone is wide
        if (scored_points_max(s) > 0)
            text_wrapped(std::string(tr("gf.score")) + " " + viz::format(sc->get<double>(), viz::Measure::points) + " / 100 " + tr("gf.points"));
        else
            text_wrapped(std::string(tr("gf.score")) + " " + tr("gf.not_scored"));
        track("gf.total_score");
        help("help.gf_score");
        if (const json* note = at(s.result(), {"green_factory", "detail"}))
            text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), local(*note, "pass_mark_note"));
    }

    if (ImGui::CollapsingHeader(tr("gf.mandatory"), ImGuiTreeNodeFlags_DefaultOpen)) {
        track("gf.mandatory");
        text_wrapped(tr("gf.mandatory_note"));
        for (const auto& r : d->records) {
            const std::string kind = r.raw.value("kind", "");
            if (kind != "basic_requirement" && kind != "veto") continue;
            ImGui::PushID(r.id.c_str());
            const json* res = indicator_result(s, r.id, "mandatory");
            const std::string st = res ? res->value("status", "") : "";
            const bool bad = st != "met" && st != "passed" && st != "ok" && !st.empty();
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(st.empty() ? ImGui::GetColorU32(ImGuiCol_TextDisabled) : bad ? col_warning() : col_ok()),
                               "%s", kind == "veto" ? tr("gf.veto") : tr("gf.basic"));
            ImGui::SameLine();
            text_wrapped(local(r.raw, "name"));
            ImGui::Indent(fs);
            ch |= yes_no(r.id.c_str(), gf, r.id.c_str());
            focus_target(s, "/green_factory/" + r.id);
            std::snprintf(tid, sizeof tid, "gf.%s", r.id.c_str());
            track(tid);
            hint_and_evidence(r.raw);
            field_issues(s, "/green_factory/" + r.id);
            ImGui::Unindent(fs);
            ImGui::Spacing();
            ImGui::PopID();
        }
    }

    if (ImGui::CollapsingHeader(tr("gf.indicators"), ImGuiTreeNodeFlags_DefaultOpen)) {
        for (const auto& r : d->records) {
            if (r.raw.value("kind", "") != "indicator") continue;
            const json* res = indicator_result(s, r.id, "indicators");
            const std::string st = res ? res->value("status", "") : "";
            const bool auto_ = r.raw.value("auto", false);
            ImGui::PushID(r.id.c_str());
            ImGui::Separator();
            text_wrapped(local(r.raw, "name"));
            // score and status after the name when they fit, else on the next line
            // Points only for a scored indicator that carries points ("2.0 / 8.0 分"); one not yet scored
            // shows "— / 8.0 分"; a reference-only item (Annex C gives it no points) says so.
            std::string score;
            const double mx = res ? number_or(at(*res, {"max"}), 0) : 0;
            if (res && mx <= 0 && st == "scored")
                score = tr("gf.reference_only");
            else if (res && mx > 0)
                score = (st == "scored" && is_num(at(*res, {"score"})) ? viz::format(number_or(at(*res, {"score"}), 0), viz::Measure::points)
                                                                      : std::string("—")) +
                        " / " + viz::format(mx, viz::Measure::points) + " " + tr("gf.points");
            if (!score.empty()) {
                same_line_if_fits(ImGui::CalcTextSize(score.c_str()).x);
                ImGui::TextDisabled("%s", score.c_str());
            }
            const char* st_label = st == "scored" ? (mx > 0 ? tr("gf.status_scored") : "")
                                   : st == "needs_anchor" ? tr("gf.status_needs_anchor")
                                   : st == "needs_answer" ? tr("gf.status_needs_answer") : "";
            if (st_label[0]) {
                same_line_if_fits(ImGui::CalcTextSize(st_label).x);
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(st == "scored" ? col_ok() : col_info()), "%s", st_label);
            }
            ImGui::Indent(fs);
            if (st != "scored" || !auto_) hint_and_evidence(r.raw);
            // the answer widgets for items the data cannot answer
            if (r.id == "platform_functions") {
                json& pf = gf["platform_functions"];
                if (!pf.is_array()) pf = json::array();
                int col = 0;
                for (const auto& f : d->records) {
                    if (f.raw.value("kind", "") != "platform_function") continue;
                    bool on = false;
                    for (const json& x : pf)
                        if (x == f.id) on = true;
                    // three columns where they fit, fewer on a narrow screen
                    const int per_row = std::max(1, std::min(3, static_cast<int>(ImGui::GetContentRegionAvail().x / (fs * 12))));
                    if (col++ % per_row) ImGui::SameLine(ImGui::GetCursorPosX() * 0 + fs * (1 + 12 * ((col - 1) % per_row)));
                    if (ImGui::Checkbox(local(f.raw, "name").c_str(), &on)) {
                        json n = json::array();
                        for (const json& x : pf)
                            if (x != f.id) n.push_back(x);
                        if (on) n.push_back(f.id);
                        pf = n;
                        ch = true;
                    }
                    std::snprintf(tid, sizeof tid, "gf.pf.%s", f.id.c_str());
                    track(tid);
                }
            } else if (r.id == "process_equipment_advanced" || r.id == "green_design" || r.id == "product_carbon_footprint") {
                ch |= yes_no(r.id.c_str(), gf, r.id.c_str());
                std::snprintf(tid, sizeof tid, "gf.%s", r.id.c_str());
                track(tid);
            }
            for (const auto& a : answers_for(r.id)) {
                const char* key = a.key ? a.key : r.id.c_str();
                row_label(tr(a.label));
                ImGui::PushID(key);
                ch |= input_number("##v", gf, key);
                ImGui::PopID();
                std::snprintf(tid, sizeof tid, "gf.%s", key);
                track(tid);
                // the indicator's unit in the reader's language (indicator_unit_zh / _en), never the raw id
                const std::string unit = a.unit[0] ? std::string(a.unit) : local(r.raw, "indicator_unit");
                unit_label(unit == "10k_yuan" ? tr("unit.10k_yuan") : unit.c_str());
                field_issues(s, std::string("/green_factory/") + key);
            }
            if (st == "needs_anchor") {
                // user-supplied 引领值/基准值 (the standard gives none for this indicator)
                json& anchors = ensure(gf, "anchors");
                json& an = ensure(anchors, r.id.c_str());
                text_wrapped_colored(col_info(), local(r.raw, "leading") + " / " + local(r.raw, "baseline"));
                row_label(tr("gf.leading"), "help.anchor");
                ch |= input_number("##lead", an, "leading", fs * 8);
                std::snprintf(tid, sizeof tid, "gf.anchor.%s.leading", r.id.c_str());
                track(tid);
                row_label(tr("gf.baseline"));
                ch |= input_number("##base", an, "baseline", fs * 8);
                if (an.empty()) anchors.erase(r.id);
                if (anchors.empty()) gf.erase("anchors");
                field_issues(s, "/green_factory/anchors/" + r.id, false);
            }
            ImGui::Unindent(fs);
            ImGui::PopID();
        }
    }
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
