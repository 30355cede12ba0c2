// 9 报告与上报: the printable report (report/report.hpp) in a new tab, downloads of the report, the
// assessment JSON and the CSV tables, and the upload: receiver URL, a preview of the exact bytes,
// an explicit confirmation, then the outbox with each submission's status and receipt.
#include "i18n.hpp"
#include "platform/platform.hpp"
#include "report.hpp"
#include "storage.hpp"
#include "test_hooks.hpp"
#include "ui/screens.hpp"
#include "ui/layout.hpp"
#include "ui/widgets.hpp"
#include "upload.hpp"
#include "validate.hpp"

#include "imgui.h"

#include <cstdio>
#include <ctime>
#include <string>

namespace selfcheck::app::ui {

using nlohmann::json;

std::string grade_text(const json& grade, const json& level);  // start_screen.cpp

namespace {
char g_url_buf[512] = {};
bool g_url_loaded = false;
bool g_confirmed = false;
std::string g_report_note;  // e.g. the browser blocked the new tab

// A file-name-safe version of the enterprise name (UTF-8 kept; reserved characters dropped).
std::string file_stem(const AppState& s) {
    std::string name;
    if (s.document.is_object() && s.document.contains("enterprise") && s.document["enterprise"].is_object())
        name = s.document["enterprise"].value("name", "");
    std::string out;
    for (unsigned char c : name) {
        if (c < 0x20 || std::string_view("/\\:*?\x22<>|").find(static_cast<char>(c)) != std::string_view::npos) continue;  // \x22 = a double quote: the i18n key scanner pairs quotes without escapes
        out += static_cast<char>(c);
    }
    // At most ~60 bytes, cut on a character boundary.
    if (out.size() > 60) {
        std::size_t n = 60;
        while (n > 0 && (static_cast<unsigned char>(out[n]) & 0xC0) == 0x80) --n;
        out.resize(n);
    }
    if (out.empty()) out = tr("storage.unnamed");
    return out;
}

const char* local_message(const json& e) {
    static std::string s;
    const char* key = lang_en() ? "message_en" : "message_zh";
    s = e.is_object() && e.contains(key) && e[key].is_string() ? e[key].get<std::string>() : std::string();
    return s.c_str();
}

std::string clock_time(double ms) {
    std::time_t t = static_cast<std::time_t>(ms / 1000);
    char buf[16];
    std::strftime(buf, sizeof buf, "%H:%M:%S", std::localtime(&t));
    return buf;
}

void report_section(AppState& s) {
    ImGui::SeparatorText(tr("report.section"));
    s.update();
    // A report states verdicts (tier, key-unit status, carbon level): only from valid, non-trivial data.
    const bool ok = s.result_ok && s.figures_valid();
    if (!s.result_ok) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "%s", tr("report.needs_valid"));
    else if (!ok) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "%s", tr(s.why_no_figures()));
    const std::string lang = lang_en() ? "en" : "zh";
    const std::string date = platform::today_local();
    ImGui::BeginDisabled(!ok);
    if (ImGui::Button(tr("report.view"))) {
        ReportOptions o{.generated_date = date, .generator = "", .ref = s.ref};
        const std::string html = render_report_html(s.document, s.output, lang, o);
        const std::string fname = std::string(tr("report.file_prefix")) + "_" + file_stem(s) + "_" + date + ".html";
        g_report_note = platform::open_html(html, fname) ? "" : tr("report.popup_blocked");
    }
    track("report.view");
    same_line_if_fits(ImGui::CalcTextSize(tr("report.download_html")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
    if (ImGui::Button(tr("report.download_html"))) {
        ReportOptions o{.generated_date = date, .generator = "", .ref = s.ref};
        platform::save_file(std::string(tr("report.file_prefix")) + "_" + file_stem(s) + "_" + date + ".html",
                            render_report_html(s.document, s.output, lang, o), "text/html;charset=utf-8");
    }
    track("report.download_html");
    ImGui::EndDisabled();
    if (!g_report_note.empty()) ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", g_report_note.c_str());

    // The document is always exportable, even with errors (that is how a user gets help with it).
    if (ImGui::Button(tr("report.download_json")))
        platform::save_file(std::string(tr("report.json_prefix")) + "_" + file_stem(s) + "_" + date + ".json",
                            s.document.dump(2, ' ', false, json::error_handler_t::replace) + "\n",
                            "application/json;charset=utf-8");
    track("report.download_json");

    ImGui::BeginDisabled(!ok);
    ImGui::TextUnformatted(tr("report.csv"));
    if (ok) {
        int i = 0;
        for (const auto& [name, text] : export_csv(s.document, s.output, lang)) {
            // the table in words ("能源消费"), not its file name; the saved file keeps the name
            const std::string key = "report.csv_table." + name.substr(0, name.rfind('.'));
            const char* label = tr(key.c_str());
            if (key == label) label = name.c_str();  // a table this screen has no words for yet
            ImGui::PushID(name.c_str());
            same_line_if_fits(ImGui::CalcTextSize(label).x + ImGui::GetStyle().FramePadding.x * 2);
            const bool clicked = small_button(label);
            ImGui::PopID();
            if (clicked)
                platform::save_file(file_stem(s) + "_" + name, text, "text/csv;charset=utf-8");
            track(("report.csv." + name).c_str());
            ++i;
        }
    }
    ImGui::EndDisabled();
}

void upload_section(AppState& s) {
    ImGui::SeparatorText(tr("upload.section"));
    ImGui::PushTextWrapPos(0);
    ImGui::TextDisabled("%s", tr("upload.privacy"));
    ImGui::PopTextWrapPos();

    // Receiver URL (a setting; config.json beside index.html may preset it)
    if (!g_url_loaded || (!ImGui::IsAnyItemActive() && upload::receiver_url() != g_url_buf)) {
        std::snprintf(g_url_buf, sizeof g_url_buf, "%s", upload::receiver_url().c_str());
        g_url_loaded = true;
    }
    ImGui::TextUnformatted(tr("upload.url"));
    same_line_if_fits(ImGui::GetFontSize() * 12);
    ImGui::SetNextItemWidth(fit(ImGui::GetFontSize() * 24));
    if (ImGui::InputTextWithHint("##url", "https://…", g_url_buf, sizeof g_url_buf)) {
        upload::set_receiver_url(g_url_buf);
        upload::discard();
    }
    track("upload.url");
    if (upload::receiver_url_from_config()) {
        same_line_if_fits(ImGui::CalcTextSize(tr("upload.url_preset")).x + ImGui::GetStyle().FramePadding.x * 2 + ImGui::GetFrameHeight());
        ImGui::TextDisabled("%s", tr("upload.url_preset"));
    }

    const upload::Draft& d = upload::draft();
    // Identity fields (credit code, city, county) block only the upload: the receiver keys enterprises
    // by them. The same rule as the receiver's (is_identity_issue), each warning listed in words.
    std::vector<const json*> identity;
    for (const json* e : s.issues_at("/enterprise", false))
        if (selfcheck::is_identity_issue(e->value("code", ""))) identity.push_back(e);
    const bool identity_ok = identity.empty();
    if (!identity_ok) {
        ImGui::PushTextWrapPos(0);
        ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", tr("upload.identity_blocked"));
        for (const json* e : identity) ImGui::BulletText("%s", local_message(*e));
        ImGui::PopTextWrapPos();
        track("upload.identity_blocked");
    }
    ImGui::BeginDisabled(!s.result_ok || !identity_ok);
    if (ImGui::Button(tr("upload.prepare"))) {
        upload::prepare(s);
        g_confirmed = false;
    }
    track("upload.prepare");
    ImGui::EndDisabled();

    if (d.active) {
        const bool current = upload::draft_current(s);
        if (!d.ok) {
            ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_error()), "%s", tr("upload.cannot"));
            for (const json& e : d.errors) ImGui::BulletText("%s", local_message(e));  // the message names the field; never the key path
        } else {
            ImGui::Text(tr("upload.preview_head"), d.url.c_str(), static_cast<long>(d.body.size()));
            ImGui::TextDisabled("submission_id %s · created_at %s", d.submission_id.c_str(), d.created_at.c_str());
            // Read-only view of exactly the bytes that will be sent.
            ImGui::InputTextMultiline("##payload", const_cast<char*>(d.body.c_str()), d.body.size() + 1,
                                      ImVec2(-1, ImGui::GetFontSize() * 12), ImGuiInputTextFlags_ReadOnly);
            track("upload.preview");
            if (!current) {
                ImGui::TextColored(ImGui::ColorConvertU32ToFloat4(col_warning()), "%s", tr("upload.stale"));
            } else {
                ImGui::Checkbox(tr("upload.confirm_check"), &g_confirmed);
                track("upload.confirm_check");
                ImGui::BeginDisabled(!g_confirmed);
                if (ImGui::Button(tr("upload.send"))) {
                    upload::confirm(s, storage::info().current_id, storage::display_name(s.document));
                    g_confirmed = false;
                }
                track("upload.send");
                ImGui::EndDisabled();
                ImGui::SameLine();
            }
            if (ImGui::Button(tr("common.cancel"))) upload::discard();
            track("upload.cancel");
        }
    }

    // ---- the outbox
    const auto& recs = upload::records();
    if (!recs.empty()) ImGui::SeparatorText(tr("upload.history"));
    for (const upload::Record& r : recs) {
        ImGui::PushID(r.submission_id.c_str());
        ImVec4 col(0.7f, 0.7f, 0.7f, 1);
        std::string status;
        char buf[256];
        if (r.status == "accepted") {
            col = ImVec4(0.45f, 0.85f, 0.45f, 1);
            status = tr("upload.accepted");
        } else if (r.status == "failed") {
            col = ImGui::ColorConvertU32ToFloat4(col_error());
            std::snprintf(buf, sizeof buf, tr("upload.failed"), r.http_status);
            status = buf;
        } else if (r.status == "sending") {
            status = tr("upload.sending");
        } else {
            col = ImGui::ColorConvertU32ToFloat4(col_warning());
            if (r.attempts > 0)
                std::snprintf(buf, sizeof buf, tr("upload.pending_retry"), r.attempts, clock_time(r.next_ms).c_str());
            else
                std::snprintf(buf, sizeof buf, "%s", tr("upload.pending"));
            status = buf;
        }
        ImGui::TextColored(col, "%s", status.c_str());
        track(("upload.status." + r.submission_id).c_str());
        ImGui::SameLine();
        ImGui::TextDisabled("%s · %s", r.doc_name.c_str(), r.created_at.c_str());
        if (r.status == "accepted" && r.receipt.is_object()) {
            ImGui::Indent();
            ImGui::Text(tr("upload.receipt"), r.receipt.value("received_at", "").c_str(),
                        r.receipt.value("receiver", "").c_str());
            ImGui::TextDisabled("ID %s · SHA-256 %.16s…", r.submission_id.c_str(),
                                r.receipt.value("content_sha256", "").c_str());
            ImGui::Unindent();
        }
        if (r.status != "accepted" && r.errors.is_array()) {
            ImGui::Indent();
            int shown = 0;
            for (const json& e : r.errors) {
                if (++shown > 8) break;
                ImGui::PushTextWrapPos(0);
                ImGui::BulletText("%s", local_message(e));  // the message names the field; never the key path
                ImGui::PopTextWrapPos();
            }
            ImGui::Unindent();
        }
        if (r.status == "pending" || r.status == "failed") {
            if (small_button(tr("upload.retry"))) upload::retry(r.submission_id);
            track(("upload.retry." + r.submission_id).c_str());
            ImGui::SameLine();
        }
        if (r.status != "sending") {
            if (small_button(tr("upload.remove"))) upload::remove(r.submission_id);
            track(("upload.remove." + r.submission_id).c_str());
        }
        ImGui::PopID();
    }
}
} // namespace

void draw_report(AppState& s) {
    ImGui::TextUnformatted(tr("report.title"));
    track("report.title");
    if (s.result_ok) {
        const json* ce = s.output.contains("carbon_efficiency") ? &s.output["carbon_efficiency"] : nullptr;
        if (ce && ce->is_object())
            ImGui::TextDisabled("%s · %s", storage::display_name(s.document).c_str(),
                                grade_text(ce->value("grade", json()), ce->value("level", json())).c_str());
    }
    report_section(s);
    ImGui::Spacing();
    upload_section(s);
}

} // namespace selfcheck::app::ui
