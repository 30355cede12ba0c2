// Words for values the user picks: equipment choices (speed control, flow control, efficiency
// class, fuel, lamp type, roof structure, waste-heat medium) and units, in the UI language. The
// document keeps its ids; the user sees and picks words (i18n keys choice.<field>.<id>, unit.*).
#pragma once
#include "app_state.hpp"

#include <nlohmann/json.hpp>
#include <string>
#include <utility>
#include <vector>

namespace selfcheck::app::ui {

using Choices = std::vector<std::pair<std::string, const char*>>;

// The choices for an equipment field, or nullptr when the field is free text. Rebuilt on a
// language change (the labels point into the i18n table).
const Choices* choices_for(const std::string& field);
// The ids a choice field offers, in order (assets/data/choices.json); empty for a free-text field.
std::vector<std::string> choice_ids(const std::string& field);
// A unit id of the energy rows ("10k_m3") as a word ("万立方米" / "10,000 m³"); unknown ids as given.
std::string unit_word(const std::string& unit_id);
// A unit as written in equipment headers ("h/a", "m3/min", "0-1") in the UI language.
std::string unit_text(const std::string& symbol);

// A measure id ("pv_rooftop") as its name in the UI language, from the measures data set.
std::string measure_name(const AppState& s, const std::string& id);
// An equipment field key ("usable_area_m2") as the label the equipment screen shows.
std::string field_word(const std::string& key);
// A list of field keys (a JSON array) as labels joined with "、" / ", ".
std::string field_words(const nlohmann::json& keys);

} // namespace selfcheck::app::ui
