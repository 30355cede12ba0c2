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

FactorUsed factor_from(const RefRecord& rec, TextRef name) { return factor_used_from(rec, "grid/" + rec.id, std::move(name)); }

TextParam year_param(int year) { return {"year", TextParam::Kind::integer, static_cast<double>(year)}; }

} // namespace

std::shared_ptr<const GridFactors> build_grid_factors(const RefData& ref) {
    auto g = std::make_shared<GridFactors>();
    if (const Dataset* d = ref.dataset("grid_factors"))
        for (const auto& r : d->records) {
            if (!r.year) continue;
            GridFactors::Entry e{*r.year, json_string_or(r.raw, "region"), json_string_or(r.raw, "kind"), &r};
            if (e.kind == "average" && e.region == "national") {
                g->latest_national_average_year = std::max(g->latest_national_average_year, e.year);
                if (r.value) g->national_average_years_with_value.push_back(e.year);
            }
            g->entries.push_back(std::move(e));
        }
    auto& years = g->national_average_years_with_value;
    std::sort(years.begin(), years.end());
    years.erase(std::unique(years.begin(), years.end()), years.end());
    return g;
}

const GridFactors& grid_factors(const RefData& ref) {
    static const GridFactors none;
    return ref.grid_factors ? *ref.grid_factors : none;
}

int latest_grid_factor_year(const RefData& ref) { return grid_factors(ref).latest_national_average_year; }

const RefRecord* grid_factor_for(const RefData& ref, int year, std::string_view region, std::string_view kind) {
    const GridFactors& g = grid_factors(ref);
    if (year == 0) year = g.latest_national_average_year;
    for (const auto& e : g.entries)
        if (e.year == year && e.region == region && e.kind == kind && e.record->value) return e.record;
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
        result.factors_used.push_back(user_factor_used("grid/user", "factor.grid_user", "source.user_grid_factor",
                                                       em.grid_factor_tco2_per_mwh, "tCO2/MWh"));
    } else {
        const RefRecord* g = grid_factor_for(ref, year, region, "average");
        std::string g_region = region;  // the region of the factor used (national where the region has none)
        if (!g && region != "national") {
            g_region = "national";
            g = grid_factor_for(ref, year, "national", "average");
            result.warnings.push_back({"/options/factor_region", "regional_factor_missing",
                                       TextRef::text("emissions.regional_factor_missing", {},
                                                     {year_param(year), {"region", TextParam::Kind::region, 0, region}})});
        }
        if (g) {
            em.grid_factor_tco2_per_mwh = *g->value;
            result.factors_used.push_back(factor_from(
                *g, TextRef::text("factor.grid", {}, {year_param(*g->year), {"region", TextParam::Kind::region, 0, g_region}})));
        }
    }
    em.heat_factor_tco2_per_gj = in.options.heat_emission_factor_tco2_per_gj.value_or(ref.constant("heat_emission_factor"));
    {
        bool uses_heat = false;
        for (std::size_t i = 0; i < rows.size(); ++i) uses_heat |= rows[i].heat_gj > 0;
        if (uses_heat) {
            // Listed without a year (the default's record has one; the list has never shown it).
            FactorUsed f;
            f.name = TextRef::text("factor.heat");
            f.value = em.heat_factor_tco2_per_gj;
            f.unit = "tCO2/GJ";
            if (in.options.heat_emission_factor_tco2_per_gj) {
                f.id = "heat/user";
                f.source_key = "source.user_heat_factor";
                f.user_given = true;
            } else {
                f.id = "heat/default";
                f.record = ref.record("constants", "heat_emission_factor");
            }
            result.factors_used.push_back(std::move(f));
        }
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
        if (const RefRecord* x = grid_factor_for(ref, year, "national", "excl_market")) {
            double green_kwh = in.renewables.green_power_kwh + in.renewables.gec_mwh * 1000.0;
            double rest_kwh = std::max(0.0, grid_kwh - green_kwh);
            em.residual_factor_tco2_per_mwh = *x->value;
            em.scope2_market_tco2 = rest_kwh / 1000.0 * *x->value + em.heat_tco2;
            em.total_market_tco2 = em.scope1_tco2 + *em.scope2_market_tco2;
            result.factors_used.push_back(factor_from(*x, TextRef::text("factor.grid_excl_market", {}, {year_param(*x->year)})));
        }
    }
}

} // namespace selfcheck
