// Typed result -> JSON (paths fixed by DESIGN.md). The only place results become JSON: texts that
// belong to reference records (indicator names, hints, evidence) are joined here by the record the
// result points at, not copied into every result.
#include "selfcheck.hpp"
#include "texts.hpp"
#include "validate.hpp"

namespace selfcheck {

const char* budget_tier_name(BudgetTier t) {
    switch (t) {
    case BudgetTier::lt1000: return "lt1000";
    case BudgetTier::from1000to5000: return "1000to5000";
    case BudgetTier::ge5000: return "ge5000";
    }
    return "lt1000";
}

const char* carbon_level_name(CarbonLevel l) {
    switch (l) {
    case CarbonLevel::unknown: return "";
    case CarbonLevel::low: return "low";
    case CarbonLevel::medium: return "medium";
    case CarbonLevel::high: return "high";
    }
    return "";
}


using nlohmann::json;

namespace {

json opt(const std::optional<double>& v) { return v ? json(*v) : json(nullptr); }

// An object written key by key straight into its map. A braced list of pairs ({{"k", v}, ...}) first
// builds a two-element array for every pair and copies the values out of the list; for the
// green-factory part of a result that cost more than the whole assessment (callgrind, issue 12).
// Keys are unique here; as with the braced list, the first of two equal keys would be kept.
class Obj {
public:
    Obj() : j_(json::value_t::object), m_(*j_.get_ptr<json::object_t*>()) {}
    Obj& operator()(const char* key, json value) {
        m_.emplace(key, std::move(value));
        return *this;
    }
    // The value of a reference record's string field, "" where it has none (green_factory.json texts).
    Obj& field(const char* key, const RefRecord* r) {
        if (r)
            if (auto it = r->raw.find(key); it != r->raw.end() && it->is_string()) return (*this)(key, *it);
        return (*this)(key, json(std::string()));
    }
    json take() { return std::move(j_); }

private:
    json j_;
    json::object_t& m_;
};

std::string record_field(const RefRecord* r, const char* field, std::string_view fallback) {
    if (r)
        if (auto it = r->raw.find(field); it != r->raw.end() && it->is_string()) return it->get<std::string>();
    return std::string(fallback);
}

texts::Arg arg_of(const TextParam& p) {
    switch (p.kind) {
    case TextParam::Kind::text: return {p.name, p.text};
    case TextParam::Kind::integer: return {p.name, std::to_string(static_cast<long long>(p.number))};
    case TextParam::Kind::grouped_integer: return {p.name, texts::grouped_integer(p.number)};
    case TextParam::Kind::region: {
        const std::string_view id = p.text == "east_china" || p.text == "zhejiang" ? std::string_view(p.text) : "national";
        return {p.name, texts::get(std::string("region.").append(id)).zh, p.text};
    }
    case TextParam::Kind::record_name:
        return {p.name, record_field(p.record, "name_zh", {}), record_field(p.record, "name_en", {})};
    case TextParam::Kind::fixed: {
        char b[64];
        std::snprintf(b, sizeof b, "%.*f", p.digits, p.number);
        return {p.name, b};
    }
    case TextParam::Kind::number: return {p.name, num_text(p.number)};
    case TextParam::Kind::words: {
        if (p.key.empty()) return {p.name, std::string()};
        texts::Text t = texts::get(p.key);
        return {p.name, std::move(t.zh), std::move(t.en)};
    }
    case TextParam::Kind::label: return {p.name, texts::get(p.key).zh, p.text};
    case TextParam::Kind::clause: {
        texts::Text t = texts::get(p.key, {{"plan", texts::text("clause.zj_plan")}});
        return {p.name, std::move(t.zh), std::move(t.en)};
    }
    }
    return {p.name, std::string()};
}

json missing_json(const Missing& m) {
    texts::Text t = say(m.message);
    return Obj()("code", m.code)("message_zh", std::move(t.zh))("message_en", std::move(t.en)).take();
}

json missing_json(const std::optional<Missing>& m) { return m ? missing_json(*m) : json(nullptr); }

json optional_number(const OptionalNumber& n) { return opt(n.value); }


// ---- green factory: typed scores joined with their definitions' texts (green_factory.json)

const char* status_name(GfIndicatorStatus s) {
    switch (s) {
    case GfIndicatorStatus::scored: return "scored";
    case GfIndicatorStatus::needs_answer: return "needs_answer";
    case GfIndicatorStatus::needs_anchor: return "needs_anchor";
    }
    return "";
}

const char* status_name(GfMandatoryStatus s) {
    switch (s) {
    case GfMandatoryStatus::met: return "met";
    case GfMandatoryStatus::failed: return "failed";
    case GfMandatoryStatus::not_answered: return "not_answered";
    }
    return "";
}

const char* status_name(GfReadinessStatus s) {
    return s == GfReadinessStatus::blocked_by_mandatory ? "blocked_by_mandatory" : "no_published_pass_mark";
}

const char* condition_name(GfConditionId c) {
    return c == GfConditionId::products_at_gb_limit_level1_priority ? "products_at_gb_limit_level1_priority"
                                                                    : "energy_water_resource_at_leading_level";
}


json opt_bool(const std::optional<bool>& b) { return b ? json(*b) : json(nullptr); }

const char* basis_text(GfBasis b) {
    switch (b) {
    case GfBasis::none: return "";
    case GfBasis::location_based_co2: return "location-based total CO2 (emissions.total_tco2) ÷ output value";
    case GfBasis::answered: return "answered";
    case GfBasis::answered_water_intensity: return "answered (per product or per output value)";
    case GfBasis::b9_water_withdrawal: return "B.9: water_withdrawal_m3 ÷ enterprise.output_value_10k_yuan";
    case GfBasis::b10_water_reuse: return "B.10: V_r / (V + V_r) × 100";
    case GfBasis::b11_solid_waste: return "B.11: Z_r / (Z + Z_w) × 100";
    case GfBasis::annex_c10_green_investment: return "Annex C #10: 3-year investment ÷ 3-year output value × 100";
    case GfBasis::b26_land_output: return "B.26: output value ÷ land area";
    case GfBasis::b27_building_coefficient: return "B.27: footprint ÷ land area × 100";
    case GfBasis::b28_floor_area_ratio: return "B.28: floor area ÷ land area";
    }
    return "";
}

json indicator_detail_json(const GfIndicatorDetail& d) {
    json j = json::object();
    if (d.method == GfMethod::gb_limit_level1_level2) {
        j["method"] = "gb_limit_level1_level2";
        json prods = json::array();
        for (const auto& p : d.products)
            prods.push_back(Obj()("name", p.name)
                                ("limit_id", p.limit_id)
                                ("standard", p.standard)
                                ("kgce_per_unit", p.kgce_per_unit)
                                ("unit", p.unit)
                                ("leading", p.leading)
                                ("baseline", p.baseline)
                                ("tce", p.tce)
                                ("not_in_force_for_year", p.not_in_force_for_year)
                                ("score", p.score)
                                .take());
        j["products"] = std::move(prods);
    } else if (d.method == GfMethod::per_output_value) {
        j["method"] = "per_output_value";
    }
    if (d.basis != GfBasis::none) j["basis"] = basis_text(d.basis);
    if (!d.products_not_scored.empty()) {
        json a = json::array();
        for (const auto& p : d.products_not_scored)
            a.push_back(Obj()("name", p.name)("limit_id", p.limit_id)("reason", p.reason).take());
        j["products_not_scored"] = std::move(a);
    }
    if (const auto& rs = d.renewables) {
        j["pv_self_used_tce"] = rs->pv_self_used_tce;
        j["green_power_tce"] = rs->green_power_tce;
        j["gec_tce"] = rs->gec_tce;
        j["renewable_tce"] = rs->renewable_tce;
        j["total_tce"] = rs->total_tce;
        j["capped_at_purchased_electricity"] = rs->capped;
        // The platform mock-ups band this indicator by annual energy use; report the band.
        const double t = rs->total_tce;
        j["energy_band"] = t >= 10000 ? "ge10000" : t >= 5000 ? "5000to10000" : t >= 3000 ? "3000to5000" : "lt3000";
    }
    if (d.functions) j["functions"] = *d.functions;
    if (d.answered_rate_differs) j["answered_rate_differs"] = *d.answered_rate_differs;
    if (d.utilised_exceeds_generated) j["utilised_exceeds_generated"] = true;
    if (!d.anchor_unit.empty()) j["anchor_unit"] = d.anchor_unit;
    return j;
}

texts::Text anchor_source_text(const GfIndicatorScore& ind) {
    switch (ind.anchor_source) {
    case GfAnchorSource::none: return {};
    case GfAnchorSource::user: return texts::get("source.user_anchor");
    case GfAnchorSource::user_with_source: return texts::get("source.user_anchor_with", {{"source", ind.anchor_source_detail}});
    case GfAnchorSource::product_limit:
        return texts::get("green_factory.product_limit_anchors", {{"standard", ind.anchor_source_detail}});
    case GfAnchorSource::annex_c: return texts::get("source.gf_annex_c");
    }
    return {};
}


// ---- measures and the portfolio

const char* economics_name(EconomicsStatus s) {
    return s == EconomicsStatus::needs_investment ? "needs_investment" : "needs_prices";
}

std::string def_value(const RefRecord* r, const char* key, const std::string& fallback) {
    return r ? r->raw.value(key, fallback) : std::string();
}

// The outlook fields of a measure (with the carbon index) or of the portfolio (without).
void put_outlook(json& d, const Outlook& o, bool with_index) {
    d["new_total_tce"] = o.new_total_tce;
    d["new_budget_tier"] = budget_tier_name(o.new_budget_tier);
    if (o.new_carbon_intensity) {
        d["new_carbon_intensity"] = *o.new_carbon_intensity;
        d["new_carbon_level"] = carbon_level_name(o.new_carbon_level);
        if (with_index && o.new_carbon_index) d["new_carbon_index"] = *o.new_carbon_index;
        if (o.new_carbon_grade) d["new_carbon_grade"] = *o.new_carbon_grade;
    }
}

json physical_to_json(const Physical& p) {
    json j = json::object();
    for (const auto& e : p.entries()) {
        json& v = j[e.key.text()];
        if (const double* d = std::get_if<double>(&e.value)) v = *d;
        else if (const bool* b = std::get_if<bool>(&e.value)) v = *b;
        else if (const std::int64_t* n = std::get_if<std::int64_t>(&e.value)) v = *n;
        else if (const std::string* s = std::get_if<std::string>(&e.value)) v = *s;
        else if (const Physical::Pair* q = std::get_if<Physical::Pair>(&e.value)) v = {(*q)[0], (*q)[1]};
    }
    return j;
}

json low_high(const LowHigh& r) { return Obj()("low", r.low)("high", r.high).take(); }

} // namespace

// ---- findings: the typed evidence and the clause and message texts joined by their keys

namespace {

const char* severity_name(FindingSeverity s) {
    switch (s) {
    case FindingSeverity::high: return "high";
    case FindingSeverity::medium: return "medium";
    case FindingSeverity::low: return "low";
    case FindingSeverity::info: return "info";
    }
    return "info";
}

json scalar_json(const EvidenceScalar& s) {
    if (const auto* b = std::get_if<bool>(&s.v)) return *b;
    if (const auto* i = std::get_if<std::int64_t>(&s.v)) return *i;
    if (const auto* d = std::get_if<double>(&s.v)) return *d;
    if (const auto* t = std::get_if<std::string>(&s.v)) return *t;
    return nullptr;
}

json evidence_value_json(const EvidenceValue& v) {
    if (const auto* s = std::get_if<EvidenceScalar>(&v.v)) return scalar_json(*s);
    if (const auto* rows = std::get_if<std::vector<EvidenceRow>>(&v.v)) {
        json a = json::array();
        for (const auto& row : *rows) {
            json o = json::object();
            for (const auto& f : row) o[evidence_key_name(f.key)] = scalar_json(f.value);
            a.push_back(std::move(o));
        }
        return a;
    }
    if (const auto* ints = std::get_if<std::vector<std::int64_t>>(&v.v)) return *ints;
    return std::get<std::vector<std::string>>(v.v);
}

} // namespace

json evidence_to_json(const Evidence& e) {
    json o = json::object();
    for (const auto& entry : e.entries) o[evidence_key_name(entry.key)] = evidence_value_json(entry.value);
    return o;
}

json finding_to_json(const Finding& f) {
    texts::Text msg = finding_message(f);
    return Obj()("id", f.id)
        ("severity", severity_name(f.severity))
        ("clause", finding_clause(f))
        ("message_zh", std::move(msg.zh))
        ("message_en", std::move(msg.en))
        ("measures", f.measures)
        ("evidence", evidence_to_json(f.evidence))
        .take();
}

json green_factory_result_to_json(const GreenFactoryResult& r) {
    json d = json::object();
    d["standard"] = "GB/T 36132-2025 (Annex C example points)";
    if (r.data_missing) {
        const texts::Text msg = texts::get("green_factory.data_missing");
        d["error"] = Obj()("code", "green_factory_data_missing")("message_zh", msg.zh)("message_en", msg.en).take();
        return Obj()("total_score", r.total_score)("mandatory_failed", r.mandatory_failed)("detail", std::move(d)).take();
    }
    d["data_version"] = r.data_version;

    json mandatory = json::array();
    for (const auto& m : r.mandatory)
        mandatory.push_back(Obj()("id", m.def->id)("kind", m.veto ? "veto" : "basic_requirement")("status", status_name(m.status))
                                .field("clause", m.def)
                                .field("name_zh", m.def)
                                .field("name_en", m.def)
                                .field("hint_zh", m.def)
                                .field("hint_en", m.def)
                                .field("evidence_zh", m.def)
                                .field("evidence_en", m.def)
                                .take());
    d["mandatory"] = std::move(mandatory);
    d["gate_passed"] = r.gate_passed;

    json dims = json::array();
    for (const auto& dm : r.dimensions)
        dims.push_back(Obj()("id", dm.def->id)
                           .field("name_zh", dm.def)
                           .field("name_en", dm.def)("score", dm.score)("max", dm.max)("max_determined", dm.max_determined)
                           .take());
    d["dimensions"] = std::move(dims);

    json jinds = json::array();
    jinds.get_ptr<json::array_t*>()->reserve(r.indicators.size());
    for (const auto& ind : r.indicators) {
        const json& raw = ind.def->raw;
        json anchors = nullptr;
        if (ind.leading || ind.baseline) {
            texts::Text src = anchor_source_text(ind);
            anchors = Obj()("leading", opt(ind.leading))("baseline", opt(ind.baseline))("source", std::move(src.zh))(
                          "source_en", std::move(src.en))
                          .take();
        }
        Obj j;
        j("id", ind.id)("number", ind.number)("dimension", ind.dimension)
            .field("name_zh", ind.def)
            .field("name_en", ind.def)
            .field("type", ind.def)("score", ind.score)("max", ind.max)("value", opt(ind.value))("unit", ind.unit)(
                "anchors", std::move(anchors))("status", status_name(ind.status))("counts", ind.counts)
            .field("hint_zh", ind.def)
            .field("hint_en", ind.def)
            .field("evidence_zh", ind.def)
            .field("evidence_en", ind.def)
            .field("leading_zh", ind.def)
            .field("leading_en", ind.def)
            .field("baseline_zh", ind.def)
            .field("baseline_en", ind.def)("auto", raw.value("auto", false))("source", ind.def->source)(
                "source_en", ind.def->source_en);
        if (ind.need) {
            texts::Text note = texts::get(std::string("green_factory.need.") + ind.need);
            j("note_zh", std::move(note.zh))("note_en", std::move(note.en));
        }
        if (!ind.detail.empty()) j("detail", indicator_detail_json(ind.detail));
        jinds.push_back(j.take());
    }
    d["indicators"] = std::move(jinds);
    d["points_undetermined"] = r.points_undetermined;
    d["pass_mark"] = nullptr;
    const texts::Text pass_mark = texts::get("green_factory.pass_mark_note");
    d["pass_mark_note_zh"] = pass_mark.zh;
    d["pass_mark_note_en"] = pass_mark.en;

    json readiness = json::array();
    for (const auto& lv : r.readiness) {
        Obj l;
        l("level", lv.def->id)
            .field("name_zh", lv.def)
            .field("name_en", lv.def)("pass_mark", nullptr)
            .field("pass_mark_zh", lv.def)
            .field("pass_mark_en", lv.def)("source", lv.def->source)("source_en", lv.def->source_en)(
                "status", status_name(lv.status));
        if (lv.status == GfReadinessStatus::blocked_by_mandatory) l("blocked_by", r.mandatory_failed);
        json cond = json::array();
        for (const auto& c : lv.conditions) {
            Obj jc;
            jc("id", condition_name(c.id))("met", opt_bool(c.met));
            if (c.id == GfConditionId::energy_water_resource_at_leading_level) {
                json inds = json::array();
                for (const auto& lc : c.indicators)
                    inds.push_back(Obj()("indicator", lc.indicator)("at_leading_value", opt_bool(lc.at_leading_value)).take());
                jc("indicators", std::move(inds));
            }
            cond.push_back(jc.take());
        }
        l("conditions", std::move(cond));
        readiness.push_back(l.take());
    }
    d["readiness"] = std::move(readiness);

    json jg = json::array();
    for (const auto& g : r.gaps) {
        const GfIndicatorScore& ind = r.indicators[g.indicator];
        Obj j;
        j("indicator", ind.id)
            .field("name_zh", ind.def)
            .field("name_en", ind.def)("status", status_name(ind.status))("recoverable_points", g.recoverable_points)(
                "score", ind.score)("max", ind.max)
            .field("hint_zh", ind.def)
            .field("hint_en", ind.def)("measures", g.measures)("applicable_measures", g.applicable_measures);
        if (ind.status != GfIndicatorStatus::scored) j("recoverable_is_upper_bound", true);
        jg.push_back(j.take());
    }
    d["gaps"] = std::move(jg);
    return Obj()("total_score", r.total_score)("mandatory_failed", r.mandatory_failed)("detail", std::move(d)).take();
}

texts::Text say(const TextRef& t) {
    std::vector<texts::Arg> args;
    args.reserve(t.params.size());
    for (const auto& p : t.params) args.push_back(arg_of(p));
    const texts::Arg* first = args.data();
    const texts::Arg* last = args.data() + args.size();
    switch (t.from) {
    case TextRef::From::none: return {};
    case TextRef::From::texts: return texts::get(std::string(t.key).append(t.key_suffix), first, last);
    case TextRef::From::record:
        return {texts::fill(record_field(t.record, t.field_zh, t.fallback), first, last, true),
                texts::fill(record_field(t.record, t.field_en, t.fallback), first, last, false)};
    }
    return {};
}

bool operator==(const TextParam& a, const TextParam& b) {
    return std::string_view(a.name) == b.name && a.kind == b.kind && a.number == b.number && a.text == b.text &&
           a.record == b.record && a.key == b.key && a.digits == b.digits;
}

bool operator==(const TextRef& a, const TextRef& b) {
    return a.from == b.from && a.key == b.key && a.key_suffix == b.key_suffix && a.record == b.record &&
           std::string_view(a.field_zh) == b.field_zh && std::string_view(a.field_en) == b.field_en &&
           a.fallback == b.fallback && a.params == b.params;
}

json result_to_json(const Result& r) {
    json j = json::object();
    j["schema"] = "selfcheck/result";
    j["version"] = k_schema_version;
    j["app_version"] = std::string(version());

    const EnergyResult& e = r.energy;
    json by = json::array();
    for (const auto& c : e.by_carrier) {
        texts::Text name;
        if (c.def) name = {c.def->name_zh, c.def->name_en};
        else if (c.own_pv) name = texts::get("energy.pv_self_used");
        Obj row;
        row("carrier", c.carrier)("name_zh", std::move(name.zh))("name_en", std::move(name.en))("quantity", c.quantity)
            ("unit", c.unit)("base_quantity", c.base_quantity)("base_unit", c.base_unit)
            ("kgce_per_base_unit", c.kgce_per_base_unit)("measured_ncv", c.measured_ncv)("feedstock", c.feedstock)
            ("tce", c.tce)("tce_equal", c.tce_equal)("tco2", c.tco2)("scope", c.scope);
        if (!c.energy_basis.empty())  // steam / hot water by mass (core/steam.hpp)
            row("co2_heat_gj", opt(c.co2_heat_gj))("enthalpy_kj_per_kg", opt(c.enthalpy_kj_per_kg))("energy_basis", c.energy_basis);
        by.push_back(row.take());
    }
    j["energy"] = Obj()("total_tce", e.total_tce)
                      ("total_equal_tce", e.total_equal_tce)
                      ("feedstock_tce", e.feedstock_tce)
                      ("renewable_tce", e.renewable_tce)
                      ("total_excl_renewable_tce", e.total_tce - e.renewable_tce)
                      ("by_carrier", std::move(by))
                      // verdicts only from valid data: null (and `missing`) while no energy is entered
                      ("budget_tier", e.missing ? json(nullptr) : json(budget_tier_name(e.budget_tier)))
                      ("budget_tier_text", e.missing ? json(nullptr) : missing_json(e.budget_tier_text))
                      ("budget_tier_clause", e.budget_tier_clause)
                      ("key_energy_unit", e.missing ? json(nullptr) : json(e.key_energy_unit))
                      ("key_unit_may_be_designated", e.missing ? json(nullptr) : json(e.key_unit_may_be_designated))
                      ("key_unit_status", e.missing ? json(nullptr) : missing_json(e.key_unit_status))
                      ("key_unit_clause", e.key_unit_clause)
                      ("missing", missing_json(e.missing))
                      ("mix", e.mix)
                      ("electrification_rate", opt(e.electrification_rate))
                      .take();

    const EmissionsResult& m = r.emissions;
    j["emissions"] = Obj()("scope1_tco2", m.scope1_tco2)
                         ("scope2_tco2", m.scope2_tco2)
                         ("total_tco2", m.total_tco2)
                         ("electricity_tco2", m.electricity_tco2)
                         ("heat_tco2", m.heat_tco2)
                         ("scope2_market_tco2", opt(m.scope2_market_tco2))
                         ("total_market_tco2", opt(m.total_market_tco2))
                         ("residual_factor_tco2_per_mwh", opt(m.residual_factor_tco2_per_mwh))
                         ("avoided_by_own_pv_tco2", m.avoided_by_own_pv_tco2)
                         ("avoided_by_exported_pv_tco2", m.avoided_by_exported_pv_tco2)
                         ("grid_factor_tco2_per_mwh", m.grid_factor_tco2_per_mwh)
                         ("heat_factor_tco2_per_gj", m.heat_factor_tco2_per_gj)
                         ("by_source", m.by_source)
                         .take();

    const IntensityResult& it = r.intensity;
    json missing_reasons = json::object();
    auto note = [&](const char* key, const OptionalNumber& n) {
        if (n.missing) missing_reasons[key] = missing_json(n.missing);
    };
    note("tce_per_10k_yuan_value_added", it.tce_per_10k_yuan_value_added);
    note("tco2_per_10k_yuan_value_added", it.tco2_per_10k_yuan_value_added);
    note("tce_per_10k_yuan_output", it.tce_per_10k_yuan_output);
    note("tco2_per_10k_yuan_output", it.tco2_per_10k_yuan_output);
    j["intensity"] = Obj()("tce_per_10k_yuan_value_added", optional_number(it.tce_per_10k_yuan_value_added))
                         ("tco2_per_10k_yuan_value_added", optional_number(it.tco2_per_10k_yuan_value_added))
                         ("tce_per_10k_yuan_output", optional_number(it.tce_per_10k_yuan_output))
                         ("tco2_per_10k_yuan_output", optional_number(it.tco2_per_10k_yuan_output))
                         ("missing", std::move(missing_reasons))
                         .take();

    const CarbonEfficiency& c = r.carbon_efficiency;
    texts::Text average_source;
    if (c.industry_average_user) average_source = texts::get("intensity.user_industry_average_source");
    else if (c.industry_average_record)
        average_source = {c.industry_average_record->source, c.industry_average_record->source_en};
    j["carbon_efficiency"] = Obj()("intensity", opt(c.intensity))
                                 ("numerator_tco2", opt(c.numerator_tco2))
                                 ("level", c.level == CarbonLevel::unknown ? json(nullptr) : json(carbon_level_name(c.level)))
                                 ("index", opt(c.index))
                                 ("grade", c.grade ? json(*c.grade) : json(nullptr))
                                 ("industry_average", opt(c.industry_average))
                                 ("industry_average_source", std::move(average_source.zh))
                                 ("industry_average_source_en", std::move(average_source.en))
                                 ("missing", missing_json(c.missing))
                                 ("clause", say(c.clause).zh)
                                 .take();

    json products = json::array();
    for (const auto& p : r.products)
        products.push_back(Obj()("name", p.name)
                               ("limit_id", p.limit_id)
                               ("standard", p.standard)
                               ("source", p.limit ? p.limit->source : std::string())
                               ("source_en", p.limit ? p.limit->source_en : std::string())
                               ("kgce_per_unit", opt(p.kgce_per_unit))
                               ("unit", p.unit)
                               ("level1", opt(p.level1))
                               ("level2", opt(p.level2))
                               ("level3", opt(p.level3))
                               ("limit_unit", p.limit_unit)
                               ("in_force", p.in_force)
                               ("not_in_force_for_year", p.not_in_force_for_year)
                               ("status", p.status)
                               ("energy_allocated_from_site", p.energy_allocated_from_site)
                               ("non_production_tce_excluded", p.non_production_tce_excluded)
                               ("missing", missing_json(p.missing))
                               .take());
    j["products"] = std::move(products);

    json findings = json::array();
    for (const auto& f : r.findings) findings.push_back(finding_to_json(f));
    j["findings"] = std::move(findings);
    json measures = json::array();
    for (const auto& mr : r.measures) measures.push_back(measure_to_json(mr));
    j["measures"] = std::move(measures);
    j["portfolio"] = portfolio_to_json(r.portfolio);
    j["green_factory"] = green_factory_result_to_json(r.green_factory);

    json factors = json::array();
    for (const auto& f : r.factors_used) {
        texts::Text name = say(f.name);
        texts::Text source;
        if (f.record) source = {f.record->source, f.record->source_en};
        else if (!f.source_key.empty()) source = texts::get(f.source_key);
        factors.push_back(Obj()("id", f.id)
                              ("name_zh", std::move(name.zh))
                              ("name_en", std::move(name.en))
                              ("value", f.value)
                              ("unit", f.unit)
                              ("source", std::move(source.zh))
                              ("source_en", std::move(source.en))
                              ("confidence", f.record ? f.record->confidence : std::string("user"))
                              ("year", f.year ? json(*f.year) : json(nullptr))
                              ("user_given", f.user_given)
                              .take());
    }
    j["factors_used"] = std::move(factors);

    json trend = json::array();
    for (const auto& t : r.trend)
        trend.push_back(Obj()("year", t.year)
                            ("current", t.current)
                            ("total_tce", t.total_tce)
                            ("total_tco2", t.total_tco2)
                            ("value_added_10k_yuan", opt(t.value_added_10k_yuan))
                            ("value_added_comparable_10k_yuan", opt(t.value_added_comparable_10k_yuan))
                            ("tce_per_10k_yuan_value_added", opt(t.tce_per_10k_yuan_value_added))
                            ("tco2_per_10k_yuan_value_added", opt(t.tco2_per_10k_yuan_value_added))
                            ("carbon_level", t.carbon_level == CarbonLevel::unknown ? json(nullptr) : json(carbon_level_name(t.carbon_level)))
                            ("carbon_grade", t.carbon_grade ? json(*t.carbon_grade) : json(nullptr))
                            ("change_tce_intensity", opt(t.change_tce_intensity))
                            ("change_tco2_intensity", opt(t.change_tco2_intensity))
                            ("grid_factor_year", t.grid_factor_year ? json(t.grid_factor_year) : json(nullptr))
                            ("grid_factor_tco2_per_mwh", t.grid_factor_tco2_per_mwh)
                            .take());
    j["trend"] = std::move(trend);
    json targets = json::array();
    for (const auto& t : r.targets)
        targets.push_back(Obj()("id", t.id)
                              ("metric", t.metric)
                              ("plan_base_year", t.plan_base_year)
                              ("base_year", t.base_year ? json(t.base_year) : json(nullptr))
                              ("target_year", t.target_year)
                              ("evaluation_year", t.evaluation_year ? json(t.evaluation_year) : json(nullptr))
                              ("required_change", t.required_change)
                              ("aim_change", opt(t.aim_change))
                              ("required_change_by_evaluation_year", opt(t.required_change_by_evaluation_year))
                              ("actual_change", opt(t.actual_change))
                              ("on_track", t.on_track ? json(*t.on_track) : json(nullptr))
                              ("base_is_plan_base", t.base_is_plan_base)
                              ("price_basis", t.price_basis)
                              ("clause", record_field(t.def, "clause_zh", {}))
                              ("source", t.def ? t.def->source : std::string())
                              ("source_en", t.def ? t.def->source_en : std::string())
                              ("missing", missing_json(t.missing))
                              ("note", missing_json(t.note))
                              .take());
    j["targets"] = std::move(targets);
    if (r.decomposition) {
        const Decomposition& d = *r.decomposition;
        j["decomposition"] = Obj()("from_year", d.from_year)
                                 ("to_year", d.to_year)
                                 ("total_change_tco2", d.total_change_tco2)
                                 ("activity_tco2", d.activity_tco2)
                                 ("intensity_tco2", d.intensity_tco2)
                                 ("mix_tco2", d.mix_tco2)
                                 ("emission_factor_tco2", d.emission_factor_tco2)
                                 ("grid_factor_tco2", d.grid_factor_tco2)
                                 ("price_basis", d.price_basis)
                                 ("missing", nullptr)
                                 .take();
    } else {
        j["decomposition"] = Obj()("missing", missing_json(r.decomposition_missing)).take();
    }
    json warnings = json::array();
    for (const auto& w : r.input_warnings) warnings.push_back(issue_to_json(w));
    for (const auto& w : r.warnings) {
        texts::Text t = say(w.message);
        warnings.push_back(issue_to_json({w.path, Severity::warning, w.code, std::move(t.zh), std::move(t.en)}));
    }
    j["warnings"] = std::move(warnings);
    j["data_versions"] = r.data_versions ? json(*r.data_versions) : json::object();
    return j;
}

namespace {

// A need that is a field is written as the field's name (the front ends show its label); the
// others are sentences, "measures.need.<name>".
struct NeedSpelling {
    NeedId id;
    const char* field;  // the field name, or null
    const char* key;    // the sentence, or null
};
constexpr NeedSpelling k_needs[] = {
    {NeedId::rated_kw, "rated_kw", nullptr},
    {NeedId::load_factor, "load_factor", nullptr},
    {NeedId::hours_per_year, "hours_per_year", nullptr},
    {NeedId::mean_flow_fraction, "mean_flow_fraction", nullptr},
    {NeedId::required_pressure_mpa, "required_pressure_mpa", nullptr},
    {NeedId::rated_kva, "rated_kva", nullptr},
    {NeedId::fuel, "fuel", nullptr},
    {NeedId::fuel_quantity, nullptr, "measures.need.fuel_quantity"},
    {NeedId::capacity_t_per_h, "capacity_t_per_h", nullptr},
    {NeedId::central_heating_available, nullptr, "measures.need.central_heating_available"},
    {NeedId::recoverable_kw, "recoverable_kw", nullptr},
    {NeedId::temperature_c, "temperature_c", nullptr},
    {NeedId::medium, "medium", nullptr},
    {NeedId::exhaust_temp_c, "exhaust_temp_c", nullptr},
    {NeedId::heat_source_temp_c, "heat_source_temp_c", nullptr},
    {NeedId::demand_gj_per_year, "demand_gj_per_year", nullptr},
    {NeedId::process, "process", nullptr},
    {NeedId::steam_t_per_year, "steam_t_per_year", nullptr},
    {NeedId::metres_per_year, "metres_per_year", nullptr},
    {NeedId::use_m3_per_day, "use_m3_per_day", nullptr},
    {NeedId::reuse_rate, "reuse_rate", nullptr},
    {NeedId::dryer_steam_t_per_year, "dryer_steam_t_per_year", nullptr},
    {NeedId::press_dryness_pct, "press_dryness_pct", nullptr},
    {NeedId::watts, "watts", nullptr},
    {NeedId::usable_area_m2, "usable_area_m2", nullptr},
    {NeedId::heat_demand, nullptr, "measures.need.heat_demand"},
    {NeedId::heat_supply, nullptr, "measures.need.heat_supply"},
    {NeedId::nameplate_efficiency, nullptr, "measures.need.nameplate_efficiency"},
    {NeedId::leak_fraction, nullptr, "measures.need.leak_fraction"},
    {NeedId::air_station_quote, nullptr, "measures.need.air_station_quote"},
    {NeedId::orc_quote, nullptr, "measures.need.orc_quote"},
    {NeedId::cpb_quote, nullptr, "measures.need.cpb_quote"},
    {NeedId::shoe_press_quote, nullptr, "measures.need.shoe_press_quote"},
    {NeedId::printing_line_energy, nullptr, "measures.need.printing_line_energy"},
    {NeedId::water_prices, nullptr, "measures.need.water_prices"},
    {NeedId::coincidence, nullptr, "measures.need.coincidence"},
    {NeedId::ballast, nullptr, "measures.need.ballast"},
    {NeedId::storage_capacity, nullptr, "measures.need.storage_capacity"},
    {NeedId::tou_user_class, nullptr, "measures.need.tou_user_class"},
    {NeedId::carrier_price, nullptr, "measures.need.carrier_price"},
};
static_assert([] {
    for (std::size_t i = 0; i < std::size(k_needs); ++i)
        if (k_needs[i].id != static_cast<NeedId>(i)) return false;
    return true;
}(), "k_needs lists every NeedId in the enum's order");

// A carrier in a sentence: its Chinese name in the Chinese one, its id in the English one (as the
// result has always written it).
texts::Arg carrier_arg(const char* name, const std::string& carrier, const RefData* ref) {
    if (ref)
        if (auto it = ref->carriers.find(carrier); it != ref->carriers.end() && !it->second.name_zh.empty())
            return texts::Arg(name, it->second.name_zh, carrier);
    return texts::Arg(name, carrier);
}

} // namespace

texts::Text measure_need_words(const MeasureNeed& n, const RefData* ref) {
    const auto i = static_cast<std::size_t>(n.id);
    if (i >= std::size(k_needs)) return {};
    const NeedSpelling& s = k_needs[i];
    if (s.field) return {s.field, s.field};
    switch (n.id) {
    case NeedId::storage_capacity: return texts::get(s.key, {texts::Arg("hours", num_text(n.figure))});
    case NeedId::carrier_price: return texts::get(s.key, {carrier_arg("carrier", n.carrier, ref)});
    default: return texts::get(s.key);
    }
}

std::string measure_need_text(const MeasureNeed& n) { return measure_need_words(n).en; }

std::optional<NeedId> need_written_as(std::string_view text) {
    for (const NeedSpelling& s : k_needs)
        if (s.field ? text == s.field : measure_need_words({s.id}).en == text) return s.id;
    return std::nullopt;
}

texts::Text measure_note_words(const MeasureNote& n, const RefData* ref) {
    using texts::Arg;
    const auto& f = n.figures;
    switch (n.id) {
    case NoteId::heat_not_valued: return texts::get("measures.note.heat_not_valued");
    case NoteId::replace_at_failure: return texts::get("measures.note.replace_at_failure", {Arg("hours", texts::grouped_integer(f[0]))});
    case NoteId::throttling_assumed: return texts::get("measures.note.throttling_assumed");
    case NoteId::transformer_loss_extrapolated:
        return texts::get("measures.note.transformer_loss_extrapolated",
                          {Arg("min", texts::grouped_integer(f[0])), Arg("max", texts::grouped_integer(f[1]))});
    case NoteId::boiler_fuel_allocated: return texts::get("measures.note.boiler_fuel_allocated", {carrier_arg("carrier", n.carrier, ref)});
    case NoteId::electric_boiler_valley_case: return texts::get("measures.note.electric_boiler_valley_case");
    case NoteId::purchased_steam_counted: return texts::get("measures.note.purchased_steam_counted", {Arg("feedwater", num_text(f[0]))});
    case NoteId::led_labour_not_priced: return texts::get("measures.note.led_labour_not_priced", {Arg("hours", num_text(f[0]))});
    case NoteId::pv_displaces_purchase: return texts::get("measures.note.pv_displaces_purchase");
    case NoteId::pv_self_use_default_value: return texts::get("measures.note.pv_self_use_default_value", {Arg("price", num_text(f[0]))});
    case NoteId::storage_bill_prices:
        return texts::get("measures.storage_bill_prices", {Arg("sharp", num_text(f[0])), Arg("peak", num_text(f[1])), Arg("valley", num_text(f[2]))});
    case NoteId::tou_tariff_2024: return texts::get("measures.tou_note_2024");
    case NoteId::green_power_market_only: return texts::get("measures.note.green_power_market_only");
    case NoteId::carriers_not_priced: {
        const std::string separator = texts::get("measures.note.carrier_separator").zh;
        std::string zh;
        for (const auto& c : n.carriers) zh += (zh.empty() ? std::string() : separator) + carrier_arg("c", c, ref).zh;
        return texts::get("measures.note.carriers_not_priced", {Arg("carriers", zh, json(n.carriers).dump())});
    }
    }
    return {};
}

std::string measure_note_text(const MeasureNote& n) {
    texts::Text t = measure_note_words(n);
    return n.id == NoteId::storage_bill_prices ? std::move(t.zh) : std::move(t.en);
}

json measure_to_json(const MeasureResult& m) {
    json d = json::object();
    if (m.def) {
        d["formula"] = m.def->raw.value("formula", std::string());
        d["source"] = m.def->source;
        d["source_en"] = m.def->source_en;
        d["category"] = m.def->raw.value("category", std::string());
        for (const char* f : {"carbon_note_zh", "carbon_note_en"})  // hover text (measures.json)
            if (m.def->raw.contains(f)) d[f] = m.def->raw[f];
    }
    if (m.economics != EconomicsStatus::computed) d["economics"] = economics_name(m.economics);
    if (m.compliance_cost) {
        d["compliance_cost"] = true;
        const texts::Text note = texts::get("measures.compliance_note");
        d["compliance_note_zh"] = note.zh;
        d["compliance_note_en"] = note.en;
    }
    put_outlook(d, m.outlook, true);
    if (m.recommendation.status != RecommendationStatus::none) {
        json rec = Obj()("status", recommendation_status_name(m.recommendation.status)).take();
        if (m.recommendation.reason != RecommendationReason::none) rec["reason"] = recommendation_reason_name(m.recommendation.reason);
        d["recommendation"] = std::move(rec);
    }
    json items = json::array();
    for (const auto& k : m.items)
        items.push_back(Obj()("row", k.row)("target", k.target)("tce_saved", k.tce_saved)("tco2_avoided", k.tco2_avoided)
                            ("tco2_avoided_market", opt(k.tco2_avoided_market))
                            ("investment_10k_yuan", k.investment_10k_yuan)
                            ("annual_saving_10k_yuan", k.annual_saving_10k_yuan)
                            ("physical", physical_to_json(k.physical))
                            .take());
    d["physical"] = physical_to_json(m.physical);
    d["items"] = std::move(items);
    if (!m.needs.empty()) {
        json needs = json::array();
        for (const auto& n : m.needs) needs.push_back(measure_need_text(n));
        d["needs"] = std::move(needs);
    }
    if (!m.notes.empty()) {
        json notes = json::array();
        for (const auto& n : m.notes) notes.push_back(measure_note_text(n));
        d["notes"] = std::move(notes);
    }
    d["range"] = Obj()("tce_saved", low_high(m.tce_saved_range))
                     ("tco2_avoided", low_high(m.tco2_avoided_range))
                     ("investment_10k_yuan", low_high(m.investment_range_10k_yuan))
                     ("annual_saving_10k_yuan", low_high(m.annual_saving_range_10k_yuan))
                     .take();
    d["discount_rate"] = m.discount_rate;

    return Obj()("id", m.id)
        ("name_zh", def_value(m.def, "name_zh", m.id))
        ("name_en", def_value(m.def, "name_en", m.id))
        ("tce_saved", m.tce_saved)
        ("tco2_avoided", m.tco2_avoided)
        ("tco2_avoided_market", opt(m.tco2_avoided_market))
        ("investment_10k_yuan", m.investment_10k_yuan)
        ("annual_saving_10k_yuan", m.annual_saving_10k_yuan)
        ("npv_10k_yuan", m.npv_10k_yuan)
        ("lifetime_years", m.lifetime_years)
        ("detail", std::move(d))
        ("payback_years", opt(m.payback_years))
        ("irr", opt(m.irr))
        ("abatement_cost_yuan_per_tco2", opt(m.abatement_cost_yuan_per_tco2))
        .take();
}

json portfolio_to_json(const Portfolio& p) {
    json d = json::object();
    if (p.evaluated) {
        json per = json::array();
        for (const auto& m : p.measures)
            per.push_back(Obj()("id", m.id)("tce_saved", m.tce_saved)("tco2_avoided", m.tco2_avoided)
                              ("tco2_avoided_market", opt(m.tco2_avoided_market))
                              ("investment_10k_yuan", m.investment_10k_yuan)
                              ("annual_saving_10k_yuan", m.annual_saving_10k_yuan)
                              ("npv_10k_yuan", m.npv_10k_yuan)
                              ("abatement_cost_yuan_per_tco2", opt(m.abatement_cost_yuan_per_tco2))
                              .take());
        json macc = json::array();
        for (const auto& s : p.macc) {
            const PortfolioMeasure& m = p.measures[s.measure];
            macc.push_back(Obj()("id", m.id)("abatement_cost_yuan_per_tco2", opt(m.abatement_cost_yuan_per_tco2))
                               ("tco2_avoided", m.tco2_avoided)("cumulative_tco2", s.cumulative_tco2)
                               .take());
        }
        d["measures"] = std::move(per);
        d["macc"] = std::move(macc);
        d["npv_10k_yuan"] = p.npv_10k_yuan;
        d["discount_rate"] = p.discount_rate;
        d["selection"] = p.user_selection ? "user" : "recommended";
        if (p.recommended) {
            const PortfolioTotals& t = *p.recommended;
            d["recommended_set"] = Obj()("selected", t.selected)
                                       ("tce_saved", t.tce_saved)
                                       ("tco2_avoided", t.tco2_avoided)
                                       ("tco2_avoided_market", opt(t.tco2_avoided_market))
                                       ("investment_10k_yuan", t.investment_10k_yuan)
                                       ("annual_saving_10k_yuan", t.annual_saving_10k_yuan)
                                       ("npv_10k_yuan", t.npv_10k_yuan)
                                       ("payback_years", opt(t.payback_years))
                                       .take();
        }
        d["cost_only"] = p.cost_only;
        d["required"] = p.required;
        if (p.payback_years) d["payback_years"] = *p.payback_years;
        put_outlook(d, p.outlook, false);
        json not_eval = json::array();
        for (const auto& n : p.not_evaluated) {
            json needs = json::array();
            for (NeedId f : n.needs) needs.push_back(measure_need_text({f, {}}));
            not_eval.push_back(Obj()("measure", n.measure)("row", n.row)("needs", std::move(needs)).take());
        }
        d["not_evaluated"] = std::move(not_eval);
        d["carbon_value_10k_yuan_per_year"] = p.carbon_value_10k_yuan_per_year;
        d["carbon_price_yuan_per_tco2"] = p.carbon_price_yuan_per_tco2;
    }
    return Obj()("selected", p.selected)
        ("tce_saved", p.tce_saved)
        ("tco2_avoided", p.tco2_avoided)
        ("tco2_avoided_market", opt(p.tco2_avoided_market))
        ("investment_10k_yuan", p.investment_10k_yuan)
        ("annual_saving_10k_yuan", p.annual_saving_10k_yuan)
        ("detail", std::move(d))
        .take();
}

} // namespace selfcheck
