// libFuzzer target: the assessment parser/validator. Any bytes go through parse_document; a
// document that parses is assessed and serialised (input and result), and the saved input must
// parse again. Crashes, sanitizer reports and uncaught exceptions are findings.
#include "selfcheck.hpp"

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& ref = selfcheck::RefData::builtin();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = selfcheck::parse_document(text, ref);
    if (!parsed.input) return 0;
    auto result = selfcheck::assess(*parsed.input, ref);
    auto saved = selfcheck::input_to_json(*parsed.input);
    (void)selfcheck::result_to_json(result).dump();
    // What the app saves must load again (a user's autosave can never become unreadable).
    auto again = selfcheck::parse_document(saved.dump(), ref);
    if (!again.input) std::abort();
    return 0;
}
