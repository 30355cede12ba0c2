// User-facing sentences of the names and bills modules, read from assets/text/core_bills.json
// (embedded at build time). The core holds keys and numbers; the text file holds the words.
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
bool has(std::string_view key);

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
