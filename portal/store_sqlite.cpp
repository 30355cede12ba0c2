// SQLite storage of accepted submissions (store.hpp): one file in WAL mode with synchronous=FULL,
// so a committed transaction survives a crash of the process and of the machine. One connection
// behind a mutex: SQLite serialises writers anyway, and validation (the costly part) happens
// before, in parallel, outside the lock. Several processes may open the same file (BEGIN IMMEDIATE
// and the unique id keep them consistent), but on one machine only: use PostgreSQL to scale out.
#include "store.hpp"

#include <sqlite3.h>

#include <mutex>

namespace selfcheck::portal {

namespace {

constexpr const char* k_schema_sql = R"SQL(
CREATE TABLE IF NOT EXISTS submissions (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    id TEXT NOT NULL UNIQUE,
    content_sha256 TEXT NOT NULL,
    received_at TEXT NOT NULL,
    created_at TEXT NOT NULL,
    app_version TEXT NOT NULL,
    enterprise_name TEXT NOT NULL,
    credit_code TEXT NOT NULL,
    enterprise_key TEXT NOT NULL,
    industry TEXT NOT NULL,
    division TEXT NOT NULL,
    city TEXT NOT NULL,
    county TEXT NOT NULL,
    year INTEGER NOT NULL,
    value_added_10k_yuan REAL,
    total_tce REAL NOT NULL,
    scope1_tco2 REAL NOT NULL,
    scope2_tco2 REAL NOT NULL,
    total_tco2 REAL NOT NULL,
    key_figures TEXT NOT NULL,
    receipt TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_division_year ON submissions(division, year);
CREATE INDEX IF NOT EXISTS submissions_city ON submissions(city);
PRAGMA user_version = 1;
)SQL";

// A prepared statement, finalised on scope exit.
class Stmt {
public:
    Stmt(sqlite3* db, const char* sql) { ok_ = sqlite3_prepare_v2(db, sql, -1, &s_, nullptr) == SQLITE_OK; }
    ~Stmt() { sqlite3_finalize(s_); }
    Stmt(const Stmt&) = delete;
    Stmt& operator=(const Stmt&) = delete;
    bool ok() const { return ok_; }
    sqlite3_stmt* get() { return s_; }
    void bind(int i, const std::string& v) { sqlite3_bind_text(s_, i, v.data(), static_cast<int>(v.size()), SQLITE_TRANSIENT); }
    void bind(int i, long long v) { sqlite3_bind_int64(s_, i, v); }
    void bind(int i, double v) { sqlite3_bind_double(s_, i, v); }
    void bind(int i, const std::optional<double>& v) {
        if (v) sqlite3_bind_double(s_, i, *v);
        else sqlite3_bind_null(s_, i);
    }
    int step() { return sqlite3_step(s_); }
    std::string text(int col) {
        const unsigned char* t = sqlite3_column_text(s_, col);
        return t ? std::string(reinterpret_cast<const char*>(t), static_cast<std::size_t>(sqlite3_column_bytes(s_, col)))
                 : std::string();
    }
    std::optional<double> real(int col) {
        if (sqlite3_column_type(s_, col) == SQLITE_NULL) return std::nullopt;
        return sqlite3_column_double(s_, col);
    }
    long long integer(int col) { return sqlite3_column_int64(s_, col); }

private:
    sqlite3_stmt* s_ = nullptr;
    bool ok_ = false;
};

bool exec(sqlite3* db, const char* sql, std::string& error) {
    char* msg = nullptr;
    if (sqlite3_exec(db, sql, nullptr, nullptr, &msg) != SQLITE_OK) {
        error = msg ? msg : "sqlite error";
        sqlite3_free(msg);
        return false;
    }
    return true;
}

class SqliteStore final : public Store {
public:
    explicit SqliteStore(sqlite3* db) : db_(db) {}
    ~SqliteStore() override { sqlite3_close(db_); }
    PutResult put(const NewSubmission& s) override;
    std::optional<std::string> receipt(const std::string& id, std::string& error) override;
    std::optional<std::pair<std::string, std::string>> existing(const std::string& id, std::string& error) override;
    bool list(const ListFilter& f, std::vector<StoredSummary>& out, std::string& error) override;
    bool contributions(std::vector<BenchmarkContribution>& out, std::string& error) override;
    long long count() override;
    const char* kind() const override { return "sqlite"; }

private:
    sqlite3* db_ = nullptr;
    std::mutex mutex_;
};

} // namespace

std::unique_ptr<Store> open_sqlite_store(const std::string& path, std::string& error) {
    sqlite3* db = nullptr;
    if (sqlite3_open_v2(path.c_str(), &db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_FULLMUTEX,
                        nullptr) != SQLITE_OK) {
        error = db ? sqlite3_errmsg(db) : "cannot open database";
        sqlite3_close(db);
        return nullptr;
    }
    std::unique_ptr<Store> s(new SqliteStore(db));
    sqlite3_busy_timeout(db, 10000);
    // WAL + synchronous=FULL: a committed transaction survives a crash of the process and of the
    // machine (the WAL is fsynced at every commit).
    if (!exec(db, "PRAGMA journal_mode=WAL;", error) || !exec(db, "PRAGMA synchronous=FULL;", error) ||
        !exec(db, "PRAGMA foreign_keys=ON;", error))
        return nullptr;
    {
        Stmt q(db, "PRAGMA journal_mode;");
        if (!q.ok() || q.step() != SQLITE_ROW || q.text(0) != "wal") {
            error = "the database does not support WAL mode";
            return nullptr;
        }
    }
    if (!exec(db, k_schema_sql, error)) return nullptr;
    return s;
}

Store::PutResult SqliteStore::put(const NewSubmission& n) {
    std::lock_guard<std::mutex> lock(mutex_);
    PutResult r;
    std::string err;
    if (!exec(db_, "BEGIN IMMEDIATE;", err)) {
        r.error = err;
        return r;
    }
    auto rollback = [&](std::string why) {
        std::string ignored;
        exec(db_, "ROLLBACK;", ignored);
        r.status = PutStatus::failed;
        r.error = std::move(why);
        return r;
    };
    {
        Stmt q(db_, "SELECT content_sha256, receipt FROM submissions WHERE id = ?1;");
        if (!q.ok()) return rollback(sqlite3_errmsg(db_));
        q.bind(1, n.id);
        int rc = q.step();
        if (rc == SQLITE_ROW) {
            std::string sha = q.text(0), receipt = q.text(1);
            std::string ignored;
            exec(db_, "ROLLBACK;", ignored);
            r.status = sha == n.content_sha256 ? PutStatus::same : PutStatus::conflict;
            if (r.status == PutStatus::same) r.receipt = std::move(receipt);
            return r;
        }
        if (rc != SQLITE_DONE) return rollback(sqlite3_errmsg(db_));
    }
    {
        Stmt ins(db_,
                 "INSERT INTO submissions (id, content_sha256, received_at, created_at, app_version, enterprise_name, "
                 "credit_code, enterprise_key, industry, division, city, county, year, value_added_10k_yuan, total_tce, "
                 "scope1_tco2, scope2_tco2, total_tco2, key_figures, receipt, body) VALUES "
                 "(?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19,?20,?21);");
        if (!ins.ok()) return rollback(sqlite3_errmsg(db_));
        ins.bind(1, n.id);
        ins.bind(2, n.content_sha256);
        ins.bind(3, n.received_at);
        ins.bind(4, n.created_at);
        ins.bind(5, n.app_version);
        ins.bind(6, n.enterprise_name);
        ins.bind(7, n.credit_code);
        ins.bind(8, n.enterprise_key);
        ins.bind(9, n.industry);
        ins.bind(10, n.division);
        ins.bind(11, n.city);
        ins.bind(12, n.county);
        ins.bind(13, static_cast<long long>(n.year));
        ins.bind(14, n.value_added_10k_yuan);
        ins.bind(15, n.total_tce);
        ins.bind(16, n.scope1_tco2);
        ins.bind(17, n.scope2_tco2);
        ins.bind(18, n.total_tco2);
        ins.bind(19, n.key_figures);
        ins.bind(20, n.receipt);
        ins.bind(21, n.body);
        if (ins.step() != SQLITE_DONE) return rollback(sqlite3_errmsg(db_));
    }
    if (!exec(db_, "COMMIT;", err)) return rollback(err);
    r.status = PutStatus::created;
    r.receipt = n.receipt;
    return r;
}

std::optional<std::string> SqliteStore::receipt(const std::string& id, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    Stmt q(db_, "SELECT receipt FROM submissions WHERE id = ?1;");
    if (!q.ok()) {
        error = sqlite3_errmsg(db_);
        return std::nullopt;
    }
    q.bind(1, id);
    int rc = q.step();
    if (rc == SQLITE_ROW) return q.text(0);
    if (rc != SQLITE_DONE) error = sqlite3_errmsg(db_);
    return std::nullopt;
}

std::optional<std::pair<std::string, std::string>> SqliteStore::existing(const std::string& id, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    Stmt q(db_, "SELECT content_sha256, receipt FROM submissions WHERE id = ?1;");
    if (!q.ok()) {
        error = sqlite3_errmsg(db_);
        return std::nullopt;
    }
    q.bind(1, id);
    int rc = q.step();
    if (rc == SQLITE_ROW) return std::make_pair(q.text(0), q.text(1));
    if (rc != SQLITE_DONE) error = sqlite3_errmsg(db_);
    return std::nullopt;
}

bool SqliteStore::list(const ListFilter& f, std::vector<StoredSummary>& out, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    Stmt q(db_,
           "SELECT id, received_at, created_at, content_sha256, enterprise_name, credit_code, industry, city, county, "
           "year, value_added_10k_yuan, key_figures, CASE WHEN ?7 THEN body ELSE '' END FROM submissions "
           "WHERE (?1 = '' OR industry = ?1 OR division = ?1) AND (?2 = '' OR city = ?2) "
           "AND (?3 IS NULL OR year = ?3) ORDER BY seq LIMIT ?4 OFFSET ?5;");
    if (!q.ok()) {
        error = sqlite3_errmsg(db_);
        return false;
    }
    q.bind(1, f.industry);
    q.bind(2, f.city);
    if (f.year) q.bind(3, static_cast<long long>(*f.year));
    else sqlite3_bind_null(q.get(), 3);
    q.bind(4, static_cast<long long>(f.limit));
    q.bind(5, static_cast<long long>(f.offset));
    q.bind(7, static_cast<long long>(f.with_body ? 1 : 0));
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        StoredSummary s;
        s.id = q.text(0);
        s.received_at = q.text(1);
        s.created_at = q.text(2);
        s.content_sha256 = q.text(3);
        s.enterprise_name = q.text(4);
        s.credit_code = q.text(5);
        s.industry = q.text(6);
        s.city = q.text(7);
        s.county = q.text(8);
        s.year = static_cast<int>(q.integer(9));
        s.value_added_10k_yuan = q.real(10);
        s.key_figures = q.text(11);
        s.body = q.text(12);
        out.push_back(std::move(s));
    }
    if (rc != SQLITE_DONE) {
        error = sqlite3_errmsg(db_);
        return false;
    }
    return true;
}

bool SqliteStore::contributions(std::vector<BenchmarkContribution>& out, std::string& error) {
    std::lock_guard<std::mutex> lock(mutex_);
    Stmt q(db_,
           "SELECT division, year, enterprise_key, total_tco2, total_tce, value_added_10k_yuan FROM submissions "
           "WHERE division <> '' AND value_added_10k_yuan > 0 ORDER BY seq;");
    if (!q.ok()) {
        error = sqlite3_errmsg(db_);
        return false;
    }
    int rc;
    while ((rc = q.step()) == SQLITE_ROW) {
        BenchmarkContribution c;
        c.industry = q.text(0);
        c.year = static_cast<int>(q.integer(1));
        c.enterprise = q.text(2);
        c.tco2 = q.real(3).value_or(0);
        c.tce = q.real(4).value_or(0);
        c.value_added_10k_yuan = q.real(5).value_or(0);
        out.push_back(std::move(c));
    }
    if (rc != SQLITE_DONE) {
        error = sqlite3_errmsg(db_);
        return false;
    }
    return true;
}

long long SqliteStore::count() {
    std::lock_guard<std::mutex> lock(mutex_);
    Stmt q(db_, "SELECT COUNT(*) FROM submissions;");
    if (!q.ok() || q.step() != SQLITE_ROW) return -1;
    return q.integer(0);
}

} // namespace selfcheck::portal
