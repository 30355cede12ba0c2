// 4 设备: equipment by kind, one table per kind (add / duplicate / delete rows), with sensible
// defaults for a new row. Field names carry their units (rated_kw, hours_per_year, ...), as the
// core's diagnosis reads them (core/io/equipment_json.cpp); unknown fields in a row are kept untouched.
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <algorithm>
#include <string>
#include <vector>

namespace selfcheck::app::ui {

namespace {
struct Field {
    const char* key;
    const char* label;  // i18n key
    bool number;
    const char* unit;   // shown in the column header as words in the UI language (unit_text: "h/a" -> 小时/年)
};
struct Kind {
    const char* type;
    const char* label;  // i18n key
    std::vector<Field> fields;
    const char* defaults;  // JSON of a new row
};

const std::vector<Kind>& kinds() {
    static const std::vector<Kind> k = {
        {"motor", "eq.t.motor",
         {{"rated_kw", "eq.f.rated_kw", true, "kW"}, {"efficiency_class", "eq.f.efficiency_class", false, "IE1-5"},
          {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}, {"load_factor", "eq.f.load_factor", true, "%"},
          {"speed_control", "eq.f.speed_control", false, ""}, {"year_installed", "eq.f.year_installed", true, ""}},
         R"({"type":"motor","count":1,"rated_kw":15,"efficiency_class":"IE2","hours_per_year":4000,"load_factor":0.7})"},
        {"pump", "eq.t.pump",
         {{"rated_kw", "eq.f.rated_kw", true, "kW"}, {"flow_control", "eq.f.flow_control", false, ""},
          {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}, {"load_factor", "eq.f.load_factor", true, "%"},
          {"efficiency_class", "eq.f.efficiency_class", false, "IE1-5"}},
         R"({"type":"pump","count":1,"rated_kw":22,"flow_control":"throttle","hours_per_year":4000,"load_factor":0.7})"},
        {"fan", "eq.t.fan",
         {{"rated_kw", "eq.f.rated_kw", true, "kW"}, {"flow_control", "eq.f.flow_control", false, ""},
          {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}, {"load_factor", "eq.f.load_factor", true, "%"}},
         R"({"type":"fan","count":1,"rated_kw":11,"flow_control":"damper","hours_per_year":4000,"load_factor":0.7})"},
        {"air_compressor", "eq.t.air_compressor",
         {{"compressor_type", "eq.f.compressor_type", false, ""},  // an oil-injected screw can give its heat back (core/measures.cpp)
          {"rated_kw", "eq.f.rated_kw", true, "kW"}, {"fad_m3_per_min", "eq.f.fad_m3_per_min", true, "m3/min"},
          {"pressure_mpa", "eq.f.pressure_mpa", true, "MPa"}, {"required_pressure_mpa", "eq.f.required_pressure_mpa", true, "MPa"},
          {"specific_power_kw_per_m3_min", "eq.f.specific_power", true, "kW/(m3/min)"},
          {"speed_control", "eq.f.speed_control", false, ""}, {"hours_per_year", "eq.f.hours_per_year", true, "h/a"},
          {"load_factor", "eq.f.load_factor", true, "%"}},
         R"({"type":"air_compressor","count":1,"compressor_type":"screw_oil_injected","rated_kw":55,"fad_m3_per_min":9,"pressure_mpa":0.8,"speed_control":"fixed","hours_per_year":4000,"load_factor":0.8})"},
        {"transformer", "eq.t.transformer",
         {{"rated_kva", "eq.f.rated_kva", true, "kVA"}, {"series", "eq.f.series", false, ""},
          {"load_factor", "eq.f.load_factor", true, "%"}, {"no_load_loss_kw", "eq.f.no_load_loss_kw", true, "kW"},
          {"load_loss_kw", "eq.f.load_loss_kw", true, "kW"}},
         R"({"type":"transformer","count":1,"series":"S11","rated_kva":1000,"load_factor":0.5})"},
        {"boiler", "eq.t.boiler",
         {{"fuel", "eq.f.fuel", false, ""}, {"capacity_t_per_h", "eq.f.capacity_t_per_h", true, "t/h"},
          {"efficiency", "eq.f.efficiency", true, "%"}, {"flue_temp_c", "eq.f.flue_temp_c", true, "°C"},
          {"fuel_quantity", "eq.f.fuel_quantity", true, ""}, {"year_installed", "eq.f.year_installed", true, ""}},
         R"({"type":"boiler","count":1,"fuel":"natural_gas","capacity_t_per_h":4,"efficiency":0.88})"},
        {"furnace", "eq.t.furnace",
         {{"fuel", "eq.f.fuel", false, ""}, {"rated_kw", "eq.f.rated_kw", true, "kW"},
          {"efficiency", "eq.f.efficiency", true, "%"}, {"exhaust_temp_c", "eq.f.exhaust_temp_c", true, "°C"}},
         R"({"type":"furnace","count":1,"fuel":"natural_gas","rated_kw":500,"efficiency":0.5})"},
        {"lighting", "eq.t.lighting",
         {{"lamp_type", "eq.f.lamp_type", false, ""}, {"watts", "eq.f.watts", true, "W"},
          {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}},
         R"({"type":"lighting","count":100,"lamp_type":"fluorescent","watts":36,"hours_per_year":3000})"},
        {"heat_pump", "eq.t.heat_pump",
         {{"rated_kw", "eq.f.rated_kw", true, "kW"}, {"cop", "eq.f.cop", true, ""}, {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}},
         R"({"type":"heat_pump","count":1,"rated_kw":100,"cop":3})"},
        {"chiller", "eq.t.chiller",
         {{"rated_kw", "eq.f.rated_kw", true, "kW"}, {"cop", "eq.f.cop", true, ""}, {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}},
         R"({"type":"chiller","count":1,"rated_kw":300,"cop":5})"},
        {"pv", "eq.t.pv", {{"rated_kw", "eq.f.pv_kwp", true, "kWp"}, {"annual_kwh", "eq.f.annual_kwh", true, "kWh"}},
         R"({"type":"pv","count":1,"rated_kw":500})"},
        {"storage", "eq.t.storage", {{"capacity_kwh", "eq.f.capacity_kwh", true, "kWh"}, {"power_kw", "eq.f.power_kw", true, "kW"}},
         R"({"type":"storage","count":1,"capacity_kwh":1000,"power_kw":500,"planned":true})"},
        {"roof", "eq.t.roof",
         {{"usable_area_m2", "eq.f.usable_area_m2", true, "m2"}, {"structure", "eq.f.structure", false, ""}},
         R"({"type":"roof","count":1,"usable_area_m2":5000,"structure":"steel"})"},
        {"waste_heat", "eq.t.waste_heat",
         {{"medium", "eq.f.medium", false, "gas/liquid"}, {"temperature_c", "eq.f.temperature_c", true, "°C"},
          {"recoverable_kw", "eq.f.recoverable_kw", true, "kW"}, {"hours_per_year", "eq.f.hours_per_year", true, "h/a"}},
         R"({"type":"waste_heat","count":1,"medium":"gas","temperature_c":180,"recoverable_kw":200})"},
        // Process kinds the core's measures read (core/measures.cpp: heat pump, CPB dyeing, digital
        // printing, water reuse, shoe press): a "missing item" link to one of their fields lands here.
        {"process_heat", "eq.t.process_heat",
         {{"temperature_c", "eq.f.supply_temperature_c", true, "°C"}, {"heat_source_temp_c", "eq.f.heat_source_temp_c", true, "°C"},
          {"demand_gj_per_year", "eq.f.demand_gj_per_year", true, "GJ/a"}, {"hours_per_year", "eq.f.hours_per_year", true, "h/a"},
          {"source", "eq.f.heat_source", false, ""}},
         R"({"type":"process_heat","count":1})"},
        {"dyeing", "eq.t.dyeing",
         {{"process", "eq.f.dyeing_process", false, ""}, {"steam_t_per_year", "eq.f.dyeing_steam_t_per_year", true, "t/a"},
          {"water_m3_per_year", "eq.f.dyeing_water_m3_per_year", true, "m3/a"},
          {"bleaching_temp_c", "eq.f.bleaching_temp_c", true, "°C"},
          {"pretreatment_steam_t_per_year", "eq.f.pretreatment_steam_t_per_year", true, "t/a"}},
         R"({"type":"dyeing","count":1})"},
        {"printing", "eq.t.printing",
         {{"method", "eq.f.printing_method", false, ""}, {"metres_per_year", "eq.f.metres_per_year", true, "m/a"},
          {"steam_t_per_year", "eq.f.printing_steam_t_per_year", true, "t/a"},
          {"electricity_kwh_per_year", "eq.f.printing_kwh_per_year", true, "kWh/a"}},
         R"({"type":"printing","count":1})"},
        {"water", "eq.t.water",
         {{"use_m3_per_day", "eq.f.use_m3_per_day", true, "m3/d"}, {"reuse_rate", "eq.f.reuse_rate", true, "%"},
          {"fresh_price_yuan_per_m3", "eq.f.fresh_price_yuan_per_m3", true, "yuan/m3"},
          {"discharge_price_yuan_per_m3", "eq.f.discharge_price_yuan_per_m3", true, "yuan/m3"},
          {"operating_days", "eq.f.operating_days", true, "d/a"}},
         R"({"type":"water","count":1})"},
        {"paper_machine", "eq.t.paper_machine",
         {{"dryer_steam_t_per_year", "eq.f.dryer_steam_t_per_year", true, "t/a"},
          {"press_dryness_pct", "eq.f.press_dryness_pct", true, "%"}},
         R"({"type":"paper_machine","count":1})"},
    };
    return k;
}

// Fields the core reads as a 0-1 fraction (core/io/equipment_json.cpp field specs), typed as a percentage.
bool is_fraction(const char* key) {
    const std::string k = key;
    return k == "load_factor" || k == "efficiency" || k == "reuse_rate";
}

const Kind* kind_of(const std::string& type) {
    for (const auto& k : kinds())
        if (type == k.type) return &k;
    return nullptr;
}
} // namespace

void draw_equipment(AppState& s) {
    screen_title("equipment.title", "help.equipment");
    stale_banner(s);
    json& rows = ensure(s.document, "equipment", true);
    bool ch = false;
    const float fs = ImGui::GetFontSize();
    static std::string current = "motor";
    char tid[96];
    // a "missing item" link to /equipment/<row>/<field> opens that row's kind
    std::string want_tab;
    if (s.focus_path.rfind("/equipment/", 0) == 0) {
        const std::size_t a = 11, b = s.focus_path.find('/', a);
        const std::string n = s.focus_path.substr(a, b == std::string::npos ? std::string::npos : b - a);
        if (!n.empty() && n.find_first_not_of("0123456789") == std::string::npos) {
            const std::size_t row = std::stoul(n);
            if (row < rows.size() && rows[row].is_object() && kind_of(rows[row].value("type", ""))) want_tab = rows[row].value("type", "");
        }
    }

    // kind tabs: every known kind, with the number of rows of that kind. Where the tabs do not fit
    // on one line (a phone), the kinds are buttons that wrap, so no kind's name is cut off.
    std::vector<std::string> labels;
    float tabs_w = 0;
    for (const auto& k : kinds()) {
        int n = 0;
        for (const json& r : rows)
            if (r.is_object() && r.value("type", "") == k.type) n += 1;
        char label[96];
        if (n) std::snprintf(label, sizeof label, "%s (%d)", tr(k.label), n);
        else std::snprintf(label, sizeof label, "%s", tr(k.label));
        labels.emplace_back(label);
        tabs_w += ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetStyle().ItemInnerSpacing.x;
    }
    if (tabs_w <= ImGui::GetContentRegionAvail().x) {
        if (ImGui::BeginTabBar("##kinds", ImGuiTabBarFlags_FittingPolicyScroll)) {
            std::size_t i = 0;
            for (const auto& k : kinds()) {
                const std::string label = labels[i++] + "###" + k.type;
                if (ImGui::BeginTabItem(label.c_str(), nullptr, want_tab == k.type ? ImGuiTabItemFlags_SetSelected : 0)) {
                    current = k.type;
                    ImGui::EndTabItem();
                }
                std::snprintf(tid, sizeof tid, "equipment.tab.%s", k.type);
                track(tid);
            }
            ImGui::EndTabBar();
        }
    } else {
        if (!want_tab.empty()) current = want_tab;
        std::size_t i = 0;
        for (const auto& k : kinds()) {
            const std::string& label = labels[i];
            if (i++) same_line_if_fits(ImGui::CalcTextSize(label.c_str()).x + ImGui::GetStyle().FramePadding.x * 2);
            const bool on = current == k.type;
            if (on) ImGui::PushStyleColor(ImGuiCol_Button, ImGui::GetColorU32(ImGuiCol_TabActive));
            ImGui::PushID(k.type);
            if (ImGui::Button(label.c_str(), ImVec2(0, tap_h()))) current = k.type;
            ImGui::PopID();
            if (on) ImGui::PopStyleColor();
            std::snprintf(tid, sizeof tid, "equipment.tab.%s", k.type);
            track(tid);
        }
        ImGui::Separator();
    }
    const Kind* k = kind_of(current);
    if (!k) return;

    std::vector<int> idx;
    for (int i = 0; i < static_cast<int>(rows.size()); ++i)
        if (rows[i].is_object() && rows[i].value("type", "") == current) idx.push_back(i);

    const int ncol = 3 + static_cast<int>(k->fields.size());
    const float row_h = ImGui::GetFrameHeightWithSpacing() + 2;
    // headers wrapped to their column (a long English label was cut at the column's edge), the unit
    // on a line of its own; the table is as tall as its header and rows
    const auto col_w = [&](const Field& f) { return fs * (f.number ? 6.5f : 7.5f); };
    static std::vector<std::string> headers;
    headers.clear();
    int header_lines = 1;
    for (const auto& f : k->fields) {
        const float w = col_w(f) - ImGui::GetStyle().CellPadding.x * 2;
        std::string hd;
        int n = 0;
        for (const std::string& l : wrap_lines(tr(f.label), w)) {
            hd += (n++ ? "\n" : "") + l;
        }
        const std::string u = unit_text(f.unit);  // units as words (小时/年), never a symbol id
        if (!u.empty()) {
            for (const std::string& l : wrap_lines(u, w)) {
                hd += "\n" + l;
                ++n;
            }
        }
        header_lines = std::max(header_lines, n);
        headers.push_back(hd);
    }
    const float header_h = ImGui::GetTextLineHeight() * static_cast<float>(header_lines) + ImGui::GetStyle().CellPadding.y * 2;
    const float h = header_h + row_h * static_cast<float>(std::max<std::size_t>(idx.size(), 1)) + ImGui::GetStyle().ScrollbarSize +
                    ImGui::GetStyle().CellPadding.y * 2;
    int remove = -1, duplicate = -1;
    if (ImGui::BeginTable("##eq", ncol,
                          ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX | ImGuiTableFlags_SizingFixedFit |
                              ImGuiTableFlags_ScrollY,
                          ImVec2(0, h))) {
        ImGui::TableSetupColumn("#", ImGuiTableColumnFlags_WidthFixed, fs * 1.5f);
        ImGui::TableSetupColumn(tr("eq.f.count"), ImGuiTableColumnFlags_WidthFixed, fs * 4.5f);
        for (std::size_t c = 0; c < k->fields.size(); ++c)
            ImGui::TableSetupColumn(headers[c].c_str(), ImGuiTableColumnFlags_WidthFixed, col_w(k->fields[c]));
        ImGui::TableSetupColumn("", ImGuiTableColumnFlags_WidthFixed, fs * 6);
        ImGui::TableSetupScrollFreeze(1, 1);  // row number and headers stay while the table scrolls sideways
        ImGui::TableHeadersRow();
        for (std::size_t n = 0; n < idx.size(); ++n) {
            const int i = idx[n];
            json& r = rows[i];
            const std::string path = "/equipment/" + std::to_string(i);
            ImGui::PushID(i);
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::AlignTextToFramePadding();
            ImGui::Text("%d", static_cast<int>(n) + 1);
            ImGui::TableNextColumn();
            ch |= input_number("##count", r, "count", -1);
            if (!s.issues_at(path + "/count").empty()) ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(220, 60, 60, 90));
            for (const auto& f : k->fields) {
                ImGui::TableNextColumn();
                ImGui::PushID(f.key);
                if (f.number && is_fraction(f.key))
                    ch |= input_percent("##f", r, f.key, -1);  // a 0-1 fraction in the document, % on screen
                else if (f.number) ch |= input_number("##f", r, f.key, -1);
                else if (const Choices* c = choices_for(f.key)) ch |= combo("##f", r, f.key, *c, -1);  // pickers, not free text
                else ch |= input_text("##f", r, f.key, -1);
                if (want_tab.empty() || want_tab == current) focus_target(s, path + "/" + f.key);  // after the tab switch
                std::snprintf(tid, sizeof tid, "equipment.%s.%d.%s", current.c_str(), static_cast<int>(n), f.key);
                track(tid);
                auto iss = s.issues_at(path + "/" + f.key);
                if (!iss.empty()) {
                    ImGui::TableSetBgColor(ImGuiTableBgTarget_CellBg, IM_COL32(220, 60, 60, 90));
                    if (hover_tip_begin()) {
                        for (const json* e : iss) tooltip_text(local(*e, "message"));
                        hover_tip_end();
                    }
                }
                ImGui::PopID();
            }
            ImGui::TableNextColumn();
            if (ImGui::Button(tr("common.duplicate_short"), ImVec2(0, tap_h()))) duplicate = i;
            std::snprintf(tid, sizeof tid, "equipment.%s.%d.duplicate", current.c_str(), static_cast<int>(n));
            track(tid);
            ImGui::SameLine();
            if (ImGui::Button(tr("common.delete_short"), ImVec2(0, tap_h()))) remove = i;
            std::snprintf(tid, sizeof tid, "equipment.%s.%d.delete", current.c_str(), static_cast<int>(n));
            track(tid);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }
    // issues of this kind's rows, with the row number, in the user's language
    for (std::size_t n = 0; n < idx.size(); ++n) {
        auto iss = s.issues_at("/equipment/" + std::to_string(idx[n]), false);
        auto own = s.issues_at("/equipment/" + std::to_string(idx[n]));
        iss.insert(iss.end(), own.begin(), own.end());
        for (const json* e : iss) {
            const bool err = e->value("severity", "error") == "error";
            char pre[32];
            std::snprintf(pre, sizeof pre, "#%d ", static_cast<int>(n) + 1);
            text_wrapped_colored(err ? col_error() : col_warning(), std::string(pre) + local(*e, "message"));
        }
    }
    if (duplicate >= 0) {
        rows.insert(rows.begin() + duplicate + 1, rows[duplicate]);
        ch = true;
    }
    if (remove >= 0) {
        rows.erase(rows.begin() + remove);
        ch = true;
    }
    if (ImGui::Button(tr("equipment.add"))) {
        rows.push_back(json::parse(k->defaults));
        ch = true;
    }
    track("equipment.add_row");
    focus_target(s, "/equipment");
    ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
    text_wrapped(tr("equipment.defaults_note"));
    ImGui::PopStyleColor();
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
