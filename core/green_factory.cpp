// Green-factory self-evaluation per GB/T 36132-2025. (Placeholder until the green-factory issue.)
#include "selfcheck.hpp"

namespace selfcheck {

void parse_green_factory(const nlohmann::json& j, const std::string& path, GreenFactoryAnswers& out,
                         Issues& issues) {
    if (!j.is_object()) {
        issues.error(path, "wrong_type", "绿色工厂信息应为对象", "green_factory must be an object");
        return;
    }
    out.fields = j;
}

nlohmann::json green_factory_answers_to_json(const GreenFactoryAnswers& a) { return a.fields; }

nlohmann::json green_factory_result_to_json(const GreenFactoryResult& r) {
    return {{"total_score", r.total_score}, {"mandatory_failed", r.mandatory_failed}, {"detail", r.detail}};
}

GreenFactoryResult evaluate_green_factory(const Input&, const Result&, const RefData&) { return {}; }

} // namespace selfcheck
