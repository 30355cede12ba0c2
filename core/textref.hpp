// References to words: a sentence or a name kept as a key (of assets/text/ or of a reference record)
// with typed parameters while the core computes, and said in both languages only when the result is
// written (say(), core/io/result_json.cpp). An assessment never needs the texts table.
#pragma once
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck {

struct RefRecord;

// One {name} of a sentence, kept typed until the result is written: its words depend on the language
// and are formatted only then (core/io/result_json.cpp), not in every assessment.
struct TextParam {
    enum class Kind : std::uint8_t {
        text,             // `text` in both languages (the user's words: a product name, a unit)
        integer,          // `number` as an integer (a year, a count)
        grouped_integer,  // `number` rounded, thousands grouped as people write a threshold: "10,000"
        region,           // grid region id in `text`: its name in Chinese (texts "region.<id>"), the id in English
        record_name,      // `record`'s "name_zh" / "name_en" (an energy carrier)
        fixed,            // `number` with `digits` decimals, as printf "%.*f" writes it: "12.5"
        number,           // `number` as num_text() writes it (shortest, no trailing zeros)
        words,            // the texts entry `key` in each language; nothing where `key` is empty
        label,            // the texts entry `key` in Chinese, `text` (the id it names) in English
        clause,           // the texts entry `key` (a clause), its {plan} the Zhejiang plan's title
    };
    const char* name = "";  // the placeholder, a literal
    Kind kind = Kind::text;
    double number = 0;
    std::string text;
    const RefRecord* record = nullptr;
    std::string_view key;  // words, label, clause: a static texts key
    int digits = 0;        // fixed

    static TextParam str(const char* name, std::string text) { return {name, Kind::text, 0, std::move(text)}; }
    static TextParam integer(const char* name, double v) { return {name, Kind::integer, v}; }
    static TextParam decimals(const char* name, double v, int digits) {
        TextParam p{name, Kind::fixed, v};
        p.digits = digits;
        return p;
    }
    static TextParam num(const char* name, double v) { return {name, Kind::number, v}; }
    static TextParam words(const char* name, std::string_view key) {
        TextParam p{name, Kind::words};
        p.key = key;
        return p;
    }
    static TextParam label(const char* name, std::string_view key, std::string id) {
        TextParam p{name, Kind::label, 0, std::move(id)};
        p.key = key;
        return p;
    }
    static TextParam clause(const char* name, std::string_view key) {
        TextParam p{name, Kind::clause};
        p.key = key;
        return p;
    }
};

// A sentence or a name in Chinese and English, kept as a reference into the texts or the reference
// data until the result is written. Either a key of the texts table (key + key_suffix, both static
// or data-owned, never built per assessment) or two string fields of a reference record.
struct TextRef {
    enum class From : std::uint8_t { none, texts, record };
    From from = From::none;
    std::string_view key, key_suffix;   // From::texts
    const RefRecord* record = nullptr;  // From::record: its fields field_zh / field_en
    const char* field_zh = "";
    const char* field_en = "";
    std::string_view fallback;          // From::record: said where the record or the field is absent
    std::vector<TextParam> params;

    static TextRef text(std::string_view key, std::string_view key_suffix = {}, std::vector<TextParam> params = {}) {
        TextRef t;
        t.from = From::texts;
        t.key = key;
        t.key_suffix = key_suffix;
        t.params = std::move(params);
        return t;
    }
    static TextRef fields(const RefRecord* r, const char* zh, const char* en, std::string_view fallback = {},
                          std::vector<TextParam> params = {}) {
        TextRef t;
        t.from = From::record;
        t.record = r;
        t.field_zh = zh;
        t.field_en = en;
        t.fallback = fallback;
        t.params = std::move(params);
        return t;
    }
};

// Equal references say the same words (the trend says a general note once, not once per year).
bool operator==(const TextParam& a, const TextParam& b);
bool operator==(const TextRef& a, const TextRef& b);

// The words of a TextRef, both languages (core/io/result_json.cpp, where results are written).
namespace texts { struct Text; }
texts::Text say(const TextRef& t);

} // namespace selfcheck
