#include "names.hpp"

#include "validate.hpp"

#include <algorithm>
#include <cctype>

namespace selfcheck {

namespace {

std::vector<std::u32string::value_type> code_points(std::string_view s) {
    std::vector<char32_t> out;
    for (std::size_t i = 0; i < s.size();) {
        unsigned char c = static_cast<unsigned char>(s[i]);
        std::size_t len = c < 0x80 ? 1 : (c >> 5) == 0x6 ? 2 : (c >> 4) == 0xE ? 3 : (c >> 3) == 0x1E ? 4 : 1;
        char32_t cp = len == 1 ? c : len == 2 ? (c & 0x1F) : len == 3 ? (c & 0x0F) : (c & 0x07);
        for (std::size_t k = 1; k < len && i + k < s.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
        out.push_back(cp);
        i += len;
    }
    return out;
}

std::string trim(std::string_view s) {
    std::size_t b = 0, e = s.size();
    auto space = [](unsigned char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n'; };
    while (b < e && space(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && space(static_cast<unsigned char>(s[e - 1]))) --e;
    // also the ideographic space U+3000 (E3 80 80) at either end
    std::string t(s.substr(b, e - b));
    while (t.size() >= 3 && t.compare(0, 3, "\xE3\x80\x80") == 0) t.erase(0, 3);
    while (t.size() >= 3 && t.compare(t.size() - 3, 3, "\xE3\x80\x80") == 0) t.erase(t.size() - 3);
    return t;
}

std::string lower_ascii(std::string s) {
    for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    return s;
}

bool ends_with(std::string_view s, std::string_view suf) {
    return s.size() >= suf.size() && s.compare(s.size() - suf.size(), suf.size(), suf) == 0;
}

// Chinese name without a trailing city/district/county character (UTF-8 bytes, so the core holds no CJK
// literal), and with the "Zhejiang Province" / "Zhejiang" prefixes dropped; English name lower-cased without "district"/"city"/"county",
// apostrophes and spaces.
std::string norm_zh(std::string_view name) {
    std::string s = trim(name);
    static const char* prefixes[] = {"\xE6\xB5\x99\xE6\xB1\x9F\xE7\x9C\x81",  // Zhejiang Province
                                     "\xE6\xB5\x99\xE6\xB1\x9F"};             // Zhejiang
    for (const char* p : prefixes)
        if (s.rfind(p, 0) == 0 && s.size() > std::string_view(p).size()) {
            s.erase(0, std::string_view(p).size());
            break;
        }
    static const char* suffixes[] = {"\xE5\xB8\x82", "\xE5\x8C\xBA", "\xE5\x8E\xBF"};  // city, district, county
    for (const char* suf : suffixes)
        if (ends_with(s, suf) && utf8_length(s) > 2) {
            s.erase(s.size() - 3);
            break;
        }
    return s;
}

std::string norm_en(std::string_view name) {
    std::string s = lower_ascii(trim(name));
    static const char* suffixes[] = {" she autonomous county", " autonomous county", " district", " city", " county"};
    for (const char* suf : suffixes)
        if (ends_with(s, suf)) {
            s.erase(s.size() - std::string_view(suf).size());
            break;
        }
    std::string out;
    for (char c : s)
        if (c != '\'' && c != ' ' && c != '-') out += c;
    return out;
}

bool is_ascii(std::string_view s) {
    for (unsigned char c : s)
        if (c >= 0x80) return false;
    return true;
}

bool all_digits(std::string_view s) {
    if (s.empty()) return false;
    for (char c : s)
        if (c < '0' || c > '9') return false;
    return true;
}

std::string str(const RefRecord& r, const char* key) { return json_string_or(r.raw, key); }

NameEntry entry_of(const RefRecord& r) {
    NameEntry e;
    e.record = &r;
    e.kind = str(r, "kind");
    e.city = str(r, "city");
    e.section = str(r, "section");
    e.code = str(r, "code");
    e.id_lower = lower_ascii(r.id);
    e.name_zh = str(r, "name_zh");
    e.name_zh_norm = norm_zh(e.name_zh);
    e.name_en_norm = norm_en(str(r, "name_en"));
    return e;
}

std::vector<NameEntry> entries_of(const Dataset* d) {
    std::vector<NameEntry> out;
    if (!d) return out;
    out.reserve(d->records.size());
    for (const auto& r : d->records) out.push_back(entry_of(r));
    return out;
}

// The index reindex() built while it still describes these records; else one built for this call.
const NameIndex& index_for(const RefData& ref, std::shared_ptr<const NameIndex>& local) {
    if (ref.names && ref.names->describes(ref)) return *ref.names;
    local = build_name_index(ref);
    return *local;
}

// Shared matcher: exact forms first, then unique/multiple prefix matches, then edit-distance near-misses.
template <class Pred>
NameResolution match(const std::vector<NameEntry>& entries, std::string_view text, Pred keep, bool codes_only_digits) {
    NameResolution out;
    const std::string t = trim(text);
    if (t.empty()) return out;
    const bool ascii = is_ascii(t);
    const std::string nz = norm_zh(t), ne = norm_en(t), tl = lower_ascii(t);
    std::vector<const RefRecord*> exact, prefix;
    for (const auto& e : entries) {
        if (!keep(e)) continue;
        const RefRecord& r = *e.record;
        bool hit = r.id == t || e.id_lower == tl || (!e.code.empty() && e.code == t);
        if (!hit && ascii) hit = e.name_en_norm == ne && !ne.empty();
        if (!hit && !ascii) hit = e.name_zh_norm == nz || e.name_zh == t;
        if (hit) {
            exact.push_back(&r);
            continue;
        }
        if (!codes_only_digits || !all_digits(t)) {
            bool pre = ascii ? (ne.size() >= 2 && e.name_en_norm.rfind(ne, 0) == 0)
                             : (!nz.empty() && e.name_zh_norm.rfind(nz, 0) == 0);
            if (pre) prefix.push_back(&r);
        }
    }
    if (exact.size() == 1) {
        out.status = NameStatus::resolved;
        out.id = exact[0]->id;
        return out;
    }
    if (exact.size() > 1) {
        out.status = NameStatus::ambiguous;
        out.suggestions = exact;
        return out;
    }
    if (prefix.size() > 1) {
        out.status = NameStatus::ambiguous;
        out.suggestions = prefix;
        if (out.suggestions.size() > 6) out.suggestions.resize(6);
        return out;
    }
    out.suggestions = prefix;  // a unique prefix is still only a suggestion: the user confirms it
    if (out.suggestions.empty()) {
        std::vector<std::pair<std::size_t, const RefRecord*>> near;
        for (const auto& e : entries) {
            if (!keep(e)) continue;
            std::size_t best = std::string::npos;
            if (all_digits(t)) {
                if (!e.code.empty() && e.code.size() == t.size()) best = utf8_edit_distance(e.code, t);
                if (best > 1) best = std::string::npos;
            } else if (ascii) {
                std::size_t dist = utf8_edit_distance(e.name_en_norm, ne);
                if (dist <= (ne.size() >= 6 ? 2u : 1u)) best = dist;
            } else {
                std::size_t dist = utf8_edit_distance(e.name_zh_norm, nz);
                if (dist <= 1 && utf8_length(nz) >= 2) best = dist;
            }
            if (best != std::string::npos) near.emplace_back(best, e.record);
        }
        std::stable_sort(near.begin(), near.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
        for (std::size_t i = 0; i < near.size() && i < 5; ++i) out.suggestions.push_back(near[i].second);
    }
    return out;
}

} // namespace

std::size_t utf8_edit_distance(std::string_view a, std::string_view b) {
    auto x = code_points(a), y = code_points(b);
    std::vector<std::size_t> prev(y.size() + 1), cur(y.size() + 1);
    for (std::size_t j = 0; j <= y.size(); ++j) prev[j] = j;
    for (std::size_t i = 1; i <= x.size(); ++i) {
        cur[0] = i;
        for (std::size_t j = 1; j <= y.size(); ++j)
            cur[j] = std::min({prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (x[i - 1] == y[j - 1] ? 0 : 1)});
        std::swap(prev, cur);
    }
    return prev[y.size()];
}

bool NameIndex::describes(const RefData& ref) const {
    return regions.matches(ref.dataset("regions")) && industries.matches(ref.dataset("industries"));
}

std::shared_ptr<const NameIndex> build_name_index(const RefData& ref) {
    auto idx = std::make_shared<NameIndex>();
    idx->regions = DatasetStamp::of(ref.dataset("regions"));
    idx->industries = DatasetStamp::of(ref.dataset("industries"));
    idx->region_entries = entries_of(idx->regions.dataset);
    idx->industry_entries = entries_of(idx->industries.dataset);
    return idx;
}

NameResolution resolve_region(const RefData& ref, std::string_view text, std::string_view kind, std::string_view city_id) {
    std::shared_ptr<const NameIndex> local;
    const NameIndex& idx = index_for(ref, local);
    auto keep = [&](const NameEntry& e) {
        if (e.kind != kind) return false;
        if (kind == "county" && !city_id.empty() && e.city != city_id) return false;
        return true;
    };
    NameResolution res = match(idx.region_entries, text, keep, true);
    // A county searched within a city that has no match: search the whole province, so a county of
    // another city resolves (the caller reports the mismatch) instead of becoming "unknown".
    if (res.status != NameStatus::resolved && kind == "county" && !city_id.empty()) {
        NameResolution all = resolve_region(ref, text, kind);
        if (all.status == NameStatus::resolved || res.suggestions.empty()) return all;
    }
    return res;
}

NameResolution resolve_industry(const RefData& ref, std::string_view text) {
    const Dataset* d = ref.dataset("industries");
    NameResolution res;
    if (!d) return res;
    std::shared_ptr<const NameIndex> local;
    const NameIndex& idx = index_for(ref, local);
    std::string t = trim(text);
    // Upper-case a letter prefix: "c17" -> "C17".
    if (!t.empty() && t[0] >= 'a' && t[0] <= 'z') t[0] = static_cast<char>(t[0] - 'a' + 'A');
    // Digits only: the division (first two digits) gives the section letter.
    if (all_digits(t) && t.size() >= 2 && t.size() <= 4) {
        const NameEntry* div = nullptr;
        for (const auto& e : idx.industry_entries)
            if (e.kind == "division" && e.code == t.substr(0, 2)) div = &e;
        if (div) t = div->section + t;
    }
    if (d->find(t)) {
        res.status = NameStatus::resolved;
        res.id = t;
        return res;
    }
    // A 4-digit class under a known division: accepted as written (the parser warns and uses the division).
    if (t.size() == 5 && t[0] >= 'A' && t[0] <= 'Z' && all_digits(t.substr(1)) && d->find(t.substr(0, 3))) {
        res.status = NameStatus::resolved;
        res.id = t;
        return res;
    }
    return match(idx.industry_entries, text, [](const NameEntry&) { return true; }, true);
}

} // namespace selfcheck

#include "texts.hpp"
#include "model.hpp"

namespace selfcheck {

namespace {
std::string join(const std::vector<std::string>& v, const std::string& sep) {
    std::string s;
    for (std::size_t i = 0; i < v.size(); ++i) s += (i ? sep : "") + v[i];
    return s;
}

texts::Arg suggestion_list(const std::vector<const RefRecord*>& recs, bool with_code) {
    std::vector<std::string> zh, en;
    for (const RefRecord* r : recs) {
        const std::string code = with_code ? r->id : std::string();
        zh.push_back(json_string_or(r->raw, "name_zh") + (code.empty() ? "" : "（" + code + "）"));
        en.push_back(json_string_or(r->raw, "name_en") + (code.empty() ? "" : " (" + code + ")"));
    }
    // the separators are the only fixed text: the Chinese list comma is U+3001
    return texts::Arg("list", join(zh, "\xE3\x80\x81"), join(en, ", "));
}

// One field: returns true when resolved (field replaced by the id, entered text kept).
bool resolve_field(const RefData& ref, std::string& field, std::string& entered, Issues& is, const std::string& at,
                   const char* what, NameResolution res) {
    const std::string text = field;
    if (res.status == NameStatus::resolved) {
        if (res.id != text) {
            if (entered.empty()) entered = text;
            field = res.id;
        }
        return true;
    }
    const bool industry = std::string_view(what) == "industry";
    const std::string code = std::string(res.status == NameStatus::ambiguous ? "ambiguous_" : "unknown_") + what;
    std::string key = std::string("names.") + code + (res.suggestions.empty() ? "" : "_suggest");
    // City and county are identity fields: nothing is computed from them, so a name we cannot place
    // is a warning that blocks only the upload (is_identity_issue). The industry picks the industry
    // average and the sector's findings and measures: an unknown one stays an error.
    if (industry)
        texts::error(is, at, code, key, {texts::Arg("text", text), suggestion_list(res.suggestions, industry)});
    else
        texts::warning(is, at, code, key, {texts::Arg("text", text), suggestion_list(res.suggestions, industry)});
    (void)ref;
    return false;
}
} // namespace

void resolve_enterprise_names(const RefData& ref, Enterprise& e, Issues& is, const std::string& path) {
    bool city_ok = false;
    if (!e.city.empty())
        city_ok = resolve_field(ref, e.city, e.city_entered, is, path + "/city", "city", resolve_region(ref, e.city, "city"));
    if (!e.county.empty()) {
        auto res = resolve_region(ref, e.county, "county", city_ok ? std::string_view(e.city) : std::string_view());
        if (resolve_field(ref, e.county, e.county_entered, is, path + "/county", "county", res) && city_ok &&
            region_city_of(ref, e.county) != e.city)
            texts::warning(is, path + "/county", "county_not_in_city", "names.county_not_in_city");
    }
    if (!e.industry.empty() &&
        resolve_field(ref, e.industry, e.industry_entered, is, path + "/industry", "industry", resolve_industry(ref, e.industry)) &&
        !is_known_industry(ref, e.industry)) {
        // A finer code whose division is known (C1713 -> C17): a warning.
        texts::warning(is, path + "/industry", "industry_refined", "names.industry_refined",
                       {texts::Arg("code", e.industry), texts::Arg("division", e.industry.substr(0, 3))});
    }
}

} // namespace selfcheck
