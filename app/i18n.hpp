// UI text lookup: dotted keys -> text from assets/i18n/<lang>.json (embedded at build time).
// zh-CN is the default; a key missing from a table falls back to zh-CN, then to the key itself.
// Table parsing and the key checks live in i18n_table.hpp (tested without ImGui).
#pragma once
#include <string_view>

namespace selfcheck::app {

void set_language(std::string_view lang);  // "zh-CN" | "en"
const char* language();                    // current language id
bool lang_en();                            // English selected (for core texts with _zh/_en pairs)
const char* tr(const char* key);           // stable pointer, valid for the program's lifetime
// The text in one language (messages that must be shown in both, e.g. storage failures).
const char* tr_in(std::string_view lang, const char* key);

} // namespace selfcheck::app
