// What the electricity bill says, from the user's own bill values only (no tariff is assumed):
//  - basic charge: billing by capacity vs by maximum demand, month by month (NDRC General Office price notice [2016] No. 1583);
//  - time of use: sharp/peak shares and the saving from moving a stated share to valley hours at
//    the bill's own period prices;
//  - power factor: months below the standard of the 1983 power-factor tariff adjustment rules (Ministry of Water Resources and Electric Power, finance No. 215), the
//    adjustment charged on the bill, and the capacitor size Qc = P × (tan φ1 − tan φ2).
#include "bills/bills.hpp"

#include "texts.hpp"
#include "selfcheck.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>

namespace selfcheck::bills {

using nlohmann::json;

namespace {
constexpr double k_yuan_per_10k = 10000;

using P = TextParam;
// 10k yuan, 2 decimals
P w(const char* name, double yuan) { return P::num(name, std::round(yuan / k_yuan_per_10k * 100) / 100); }
P pct(const char* name, double share) { return P::num(name, std::round(share * 1000) / 10); }  // %, 1 decimal

double rule(const RefData& ref, const char* id, double fallback) {
    const RefRecord* r = ref.record("bill_rules", id);
    return r && r->value ? *r->value : fallback;
}
std::string rule_source(const RefData& ref, const char* ds, const std::string& id) {
    const RefRecord* r = ref.record(ds, id);
    return r ? r->source : std::string();
}
std::string rule_source_en(const RefData& ref, const char* ds, const std::string& id) {
    const RefRecord* r = ref.record(ds, id);
    return r ? r->source_en : std::string();
}

Finding finding(const char* id, FindingSeverity severity, std::string clause, std::string_view key,
                std::vector<TextParam> params) {
    Finding f;
    f.id = id;
    f.severity = severity;
    f.clause.designation = std::move(clause);
    f.message = TextRef::text(key, {}, std::move(params));
    return f;
}

MeasureResult measure(const RefData& ref, const char* id, double saving_yuan) {
    MeasureResult m;
    m.id = id;
    m.def = ref.record("measures", std::string("measure/") + id);  // names, formula, source
    m.annual_saving_10k_yuan = saving_yuan / k_yuan_per_10k;
    m.recommendation = {RecommendationStatus::cost_only};  // a bill measure saves money, not energy: a cost-only measure
    return m;
}

std::string month_list(const std::vector<int>& ms) {
    std::string s;
    for (std::size_t i = 0; i < ms.size(); ++i) s += (i ? ", " : "") + std::to_string(ms[i]);
    return s;
}
} // namespace

double capacitor_kvar(double p_kw, double pf_now, double pf_target) {
    if (pf_now <= 0 || pf_now >= pf_target || pf_target > 1) return 0;
    auto tan_of = [](double pf) { return std::sqrt(1 - pf * pf) / pf; };
    return p_kw * (tan_of(pf_now) - tan_of(pf_target));
}

std::optional<BasicChargeComparison> compare_basic_charge(const ElectricityBills& b, double floor_share) {
    BasicChargeComparison c;
    double current = 0;
    bool all_modes = true;
    for (const auto& m : b.months) {
        auto kva = m.get("capacity_kva"), kw = m.get("max_demand_kw");
        auto pc = m.get("capacity_price_yuan_per_kva_month"), pd = m.get("demand_price_yuan_per_kw_month");
        if (!kva || !kw || !pc || !pd) continue;
        BasicChargeMonth x;
        x.month = m.month;
        x.capacity_yuan = *kva * *pc;
        x.demand_yuan = std::max(*kw, floor_share * *kva) * *pd;
        x.billed = m.billing_mode;
        c.capacity_total_yuan += x.capacity_yuan;
        c.demand_total_yuan += x.demand_yuan;
        if (x.billed == "capacity") current += x.capacity_yuan;
        else if (x.billed == "demand") current += x.demand_yuan;
        else all_modes = false;
        c.months.push_back(x);
    }
    if (c.months.empty()) return std::nullopt;
    c.cheaper = c.demand_total_yuan < c.capacity_total_yuan ? "demand" : "capacity";
    const double cheaper = std::min(c.capacity_total_yuan, c.demand_total_yuan);
    if (all_modes) c.current_yuan = current;
    c.saving_yuan = (all_modes ? current : std::max(c.capacity_total_yuan, c.demand_total_yuan)) - cheaper;
    return c;
}

std::optional<TouSummary> tou_summary(const ElectricityBills& b, double share) {
    TouSummary t;
    double wp[4] = {0, 0, 0, 0}, wk[4] = {0, 0, 0, 0};  // price × kWh and kWh where a price is given
    bool any = false, prices_all = true;
    double saving = 0;
    const char* kk[4] = {"sharp_kwh", "peak_kwh", "flat_kwh", "valley_kwh"};
    const char* pk[4] = {"sharp_price_yuan_per_kwh", "peak_price_yuan_per_kwh", "flat_price_yuan_per_kwh", "valley_price_yuan_per_kwh"};
    for (const auto& m : b.months) {
        if (!m.get("peak_kwh") && !m.get("valley_kwh")) continue;
        any = true;
        double k[4], p[4];
        bool have_p[4];
        for (int i = 0; i < 4; ++i) {
            k[i] = m.get(kk[i]).value_or(0);
            have_p[i] = m.get(pk[i]).has_value();
            p[i] = m.get(pk[i]).value_or(0);
            if (have_p[i]) wp[i] += p[i] * k[i], wk[i] += k[i];
        }
        t.sharp_kwh += k[0], t.peak_kwh += k[1], t.flat_kwh += k[2], t.valley_kwh += k[3];
        // moving share × (sharp + peak) to valley: saving = share × Σ k_i × (p_i − p_valley)
        if (!have_p[3] || (k[0] > 0 && !have_p[0]) || (k[1] > 0 && !have_p[1])) prices_all = false;
        else saving += share * (k[0] * (p[0] - p[3]) + k[1] * (p[1] - p[3]));
    }
    if (!any) return std::nullopt;
    t.total_kwh = t.sharp_kwh + t.peak_kwh + t.flat_kwh + t.valley_kwh;
    if (prices_all) t.shift_saving_yuan = saving;
    std::optional<double>* out[4] = {&t.sharp_price, &t.peak_price, &t.flat_price, &t.valley_price};
    for (int i = 0; i < 4; ++i)
        if (wk[i] > 0) *out[i] = wp[i] / wk[i];
    return t;
}

void bill_findings(const Input& in, Result& r, const RefData& ref) {
    const ElectricityBills& b = in.bills.electricity;
    if (!in.bills.present || b.months.empty()) return;

    // ---- basic charge: capacity vs maximum demand ----
    const double floor_share = rule(ref, "basic_charge/demand_floor_share", 0.4);
    const std::string bc_clause = rule_source(ref, "bill_rules", "basic_charge/demand_floor_share");
    if (auto c = compare_basic_charge(b, floor_share)) {
        using K = EvidenceKey;
        std::vector<EvidenceRow> months;
        for (const auto& m : c->months)
            months.push_back({{K::month, m.month}, {K::capacity_yuan, m.capacity_yuan}, {K::demand_yuan, m.demand_yuan}, {K::billed, m.billed}});
        Finding f = finding("bill_basic_charge_mode", c->saving_yuan > 0 ? FindingSeverity::medium : FindingSeverity::info, bc_clause,
                            c->saving_yuan > 0 ? "bills.finding.basic_charge" : "bills.finding.basic_charge_ok",
                            {P::integer("n", c->months.size()), w("cap", c->capacity_total_yuan), w("dem", c->demand_total_yuan),
                             P::words("mode", c->cheaper == "demand" ? "bills.mode.demand" : "bills.mode.capacity"),
                             w("saving", c->saving_yuan), pct("floor", floor_share)});
        f.evidence = {{K::months, std::move(months)},
                      {K::capacity_total_yuan, c->capacity_total_yuan},
                      {K::demand_total_yuan, c->demand_total_yuan},
                      {K::current_yuan, c->current_yuan},
                      {K::cheaper, c->cheaper},
                      {K::saving_yuan, c->saving_yuan},
                      {K::demand_floor_share, floor_share}};
        if (c->saving_yuan > 0) {
            f.measures.push_back("bill_basic_charge_mode");
            MeasureResult m = measure(ref, "bill_basic_charge_mode", c->saving_yuan);
            m.payback_years = 0;
            m.physical.set("category", "tariff");
            m.physical.set("zero_investment", true);
            m.physical.set("cheaper_mode", c->cheaper);
            m.physical.set_count("months_compared", static_cast<std::int64_t>(c->months.size()));
            m.physical.set("source", bc_clause);
            m.physical.set("source_en", rule_source_en(ref, "bill_rules", "basic_charge/demand_floor_share"));
            r.measures.push_back(std::move(m));
            r.portfolio.cost_only.push_back("bill_basic_charge_mode");
        }
        r.findings.push_back(std::move(f));
    }

    // ---- time of use ----
    const double share = b.load_shift_share.value_or(rule(ref, "load_shift/default_share", 0.1));
    if (auto t = tou_summary(b, share); t && t->total_kwh > 0) {
        const double sharp_share = t->sharp_kwh / t->total_kwh, peak_share = t->peak_kwh / t->total_kwh;
        Finding f = finding("bill_tou_shares", FindingSeverity::info, rule_source(ref, "bill_rules", "load_shift/default_share"),
                            t->shift_saving_yuan ? "bills.finding.tou" : "bills.finding.tou_no_prices",
                            {pct("sharp", sharp_share), pct("peak", peak_share), pct("valley", t->valley_kwh / t->total_kwh),
                             pct("share", share), w("saving", t->shift_saving_yuan.value_or(0)),
                             P::words("stated", b.load_shift_share ? "" : "bills.share_assumed")});
        using K = EvidenceKey;
        f.evidence = {{K::total_kwh, t->total_kwh}, {K::sharp_kwh, t->sharp_kwh}, {K::peak_kwh, t->peak_kwh},
                      {K::flat_kwh, t->flat_kwh}, {K::valley_kwh, t->valley_kwh}, {K::sharp_share, sharp_share},
                      {K::peak_share, peak_share}, {K::shift_share, share}, {K::shift_share_stated, b.load_shift_share.has_value()},
                      {K::shift_saving_yuan, t->shift_saving_yuan}};
        for (auto [k, v] : {std::pair{K::sharp_price_yuan_per_kwh, t->sharp_price}, {K::peak_price_yuan_per_kwh, t->peak_price},
                            {K::flat_price_yuan_per_kwh, t->flat_price}, {K::valley_price_yuan_per_kwh, t->valley_price}})
            if (v) f.evidence.set(k, *v);
        r.findings.push_back(std::move(f));
    }

    // ---- power factor ----
    std::string ct = b.customer_type;
    double max_kva = 0;
    for (const auto& m : b.months) max_kva = std::max(max_kva, m.get("capacity_kva").value_or(0));
    bool assumed = ct.empty();
    if (assumed) ct = max_kva >= 160 || max_kva == 0 ? "industrial_hv_160kva" : "other_100kva";
    const RefRecord* std_rec = ref.record("power_factor_standards", ct);
    if (!std_rec || !std_rec->value) return;
    const double threshold = *std_rec->value;
    std::vector<int> below;
    double penalty = 0, worst_qc = 0, worst_pf = 1;
    int worst_month = 0;
    bool any_pf = false, p_from_average = false;
    const double hours = rule(ref, "pf/hours_per_month", 730);
    for (const auto& m : b.months) {
        if (auto adj = m.get("pf_adjustment_yuan"); adj && *adj > 0) penalty += *adj;
        auto pf = m.get("power_factor");
        if (!pf) continue;
        any_pf = true;
        if (*pf >= threshold) continue;
        below.push_back(m.month);
        std::optional<double> p = m.get("max_demand_kw");
        bool avg = false;
        if (!p) {
            if (auto k = m.get("kwh")) p = *k / hours, avg = true;
        }
        double qc = p ? capacitor_kvar(*p, *pf, threshold) : 0;
        if (qc > worst_qc) worst_qc = qc, worst_pf = *pf, worst_month = m.month, p_from_average = avg;
    }
    if (!any_pf) return;
    Finding f = finding("bill_power_factor", below.empty() ? FindingSeverity::info : FindingSeverity::medium, std_rec->source,
                        below.empty() ? "bills.finding.pf_ok" : "bills.finding.pf_low",
                        {P::num("threshold", threshold), P::str("months", month_list(below)), P::integer("n", below.size()),
                         w("penalty", penalty), P::num("qc", std::ceil(worst_qc)), P::num("pf", worst_pf),
                         P::integer("month", worst_month)});
    using K = EvidenceKey;
    f.evidence = {{K::threshold, threshold}, {K::customer_type, ct}, {K::customer_type_assumed, assumed},
                  {K::months_below, std::vector<std::int64_t>(below.begin(), below.end())}, {K::penalty_yuan, penalty},
                  {K::capacitor_kvar, worst_qc}, {K::sized_for_month, worst_month}, {K::power_from_average, p_from_average}};
    if (!below.empty() && worst_qc > 0) {
        f.measures.push_back("bill_pf_capacitor");
        MeasureResult m = measure(ref, "bill_pf_capacitor", penalty);
        m.physical.set("category", "tariff");
        m.physical.set("capacitor_kvar", worst_qc);
        m.physical.set("pf_before", worst_pf);
        m.physical.set("pf_target", threshold);
        m.physical.set_count("sized_for_month", worst_month);
        m.physical.set("power_from_average", p_from_average);
        m.physical.set("investment_unknown", true);
        m.physical.set("formula", "Qc = P × (tanφ1 − tanφ2)");
        m.physical.set("source", std_rec->source);
        m.physical.set("source_en", std_rec->source_en);
        r.measures.push_back(std::move(m));
        r.portfolio.cost_only.push_back("bill_pf_capacitor");
    }
    r.findings.push_back(std::move(f));
}

} // namespace selfcheck::bills
