// Shared widgets for the screens: JSON access, form rows with a (?) help marker, number fields that
// keep whatever the user typed (a non-number stays in the document as text and the core reports it
// at its path), validation issues under the field they belong to, CJK-aware word wrap, and
// value displays with a hover showing formula inputs and sources.
#pragma once
#include "app_state.hpp"
#include "geometry.hpp"  // viz/

#include <initializer_list>
#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app::ui {

using nlohmann::json;

// --- JSON helpers
const json* at(const json& j, std::initializer_list<const char*> path);
double number_or(const json* v, double fallback);
bool is_num(const json* v);
// The carbon-efficiency grade scale from the loaded reference data (viz::grade_scale over
// carbon_efficiency.json); invalid (no cuts) when the data is missing.
viz::GradeScale grade_scale(const AppState& s);
// The _zh or _en member of `obj` for the current language ("message" -> message_zh/message_en).
std::string local(const json& obj, const char* base);
// A citation in the UI language: `base` ("source") is Chinese, `base`_en English; the Chinese one
// where no English one is given (data from a receiver may lack it).
std::string local_source(const json& obj, const char* base = "source");
// Object member `key` of `parent`, created as {} (or [] with array=true) if absent or not one.
json& ensure(json& parent, const char* key, bool array = false);

// --- text
// Word wrap that breaks between CJK characters (ImGui 1.90 breaks only at spaces) and keeps
// closing punctuation off the start of a line. width <= 0: to the end of the content region.
void text_wrapped(const std::string& text, float width = 0);
void text_wrapped_colored(unsigned int col, const std::string& text, float width = 0);
std::vector<std::string> wrap_lines(const std::string& text, float width);  // uses the current font
// Small (?) after the last item with a plain-language tooltip (`help_key` is an i18n key).
void help(const char* help_key);
// Tooltip for the last item when hovered (no hover delay: delays would need frames while idle).
bool hover_tip_begin();
void hover_tip_end();
void tooltip_text(const std::string& text);  // wrapped, inside an open tooltip

// --- forms: a label column then the field
float label_width();
void row_label(const char* label, const char* help_key = nullptr);
// Text field bound to obj[key]; empty input removes the key.
bool input_text(const char* id, json& obj, const char* key, float width = 0);
// Number field bound to obj[key]: numbers are stored as numbers, anything else as the raw text.
bool input_number(const char* id, json& obj, const char* key, float width = 0);
bool input_number_at(const char* id, json& slot, float width = 0);  // same, bound to a slot
bool input_percent(const char* id, json& obj, const char* key, float width = 0);  // 0-1 stored, % shown
// Combo of (id, label) choices bound to obj[key]; an empty id means "not set" (removes the key).
bool combo(const char* id, json& obj, const char* key, const std::vector<std::pair<std::string, const char*>>& choices,
           float width = 0);
// Yes / no / not answered, bound to obj[key] (true/false/absent).
bool yes_no(const char* id, json& obj, const char* key);
// Errors (red) and warnings (amber) for `path`, in the current language; returns how many.
int field_issues(const AppState& s, const std::string& path, bool exact = true);
void unit_label(const char* unit);
// SmallButton with a mouse; a 40 px tall button on touch screens (tap target).
bool small_button(const char* label);  // SameLine + disabled unit text

// --- screen furniture
// A section heading with an optional (?) and a rule under it.
void section(const char* label, const char* help_key = nullptr);
void screen_title(const char* title_key, const char* help_key = nullptr);
// Banner shown when the document has errors: the numbers on screen are from the last valid input.
void stale_banner(const AppState& s);
// A headline figure: big value + unit, label above; tooltip callback content drawn on hover.
void kpi(const char* track_id, const char* label, const std::string& value, const char* unit, const char* help_key,
         const std::vector<std::string>& tip_lines);

// A verdict sentence the core wrote into result.energy ("key_unit_status", "budget_tier_text") in the
// UI language, or the core's reason there is none (energy.missing), or "—". The report prints the
// same fields (report/report.cpp energy_statement): one wording of each rule.
std::string energy_statement(const json& result, const char* key);
// Focus target: call right after the widget bound to `path`. If a "missing item" link asked for
// this path, the widget gets keyboard focus and is scrolled into view; the focused widget is
// tracked as "focus.current" for the end-to-end tests.
void focus_target(AppState& s, const std::string& path);

// Severity colours shared by findings, issues and charts.
unsigned int col_error();
unsigned int col_warning();
unsigned int col_ok();
unsigned int col_info();

} // namespace selfcheck::app::ui
