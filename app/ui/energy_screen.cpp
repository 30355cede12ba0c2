// 2 能源消费: one row per energy carrier (annual quantity, unit limited to units that measure the
// carrier, optional bill-style monthly entry summing to the year, measured calorific value,
// feedstock flag), plus own renewables and green power.
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"
#include "ui/years.hpp"

#include "imgui.h"
#include "units.hpp"

#include <algorithm>
#include <cmath>
#include <map>
#include <string>

namespace selfcheck::app::ui {

namespace {
const Unit k_units[] = {Unit::kWh, Unit::MWh, Unit::w_kWh, Unit::t, Unit::kg, Unit::m3, Unit::w_m3, Unit::GJ, Unit::MJ, Unit::L};

// Units that convert to the carrier's base unit (litres only where a density is on file).
std::vector<std::pair<std::string, const char*>> units_for(const AppState& s, const std::string& carrier) {
    std::vector<std::pair<std::string, const char*>> out;
    const Carrier* c = nullptr;
    if (s.ref)
        if (auto it = s.ref->carriers.find(carrier); it != s.ref->carriers.end()) c = &it->second;
    for (Unit u : k_units) {
        bool ok = true;
        if (c) {
            ok = to_base_factor(u, c->base_unit, c->density_kg_per_l).has_value();
            if (!ok && c->heat_units_as_heat && (u == Unit::GJ || u == Unit::MJ)) ok = true;
            // hot water by mass with supply/return temperatures (core/steam.hpp)
            if (!ok && carrier == "hot_water" && (u == Unit::t || u == Unit::kg)) ok = true;
        }
        if (!ok) continue;
        static std::string labels[10][2];
        const int i = static_cast<int>(u);
        labels[i][0] = std::string(unit_id(u));
        labels[i][1] = unit_word(labels[i][0]);  // 万立方米 / 10,000 m³: the id stays in the document
        out.emplace_back(labels[i][0], labels[i][1].c_str());
    }
    return out;
}

const json* carrier_result(const AppState& s, const std::string& carrier) {
    const json* list = at(s.result(), {"energy", "by_carrier"});
    if (!list || !list->is_array()) return nullptr;
    for (const json& c : *list)
        if (c.value("carrier", "") == carrier) return &c;
    return nullptr;
}

void id_of(char* buf, std::size_t n, int row, const char* what) { std::snprintf(buf, n, "energy.%d.%s", row, what); }
} // namespace

void draw_energy(AppState& s) {
    screen_title("energy.title", "help.energy");
    stale_banner(s);
    bool ch = false;
    const YearView yv = years_bar(s, ch);  // years.hpp: the current year or an earlier one
    json& year_doc = *yv.obj;
    json& rows = ensure(year_doc, "energy", true);
    char tid[64];

    static std::vector<std::pair<std::string, const char*>> carrier_choices;
    static std::vector<std::string> carrier_names;
    static std::string lang_for;
    if (carrier_choices.empty() || lang_for != language()) {
        carrier_choices.clear();
        carrier_names.clear();
        if (s.ref) {
            carrier_names.reserve(s.ref->carriers.size());
            for (const auto& [id, c] : s.ref->carriers) carrier_names.push_back((lang_en() ? c.name_en : c.name_zh));
            std::size_t i = 0;
            for (const auto& [id, c] : s.ref->carriers) carrier_choices.emplace_back(id, carrier_names[i++].c_str());
        }
        lang_for = language();
    }

    int remove = -1, duplicate = -1;
    const float fs = ImGui::GetFontSize();
    const float sp = ImGui::GetStyle().ItemSpacing.x;
    // Column headers over the row fields (same x as the widgets below) where a row's carrier,
    // quantity and unit fit on one line; on a narrow screen each row is a card: each of those
    // fields on its own line with its label before it.
    const bool wide = ImGui::GetContentRegionAvail().x >= fs * 28 + sp * 2;
    const float card_label_w = std::max({ImGui::CalcTextSize(tr("energy.col_carrier")).x, ImGui::CalcTextSize(tr("energy.col_quantity")).x,
                                         ImGui::CalcTextSize(tr("energy.col_unit")).x}) + sp * 2;
    const auto card_label = [&](const char* key, const char* track_id) {
        if (wide) return;
        ImGui::AlignTextToFramePadding();
        ImGui::TextDisabled("%s", tr(key));
        track(track_id);
        ImGui::SameLine(fs * 2 + card_label_w);
    };
    if (!rows.empty() && wide) {
        const float x0 = ImGui::GetCursorPosX();
        ImGui::TextDisabled("#");
        ImGui::SameLine(x0 + fs * 2);
        ImGui::TextDisabled("%s", tr("energy.col_carrier"));
        ImGui::SameLine(x0 + fs * 10 + sp);
        ImGui::TextDisabled("%s", tr("energy.col_quantity"));
        ImGui::SameLine(x0 + fs * 19 + sp * 2);
        ImGui::TextDisabled("%s", tr("energy.col_unit"));
        track("energy.headers");
    }
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        json& r = rows[i];
        if (!r.is_object()) continue;
        ImGui::PushID(i);
        const std::string path = yv.prefix + "/energy/" + std::to_string(i);
        const std::string carrier = r.value("carrier", "");
        ImGui::BeginGroup();
        ImGui::AlignTextToFramePadding();
        ImGui::Text("%d", i + 1);
        ImGui::SameLine(fs * 2);
        // a card (narrow): the row number, then one labelled field per line
        id_of(tid, sizeof tid, i, "carrier_label");
        card_label("energy.col_carrier", tid);
        ch |= combo("##carrier", r, "carrier", carrier_choices, wide ? fs * 8 : fit(fs * 9));
        id_of(tid, sizeof tid, i, "carrier");
        track(tid);
            focus_target(s, path + "/carrier");
            if (wide) same_line_if_fits(fs * 9);
            id_of(tid, sizeof tid, i, "quantity_label");
            if (!wide) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + fs * 2);
            card_label("energy.col_quantity", tid);
            ch |= input_number("##q", r, "quantity", wide ? fs * 9 : fit(fs * 9));
            id_of(tid, sizeof tid, i, "quantity");
            track(tid);
            focus_target(s, path + "/quantity");
            if (wide) same_line_if_fits(fs * 9);
            id_of(tid, sizeof tid, i, "unit_label");
            if (!wide) ImGui::SetCursorPosX(ImGui::GetCursorPosX() + fs * 2);
            card_label("energy.col_unit", tid);
            ch |= combo("##unit", r, "unit", units_for(s, carrier), wide ? fs * 9 : fit(fs * 9));
            id_of(tid, sizeof tid, i, "unit");
            track(tid);
            focus_target(s, path + "/unit");
            // Rows that fit the carrier: a fuel may be a feedstock and may have a measured calorific
            // value; electricity, heat and steam have neither (a value already in the file stays shown).
            const Carrier* cdef = nullptr;
            if (s.ref)
                if (auto it = s.ref->carriers.find(carrier); it != s.ref->carriers.end()) cdef = &it->second;
            const bool fuel = cdef && cdef->fossil && cdef->ncv_kj_per_base.has_value();
            if (fuel || r.contains("feedstock")) {
                same_line_if_fits(ImGui::CalcTextSize(tr("energy.feedstock")).x + ImGui::GetFrameHeight() + fs * 2);
                bool feed = r.value("feedstock", false);
                if (ImGui::Checkbox(tr("energy.feedstock"), &feed)) {
                    if (feed) r["feedstock"] = true;
                    else r.erase("feedstock");
                    ch = true;
                }
                id_of(tid, sizeof tid, i, "feedstock");
                track(tid);
                help("help.feedstock");
            }
            same_line_if_fits(ImGui::CalcTextSize(tr("common.duplicate")).x + fs);
            if (small_button(tr("common.duplicate"))) duplicate = i;
        id_of(tid, sizeof tid, i, "duplicate");
        track(tid);
        same_line_if_fits(ImGui::CalcTextSize(tr("common.delete")).x + fs);
        if (small_button(tr("common.delete"))) remove = i;
        id_of(tid, sizeof tid, i, "delete");
        track(tid);

        // result for this carrier: tce and CO2, with the coefficient and its source on hover
        if (const json* cr = yv.current ? carrier_result(s, carrier) : nullptr) {
            ImGui::Indent(fs * 2);
            ImGui::TextDisabled("= %s %s · %s %s", num(number_or(at(*cr, {"tce"}), 0)).c_str(), tr("unit.tce"),
                                num(number_or(at(*cr, {"tco2"}), 0)).c_str(), tr("unit.tco2"));
            if (hover_tip_begin()) {
                tooltip_text(std::string(tr("energy.tip_formula")));
                const std::string base = unit_word(cr->value("base_unit", ""));  // 千瓦时, not kWh
                tooltip_text(num(number_or(at(*cr, {"base_quantity"}), 0)) + " " + base + " × " +
                             plain(number_or(at(*cr, {"kgce_per_base_unit"}), 0)) + " " + unit_text("kgce") + "/" + base +
                             " ÷ 1000 = " + num(number_or(at(*cr, {"tce"}), 0)) + " " + tr("unit.tce"));
                if (const json* fu = at(s.result(), {"factors_used"}); fu && fu->is_array())
                    for (const json& f : *fu)
                        if (f.value("id", "") == "carrier/" + carrier)
                            tooltip_text(std::string(tr("common.source")) + ": " + local_source(f));
                hover_tip_end();
            }
            ImGui::Unindent(fs * 2);
        }
        ImGui::Indent(fs * 2);
        // monthly bills and measured NCV
        bool has_monthly = r.contains("monthly") && r["monthly"].is_array();
        if (ImGui::Checkbox(tr("energy.monthly"), &has_monthly)) {
            // Switching between annual and monthly loses nothing: months typed and then switched off
            // are kept for this row (this session) and come back when switched on again; twelve
            // months with no annual figure become the annual figure.
            static std::map<std::string, json> kept;
            const std::string kept_key = s.source_name + "|" + path + "|" + carrier;
            if (has_monthly) {
                // starts empty: the bills are typed in; the sum is shown against the annual figure
                json m = json::array();
                for (int k = 0; k < 12; ++k) m.push_back(nullptr);
                if (auto it = kept.find(kept_key); it != kept.end()) {
                    m = it->second;
                    kept.erase(it);
                }
                r["monthly"] = m;
            } else {
                const json m = r["monthly"];
                double sum = 0;
                int entered = 0, typed = 0;
                for (const json& v : m) {
                    if (!v.is_null()) ++typed;
                    if (v.is_number()) {
                        sum += v.get<double>();
                        ++entered;
                    }
                }
                if (typed) kept[kept_key] = m;
                if (entered == 12 && m.size() == 12 && !r.contains("quantity")) r["quantity"] = sum;
                r.erase("monthly");
            }
            ch = true;
        }
        id_of(tid, sizeof tid, i, "monthly");
        track(tid);
        help("help.monthly");
            if (fuel || r.contains("ncv_kj_per_unit")) {
                same_line_if_fits(ImGui::CalcTextSize(tr("energy.ncv")).x + fs * 2, fs * 2);
                ImGui::AlignTextToFramePadding();
                ImGui::TextUnformatted(tr("energy.ncv"));
                help("help.ncv");
                same_line_if_fits(fs * 7);
                ch |= input_number("##ncv", r, "ncv_kj_per_unit", fs * 7);
                id_of(tid, sizeof tid, i, "ncv");
                track(tid);
                focus_target(s, path + "/ncv_kj_per_unit");
                // kJ per the row's unit (core/model.hpp): 千焦/立方米
                const std::string ru = r.value("unit", "");
                unit_label(ru.empty() ? tr("unit.kj_per_unit") : (std::string(tr("unit.kj")) + "/" + unit_word(ru)).c_str());
            }
            same_line_if_fits(ImGui::CalcTextSize(tr("energy.note")).x, fs * 2);
        ImGui::AlignTextToFramePadding();
        ImGui::TextUnformatted(tr("energy.note"));
        same_line_if_fits(fs * 12);
        ch |= input_text("##note", r, "note", fs * 12);
        // Steam / hot water by mass: metered condition for the CO2 enthalpy (core/steam.hpp).
        const std::string unit = r.value("unit", "");
        const bool mass = unit == "t" || unit == "kg";
        struct Condition {
            const char* label;
            const char* imgui_id;
            const char* key;
            const char* track_id;
            const char* unit;
        };
        static const Condition steam[] = {
            {"energy.steam_pressure", "##sp", "steam_pressure_mpa", "steam_pressure", "unit.mpa_gauge"},
            {"energy.steam_temperature", "##st", "steam_temperature_c", "steam_temperature", "unit.celsius"}};
        static const Condition hot_water[] = {
            {"energy.supply_temperature", "##ts", "supply_temperature_c", "supply_temperature", "unit.celsius"},
            {"energy.return_temperature", "##tr", "return_temperature_c", "return_temperature", "unit.celsius"}};
        const Condition* cond = !mass ? nullptr : carrier == "steam" ? steam : carrier == "hot_water" ? hot_water : nullptr;
        const char* cond_help = carrier == "steam" ? "help.steam_condition" : "help.hot_water_temperatures";
        for (int k = 0; cond && k < 2; ++k) {
            if (k)  // the second condition beside the first only when label, field and unit fit
                same_line_if_fits(ImGui::CalcTextSize(tr(cond[k].label)).x + fs * 5 + ImGui::CalcTextSize(tr(cond[k].unit)).x +
                                      ImGui::GetStyle().ItemSpacing.x * 2,
                                  fs * 2);
            ImGui::AlignTextToFramePadding();
            ImGui::TextUnformatted(tr(cond[k].label));
            if (k == 0) help(cond_help);
            same_line_if_fits(fs * 5);
            ch |= input_number(cond[k].imgui_id, r, cond[k].key, fs * 5);
            id_of(tid, sizeof tid, i, cond[k].track_id);
            track(tid);
            unit_label(tr(cond[k].unit));
        }
        bool non_prod = r.value("non_production", false);
        if (ImGui::Checkbox(tr("energy.non_production"), &non_prod)) {
            if (non_prod) r["non_production"] = true;
            else r.erase("non_production");
            ch = true;
        }
        id_of(tid, sizeof tid, i, "non_production");
        track(tid);
        help("help.non_production");
        if (has_monthly && r["monthly"].is_array()) {
            json& m = r["monthly"];
            while (m.size() < 12) m.push_back(nullptr);
            double sum = 0;
            int entered = 0;
            for (int k = 0; k < 12; ++k) {
                ImGui::PushID(100 + k);
                if (k % 6) same_line_if_fits(ImGui::CalcTextSize("12月").x + fs * 6 + ImGui::GetStyle().ItemSpacing.x);
                ImGui::AlignTextToFramePadding();
                ImGui::Text("%s%d%s", lang_en() ? "M" : "", k + 1, lang_en() ? "" : "月");
                ImGui::SameLine();
                json slot = m[k];
                if (input_number_at("##m", slot, fs * 6)) {
                    m[k] = slot;
                    ch = true;
                }
                std::snprintf(tid, sizeof tid, "energy.%d.month%d", i, k);  // energy.<row>.month0 .. month11
                track(tid);
                ImGui::PopID();
                if (m[k].is_number()) {
                    sum += m[k].get<double>();
                    ++entered;
                }
            }
            // the running sum against the annual figure (the core checks them once all 12 are in;
            // with no annual figure the year is the sum of the 12 bills)
            const json* q = at(r, {"quantity"});
            const std::string uw = unit_word(r.value("unit", ""));
            char line[256];
            std::snprintf(line, sizeof line, tr("energy.monthly_running"), entered, num(sum).c_str(), uw.c_str());
            std::string text = line;
            std::string note;  // the months and the annual figure disagree: say so, and what to do
            if (is_num(q)) {
                text += " · " + std::string(tr("energy.monthly_annual")) + " " + num(q->get<double>()) + " " + uw;
                const double diff = sum - q->get<double>();
                const bool differs = std::fabs(diff) > 1e-6 * std::max(1.0, std::fabs(q->get<double>()));
                if (differs && (entered == 12 || diff > 0)) {  // twelve that differ, or fewer already above the year
                    char buf[384];
                    std::snprintf(buf, sizeof buf, tr(diff > 0 ? "energy.monthly_above" : "energy.monthly_below"),
                                  num(std::fabs(diff)).c_str(), uw.c_str());
                    note = buf;
                }
            } else if (entered == 12) {
                text += " · " + std::string(tr("energy.monthly_is_year"));
            }
            text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), text);  // wrapped: a phone is narrower than the line
            id_of(tid, sizeof tid, i, "monthly_sum");
            track(tid);
            if (!note.empty()) {
                text_wrapped_colored(col_warning(), note);
                id_of(tid, sizeof tid, i, "monthly_note");
                track(tid);
            }
        }
        ImGui::Unindent(fs * 2);
        ImGui::EndGroup();
        field_issues(s, path, false);
        field_issues(s, path);
        ImGui::Separator();
        ImGui::PopID();
    }
    if (duplicate >= 0) {
        rows.insert(rows.begin() + duplicate + 1, rows[duplicate]);
        ch = true;
    }
    if (remove >= 0) {
        rows.erase(rows.begin() + remove);
        ch = true;
    }
    if (ImGui::Button(tr("energy.add_row"))) {
        // no quantity yet: an empty field, never a 0 that looks entered
        rows.push_back({{"carrier", "electricity"}, {"unit", "kWh"}});
        ch = true;
    }
    track("energy.add_row");
    focus_target(s, "/energy");
    field_issues(s, yv.prefix + "/energy");
    if (yv.current) draw_bills_import(s);  // bills_import.cpp: paste cells from Excel/WPS, preview, apply

    ImGui::Spacing();
    ImGui::TextUnformatted(tr("energy.renewables"));
    help("help.renewables");
    json& ren = ensure(year_doc, "renewables");
    struct F {
        const char* key;
        const char* label;
        const char* unit;
    };
    static const F fields[] = {{"pv_self_used_kwh", "energy.pv_self_used", "unit.kwh"},
                               {"pv_exported_kwh", "energy.pv_exported", "unit.kwh"},
                               {"green_power_kwh", "energy.green_power", "unit.kwh"},
                               {"gec_mwh", "energy.gec", "unit.mwh"}};
    for (const auto& f : fields) {
        row_label(tr(f.label));
        ImGui::PushID(f.key);
        ch |= input_number("##v", ren, f.key);
        ImGui::PopID();
        unit_label(tr(f.unit));
        field_issues(s, yv.prefix + "/renewables/" + f.key);
    }
    if (ren.empty()) year_doc.erase("renewables");
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
