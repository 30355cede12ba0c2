// Text capture for tests (window.selfcheck.texts()): every run of text drawn in the last frame with
// its rectangle in CSS pixels, recovered from the draw lists (glyph quads looked up by their atlas
// coordinates), so no screen code has to register its text.
#pragma once
#include <string>

namespace selfcheck::app::ui {

// Call right after ImGui::Render(): records the texts of this frame.
void capture_texts();
// [{"text": "...", "rect": [x0, y0, x1, y1], "cut": bool, "window": "..."}, ...] of the last frame.
// rect is the ink box of the run; vertically clipped to what is visible (scrolled regions), horizontally
// clipped only in regions that scroll horizontally. cut = the run is wider than the region showing it.
std::string texts_json();

} // namespace selfcheck::app::ui
