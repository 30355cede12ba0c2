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
#include <utility>
#include <vector>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    static const auto& base = selfcheck::RefData::builtin();
    static const auto& samples = selfcheck::embedded_sample_files();
    auto one = selfcheck::RefData::load({{"fuzz.json", std::string(reinterpret_cast<const char*>(data), size)}});
    (void)one.versions();
    for (const auto& [name, d] : one.datasets)
        for (const auto& r : d.records) (void)one.record(name, r.id);
    if (one.load_issues.has_errors() || samples.empty()) return 0;
    // One long-lived copy of the built-in data; the input's datasets are swapped in for this
    // assessment and swapped back after it (copying every built-in dataset per input cost more than
    // the rest of the run under ASan).
    static selfcheck::RefData merged = base;
    std::vector<std::pair<std::string, bool>> swapped;  // dataset name, was it in the built-in data
    for (auto& [name, d] : one.datasets) {
        bool existed = merged.datasets.count(name) > 0;
        std::swap(merged.datasets[name], d);
        swapped.emplace_back(name, existed);
    }
    // The typed views (carrier index, tiers, grid factors, grade cuts, green-factory and equipment
    // definitions) hold addresses of records: rebuilt after the swap so the input's data is what the
    // assessment reads, and again after the swap back, before the input's datasets are destroyed.
    try {
        merged.reindex();
        auto parsed = selfcheck::parse_document(samples[size % samples.size()].second, merged);
        if (parsed.input) (void)selfcheck::result_to_json(selfcheck::assess(*parsed.input, merged));
    } catch (const std::exception&) {
    }
    for (const auto& [name, existed] : swapped) {
        std::swap(merged.datasets[name], one.datasets[name]);
        if (!existed) merged.datasets.erase(name);
    }
    merged.reindex();
    return 0;
}
