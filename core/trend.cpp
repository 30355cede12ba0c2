#include "trend.hpp"

#include "intensity.hpp"
#include "emissions.hpp"
#include "energy.hpp"
#include "validate.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace selfcheck {

namespace {

// A note of the trend with its {name} parameters, said when the result is written.
Missing message(const PlanTargets& plan, TrendNote note, std::vector<TextParam> params = {}) {
    const char* code = trend_note_code(note);
    return {code, TextRef::fields(plan.notes[static_cast<std::size_t>(note)], "text_zh", "text_en", code, std::move(params))};
}

// The view reindex() built; one built for the call where plan_targets.json changed since (a
// dataset swapped in) or reindex() never ran.
std::shared_ptr<const PlanTargets> plan_targets_of(const RefData& ref) {
    if (ref.plan_targets && ref.plan_targets->built_from.matches(ref.dataset("plan_targets"))) return ref.plan_targets;
    return build_plan_targets(ref);
}

TextParam year_param(const char* name, int year) { return {name, TextParam::Kind::integer, static_cast<double>(year)}; }

// Grid-factor year for a history year: its own year where published (national average), else the
// latest published year before it, else the earliest published.
int own_grid_factor_year(const RefData& ref, int year) {
    const std::vector<int>& years = grid_factors(ref).national_average_years_with_value;
    if (years.empty()) return 0;
    auto it = std::lower_bound(years.begin(), years.end(), year);
    if (it != years.end() && *it == year) return year;
    if (it == years.begin()) return *it;
    return *std::prev(it);
}

// Per-carrier (tce, tCO2) of a computed year, own PV as "pv_self_used"; feedstock excluded (it is
// outside comprehensive energy consumption and emits nothing here).
std::vector<std::pair<std::string, std::pair<double, double>>> carrier_split(const Result& r) {
    std::vector<std::pair<std::string, std::pair<double, double>>> out;
    auto add = [&](const std::string& id, double tce, double tco2) {
        for (auto& [k, v] : out)
            if (k == id) {
                v.first += tce;
                v.second += tco2;
                return;
            }
        out.push_back({id, {tce, tco2}});
    };
    for (const auto& c : r.energy.by_carrier)
        if (!c.feedstock) add(c.carrier, c.tce, c.tco2);
    if (r.energy.renewable_tce > 0) add("pv_self_used", r.energy.renewable_tce, 0);
    return out;
}

TrendYear trend_year(int year, bool current, const Result& r, const std::optional<double>& va,
                     const std::optional<double>& industry_average, const RefData& ref, int factor_year) {
    TrendYear t;
    t.year = year;
    t.current = current;
    t.total_tce = r.energy.total_tce;
    t.total_tco2 = r.emissions.total_tco2;
    t.value_added_10k_yuan = va;
    t.tce_per_10k_yuan_value_added = r.intensity.tce_per_10k_yuan_value_added.value;
    t.tco2_per_10k_yuan_value_added = r.intensity.tco2_per_10k_yuan_value_added.value;
    t.carbon_level = r.carbon_efficiency.level;
    if (current) t.carbon_grade = r.carbon_efficiency.grade;
    else if (industry_average && *industry_average > 0 && r.carbon_efficiency.intensity)
        t.carbon_grade = carbon_grade_for(*r.carbon_efficiency.intensity / *industry_average, ref);
    t.grid_factor_year = factor_year;
    t.grid_factor_tco2_per_mwh = r.emissions.grid_factor_tco2_per_mwh;
    t.carriers = carrier_split(r);
    return t;
}

std::string prefix_path(const std::string& path, std::size_t index) {
    return "/history/" + std::to_string(index) + path;
}

// Each earlier year computed with the factors of its own year: its TrendYear and price index
// appended, its new factors and warnings (paths under /history/N) added to the result.
void add_earlier_years(const Input& in, const RefData& ref, const PlanTargets& plan, Result& result,
                       std::vector<TrendYear>& years, std::vector<std::optional<double>>& indices) {
    if (in.history.empty()) return;
    std::set<std::string> known_factors;
    for (const auto& f : result.factors_used) known_factors.insert(f.id);

    // One input for every earlier year: each year overwrites every field it sets, and reusing it
    // keeps the enterprise's strings and the rows' capacity instead of allocating them per year.
    Input yin;
    yin.enterprise = in.enterprise;
    for (std::size_t i = 0; i < in.history.size(); ++i) {
        const HistoryYear& h = in.history[i];
        yin.enterprise.year = h.year;
        yin.enterprise.value_added_10k_yuan = h.value_added_10k_yuan;
        yin.enterprise.output_value_10k_yuan = h.output_value_10k_yuan;
        yin.energy = h.energy;
        yin.renewables = h.renewables;
        yin.products = h.products;
        yin.options.factor_region = in.options.factor_region;
        yin.options.heat_emission_factor_tco2_per_gj = in.options.heat_emission_factor_tco2_per_gj;
        yin.options.industry_average_tco2_per_10k_yuan = h.industry_average_tco2_per_10k_yuan;
        const int fy = own_grid_factor_year(ref, h.year);
        yin.options.factor_year = fy ? std::optional<int>(fy) : std::nullopt;

        Result yr;
        auto rows = compute_energy(yin, ref, yr);
        compute_emissions(yin, ref, rows, yr);
        compute_intensities(yin, ref, yr);
        for (auto& f : yr.factors_used)
            if (known_factors.insert(f.id).second) result.factors_used.push_back(std::move(f));
        for (auto& w : yr.warnings) {
            // A general note (e.g. the equal-value basis) is said once, not once per year.
            bool said = false;
            for (const auto& x : result.warnings) said = said || (x.code == w.code && x.message == w.message);
            if (said) continue;
            w.path = prefix_path(w.path, i);
            result.warnings.push_back(std::move(w));
        }
        if (fy && fy != h.year)
            result.warnings.push_back({prefix_path("/year", i), "grid_factor_year_fallback",
                                       message(plan, TrendNote::grid_factor_year_fallback, {year_param("year", h.year), year_param("used", fy)}).message});
        years.push_back(trend_year(h.year, false, yr, h.value_added_10k_yuan, h.industry_average_tco2_per_10k_yuan,
                                   ref, fy));
        indices.push_back(h.value_added_price_index);
    }
}

} // namespace

const char* trend_note_code(TrendNote n) {
    constexpr const char* codes[] = {"needs_two_years",           "needs_value_added_years", "needs_energy_years", "base_not_2020",
                                     "grid_factor_year_fallback", "comparable_prices",       "current_prices"};
    static_assert(std::size(codes) == static_cast<std::size_t>(TrendNote::count));
    return codes[static_cast<std::size_t>(n)];
}

std::shared_ptr<const PlanTargets> build_plan_targets(const RefData& ref) {
    auto v = std::make_shared<PlanTargets>();
    const Dataset* d = ref.dataset("plan_targets");
    v->built_from = DatasetStamp::of(d);
    for (std::size_t n = 0; d && n < v->notes.size(); ++n)
        v->notes[n] = d->find(std::string("message/") + trend_note_code(static_cast<TrendNote>(n)));
    if (d)
        for (const auto& rec : d->records) {
            if (rec.id.rfind("message/", 0) == 0 || !rec.value) continue;
            PlanTarget t;
            t.record = &rec;
            t.metric = json_string_or(rec.raw, "metric");
            if (auto b = rec.raw.find("base_year"); b != rec.raw.end() && b->is_number()) t.base_year = b->get<int>();
            if (auto y = rec.raw.find("target_year"); y != rec.raw.end() && y->is_number()) t.target_year = y->get<int>();
            if (auto a = rec.raw.find("aim"); a != rec.raw.end() && a->is_number()) t.aim = a->get<double>();
            v->targets.push_back(std::move(t));
        }
    return v;
}

double log_mean(double a, double b) {
    if (!(a > 0) || !(b > 0)) return 0;
    if (std::fabs(a - b) <= 1e-12 * std::max(a, b)) return a;
    return (a - b) / (std::log(a) - std::log(b));
}

Decomposition decompose_lmdi(const TrendYear& y0, const TrendYear& y1, double va0, double va1) {
    Decomposition d;
    d.from_year = y0.year;
    d.to_year = y1.year;
    d.total_change_tco2 = y1.total_tco2 - y0.total_tco2;
    double e0 = 0, e1 = 0;
    for (const auto& c : y0.carriers) e0 += c.second.first;
    for (const auto& c : y1.carriers) e1 += c.second.first;
    std::set<std::string> ids;
    for (const auto& c : y0.carriers) ids.insert(c.first);
    for (const auto& c : y1.carriers) ids.insert(c.first);
    auto find = [](const TrendYear& y, const std::string& id) -> std::pair<double, double> {
        for (const auto& c : y.carriers)
            if (c.first == id) return c.second;
        return {0, 0};
    };
    for (const auto& id : ids) {
        const auto [ei0, ci0] = find(y0, id);
        const auto [ei1, ci1] = find(y1, id);
        if (ci0 <= 0 && ci1 <= 0) continue;  // emits nothing in either year: contributes nothing
        double mix = 0, factor = 0;
        if (ci0 > 0 && ci1 > 0 && ei0 > 0 && ei1 > 0) {
            const double w = log_mean(ci1, ci0);
            d.activity_tco2 += w * std::log(va1 / va0);
            d.intensity_tco2 += w * std::log((e1 / va1) / (e0 / va0));
            mix = w * std::log((ei1 / e1) / (ei0 / e0));
            factor = w * std::log((ci1 / ei1) / (ci0 / ei0));
        } else if (ei0 > 0 && ei1 > 0) {
            // Used in both years but emitting in only one (e.g. a zero factor): the factor changed.
            factor = ci1 - ci0;
        } else {
            // A carrier that appears or disappears: the limit of the LMDI terms as the missing value
            // goes to zero puts the whole change into the structure (mix) term (Ang & Liu 2007).
            mix = ci1 - ci0;
        }
        d.mix_tco2 += mix;
        d.emission_factor_tco2 += factor;
        if (id == "electricity") d.grid_factor_tco2 += factor;
    }
    return d;
}

void compute_trend(const Input& in, const RefData& ref, Result& result) {
    result.trend.clear();
    result.targets.clear();
    result.decomposition.reset();
    result.decomposition_missing.reset();
    const auto plan_view = plan_targets_of(ref);
    const PlanTargets& plan = *plan_view;

    std::vector<TrendYear> years;
    std::vector<std::optional<double>> indices;  // price index per entry of `years`
    years.reserve(in.history.size() + 1);
    indices.reserve(in.history.size() + 1);
    years.push_back(trend_year(in.enterprise.year, true, result, in.enterprise.value_added_10k_yuan,
                               in.options.industry_average_tco2_per_10k_yuan, ref,
                               in.options.factor_year.value_or(latest_grid_factor_year(ref))));
    if (in.options.grid_emission_factor_tco2_per_mwh) years.back().grid_factor_year = 0;
    indices.push_back(in.enterprise.value_added_price_index);

    add_earlier_years(in, ref, plan, result, years, indices);

    // Sort by year (stable: validation rejects duplicate years, so order is total).
    std::vector<std::size_t> order(years.size());
    for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return years[a].year < years[b].year; });
    std::vector<TrendYear> sorted;
    std::vector<std::optional<double>> sorted_idx;
    sorted.reserve(years.size());
    sorted_idx.reserve(years.size());
    for (std::size_t i : order) {
        sorted.push_back(std::move(years[i]));
        sorted_idx.push_back(indices[i]);
    }

    // Comparable prices only when every year with a value added has a positive index.
    bool comparable = sorted.size() > 1;
    for (std::size_t i = 0; i < sorted.size(); ++i)
        if (sorted[i].value_added_10k_yuan && !(sorted_idx[i] && *sorted_idx[i] > 0)) comparable = false;
    // The base year (the earliest) needs its index too: without it there is no price basis to
    // rebase to (was: an empty optional dereferenced, garbage values that changed run to run).
    if (comparable && !(sorted_idx.front() && *sorted_idx.front() > 0)) comparable = false;
    const double base_index = comparable ? *sorted_idx.front() : 1.0;
    if (comparable)
        for (std::size_t i = 0; i < sorted.size(); ++i)
            if (sorted[i].value_added_10k_yuan)
                sorted[i].value_added_comparable_10k_yuan = *sorted[i].value_added_10k_yuan * base_index / *sorted_idx[i];

    // Intensities on the price basis of the comparison (comparable where given, else as reported).
    auto va_of = [&](const TrendYear& t) -> std::optional<double> {
        if (comparable) return t.value_added_comparable_10k_yuan;
        return t.value_added_10k_yuan;
    };
    auto intensity = [&](const TrendYear& t, std::string_view metric) -> std::optional<double> {
        auto va = va_of(t);
        if (!va || *va <= 0) return std::nullopt;
        return (metric == "tce_per_10k_yuan_value_added" ? t.total_tce : t.total_tco2) / *va;
    };
    for (std::size_t i = 1; i < sorted.size(); ++i) {
        auto ch = [&](std::string_view metric) -> std::optional<double> {
            auto a = intensity(sorted[i - 1], metric), b = intensity(sorted[i], metric);
            if (!a || !b || *a <= 0) return std::nullopt;
            return *b / *a - 1;
        };
        sorted[i].change_tce_intensity = ch("tce_per_10k_yuan_value_added");
        sorted[i].change_tco2_intensity = ch("tco2_per_10k_yuan_value_added");
    }

    const std::string basis = comparable ? "comparable" : "current";
    if (sorted.size() > 1) {
        const TrendNote note = comparable ? TrendNote::comparable_prices : TrendNote::current_prices;
        result.warnings.push_back({"/history", trend_note_code(note), message(plan, note).message});
    }

    // Targets.
    for (const PlanTarget& pt : plan.targets) {
        const RefRecord& rec = *pt.record;
        TargetProgress t;
        t.id = rec.id;
        t.metric = pt.metric;
        t.plan_base_year = pt.base_year;
        t.target_year = pt.target_year;
        t.required_change = *rec.value;
        t.aim_change = pt.aim;
        t.def = &rec;
        t.price_basis = basis;
        // Base: the plan's base year if present, else the earliest year (said so).
        const TrendYear* base = nullptr;
        for (const auto& y : sorted)
            if (y.year == t.plan_base_year) base = &y;
        if (!base && !sorted.empty()) base = &sorted.front();
        // Judged year: the latest year up to the target year after the base; else the latest.
        const TrendYear* eval = nullptr;
        for (const auto& y : sorted)
            if (base && y.year > base->year && y.year <= t.target_year) eval = &y;
        if (!eval && base)
            for (const auto& y : sorted)
                if (y.year > base->year) eval = &y;
        if (!base || !eval) {
            t.missing = message(plan, TrendNote::needs_two_years);
            if (base) t.base_year = base->year;
            result.targets.push_back(std::move(t));
            continue;
        }
        t.base_year = base->year;
        t.evaluation_year = eval->year;
        t.base_is_plan_base = base->year == t.plan_base_year;
        // Straight line from the plan base (0) to the target year (required_change); measured
        // from the enterprise's base year: (1 + path(eval)) / (1 + path(base)) - 1.
        auto path = [&](int y) {
            const int span = t.target_year - t.plan_base_year;
            const int k = std::clamp(y - t.plan_base_year, 0, span);
            return span > 0 ? t.required_change * k / span : t.required_change;
        };
        t.required_change_by_evaluation_year = (1 + path(eval->year)) / (1 + path(base->year)) - 1;
        auto i0 = intensity(*base, t.metric), i1 = intensity(*eval, t.metric);
        if (!i0 || !i1 || *i0 <= 0) {
            t.missing = message(plan, TrendNote::needs_value_added_years);
        } else {
            t.actual_change = *i1 / *i0 - 1;
            t.on_track = *t.actual_change <= *t.required_change_by_evaluation_year + 1e-12;
            if (!t.base_is_plan_base) t.note = message(plan, TrendNote::base_not_2020, {year_param("year", base->year)});
        }
        result.targets.push_back(std::move(t));
    }

    // Decomposition: from the base (2020 or earliest) to the latest year.
    if (sorted.size() < 2) {
        result.decomposition_missing = message(plan, TrendNote::needs_two_years);
    } else {
        const TrendYear* y0 = &sorted.front();
        for (const auto& y : sorted)
            if (y.year == 2020) y0 = &y;
        const TrendYear& y1 = sorted.back();
        auto va0 = va_of(*y0), va1 = va_of(y1);
        if (y0 == &y1) {
            result.decomposition_missing = message(plan, TrendNote::needs_two_years);
        } else if (!va0 || !va1 || *va0 <= 0 || *va1 <= 0) {
            result.decomposition_missing = message(plan, TrendNote::needs_value_added_years);
        } else if (!(y0->total_tce > 0) || !(y1.total_tce > 0)) {
            result.decomposition_missing = message(plan, TrendNote::needs_energy_years);
        } else {
            result.decomposition = decompose_lmdi(*y0, y1, *va0, *va1);
            result.decomposition->price_basis = basis;
        }
    }
    result.trend = std::move(sorted);
}

} // namespace selfcheck
