// The UI string tables as data (no ImGui): parse assets/i18n/<lang>.json, look a key up with
// fallback, and check the tables against the sources (every key used exists in every language,
// every key in a table is used somewhere in app/). i18n.cpp and the unit test both use this.
#pragma once
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace selfcheck::app {

using StringTable = std::map<std::string, std::string, std::less<>>;

// Flat {"dotted.key": "text"}; returns false (and sets *error) when it is not such an object.
bool parse_string_table(std::string_view json_text, StringTable& out, std::string* error = nullptr);

// Keys used as tr(<string literal>) in a C++ source.
std::vector<std::string> tr_keys_in_source(std::string_view source);
// Every "quoted literal" in a source that looks like a dotted key (a.b, lower case, digits, _).
// Keys looked up dynamically are spelled out as literals in tables in the code, so they count.
std::vector<std::string> key_literals_in_source(std::string_view source);
std::vector<std::string> prefix_literals_in_source(std::string_view source);  // "choice." etc.

struct TableCheck {
    std::vector<std::string> missing;  // "lang: key" used in code, absent from a table
    std::vector<std::string> unused;   // "lang: key" in a table, never referenced in code
    std::vector<std::string> empty;    // "lang: key" with an empty text
};
TableCheck check_tables(const std::map<std::string, StringTable>& tables,
                        const std::vector<std::pair<std::string, std::string>>& sources);

} // namespace selfcheck::app
