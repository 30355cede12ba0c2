// Equipment and management-practice input (extends the assessment document) and the findings the
// diagnosis draws from it. Owned by the diagnosis module (diagnosis.cpp); parsed by io.cpp through
// parse_equipment()/parse_management().
#pragma once
#include "issues.hpp"
#include "texts.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck {

// One equipment row. `type` selects which fields matter; every field is optional.
struct EquipmentItem {
    std::string type;  // motor, pump, fan, air_compressor, transformer, boiler, furnace, lighting, ...
    int count = 1;
    std::string name;
    nlohmann::json fields = nlohmann::json::object();  // type-specific fields, units in the names
};

struct Equipment {
    std::vector<EquipmentItem> items;
};

struct Management {
    nlohmann::json fields = nlohmann::json::object();  // energy_manager, metering_gb17167, ...
};

enum class FindingSeverity { high, medium, low, info };

// A finding holds its text's key and parameters, not the words: the message is joined from
// assets/text/ when the result is written (finding_to_json, finding_message).
struct Finding {
    std::string id;  // stable id, e.g. "motor_below_ie3"
    FindingSeverity severity = FindingSeverity::info;
    std::string clause;               // standard and clause, or the plan's section
    std::string text;                 // text key, "finding.<id>" or a variant of it
    std::vector<texts::Arg> params;   // the text's {placeholders}
    std::vector<std::string> measures;  // ids of linked measures
    nlohmann::json evidence = nlohmann::json::object();
};

texts::Text finding_message(const Finding& f);

// path is the JSON path of the value being parsed ("/equipment", "/management").
void parse_equipment(const nlohmann::json& j, const std::string& path, Equipment& out, Issues& issues);
void parse_management(const nlohmann::json& j, const std::string& path, Management& out, Issues& issues);
nlohmann::json equipment_to_json(const Equipment& e);
nlohmann::json management_to_json(const Management& m);
nlohmann::json finding_to_json(const Finding& f);

} // namespace selfcheck
