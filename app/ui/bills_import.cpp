// Monthly bills into the energy screen: paste cells copied from Excel/WPS (tab-separated) into a
// box, or open a CSV/XLSX file of monthly bills; see the column mapping, the bad rows and every
// change month by month, then apply (or cancel: nothing changes, the pasted text stays). The
// reading, decoding, merging and checking is the core's (core/bills/bills_import.cpp), the same code
// the CLI import-bills runs; the file's bytes arrive as a platform event (code "bills").
#include "format.hpp"
#include "i18n.hpp"
#include "test_hooks.hpp"
#include "ui/layout.hpp"
#include "ui/screens.hpp"
#include "ui/widgets.hpp"

#include "bills/bills.hpp"
#include "imgui.h"
#include "platform/platform.hpp"
#include "texts.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <set>
#include <string>
#include <vector>

namespace selfcheck::app::ui {

namespace {
struct PasteState {
    std::string text;
    bool open = false;
    bool has_preview = false;
    bills::ImportPreview preview;
    json preview_json;  // labels of the recognised columns (core texts), made once per preview
    std::uint64_t revision = 0;  // document revision the preview was made from
    // a file the user picked: previewed on the next frame (the event carries no AppState)
    bool file_pending = false;
    std::string file_name, file_bytes;
    std::string source_name;  // file name of the preview shown ("" for pasted cells)
    std::string file_error;   // i18n-formatted message of a file that was not read
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

std::string core_text(const std::string& key) {
    texts::Text t = texts::get(key);
    return lang_en() ? t.en : t.zh;
}

std::string fmt1(const char* f, const std::string& a) {
    char b[512];
    std::snprintf(b, sizeof b, f, a.c_str());
    return b;
}

// A value of the preview as the user reads it: grouped number, the mode as words, "—" for none.
std::string value_text(const json& v) {
    if (v.is_number()) return num(v.get<double>());
    if (v.is_string()) {
        const std::string s = v.get<std::string>();
        if (s == "capacity" || s == "demand") return core_text("bills.mode." + s);
        return s;
    }
    return "—";
}

void make_preview(AppState& s, std::string_view bytes, const std::string& source) {
    PasteState& p = st();
    p.preview = bills::preview_import(bytes, s.document, *s.ref);
    p.preview_json = bills::preview_to_json(p.preview);
    p.has_preview = true;
    p.revision = s.revision;
    p.source_name = source;
    p.file_error.clear();
}

// What will change, one row per month, one column per field the import fills; a replaced value
// shows "old → new". Annual figures and new energy rows are listed under the table.
void draw_changes(const bills::ImportPreview& v) {
    std::vector<std::string> fields;  // in order of first appearance
    std::map<std::pair<int, std::string>, const bills::Change*> cell;
    std::vector<const bills::Change*> yearly;
    std::vector<bills::Change> expanded;  // the months of a new energy row, one cell each
    for (const auto& c : v.changes)
        if (c.month == 0 && c.before.is_null() && c.after.is_object() && c.after.contains("monthly") &&
            c.after["monthly"].is_array() && c.after["monthly"].size() == 12)
            for (int m = 1; m <= 12; ++m) expanded.push_back({c.path, nullptr, c.after["monthly"][m - 1], m, c.field});
    auto add_cell = [&](const bills::Change& c) {
        if (std::find(fields.begin(), fields.end(), c.field) == fields.end()) fields.push_back(c.field);
        auto key = std::make_pair(c.month, c.field);
        // electricity's kWh is both the bill month and the energy row's month: show the one that
        // replaces a value, if either does
        auto it = cell.find(key);
        if (it == cell.end() || (it->second->before.is_null() && !c.before.is_null())) cell[key] = &c;
    };
    for (const auto& c : v.changes) {
        if (c.field.empty() || c.field == "month") continue;
        if (c.month < 1) yearly.push_back(&c);
        else add_cell(c);
    }
    for (const auto& c : expanded) add_cell(c);
    // columns in the order of the file's own columns (kWh summed from the periods last)
    auto rank = [&](const std::string& f) {
        for (std::size_t i = 0; i < v.columns.size(); ++i) {
            const std::string& t = v.columns[i].target;
            if (t == f || t == "energy:" + f || (f == "kwh" && t == "energy:electricity")) return static_cast<int>(i);
        }
        return 1000;
    };
    std::stable_sort(fields.begin(), fields.end(), [&](const std::string& a, const std::string& b) { return rank(a) < rank(b); });
    if (cell.empty() && yearly.empty()) return;
    ImGui::TextUnformatted(tr("bills.changes"));
    std::set<int> months;
    for (const auto& [k, c] : cell) months.insert(k.first);
    if (!fields.empty()) {
        const float fs = ImGui::GetFontSize();
        const float rows_h = (static_cast<float>(months.size()) + 1.5f) * (fs + ImGui::GetStyle().CellPadding.y * 2 + 2);
        const ImGuiTableFlags flags = ImGuiTableFlags_Borders | ImGuiTableFlags_RowBg | ImGuiTableFlags_ScrollX |
                                      ImGuiTableFlags_ScrollY | ImGuiTableFlags_SizingFixedFit;
        if (ImGui::BeginTable("##bills_changes", static_cast<int>(fields.size()) + 1, flags,
                              ImVec2(-1, std::min(rows_h, fs * 12)))) {
            ImGui::TableSetupScrollFreeze(1, 1);
            ImGui::TableSetupColumn(core_text("bills.field.month").c_str());
            for (const auto& f : fields) ImGui::TableSetupColumn(core_text("bills.field." + f).c_str());
            ImGui::TableHeadersRow();
            for (int m : months) {
                ImGui::TableNextRow();
                ImGui::TableNextColumn();
                ImGui::Text(tr("bills.month_n"), m);
                for (const auto& f : fields) {
                    ImGui::TableNextColumn();
                    auto it = cell.find({m, f});
                    if (it == cell.end()) continue;
                    const bills::Change& c = *it->second;
                    if (c.before.is_null()) {
                        ImGui::TextUnformatted(value_text(c.after).c_str());
                    } else {  // replaces what was entered: old → new, in the warning colour
                        ImGui::TextColored(ImVec4(0.6f, 0.35f, 0, 1), "%s → %s", value_text(c.before).c_str(),
                                           value_text(c.after).c_str());
                    }
                }
            }
            ImGui::EndTable();
        }
        track("bills.changes");
    }
    for (const bills::Change* c : yearly) {
        const std::string label = core_text("bills.field." + c->field);
        if (c->before.is_null() && c->after.is_object()) {
            ImGui::BulletText("%s", fmt1(tr("bills.new_row"), label).c_str());
        } else {
            ImGui::BulletText("%s: %s → %s", fmt1(tr("bills.year_total"), label).c_str(), value_text(c->before).c_str(),
                              value_text(c->after).c_str());
        }
    }
}
} // namespace

void on_bills_file(const std::string& name, const std::string& bytes) {
    PasteState& p = st();
    p.file_pending = true;
    p.file_name = name;
    p.file_bytes = bytes;
    p.open = true;
    platform::wake();
}

void on_bills_file_error(const std::string& name, double size) {
    PasteState& p = st();
    p.file_pending = false;
    p.has_preview = false;  // a preview of another file is not this file's
    p.open = true;
    char kb[32];
    std::snprintf(kb, sizeof kb, "%.0f", size / 1024);
    char b[512];
    std::snprintf(b, sizeof b, tr("bills.file_too_large"), name.c_str(), kb);
    p.file_error = b;
    platform::wake();
}

void draw_bills_import(AppState& s) {
    PasteState& p = st();
    const float fs = ImGui::GetFontSize();
    ImGui::Spacing();
    if (ImGui::Button(tr(p.open ? "bills.paste_close" : "bills.paste_open"))) p.open = !p.open;
    track("bills.paste_open");
    same_line_if_fits(ImGui::CalcTextSize(tr("bills.open_file")).x + ImGui::GetStyle().FramePadding.x * 2);
    if (ImGui::Button(tr("bills.open_file"))) platform::request_open_file(platform::FileFor::bills);
    track("bills.open_file");
    help("help.bills_paste");
    if (p.file_pending && s.ref) {
        p.file_pending = false;
        make_preview(s, p.file_bytes, p.file_name);
        p.file_bytes.clear();
        p.file_bytes.shrink_to_fit();
    }
    if (!p.open || !s.ref) return;
    if (!p.file_error.empty()) {
        text_wrapped_colored(IM_COL32(204, 26, 26, 255), p.file_error);
        track("bills.file_error");
    }
    // the paste box, unless a file's preview is showing (the pasted text is kept meanwhile)
    if (!(p.has_preview && !p.source_name.empty())) {
        ImGui::TextWrapped("%s", tr("bills.paste_hint"));
        if (p.text.capacity() < 4096) p.text.reserve(4096);
        ImGui::InputTextMultiline("##bills_paste", p.text.data(), p.text.capacity() + 1,
                                  ImVec2(-1, fs * 8), ImGuiInputTextFlags_CallbackResize | ImGuiInputTextFlags_AllowTabInput,
                                  text_cb, &p.text);
        track("bills.paste_text");
        if (ImGui::Button(tr("bills.preview"))) make_preview(s, p.text, "");
        track("bills.preview");
    }
    if (!p.has_preview) return;
    const bills::ImportPreview& v = p.preview;
    const bool zh = !lang_en();
    ImGui::Separator();
    if (!p.source_name.empty()) {
        char b[600];
        std::snprintf(b, sizeof b, tr("bills.file_source"), p.source_name.c_str(),
                      v.source_format.empty() ? "—" : v.source_format.c_str());
        text_wrapped(b);
        track("bills.file_source");
    }
    if (!v.issues.items.empty()) {
        for (const auto& i : v.issues.items)
            text_wrapped_colored(i.severity == Severity::error ? IM_COL32(204, 26, 26, 255) : IM_COL32(153, 102, 0, 255),
                                 zh ? i.message_zh : i.message_en);
        track("bills.issues");
    }
    // the verdict and the two buttons first (they stay in view on a phone); the details below
    ImGui::Text(tr("bills.summary"), static_cast<int>(v.months.size()), static_cast<int>(v.changes.size()),
                static_cast<int>(v.bad_rows.size()));
    track("bills.summary");
    const bool can_apply = v.ok() && v.bad_rows.empty() && !v.changes.empty() && p.revision == s.revision;
    ImGui::BeginDisabled(!can_apply);
    if (ImGui::Button(tr("bills.apply"))) {
        s.document = v.merged;
        s.mark_edited();
        p.has_preview = false;
        if (p.source_name.empty()) p.text.clear();  // the pasted cells are in the document now
        p.source_name.clear();
        p.open = false;
    }
    ImGui::EndDisabled();
    track("bills.apply");
    ImGui::SameLine();
    if (ImGui::Button(tr("bills.cancel"))) {  // the preview goes; the document and the pasted text stay
        p.has_preview = false;
        p.source_name.clear();
    }
    track("bills.cancel");
    if (p.revision != s.revision) ImGui::TextDisabled("%s", tr("bills.stale"));
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
    if (!v.bad_rows.empty()) {
        for (const auto& b : v.bad_rows) text_wrapped_colored(IM_COL32(204, 26, 26, 255), zh ? b.message_zh : b.message_en);
        track("bills.bad_rows");
    }
    if (v.ok() && v.bad_rows.empty()) draw_changes(v);
}

} // namespace selfcheck::app::ui
