// Helpers shared by the core tests: build documents, parse them against the built-in data, assess.
#pragma once
#include "selfcheck.hpp"

#include <catch2/catch_test_macros.hpp>
#include <catch2/matchers/catch_matchers_floating_point.hpp>
#include <nlohmann/json.hpp>

namespace selfcheck::test {

using nlohmann::json;
using Catch::Matchers::WithinAbs;
using Catch::Matchers::WithinRel;

inline const RefData& ref() { return RefData::builtin(); }

// A minimal valid document; tests add what they need.
inline json doc(json energy = json::array(), json enterprise = json::object()) {
    // doc({row}) with a single json is a one-element array under g++ but a copy of row under
    // clang (nlohmann/json brace initialisation, CWG 1467): accept both, so the clang ASan tree agrees.
    if (energy.is_object()) energy = json::array({energy});
    json e = {{"name", "测试企业"}, {"year", 2024}};
    for (auto it = enterprise.begin(); it != enterprise.end(); ++it) e[it.key()] = it.value();
    return {{"schema", "selfcheck/assessment"}, {"version", 1}, {"enterprise", e}, {"energy", energy}};
}

inline Input parse_ok(const json& d) {
    ParseOutcome p = parse_document(d.dump(), ref());
    INFO(errors_to_json(p.issues).dump(1));
    REQUIRE(p.input.has_value());
    return *p.input;
}

inline Result assess_doc(const json& d) { return assess(parse_ok(d), ref()); }

inline Issues parse_issues(const std::string& text) { return parse_document(text, ref()).issues; }

inline bool has_issue(const Issues& is, const std::string& code, const std::string& path = "") {
    for (const auto& i : is.items)
        if (i.code == code && (path.empty() || i.path == path)) return true;
    return false;
}

} // namespace selfcheck::test
