// UI text lookup: dotted keys -> text from assets/i18n/<lang>.json (embedded at build time).
// zh-CN is the default; a key missing from a table falls back to zh-CN, then to the key itself.
#pragma once
#include <string_view>

namespace selfcheck::app {

void set_language(std::string_view lang);  // "zh-CN" | "en"
const char* tr(const char* key);            // stable pointer, valid for the program's lifetime

} // namespace selfcheck::app
