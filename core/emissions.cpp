#include "emissions.hpp"

#include "validate.hpp"

#include <algorithm>

namespace selfcheck {

namespace {

const char* region_name(GridRegion g) {
    switch (g) {
    case GridRegion::national: return "national";
    case GridRegion::east_china: return "east_china";
    case GridRegion::zhejiang: return "zhejiang";
    }
    return "national";
}

const char* region_zh(std::string_view g) {
    if (g == "east_china") return "华东区域";
    if (g == "zhejiang") return "浙江省";
    return "全国";
}

FactorUsed factor_from(const Record& rec, std::string zh, std::string en) {
    return factor_used_from(rec, "grid/" + rec.id, std::move(zh), std::move(en));
}

} // namespace

int latest_grid_factor_year(const RefData& ref) {
    int y = 0;
    if (const Dataset* d = ref.dataset("grid_factors"))
        for (const auto& r : d->records)
            if (r.year && r.raw.value("kind", std::string()) == "average" &&
                r.raw.value("region", std::string()) == "national")
                y = std::max(y, *r.year);
    return y;
}

const Record* grid_factor_for(const RefData& ref, int year, std::string_view region, std::string_view kind) {
    const Dataset* d = ref.dataset("grid_factors");
    if (!d) return nullptr;
    if (year == 0) year = latest_grid_factor_year(ref);
    for (const auto& r : d->records)
        if (r.year == year && r.raw.value("region", std::string()) == region &&
            r.raw.value("kind", std::string()) == kind && r.value)
            return &r;
    return nullptr;
}

void compute_emissions(const Input& in, const RefData& ref, const std::vector<EnergyRowDetail>& rows, Result& result) {
    EmissionsResult& em = result.emissions;
    const double co2_per_c = ref.constant("co2_per_c");

    // Grid factor: the user's own, or MEE/NBS by year and region (national fallback, with a note).
    const int year = in.options.factor_year.value_or(latest_grid_factor_year(ref));
    const std::string region = region_name(in.options.factor_region);
    if (in.options.grid_emission_factor_tco2_per_mwh) {
        em.grid_factor_tco2_per_mwh = *in.options.grid_emission_factor_tco2_per_mwh;
        FactorUsed f;
        f.id = "grid/user";
        f.name_zh = "电网排放因子（用户填写）";
        f.name_en = "grid emission factor (user-given)";
        f.value = em.grid_factor_tco2_per_mwh;
        f.unit = "tCO2/MWh";
        f.source = "用户填写的电网排放因子";
        f.source_en = "grid emission factor given by the user";
        f.confidence = "user";
        f.user_given = true;
        result.factors_used.push_back(std::move(f));
    } else {
        const Record* g = grid_factor_for(ref, year, region, "average");
        if (!g && region != "national") {
            g = grid_factor_for(ref, year, "national", "average");
            result.warnings.push_back(
                {"/options/factor_region", Severity::warning, "regional_factor_missing",
                 std::to_string(year) + " 年" + region_zh(region) + "电网排放因子的数值未收录（以生态环境部、国家统计局公告为准，可填写为自定因子），已改用全国平均因子",
                 "the " + std::to_string(year) + " factor for " + region + " is not on file (see the MEE/NBS announcement; it can be entered as your own grid factor); the national average is used"});
        }
        if (g) {
            em.grid_factor_tco2_per_mwh = *g->value;
            result.factors_used.push_back(factor_from(
                *g, std::to_string(*g->year) + " 年" + region_zh(g->raw.value("region", std::string())) + "电网排放因子",
                std::to_string(*g->year) + " grid emission factor (" + g->raw.value("region", std::string()) + ")"));
        }
    }
    em.heat_factor_tco2_per_gj = in.options.heat_emission_factor_tco2_per_gj.value_or(ref.constant("heat_emission_factor"));
    {
        FactorUsed f;
        const Record& rec = *ref.record("constants", "heat_emission_factor");
        f.id = in.options.heat_emission_factor_tco2_per_gj ? "heat/user" : "heat/default";
        f.name_zh = "外购热力排放因子";
        f.name_en = "purchased heat emission factor";
        f.value = em.heat_factor_tco2_per_gj;
        f.unit = "tCO2/GJ";
        f.source = in.options.heat_emission_factor_tco2_per_gj ? "用户填写的外购热力排放因子" : rec.source;
        f.source_en = in.options.heat_emission_factor_tco2_per_gj ? "purchased-heat emission factor given by the user"
                                                                  : rec.source_en;
        f.confidence = in.options.heat_emission_factor_tco2_per_gj ? "user" : rec.confidence;
        f.user_given = in.options.heat_emission_factor_tco2_per_gj.has_value();
        bool uses_heat = false;
        for (std::size_t i = 0; i < rows.size(); ++i) uses_heat |= rows[i].heat_gj > 0;
        if (uses_heat) result.factors_used.push_back(std::move(f));
    }

    double grid_kwh = 0;
    for (std::size_t i = 0; i < in.energy.size() && i < rows.size(); ++i) {
        const EnergyUse& u = in.energy[i];
        CarrierEnergy& ce = result.energy.by_carrier[i];
        if (u.feedstock) continue;  // GB/T 2589 / B.1: feedstock is not combusted
        auto cit = ref.carriers.find(u.carrier);
        if (cit == ref.carriers.end()) continue;
        const Carrier& c = cit->second;
        double t = 0;
        if (c.group == "electricity") {
            grid_kwh += rows[i].base_quantity;
            t = rows[i].base_quantity / 1000.0 * em.grid_factor_tco2_per_mwh;
            em.electricity_tco2 += t;
            em.scope2_tco2 += t;
        } else if (c.group == "heat") {
            t = rows[i].heat_gj * em.heat_factor_tco2_per_gj;
            em.heat_tco2 += t;
            em.scope2_tco2 += t;
        } else if (c.carbon_tc_per_tj && c.oxidation) {
            // E = FC × NCV × CC × OF × 44/12, with NCV in TJ per base unit.
            t = rows[i].base_quantity * rows[i].ncv_kj_per_base * 1e-9 * *c.carbon_tc_per_tj * *c.oxidation * co2_per_c;
            em.scope1_tco2 += t;
        }
        ce.tco2 = t;
        em.by_source[u.carrier] += t;
    }
    em.total_tco2 = em.scope1_tco2 + em.scope2_tco2;
    em.avoided_by_own_pv_tco2 = in.renewables.pv_self_used_kwh / 1000.0 * em.grid_factor_tco2_per_mwh;
    em.avoided_by_exported_pv_tco2 = in.renewables.pv_exported_kwh / 1000.0 * em.grid_factor_tco2_per_mwh;

    // Market-based variant (GB/T 36132-2025 Annex B; MEE/NBS factor excluding market-traded
    // non-fossil power): green power and certificates at zero, the rest at the 'excl_market' factor.
    if (!in.options.grid_emission_factor_tco2_per_mwh) {
        if (const Record* x = grid_factor_for(ref, year, "national", "excl_market")) {
            double green_kwh = in.renewables.green_power_kwh + in.renewables.gec_mwh * 1000.0;
            double rest_kwh = std::max(0.0, grid_kwh - green_kwh);
            em.residual_factor_tco2_per_mwh = *x->value;
            em.scope2_market_tco2 = rest_kwh / 1000.0 * *x->value + em.heat_tco2;
            em.total_market_tco2 = em.scope1_tco2 + *em.scope2_market_tco2;
            result.factors_used.push_back(factor_from(
                *x, std::to_string(*x->year) + " 年全国电力平均排放因子（不含市场化交易的非化石能源电量）",
                std::to_string(*x->year) + " national factor excluding market-traded non-fossil power"));
        }
    }
}

} // namespace selfcheck
