// libFuzzer target: the receiver's submission parser (core/submission.hpp). Any bytes go through
// parse_submission; an accepted one is canonicalised, recomputed and compared the way the portal
// does before it stores anything.
#include "selfcheck.hpp"
#include "submission.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& ref = selfcheck::RefData::builtin();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto out = selfcheck::parse_submission(text, ref);
    if (!out.submission) return 0;
    const auto& s = *out.submission;
    (void)selfcheck::canonical_json(s.document);
    auto recomputed = selfcheck::result_to_json(selfcheck::assess(s.input, ref));
    auto d = selfcheck::compare_key_figures(s.result, recomputed);
    (void)selfcheck::disagreements_to_issues(d);
    (void)selfcheck::key_figures(s.result);
    return 0;
}
