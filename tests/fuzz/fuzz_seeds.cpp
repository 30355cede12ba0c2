// Writes the seed corpora for the fuzz targets from the data embedded at build time (nothing
// binary is committed): fuzz_seeds OUTDIR -> OUTDIR/{assessment,report,refdata,submission}/*.json
// plus the hand-written text seeds and regressions in tests/fuzz/ (copied by scripts/fuzz).
#include "selfcheck.hpp"
#include "submission.hpp"

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

namespace fs = std::filesystem;

static void write(const fs::path& p, const std::string& text) {
    fs::create_directories(p.parent_path());
    std::ofstream(p, std::ios::binary) << text;
}

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: fuzz_seeds OUTDIR\n");
        return 2;
    }
    fs::path out = argv[1];
    const auto& ref = selfcheck::RefData::builtin();
    int n = 0;
    for (const auto& [name, text] : selfcheck::embedded_sample_files()) {
        write(out / "assessment" / name, text);
        write(out / "report" / name, text);
        auto parsed = selfcheck::parse_document(text, ref);
        if (!parsed.input) continue;
        auto result = selfcheck::assess(*parsed.input, ref);
        auto sub = selfcheck::build_submission(*parsed.input, result, "123e4567-e89b-42d3-a456-426614174000",
                                               "2025-03-01T08:00:00+08:00");
        write(out / "submission" / name, sub.dump());
        ++n;
    }
    for (const auto& [name, text] : selfcheck::embedded_data_files()) write(out / "refdata" / name, text);
    std::printf("fuzz_seeds: %d samples, %zu data files -> %s\n", n, selfcheck::embedded_data_files().size(),
                out.c_str());
    return 0;
}
