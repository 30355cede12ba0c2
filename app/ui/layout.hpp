// Layout layer: which layout the window width asks for (CSS px), the theme (light by default, dark
// as a setting), touch sizing (tap targets >= 40 CSS px), the app-controlled text size, and the
// reflow helpers screens use so forms, KPI rows and tables fit a phone column.
#pragma once

namespace selfcheck::app::ui {

enum class Layout { phone, tablet, desktop };  // < 600, 600-1000, >= 1000 CSS px
Layout layout();
bool touch_ui();               // a touch screen was seen (or the device reports a coarse pointer)
void set_touch_ui(bool on);
float text_scale();            // 1.0 = 18 px body text
void set_text_scale(float s);  // 0.85 .. 1.4
bool dark_theme();
void set_dark_theme(bool dark);

// Before ImGui::NewFrame(): style (theme, paddings) and font scale for this frame.
void layout_before_frame();

// Reflow helpers (use the width left in the current region, not the window).
float avail_w();
bool narrow();                       // the current region is phone-narrow: labels above fields
float fit(float width);              // width clamped to what is left on this line
// SameLine when an item `width` wide still fits on this line, else a new line. Returns true if same line.
bool same_line_if_fits(float width, float spacing = -1);
// How many columns of at least `min_w` fit in the current region (1 .. max_cols).
int columns_for(float min_w, int max_cols);
// Minimum height of a tappable row (Selectable, list entry).
float tap_h();

} // namespace selfcheck::app::ui
