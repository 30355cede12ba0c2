// 3 产品: products with annual output and, optionally, the GB unit-product energy limit they fall
// under (picker over product_limits.json with search) and the energy attributed to them.
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/choices.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <string>

namespace selfcheck::app::ui {

void draw_products(AppState& s) {
    screen_title("products.title", "help.products");
    stale_banner(s);
    json& rows = ensure(s.document, "products", true);
    bool ch = false;
    const float fs = ImGui::GetFontSize();
    const Dataset* limits = s.ref ? s.ref->dataset("product_limits") : nullptr;
    int remove = -1;
    char tid[64];
    for (int i = 0; i < static_cast<int>(rows.size()); ++i) {
        json& r = rows[i];
        if (!r.is_object()) continue;
        ImGui::PushID(i);
        const std::string path = "/products/" + std::to_string(i);
        row_label(tr("products.name"));
        ch |= input_text("##name", r, "name", fs * 20);
        std::snprintf(tid, sizeof tid, "products.%d.name", i);
        track(tid);
        same_line_if_fits(ImGui::CalcTextSize(tr("common.delete")).x + ImGui::GetStyle().FramePadding.x * 2);
        if (small_button(tr("common.delete"))) remove = i;

        row_label(tr("products.limit"), "help.product_limit");
        const std::string cur = r.value("limit_id", "");
        std::string preview = cur.empty() ? tr("products.no_limit") : cur;
        if (limits)
            if (const RefRecord* rec = limits->find(cur))
                preview = local(rec->raw, "name") + " (" + rec->raw.value("standard", "") + ")";
        static char filter[64] = "";
        ImGui::SetNextItemWidth(fit(fs * 26));
        if (ImGui::BeginCombo("##limit", preview.c_str(), ImGuiComboFlags_HeightLarge)) {
            ImGui::SetNextItemWidth(-1);
            ImGui::InputTextWithHint("##filter", tr("common.search"), filter, sizeof filter);
            if (ImGui::Selectable(tr("products.no_limit"), cur.empty())) {
                r.erase("limit_id");
                ch = true;
            }
            if (limits)
                for (const auto& rec : limits->records) {
                    std::string label = local(rec.raw, "name") + " · " + rec.raw.value("standard", "") + " · " + unit_text(rec.unit);
                    if (filter[0] && label.find(filter) == std::string::npos && rec.id.find(filter) == std::string::npos)
                        continue;
                    ImGui::PushID(rec.id.c_str());
                    if (ImGui::Selectable(label.c_str(), rec.id == cur)) {
                        r["limit_id"] = rec.id;
                        if (!r.contains("unit")) r["unit"] = rec.raw.value("product_unit", "t");
                        ch = true;
                    }
                    ImGui::PopID();
                }
            ImGui::EndCombo();
        }
        std::snprintf(tid, sizeof tid, "products.%d.limit", i);
        track(tid);
        focus_target(s, path + "/limit_id");
        field_issues(s, path + "/limit_id");

        row_label(tr("products.output"));
        ch |= input_number("##out", r, "output", fs * 10);
        std::snprintf(tid, sizeof tid, "products.%d.output", i);
        track(tid);
        focus_target(s, path + "/output");
        // The unit: the common ones as words (the document keeps the id: 10k_m is 万米), any other typed in.
        static const std::vector<std::string> k_units = choice_ids("product_unit");  // assets/data/choices.json
        const std::string unit = r.contains("unit") && r["unit"].is_string() ? r["unit"].get<std::string>() : std::string();
        bool known = false;
        for (const std::string& u : k_units) known |= unit == u;
        const std::string unit_preview = known ? unit_word(unit) : std::string(tr("products.unit_other"));
        same_line_if_fits(fs * 7);
        ImGui::SetNextItemWidth(fit(fs * 7));
        if (ImGui::BeginCombo("##unit_pick", unit_preview.c_str())) {
            for (const std::string& u : k_units)
                if (ImGui::Selectable(unit_word(u).c_str(), unit == u, 0, ImVec2(0, tap_h()))) {
                    r["unit"] = u;
                    ch = true;
                }
            if (ImGui::Selectable(tr("products.unit_other"), !known, 0, ImVec2(0, tap_h())) && known) {
                r.erase("unit");
                ch = true;
            }
            ImGui::EndCombo();
        }
        std::snprintf(tid, sizeof tid, "products.%d.unit", i);
        track(tid);
        if (!known) {
            same_line_if_fits(fs * 5);
            ch |= input_text("##unit", r, "unit", fs * 5);
        }
        focus_target(s, path + "/unit");
        help("help.product_unit");
        field_issues(s, path + "/output");
        field_issues(s, path + "/unit");

        row_label(tr("products.energy"), "help.product_energy");
        ch |= input_number("##e", r, "energy_tce", fs * 10);
        focus_target(s, path + "/energy_tce");
        unit_label(tr("unit.tce"));
        field_issues(s, path + "/energy_tce");

        // what the core made of it
        if (const json* pr = at(s.result(), {"products"}); pr && pr->is_array() && i < static_cast<int>(pr->size())) {
            const json& p = (*pr)[i];
            if (const json* m = at(p, {"missing"}); m && m->is_object())
                text_wrapped_colored(col_info(), std::string(tr("common.missing_mark")) + " " + local(*m, "message"));
            else if (is_num(at(p, {"kgce_per_unit"})))
                ImGui::TextDisabled("%s %s %s", tr("products.unit_energy"), num(p["kgce_per_unit"].get<double>()).c_str(),
                                    (p.value("limit_unit", "").empty() ? unit_text("kgce/" + p.value("unit", ""))  // 千克标准煤/吨
                                                                        : unit_text(p.value("limit_unit", ""))).c_str());
        }
        field_issues(s, path);
        ImGui::Separator();
        ImGui::PopID();
    }
    if (remove >= 0) {
        rows.erase(rows.begin() + remove);
        ch = true;
    }
    if (ImGui::Button(tr("products.add"))) {
        rows.push_back({{"name", ""}, {"output", 0}, {"unit", "t"}});
        ch = true;
    }
    track("products.add");
    focus_target(s, "/products");
    if (ch) s.mark_edited();
}

} // namespace selfcheck::app::ui
