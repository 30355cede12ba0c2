// Several years in one self-check (issue 16): the years bar of the energy screen and the trend
// panel of the results screen.
#pragma once
#include "app_state.hpp"

#include <string>

namespace selfcheck::app::ui {

// The year the energy screen edits: the document root (current year) or history[i].
struct YearView {
    json* obj = nullptr;
    std::string prefix;      // "" or "/history/i": prefix of the issue paths of this year's fields
    bool current = true;
    int history_index = -1;
};

// Draws the years bar (and an earlier year's own fields); returns the year to edit.
YearView years_bar(AppState& s, bool& changed);

// Results screen: intensity per year with the plan's target path, progress against the targets,
// and the decomposition of the CO2 change. Draws nothing for a one-year document but a hint.
void draw_trend_panel(AppState& s);

} // namespace selfcheck::app::ui
