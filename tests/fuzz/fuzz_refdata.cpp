// libFuzzer target: the reference-data loader. The input is one data file's text, loaded on its
// own (every check the loader makes). A file it accepts without issues then replaces the built-in
// dataset of the same name (as a receiver's industry_averages would) for one assessment;
// exceptions there are out of contract for hostile data (RefData::constant throws by design), but
// memory errors and undefined behaviour are still findings.
#include "selfcheck.hpp"

#include <cstddef>
#include <cstdint>
#include <exception>
#include <string>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto& base = selfcheck::RefData::builtin();
    static const auto& samples = selfcheck::embedded_sample_files();
    auto one = selfcheck::RefData::load({{"fuzz.json", std::string(reinterpret_cast<const char*>(data), size)}});
    (void)one.versions();
    for (const auto& [name, d] : one.datasets)
        for (const auto& r : d.records) (void)one.record(name, r.id);
    if (one.load_issues.has_errors() || samples.empty()) return 0;
    selfcheck::RefData merged = base;
    for (const auto& [name, d] : one.datasets) merged.datasets[name] = d;
    // The carrier index is built from energy_carriers: replaced together, as RefData::load does
    // (keeping the built-in carriers beside a replaced dataset was a harness bug, found by UBSan).
    if (one.datasets.count("energy_carriers")) merged.carriers = one.carriers;
    try {
        auto parsed = selfcheck::parse_document(samples[size % samples.size()].second, merged);
        if (parsed.input) (void)selfcheck::result_to_json(selfcheck::assess(*parsed.input, merged));
    } catch (const std::exception&) {
    }
    return 0;
}
