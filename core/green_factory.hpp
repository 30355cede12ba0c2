// Green-factory self-evaluation per GB/T 36132-2025: the answers the data cannot give, and the
// scored result. Indicator system and points in assets/data/green_factory.json.
#pragma once
#include "issues.hpp"

#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <vector>

namespace selfcheck {

struct GreenFactoryAnswers {
    nlohmann::json fields = nlohmann::json::object();  // indicator id -> answer
};

struct GreenFactoryResult {
    double total_score = 0;  // 0-100
    std::vector<std::string> mandatory_failed;
    nlohmann::json detail = nlohmann::json::object();  // per indicator, per dimension, gaps, readiness
};

void parse_green_factory(const nlohmann::json& j, const std::string& path, GreenFactoryAnswers& out,
                         Issues& issues);
nlohmann::json green_factory_answers_to_json(const GreenFactoryAnswers& a);
nlohmann::json green_factory_result_to_json(const GreenFactoryResult& r);

} // namespace selfcheck
