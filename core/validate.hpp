// Checks shared by the parser and the UI: GB 32100 credit codes, codes from the reference lists.
#pragma once
#include "refdata.hpp"

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

namespace selfcheck {

// GB 32100-2015: 18 characters from "0123456789ABCDEFGHJKLMNPQRTUWXY"; the last is the check
// character computed from the first 17 with weights 3^i mod 31.
enum class CreditCodeStatus { ok, wrong_length, bad_character, bad_check };
CreditCodeStatus check_credit_code(std::string_view code);
char credit_code_check_char(std::string_view first17);  // '\0' on bad input

// Identity fields (credit code, city, county) key the enterprise on a receiver but feed no figure:
// their issues are warnings for the assessment and the report, and errors for an upload.
bool is_identity_issue(std::string_view code);

bool is_known_region(const RefData& ref, std::string_view id, std::string_view kind);
std::string region_city_of(const RefData& ref, std::string_view county_id);
bool is_known_industry(const RefData& ref, std::string_view code);
// Count UTF-8 code points (for length limits that users understand as characters).
std::size_t utf8_length(std::string_view s);
bool utf8_valid(std::string_view s);
// Compact number text for messages: 12345.6 -> "12345.6"
std::string num_text(double v);

// Deepest nesting of objects/arrays in raw JSON text, scanned without parsing, so hostile input
// is refused before it reaches a recursive path.
int json_max_nesting(std::string_view text);
// The value at a path of object keys, or nullptr where a key is missing or a level is no object.
const nlohmann::json* json_at(const nlohmann::json& j, std::initializer_list<const char*> path);
// j[key] when it is a string, else "".
std::string json_string_or(const nlohmann::json& j, const char* key);

} // namespace selfcheck
