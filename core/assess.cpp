// assess(): the pure pipeline energy -> emissions -> intensities -> diagnosis -> measures -> green
// factory -> typed Result. Text in and JSON out around it: core/io/assess_json.cpp.
#include "intensity.hpp"
#include "emissions.hpp"
#include "energy.hpp"
#include "trend.hpp"
#include "selfcheck.hpp"

namespace selfcheck {

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
    r.data_versions = ref.shared_versions();
    return r;
}

} // namespace selfcheck
