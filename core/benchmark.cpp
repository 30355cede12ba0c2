#include "benchmark.hpp"

#include "validate.hpp"

namespace selfcheck {

namespace {

// Upper bounds are inclusive (yzwku 493133). A relative epsilon keeps 0.48/0.8 == 0.6 on the
// boundary despite binary floating point.
bool at_most(double v, double cut) { return v <= cut * (1 + 1e-12) + 1e-15; }

double cut(const RefData& ref, const char* id) {
    const Record* r = ref.record("carbon_efficiency", id);
    return r && r->value ? *r->value : 0;
}

Missing missing(std::string code, std::string zh, std::string en) { return {std::move(code), std::move(zh), std::move(en)}; }

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

int leading_year(const std::string& date) {
    int y = 0;
    for (std::size_t i = 0; i < 4 && i < date.size(); ++i) {
        if (date[i] < '0' || date[i] > '9') return 0;
        y = y * 10 + (date[i] - '0');
    }
    return date.size() >= 4 ? y : 0;
}

} // namespace

std::string carbon_level_for(double l, const RefData& ref) {
    if (at_most(l, cut(ref, "level/low_max"))) return "low";
    if (at_most(l, cut(ref, "level/medium_max"))) return "medium";
    return "high";
}

int carbon_grade_for(double k, const RefData& ref) {
    if (at_most(k, cut(ref, "grade/1_max"))) return 1;
    if (at_most(k, cut(ref, "grade/2_max"))) return 2;
    if (at_most(k, cut(ref, "grade/3_max"))) return 3;
    if (at_most(k, cut(ref, "grade/4_max"))) return 4;
    return 5;
}

const Record* industry_average_for(const RefData& ref, std::string_view industry, int year) {
    const Dataset* d = ref.dataset("industry_averages");
    if (!d || industry.empty()) return nullptr;
    auto pick = [&](std::string_view code) -> const Record* {
        const Record* best = nullptr;
        for (const auto& r : d->records) {
            if (!r.value || *r.value <= 0 || r.raw.value("industry", std::string()) != code || !r.year) continue;
            if (year != 0 && *r.year > year) continue;
            if (!best || *r.year > *best->year) best = &r;
        }
        return best;
    };
    if (const Record* r = pick(industry)) return r;
    if (industry.size() > 3) return pick(industry.substr(0, 3));
    return nullptr;
}

void compute_benchmarks(const Input& in, const RefData& ref, Result& result) {
    const Enterprise& e = in.enterprise;
    const double tce = result.energy.total_tce, tco2 = result.emissions.total_tco2;
    const Missing no_va = missing("needs_value_added", "需要填写工业增加值（万元）才能计算",
                                  "needs the value added (10k yuan) to compute");
    const Missing no_out = missing("needs_output_value", "需要填写工业总产值（万元）才能计算",
                                   "needs the output value (10k yuan) to compute");
    IntensityResult& it = result.intensity;
    it.tce_per_10k_yuan_value_added = ratio(tce, e.value_added_10k_yuan, no_va);
    it.tco2_per_10k_yuan_value_added = ratio(tco2, e.value_added_10k_yuan, no_va);
    it.tce_per_10k_yuan_output = ratio(tce, e.output_value_10k_yuan, no_out);
    it.tco2_per_10k_yuan_output = ratio(tco2, e.output_value_10k_yuan, no_out);

    CarbonEfficiency& ce = result.carbon_efficiency;
    ce.clause = "DB33/T 1347-2023; 《规上工业企业碳效等级评价方法》: L = 碳排放量/工业增加值, K = L/行业平均";
    // 《规上工业企业碳效等级评价方法》: the numerator is the CO2 of all energy used minus the CO2
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
        ce.industry_average_source = "用户填写的行业平均碳排放强度";
        ce.industry_average_source_en = "industry-average carbon intensity given by the user";
    } else if (const Record* avg = industry_average_for(ref, e.industry, e.year)) {
        ce.industry_average = *avg->value;
        ce.industry_average_source = avg->source;
        ce.industry_average_source_en = avg->source_en;
    }
    if (!ce.industry_average) {
        ce.missing = missing("needs_industry_average",
                             "碳效等级需要所属行业的平均碳排放强度（行业平均值待导入）：目前没有公开发布的浙江分行业平均值，"
                             "请在设置中填写主管部门提供的数值或从上报平台导入；碳效水平（低/中/高碳）已给出",
                             "the carbon-efficiency grade needs the industry-average carbon intensity, which is not "
                             "published: enter the value your authority gives or load it from a portal; the "
                             "carbon level (low/medium/high) is shown");
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
            // GB/T 36132 B.1: whole site, feedstock excluded; the GB 限额 standards also leave out
            // non-production energy (canteen, dormitory) where the user marks it.
            double non_prod = 0;
            for (std::size_t i = 0; i < in.energy.size() && i < result.energy.by_carrier.size(); ++i)
                if (in.energy[i].non_production && !in.energy[i].feedstock) non_prod += result.energy.by_carrier[i].tce;
            energy = result.energy.total_tce - non_prod;
            pr.non_production_tce_excluded = non_prod;
            pr.energy_allocated_from_site = true;
        }
        if (!energy)
            pr.missing = missing("needs_product_energy", "多个产品时请填写每个产品分摊的能耗（吨标准煤）",
                                 "with several products, give each product's share of energy (tce)");
        else if (p.output <= 0)
            pr.missing = missing("needs_output", "请填写产品产量", "give the product's output");
        else
            pr.kgce_per_unit = *energy * 1000.0 / p.output;
        if (!p.limit_id.empty()) {
            if (const Record* lim = ref.record("product_limits", p.limit_id)) {
                pr.standard = lim->raw.value("standard", std::string());
                pr.source = lim->source;
                pr.source_en = lim->source_en;
                pr.level1 = opt_num(lim->raw, "level1");
                pr.level2 = opt_num(lim->raw, "level2");
                pr.level3 = opt_num(lim->raw, "level3");
                std::string punit = lim->raw.value("product_unit", std::string());
                std::string lunit = lim->raw.value("unit", std::string());
                pr.limit_unit = lunit;
                pr.in_force = lim->raw.value("in_force", std::string());
                if (leading_year(pr.in_force) > in.enterprise.year && in.enterprise.year > 0)
                    pr.not_in_force_for_year = true;
                // The site's tce per output is comparable only with limits in kgce per product unit.
                // Limits in kWh/t, kgoe/t or per m2 need the product's own metered figure.
                bool comparable = lunit == "kgce/" + (punit.empty() ? p.unit : punit);
                if (!punit.empty() && !p.unit.empty() && punit != p.unit) {
                    comparable = false;
                    pr.missing = missing("product_unit_mismatch",
                                         "产品“" + p.name + "”的产量单位（" + p.unit + "）与限额标准的单位（" + punit +
                                             "）不一致，无法对标",
                                         "product '" + p.name + "' output unit (" + p.unit +
                                             ") differs from the standard's (" + punit + "); cannot compare");
                } else if (!comparable) {
                    pr.missing = missing("limit_unit_unsupported",
                                         "该限额以“" + lunit + "”计，需要该产品单独计量的数值，不能用全厂综合能耗折算",
                                         "this limit is expressed in " + lunit +
                                             "; it needs the product's own metered figure, not site energy per output");
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
