// selfcheck-portal: the reference receiver for SelfCheck uploads (docs/submission.md).
// Validates every submission with the same core the app runs, recomputes it against its own
// reference data, stores accepted ones (SQLite file or PostgreSQL database, portal/store.hpp) and
// acknowledges only after the commit.
//   selfcheck-portal --port N --db FILE|postgresql://… [--admin-token T] [--allow-origin ORIGIN]
//                    [--host 127.0.0.1] [--max-bytes N] [--rate R] [--burst B] [--threads N]
//                    [--db-connections N] [--name NAME] [--quiet]
#include "numbers.hpp"  // viz/: the CSV escaper
#include "rate_limit.hpp"
#include "selfcheck.hpp"
#include "store.hpp"
#include "submission.hpp"

#include <httplib.h>
#include <openssl/evp.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <fstream>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <thread>

namespace {

using nlohmann::json;
using namespace selfcheck;
using namespace selfcheck::portal;

constexpr int k_exit_usage = 64;

struct Config {
    std::string host = "127.0.0.1";
    int port = 8787;
    std::string db = "selfcheck-portal.sqlite";
    std::string admin_token;  // empty: admin endpoints disabled
    std::string allow_origin;  // empty: no CORS
    std::size_t max_bytes = 2u << 20;
    double rate = 5;      // sustained requests per second per client address
    double burst = 60;    // bucket size
    int threads = 32;     // httplib holds a thread per open keep-alive connection
    int db_connections = 8;  // PostgreSQL connection pool size
    std::string name = "SelfCheck reference receiver (selfcheck-portal)";
    bool quiet = false;
};

int usage() {
    std::fprintf(stderr,
                 "usage: selfcheck-portal --port N --db FILE|postgresql://URI [--admin-token T]\n"
                 "                        [--allow-origin ORIGIN] [--host 127.0.0.1] [--max-bytes N]\n"
                 "                        [--rate R] [--burst B] [--threads N] [--db-connections N]\n"
                 "                        [--name NAME] [--quiet]\n"
                 "       selfcheck-portal make-submission FILE|- [--id UUID] [--created-at ISO8601]\n"
                 "  --admin-token may also come from the SELFCHECK_PORTAL_ADMIN_TOKEN environment variable\n"
                 "  (preferred: command lines are visible to other users of the machine).\n"
                 "  --rate 0 disables rate limiting.\n"
                 "  --db: a SQLite file (default), or a PostgreSQL connection URI (postgresql://user@host/db,\n"
                 "  shared by several receivers; the password is better given in PGPASSWORD or ~/.pgpass).\n");
    return k_exit_usage;
}

bool parse_args(int argc, char** argv, Config& c) {
    if (const char* t = std::getenv("SELFCHECK_PORTAL_ADMIN_TOKEN")) c.admin_token = t;
    for (int i = 1; i < argc; ++i) {
        std::string a = argv[i];
        auto next = [&](std::string& v) {
            if (i + 1 >= argc) return false;
            v = argv[++i];
            return true;
        };
        std::string v;
        try {
            if (a == "--quiet") c.quiet = true;
            else if (a == "--version") {
                std::printf("selfcheck-portal %s\n", std::string(version()).c_str());
                std::exit(0);
            } else if (!next(v)) return false;
            else if (a == "--port") c.port = std::stoi(v);
            else if (a == "--db") c.db = v;
            else if (a == "--admin-token") c.admin_token = v;
            else if (a == "--allow-origin") c.allow_origin = v;
            else if (a == "--host") c.host = v;
            else if (a == "--max-bytes") c.max_bytes = std::stoul(v);
            else if (a == "--rate") c.rate = std::stod(v);
            else if (a == "--burst") c.burst = std::stod(v);
            else if (a == "--threads") c.threads = std::stoi(v);
            else if (a == "--db-connections") c.db_connections = std::stoi(v);
            else if (a == "--name") c.name = v;
            else return false;
        } catch (const std::exception&) {
            return false;
        }
    }
    return c.port >= 0 && c.port <= 65535 && c.max_bytes > 0 && c.threads > 0 && c.db_connections > 0 && c.rate >= 0 && c.burst >= 1;
}

std::string sha256_hex(const std::string& data) {
    unsigned char md[EVP_MAX_MD_SIZE];
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), md, &len, EVP_sha256(), nullptr);
    static const char* hex = "0123456789abcdef";
    std::string out;
    for (unsigned int i = 0; i < len; ++i) {
        out += hex[md[i] >> 4];
        out += hex[md[i] & 15];
    }
    return out;
}

std::string utc_now_iso() {
    auto now = std::chrono::system_clock::now();
    auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    std::time_t t = std::chrono::system_clock::to_time_t(now);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[40];
    std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                  tm.tm_hour, tm.tm_min, tm.tm_sec, static_cast<int>(ms));
    return buf;
}

bool constant_time_equal(const std::string& a, const std::string& b) {
    unsigned char diff = a.size() == b.size() ? 0 : 1;
    for (std::size_t i = 0; i < a.size(); ++i) diff |= static_cast<unsigned char>(a[i] ^ b[i % (b.empty() ? 1 : b.size())]);
    return diff == 0 && !b.empty();
}

json one_error(const std::string& path, const std::string& code, const std::string& zh, const std::string& en) {
    Issues is;
    is.error(path, code, zh, en);
    return errors_to_json(is);
}

void send_json(httplib::Response& res, int status, const json& j) {
    res.status = status;
    res.set_content(j.dump(-1, ' ', false, json::error_handler_t::replace), "application/json; charset=utf-8");
}

void send_text_json(httplib::Response& res, int status, const std::string& text) {
    res.status = status;
    res.set_content(text, "application/json; charset=utf-8");
}

// CSV cell: the one escaper shared with the report's exports (viz/numbers.hpp): quoted when
// needed; text that a spreadsheet would run as a formula gets a leading '.
std::string csv_cell(const std::string& s) { return selfcheck::viz::csv_cell(s); }

std::string csv_number(const json& v) {
    if (v.is_null()) return "";
    return v.dump();
}

class Portal {
public:
    Portal(Config cfg, Store& store)
        : cfg_(std::move(cfg)), store_(store), ref_(RefData::builtin()), limiter_(cfg_.rate, cfg_.burst) {}

    void install(httplib::Server& svr) {
        svr.new_task_queue = [n = cfg_.threads] { return new httplib::ThreadPool(static_cast<std::size_t>(n)); };
        svr.set_payload_max_length(cfg_.max_bytes);
        svr.set_keep_alive_max_count(1000);
        svr.set_read_timeout(10, 0);
        svr.set_write_timeout(10, 0);
        svr.set_default_headers({{"Cache-Control", "no-store"}, {"X-Content-Type-Options", "nosniff"}});

        svr.Post("/api/v1/submissions", [this](const httplib::Request& q, httplib::Response& r) { post(q, r); });
        svr.Get(R"(/api/v1/submissions/([^/]+))",
                [this](const httplib::Request& q, httplib::Response& r) { get_one(q, r); });
        svr.Get("/api/v1/submissions", [this](const httplib::Request& q, httplib::Response& r) { list(q, r); });
        svr.Get("/api/v1/benchmarks", [this](const httplib::Request& q, httplib::Response& r) { benchmarks(q, r); });
        svr.Get("/api/v1/status", [this](const httplib::Request& q, httplib::Response& r) { status(q, r); });
        svr.Options(R"(/api/v1/.*)", [this](const httplib::Request& q, httplib::Response& r) { options(q, r); });

        svr.set_error_handler([this](const httplib::Request& q, httplib::Response& r) {
            cors(q, r);
            if (!r.body.empty()) return;
            if (r.status == 413)
                send_json(r, 413,
                          one_error("", "too_large",
                                    "上报内容过大（上限 " + std::to_string(cfg_.max_bytes / 1024) + " KB）",
                                    "submission too large (limit " + std::to_string(cfg_.max_bytes / 1024) + " KB)"));
            else if (r.status == 404)
                send_json(r, 404, one_error("", "not_found", "没有此资源", "not found"));
            else if (r.status == 405)
                send_json(r, 405, one_error("", "method_not_allowed", "不支持此请求方法", "method not allowed"));
            else
                send_json(r, r.status, one_error("", "http_error", "请求无法处理", "the request cannot be processed"));
        });
        svr.set_exception_handler([this](const httplib::Request& q, httplib::Response& r, std::exception_ptr) {
            cors(q, r);
            send_json(r, 500, one_error("", "internal_error", "接收端内部错误", "internal error in the receiver"));
        });
        if (!cfg_.quiet)
            svr.set_logger([](const httplib::Request& q, const httplib::Response& r) {
                // Method, route and status only: never bodies, query strings, headers or ids.
                std::string path = q.path;
                const std::string prefix = "/api/v1/submissions/";
                if (path.rfind(prefix, 0) == 0 && path.size() > prefix.size()) path = prefix + "{id}";
                if (path.size() > 80) path = path.substr(0, 80) + "...";
                std::fprintf(stderr, "%s %s %s %d\n", utc_now_iso().c_str(), q.method.c_str(), path.c_str(), r.status);
            });
    }

private:
    void cors(const httplib::Request& q, httplib::Response& r) {
        if (cfg_.allow_origin.empty()) return;
        r.set_header("Vary", "Origin");
        if (q.get_header_value("Origin") == cfg_.allow_origin) {
            r.set_header("Access-Control-Allow-Origin", cfg_.allow_origin);
            r.set_header("Access-Control-Expose-Headers", "Retry-After");
        }
    }

    // Returns false (with a 429 sent) when the client has used up its tokens.
    bool admit(const httplib::Request& q, httplib::Response& r) {
        double retry_after = 0;
        if (limiter_.allow(q.remote_addr, retry_after)) return true;
        r.set_header("Retry-After", std::to_string(static_cast<long long>(retry_after) + 1));
        send_json(r, 429, one_error("", "rate_limited", "请求过于频繁，请稍后再试", "too many requests; try again later"));
        return false;
    }

    // 0: ok; otherwise the response was sent.
    bool authorised(const httplib::Request& q, httplib::Response& r) {
        if (cfg_.admin_token.empty()) {
            send_json(r, 403, one_error("", "admin_disabled", "此接收端未启用管理接口", "the admin interface is not enabled"));
            return false;
        }
        std::string h = q.get_header_value("Authorization");
        const std::string bearer = "Bearer ";
        if (h.rfind(bearer, 0) != 0 || !constant_time_equal(h.substr(bearer.size()), cfg_.admin_token)) {
            r.set_header("WWW-Authenticate", "Bearer");
            send_json(r, 401, one_error("", "unauthorized", "需要管理员令牌", "admin token required"));
            return false;
        }
        return true;
    }

    void post(const httplib::Request& q, httplib::Response& r) {
        cors(q, r);
        if (!admit(q, r)) return;
        if (q.body.size() > cfg_.max_bytes) {
            send_json(r, 413, one_error("", "too_large", "上报内容过大", "submission too large"));
            return;
        }
        SubmissionOutcome p = parse_submission(q.body, ref_);
        if (!p.submission) {
            bool malformed = false;
            for (const auto& i : p.issues.items)
                if (i.code == "not_json") malformed = true;
            send_json(r, malformed ? 400 : 422, errors_to_json(p.issues));
            return;
        }
        Submission& s = *p.submission;
        const std::string body = canonical_json(s.document);
        const std::string sha = sha256_hex(body);

        std::string err;
        if (auto ex = store_.existing(s.submission_id, err)) {
            if (ex->first == sha) send_text_json(r, 200, ex->second);
            else conflict(r);
            return;
        }
        if (!err.empty()) return storage_failed(r, err);

        json recomputed;
        try {
            Result res = assess(s.input, ref_);
            recomputed = result_to_json(res);
        } catch (const std::exception&) {
            send_json(r, 500, one_error("", "internal_error", "接收端重新计算失败", "the receiver failed to recompute"));
            return;
        }
        auto diffs = compare_key_figures(s.result, recomputed);
        if (!diffs.empty()) {
            Issues is = disagreements_to_issues(diffs);
            auto mine = ref_.versions();
            if (s.data_versions != mine)
                is.error("/data_versions", "data_versions_differ",
                         "上报结果所用参考数据版本与接收端不同：" + json(s.data_versions).dump() + "，接收端 " + json(mine).dump(),
                         "the result was computed with other reference data versions: " + json(s.data_versions).dump() +
                             ", receiver " + json(mine).dump());
            for (const auto& w : p.issues.items)
                if (w.severity == Severity::warning) is.items.push_back(w);
            send_json(r, 422, errors_to_json(is));
            return;
        }

        const Enterprise& e = s.input.enterprise;
        NewSubmission n;
        n.id = s.submission_id;
        n.content_sha256 = sha;
        n.received_at = utc_now_iso();
        n.created_at = s.created_at;
        n.app_version = s.app_version;
        n.enterprise_name = e.name;
        n.credit_code = e.credit_code;
        n.enterprise_key = enterprise_key(e.credit_code, e.name);
        n.industry = e.industry;
        n.division = industry_division(e.industry);
        n.city = e.city;
        n.county = e.county;
        n.year = e.year;
        n.value_added_10k_yuan = e.value_added_10k_yuan;
        n.total_tce = recomputed["energy"]["total_tce"].get<double>();
        n.scope1_tco2 = recomputed["emissions"]["scope1_tco2"].get<double>();
        n.scope2_tco2 = recomputed["emissions"]["scope2_tco2"].get<double>();
        n.total_tco2 = recomputed["emissions"]["total_tco2"].get<double>();
        json kf = key_figures(recomputed);
        n.key_figures = kf.dump();
        json receipt = {{"submission_id", n.id},
                        {"received_at", n.received_at},
                        {"status", "accepted"},
                        {"content_sha256", sha},
                        {"key_figures", kf},
                        {"data_versions", recomputed["data_versions"]},
                        {"receiver", cfg_.name}};
        n.receipt = receipt.dump(-1, ' ', false, json::error_handler_t::replace);
        n.body = body;

        Store::PutResult put = store_.put(n);
        switch (put.status) {
        case Store::PutStatus::created: send_text_json(r, 201, put.receipt); break;
        case Store::PutStatus::same: send_text_json(r, 200, put.receipt); break;
        case Store::PutStatus::conflict: conflict(r); break;
        case Store::PutStatus::failed: storage_failed(r, put.error); break;
        }
    }

    void conflict(httplib::Response& r) {
        send_json(r, 409,
                  one_error("/submission_id", "id_conflict", "已收到同一编号但内容不同的上报；修改后请使用新的编号上报",
                            "a different submission with this id was already received; send changes under a new id"));
    }

    void storage_failed(httplib::Response& r, const std::string& err) {
        std::fprintf(stderr, "storage error: %s\n", err.c_str());  // the database's message: no submission content
        r.set_header("Retry-After", "2");
        send_json(r, 503, one_error("", "storage_failed", "接收端暂时无法保存，请稍后重试",
                                    "the receiver cannot store submissions right now; retry later"));
    }

    void get_one(const httplib::Request& q, httplib::Response& r) {
        cors(q, r);
        if (!admit(q, r)) return;
        std::string id = q.matches[1];
        std::string err;
        if (is_uuid_v4(id))
            if (auto receipt = store_.receipt(id, err)) return send_text_json(r, 200, *receipt);
        if (!err.empty()) return storage_failed(r, err);
        send_json(r, 404, one_error("/submission_id", "not_found", "没有此编号的上报", "no submission with this id"));
    }

    void list(const httplib::Request& q, httplib::Response& r) {
        cors(q, r);
        if (!admit(q, r) || !authorised(q, r)) return;
        ListFilter f;
        f.industry = q.get_param_value("industry");
        f.city = q.get_param_value("city");
        try {
            if (q.has_param("year")) f.year = std::stoi(q.get_param_value("year"));
            if (q.has_param("limit")) f.limit = std::clamp(std::stoi(q.get_param_value("limit")), 1, 100000);
            if (q.has_param("offset")) f.offset = std::max(0, std::stoi(q.get_param_value("offset")));
        } catch (const std::exception&) {
            return send_json(r, 400, one_error("", "bad_query", "查询参数无效", "invalid query parameter"));
        }
        const std::string format = q.has_param("format") ? q.get_param_value("format") : "json";
        f.with_body = format == "json" && q.get_param_value("include") == "body";
        std::vector<StoredSummary> rows;
        std::string err;
        if (!store_.list(f, rows, err)) return storage_failed(r, err);

        if (format == "csv") {
            std::string csv = "\xEF\xBB\xBF";  // BOM: spreadsheets then read the Chinese names as UTF-8
            csv += "submission_id,received_at,created_at,enterprise_name,credit_code,industry,city,county,year,"
                   "value_added_10k_yuan";
            for (const auto& p : key_figure_paths()) csv += "," + p;
            csv += ",content_sha256\r\n";
            for (const auto& s : rows) {
                json kf = json::parse(s.key_figures, nullptr, false);
                csv += s.id + "," + s.received_at + "," + csv_cell(s.created_at) + "," + csv_cell(s.enterprise_name) +
                       "," + csv_cell(s.credit_code) + "," + csv_cell(s.industry) + "," + csv_cell(s.city) + "," +
                       csv_cell(s.county) + "," + std::to_string(s.year) + "," +
                       (s.value_added_10k_yuan ? json(*s.value_added_10k_yuan).dump() : std::string());
                for (const auto& p : key_figure_paths()) {
                    json v = kf.is_object() && kf.contains(p) ? kf[p] : json(nullptr);
                    csv += "," + (v.is_string() ? csv_cell(v.get<std::string>()) : csv_number(v));
                }
                csv += "," + s.content_sha256 + "\r\n";
            }
            r.status = 200;
            r.set_header("Content-Disposition", "attachment; filename=\"submissions.csv\"");
            r.set_content(csv, "text/csv; charset=utf-8");
            return;
        }
        if (format != "json") return send_json(r, 400, one_error("/format", "bad_query", "format 应为 json 或 csv", "format must be json or csv"));
        json items = json::array();
        for (const auto& s : rows) {
            json it = {{"submission_id", s.id},
                       {"received_at", s.received_at},
                       {"created_at", s.created_at},
                       {"content_sha256", s.content_sha256},
                       {"enterprise",
                        {{"name", s.enterprise_name},
                         {"credit_code", s.credit_code},
                         {"industry", s.industry},
                         {"city", s.city},
                         {"county", s.county},
                         {"year", s.year},
                         {"value_added_10k_yuan", s.value_added_10k_yuan ? json(*s.value_added_10k_yuan) : json(nullptr)}}},
                       {"key_figures", json::parse(s.key_figures, nullptr, false)}};
            if (f.with_body) it["submission"] = json::parse(s.body, nullptr, false);
            items.push_back(std::move(it));
        }
        send_json(r, 200, {{"count", items.size()}, {"offset", f.offset}, {"submissions", std::move(items)}});
    }

    void benchmarks(const httplib::Request& q, httplib::Response& r) {
        cors(q, r);
        if (!admit(q, r)) return;
        std::vector<BenchmarkContribution> cs;
        std::string err;
        if (!store_.contributions(cs, err)) return storage_failed(r, err);
        auto avgs = industry_averages(cs);
        std::string industry = q.get_param_value("industry");
        std::string year = q.get_param_value("year");
        std::vector<IndustryAverage> picked;
        for (auto& a : avgs)
            if ((industry.empty() || industry_division(industry) == a.industry) &&
                (year.empty() || year == std::to_string(a.year)))
                picked.push_back(a);
        std::string date = utc_now_iso().substr(0, 10);
        send_json(r, 200, industry_averages_to_json(picked, cfg_.name, "receiver-" + date));
    }

    void status(const httplib::Request& q, httplib::Response& r) {
        cors(q, r);
        send_json(r, 200,
                  {{"service", "selfcheck-portal"},
                   {"version", std::string(version())},
                   {"receiver", cfg_.name},
                   {"accepts", {{"schema", k_submission_schema}, {"version", k_submission_version}}},
                   {"max_bytes", cfg_.max_bytes},
                   {"data_versions", ref_.versions()}});
    }

    void options(const httplib::Request& q, httplib::Response& r) {
        if (cfg_.allow_origin.empty() || q.get_header_value("Origin") != cfg_.allow_origin) {
            r.status = 403;
            return;
        }
        cors(q, r);
        r.set_header("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
        r.set_header("Access-Control-Allow-Headers", "Content-Type, Authorization");
        r.set_header("Access-Control-Max-Age", "600");
        r.status = 204;
    }

    Config cfg_;
    Store& store_;
    const RefData& ref_;
    RateLimiter limiter_;
};

std::string random_uuid_v4() {
    std::random_device rd;
    unsigned char b[16];
    for (auto& x : b) x = static_cast<unsigned char>(rd() & 0xff);
    b[6] = static_cast<unsigned char>((b[6] & 0x0f) | 0x40);
    b[8] = static_cast<unsigned char>((b[8] & 0x3f) | 0x80);
    static const char* hex = "0123456789abcdef";
    std::string s;
    for (int i = 0; i < 16; ++i) {
        if (i == 4 || i == 6 || i == 8 || i == 10) s += '-';
        s += hex[b[i] >> 4];
        s += hex[b[i] & 15];
    }
    return s;
}

// selfcheck-portal make-submission FILE|- [--id UUID] [--created-at TIME]: what the app uploads,
// built with the core's build_submission (for tests, scripts and parks collecting by e-mail).
int make_submission(int argc, char** argv) {
    std::string file, id, created_at;
    for (int i = 2; i < argc; ++i) {
        std::string a = argv[i];
        if (a == "--id" && i + 1 < argc) id = argv[++i];
        else if (a == "--created-at" && i + 1 < argc) created_at = argv[++i];
        else if (file.empty()) file = a;
        else return usage();
    }
    if (file.empty()) return usage();
    std::ostringstream ss;
    if (file == "-") ss << std::cin.rdbuf();
    else {
        std::ifstream f(file, std::ios::binary);
        if (!f) {
            std::fprintf(stderr, "cannot read %s\n", file.c_str());
            return 1;
        }
        ss << f.rdbuf();
    }
    const RefData& ref = RefData::builtin();
    ParseOutcome p = parse_document(ss.str(), ref);
    if (!p.input) {
        std::printf("%s\n", errors_to_json(p.issues).dump().c_str());
        return 2;
    }
    Result r = assess(*p.input, ref);
    json s = build_submission(*p.input, r, id.empty() ? random_uuid_v4() : id,
                              created_at.empty() ? utc_now_iso() : created_at);
    std::printf("%s\n", s.dump(-1, ' ', false, json::error_handler_t::replace).c_str());
    return 0;
}

} // namespace

int main(int argc, char** argv) {
    if (argc >= 2 && std::string(argv[1]) == "make-submission") return make_submission(argc, argv);
    Config cfg;
    if (!parse_args(argc, argv, cfg)) return usage();

    // Stop cleanly on SIGINT/SIGTERM: block them here (inherited by every thread) and wait for them
    // in one thread that then stops the server.
    sigset_t stop_signals;
    sigemptyset(&stop_signals);
    sigaddset(&stop_signals, SIGINT);
    sigaddset(&stop_signals, SIGTERM);
    pthread_sigmask(SIG_BLOCK, &stop_signals, nullptr);
    std::signal(SIGPIPE, SIG_IGN);

    const RefData& ref = RefData::builtin();
    if (ref.load_issues.has_errors()) {
        std::fprintf(stderr, "selfcheck-portal: the built-in reference data has errors\n");
        return 1;
    }
    std::string err;
    StoreOptions sopt;
    sopt.connections = cfg.db_connections;
    auto store = open_store(cfg.db, sopt, err);
    if (!store) {
        std::fprintf(stderr, "selfcheck-portal: cannot open database %s: %s\n", redact_db(cfg.db).c_str(), err.c_str());
        return 1;
    }

    httplib::Server svr;
    Portal portal(cfg, *store);
    portal.install(svr);
    int port = cfg.port;
    if (port == 0) port = svr.bind_to_any_port(cfg.host);
    else if (!svr.bind_to_port(cfg.host, port)) port = -1;
    if (port < 0) {
        std::fprintf(stderr, "selfcheck-portal: cannot listen on %s:%d\n", cfg.host.c_str(), cfg.port);
        return 1;
    }

    std::thread waiter([&] {
        int sig = 0;
        sigwait(&stop_signals, &sig);
        svr.stop();
    });
    // The first stdout line tells a supervisor (or a test) where we listen.
    std::printf("selfcheck-portal listening on http://%s:%d store=%s db=%s admin=%s cors=%s\n", cfg.host.c_str(), port,
                store->kind(), redact_db(cfg.db).c_str(), cfg.admin_token.empty() ? "off" : "on",
                cfg.allow_origin.empty() ? "off" : cfg.allow_origin.c_str());
    std::fflush(stdout);
    bool ok = svr.listen_after_bind();
    // listen_after_bind returned: stopped by a signal or failed. Wake the waiter if it still waits.
    pthread_kill(waiter.native_handle(), SIGTERM);
    waiter.join();
    return ok ? 0 : 1;
}
