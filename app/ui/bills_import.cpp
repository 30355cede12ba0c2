// Monthly bills into the energy screen: paste cells copied from Excel/WPS (tab-separated) into a
// box, see the column mapping, the bad rows and every change, then apply. The reading, merging and
// checking is the core's (core/bills/bills_import.cpp), the same code the CLI import-bills runs.
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include "bills/bills.hpp"
#include "imgui.h"

#include <string>

namespace selfcheck::app::ui {

namespace {
struct PasteState {
    std::string text;
    bool open = false;
    bool has_preview = false;
    bills::ImportPreview preview;
    json preview_json;  // labels of the recognised columns (core texts), made once per preview
    std::uint64_t revision = 0;  // document revision the preview was made from
};
PasteState& st() {
    static PasteState p;
    return p;
}

int text_cb(ImGuiInputTextCallbackData* d) {
    auto* s = static_cast<std::string*>(d->UserData);
    if (d->EventFlag == ImGuiInputTextFlags_CallbackResize) {
        s->resize(static_cast<std::size_t>(d->BufTextLen));
        d->Buf = s->data();
    }
    return 0;
}
} // namespace

void draw_bills_import(AppState& s) {
    PasteState& p = st();
    const float fs = ImGui::GetFontSize();
    ImGui::Spacing();
    if (ImGui::Button(tr(p.open ? "bills.paste_close" : "bills.paste_open"))) p.open = !p.open;
    track("bills.paste_open");
    help("help.bills_paste");
    if (!p.open || !s.ref) return;
    ImGui::TextWrapped("%s", tr("bills.paste_hint"));
    if (p.text.capacity() < 4096) p.text.reserve(4096);
    ImGui::InputTextMultiline("##bills_paste", p.text.data(), p.text.capacity() + 1,
                              ImVec2(-1, fs * 8), ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_AllowTabInput,
                              text_cb, &p.text);
    track("bills.paste_text");
    if (ImGui::Button(tr("bills.preview"))) {
        p.preview = bills::preview_import(p.text, s.document, *s.ref);
        p.preview_json = bills::preview_to_json(p.preview);
        p.has_preview = true;
        p.revision = s.revision;
    }
    track("bills.preview");
    if (!p.has_preview) return;
    const bills::ImportPreview& v = p.preview;
    const bool zh = !lang_en();
    for (const auto& i : v.issues.items)
        ImGui::TextColored(i.severity == Severity::error ? ImVec4(0.8f, 0.1f, 0.1f, 1) : ImVec4(0.6f, 0.4f, 0, 1), "%s",
                           (zh ? i.message_zh : i.message_en).c_str());
    // column mapping: header as written -> what it becomes
    if (!v.columns.empty() && ImGui::BeginTable("##bills_cols", 2, ImGuiTableFlags_Borders | ImGuiTableFlags_SizingStretchProp)) {
        ImGui::TableSetupColumn(tr("bills.col_header"));
        ImGui::TableSetupColumn(tr("bills.col_target"));
        ImGui::TableHeadersRow();
        for (const auto& c : v.columns) {
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(c.header.c_str());
            ImGui::TableNextColumn();
            if (c.target.empty()) {
                ImGui::TextDisabled("%s", tr("bills.not_used"));
            } else {
                std::string label;  // from the core's texts through the preview JSON
                for (const auto& cj : p.preview_json["columns"])
                    if (cj.value("column", -1) == c.column) label = cj.value(zh ? "label_zh" : "label_en", "");
                ImGui::TextUnformatted(label.c_str());
            }
        }
        ImGui::EndTable();
    }
    for (const auto& b : v.bad_rows)
        ImGui::TextColored(ImVec4(0.8f, 0.1f, 0.1f, 1), "%s", (zh ? b.message_zh : b.message_en).c_str());
    ImGui::Text(tr("bills.summary"), static_cast<int>(v.months.size()), static_cast<int>(v.changes.size()),
                static_cast<int>(v.bad_rows.size()));
    track("bills.summary");
    const bool can_apply = v.ok() && v.bad_rows.empty() && !v.changes.empty() && p.revision == s.revision;
    ImGui::BeginDisabled(!can_apply);
    if (ImGui::Button(tr("bills.apply"))) {
        s.document = v.merged;
        s.mark_edited();
        p.has_preview = false;
        p.text.clear();
        p.open = false;
    }
    ImGui::EndDisabled();
    track("bills.apply");
    if (p.revision != s.revision) ImGui::TextDisabled("%s", tr("bills.stale"));
}

} // namespace selfcheck::app::ui
