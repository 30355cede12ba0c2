// Whole-result golden files for every sample factory (tests/golden/<sample>.json, written only by
// scripts/update-golden and reviewed in the diff). Natively and as wasm the same embedded goldens
// are compared, so this also proves native and node-wasm give identical numbers.
#include "test_util.hpp"

#include <cmath>
#include <set>

namespace selfcheck {
const std::vector<std::pair<std::string, std::string>>& embedded_golden_files();
}

using namespace selfcheck;
using namespace selfcheck::test;

namespace {

// Collects paths where two JSON values differ; numbers compare with a relative tolerance that
// absorbs libm differences between glibc and musl/wasm but not any real change.
void diff(const json& a, const json& b, const std::string& path, std::vector<std::string>& out) {
    if (out.size() > 20) return;
    if (a.is_number() && b.is_number()) {
        double x = a.get<double>(), y = b.get<double>();
        if (std::fabs(x - y) > 1e-9 * std::max({1.0, std::fabs(x), std::fabs(y)}))
            out.push_back(path + ": " + a.dump() + " != " + b.dump());
        return;
    }
    if (a.type() != b.type()) {
        out.push_back(path + ": type " + a.type_name() + " != " + b.type_name());
        return;
    }
    if (a.is_object()) {
        for (auto it = a.begin(); it != a.end(); ++it) {
            if (!b.contains(it.key())) out.push_back(path + "/" + it.key() + ": missing in golden");
            else diff(it.value(), b[it.key()], path + "/" + it.key(), out);
        }
        for (auto it = b.begin(); it != b.end(); ++it)
            if (!a.contains(it.key())) out.push_back(path + "/" + it.key() + ": missing in result");
    } else if (a.is_array()) {
        if (a.size() != b.size()) out.push_back(path + ": size " + std::to_string(a.size()) + " != " + std::to_string(b.size()));
        for (std::size_t i = 0; i < std::min(a.size(), b.size()); ++i) diff(a[i], b[i], path + "/" + std::to_string(i), out);
    } else if (a != b) {
        out.push_back(path + ": " + a.dump() + " != " + b.dump());
    }
}

} // namespace

TEST_CASE("there are at least eight sample factories, all valid", "[golden][samples]") {
    const auto& samples = embedded_sample_files();
    CHECK(samples.size() >= 8);
    for (const auto& [name, text] : samples) {
        INFO(name);
        ParseOutcome p = parse_document(text, ref());
        for (const auto& i : p.issues.items) UNSCOPED_INFO(i.path << " " << i.code << ": " << i.message_en);
        CHECK(p.input.has_value());
        // Samples are clean: no warnings about unknown keys.
        for (const auto& i : p.issues.items) CHECK(i.code != "unknown_key");
    }
}

TEST_CASE("every sample factory matches its golden result", "[golden]") {
    const auto& goldens = embedded_golden_files();
    for (const auto& [name, text] : embedded_sample_files()) {
        INFO(name);
        const std::string* golden = nullptr;
        for (const auto& [gname, gtext] : goldens)
            if (gname == name) golden = &gtext;
        REQUIRE(golden != nullptr);  // run scripts/update-golden after adding a sample
        AssessOutcome out = assess_text(text, ref());
        REQUIRE(out.ok);
        std::vector<std::string> diffs;
        diff(out.output, json::parse(*golden), "", diffs);
        for (const auto& d : diffs) UNSCOPED_INFO(d);
        CHECK(diffs.empty());
    }
}

TEST_CASE("samples cover every tier and carbon level", "[golden][samples]") {
    std::set<std::string> tiers, levels;
    bool null_intensity = false, measured_ncv = false, pv = false;
    for (const auto& [name, text] : embedded_sample_files()) {
        AssessOutcome out = assess_text(text, ref());
        REQUIRE(out.ok);
        tiers.insert(out.output["energy"]["budget_tier"].get<std::string>());
        if (out.output["carbon_efficiency"]["level"].is_string())
            levels.insert(out.output["carbon_efficiency"]["level"].get<std::string>());
        null_intensity |= out.output["intensity"]["tce_per_10k_yuan_value_added"].is_null();
        for (const auto& c : out.output["energy"]["by_carrier"]) {
            measured_ncv |= c["measured_ncv"].get<bool>();
            pv |= c["carrier"] == "pv_self_used";
        }
    }
    CHECK(tiers == std::set<std::string>{"ge5000", "1000to5000", "lt1000"});
    CHECK(levels == std::set<std::string>{"low", "medium", "high"});
    CHECK(null_intensity);
    CHECK(measured_ncv);
    CHECK(pv);
}
