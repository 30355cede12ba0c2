// Every user-facing sentence of the core (messages, finding texts, clauses, field names), read from
// assets/text/*.json (embedded at build time). The core holds keys and numbers; the text files hold
// the words. An entry is {"zh": …, "en": …}, or {"text": …} for a string both languages share (a clause).
#pragma once
#include "issues.hpp"

#include <initializer_list>
#include <string>
#include <string_view>

namespace selfcheck::texts {

struct Text {
    std::string zh, en;
};

// A placeholder {name} filled with a language-specific value.
struct Arg {
    std::string name;
    std::string zh;
    std::string en;
    Arg(std::string n, std::string both) : name(std::move(n)), zh(both), en(std::move(both)) {}
    Arg(std::string n, std::string z, std::string e) : name(std::move(n)), zh(std::move(z)), en(std::move(e)) {}
};

// The sentence for `key` with its placeholders filled; a missing key gives the key itself (caught
// by the text test, which checks every key the code uses).
Text get(std::string_view key, std::initializer_list<Arg> args = {});
Text get(std::string_view key, const Arg* first, const Arg* last);
bool has(std::string_view key);
// `tmpl` with its {name} placeholders filled in one language (one pass: a value is never scanned again,
// so user text holding "{x}" stays as it is); a placeholder without an Arg stays as written.
std::string fill(const std::string& tmpl, const Arg* first, const Arg* last, bool zh);
// 10000 -> "10,000": a threshold in a sentence, as people write it (rounded half away from zero,
// grouped by viz::group like every number the app and the report show; -1234 -> "-1,234").
std::string grouped_integer(double v);
// The shared string of a {"text": …} entry (or the Chinese of a {"zh", "en"} one), placeholders filled.
inline std::string text(std::string_view key, std::initializer_list<Arg> args = {}) { return get(key, args).zh; }

inline void error(Issues& is, std::string path, std::string code, std::string_view key, std::initializer_list<Arg> args = {}) {
    Text t = get(key, args);
    is.error(std::move(path), std::move(code), std::move(t.zh), std::move(t.en));
}
inline void warning(Issues& is, std::string path, std::string code, std::string_view key,
                    std::initializer_list<Arg> args = {}) {
    Text t = get(key, args);
    is.warning(std::move(path), std::move(code), std::move(t.zh), std::move(t.en));
}

} // namespace selfcheck::texts
