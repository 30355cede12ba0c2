// Touch input for phones and tablets, between SDL and ImGui: a finger that moves scrolls the region
// under it (with inertia) and never edits; a tap is a click; a long press shows the hover help
// (the "(?)" texts) and leaves it up. Text fields tell the page which keyboard to raise
// (inputmode) and stay in view above the on-screen keyboard (visualViewport, web/touch.js).
#pragma once
#include <SDL.h>

namespace selfcheck::app::ui::touch {

// For every SDL event before ImGui_ImplSDL2_ProcessEvent: true = handled here (do not pass on).
bool filter_event(const SDL_Event& e);
// Before ImGui::NewFrame(): long-press timing, drag and inertia scrolling (asks for frames while busy).
void before_frame();
// After an ImGui::InputText: records its rectangle for the page (a tap focuses the keyboard
// synchronously) and, while it is being edited, keeps it above the on-screen keyboard.
void note_text_field(bool numeric);
// Height in CSS px of the bottom of the view hidden by the on-screen keyboard (0 when none).
float keyboard_inset();
// Test/diagnostics: state of the gesture layer as JSON.
const char* status_json();

} // namespace selfcheck::app::ui::touch
