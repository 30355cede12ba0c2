// libFuzzer target: the report renderer and CSV export on any valid document. Bytes that parse as
// an assessment are assessed; the report is rendered in both languages from the saved input and
// the result, exactly as the app and the CLI do.
#include "report.hpp"
#include "selfcheck.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    const auto& ref = selfcheck::RefData::builtin();
    std::string_view text(reinterpret_cast<const char*>(data), size);
    auto parsed = selfcheck::parse_document(text, ref);
    if (!parsed.input) return 0;
    auto doc = selfcheck::input_to_json(*parsed.input);
    auto result = selfcheck::result_to_json(selfcheck::assess(*parsed.input, ref));
    selfcheck::ReportOptions opt;
    opt.generated_date = "2025-01-01";
    opt.ref = &ref;
    (void)selfcheck::render_report_html(doc, result, (size & 1) ? "en" : "zh", opt);
    (void)selfcheck::export_csv(doc, result, (size & 1) ? "zh" : "en");
    return 0;
}
