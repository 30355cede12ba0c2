// Start: a new self-check, the library of saved ones (open, duplicate, rename, delete with undo),
// import of a file (validated first; replaces nothing without a confirmation) and the sample
// factories for training. draw_platform_overlays() holds the dialogs and the storage banner that
// must be drawn whatever screen is showing.
#include "format.hpp"
#include "i18n.hpp"
#include "platform/platform.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"

#include "imgui.h"

#include <algorithm>
#include <cstdio>
#include <ctime>
#include <string>

namespace selfcheck::app::ui {

using nlohmann::json;

namespace {
std::string g_ask_delete;   // id awaiting the delete confirmation
std::string g_rename_id;    // id being renamed
char g_rename_buf[256] = {};
bool g_open_rename = false;
bool g_ask_clear = false;

std::string format_time(double ms) {
    if (ms <= 0) return "—";
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M", std::localtime(&t));
    return buf;
}

const char* local_message(const json& e) {
    static std::string s;
    const char* key = lang_en() ? "message_en" : "message_zh";
    s = e.is_object() && e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
    return s.c_str();
}

void issue_list(const json& errors) {
    if (!errors.is_array()) return;
    for (const json& e : errors) {
        const std::string path = e.is_object() ? e.value("path", "") : "";
        ImGui::Bullet();
        ImGui::SameLine();
        if (!path.empty()) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", path.c_str());
            ImGui::SameLine();
        }
        text_wrapped(local_message(e));
    }
}

std::string sample_title(const std::string& text, const std::string& file) {
    json j = json::parse(text, nullptr, false);
    if (j.is_object() && j.contains("enterprise") && j["enterprise"].is_object() && j["enterprise"].contains("name") &&
        j["enterprise"]["name"].is_string())
        return j["enterprise"]["name"].get<std::string>();
    return file;
}

void storage_status_line() {
    const storage::Info& in = storage::info();
    if (in.status == storage::Status::opening) {
        ImGui::TextDisabled("%s", tr("storage.opening"));
    } else if (in.status == storage::Status::unavailable) {
        text_wrapped_colored(col_error(), tr("storage.not_saving"));
    } else if (in.current_id.empty()) {
        text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("storage.not_in_library"));
    } else if (in.saved_revision == in.revision) {
        ImGui::TextDisabled("%s", tr("storage.saved"));
    } else {
        ImGui::TextDisabled("%s", tr("storage.saving"));
    }
    track("storage.status");
}
// One saved self-check's name, with its sample badge and "(open)" mark (table cell or card).
void saved_name(const storage::Entry& e, bool is_current) {
    text_wrapped(e.name);
    track(("start.name." + e.id).c_str());
    for (const auto& [file, text] : embedded_sample_files())
        if (!e.source.empty() && file == e.source) {  // a training copy of a sample
            same_line_if_fits(ImGui::CalcTextSize(tr("app.sample_badge")).x);
            ImGui::TextDisabled("%s", tr("app.sample_badge"));
        }
    if (is_current) {
        same_line_if_fits(ImGui::CalcTextSize(tr("start.current")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        ImGui::TextDisabled("%s", tr("start.current"));
    }
}

std::string tce_text(const json& tce) {
    if (!tce.is_number()) return "—";
    // The one number format (viz): 12,345.6 tce as on the results screen, not "12345.6".
    return viz::format(tce.get<double>(), viz::Measure::tce) + " " + tr("start.unit_tce");
}

// Open, duplicate, rename, delete: buttons that wrap where the line is full.
void saved_actions(AppState& s, const storage::Entry& e, bool is_current) {
    if (small_button(tr("start.open"))) storage::open(s, e.id);
    track(("start.open." + e.id).c_str());
    same_line_if_fits(ImGui::CalcTextSize(tr("start.duplicate")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    if (small_button(tr("start.duplicate"))) storage::duplicate(e.id);
    track(("start.duplicate." + e.id).c_str());
    same_line_if_fits(ImGui::CalcTextSize(tr("start.rename")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    if (small_button(tr("start.rename"))) {
        g_rename_id = e.id;
        std::snprintf(g_rename_buf, sizeof g_rename_buf, "%s", e.name.c_str());
        g_open_rename = true;
    }
    track(("start.rename." + e.id).c_str());
    same_line_if_fits(ImGui::CalcTextSize(tr("start.delete")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    ImGui::BeginDisabled(is_current);
    if (small_button(tr("start.delete"))) g_ask_delete = e.id;
    ImGui::EndDisabled();
    if (is_current && ImGui::IsItemHovered(ImGuiHoveredFlags_AllowWhenDisabled))
        ImGui::SetTooltip("%s", tr("start.delete_current"));
    track(("start.delete." + e.id).c_str());
}
} // namespace

std::string grade_text(const json& grade, const json& level) {
    char buf[64];
    if (grade.is_number_integer()) {
        std::snprintf(buf, sizeof buf, tr("start.grade_n"), static_cast<int>(grade.get<long long>()));
        return buf;
    }
    if (level.is_string()) {
        const std::string l = level.get<std::string>();
        if (l == "low") return tr("start.level_low");
        if (l == "medium") return tr("start.level_medium");
        if (l == "high") return tr("start.level_high");
    }
    return "—";
}

void draw_start(AppState& s) {
    ImGui::TextUnformatted(tr("start.title"));
    track("start.title");
    text_wrapped(tr("start.intro"));
    storage_status_line();
    ImGui::Spacing();

    if (ImGui::Button(tr("start.new"))) storage::new_document(s);
    track("start.new");
    same_line_if_fits(ImGui::CalcTextSize(tr("start.import")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    if (ImGui::Button(tr("start.import"))) storage::request_import();
    track("start.import");
    same_line_if_fits(ImGui::CalcTextSize(tr("start.import_hint")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("start.import_hint"));  // a phone wraps it

    // ---- saved self-checks
    ImGui::SeparatorText(tr("start.saved"));
    if (storage::can_undo_remove()) {
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), tr("start.deleted"), storage::removed_name().c_str());
        same_line_if_fits(ImGui::CalcTextSize(tr("start.undo")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        if (small_button(tr("start.undo"))) storage::undo_remove();
        track("start.undo");
    }
    const auto& list = storage::entries();
    const std::string& current = storage::info().current_id;
    if (list.empty()) {
        ImGui::TextDisabled("%s", tr("start.none_saved"));
    } else if (ImGui::GetContentRegionAvail().x < ImGui::GetFontSize() * 44) {
        // narrow (a phone, a tablet held upright): one card per self-check -- the name on its own
        // lines, then each figure with its label, then the actions -- so nothing is cut off and the
        // list takes only the height it needs
        for (std::size_t i = 0; i < list.size(); ++i) {
            const storage::Entry e = list[i];  // copy: actions below may change the list
            const bool is_current = e.id == current;
            ImGui::PushID(e.id.c_str());
            if (i) ImGui::Separator();
            saved_name(e, is_current);
            ImGui::PushStyleColor(ImGuiCol_Text, ImGui::GetColorU32(ImGuiCol_TextDisabled));
            text_wrapped(std::string(tr("start.col_updated")) + tr("common.colon") + format_time(e.updated_ms));
            std::string figures = std::string(tr("start.col_grade")) + tr("common.colon") + grade_text(e.grade, e.level);
            figures += std::string("    ") + tr("start.col_tce") + tr("common.colon") + tce_text(e.total_tce);
            text_wrapped(figures);
            ImGui::PopStyleColor();
            saved_actions(s, e, is_current);
            ImGui::PopID();
        }
    } else if (ImGui::BeginTable("##saved", 5, ImGuiTableFlags_RowBg | ImGuiTableFlags_BordersInnerH | ImGuiTableFlags_SizingFixedFit)) {
        const float em = ImGui::GetFontSize();
        ImGui::TableSetupColumn(tr("start.col_name"), ImGuiTableColumnFlags_WidthStretch);
        ImGui::TableSetupColumn(tr("start.col_updated"), ImGuiTableColumnFlags_WidthFixed, em * 8.5f);
        ImGui::TableSetupColumn(tr("start.col_grade"), ImGuiTableColumnFlags_WidthFixed, em * 6);
        ImGui::TableSetupColumn(tr("start.col_tce"), ImGuiTableColumnFlags_WidthFixed, em * 7);
        ImGui::TableSetupColumn(tr("start.col_actions"), ImGuiTableColumnFlags_WidthFixed, em * 14);
        ImGui::TableHeadersRow();
        for (std::size_t i = 0; i < list.size(); ++i) {
            const storage::Entry e = list[i];  // copy: actions below may change the list
            const bool is_current = e.id == current;
            ImGui::PushID(e.id.c_str());
            ImGui::TableNextRow();
            ImGui::TableNextColumn();
            saved_name(e, is_current);
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(format_time(e.updated_ms).c_str());
            ImGui::TableNextColumn();
            ImGui::TextUnformatted(grade_text(e.grade, e.level).c_str());
            ImGui::TableNextColumn();
            if (e.total_tce.is_number()) ImGui::TextUnformatted(tce_text(e.total_tce).c_str());
            else ImGui::TextDisabled("—");
            ImGui::TableNextColumn();
            saved_actions(s, e, is_current);
            ImGui::PopID();
        }
        ImGui::EndTable();
    }

    // ---- training samples
    ImGui::SeparatorText(tr("start.samples"));
    text_wrapped(tr("start.samples_hint"));
    int n = 0;
    for (const auto& [file, text] : embedded_sample_files()) {
        if (file.size() < 5 || file.compare(file.size() - 5, 5, ".json") != 0) continue;
        ImGui::PushID(n);
        if (small_button(sample_title(text, file).c_str())) storage::open_sample(s, file, text);
        track(("start.sample." + std::to_string(n)).c_str());
        ImGui::PopID();
        ++n;
    }

    ImGui::SeparatorText(tr("start.local_data"));
    text_wrapped(tr("start.local_data_hint"));
    if (small_button(tr("start.clear"))) g_ask_clear = true;
    track("start.clear");
}

void draw_platform_overlays(AppState& s) {
    storage::tick(s);
    const ImGuiViewport* vp = ImGui::GetMainViewport();
    const float em = ImGui::GetFontSize();

    // ---- storage errors: visible until dismissed (a private window or a full disk must not lose
    // work silently)
    float error_h = 0;  // the error banner's height: the two-tab banner goes above it
    if (!storage::info().error.empty()) {
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - em),
                                ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::SetNextWindowBgAlpha(0.95f);
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.45f, 0.1f, 0.1f, 1));
        ImGui::Begin("##storage_error", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                                     ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::PushTextWrapPos(em * 36);
        ImGui::TextUnformatted(storage::info().error.c_str());
        track("storage.error");
        ImGui::PopTextWrapPos();
        if (storage::info().status == storage::Status::unavailable) {  // wrapped like the message above (auto-sized window)
            ImGui::PushTextWrapPos(em * 36);
            ImGui::TextUnformatted(tr("storage.export_hint"));
            ImGui::PopTextWrapPos();
        }
        if (small_button(tr("report.download_json"))) storage::export_json(s);  // the edit is still here
        track("storage.error.export");
        same_line_if_fits(ImGui::CalcTextSize(tr("storage.dismiss")).x + ImGui::GetStyle().FramePadding.x * 2);
        if (small_button(tr("storage.dismiss"))) storage::dismiss_error();
        track("storage.error.dismiss");
        error_h = ImGui::GetWindowHeight();
        ImGui::End();
        ImGui::PopStyleColor();
    }

    // ---- another tab saved this self-check: autosave is paused until the user decides. At the
    // bottom, like the error banner: at the top it covered the first fields of the screen, which the
    // user may still edit (and keep as a copy).
    if (storage::info().changed_elsewhere) {
        ImGui::SetNextWindowPos(ImVec2(vp->WorkPos.x + vp->WorkSize.x * 0.5f, vp->WorkPos.y + vp->WorkSize.y - em - error_h),
                                ImGuiCond_Always, ImVec2(0.5f, 1.0f));
        ImGui::PushStyleColor(ImGuiCol_WindowBg, ImVec4(0.45f, 0.32f, 0.05f, 1));
        ImGui::Begin("##changed_elsewhere", nullptr, ImGuiWindowFlags_NoDecoration | ImGuiWindowFlags_AlwaysAutoResize |
                                                         ImGuiWindowFlags_NoSavedSettings | ImGuiWindowFlags_NoFocusOnAppearing);
        ImGui::PushTextWrapPos(std::min(em * 36, vp->WorkSize.x - em * 2));
        ImGui::TextUnformatted(tr_in("zh-CN", "storage.changed_elsewhere"));
        ImGui::TextUnformatted(tr_in("en", "storage.changed_elsewhere"));
        track("storage.changed_elsewhere");
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr("storage.reload_latest"))) storage::reload_latest(s);
        track("storage.reload_latest");
        ImGui::SameLine();
        if (ImGui::Button(tr("storage.save_copy"))) storage::save_as_copy(s);
        track("storage.save_copy");
        ImGui::End();
        ImGui::PopStyleColor();
    }

    // ---- delete confirmation
    if (!g_ask_delete.empty() && !ImGui::IsPopupOpen("##ask_delete")) ImGui::OpenPopup("##ask_delete");
    if (ImGui::BeginPopupModal("##ask_delete", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        std::string name;
        for (const auto& e : storage::entries())
            if (e.id == g_ask_delete) name = e.name;
        ImGui::Text(tr("start.ask_delete"), name.c_str());
        if (ImGui::Button(tr("start.delete"))) {
            storage::remove(g_ask_delete);
            g_ask_delete.clear();
            ImGui::CloseCurrentPopup();
        }
        track("start.delete.yes");
        same_line_if_fits(ImGui::CalcTextSize(tr("common.cancel")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        if (ImGui::Button(tr("common.cancel")) || g_ask_delete.empty()) {
            g_ask_delete.clear();
            ImGui::CloseCurrentPopup();
        }
        track("start.delete.no");
        ImGui::EndPopup();
    }

    // ---- rename
    if (g_open_rename) {
        ImGui::OpenPopup("##rename");
        g_open_rename = false;
    }
    if (ImGui::BeginPopupModal("##rename", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::TextUnformatted(tr("start.rename_title"));
        ImGui::SetNextItemWidth(em * 20);
        if (ImGui::IsWindowAppearing()) ImGui::SetKeyboardFocusHere();
        const bool enter = ImGui::InputText("##name", g_rename_buf, sizeof g_rename_buf, ImGuiInputTextFlags_EnterReturnsTrue);
        track("start.rename.input");
        if (ImGui::Button(tr("common.ok")) || enter) {
            storage::rename(s, g_rename_id, g_rename_buf);
            ImGui::CloseCurrentPopup();
        }
        track("start.rename.ok");
        same_line_if_fits(ImGui::CalcTextSize(tr("common.cancel")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        if (ImGui::Button(tr("common.cancel"))) ImGui::CloseCurrentPopup();
        track("start.rename.cancel");
        ImGui::EndPopup();
    }

    // ---- clear all local data
    if (g_ask_clear) {
        ImGui::OpenPopup("##ask_clear");
        g_ask_clear = false;
    }
    if (ImGui::BeginPopupModal("##ask_clear", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        ImGui::PushTextWrapPos(em * 28);
        ImGui::TextUnformatted(tr("start.ask_clear"));
        ImGui::PopTextWrapPos();
        if (ImGui::Button(tr("start.clear_yes"))) {
            storage::clear_all(s);
            ImGui::CloseCurrentPopup();
        }
        track("start.clear.yes");
        same_line_if_fits(ImGui::CalcTextSize(tr("common.cancel")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        if (ImGui::Button(tr("common.cancel"))) ImGui::CloseCurrentPopup();
        track("start.clear.no");
        ImGui::EndPopup();
    }

    // ---- import: errors (the old data stays) or the question (nothing replaced without it)
    storage::PendingImport& imp = storage::pending_import();
    if (imp.active && !ImGui::IsPopupOpen("##import")) ImGui::OpenPopup("##import");
    ImGui::SetNextWindowSizeConstraints(ImVec2(em * 20, 0), ImVec2(vp->WorkSize.x * 0.8f, vp->WorkSize.y * 0.8f));
    if (ImGui::BeginPopupModal("##import", nullptr, ImGuiWindowFlags_AlwaysAutoResize)) {
        if (!imp.active) {
            ImGui::CloseCurrentPopup();
        } else if (imp.ok) {
            ImGui::Text(tr("import.ask"), imp.name.c_str());
            track("import.ask");
            ImGui::PushTextWrapPos(em * 30);
            ImGui::TextDisabled("%s", tr("import.ask_hint"));  // wrapped by the wrap position above
            ImGui::PopTextWrapPos();
            if (ImGui::Button(tr("import.open"))) {
                storage::confirm_import(s);
                ImGui::CloseCurrentPopup();
            }
            track("import.open");
            same_line_if_fits(ImGui::CalcTextSize(tr("common.cancel")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
            if (ImGui::Button(tr("common.cancel"))) {
                storage::cancel_import();
                ImGui::CloseCurrentPopup();
            }
            track("import.cancel");
        } else {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), tr("import.invalid"), imp.name.c_str());
            track("import.invalid");
            text_wrapped_colored(ImGui::GetColorU32(ImGuiCol_TextDisabled), tr("import.kept"), em * 34);  // as wide as the list below
            ImGui::BeginChild("##errs", ImVec2(em * 34, em * 12), ImGuiChildFlags_Border);
            ImGui::PushTextWrapPos(0);
            issue_list(imp.errors);
            ImGui::PopTextWrapPos();
            ImGui::EndChild();
            if (ImGui::Button(tr("common.close"))) {
                storage::cancel_import();
                ImGui::CloseCurrentPopup();
            }
            track("import.close");
        }
        ImGui::EndPopup();
    }
}

} // namespace selfcheck::app::ui
