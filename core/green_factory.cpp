// Green-factory self-evaluation per GB/T 36132-2025: auto-fill of the quantitative indicators from
// the assessment (Annex B formulas), linear leading/baseline-value scoring, gate and veto items,
// readiness per level and a gap list. The indicator system is data (assets/data/green_factory.json),
// parsed once into GreenFactoryDefs; this file holds only the formulas. The answers are read and
// validated by core/io/green_factory_json.cpp.
#include "selfcheck.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <string_view>

namespace selfcheck {

namespace {

// ---------------------------------------------------------------------------------------------
// Evaluation

using Indicator = GfIndicatorScore;

class Evaluator {
  public:
    Evaluator(const Input& in, const Result& r, const RefData& ref, const GreenFactoryDefs& defs)
        : in_(in), r_(r), ref_(ref), defs_(defs),
          a_(in.green_factory) {}

    GreenFactoryResult run();

  private:
    const Input& in_;
    const Result& r_;
    const RefData& ref_;
    const GreenFactoryDefs& defs_;
    const GreenFactoryAnswers& a_;

    std::optional<double> answer_num(GfNumberAnswer key) const {
        const auto& n = a_.numbers[std::size_t(key)];
        return n ? std::optional<double>(gf_number_value(*n)) : std::nullopt;
    }
    std::optional<bool> answer_yes_no(std::string_view key) const {
        const GfYesNo* a = a_.find_yes_no(key);
        return a ? std::optional<bool>(a->yes) : std::nullopt;
    }

    // The note is the text "green_factory.need.<key>".
    void need_answer(Indicator& ind, const char* key) {
        ind.status = GfIndicatorStatus::needs_answer;
        ind.need = key;
    }

    // Score with user anchors (anchors/<id>); needs_anchor when absent.
    void score_with_user_anchors(Indicator& ind) {
        const GfAnchor* an = a_.find_anchor(ind.id);
        std::optional<double> lead, base;
        if (an && an->leading) lead = gf_number_value(*an->leading);
        if (an && an->baseline) base = gf_number_value(*an->baseline);
        if (!lead || !base || *lead == *base || (ind.positive ? *lead < *base : *lead > *base)) {
            ind.status = GfIndicatorStatus::needs_anchor;
            ind.need = "anchors";
            return;
        }
        ind.leading = lead;
        ind.baseline = base;
        ind.anchor_source_detail = an->source.value_or(std::string());
        ind.anchor_source = ind.anchor_source_detail.empty() ? GfAnchorSource::user : GfAnchorSource::user_with_source;
        std::string u = an->unit.value_or(std::string());
        if (!u.empty() && ind.unit.empty()) ind.unit = u;
        if (!u.empty() && u != ind.unit) ind.detail.anchor_unit = u;
        score(ind);
    }

    void score(Indicator& ind) {
        ind.status = GfIndicatorStatus::scored;
        ind.score =
            green_factory_linear_score(ind.max, *ind.value, *ind.leading, *ind.baseline, ind.positive);
    }

    void qualitative(Indicator& ind, std::string_view key) {
        auto v = answer_yes_no(key);
        if (!v) {
            need_answer(ind, "answer_item");
            return;
        }
        ind.value = *v ? 1.0 : 0.0;
        ind.status = GfIndicatorStatus::scored;
        ind.score = *v ? ind.max : 0.0;
    }

    const GfIndicatorDef* def_ = nullptr;  // of the indicator being evaluated

    void energy_intensity(Indicator& ind);
    void carbon_intensity(Indicator& ind);
    void renewable_share(Indicator& ind);
    void platform_functions(Indicator& ind);
    void water_intensity(Indicator& ind);
    void water_reuse(Indicator& ind);
    void solid_waste(Indicator& ind);
    void green_investment(Indicator& ind);
    void direct_value(Indicator& ind, GfNumberAnswer key);
    void land(Indicator& ind);

    std::vector<GfLevel> readiness(const std::vector<Indicator>& inds, const std::vector<std::string>& failed) const;
    std::vector<std::string> linked_measures(const GfIndicatorDef& def, std::vector<std::string>& applicable) const;
};

// Annex C #1 with the platform sub-row rule: products under a GB limit (up to the three with the
// most energy) against level 1 / level 2, tce-weighted; otherwise kgce per 10k yuan output value.
void Evaluator::energy_intensity(Indicator& ind) {
    struct Cand {
        std::size_t index;
        double tce;
        double kgce;
        double l1, l2;
        std::string_view unit;
    };
    std::vector<Cand> cands;
    bool limit_applies = false;
    std::vector<GfProductNotScored> unusable;
    for (std::size_t i = 0; i < r_.products.size() && i < in_.products.size(); ++i) {
        const ProductResult& p = r_.products[i];
        if (p.limit_id.empty()) continue;
        if (!p.limit) continue;
        const std::string_view lunit = p.limit_unit;  // the limit record's "unit"
        // Only comprehensive-energy limits in kgce per product unit compare with kgce_per_unit
        // (intensity.cpp decides comparability and says why not in `missing`).
        const std::string why = p.missing ? p.missing->code : std::string();
        if (lunit.rfind("kgce/", 0) != 0 || !p.level1 || !p.level2 || why == "product_unit_mismatch" ||
            why == "limit_unit_unsupported") {
            unusable.push_back({p.name, p.limit_id, why.empty() ? std::string("limit_not_kgce_or_levels_missing") : why});
            continue;
        }
        limit_applies = true;
        if (!p.kgce_per_unit) {
            unusable.push_back({p.name, p.limit_id, why.empty() ? std::string("unknown") : why});
            continue;
        }
        cands.push_back({i, *p.kgce_per_unit * in_.products[i].output / 1000.0, *p.kgce_per_unit, *p.level1,
                         *p.level2, lunit});
    }
    ind.detail.products_not_scored = std::move(unusable);
    if (limit_applies) {
        if (cands.empty()) {
            need_answer(ind, "product_limit_inputs");
            return;
        }
        std::stable_sort(cands.begin(), cands.end(),
                         [](const Cand& a, const Cand& b) { return a.tce > b.tce; });
        if (cands.size() > 3) cands.resize(3);
        double wsum = 0, ssum = 0;
        std::vector<GfProductScore>& prods = ind.detail.products;
        for (const auto& c : cands) {
            double s = green_factory_linear_score(ind.max, c.kgce, c.l1, c.l2, false);
            wsum += c.tce;
            ssum += c.tce * s;
            const ProductResult& pr = r_.products[c.index];
            prods.push_back({pr.name, pr.limit_id, pr.standard, c.unit, c.kgce, c.l1, c.l2, c.tce, s,
                             pr.not_in_force_for_year});
        }
        ind.detail.method = GfMethod::gb_limit_level1_level2;
        const Cand& top = cands.front();
        ind.value = top.kgce;
        ind.unit = top.unit;
        ind.leading = top.l1;
        ind.baseline = top.l2;
        ind.anchor_source = GfAnchorSource::product_limit;
        ind.anchor_source_detail = r_.products[top.index].standard;
        ind.status = GfIndicatorStatus::scored;
        // Weights are each product's tce; with zero total energy fall back to an even average.
        if (wsum > 0)
            ind.score = ssum / wsum;
        else {
            double s = 0;
            for (const auto& p : prods)
                s += p.score;
            ind.score = s / static_cast<double>(prods.size());
        }
        return;
    }
    ind.detail.method = GfMethod::per_output_value;
    ind.unit = "kgce/10k_yuan";
    const auto& v = r_.intensity.tce_per_10k_yuan_output;
    if (!v.value) {
        need_answer(ind, "output_value_for_energy");
        return;
    }
    ind.value = *v.value * 1000.0;
    score_with_user_anchors(ind);
}

void Evaluator::carbon_intensity(Indicator& ind) {
    ind.unit = "tCO2/10k_yuan";
    const auto& v = r_.intensity.tco2_per_10k_yuan_output;
    if (!v.value) {
        need_answer(ind, "output_value_for_carbon");
        return;
    }
    ind.value = *v.value;
    ind.detail.basis = GfBasis::location_based_co2;
    score_with_user_anchors(ind);
}

void Evaluator::renewable_share(Indicator& ind) {
    ind.unit = "%";
    RenewableShare rs = green_factory_renewable_share(in_, r_, ref_);
    ind.detail.renewables = rs;  // written with the energy band the platform mock-ups use
    if (!rs.share_pct) {
        need_answer(ind, "energy_for_renewables");
        return;
    }
    ind.value = *rs.share_pct;
    score_with_user_anchors(ind);
}

void Evaluator::platform_functions(Indicator& ind) {
    ind.unit = "items";
    using Platform = GreenFactoryAnswers::Platform;
    if (a_.platform == Platform::unanswered) {
        need_answer(ind, "platform_functions");
        return;
    }
    double count = 0;
    if (a_.platform == Platform::count)
        count = std::clamp(gf_number_value(a_.platform_count), 0.0, double(k_gf_platform_count));
    else if (a_.platform == Platform::list) {
        std::set<std::string> have;
        for (const auto& f : a_.platform_list)
            if (gf_platform_function(f)) have.insert(f);
        count = double(have.size());
        ind.detail.functions = std::vector<std::string>(have.begin(), have.end());
    }
    ind.value = count;
    ind.leading = def_->leading;
    ind.baseline = def_->baseline;
    if (!ind.leading || !ind.baseline) {
        ind.status = GfIndicatorStatus::needs_anchor;
        return;
    }
    ind.anchor_source = GfAnchorSource::annex_c;
    score(ind);
}

// A value the user states directly (material and pollutant intensity), scored on user anchors.
void Evaluator::direct_value(Indicator& ind, GfNumberAnswer key) {
    ind.value = answer_num(key);
    if (!ind.value) {
        need_answer(ind, "indicator_value");
        // Still report whether anchors are there, so the UI can show both needs.
        return;
    }
    score_with_user_anchors(ind);
}

void Evaluator::water_intensity(Indicator& ind) {
    if (auto v = answer_num(GfNumberAnswer::water_intensity)) {
        ind.value = v;
        ind.detail.basis = GfBasis::answered_water_intensity;
    } else if (auto w = answer_num(GfNumberAnswer::water_withdrawal_m3)) {
        const auto& ov = in_.enterprise.output_value_10k_yuan;
        if (!ov || *ov <= 0) {
            need_answer(ind, "output_value_for_water");
            return;
        }
        ind.value = *w / *ov;
        ind.unit = "m3/10k_yuan";
        ind.detail.basis = GfBasis::b9_water_withdrawal;
    } else {
        need_answer(ind, "water_withdrawal");
        return;
    }
    score_with_user_anchors(ind);
}

void Evaluator::water_reuse(Indicator& ind) {
    ind.unit = "%";
    auto v = answer_num(GfNumberAnswer::water_withdrawal_m3), vr = answer_num(GfNumberAnswer::water_reused_m3);
    auto direct = answer_num(GfNumberAnswer::water_reuse_rate_pct);
    if (v && vr && *v + *vr > 0) {
        ind.value = *vr / (*v + *vr) * 100.0;
        ind.detail.basis = GfBasis::b10_water_reuse;
        if (direct && std::fabs(*direct - *ind.value) > 0.5) ind.detail.answered_rate_differs = *direct;
    } else if (direct) {
        ind.value = direct;
        ind.detail.basis = GfBasis::answered;
    } else {
        need_answer(ind, "water_reuse");
        return;
    }
    score_with_user_anchors(ind);
}

void Evaluator::solid_waste(Indicator& ind) {
    ind.unit = "%";
    auto z = answer_num(GfNumberAnswer::solid_waste_generated_t), zr = answer_num(GfNumberAnswer::solid_waste_utilised_t);
    auto zw = answer_num(GfNumberAnswer::solid_waste_stock_utilised_t);
    auto direct = answer_num(GfNumberAnswer::solid_waste_utilisation_pct);
    double zw_v = zw.value_or(0);
    if (z && zr && *z + zw_v > 0) {
        double k = *zr / (*z + zw_v) * 100.0;
        if (k > 100) {
            ind.detail.utilised_exceeds_generated = true; // purchased waste must be excluded (B.11)
            k = 100;
        }
        ind.value = k;
        ind.detail.basis = GfBasis::b11_solid_waste;
    } else if (direct) {
        ind.value = direct;
        ind.detail.basis = GfBasis::answered;
    } else {
        need_answer(ind, "solid_waste");
        return;
    }
    score_with_user_anchors(ind);
}

void Evaluator::green_investment(Indicator& ind) {
    ind.unit = "%";
    auto inv = answer_num(GfNumberAnswer::green_investment_3y_10k_yuan), out = answer_num(GfNumberAnswer::output_value_3y_10k_yuan);
    auto direct = answer_num(GfNumberAnswer::green_investment_share_pct);
    if (inv && out && *out > 0) {
        ind.value = *inv / *out * 100.0;
        ind.detail.basis = GfBasis::annex_c10_green_investment;
    } else if (direct) {
        ind.value = direct;
        ind.detail.basis = GfBasis::answered;
    } else {
        need_answer(ind, "green_investment");
        return;
    }
    score_with_user_anchors(ind);
}

void Evaluator::land(Indicator& ind) {
    const Enterprise& e = in_.enterprise;
    const bool have_land = e.land_area_m2 && *e.land_area_m2 > 0;
    if (ind.id == "land_output") {
        ind.unit = "10k_yuan/m2";
        if (!have_land || !e.output_value_10k_yuan) {
            need_answer(ind, "land_output");
            return;
        }
        ind.value = *e.output_value_10k_yuan / *e.land_area_m2;
        ind.detail.basis = GfBasis::b26_land_output;
        score_with_user_anchors(ind);
        return;
    }
    const bool coefficient = ind.id == "building_coefficient";
    const auto& part = coefficient ? e.building_footprint_m2 : e.floor_area_m2;
    ind.unit = coefficient ? "%" : "ratio";
    if (!have_land || !part) {
        need_answer(ind, coefficient ? "land_and_footprint" : "land_and_floor_area");
        return;
    }
    ind.value = *part / *e.land_area_m2 * (coefficient ? 100.0 : 1.0);
    ind.detail.basis = coefficient ? GfBasis::b27_building_coefficient : GfBasis::b28_floor_area_ratio;
    ind.status = GfIndicatorStatus::scored; // 0 points: shown for reference (Annex C gives it no points)
}

// Measure ids the library knows (records "measure/<id>" in measures.json, or a computed result),
// those that apply to this factory (computed in result.measures) first.
std::vector<std::string> Evaluator::linked_measures(const GfIndicatorDef& def,
                                                    std::vector<std::string>& applicable) const {
    auto applies = [&](const std::string& id) {
        for (const auto& mr : r_.measures)
            if (mr.id == id) return true;
        return false;
    };
    std::vector<std::string> known;
    known.reserve(def.measures.size());
    for (const std::string& id : def.measures)
        if (applies(id)) {
            applicable.push_back(id);
            known.push_back(id);
        }
    // The ids that apply are exactly those in `known` so far: a shorter list to search than every result.
    const std::size_t applying = known.size();
    for (std::size_t k = 0; k < def.measures.size(); ++k) {
        const std::string& id = def.measures[k];
        if (def.measures_in_library[k] && std::find(known.begin(), known.begin() + applying, id) == known.begin() + applying)
            known.push_back(id);
    }
    return known;
}

std::vector<GfLevel> Evaluator::readiness(const std::vector<Indicator>& inds,
                                          const std::vector<std::string>& failed) const {
    std::vector<GfLevel> out;
    // Provincial (Zhejiang 2025): energy, water and resource indicators at the industry's leading
    // level, read here as full points on each of them that could be scored.
    std::vector<GfLeadingCheck> leading;
    bool all_leading = true, any_known = false;
    for (const auto& ind : inds) {
        if (ind.dimension != "dim_energy" && ind.dimension != "dim_resources") continue;
        if (!ind.quantitative || !ind.counts || ind.id == "platform_functions") continue;
        bool at = ind.status == GfIndicatorStatus::scored && ind.score >= ind.max - 1e-9;
        if (ind.status == GfIndicatorStatus::scored) any_known = true;
        if (!at) all_leading = false;
        leading.push_back({ind.id, ind.status == GfIndicatorStatus::scored ? std::optional<bool>(at) : std::nullopt});
    }
    // National priority: products at GB limit level 1 (document No. 13, §14).
    bool has_limit = false, all_level1 = true;
    for (const auto& p : r_.products) {
        if (p.status == "unknown" || p.limit_id.empty()) continue;
        has_limit = true;
        if (p.status != "level1") all_level1 = false;
    }
    for (const RefRecord* level : defs_.levels) {
        const RefRecord& rec = *level;
        GfLevel l;
        l.def = &rec;
        l.status = failed.empty() ? GfReadinessStatus::no_published_pass_mark : GfReadinessStatus::blocked_by_mandatory;
        if (rec.id == "level_provincial" || rec.id == "level_national")
            l.conditions.push_back({GfConditionId::energy_water_resource_at_leading_level,
                                    any_known ? std::optional<bool>(all_leading) : std::nullopt, leading});
        if (rec.id == "level_national")
            l.conditions.push_back({GfConditionId::products_at_gb_limit_level1_priority,
                                    has_limit ? std::optional<bool>(all_level1) : std::nullopt, {}});
        out.push_back(std::move(l));
    }
    return out;
}

GreenFactoryResult Evaluator::run() {
    GreenFactoryResult res;
    if (!defs_.built_from.dataset) {
        res.data_missing = true;
        return res;
    }
    res.data_version = defs_.built_from.dataset->version;

    // Gate: basic requirements (true = met) and veto items (true = applies).
    for (const GfMandatoryDef& m : defs_.mandatory) {
        auto v = answer_yes_no(m.rec->id);
        const bool veto = m.veto;
        GfMandatoryStatus status = !v ? GfMandatoryStatus::not_answered
                                      : (veto ? (*v ? GfMandatoryStatus::failed : GfMandatoryStatus::met)
                                              : (*v ? GfMandatoryStatus::met : GfMandatoryStatus::failed));
        if (status != GfMandatoryStatus::met) res.mandatory_failed.push_back(m.rec->id);
        res.mandatory.push_back({m.rec, veto, status});
    }
    res.gate_passed = res.mandatory_failed.empty();

    // Indicators.
    std::vector<Indicator>& inds = res.indicators;
    inds.reserve(defs_.indicators.size());
    for (const GfIndicatorDef& def : defs_.indicators) {
        def_ = &def;
        Indicator ind;
        ind.def = def.rec;
        ind.id = def.rec->id;
        ind.dimension = def.dimension;
        ind.number = def.number;
        ind.max = def.max;
        ind.positive = def.positive;
        ind.quantitative = def.quantitative;
        ind.counts = def.counts;
        const std::string_view id = ind.id;
        if (id == "energy_intensity")
            energy_intensity(ind);
        else if (id == "carbon_intensity")
            carbon_intensity(ind);
        else if (id == "renewable_share")
            renewable_share(ind);
        else if (id == "platform_functions")
            platform_functions(ind);
        else if (id == "material_intensity")
            direct_value(ind, GfNumberAnswer::material_intensity);
        else if (id == "water_intensity")
            water_intensity(ind);
        else if (id == "water_reuse_rate")
            water_reuse(ind);
        else if (id == "solid_waste_utilisation")
            solid_waste(ind);
        else if (id == "process_equipment_advanced")
            qualitative(ind, "process_equipment_advanced");
        else if (id == "green_investment_share")
            green_investment(ind);
        else if (id == "pollutant_intensity")
            direct_value(ind, GfNumberAnswer::pollutant_intensity);
        else if (id == "green_design")
            qualitative(ind, "green_design");
        else if (id == "product_carbon_footprint")
            qualitative(ind, "product_carbon_footprint");
        else if (id == "land_output" || id == "building_coefficient" || id == "floor_area_ratio")
            land(ind);
        else if (!ind.quantitative)
            qualitative(ind, id); // a qualitative item added by data
        else
            need_answer(ind, "no_method");
        if (!ind.counts) ind.score = 0;
        inds.push_back(std::move(ind));
    }

    // Dimensions.
    double total = 0;
    for (const RefRecord* dim : defs_.dimensions) {
        const RefRecord& rec = *dim;
        double s = 0, determined = 0;
        for (const auto& ind : inds)
            if (ind.dimension == rec.id) {
                s += ind.score;
                if (ind.status == GfIndicatorStatus::scored) determined += ind.max;
            }
        total += s;
        res.dimensions.push_back({&rec, s, rec.value.value_or(0), determined});
    }
    res.total_score = total;

    double undetermined = 0;
    for (const auto& ind : inds)
        if (ind.status != GfIndicatorStatus::scored) undetermined += ind.max;
    res.points_undetermined = undetermined;
    res.readiness = readiness(inds, res.mandatory_failed);

    // Gaps: points not (yet) earned, most recoverable first.
    std::vector<std::size_t> gaps;
    for (std::size_t i = 0; i < inds.size(); ++i)
        if (inds[i].counts && inds[i].max - inds[i].score > 1e-9) gaps.push_back(i);
    std::stable_sort(gaps.begin(), gaps.end(), [&](std::size_t ia, std::size_t ib) {
        const Indicator* a = &inds[ia];
        const Indicator* b = &inds[ib];
        double ra = a->max - a->score, rb = b->max - b->score;
        if (std::fabs(ra - rb) > 1e-9) return ra > rb;
        return a->number < b->number;
    });
    for (std::size_t i : gaps) {
        GfGap g;
        g.indicator = i;
        g.recoverable_points = inds[i].max - inds[i].score;
        g.measures = linked_measures(defs_.indicators[i], g.applicable_measures);
        res.gaps.push_back(std::move(g));
    }
    return res;
}
} // namespace

// ---------------------------------------------------------------------------------------------

const char* gf_number_answer_key(GfNumberAnswer a) {
    switch (a) {
#define SELFCHECK_GF_NAME(k) \
    case GfNumberAnswer::k: return #k;
        SELFCHECK_GF_NUMBER_ANSWERS(SELFCHECK_GF_NAME)
#undef SELFCHECK_GF_NAME
    }
    return "";
}

double gf_number_value(const GfNumber& n) {
    return std::visit([](auto v) { return double(v); }, n);
}

const GfYesNo* GreenFactoryAnswers::find_yes_no(std::string_view id) const {
    for (const auto& a : yes_no)
        if (a.id == id) return &a;
    return nullptr;
}

const GfAnchor* GreenFactoryAnswers::find_anchor(std::string_view id) const {
    for (const auto& a : anchors)
        if (a.id == id) return &a;
    return nullptr;
}

double green_factory_linear_score(double points, double value, double leading, double baseline,
                                  bool positive) {
    if (leading == baseline) return (positive ? value >= leading : value <= leading) ? points : 0.0;
    double t =
        positive ? (value - baseline) / (leading - baseline) : (baseline - value) / (baseline - leading);
    return points * std::clamp(t, 0.0, 1.0);
}

RenewableShare green_factory_renewable_share(const Input& in, const Result& r, const RefData& ref) {
    RenewableShare s;
    s.total_tce = r.energy.total_tce;
    s.pv_self_used_tce = r.energy.renewable_tce;
    auto ec = ref.carriers.find("electricity");
    const double kgce_per_kwh = ec != ref.carriers.end() ? ec->second.kgce_per_base : 0.0;
    for (const auto& c : r.energy.by_carrier)
        if (c.carrier == "electricity" && !c.feedstock) s.purchased_electricity_kwh += c.base_quantity;
    // Green power is part of the purchased electricity; GEC bought separately attach to the rest
    // of it. Together they cannot exceed what was bought, or the same kWh would count twice.
    double green = std::max(0.0, in.renewables.green_power_kwh);
    double gec = std::max(0.0, in.renewables.gec_mwh) * 1000.0;
    double cap = s.purchased_electricity_kwh;
    if (green + gec > cap) {
        s.capped = true;
        green = std::min(green, cap);
        gec = std::min(gec, cap - green);
    }
    s.green_power_tce = green * kgce_per_kwh / 1000.0;
    s.gec_tce = gec * kgce_per_kwh / 1000.0;
    s.renewable_tce = s.pv_self_used_tce + s.green_power_tce + s.gec_tce;
    if (s.total_tce > 0) s.share_pct = s.renewable_tce / s.total_tce * 100.0;
    return s;
}

// The view builder's reads of a green_factory.json record (once per load, never per evaluation).
namespace {
using nlohmann::json;
std::string str(const json& j, const char* key) { return json_string_or(j, key); }
// The same without a copy, for comparisons (the record's "kind").
std::string_view str_view(const json& j, const char* key) {
    auto it = j.find(key);
    return it != j.end() && it->is_string() ? std::string_view(it->get_ref<const std::string&>()) : std::string_view();
}

std::optional<double> num(const json& j, const char* key) {
    auto it = j.find(key);
    if (it != j.end() && it->is_number() && std::isfinite(it->get<double>())) return it->get<double>();
    return std::nullopt;
}

} // namespace

std::shared_ptr<const GreenFactoryDefs> build_green_factory_defs(const RefData& ref) {
    auto defs = std::make_shared<GreenFactoryDefs>();
    const Dataset* ds = ref.dataset("green_factory");
    const Dataset* library = ref.dataset("measures");
    defs->measures_from = DatasetStamp::of(library);
    if (!ds) return defs;
    defs->built_from = DatasetStamp::of(ds);
    // A measure the library knows: a record "measure/<id>" (or "<id>") of measures.json.
    auto in_library = [&](const std::string& id) {
        return library && (library->find("measure/" + id) || library->find(id));
    };
    for (const auto& rec : ds->records) {
        const std::string_view kind = str_view(rec.raw, "kind");
        if (kind == "basic_requirement" || kind == "veto") {
            defs->mandatory.push_back({&rec, kind == "veto"});
        } else if (kind == "indicator") {
            GfIndicatorDef d;
            d.rec = &rec;
            d.dimension = str(rec.raw, "dimension");
            if (auto n = rec.raw.find("number"); n != rec.raw.end() && n->is_number()) {
                const double v = n->get<double>();
                if (std::isfinite(v) && std::fabs(v) < 1e9) d.number = static_cast<int>(v);  // hostile data: no UB
            }
            d.max = rec.value.value_or(0);
            const std::string_view type = str_view(rec.raw, "type");
            d.positive = type.rfind("positive", 0) == 0;
            d.quantitative = type.find("quantitative") != std::string_view::npos;
            if (auto sc = rec.raw.find("scored"); sc != rec.raw.end() && sc->is_boolean()) d.counts = sc->get<bool>();
            d.leading = num(rec.raw, "leading");
            d.baseline = num(rec.raw, "baseline");
            if (auto m = rec.raw.find("measures"); m != rec.raw.end() && m->is_array())
                for (const auto& id : *m)
                    if (id.is_string()) {
                        d.measures.push_back(id.get<std::string>());
                        d.measures_in_library.push_back(in_library(d.measures.back()));
                    }
            defs->indicators.push_back(std::move(d));
        } else if (kind == "dimension") {
            defs->dimensions.push_back(&rec);
        } else if (kind == "level") {
            defs->levels.push_back(&rec);
        }
    }
    return defs;
}

GreenFactoryResult evaluate_green_factory(const Input& input, const Result& partial, const RefData& ref) {
    // The view reindex() built, while it still describes these records; else one for this call.
    std::shared_ptr<const GreenFactoryDefs> defs = ref.green_factory_defs;
    if (!defs || !defs->built_from.matches(ref.dataset("green_factory")) ||
        !defs->measures_from.matches(ref.dataset("measures")))
        defs = build_green_factory_defs(ref);
    GreenFactoryResult r = Evaluator(input, partial, ref, *defs).run();
    r.defs = std::move(defs);
    return r;
}

} // namespace selfcheck
