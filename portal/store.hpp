// Durable storage of accepted submissions in SQLite (WAL, synchronous=FULL): a submission is
// acknowledged only after put() returned, i.e. after its transaction committed and was synced.
// One connection behind a mutex: SQLite serialises writers anyway, and validation (the costly
// part) happens before, in parallel, outside the lock.
#pragma once
#include "submission.hpp"

#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

struct sqlite3;

namespace selfcheck::portal {

struct NewSubmission {
    std::string id;
    std::string content_sha256;
    std::string received_at;
    std::string created_at;
    std::string app_version;
    std::string enterprise_name, credit_code, enterprise_key;
    std::string industry, division, city, county;
    int year = 0;
    std::optional<double> value_added_10k_yuan;
    double total_tce = 0, scope1_tco2 = 0, scope2_tco2 = 0, total_tco2 = 0;
    std::string key_figures;  // JSON text
    std::string receipt;      // JSON text
    std::string body;         // canonical submission JSON
};

struct StoredSummary {
    std::string id, received_at, created_at, content_sha256;
    std::string enterprise_name, credit_code, industry, city, county;
    int year = 0;
    std::optional<double> value_added_10k_yuan;
    std::string key_figures;  // JSON text
    std::string body;         // only when asked for
};

struct ListFilter {
    std::string industry;  // matches the code or its 2-digit division
    std::string city;
    std::optional<int> year;
    int limit = 1000;
    int offset = 0;
    bool with_body = false;
};

class Store {
public:
    static std::unique_ptr<Store> open(const std::string& path, std::string& error);
    ~Store();
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    enum class PutStatus { created, same, conflict, failed };
    struct PutResult {
        PutStatus status = PutStatus::failed;
        std::string receipt;  // the stored receipt (created or same)
        std::string error;    // for failed (not shown to clients)
    };
    PutResult put(const NewSubmission& s);

    std::optional<std::string> receipt(const std::string& id, std::string& error);
    // content_sha256 and receipt of a stored submission.
    std::optional<std::pair<std::string, std::string>> existing(const std::string& id, std::string& error);
    bool list(const ListFilter& f, std::vector<StoredSummary>& out, std::string& error);
    bool contributions(std::vector<BenchmarkContribution>& out, std::string& error);
    long long count();

private:
    explicit Store(sqlite3* db) : db_(db) {}
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

} // namespace selfcheck::portal
