// Places and industries by what a user writes: the id, the code (GB/T 2260 administrative division
// code for cities and counties, GB/T 4754-2017 industry code at any level), the Chinese name with or
// without its city/district/county suffix, or the English name. Near-misses and ambiguous text get suggestions.
#pragma once
#include "refdata.hpp"

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck {

enum class NameStatus { resolved, ambiguous, not_found };

// One record of regions.json or industries.json with the forms a user's text is compared with,
// normalised once when the data is indexed (RefData::reindex) instead of for every record on every
// lookup.
struct NameEntry {
    const RefRecord* record = nullptr;
    std::string kind;          // "city", "county"; "section", "division", ... for industries
    std::string city;          // a county's city id
    std::string section;       // an industry division's section letter
    std::string code;          // GB/T 2260 or GB/T 4754 code
    std::string id_lower;      // the id lower-cased
    std::string name_zh;       // as written
    std::string name_zh_norm;  // without the province prefix and the city/district/county suffix
    std::string name_en_norm;  // lower-case, without the suffix, spaces, hyphens and apostrophes
};

struct NameIndex {
    DatasetStamp regions, industries;  // what the entries were built from
    std::vector<NameEntry> region_entries, industry_entries;  // in record order
    bool describes(const RefData& ref) const;
};
std::shared_ptr<const NameIndex> build_name_index(const RefData& ref);

struct NameResolution {
    NameStatus status = NameStatus::not_found;
    std::string id;                       // when resolved
    std::vector<const RefRecord*> suggestions;  // ambiguous: the candidates; not_found: near-misses
};

// kind: "city" or "county". city_id (optional) narrows a county search to one city.
NameResolution resolve_region(const RefData& ref, std::string_view text, std::string_view kind,
                              std::string_view city_id = {});
// Resolves to an industries.json id ("C17", "C171") or, for a finer known code (4-digit class), to
// the letter-prefixed code ("C1713"), which the callers treat as its division.
NameResolution resolve_industry(const RefData& ref, std::string_view text);

// Edit distance in code points (for near-miss suggestions).
std::size_t utf8_edit_distance(std::string_view a, std::string_view b);

} // namespace selfcheck

namespace selfcheck {
struct Enterprise;
struct Issues;
// Resolves enterprise.city/county/industry as written (by parse_enterprise): on success the field
// holds the id and *_entered what the user wrote (when different); otherwise a located error with
// suggestions. path is "/enterprise".
void resolve_enterprise_names(const RefData& ref, Enterprise& e, Issues& is, const std::string& path);
} // namespace selfcheck
