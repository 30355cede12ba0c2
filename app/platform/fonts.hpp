// The UI font: the build-time CJK subset (fonts/ui.otf, ~4.4k glyphs, in index.data) for the
// first paint, and a fuller fallback (fonts/fallback.otf: all of CJK URO + GB2312) fetched only
// when text shows a character the atlas lacks (rare name characters, e.g. U+5803, U+5586). ImGui 1.90 has no dynamic
// glyphs, so the atlas is rebuilt before the next frame with the missing characters merged in
// (reference/webtech.md, "Dynamic glyphs"). Every committed text and every document string goes
// through note_text/note_json.
#pragma once
#include <nlohmann/json.hpp>
#include <string>
#include <string_view>

struct ImGuiIO;

namespace selfcheck::app::fonts {

void load(ImGuiIO& io);                 // initial atlas (before the first frame)
void note_text(std::string_view utf8);  // characters typed, pasted or loaded
void note_json(const nlohmann::json& j);  // every string value (and key) in a document
// Before ImGui's NewFrame: rebuild the atlas if the fallback font brought missing glyphs.
// Returns true when it rebuilt.
bool rebuild_if_needed();

// ---- platform callback: the fallback font is in the file system (ok) or failed (error text)
void on_fallback_font(bool ok, const std::string& path_or_error, double bytes);

nlohmann::json stats_json();  // window.selfcheck.fonts(): fetches, rebuilds, ms, missing ...

} // namespace selfcheck::app::fonts
