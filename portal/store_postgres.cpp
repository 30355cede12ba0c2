// PostgreSQL storage of accepted submissions (store.hpp), through libpq. Any number of receiver
// processes may share one database:
//   - the submission id is the table's unique key and a submission is written with one statement,
//     INSERT … ON CONFLICT (id) DO NOTHING RETURNING, in its own transaction. Of concurrent inserts
//     of one id PostgreSQL lets exactly one through; the others wait for its commit, insert
//     nothing, and then read the stored row to answer "same receipt" (200) or "conflict" (409).
//   - the commit is synchronous (synchronous_commit=on is set for every session, whatever the
//     server default): the 201 is sent only after the WAL record is flushed.
//   - the schema is created under a transaction-scoped advisory lock, so receivers started at the
//     same moment on an empty database do not race on CREATE TABLE.
// A small pool of connections serves the receiver's threads; a connection found broken (server
// restart, network) is replaced and the statement retried once (every statement here is
// idempotent: a repeated insert of a committed submission reads back as "same").
#include "store.hpp"

#include <libpq-fe.h>

#include <condition_variable>
#include <cstdio>
#include <cstdlib>
#include <mutex>

namespace selfcheck::portal {

namespace {

constexpr const char* k_schema_sql = R"SQL(
BEGIN;
SELECT pg_advisory_xact_lock(5999727430201524556);  -- "SCPORTAL" in ASCII, 0x5343504f5254414c
CREATE TABLE IF NOT EXISTS submissions (
    seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
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
    value_added_10k_yuan DOUBLE PRECISION,
    total_tce DOUBLE PRECISION NOT NULL,
    scope1_tco2 DOUBLE PRECISION NOT NULL,
    scope2_tco2 DOUBLE PRECISION NOT NULL,
    total_tco2 DOUBLE PRECISION NOT NULL,
    key_figures TEXT NOT NULL,
    receipt TEXT NOT NULL,
    body TEXT NOT NULL
);
CREATE INDEX IF NOT EXISTS submissions_division_year ON submissions(division, year);
CREATE INDEX IF NOT EXISTS submissions_city ON submissions(city);
COMMENT ON TABLE submissions IS 'selfcheck-portal accepted submissions, schema 1 (docs/submission.md)';
COMMIT;
)SQL";

// Exact text of a double: 17 significant digits read back to the same value.
std::string real_text(double v) {
    char buf[40];
    std::snprintf(buf, sizeof buf, "%.17g", v);
    return buf;
}

// Parameters in libpq's text format; std::nullopt is SQL NULL.
class Params {
public:
    Params& add(std::string v) {
        vals_.emplace_back(std::move(v));
        return *this;
    }
    Params& add(long long v) { return add(std::to_string(v)); }
    Params& add(double v) { return add(real_text(v)); }
    Params& add(const std::optional<double>& v) {
        if (v) return add(*v);
        vals_.emplace_back(std::nullopt);
        return *this;
    }
    Params& add_null() {
        vals_.emplace_back(std::nullopt);
        return *this;
    }
    std::vector<const char*> pointers() const {
        std::vector<const char*> p;
        for (const auto& v : vals_) p.push_back(v ? v->c_str() : nullptr);
        return p;
    }
    int size() const { return static_cast<int>(vals_.size()); }

private:
    std::vector<std::optional<std::string>> vals_;
};

// A PGresult, cleared on scope exit.
class Result {
public:
    explicit Result(PGresult* r = nullptr) : r_(r) {}
    ~Result() { PQclear(r_); }
    Result(Result&& o) noexcept : r_(o.r_) { o.r_ = nullptr; }
    Result& operator=(Result&& o) noexcept {
        if (this != &o) {
            PQclear(r_);
            r_ = o.r_;
            o.r_ = nullptr;
        }
        return *this;
    }
    Result(const Result&) = delete;
    Result& operator=(const Result&) = delete;
    PGresult* get() const { return r_; }
    bool ok() const {
        auto s = r_ ? PQresultStatus(r_) : PGRES_FATAL_ERROR;
        return s == PGRES_COMMAND_OK || s == PGRES_TUPLES_OK;
    }
    int rows() const { return PQntuples(r_); }
    bool null(int row, int col) const { return PQgetisnull(r_, row, col) != 0; }
    std::string text(int row, int col) const {
        return std::string(PQgetvalue(r_, row, col), static_cast<std::size_t>(PQgetlength(r_, row, col)));
    }
    std::optional<double> real(int row, int col) const {
        if (null(row, col)) return std::nullopt;
        return std::strtod(PQgetvalue(r_, row, col), nullptr);
    }
    long long integer(int row, int col) const { return std::strtoll(PQgetvalue(r_, row, col), nullptr, 10); }

private:
    PGresult* r_ = nullptr;
};

// The server's message without DETAIL/CONTEXT lines, which may quote row values (submission
// content must never reach the log).
std::string error_of(PGconn* c, const Result& r) {
    std::string e;
    if (r.get()) {
        const char* state = PQresultErrorField(r.get(), PG_DIAG_SQLSTATE);
        const char* primary = PQresultErrorField(r.get(), PG_DIAG_MESSAGE_PRIMARY);
        if (state) e += std::string("[") + state + "] ";
        if (primary) e += primary;
    }
    if (e.empty() && c) {
        e = PQerrorMessage(c);
        while (!e.empty() && (e.back() == '\n' || e.back() == ' ')) e.pop_back();
    }
    return e.empty() ? "postgresql error" : "postgresql: " + e;
}

PGconn* connect(const std::string& uri, std::string& error) {
    // Defaults first: values in the URI override them (expand_dbname).
    const char* keys[] = {"connect_timeout", "application_name", "dbname", nullptr};
    const char* vals[] = {"10", "selfcheck-portal", uri.c_str(), nullptr};
    PGconn* c = PQconnectdbParams(keys, vals, 1);
    if (!c || PQstatus(c) != CONNECTION_OK) {
        error = c ? PQerrorMessage(c) : "out of memory";
        while (!error.empty() && (error.back() == '\n' || error.back() == ' ')) error.pop_back();
        error = "postgresql: " + error;
        PQfinish(c);
        return nullptr;
    }
    // Notices ("relation already exists, skipping") are not errors: keep them out of the log.
    PQsetNoticeProcessor(c, [](void*, const char*) {}, nullptr);
    // Acknowledge only durable commits whatever the server default; exact doubles in text results.
    Result r(PQexec(c, "SET synchronous_commit = on; SET extra_float_digits = 3; SET client_encoding = 'UTF8';"));
    if (!r.ok()) {
        error = error_of(c, r);
        PQfinish(c);
        return nullptr;
    }
    return c;
}

class PostgresStore final : public Store {
public:
    PostgresStore(std::string uri, int max_connections) : uri_(std::move(uri)), max_(max_connections < 1 ? 1 : max_connections) {}
    ~PostgresStore() override {
        for (PGconn* c : idle_) PQfinish(c);
    }

    bool init(std::string& error) {
        PGconn* c = connect(uri_, error);
        if (!c) return false;
        Result r(PQexec(c, k_schema_sql));
        if (!r.ok()) {
            error = error_of(c, r);
            PQfinish(c);
            return false;
        }
        // PQexec returns the last statement's result; check that every statement ran.
        Result check(PQexec(c, "SELECT count(*) FROM submissions;"));
        if (!check.ok()) {
            error = error_of(c, check);
            PQfinish(c);
            return false;
        }
        std::lock_guard<std::mutex> lock(mutex_);
        idle_.push_back(c);
        ++open_;
        return true;
    }

    PutResult put(const NewSubmission& n) override {
        PutResult out;
        Params p;
        p.add(n.id).add(n.content_sha256).add(n.received_at).add(n.created_at).add(n.app_version)
            .add(n.enterprise_name).add(n.credit_code).add(n.enterprise_key).add(n.industry).add(n.division)
            .add(n.city).add(n.county).add(static_cast<long long>(n.year)).add(n.value_added_10k_yuan)
            .add(n.total_tce).add(n.scope1_tco2).add(n.scope2_tco2).add(n.total_tco2).add(n.key_figures)
            .add(n.receipt).add(n.body);
        // Two rounds: a row that blocked our insert cannot disappear (nothing deletes), but a
        // conflicting insert that was rolled back lets ours through on the second round.
        for (int round = 0; round < 2; ++round) {
            std::string err;
            Result ins = exec(
                "INSERT INTO submissions (id, content_sha256, received_at, created_at, app_version, enterprise_name, "
                "credit_code, enterprise_key, industry, division, city, county, year, value_added_10k_yuan, total_tce, "
                "scope1_tco2, scope2_tco2, total_tco2, key_figures, receipt, body) VALUES "
                "($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13::integer,$14::double precision,$15::double precision,"
                "$16::double precision,$17::double precision,$18::double precision,$19,$20,$21) "
                "ON CONFLICT (id) DO NOTHING RETURNING receipt;",
                p, err);
            if (!err.empty()) {
                out.error = err;
                return out;
            }
            if (ins.rows() == 1) {
                out.status = PutStatus::created;
                out.receipt = ins.text(0, 0);
                return out;
            }
            auto ex = existing(n.id, err);
            if (!err.empty()) {
                out.error = err;
                return out;
            }
            if (ex) {
                out.status = ex->first == n.content_sha256 ? PutStatus::same : PutStatus::conflict;
                if (out.status == PutStatus::same) out.receipt = ex->second;
                return out;
            }
        }
        out.error = "postgresql: the submission was neither inserted nor found";
        return out;
    }

    std::optional<std::string> receipt(const std::string& id, std::string& error) override {
        Params p;
        p.add(id);
        Result r = exec("SELECT receipt FROM submissions WHERE id = $1;", p, error);
        if (!error.empty() || r.rows() == 0) return std::nullopt;
        return r.text(0, 0);
    }

    std::optional<std::pair<std::string, std::string>> existing(const std::string& id, std::string& error) override {
        Params p;
        p.add(id);
        Result r = exec("SELECT content_sha256, receipt FROM submissions WHERE id = $1;", p, error);
        if (!error.empty() || r.rows() == 0) return std::nullopt;
        return std::make_pair(r.text(0, 0), r.text(0, 1));
    }

    bool list(const ListFilter& f, std::vector<StoredSummary>& out, std::string& error) override {
        Params p;
        p.add(f.industry).add(f.city);
        if (f.year) p.add(static_cast<long long>(*f.year));
        else p.add_null();
        p.add(static_cast<long long>(f.limit)).add(static_cast<long long>(f.offset)).add(std::string(f.with_body ? "true" : "false"));
        Result r = exec(
            "SELECT id, received_at, created_at, content_sha256, enterprise_name, credit_code, industry, city, county, "
            "year, value_added_10k_yuan, key_figures, CASE WHEN $6::boolean THEN body ELSE '' END FROM submissions "
            "WHERE ($1::text = '' OR industry = $1::text OR division = $1::text) AND ($2::text = '' OR city = $2::text) "
            "AND ($3::integer IS NULL OR year = $3::integer) ORDER BY seq LIMIT $4::bigint OFFSET $5::bigint;",
            p, error);
        if (!error.empty()) return false;
        for (int i = 0; i < r.rows(); ++i) {
            StoredSummary s;
            s.id = r.text(i, 0);
            s.received_at = r.text(i, 1);
            s.created_at = r.text(i, 2);
            s.content_sha256 = r.text(i, 3);
            s.enterprise_name = r.text(i, 4);
            s.credit_code = r.text(i, 5);
            s.industry = r.text(i, 6);
            s.city = r.text(i, 7);
            s.county = r.text(i, 8);
            s.year = static_cast<int>(r.integer(i, 9));
            s.value_added_10k_yuan = r.real(i, 10);
            s.key_figures = r.text(i, 11);
            s.body = r.text(i, 12);
            out.push_back(std::move(s));
        }
        return true;
    }

    bool contributions(std::vector<BenchmarkContribution>& out, std::string& error) override {
        Params none;
        Result r = exec(
            "SELECT division, year, enterprise_key, total_tco2, total_tce, value_added_10k_yuan FROM submissions "
            "WHERE division <> '' AND value_added_10k_yuan > 0 ORDER BY seq;",
            none, error);
        if (!error.empty()) return false;
        for (int i = 0; i < r.rows(); ++i) {
            BenchmarkContribution c;
            c.industry = r.text(i, 0);
            c.year = static_cast<int>(r.integer(i, 1));
            c.enterprise = r.text(i, 2);
            c.tco2 = r.real(i, 3).value_or(0);
            c.tce = r.real(i, 4).value_or(0);
            c.value_added_10k_yuan = r.real(i, 5).value_or(0);
            out.push_back(std::move(c));
        }
        return true;
    }

    long long count() override {
        Params none;
        std::string err;
        Result r = exec("SELECT count(*) FROM submissions;", none, err);
        if (!err.empty() || r.rows() != 1) return -1;
        return r.integer(0, 0);
    }

    const char* kind() const override { return "postgresql"; }

private:
    // Runs one statement on a pooled connection; a broken connection is replaced and the
    // statement retried once. On failure `error` is set and the result is empty.
    Result exec(const char* sql, const Params& p, std::string& error) {
        auto ptrs = p.pointers();
        for (int attempt = 0; attempt < 2; ++attempt) {
            PGconn* c = acquire(error);
            if (!c) return Result();
            Result r(PQexecParams(c, sql, p.size(), nullptr, ptrs.data(), nullptr, nullptr, 0));
            if (r.ok()) {
                release(c, false);
                error.clear();
                return r;
            }
            error = error_of(c, r);
            bool broken = PQstatus(c) != CONNECTION_OK;
            release(c, broken);
            if (!broken) return Result();
        }
        return Result();
    }

    PGconn* acquire(std::string& error) {
        std::unique_lock<std::mutex> lock(mutex_);
        cv_.wait(lock, [&] { return !idle_.empty() || open_ < max_; });
        if (!idle_.empty()) {
            PGconn* c = idle_.back();
            idle_.pop_back();
            return c;
        }
        ++open_;  // reserve the slot, connect outside the lock
        lock.unlock();
        PGconn* c = connect(uri_, error);
        if (!c) {
            lock.lock();
            --open_;
            cv_.notify_one();
        }
        return c;
    }

    void release(PGconn* c, bool broken) {
        std::lock_guard<std::mutex> lock(mutex_);
        if (broken) {
            PQfinish(c);
            --open_;
        } else {
            idle_.push_back(c);
        }
        cv_.notify_one();
    }

    std::string uri_;
    int max_;
    std::mutex mutex_;
    std::condition_variable cv_;
    std::vector<PGconn*> idle_;
    int open_ = 0;  // connections open or being opened (idle + in use)
};

} // namespace

std::unique_ptr<Store> open_postgres_store(const std::string& uri, const StoreOptions& opt, std::string& error) {
    auto s = std::make_unique<PostgresStore>(uri, opt.connections);
    if (!s->init(error)) return nullptr;
    return s;
}

} // namespace selfcheck::portal
