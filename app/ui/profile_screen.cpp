// 1 企业信息: who the enterprise is and the economic figures the intensities need.
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <string>

namespace selfcheck::app::ui {

namespace {
std::vector<std::pair<std::string, std::string>> regions(const AppState& s, const char* kind, const std::string& city) {
    std::vector<std::pair<std::string, std::string>> out;
    const Dataset* d = s.ref ? s.ref->dataset("regions") : nullptr;
    if (!d) return out;
    for (const auto& r : d->records) {
        if (r.raw.value("kind", "") != kind) continue;
        if (!city.empty() && r.raw.value("city", "") != city) continue;
        out.emplace_back(r.id, local(r.raw, "name"));
    }
    return out;
}
} // namespace

void draw_profile(AppState& s) {
    screen_title("profile.title", "help.profile");
    json& ent = ensure(s.document, "enterprise");
    bool ch = false;
    const std::string base = "/enterprise/";

    row_label(tr("profile.name"));
    ch |= input_text("##name", ent, "name", ImGui::GetFontSize() * 20);
    track("enterprise.name");
    track("profile.name");
    focus_target(s, "/enterprise/name");
    field_issues(s, base + "name");

    row_label(tr("profile.credit_code"), "help.credit_code");
    ch |= input_text("##credit", ent, "credit_code");
    track("profile.credit_code");
    focus_target(s, "/enterprise/credit_code");
    if (field_issues(s, base + "credit_code")) track("profile.credit_code.issue");

    // City and county pickers from regions.json
    {
        static std::vector<std::pair<std::string, std::string>> cities, counties;
        static std::vector<std::pair<std::string, const char*>> city_choices, county_choices;
        static std::string counties_for = "\x01", lang_for;
        if (cities.empty() || lang_for != language()) {
            cities = regions(s, "city", "");
            city_choices.assign(1, {std::string(), tr("common.not_set")});
            for (auto& [id, name] : cities) city_choices.emplace_back(id, name.c_str());
            counties_for = "\x01";
        }
        const std::string city = ent.value("city", "");
        if (counties_for != city || lang_for != language()) {
            counties = regions(s, "county", city);
            county_choices.assign(1, {std::string(), tr("common.not_set")});
            for (auto& [id, name] : counties) county_choices.emplace_back(id, name.c_str());
            counties_for = city;
        }
        lang_for = language();
        row_label(tr("profile.city"));
        if (combo("##city", ent, "city", city_choices)) {
            ent.erase("county");
            ch = true;
        }
        track("profile.city");
        field_issues(s, base + "city");
        row_label(tr("profile.county"));
        ch |= combo("##county", ent, "county", county_choices);
        track("profile.county");
        field_issues(s, base + "county");
    }

    // Industry picker (GB/T 4754-2017) with search
    {
        row_label(tr("profile.industry"), "help.industry");
        static char filter[64] = "";
        std::string cur = ent.value("industry", "");
        std::string preview = cur.empty() ? tr("common.not_set") : cur;
        const Dataset* d = s.ref ? s.ref->dataset("industries") : nullptr;
        if (d)
            if (const RefRecord* r = d->find(cur)) preview = cur + " " + local(r->raw, "name");
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
        if (ImGui::BeginCombo("##industry", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##filter", tr("common.search"), filter, sizeof filter);
            if (d)
                for (const auto& r : d->records) {
                    std::string label = r.id + " " + local(r.raw, "name");
                    if (filter[0] && label.find(filter) == std::string::npos) continue;
                    if (ImGui::Selectable(label.c_str(), r.id == cur)) {
                        ent["industry"] = r.id;
                        ch = true;
                    }
                }
            ImGui::EndCombo();
        }
        focus_target(s, "/enterprise/industry");
        track("profile.industry");
        field_issues(s, base + "industry");
    }

    struct NumField {
        const char* key;
        const char* label;
        const char* unit;
        const char* help;
        const char* id;
    };
    static const NumField nums[] = {
        {"year", "profile.year", "unit.year", nullptr, "profile.year"},
        {"value_added_10k_yuan", "profile.value_added", "unit.10k_yuan", "help.value_added", "profile.value_added"},
        {"output_value_10k_yuan", "profile.output_value", "unit.10k_yuan", "help.output_value", "profile.output_value"},
        {"employees", "profile.employees", "unit.people", nullptr, "profile.employees"},
        {"land_area_m2", "profile.land_area", "unit.m2", "help.land_area", "profile.land_area"},
        {"floor_area_m2", "profile.floor_area", "unit.m2", nullptr, "profile.floor_area"},
        {"building_footprint_m2", "profile.footprint", "unit.m2", nullptr, "profile.footprint"},
    };
    for (const auto& f : nums) {
        row_label(tr(f.label), f.help);
        ImGui::PushID(f.key);
        ch |= input_number("##v", ent, f.key);
        focus_target(s, base + f.key);
        ImGui::PopID();
        track(f.id);
        unit_label(tr(f.unit));
        field_issues(s, base + f.key);
    }
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
