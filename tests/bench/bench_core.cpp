// Core throughput benchmark (not a test): per sample factory, single thread,
//   assess_per_s             typed input -> typed result (assess())
//   parse_assess_json_per_s  document text -> result text (assess_text() + dump)
//   io_floor_per_s           the I/O around it with no computation: parse the same document text
//                            into JSON and dump the same result JSON to text
// Built natively and as wasm (run under node) from this one source; scripts/bench runs both and
// reports the ratio. Output: one JSON object on stdout.
//   selfcheck_bench [--seconds S] [--assess-only] [--sample SUBSTR] [--iterations N]
//   --assess-only: skip the text measurements (for profiling)
//   --sample: only samples whose file name contains SUBSTR
//   --iterations N: instead of timing, run exactly N assessments per sample (for callgrind:
//     instructions per assess = (cost at N=11 - cost at N=1) / 10, or use --toggle-collect)
//     and, without --assess-only, N of each text measurement too, each in its own function, so
//     that callgrind gives the ratio parse_assess_json / io_floor in instructions, which a shared
//     machine cannot disturb:
//       --toggle-collect='*bench_one_text*'   document text -> result text
//       --toggle-collect='*bench_one_floor*'  parse the document, dump the result
#include "selfcheck.hpp"

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>

namespace {

using clock_type = std::chrono::steady_clock;

// Runs fn repeatedly for about `seconds`, returns calls per second.
template <class F> double rate(F&& fn, double seconds) {
    // Warm-up (a quarter of the time, unmeasured): caches and the allocator settle. It does not
    // cover V8's tier-up from Liftoff to TurboFan, which takes seconds on a busy machine and made
    // sample 01 (measured first) look 5-9x slower under node than natively: scripts/bench runs the
    // wasm build with `node --no-liftoff`, so every sample is measured in optimised code.
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

// Not inlined so callgrind can attribute exactly one assessment (--toggle-collect=bench_one_assess*).
__attribute__((noinline)) double bench_one_assess(const selfcheck::Input& in, const selfcheck::RefData& ref) {
    return selfcheck::assess(in, ref).energy.total_tce;
}

// document text -> result text
__attribute__((noinline)) double bench_one_text(std::string_view text, const selfcheck::RefData& ref) {
    auto o = selfcheck::assess_text(text, ref);
    return static_cast<double>(o.output.dump().size()) + (o.ok ? 1 : 0);
}

// The same I/O without computation: parse the document text, dump the result it gives.
__attribute__((noinline)) double bench_one_floor(const std::string& text, const nlohmann::json& result) {
    nlohmann::json doc = nlohmann::json::parse(text);
    return static_cast<double>(doc.size() + result.dump().size());
}

} // namespace

int main(int argc, char** argv) {
    double seconds = 1.0;
    bool assess_only = false;
    long iterations = 0;
    std::string only;
    for (int i = 1; i < argc; ++i) {
        if (std::strcmp(argv[i], "--seconds") == 0 && i + 1 < argc) seconds = std::atof(argv[++i]);
        else if (std::strcmp(argv[i], "--assess-only") == 0) assess_only = true;
        else if (std::strcmp(argv[i], "--sample") == 0 && i + 1 < argc) only = argv[++i];
        else if (std::strcmp(argv[i], "--iterations") == 0 && i + 1 < argc) iterations = std::atol(argv[++i]);
    }
    const auto& ref = selfcheck::RefData::builtin();
    nlohmann::json out = {{"seconds_per_case", seconds}, {"samples", nlohmann::json::array()}};
    for (const auto& file : selfcheck::embedded_sample_files()) {
        const std::string& name = file.first;
        const std::string& text = file.second;  // not a structured binding: clang 14 cannot capture those
        if (!only.empty() && name.find(only) == std::string::npos) continue;
        auto parsed = selfcheck::parse_document(text, ref);
        if (!parsed.input) continue;
        const selfcheck::Input& in = *parsed.input;
        if (iterations > 0) {
            for (long i = 0; i < iterations; ++i) g_sink = g_sink + bench_one_assess(in, ref);
            if (!assess_only) {
                const nlohmann::json result = selfcheck::assess_text(text, ref).output;
                for (long i = 0; i < iterations; ++i) g_sink = g_sink + bench_one_text(text, ref);
                for (long i = 0; i < iterations; ++i) g_sink = g_sink + bench_one_floor(text, result);
            }
            out["samples"].push_back({{"name", name}, {"iterations", iterations}});
            continue;
        }
        double assess_per_s = rate([&] { g_sink = g_sink + bench_one_assess(in, ref); }, seconds);
        nlohmann::json row = {{"name", name}, {"assess_per_s", assess_per_s}};
        if (!assess_only) {
            row["parse_assess_json_per_s"] = rate([&] { g_sink = g_sink + bench_one_text(text, ref); }, seconds);
            const nlohmann::json result = selfcheck::assess_text(text, ref).output;
            row["io_floor_per_s"] = rate([&] { g_sink = g_sink + bench_one_floor(text, result); }, seconds);
            row["document_bytes"] = text.size();
            row["result_bytes"] = result.dump().size();
        }
        out["samples"].push_back(std::move(row));
    }
    std::printf("%s\n", out.dump(1).c_str());
    return 0;
}
