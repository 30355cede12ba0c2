// What the CLI, the page hook and the portal share: the document's text (or its parsed form) in,
// the result's JSON (or the errors) out, with assess() between (assess.cpp).
#include "selfcheck.hpp"
#include "texts.hpp"

namespace selfcheck {

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
