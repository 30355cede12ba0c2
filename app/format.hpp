// Number entry and the app's fallback display format. Grouping and precision by unit come from
// viz/numbers.hpp (shared with the report): prefer viz::format(v, viz::Measure::...) where the
// unit is known. Pure functions (tested without ImGui).
#pragma once
#include "numbers.hpp"

#include <string>

namespace selfcheck::app {

using viz::group;  // the one thousands grouping (viz/numbers.cpp)
// For numbers of no known unit: decimals chosen by magnitude (>= 1000: 0, >= 100: 1, >= 1: 2, else 3 significant digits).
std::string num(double v);
// Plain number for an edit field (no separators, shortest round-trip-ish form).
std::string plain(double v);
// Parse a user-typed number: accepts separators (1,234.5), full-width digits and spaces.
// Returns false when the text is not a number.
bool parse_number(const std::string& text, double& out);

} // namespace selfcheck::app
