// Upload to a receiver (docs/submission.md): the user previews the exact payload, confirms, and the
// submission goes into a durable outbox (IndexedDB) that sends it and retries with backoff on
// network failure, 429 and 5xx (the same submission_id every time, so the receiver answers a
// retry with the original receipt). Nothing is sent without the confirmation.
// The receiver URL is a setting; a deployment can preset it in config.json beside index.html.
#pragma once
#include "app_state.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

namespace selfcheck::app::upload {

// Base URL of the receiver, e.g. "https://park.example.org" (the API path is appended).
const std::string& receiver_url();
bool receiver_url_from_config();              // the URL is the deployment's preset
void set_receiver_url(const std::string& url); // persisted in the settings store
std::string endpoint(const std::string& base); // base + "/api/v1/submissions"

struct Draft {
    bool active = false;
    bool ok = false;
    std::string submission_id, created_at, url;
    std::string body;                          // exactly the bytes that will be sent
    std::uint64_t revision = 0;                // AppState revision it was built from
    nlohmann::json errors = nlohmann::json::array();
};
const Draft& draft();
void prepare(AppState& state);    // build the payload to preview (UUID v4 + current time)
bool draft_current(const AppState& state);
void discard();
void confirm(AppState& state, const std::string& doc_id, const std::string& doc_name);

struct Record {
    std::string submission_id, url, doc_id, doc_name, created_at;
    std::string status;          // pending | sending | accepted | failed
    int attempts = 0;
    int http_status = -1;        // -1: not tried yet; 0: network
    double next_ms = 0;          // next retry (epoch ms)
    long body_bytes = 0;
    nlohmann::json receipt;      // the receiver's receipt when accepted
    nlohmann::json errors;       // the receiver's errors (or the network failure)
};
const std::vector<Record>& records();
void retry(const std::string& submission_id);
void remove(const std::string& submission_id);

// ---- platform callbacks
void on_list(const nlohmann::json& list);
void on_settings(const nlohmann::json& settings);
void on_config(const nlohmann::json& config);
void on_cleared();
nlohmann::json status_json();  // window.selfcheck.uploads()

} // namespace selfcheck::app::upload
