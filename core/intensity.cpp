#include "intensity.hpp"

#include "validate.hpp"

namespace selfcheck {

namespace {

// Upper bounds are inclusive (yzwku 493133). A relative epsilon keeps 0.48/0.8 == 0.6 on the
// boundary despite binary floating point.
bool at_most(double v, double cut) { return v <= cut * (1 + 1e-12) + 1e-15; }

double cut(const RefData& ref, const char* id) {
    const RefRecord* r = ref.record("carbon_efficiency", id);
    return r && r->value ? *r->value : 0;
}

// The reason is the text "missing.<code>" (`code` a literal), said with `params` when the result is written.
Missing missing(const char* code, std::vector<TextParam> params = {}) {
    return {code, TextRef::text("missing.", code, std::move(params))};
}

OptionalNumber ratio(double num, const std::optional<double>& den, const Missing& why) {
    OptionalNumber n;
    if (den && *den > 0) n.value = num / *den;
    else n.missing = why;
    return n;
}

std::optional<double> opt_num(const nlohmann::json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_number()) return it->get<double>();
    return std::nullopt;
}

int leading_year(std::string_view date) {
    int y = 0;
    for (std::size_t i = 0; i < 4 && i < date.size(); ++i) {
        if (date[i] < '0' || date[i] > '9') return 0;
        y = y * 10 + (date[i] - '0');
    }
    return date.size() >= 4 ? y : 0;
}

} // namespace

std::shared_ptr<const CarbonCuts> build_carbon_cuts(const RefData& ref) {
    auto c = std::make_shared<CarbonCuts>();
    c->level_low_max = cut(ref, "level/low_max");
    c->level_medium_max = cut(ref, "level/medium_max");
    const char* grades[4] = {"grade/1_max", "grade/2_max", "grade/3_max", "grade/4_max"};
    for (int i = 0; i < 4; ++i) c->grade_max[i] = cut(ref, grades[i]);
    return c;
}

namespace {
const CarbonCuts& carbon_cuts(const RefData& ref) {
    static const CarbonCuts none;
    return ref.carbon_cuts ? *ref.carbon_cuts : none;
}
} // namespace

CarbonLevel carbon_level_for(double l, const RefData& ref) {
    const CarbonCuts& c = carbon_cuts(ref);
    if (at_most(l, c.level_low_max)) return CarbonLevel::low;
    if (at_most(l, c.level_medium_max)) return CarbonLevel::medium;
    return CarbonLevel::high;
}

int carbon_grade_for(double k, const RefData& ref) {
    const CarbonCuts& c = carbon_cuts(ref);
    for (int i = 0; i < 4; ++i)
        if (at_most(k, c.grade_max[i])) return i + 1;
    return 5;
}

std::shared_ptr<const IndustryAverages> build_industry_averages(const RefData& ref) {
    auto v = std::make_shared<IndustryAverages>();
    if (const Dataset* d = ref.dataset("industry_averages"))
        for (const auto& r : d->records)
            if (r.value && *r.value > 0 && r.year) v->entries.push_back({json_string_or(r.raw, "industry"), *r.year, &r});
    return v;
}

const ProductLimit* ProductLimits::find(std::string_view id) const {
    auto it = by_id.find(id);
    return it == by_id.end() ? nullptr : &it->second;
}

std::shared_ptr<const ProductLimits> build_product_limits(const RefData& ref) {
    auto v = std::make_shared<ProductLimits>();
    if (const Dataset* d = ref.dataset("product_limits"))
        for (const auto& r : d->records) {
            ProductLimit l;
            l.record = &r;
            l.standard = json_string_or(r.raw, "standard");
            l.product_unit = json_string_or(r.raw, "product_unit");
            l.unit = json_string_or(r.raw, "unit");
            l.in_force = json_string_or(r.raw, "in_force");
            l.level1 = opt_num(r.raw, "level1");
            l.level2 = opt_num(r.raw, "level2");
            l.level3 = opt_num(r.raw, "level3");
            v->by_id.emplace(r.id, std::move(l));  // a duplicate id keeps the first, as Dataset::find does
        }
    return v;
}

const RefRecord* industry_average_for(const RefData& ref, std::string_view industry, int year) {
    if (!ref.industry_averages || industry.empty()) return nullptr;
    auto pick = [&](std::string_view code) -> const RefRecord* {
        const IndustryAverages::Entry* best = nullptr;
        for (const auto& e : ref.industry_averages->entries) {
            if (e.industry != code || (year != 0 && e.year > year)) continue;
            if (!best || e.year > best->year) best = &e;
        }
        return best ? best->record : nullptr;
    };
    if (const RefRecord* r = pick(industry)) return r;
    if (industry.size() > 3) return pick(industry.substr(0, 3));
    return nullptr;
}

void compute_intensities(const Input& in, const RefData& ref, Result& result) {
    const Enterprise& e = in.enterprise;
    const double tce = result.energy.total_tce, tco2 = result.emissions.total_tco2;
    const Missing no_va = missing("needs_value_added");
    const Missing no_out = missing("needs_output_value");
    IntensityResult& it = result.intensity;
    CarbonEfficiency& ce = result.carbon_efficiency;
    if (tce <= 0) {
        // No energy entered: 0 / value added is no intensity, and L = 0 no "low carbon" verdict.
        const Missing no_energy = missing("needs_energy");
        for (OptionalNumber* n : {&it.tce_per_10k_yuan_value_added, &it.tco2_per_10k_yuan_value_added,
                                  &it.tce_per_10k_yuan_output, &it.tco2_per_10k_yuan_output})
            n->missing = no_energy;
        ce.missing = no_energy;
        return;
    }
    it.tce_per_10k_yuan_value_added = ratio(tce, e.value_added_10k_yuan, no_va);
    it.tco2_per_10k_yuan_value_added = ratio(tco2, e.value_added_10k_yuan, no_va);
    it.tce_per_10k_yuan_output = ratio(tce, e.output_value_10k_yuan, no_out);
    it.tco2_per_10k_yuan_output = ratio(tco2, e.output_value_10k_yuan, no_out);

    // The provincial carbon-efficiency grading method for firms above designated size: the numerator is the CO2 of all energy used minus the CO2
    // avoided by the firm's own zero-carbon power. Self-used PV is counted as energy used and
    // deducted again (net zero: it is simply not purchased); exported PV is deducted.
    const double numerator = std::max(0.0, tco2 - result.emissions.avoided_by_exported_pv_tco2);
    ce.intensity = ratio(numerator, e.value_added_10k_yuan, no_va).value;
    if (ce.intensity) ce.numerator_tco2 = numerator;
    if (!ce.intensity) {
        ce.missing = no_va;
        return;
    }
    ce.level = carbon_level_for(*ce.intensity, ref);
    if (in.options.industry_average_tco2_per_10k_yuan) {
        ce.industry_average = *in.options.industry_average_tco2_per_10k_yuan;
        ce.industry_average_user = true;
    } else if (const RefRecord* avg = industry_average_for(ref, e.industry, e.year)) {
        ce.industry_average = *avg->value;
        ce.industry_average_record = avg;
    }
    if (!ce.industry_average) {
        ce.missing = missing("needs_industry_average");
        return;
    }
    ce.index = *ce.intensity / *ce.industry_average;
    ce.grade = carbon_grade_for(*ce.index, ref);
}

void compute_products(const Input& in, const RefData& ref, Result& result) {
    for (const auto& p : in.products) {
        ProductResult pr;
        pr.name = p.name;
        pr.limit_id = p.limit_id;
        pr.unit = p.unit;
        pr.status = "unknown";
        std::optional<double> energy = p.energy_tce;
        if (!energy && in.products.size() == 1) {
            // GB/T 36132 B.1: whole site, feedstock excluded; the GB energy-limit standards also leave out
            // non-production energy (canteen, dormitory) where the user marks it.
            double non_prod = 0;
            for (std::size_t i = 0; i < in.energy.size() && i < result.energy.by_carrier.size(); ++i)
                if (in.energy[i].non_production && !in.energy[i].feedstock) non_prod += result.energy.by_carrier[i].tce;
            energy = result.energy.total_tce - non_prod;
            pr.non_production_tce_excluded = non_prod;
            pr.energy_allocated_from_site = true;
        }
        if (!energy)
            pr.missing = missing("needs_product_energy");
        else if (pr.energy_allocated_from_site && result.energy.total_tce <= 0)
            pr.missing = missing("needs_energy");  // 0 kgce per tonne is no level-1 verdict
        else if (p.output <= 0)
            pr.missing = missing("needs_output");
        else
            pr.kgce_per_unit = *energy * 1000.0 / p.output;
        if (!p.limit_id.empty() && ref.product_limits) {
            if (const ProductLimit* lim = ref.product_limits->find(p.limit_id)) {
                pr.standard = lim->standard;
                pr.limit = lim->record;
                pr.level1 = lim->level1;
                pr.level2 = lim->level2;
                pr.level3 = lim->level3;
                const std::string& punit = lim->product_unit;
                const std::string& lunit = lim->unit;
                pr.limit_unit = lunit;
                pr.in_force = lim->in_force;
                if (leading_year(pr.in_force) > in.enterprise.year && in.enterprise.year > 0)
                    pr.not_in_force_for_year = true;
                // The site's tce per output is comparable only with limits in kgce per product unit.
                // Limits in kWh/t, kgoe/t or per m2 need the product's own metered figure.
                bool comparable = lunit == "kgce/" + (punit.empty() ? p.unit : punit);
                if (!punit.empty() && !p.unit.empty() && punit != p.unit) {
                    comparable = false;
                    pr.missing = missing("product_unit_mismatch", {{"product", TextParam::Kind::text, 0, p.name},
                                                                  {"unit", TextParam::Kind::text, 0, p.unit},
                                                                  {"limit_unit", TextParam::Kind::text, 0, punit}});
                } else if (!comparable) {
                    pr.missing = missing("limit_unit_unsupported", {{"unit", TextParam::Kind::text, 0, lunit}});
                }
                if (pr.kgce_per_unit && comparable) {
                    double v = *pr.kgce_per_unit;
                    if (pr.level1 && at_most(v, *pr.level1)) pr.status = "level1";
                    else if (pr.level2 && at_most(v, *pr.level2)) pr.status = "level2";
                    else if (pr.level3 && at_most(v, *pr.level3)) pr.status = "level3";
                    else if (pr.level3) pr.status = "above_level3";
                }
            }
        }
        result.products.push_back(std::move(pr));
    }
}

} // namespace selfcheck
