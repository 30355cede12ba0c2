// 设置: language, chart palette, prices and discount rate, grid-factor year and region, the industry
// average (with the honest note that no public value exists), data versions with their sources,
// the factors used, training mode and clearing local data (with confirmation).
#include "format.hpp"
#include "i18n.hpp"
#include "platform/platform.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <cmath>
#include <cstdio>
#include <set>
#include <string>

namespace selfcheck::app::platform {
// Fallback until the platform layer provides it (the web one clears IndexedDB): a strong
// definition in platform_*.cpp replaces this one at link time.
__attribute__((weak)) void clear_local_data() {}
} // namespace selfcheck::app::platform

namespace selfcheck::app::ui {

namespace {
std::string confidence_word(const std::string& c) {
    const std::string k = "confidence." + c;
    const char* w = tr(k.c_str());
    return k == w ? c : std::string(w);
}
} // namespace

void draw_settings(AppState& s) {
    screen_title("settings.title");
    const float fs = ImGui::GetFontSize();
    bool ch = false;

    section(tr("settings.display"));
    row_label(tr("settings.language"));
    int lang = lang_en() ? 1 : 0;
    if (ImGui::RadioButton("中文", &lang, 0)) set_language("zh-CN");
    track("settings.lang_zh");
    ImGui::SameLine();
    if (ImGui::RadioButton("English", &lang, 1)) set_language("en");
    track("settings.lang_en");
    // Text size and colours: the app scales its own text (pinch zoom is off: it would blur the canvas).
    row_label(tr("settings.text_size"));
    {
        static const float sizes[] = {0.9f, 1.0f, 1.15f, 1.3f};
        static const char* labels[] = {"settings.text_size_small", "settings.text_size_normal", "settings.text_size_large",
                                       "settings.text_size_xlarge"};
        int cur = 1;
        for (int i = 0; i < 4; ++i)
            if (std::fabs(text_scale() - sizes[i]) < 0.01f) cur = i;
        for (int i = 0; i < 4; ++i) {
            if (i) same_line_if_fits(ImGui::CalcTextSize(tr(labels[i])).x + ImGui::GetFrameHeight() + fs * 0.5f);
            if (ImGui::RadioButton(tr(labels[i]), cur == i)) set_text_scale(sizes[i]);
            char id[48];
            std::snprintf(id, sizeof id, "settings.text_size.%d", i);
            track(id);
        }
    }
    row_label(tr("settings.theme"));
    if (ImGui::RadioButton(tr("settings.theme_light"), !dark_theme())) set_dark_theme(false);
    track("settings.theme_light");
    same_line_if_fits(ImGui::CalcTextSize(tr("settings.theme_dark")).x + ImGui::GetFrameHeight());
    if (ImGui::RadioButton(tr("settings.theme_dark"), dark_theme())) set_dark_theme(true);
    track("settings.theme_dark");
    row_label(tr("settings.print_colours"), "help.print_colours");
    ImGui::Checkbox("##print", &s.print_colours);
    track("settings.print_colours");

    json& opt = ensure(s.document, "options");
    section(tr("settings.prices"), "help.prices");
    struct NumOpt {
        const char* key;
        const char* label;
        const char* unit;
        const char* id;
    };
    static const NumOpt prices[] = {
        {"electricity_price_yuan_per_kwh", "settings.price_electricity", "unit.yuan_per_kwh", "settings.price_electricity"},
        {"coal_price_yuan_per_t", "settings.price_coal", "unit.yuan_per_t", "settings.price_coal"},
        {"natural_gas_price_yuan_per_m3", "settings.price_gas", "unit.yuan_per_m3", "settings.price_gas"},
        {"steam_price_yuan_per_t", "settings.price_steam", "unit.yuan_per_t", "settings.price_steam"},
        {"carbon_price_yuan_per_tco2", "settings.price_carbon", "unit.yuan_per_tco2", "settings.price_carbon"},
        {"discount_rate", "settings.discount_rate", "unit.fraction", "settings.discount_rate"},
    };
    for (const auto& p : prices) {
        row_label(tr(p.label));
        ImGui::PushID(p.key);
        ch |= input_number("##v", opt, p.key, fs * 8);
        ImGui::PopID();
        track(p.id);
        unit_label(tr(p.unit));
        same_line_if_fits(ImGui::CalcTextSize(tr("settings.empty_default")).x);
        ImGui::TextDisabled("%s", tr("settings.empty_default"));
        field_issues(s, std::string("/options/") + p.key);
    }

    section(tr("settings.factors"), "help.grid_factor");
    {
        std::set<int> years;
        if (const Dataset* g = s.ref ? s.ref->dataset("grid_factors") : nullptr)
            for (const auto& r : g->records)
                if (r.year) years.insert(*r.year);
        static std::vector<std::string> ids;
        ids.clear();
        for (int y : years) ids.push_back(std::to_string(y));
        std::vector<std::pair<std::string, const char*>> ch_years = {{"", tr("settings.latest")}};
        for (const auto& y : ids) ch_years.emplace_back(y, y.c_str());
        // factor_year is a number in the document: edit through a string copy
        json tmp = json::object();
        if (opt.contains("factor_year") && opt["factor_year"].is_number()) tmp["y"] = std::to_string(opt["factor_year"].get<int>());
        row_label(tr("settings.factor_year"));
        if (combo("##year", tmp, "y", ch_years, fs * 8)) {
            if (tmp.contains("y")) opt["factor_year"] = std::stoi(tmp["y"].get<std::string>());
            else opt.erase("factor_year");
            ch = true;
        }
        track("settings.factor_year");
        field_issues(s, "/options/factor_year");
        row_label(tr("settings.factor_region"));
        ch |= combo("##region", opt, "factor_region",
                    {{"", tr("settings.region_default")}, {"national", tr("settings.region_national")},
                     {"east_china", tr("settings.region_east")}, {"zhejiang", tr("settings.region_zhejiang")}},
                    fs * 8);
        track("settings.factor_region");
        field_issues(s, "/options/factor_region");
        row_label(tr("settings.grid_override"), "help.grid_override");
        ch |= input_number("##grid", opt, "grid_emission_factor_tco2_per_mwh", fs * 8);
        unit_label("tCO2/MWh");
        field_issues(s, "/options/grid_emission_factor_tco2_per_mwh");
        row_label(tr("settings.heat_override"));
        ch |= input_number("##heat", opt, "heat_emission_factor_tco2_per_gj", fs * 8);
        unit_label("tCO2/GJ");
        field_issues(s, "/options/heat_emission_factor_tco2_per_gj");
        row_label(tr("settings.generation_coal_rate"), "help.generation_coal_rate");
        ch |= input_number("##gencoal", opt, "generation_coal_rate_gce_per_kwh", fs * 8);
        track("settings.generation_coal_rate");
        unit_label(tr("settings.unit_gce_per_kwh"));
        field_issues(s, "/options/generation_coal_rate_gce_per_kwh");
    }

    section(tr("settings.industry_average"), "help.industry_average");
    row_label(tr("settings.industry_average_value"));
    ch |= input_number("##avg", opt, "industry_average_tco2_per_10k_yuan", fs * 8);
    track("settings.industry_average");
    focus_target(s, "/options/industry_average_tco2_per_10k_yuan");
    unit_label(tr("unit.tco2_per_10k_yuan"));
    text_wrapped_colored(col_info(), tr("settings.industry_average_note"));
    field_issues(s, "/options/industry_average_tco2_per_10k_yuan");
    if (opt.empty()) s.document.erase("options");

    section(tr("settings.training"), "help.training");
    if (ImGui::Button(tr("settings.start_tour"))) start_tour(s);
    track("settings.start_tour");

    section(tr("settings.data"), "help.data_versions");
    if (s.has_result()) {
        const json& r = s.result();
        if (const json* dv = at(r, {"data_versions"}); dv && dv->is_object())
            for (auto it = dv->begin(); it != dv->end(); ++it) {
                const Dataset* d = s.ref ? s.ref->dataset(it.key()) : nullptr;
                std::string title = d ? local(d->raw, "title") : std::string();
                // the data set's title (never its file id) and version
                const std::string ver = it.value().is_string() ? it.value().get<std::string>() : std::string();
                ImGui::Bullet();
                text_wrapped((title.empty() ? std::string(tr("settings.dataset")) : title) + (ver.empty() ? "" : " · " + ver));
            }
        track("settings.data_versions");
        if (ImGui::TreeNode(tr("settings.factors_used"))) {
            if (const json* fu = at(r, {"factors_used"}); fu && fu->is_array())
                for (const json& f : *fu) {
                    ImGui::Bullet();
                    ImGui::SameLine();
                    text_wrapped(local(f, "name") + " = " + plain(number_or(at(f, {"value"}), 0)) + " " + f.value("unit", "") + " [" +
                                 confidence_word(f.value("confidence", "")) + "] — " + local_source(f));
                }
            ImGui::TreePop();
        }
    }

    section(tr("settings.local_data"));
    if (ImGui::Button(tr("settings.clear"))) ImGui::OpenPopup("##confirm_clear");
    track("settings.clear_local_data");
    if (ImGui::BeginPopupModal("##confirm_clear", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        text_wrapped(tr("settings.clear_confirm"), fs * 22);
        if (ImGui::Button(tr("settings.clear_yes"))) {
            platform::clear_local_data();
            ImGui::CloseCurrentPopup();
        }
        track("settings.clear_yes");
        same_line_if_fits(ImGui::CalcTextSize(tr("common.cancel")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        if (ImGui::Button(tr("common.cancel"))) ImGui::CloseCurrentPopup();
        track("settings.clear_cancel");
        ImGui::EndPopup();
    }
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
