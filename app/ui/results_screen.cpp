// 7 诊断结果: the results dashboard. Comprehensive energy (当量值 and 等价值), CO2 by scope and
// source, intensities, carbon-efficiency level and grade (gauge with the K cuts), energy-budget
// tier and key-unit status with their clauses, product energy against GB limit levels, findings by
// severity and the green-factory radar. Every number shows its inputs and factor sources on hover.
#include "charts/charts.hpp"
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"
#include "ui/years.hpp"
#include "validate.hpp"

#include "imgui.h"

#include <string>

namespace selfcheck::app::ui {

namespace {
// "name = value unit (source)" for every factor whose id starts with one of the prefixes.
std::vector<std::string> factor_lines(const json& r, std::initializer_list<const char*> prefixes) {
    std::vector<std::string> out;
    const json* fu = at(r, {"factors_used"});
    if (!fu || !fu->is_array()) return out;
    for (const json& f : *fu) {
        const std::string id = f.value("id", "");
        for (const char* p : prefixes)
            if (id.rfind(p, 0) == 0) {
                out.push_back(local(f, "name") + " = " + plain(number_or(at(f, {"value"}), 0)) + " " + f.value("unit", "") +
                              (f.value("user_given", false) ? std::string(" · ") + tr("common.user_given") : std::string()) + " — " +
                              tr("common.source") + ": " + local_source(f));
                break;
            }
    }
    return out;
}

std::string opt_num(const json* v) { return is_num(v) ? num(v->get<double>()) : std::string("—"); }
// Precision by unit (viz/numbers.hpp), the same as the report.
std::string opt_num(const json* v, viz::Measure m) { return is_num(v) ? viz::format(v->get<double>(), m) : std::string("—"); }

} // namespace

void draw_results(AppState& s) {
    screen_title("results.title", "help.results");
    stale_banner(s);
    if (!s.figures_valid()) {
        // No figure that was never valid: "—" with the reason, never 0.00 or a verdict.
        const float kw0 = (ImGui::GetContentRegionAvail().x - ImGui::GetFontSize()) / 4;
        kpi("results.total_tce", tr("results.total_tce"), "—", tr("unit.tce"), "help.equivalent", {});
        ImGui::SameLine(kw0);
        kpi("results.total_equal_tce", tr("results.total_equal_tce"), "—", tr("unit.tce"), "help.equal", {});
        ImGui::SameLine(kw0 * 2);
        kpi("results.total_tco2", tr("results.total_tco2"), "—", tr("unit.tco2"), "help.scopes", {});
        // the core's own reason where it gave one (energy.missing: no energy entered), else the app's
        std::string why = tr(s.why_no_figures());
        if (s.has_result())
            if (const json* m = at(s.result(), {"energy", "missing"}); m && m->is_object() && !local(*m, "message").empty())
                why = local(*m, "message");
        text_wrapped_colored(col_info(), std::string(tr("common.missing_mark")) + " " + why);
        track("results.no_figures");
        return;
    }
    const json& r = s.result();
    const bool verdicts = s.verdicts_valid();
    charts::set_print_palette(s.print_colours);
    const float fs = ImGui::GetFontSize();
    const float avail = ImGui::GetContentRegionAvail().x;

    // ---- headline figures
    const json* by = at(r, {"energy", "by_carrier"});
    std::vector<std::string> tce_tip = {tr("results.tip_total_tce")};
    if (by && by->is_array())
        for (const json& c : *by)
            tce_tip.push_back(local(c, "name") + ": " +
                              (c.value("unit", "") == "kWh" ? viz::format(number_or(at(c, {"quantity"}), 0), viz::Measure::kwh)
                                                            : num(number_or(at(c, {"quantity"}), 0))) +
                              " " + unit_word(c.value("unit", "")) + " × " +
                              plain(number_or(at(c, {"kgce_per_base_unit"}), 0)) + " kgce/" + c.value("base_unit", "") + " = " +
                              viz::format(number_or(at(c, {"tce"}), 0), viz::Measure::tce) + " tce" + (c.value("feedstock", false) ? std::string(" (") + tr("energy.feedstock") + ")" : ""));
    for (auto& l : factor_lines(r, {"carrier/", "kj_per_kgce"})) tce_tip.push_back(l);
    std::vector<std::string> eq_tip = {tr("results.tip_equal")};
    for (auto& l : factor_lines(r, {"generation_coal_rate", "supply_coal_rate"})) eq_tip.push_back(l);
    std::vector<std::string> co2_tip = {std::string(tr("results.scope1")) + " " + opt_num(at(r, {"emissions", "scope1_tco2"}), viz::Measure::tco2) + " + " +
                                        tr("results.scope2") + " " + opt_num(at(r, {"emissions", "scope2_tco2"}), viz::Measure::tco2) + " tCO2"};
    co2_tip.push_back(std::string(tr("results.grid_factor")) + " " + opt_num(at(r, {"emissions", "grid_factor_tco2_per_mwh"})) + " tCO2/MWh");
    for (auto& l : factor_lines(r, {"grid/", "heat/", "steam/"})) co2_tip.push_back(l);

    // KPI cards: four across on a wide screen, two on a tablet, one per row on a phone.
    if (ImGui::BeginTable("##kpis", columns_for(fs * 12, 4), ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextColumn();
        kpi("results.total_tce", tr("results.total_tce"), opt_num(at(r, {"energy", "total_tce"}), viz::Measure::tce), tr("unit.tce"), "help.equivalent", tce_tip);
        ImGui::TableNextColumn();
        kpi("results.total_equal_tce", tr("results.total_equal_tce"), opt_num(at(r, {"energy", "total_equal_tce"}), viz::Measure::tce), tr("unit.tce"),
            "help.equal", eq_tip);
        ImGui::TableNextColumn();
        kpi("results.total_tco2", tr("results.total_tco2"), opt_num(at(r, {"emissions", "total_tco2"}), viz::Measure::tco2), tr("unit.tco2"), "help.scopes", co2_tip);
        ImGui::TableNextColumn();
        const json* e = at(r, {"energy", "electrification_rate"});
        kpi("results.electrification", tr("results.electrification"), is_num(e) ? group(e->get<double>() * 100, 1) : "—", "%",
            "help.electrification", {});
        ImGui::EndTable();
    }
    ImGui::Spacing();

    // ---- intensities (or why they are missing)
    section(tr("results.intensities"), "help.intensity");
    struct Int {
        const char* key;
        const char* label;
        const char* unit;
        const char* num_path;
        const char* den_key;
    };
    static const Int ints[] = {
        {"tce_per_10k_yuan_value_added", "results.int_tce_va", "unit.tce_per_10k_yuan", "total_tce", "value_added_10k_yuan"},
        {"tco2_per_10k_yuan_value_added", "results.int_tco2_va", "unit.tco2_per_10k_yuan", "total_tco2", "value_added_10k_yuan"},
        {"tco2_per_10k_yuan_output", "results.int_tco2_out", "unit.tco2_per_10k_yuan", "total_tco2", "output_value_10k_yuan"},
    };
    for (const auto& it : ints) {
        ImGui::PushID(it.key);
        row_label(tr(it.label));
        const json* v = at(r, {"intensity", it.key});
        if (is_num(v)) {
            text_wrapped(viz::format(v->get<double>(), viz::Measure::intensity) + " " + tr(it.unit));
            char tid[80];
            std::snprintf(tid, sizeof tid, "results.%s", it.key);
            track(tid);
            if (hover_tip_begin()) {
                const bool tce = std::string(it.num_path) == "total_tce";
                const json* n = tce ? at(r, {"energy", "total_tce"}) : at(r, {"emissions", "total_tco2"});
                const json* d = at(s.document, {"enterprise", it.den_key});
                tooltip_text(opt_num(n, viz::Measure::tce) + (tce ? " tce" : " tCO2") + " ÷ " + opt_num(d, viz::Measure::money_10k_yuan) + " " + tr("unit.10k_yuan") + " = " +
                             viz::format(v->get<double>(), viz::Measure::intensity));
                hover_tip_end();
            }
        } else if (const json* m = at(r, {"intensity", "missing", it.key}); m && m->is_object()) {
            text_wrapped_colored(col_info(), std::string(tr("common.missing_mark")) + " " + local(*m, "message"));
        } else {
            ImGui::TextDisabled("—");
        }
        ImGui::PopID();
    }

    // ---- charts: energy mix | emissions by source
    if (ImGui::BeginTable("##charts", columns_for(fs * 17, 2), ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        section(tr("results.mix"));
        std::vector<charts::Slice> slices;
        if (by && by->is_array())
            for (const json& c : *by) {
                if (c.value("feedstock", false)) continue;
                slices.push_back({local(c, "name"), number_or(at(c, {"tce"}), 0),
                                  viz::format(number_or(at(c, {"tce"}), 0), viz::Measure::tce) + " " + tr("unit.tce")});
            }
        if (const json* rt = at(r, {"energy", "renewable_tce"}); number_or(rt, 0) > 0)
            slices.push_back({tr("results.own_pv"), rt->get<double>(), viz::format(rt->get<double>(), viz::Measure::tce) + " " + tr("unit.tce")});
        charts::donut("mix", slices, fs * 5);
        track("results.mix");
        ImGui::TableNextColumn();
        section(tr("results.by_source"));
        charts::StackRow s1{tr("results.scope1"), {}}, s2{tr("results.scope2"), {}};
        if (by && by->is_array())
            for (const json& c : *by) {
                const int scope = c.value("scope", 1);
                if (scope == 0) continue;
                (scope == 1 ? s1 : s2).parts.push_back({local(c, "name"), number_or(at(c, {"tco2"}), 0), {}});
            }
        std::vector<std::string> order;  // same colours as the donut
        for (const auto& sl : slices) order.push_back(sl.label);
        charts::stacked_bars("bysrc", {s1, s2}, tr("unit.tco2"), ImGui::GetContentRegionAvail().x, order);
        track("results.by_source");
        ImGui::EndTable();
    }

    // ---- carbon efficiency | budget tier
    if (ImGui::BeginTable("##ce", columns_for(fs * 17, 2), ImGuiTableFlags_SizingStretchSame)) {
        ImGui::TableNextRow();
        ImGui::TableNextColumn();
        section(tr("results.carbon_efficiency"), "help.carbon_efficiency");
        const json* ce = at(r, {"carbon_efficiency"});
        // level is null without value added: value("level", "") threw on the null (the screen died)
        const std::string level = ce ? selfcheck::json_string_or(*ce, "level") : "";
        const json* L = ce ? at(*ce, {"intensity"}) : nullptr;
        text_wrapped(std::string(tr("results.carbon_level")) + " L = " + opt_num(L, viz::Measure::intensity) + " " + tr("unit.tco2_per_10k_yuan") + " · " +
                     (!verdicts ? "—" : level == "low" ? tr("results.level_low") : level == "medium" ? tr("results.level_medium")
                                   : level == "high" ? tr("results.level_high") : "—"));
        track("results.carbon_level");
        if (!verdicts) text_wrapped_colored(col_info(), tr("figures.verdict_needs_valid"));
        help("help.carbon_level");
        const json* K = ce ? at(*ce, {"index"}) : nullptr;
        const json* G = ce ? at(*ce, {"grade"}) : nullptr;
        std::optional<double> kv;
        if (is_num(K) && verdicts) kv = K->get<double>();
        std::string caption = "K = " + opt_num(K, viz::Measure::intensity) + " · " + tr("results.grade") + " " + (G && G->is_number() ? std::to_string(G->get<int>()) : "—");
        std::string missing = tr("results.gauge_missing");
        if (ce && at(*ce, {"missing"}) && (*ce)["missing"].is_object()) missing = local((*ce)["missing"], "message");
        const viz::GradeScale scale = grade_scale(s);
        std::vector<std::string> bands;
        for (int g = 1; g <= scale.grades(); ++g) bands.push_back(std::to_string(g));
        // the long reason is written under the gauge; inside it only a short note
        charts::gauge("grade", kv, scale.cuts, 3.0, bands, caption, tr("results.gauge_missing"), fs * 6);
        track("results.gauge");
        if (hover_tip_begin()) {
            tooltip_text(tr("results.tip_gauge"));
            if (ce) tooltip_text(ce->value("clause", ""));
            if (ce && !local_source(*ce, "industry_average_source").empty())
                tooltip_text(std::string(tr("common.source")) + ": " + local_source(*ce, "industry_average_source"));
            hover_tip_end();
        }
        if (!kv) {
            text_wrapped_colored(col_info(), missing);
            if (small_button(tr("results.goto_settings"))) s.screen = Screen::settings;
            track("results.goto_settings");
        }

        ImGui::TableNextColumn();
        section(tr("results.budget"), "help.budget");
        text_wrapped(verdicts ? energy_statement(r, "budget_tier_text") : std::string("—"));
        track("results.budget_tier");
        if (verdicts && hover_tip_begin()) {
            tooltip_text(r["energy"].value("budget_tier_clause", ""));
            hover_tip_end();
        }
        // One statement for app and report: the core's sentence (energy.key_unit_status), as the report prints it.
        text_wrapped(verdicts ? energy_statement(r, "key_unit_status") : std::string("—"));
        track("results.key_unit");
        help("help.key_unit");
        if (verdicts) {
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            text_wrapped(r["energy"].value("key_unit_clause", ""));
            ImGui::PopStyleColor();
        } else {
            text_wrapped_colored(col_info(), tr("figures.verdict_needs_valid"));
        }

        // green-factory radar
        section(tr("results.gf_radar"));
        std::vector<charts::Axis> axes;
        if (const json* dims = at(r, {"green_factory", "detail", "dimensions"}); dims && dims->is_array())
            for (const json& dm : *dims) {
                const double mx = number_or(at(dm, {"max"}), 0), sc = number_or(at(dm, {"score"}), 0);
                axes.push_back({local(dm, "name"), mx > 0 ? sc / mx : 0,
                                viz::format(sc, viz::Measure::points) + " / " + viz::format(mx, viz::Measure::points) + " " + tr("gf.points")});
            }
        bool any_score = false;
        for (const auto& a : axes) any_score = any_score || a.fraction > 0;
        if (any_score) {
            charts::radar("gf", axes, fs * 4.5f);
        } else {
            // an empty chart says what it needs instead of drawing a lone dot
            text_wrapped_colored(col_info(), tr("results.gf_radar_empty"));
            if (small_button(tr("results.goto_gf"))) s.screen = Screen::green_factory;
        }
        track("results.gf_radar");
        ImGui::EndTable();
    }

    // ---- products against the limit levels
    if (const json* ps = at(r, {"products"}); ps && ps->is_array() && !ps->empty()) {
        section(tr("results.products"), "help.product_limit");
        int i = 0;
        for (const json& p : *ps) {
            ImGui::PushID(i++);
            text_wrapped(p.value("name", ""));
            if (!p.value("standard", "").empty()) {
                const std::string st = p.value("standard", "");
                if (!same_line_if_fits(ImGui::CalcTextSize(st.c_str()).x)) {}
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
                text_wrapped(st);
                ImGui::PopStyleColor();
            }
            std::vector<charts::Level> lv;
            for (const char* k : {"level1", "level2", "level3"})
                if (is_num(at(p, {k}))) lv.push_back({std::string(tr(k[5] == '1' ? "results.level1" : k[5] == '2' ? "results.level2" : "results.level3")), p[k].get<double>()});
            const json* v = at(p, {"kgce_per_unit"});
            if (is_num(v) && !lv.empty()) {
                charts::benchmark_bar("bench", v->get<double>(), lv, p.value("limit_unit", "").c_str(), std::min(avail, fs * 36));
                if (p.value("not_in_force_for_year", false)) text_wrapped_colored(col_info(), tr("results.not_in_force"));
            } else if (const json* m = at(p, {"missing"}); m && m->is_object()) {
                text_wrapped_colored(col_info(), std::string(tr("common.missing_mark")) + " " + local(*m, "message"));
            } else if (is_num(v)) {
                ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
                text_wrapped(std::string(tr("products.unit_energy")) + " " + viz::format(v->get<double>(), viz::Measure::intensity) + " kgce/" + unit_word(p.value("unit", "")) + " · " +
                             tr("results.no_limit"));
                ImGui::PopStyleColor();
            }
            ImGui::PopID();
        }
        track("results.products");
    }

    draw_trend_panel(s);  // years.hpp: 历年趋势与目标

    // ---- findings by severity
    section(tr("results.findings"), "help.findings");
    const json* fl = at(r, {"findings"});
    struct Sev {
        const char* id;
        const char* label;
        unsigned int col;
    };
    const Sev sevs[] = {{"high", "results.sev_high", col_error()}, {"medium", "results.sev_medium", col_warning()},
                        {"low", "results.sev_low", col_info()}, {"info", "results.sev_info", col_info()}};
    for (const auto& sv : sevs) {
        int n = 0;
        if (fl && fl->is_array())
            for (const json& f : *fl)
                if (f.value("severity", "") == sv.id) ++n;
        if (!n) continue;
        char head[96];
        std::snprintf(head, sizeof head, "%s (%d)###sev_%s", tr(sv.label), n, sv.id);
        ImGui::PushStyleColor(ImGuiCol_Text, sv.col);
        const bool open = ImGui::CollapsingHeader(head, std::string(sv.id) == "high" ? ImGuiTreeNodeFlags_DefaultOpen : 0);
        ImGui::PopStyleColor();
        char tid[64];
        std::snprintf(tid, sizeof tid, "results.findings.%s", sv.id);
        track(tid);
        if (!open) continue;
        for (const json& f : *fl) {
            if (f.value("severity", "") != sv.id) continue;
            ImGui::Bullet();
            ImGui::SameLine();
            text_wrapped(local(f, "message"));
            ImGui::Indent(fs * 1.2f);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            text_wrapped(std::string(tr("results.clause")) + f.value("clause", ""));
            ImGui::PopStyleColor();
            ImGui::Unindent(fs * 1.2f);
        }
    }
}

} // namespace selfcheck::app::ui
