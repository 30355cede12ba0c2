// Core throughput benchmark (not a test): full assessments per second for each sample factory,
// single thread. Built natively and as wasm (run under node) from this one source; scripts/bench
// runs both and reports the ratio. Output: one JSON object on stdout.
//   selfcheck_bench [--seconds S] [--assess-only]   (--assess-only: skip parse+assess+JSON, for profiling)
#include "selfcheck.hpp"

#include <chrono>
#include <cstdio>
#include <cstring>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;

// Runs fn repeatedly for about `seconds`, returns calls per second.
template <class F> double rate(F&& fn, double seconds) {
    // Warm-up (a quarter of the time, unmeasured): V8 tiers wasm up from Liftoff to TurboFan while
    // it runs, which made the first sample under node look ten times slower than the rest.
    for (auto w = clock_type::now(); std::chrono::duration<double>(clock_type::now() - w).count() < seconds / 4;) fn();
    long n = 0;
    auto start = clock_type::now();
    double elapsed = 0;
    do {
        for (int i = 0; i < 16; ++i) fn();
        n += 16;
        elapsed = std::chrono::duration<double>(clock_type::now() - start).count();
    } while (elapsed < seconds);
    return n / elapsed;
}

volatile double g_sink = 0;  // keeps the optimiser from dropping the work

} // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    bool assess_only = false;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[i + 1]);
        if (std::strcmp(argv[i], "--assess-only") == 0) assess_only = true;
    }
    const auto& ref = selfcheck::RefData::builtin();
    nlohmann::json out = {{"seconds_per_case", seconds}, {"samples", nlohmann::json::array()}};
    for (const auto& file : selfcheck::embedded_sample_files()) {
        const std::string& name = file.first;
        const std::string& text = file.second;  // not a structured binding: clang 14 cannot capture those
        auto parsed = selfcheck::parse_document(text, ref);
        if (!parsed.input) continue;
        const selfcheck::Input& in = *parsed.input;
        double assess_per_s = rate([&] { g_sink = g_sink + selfcheck::assess(in, ref).energy.total_tce; }, seconds);
        double full_per_s = assess_only ? 0 : rate(
            [&] {
                auto o = selfcheck::assess_text(text, ref);
                g_sink = g_sink + (o.ok ? 1 : 0);
            },
            seconds);
        out["samples"].push_back({{"name", name}, {"assess_per_s", assess_per_s}, {"parse_assess_json_per_s", full_per_s}});
    }
    std::printf("%s\n", out.dump(1).c_str());
    return 0;
}
