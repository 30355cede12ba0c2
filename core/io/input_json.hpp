// The input sections the modules own, read from the assessment document into the typed input with
// located bilingual issues, and written back as they were read (same keys, 3 stays 3, unknown keys
// verbatim): equipment rows and management answers (equipment_json.cpp), green-factory answers
// (green_factory_json.cpp). The rest of the document is io/document.cpp's.
#pragma once
#include "equipment.hpp"
#include "green_factory.hpp"
#include "issues.hpp"

#include <nlohmann/json.hpp>
#include <string>

namespace selfcheck {

// path is the JSON path of the value being read ("/equipment", "/management", "/green_factory").
void parse_equipment(const nlohmann::json& j, const std::string& path, Equipment& out, Issues& issues);
void parse_management(const nlohmann::json& j, const std::string& path, Management& out, Issues& issues);
void parse_green_factory(const nlohmann::json& j, const std::string& path, GreenFactoryAnswers& out, Issues& issues);

nlohmann::json equipment_to_json(const Equipment& e);
nlohmann::json management_to_json(const Management& m);
nlohmann::json green_factory_answers_to_json(const GreenFactoryAnswers& a);

} // namespace selfcheck
