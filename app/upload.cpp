#include "upload.hpp"

#include "platform/platform.hpp"
#include "submission.hpp"

#include <exception>

namespace selfcheck::app::upload {

using nlohmann::json;

namespace {
std::string g_url;           // the user's setting
std::string g_config_url;    // config.json preset
Draft g_draft;
std::vector<Record> g_records;

json issue(const std::string& zh, const std::string& en) {
    return json::array({{{"path", ""}, {"message_zh", zh}, {"message_en", en}}});
}
} // namespace

const std::string& receiver_url() { return g_url.empty() ? g_config_url : g_url; }
bool receiver_url_from_config() { return g_url.empty() && !g_config_url.empty(); }

void set_receiver_url(const std::string& url) {
    g_url = url;
    platform::settings_put(json{{"receiver_url", g_url}}.dump());
}

std::string endpoint(const std::string& base) {
    std::string b = base;
    while (!b.empty() && (b.back() == '/' || b.back() == ' ')) b.pop_back();
    const std::string path = "/api/v1/submissions";
    if (b.size() >= path.size() && b.compare(b.size() - path.size(), path.size(), path) == 0) return b;
    return b + path;
}

const Draft& draft() { return g_draft; }

void prepare(AppState& s) {
    g_draft = Draft{};
    g_draft.active = true;
    g_draft.revision = s.revision;
    g_draft.url = endpoint(receiver_url());
    const std::string& base = receiver_url();
    if (base.rfind("http://", 0) != 0 && base.rfind("https://", 0) != 0) {
        g_draft.errors = issue("请先在设置中填写接收端地址（http:// 或 https://）",
                               "set the receiver URL first (http:// or https://)");
        return;
    }
    try {
        s.update();
        ParseOutcome p = parse_document_json(s.document, *s.ref);
        if (!p.input || !s.result_ok) {
            g_draft.errors = errors_to_json(p.issues)["errors"];
            if (g_draft.errors.empty())
                g_draft.errors = issue("当前数据有误，无法上报", "the current data has errors and cannot be uploaded");
            return;
        }
        g_draft.submission_id = platform::uuid_v4();
        g_draft.created_at = platform::now_iso8601();
        json sub = build_submission(input_to_json(*p.input), s.output, g_draft.submission_id, g_draft.created_at);
        g_draft.body = sub.dump(2, ' ', false, json::error_handler_t::replace);
        g_draft.ok = true;
    } catch (const std::exception& e) {
        g_draft.errors = issue(std::string("内部错误：") + e.what(), std::string("internal error: ") + e.what());
    }
    platform::wake();
}

bool draft_current(const AppState& s) { return g_draft.active && g_draft.revision == s.revision; }

void discard() { g_draft = Draft{}; }

void confirm(AppState& s, const std::string& doc_id, const std::string& doc_name) {
    if (!g_draft.ok || !draft_current(s)) return;
    json rec = {{"submission_id", g_draft.submission_id}, {"url", g_draft.url},          {"body", g_draft.body},
                {"doc_id", doc_id},                       {"doc_name", doc_name},        {"created_at", g_draft.created_at}};
    platform::upload_enqueue(rec.dump());
    g_draft = Draft{};
    platform::wake();
}

const std::vector<Record>& records() { return g_records; }
void retry(const std::string& id) { platform::upload_retry(id); }
void remove(const std::string& id) { platform::upload_remove(id); }

void on_list(const json& list) {
    g_records.clear();
    if (!list.is_array()) return;
    for (const json& j : list) {
        if (!j.is_object()) continue;
        Record r;
        r.submission_id = j.value("submission_id", "");
        r.url = j.value("url", "");
        r.doc_id = j.value("doc_id", "");
        r.doc_name = j.value("doc_name", "");
        r.created_at = j.value("created_at", "");
        r.status = j.value("status", "");
        r.attempts = j.value("attempts", 0);
        r.http_status = j.contains("http_status") && j["http_status"].is_number() ? j["http_status"].get<int>() : -1;
        r.next_ms = j.value("next_ms", 0.0);
        r.body_bytes = j.value("body_bytes", 0L);
        if (j.contains("receipt")) r.receipt = j["receipt"];
        if (j.contains("errors")) r.errors = j["errors"];
        g_records.push_back(std::move(r));
    }
    platform::wake();
}

void on_settings(const json& st) {
    if (st.contains("receiver_url") && st["receiver_url"].is_string()) g_url = st["receiver_url"].get<std::string>();
    platform::wake();
}

void on_config(const json& c) {
    if (c.is_object() && c.contains("receiver_url") && c["receiver_url"].is_string())
        g_config_url = c["receiver_url"].get<std::string>();
    platform::wake();
}

void on_cleared() {
    g_url.clear();
    g_records.clear();
    g_draft = Draft{};
}

json status_json() {
    json list = json::array();
    for (const Record& r : g_records)
        list.push_back({{"submission_id", r.submission_id}, {"status", r.status}, {"attempts", r.attempts},
                        {"http_status", r.http_status}, {"receipt", r.receipt}, {"errors", r.errors}});
    return {{"receiver_url", receiver_url()}, {"draft", g_draft.active}, {"draft_ok", g_draft.ok}, {"records", list}};
}

} // namespace selfcheck::app::upload
