// Durable storage of accepted submissions behind one interface, two implementations:
//   - SQLite embedded (store_sqlite.cpp): one file, WAL, synchronous=FULL — a park or a bureau.
//   - PostgreSQL via libpq (store_postgres.cpp): one database shared by any number of receiver
//     processes — a city or the province, N receivers behind a proxy.
// Chosen by the --db argument: "postgresql://…" or "postgres://…" (a libpq connection URI) selects
// PostgreSQL, anything else is a SQLite file path.
//
// Contract of every implementation (the receiver relies on it, tests/portal/ checks it):
//   - put() returns only after the submission's transaction has committed durably; only then does
//     the receiver answer 201.
//   - The submission id is unique in the store, whatever the number of writers: of concurrent puts
//     with one id exactly one reports `created`; the others report `same` (identical
//     content_sha256, with the stored receipt, byte for byte) or `conflict` (different content).
//   - list() and contributions() return rows in arrival order.
#pragma once
#include "submission.hpp"

#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

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

struct StoreOptions {
    int connections = 8;  // PostgreSQL: connections in the pool (SQLite: one connection)
};

class Store {
public:
    virtual ~Store() = default;
    Store() = default;
    Store(const Store&) = delete;
    Store& operator=(const Store&) = delete;

    enum class PutStatus { created, same, conflict, failed };
    struct PutResult {
        PutStatus status = PutStatus::failed;
        std::string receipt;  // the stored receipt (created or same)
        std::string error;    // for failed (not shown to clients)
    };
    virtual PutResult put(const NewSubmission& s) = 0;

    virtual std::optional<std::string> receipt(const std::string& id, std::string& error) = 0;
    // content_sha256 and receipt of a stored submission.
    virtual std::optional<std::pair<std::string, std::string>> existing(const std::string& id, std::string& error) = 0;
    virtual bool list(const ListFilter& f, std::vector<StoredSummary>& out, std::string& error) = 0;
    virtual bool contributions(std::vector<BenchmarkContribution>& out, std::string& error) = 0;
    virtual long long count() = 0;
    virtual const char* kind() const = 0;  // "sqlite" or "postgresql"
};

// True for a PostgreSQL connection URI (postgresql://… or postgres://…).
bool is_postgres_uri(const std::string& db);
// The --db argument as it may be printed or logged: a password in a URI is replaced by "***".
std::string redact_db(const std::string& db);

std::unique_ptr<Store> open_sqlite_store(const std::string& path, std::string& error);
std::unique_ptr<Store> open_postgres_store(const std::string& uri, const StoreOptions& opt, std::string& error);
// Picks the implementation from the argument (see above).
std::unique_ptr<Store> open_store(const std::string& db, const StoreOptions& opt, std::string& error);

} // namespace selfcheck::portal
