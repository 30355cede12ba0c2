// One draw function per screen, one file per screen (app/ui/<name>_screen.cpp). Screens read and
// edit AppState only; they hold no business data of their own. draw_app (navigation.cpp) lays out
// the sidebar with progress, the current screen and the guided tour.
#pragma once
#include "app_state.hpp"

namespace selfcheck::app::ui {

void draw_app(AppState& state);            // navigation.cpp: the whole window
void draw_start(AppState& state);          // start_screen.cpp (web-platform colleague)
void draw_profile(AppState& state);        // 1 企业信息
void draw_energy(AppState& state);         // 2 能源消费
void draw_bills_import(AppState& state);   // bills_import.cpp: paste or open monthly bills (hook in energy)
// bills_import.cpp: a bills file the user picked (Event file_opened/file_error with code "bills");
// previewed on the next frame of the energy screen, nothing applied.
void on_bills_file(const std::string& name, const std::string& bytes);
void on_bills_file_error(const std::string& name, double size);
void draw_products(AppState& state);       // 3 产品
void draw_equipment(AppState& state);      // 4 设备
void draw_management(AppState& state);     // 5 管理
void draw_green_factory(AppState& state);  // 6 绿色工厂
void draw_results(AppState& state);        // 7 诊断结果
void draw_measures(AppState& state);       // 8 改造建议
void draw_report(AppState& state);         // 9 报告与上报 (report_screen.cpp, web-platform colleague)
// start_screen.cpp: once per frame after the screens: autosave tick, import/delete/rename dialogs,
// storage error banner (must be drawn whatever screen is showing).
void draw_platform_overlays(AppState& state);
void draw_settings(AppState& state);       // 设置
// inapp.cpp: banner in WeChat-like in-app browsers or without storage (copy JSON, open in browser).
void draw_inapp_banner(AppState& state);
// Guided tour overlay (training mode), drawn last so it sits over the screens.
void draw_tour(AppState& state);
void start_tour(AppState& state);
// Rectangle of a widget tracked in the previous frame (for the tour's callouts).
bool tracked_rect(const char* id, float out[4]);

} // namespace selfcheck::app::ui
