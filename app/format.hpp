// Number formatting for the UI, the Chinese way: thousands separators (9,500,000), money in 万元
// (10k yuan) with two decimals, energy in 吨标准煤 (tce). Pure functions (tested without ImGui).
#pragma once
#include <string>

namespace selfcheck::app {

// Fixed decimals with thousands separators: group(9500000, 0) == "9,500,000".
std::string group(double v, int decimals);
// Decimals chosen by magnitude (>= 1000: 0, >= 100: 1, >= 1: 2, else 3 significant digits).
std::string num(double v);
// Plain number for an edit field (no separators, shortest round-trip-ish form).
std::string plain(double v);
// Parse a user-typed number: accepts separators (1,234.5), full-width digits and spaces.
// Returns false when the text is not a number.
bool parse_number(const std::string& text, double& out);

} // namespace selfcheck::app
