// Submissions: build, strict validation, key-figure comparison, industry averages (submission.hpp).
#include "submission.hpp"
#include "texts.hpp"
#include "validate.hpp"

#include "selfcheck.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <set>
#include <tuple>

namespace selfcheck {

using nlohmann::json;

namespace {

bool is_hex_lower(char c) { return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'); }
bool is_digit(char c) { return c >= '0' && c <= '9'; }

int digits(std::string_view s, std::size_t pos, std::size_t n) {
    int v = 0;
    for (std::size_t i = pos; i < pos + n; ++i) v = v * 10 + (s[i] - '0');
    return v;
}


// The result is only compared and stored, but it is still untrusted: bound its shape.
void check_result_limits(const json& v, const std::string& path, Issues& is) {
    if (is.items.size() > 50) return;
    if (v.is_string()) {
        if (v.get_ref<const std::string&>().size() > 4 * k_max_string_chars)
            texts::error(is, path, "string_too_long", "submission.string_too_long");
    } else if (v.is_array() || v.is_object()) {
        if (v.size() > k_max_array_items) {
            texts::error(is, path, "array_too_long", "submission.array_too_long", {{"limit", std::to_string(k_max_array_items)}});
            return;
        }
        if (v.is_array())
            for (std::size_t i = 0; i < v.size(); ++i) check_result_limits(v[i], path + "/" + std::to_string(i), is);
        else
            for (auto it = v.begin(); it != v.end(); ++it) check_result_limits(it.value(), path + "/" + it.key(), is);
    }
}

// The kind of a JSON value in words: the text "submission.type.<kind>".
const char* kind_of(const json& v) {
    if (v.is_null()) return "null";
    if (v.is_boolean()) return "boolean";
    if (v.is_number()) return "number";
    if (v.is_string()) return "string";
    if (v.is_array()) return "array";
    return "object";
}

// `want`: "string" or "object" (the text "submission.want.<want>").
void wrong_type(Issues& is, const std::string& path, const char* want, const json& got) {
    const texts::Text w = texts::get(std::string("submission.want.") + want);
    const texts::Text g = texts::get(std::string("submission.type.") + kind_of(got));
    texts::error(is, path, "wrong_type", "submission.wrong_type", {{"want", w.zh, w.en}, {"got", g.zh, got.type_name()}});
}

// A required short string field; returns nullptr (with an issue) when absent or not a string.
const std::string* short_string(const json& doc, const char* key, Issues& is) {
    std::string path = std::string("/") + key;
    auto it = doc.find(key);
    if (it == doc.end()) {
        texts::error(is, path, "missing_field", "submission.missing_field", {{"key", key}});
        return nullptr;
    }
    if (!it->is_string()) {
        wrong_type(is, path, "string", *it);
        return nullptr;
    }
    const auto& s = it->get_ref<const std::string&>();
    if (s.empty() || s.size() > k_max_submission_short_string) {
        texts::error(is, path, "bad_length", "submission.bad_length", {{"max", std::to_string(k_max_submission_short_string)}});
        return nullptr;
    }
    return &s;
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    while (b < e && (s[b] == ' ' || s[b] == '\t' || s[b] == '\n' || s[b] == '\r')) ++b;
    while (e > b && (s[e - 1] == ' ' || s[e - 1] == '\t' || s[e - 1] == '\n' || s[e - 1] == '\r')) --e;
    return std::string(s.substr(b, e - b));
}

// "energy.total_tce" -> value at result["energy"]["total_tce"], or nullptr.
const json* at_path(const json& j, std::string_view dotted) {
    const json* cur = &j;
    std::size_t start = 0;
    while (start <= dotted.size()) {
        std::size_t dot = dotted.find('.', start);
        std::string key(dotted.substr(start, dot == std::string_view::npos ? std::string_view::npos : dot - start));
        if (!cur->is_object()) return nullptr;
        auto it = cur->find(key);
        if (it == cur->end()) return nullptr;
        cur = &*it;
        if (dot == std::string_view::npos) break;
        start = dot + 1;
    }
    return cur;
}

std::string show(const json& v) { return v.is_null() ? "null" : v.dump(); }

} // namespace

// ---------------------------------------------------------------------------------------------

json build_submission(const json& assessment, const json& result, std::string_view submission_id,
                      std::string_view created_at) {
    json s = json::object();
    s["schema"] = k_submission_schema;
    s["version"] = k_submission_version;
    s["submission_id"] = std::string(submission_id);
    s["created_at"] = std::string(created_at);
    s["app_version"] = std::string(version());
    json dv = json::object();
    if (result.is_object())
        if (auto it = result.find("data_versions"); it != result.end() && it->is_object()) dv = *it;
    s["data_versions"] = std::move(dv);
    s["assessment"] = assessment;
    s["result"] = result;
    return s;
}

json build_submission(const Input& input, const Result& result, std::string_view submission_id,
                      std::string_view created_at) {
    return build_submission(input_to_json(input), result_to_json(result), submission_id, created_at);
}

bool is_uuid_v4(std::string_view s) {
    if (s.size() != 36) return false;
    for (std::size_t i = 0; i < s.size(); ++i) {
        if (i == 8 || i == 13 || i == 18 || i == 23) {
            if (s[i] != '-') return false;
        } else if (!is_hex_lower(s[i])) {
            return false;
        }
    }
    return s[14] == '4' && (s[19] == '8' || s[19] == '9' || s[19] == 'a' || s[19] == 'b');
}

bool is_iso8601_timestamp(std::string_view s) {
    // YYYY-MM-DDTHH:MM:SS
    if (s.size() < 20) return false;
    const char* shape = "dddd-dd-ddTdd:dd:dd";
    for (std::size_t i = 0; i < 19; ++i) {
        if (shape[i] == 'd' ? !is_digit(s[i]) : s[i] != shape[i]) return false;
    }
    int mo = digits(s, 5, 2), d = digits(s, 8, 2), h = digits(s, 11, 2), mi = digits(s, 14, 2), se = digits(s, 17, 2);
    if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || se > 60) return false;
    std::size_t i = 19;
    if (i < s.size() && s[i] == '.') {
        std::size_t start = ++i;
        while (i < s.size() && is_digit(s[i])) ++i;
        if (i == start || i - start > 9) return false;
    }
    if (i == s.size()) return false;  // a zone is required: the receiver compares times
    if (s[i] == 'Z') return i + 1 == s.size();
    if ((s[i] == '+' || s[i] == '-') && s.size() == i + 6 && is_digit(s[i + 1]) && is_digit(s[i + 2]) &&
        s[i + 3] == ':' && is_digit(s[i + 4]) && is_digit(s[i + 5]))
        return digits(s, i + 1, 2) <= 14 && digits(s, i + 4, 2) <= 59;
    return false;
}

SubmissionOutcome parse_submission(std::string_view text, const RefData& ref) {
    SubmissionOutcome out;
    if (text.size() > k_max_submission_bytes) {
        texts::error(out.issues, "", "submission_too_large", "submission.too_large",
                     {{"limit", std::to_string(k_max_submission_bytes / 1024)}});
        return out;
    }
    if (json_max_nesting(text) > k_max_depth + 2) {
        texts::error(out.issues, "", "too_deep", "submission.too_deep");
        return out;
    }
    json doc = json::parse(text, nullptr, false);
    if (doc.is_discarded()) {
        texts::error(out.issues, "", "not_json", "submission.not_json");
        return out;
    }
    return parse_submission_json(doc, ref);
}

SubmissionOutcome parse_submission_json(const json& doc, const RefData& ref) {
    SubmissionOutcome out;
    Issues& is = out.issues;
    if (!doc.is_object()) {
        texts::error(is, "", "not_object", "submission.not_object");
        return out;
    }
    auto schema = doc.find("schema");
    if (schema == doc.end() || !schema->is_string() || schema->get<std::string>() != k_submission_schema) {
        texts::error(is, "/schema", "wrong_schema", "submission.wrong_schema");
        return out;
    }
    auto ver = doc.find("version");
    if (ver == doc.end() || !ver->is_number_integer()) {
        texts::error(is, "/version", "missing_version", "submission.missing_version");
        return out;
    }
    if (ver->get<long long>() != k_submission_version) {
        texts::error(is, "/version", "unsupported_version", "submission.unsupported_version",
                     {{"version", ver->dump()}, {"supported", std::to_string(k_submission_version)}});
        return out;
    }

    Submission s;
    if (const std::string* id = short_string(doc, "submission_id", is)) {
        if (!is_uuid_v4(*id))
            texts::error(is, "/submission_id", "bad_uuid", "submission.bad_uuid");
        else s.submission_id = *id;
    }
    if (const std::string* t = short_string(doc, "created_at", is)) {
        if (!is_iso8601_timestamp(*t))
            texts::error(is, "/created_at", "bad_timestamp", "submission.bad_timestamp");
        else s.created_at = *t;
    }
    if (const std::string* v = short_string(doc, "app_version", is)) s.app_version = *v;

    if (auto dv = doc.find("data_versions"); dv == doc.end()) {
        texts::error(is, "/data_versions", "missing_field", "submission.missing_field", {{"key", "data_versions"}});
    } else if (!dv->is_object()) {
        wrong_type(is, "/data_versions", "object", *dv);
    } else if (dv->size() > k_max_data_versions) {
        texts::error(is, "/data_versions", "too_many_items", "submission.too_many_data_versions");
    } else {
        for (auto it = dv->begin(); it != dv->end(); ++it) {
            std::string p = "/data_versions/" + it.key();
            if (it.key().size() > k_max_submission_short_string) {
                texts::error(is, p, "bad_length", "submission.name_too_long");
            } else if (!it->is_string()) {
                wrong_type(is, p, "string", *it);
            } else if (it->get_ref<const std::string&>().size() > k_max_submission_short_string) {
                texts::error(is, p, "bad_length", "submission.version_too_long");
            } else {
                s.data_versions[it.key()] = it->get<std::string>();
            }
        }
    }

    if (auto r = doc.find("result"); r == doc.end()) {
        texts::error(is, "/result", "missing_field", "submission.missing_result");
    } else if (!r->is_object()) {
        wrong_type(is, "/result", "object", *r);
    } else {
        check_result_limits(*r, "/result", is);
        s.result = *r;
    }

    for (auto it = doc.begin(); it != doc.end(); ++it) {
        static const std::set<std::string> known = {"schema",     "version",       "submission_id", "created_at",
                                                    "app_version", "data_versions", "assessment",   "result"};
        if (!known.count(it.key()))
            texts::warning(is, "/" + it.key(), "unknown_field", "submission.unknown_field", {{"key", it.key()}});
    }

    if (auto a = doc.find("assessment"); a == doc.end()) {
        texts::error(is, "/assessment", "missing_field", "submission.missing_assessment");
    } else if (!a->is_object()) {
        wrong_type(is, "/assessment", "object", *a);
    } else {
        ParseOutcome p;
        try {
            p = parse_document_json(*a, ref);
        } catch (const std::exception& ex) {
            p.input.reset();
            texts::error(p.issues, "", "internal_error", "submission.internal_error", {{"what", ex.what()}});
        }
        for (auto& i : p.issues.items) {
            i.path = "/assessment" + i.path;
            // Identity fields key the enterprise on the receiver: a wrong credit code or a place we
            // cannot name (warnings in the app, where they block nothing else) block the upload.
            if (is_identity_issue(i.code)) i.severity = Severity::error;
            if (i.severity == Severity::warning) s.input_warnings.items.push_back(i);
            is.items.push_back(std::move(i));
        }
        if (p.input) s.input = std::move(*p.input);
        s.assessment = *a;
    }

    if (!is.has_errors()) {
        s.document = doc;
        out.submission = std::move(s);
    }
    return out;
}

std::string canonical_json(const json& j) {
    // nlohmann's object_t is a std::map: keys come out sorted; -1 = no whitespace.
    return j.dump(-1, ' ', false, json::error_handler_t::strict);
}

const std::vector<std::string>& key_figure_paths() {
    static const std::vector<std::string> paths = {
        "energy.total_tce",
        "emissions.scope1_tco2",
        "emissions.scope2_tco2",
        "emissions.total_tco2",
        "intensity.tce_per_10k_yuan_value_added",
        "intensity.tco2_per_10k_yuan_value_added",
        "intensity.tce_per_10k_yuan_output",
        "intensity.tco2_per_10k_yuan_output",
        "carbon_efficiency.index",
        "carbon_efficiency.grade",
        "carbon_efficiency.level",
    };
    return paths;
}

json key_figures(const json& result) {
    json k = json::object();
    for (const auto& p : key_figure_paths()) {
        const json* v = at_path(result, p);
        k[p] = v ? *v : json(nullptr);
    }
    return k;
}

std::vector<Disagreement> compare_key_figures(const json& sent, const json& recomputed, double rel_tol) {
    std::vector<Disagreement> out;
    for (const auto& p : key_figure_paths()) {
        const json* a = at_path(sent, p);
        const json* b = at_path(recomputed, p);
        json av = a ? *a : json(nullptr), bv = b ? *b : json(nullptr);
        bool same;
        if (!a) same = false;  // a key figure missing from the sent result is a disagreement
        else if (av.is_number() && bv.is_number()) {
            double x = av.get<double>(), y = bv.get<double>();
            same = std::isfinite(x) && std::abs(x - y) <= std::max(rel_tol * std::max(std::abs(x), std::abs(y)), 1e-12);
        } else {
            same = av == bv;  // strings (level), null vs null
        }
        if (!same) out.push_back({p, std::move(av), std::move(bv)});
    }
    return out;
}

Issues disagreements_to_issues(const std::vector<Disagreement>& ds) {
    Issues is;
    for (const auto& d : ds) {
        std::string path = "/result/" + d.path;
        std::replace(path.begin(), path.end(), '.', '/');
        texts::error(is, path, "result_mismatch", "submission.result_mismatch",
                     {{"path", d.path}, {"sent", show(d.sent)}, {"recomputed", show(d.recomputed)}});
    }
    return is;
}

// ---------------------------------------------------------------------------------------------

std::string industry_division(std::string_view code) {
    std::string c = trim(code);
    if (c.size() < 3) return "";
    char s = c[0];
    if (s >= 'a' && s <= 'z') s = static_cast<char>(s - 'a' + 'A');
    if (s < 'A' || s > 'Z' || !is_digit(c[1]) || !is_digit(c[2])) return "";
    for (std::size_t i = 3; i < c.size(); ++i)
        if (!is_digit(c[i])) return "";
    return std::string{s, c[1], c[2]};
}

std::string enterprise_key(std::string_view credit_code, std::string_view name) {
    std::string cc = trim(credit_code);
    if (!cc.empty()) {
        for (auto& ch : cc)
            if (ch >= 'a' && ch <= 'z') ch = static_cast<char>(ch - 'a' + 'A');
        return "credit:" + cc;
    }
    return "name:" + trim(name);
}

std::vector<IndustryAverage> industry_averages(const std::vector<BenchmarkContribution>& contributions,
                                               int min_enterprises) {
    // (division, year) -> enterprise -> latest contribution
    std::map<std::pair<std::string, int>, std::map<std::string, const BenchmarkContribution*>> groups;
    for (const auto& c : contributions) {
        std::string div = industry_division(c.industry);
        if (div.empty() || c.year <= 0 || !(c.value_added_10k_yuan > 0) || !std::isfinite(c.tco2) ||
            !std::isfinite(c.tce) || c.enterprise.empty() || c.enterprise == "name:")
            continue;
        groups[{div, c.year}][c.enterprise] = &c;  // later arrivals replace earlier ones
    }
    std::vector<IndustryAverage> out;
    for (const auto& [key, members] : groups) {
        if (static_cast<int>(members.size()) < min_enterprises) continue;
        IndustryAverage a;
        a.industry = key.first;
        a.year = key.second;
        a.enterprises = static_cast<int>(members.size());
        for (const auto& [_, c] : members) {
            a.tco2 += c->tco2;
            a.tce += c->tce;
            a.value_added_10k_yuan += c->value_added_10k_yuan;
        }
        a.tco2_per_10k_yuan = a.tco2 / a.value_added_10k_yuan;
        a.tce_per_10k_yuan = a.tce / a.value_added_10k_yuan;
        out.push_back(a);
    }
    return out;
}

json industry_averages_to_json(const std::vector<IndustryAverage>& averages, std::string_view source,
                               std::string_view version, int min_enterprises) {
    json records = json::array();
    for (const auto& a : averages) {
        // The energy intensity rides along in the same record: a second record for the same
        // industry would be picked up as a CO2 average by readers that match on industry alone.
        const texts::Text avg_source =
            texts::get("submission.average_source", {{"source", std::string(source)}, {"n", std::to_string(a.enterprises)}});
        records.push_back({{"id", a.industry + "/" + std::to_string(a.year)},
                           {"industry", a.industry},
                           {"year", a.year},
                           {"value", a.tco2_per_10k_yuan},
                           {"unit", "tCO2/10k_yuan"},
                           {"source", avg_source.zh},
                           {"source_en", avg_source.en},
                           {"confidence", "user"},
                           {"method", "aggregate"},
                           {"enterprises", a.enterprises},
                           {"tco2", a.tco2},
                           {"tce", a.tce},
                           {"value_added_10k_yuan", a.value_added_10k_yuan},
                           {"tce_per_10k_yuan", a.tce_per_10k_yuan}});
    }
    return {{"dataset", "industry_averages"},
            {"version", std::string(version)},
            {"title_zh", texts::get("submission.averages_title").zh},
            {"title_en", texts::get("submission.averages_title").en},
            {"source", std::string(source)},
            {"min_enterprises", min_enterprises},
            {"method", "Σ emissions.total_tco2 / Σ enterprise.value_added_10k_yuan per GB/T 4754 division and "
                       "year, over accepted submissions, latest per enterprise; published only where at least " +
                           std::to_string(min_enterprises) + " distinct enterprises contribute"},
            {"records", std::move(records)}};
}

} // namespace selfcheck
