// Parts of the result written on their own (tests read a finding's evidence or the green-factory
// detail without a whole result); result_to_json (selfcheck.hpp) writes them all. Defined in
// io/result_json.cpp.
#pragma once
#include "equipment.hpp"
#include "green_factory.hpp"

#include <nlohmann/json.hpp>

namespace selfcheck {

nlohmann::json finding_to_json(const Finding& f);
nlohmann::json evidence_to_json(const Evidence& e);
nlohmann::json green_factory_result_to_json(const GreenFactoryResult& r);

} // namespace selfcheck
