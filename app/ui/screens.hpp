// One draw function per screen, one file per screen (app/ui/<name>_screen.cpp). Screens read and
// edit AppState only; they hold no business data of their own.
#pragma once
#include "app_state.hpp"

namespace selfcheck::app::ui {

void draw_overview(AppState& state);

} // namespace selfcheck::app::ui
