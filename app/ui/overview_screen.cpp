// Overview: which document is loaded, its enterprise name (editable), and the headline numbers.
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"

#include "imgui.h"

#include <cstdio>
#include <string>

namespace selfcheck::app::ui {

using nlohmann::json;

static const json* at(const json& j, std::initializer_list<const char*> path) {
    const json* p = &j;
    for (const char* k : path) {
        if (!p->is_object() || !p->contains(k)) return nullptr;
        p = &(*p)[k];
    }
    return p;
}

static void number_row(const char* id, const char* label, const json* v, const char* unit) {
    ImGui::TextUnformatted(label);
    ImGui::SameLine(ImGui::GetFontSize() * 14);
    if (v && v->is_number())
        ImGui::Text("%.2f %s", v->get<double>(), unit);
    else
        ImGui::TextDisabled("—");
    track(id);
}

void draw_overview(AppState& s) {
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    ImGui::SetNextWindowPos(vp->WorkPos);
    ImGui::SetNextWindowSize(vp->WorkSize);
    ImGui::Begin("##overview", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_NoMove |
                                            ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoBringToFrontOnFocus);
    ImGui::TextUnformatted(tr("app.title"));
    track("app.title");
    ImGui::Separator();

    if (s.document.is_null()) {
        ImGui::TextWrapped("%s", tr("overview.no_sample"));
        ImGui::End();
        return;
    }
    if (!s.source_name.empty()) ImGui::TextDisabled("%s: %s", tr("overview.sample"), s.source_name.c_str());

    // Edits go straight into the document; the core recomputes after the frame.
    if (s.document.contains("enterprise") && s.document["enterprise"].is_object()) {
        json& ent = s.document["enterprise"];
        std::string name = ent.value("name", "");
        char buf[512];
        std::snprintf(buf, sizeof buf, "%s", name.c_str());
        ImGui::SetNextItemWidth(ImGui::GetFontSize() * 20);
        if (ImGui::InputText(tr("overview.enterprise_name"), buf, sizeof buf)) {
            ent["name"] = std::string(buf);
            s.mark_edited();
        }
        track("enterprise.name");
    }
    ImGui::Spacing();

    if (!s.result_ok) {
        ImGui::TextColored(ImVec4(1, 0.4f, 0.4f, 1), "%s", tr("overview.errors"));
        if (const json* errs = at(s.output, {"errors"}); errs && errs->is_array())
            for (const json& e : *errs)
                ImGui::BulletText("%s: %s", e.value("path", "").c_str(), e.value("message_zh", "").c_str());
        ImGui::End();
        return;
    }
    number_row("result.total_tce", tr("overview.total_tce"), at(s.output, {"energy", "total_tce"}),
               tr("overview.unit_tce"));
    number_row("result.total_tco2", tr("overview.total_tco2"), at(s.output, {"emissions", "total_tco2"}),
               tr("overview.unit_tco2"));

    if (const json* dv = at(s.output, {"data_versions"}); dv && dv->is_object() &&
                                                        ImGui::CollapsingHeader(tr("overview.data_versions"))) {
        for (auto it = dv->begin(); it != dv->end(); ++it)
            ImGui::BulletText("%s  %s", it.key().c_str(), it.value().is_string() ? it.value().get<std::string>().c_str() : "");
    }
    ImGui::End();
}

} // namespace selfcheck::app::ui
