// Test hooks behind window.selfcheck (DESIGN.md): frame counter and id -> rectangle of the widgets
// drawn in the last frame, so an end-to-end test can click a real widget by name.
#pragma once
#include <string>

namespace selfcheck::app {

void hooks_begin_frame();        // after ImGui::NewFrame(): clears last frame's rectangles
void hooks_end_frame();          // after the frame was presented
long hooks_frames();             // frames rendered since start
// Record the last ImGui item under `id` (skips hidden windows and clipped items).
void track(const char* id);
std::string hooks_items_json();  // {"id": [x0, y0, x1, y1], ...} in CSS pixels

} // namespace selfcheck::app
