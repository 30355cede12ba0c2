// assess(): the pure pipeline energy -> emissions -> intensities -> diagnosis -> measures -> green
// factory, and the JSON form of the result (paths fixed by DESIGN.md).
#include "intensity.hpp"
#include "texts.hpp"
#include "emissions.hpp"
#include "energy.hpp"
#include "trend.hpp"
#include "selfcheck.hpp"

namespace selfcheck {

using nlohmann::json;

std::string_view version() { return "0.1.0"; }

Result assess(const Input& in, const RefData& ref) {
    Result r;
    auto rows = compute_energy(in, ref, r);
    compute_emissions(in, ref, rows, r);
    compute_intensities(in, ref, r);
    compute_products(in, ref, r);
    compute_trend(in, ref, r);
    r.findings = diagnose(in, r, ref);
    evaluate_measures(in, r, ref);
    bills::bill_findings(in, r, ref);  // bills/bill_findings.cpp: what the electricity bill says
    r.green_factory = evaluate_green_factory(in, r, ref);
    r.data_versions = ref.versions();
    return r;
}

AssessOutcome assess_parsed(const ParseOutcome& p, const RefData& ref) {
    AssessOutcome out;
    if (!p.input) {
        out.output = errors_to_json(p.issues);
        return out;
    }
    Result r = assess(*p.input, ref);
    // Input warnings travel with the result so every front end can show them.
    for (const auto& i : p.issues.items)
        if (i.severity == Severity::warning) r.input_warnings.push_back(i);
    out.output = result_to_json(r);
    out.ok = true;
    return out;
}

AssessOutcome assess_text(std::string_view text, const RefData& ref) {
    AssessOutcome out;
    try {
        out = assess_parsed(parse_document(text, ref), ref);
    } catch (const std::exception& ex) {
        // One boundary: nothing thrown inside the core crosses the API.
        Issues is;
        texts::error(is, "", "internal_error", "submission.internal_error", {{"what", ex.what()}});
        out.output = errors_to_json(is);
        out.ok = false;
    }
    return out;
}

} // namespace selfcheck
