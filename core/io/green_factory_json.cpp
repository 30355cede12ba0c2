// The `green_factory` object of the assessment document: its answer schema (the document
// contract; green_factory.json holds the standard's content), validation with located bilingual
// issues, the answers read into GreenFactoryAnswers by shape, and written back as they were read.
#include "io/input_json.hpp"

#include "texts.hpp"
#include "validate.hpp"

#include <cmath>
#include <set>
#include <string_view>

namespace selfcheck {

using nlohmann::json;

namespace {

// ---------------------------------------------------------------------------------------------
// Answer schema (the document contract; the data file holds the standard's content and a test
// checks the two agree).

enum class AnswerKind { yes_no, percent, amount, platform, anchors };

struct AnswerSpec {
    const char* key;
    AnswerKind kind;  // its name is the text "green_factory.answer.<key>" (assets/text/core_green_factory.json)
};

texts::Text answer_label(const AnswerSpec& s) { return texts::get(std::string("green_factory.answer.") + s.key); }

constexpr AnswerSpec k_answers[] = {
    {"basic_compliance_3y", AnswerKind::yes_no},
    {"basic_green_management", AnswerKind::yes_no},
    {"basic_management_systems", AnswerKind::yes_no},
    {"veto_not_operating_normally", AnswerKind::yes_no},
    {"veto_accident_or_tax_evasion_3y", AnswerKind::yes_no},
    {"veto_previously_removed", AnswerKind::yes_no},
    {"veto_serious_inspection_problem", AnswerKind::yes_no},
    {"veto_energy_inspection_unrectified", AnswerKind::yes_no},
    {"veto_dishonest_debtor", AnswerKind::yes_no},
    {"platform_functions", AnswerKind::platform},
    {"material_intensity", AnswerKind::amount},
    {"water_withdrawal_m3", AnswerKind::amount},
    {"water_reused_m3", AnswerKind::amount},
    {"water_reuse_rate_pct", AnswerKind::percent},
    {"water_intensity", AnswerKind::amount},
    {"solid_waste_generated_t", AnswerKind::amount},
    {"solid_waste_utilised_t", AnswerKind::amount},
    {"solid_waste_stock_utilised_t", AnswerKind::amount},
    {"solid_waste_utilisation_pct", AnswerKind::percent},
    {"process_equipment_advanced", AnswerKind::yes_no},
    {"green_investment_3y_10k_yuan", AnswerKind::amount},
    {"output_value_3y_10k_yuan", AnswerKind::amount},
    {"green_investment_share_pct", AnswerKind::percent},
    {"pollutant_intensity", AnswerKind::amount},
    {"green_design", AnswerKind::yes_no},
    {"product_carbon_footprint", AnswerKind::yes_no},
    {"anchors", AnswerKind::anchors},
};

// Indicators whose leading/baseline values the user supplies, with the standard's direction (Annex C type).
struct AnchorSpec {
    const char* id;
    bool positive;
    bool percent;
};
constexpr AnchorSpec k_anchorable[] = {
    {"energy_intensity", false, false},      {"carbon_intensity", false, false},
    {"renewable_share", true, true},         {"material_intensity", false, false},
    {"water_intensity", false, false},       {"water_reuse_rate", true, true},
    {"solid_waste_utilisation", true, true}, {"green_investment_share", true, true},
    {"pollutant_intensity", false, false},   {"land_output", true, false},
};

constexpr double k_max_amount = 1e12;

const AnswerSpec* answer_spec(const std::string& key) {
    for (const auto& s : k_answers)
        if (key == s.key) return &s;
    return nullptr;
}

const AnchorSpec* anchor_spec(const std::string& id) {
    for (const auto& s : k_anchorable)
        if (id == s.id) return &s;
    return nullptr;
}

bool valid_yes_no(const json& v) {
    if (v.is_null() || v.is_boolean()) return true;
    if (!v.is_string()) return false;
    const auto& s = v.get_ref<const std::string&>();
    return s == "yes" || s == "no" || s == "unknown";
}

// A finite number in [lo, hi], else an error at path; returns whether it is valid.
// `what` names the number in messages (the text of a label).
bool check_number(const json& v, const std::string& path, double lo, double hi, const texts::Text& what, Issues& is) {
    if (!v.is_number()) {
        texts::error(is, path, "wrong_type", "green_factory.not_number", {{"field", what.zh, what.en}});
        return false;
    }
    double d = v.get<double>();
    if (!std::isfinite(d)) {
        texts::error(is, path, "not_finite", "field.not_finite", {{"field", what.zh, what.en}});
        return false;
    }
    if (d < lo) {
        texts::error(is, path, lo == 0 ? "negative" : "too_small", "input.below_min",
                     {{"field", what.zh, what.en}, {"lo", num_text(lo)}, {"value", num_text(d)}});
        return false;
    }
    if (d > hi) {
        texts::error(is, path, "out_of_range", "green_factory.above_max",
                     {{"field", what.zh, what.en}, {"hi", num_text(hi)}, {"value", num_text(d)}});
        return false;
    }
    return true;
}

void check_text(const json& v, const std::string& path, std::size_t max_chars, Issues& is) {
    if (!v.is_string()) {
        texts::error(is, path, "wrong_type", "green_factory.not_text");
        return;
    }
    const auto& s = v.get_ref<const std::string&>();
    if (utf8_valid(s) && utf8_length(s) > max_chars)
        texts::error(is, path, "string_too_long", "input.string_too_long", {{"limit", std::to_string(max_chars)}});
}

void parse_platform(const json& v, const std::string& path, Issues& is) {
    if (v.is_number()) {
        if (!v.is_number_integer() &&
            !(v.is_number_float() && std::floor(v.get<double>()) == v.get<double>())) {
            texts::error(is, path, "wrong_type", "green_factory.platform_count_not_integer");
            return;
        }
        check_number(v, path, 0, k_gf_platform_count, texts::get("green_factory.platform_count"), is);
        return;
    }
    if (!v.is_array()) {
        texts::error(is, path, "wrong_type", "green_factory.platform_not_list", {{"max", num_text(k_gf_platform_count)}});
        return;
    }
    std::set<std::string> seen;
    for (std::size_t i = 0; i < v.size(); ++i) {
        const std::string p = path + "/" + std::to_string(i);
        if (!v[i].is_string()) {
            texts::error(is, p, "wrong_type", "green_factory.platform_id_not_text");
            continue;
        }
        const auto& id = v[i].get_ref<const std::string&>();
        if (!gf_platform_function(id))
            texts::warning(is, p, "unknown_platform_function", "green_factory.unknown_platform_function", {{"id", id}});
        else if (!seen.insert(id).second)
            texts::warning(is, p, "duplicate_platform_function", "green_factory.duplicate_platform_function", {{"id", id}});
    }
}

void parse_anchors(const json& v, const std::string& path, Issues& is) {
    if (!v.is_object()) {
        texts::error(is, path, "wrong_type", "green_factory.anchors_not_object");
        return;
    }
    for (auto it = v.begin(); it != v.end(); ++it) {
        const std::string p = path + "/" + it.key();
        const AnchorSpec* spec = anchor_spec(it.key());
        if (!spec) {
            texts::warning(is, p, "unknown_indicator", "green_factory.anchors_not_taken", {{"id", it.key()}});
            continue;
        }
        const json& a = it.value();
        if (!a.is_object()) {
            texts::error(is, p, "wrong_type", "green_factory.anchor_not_object");
            continue;
        }
        const double hi = spec->percent ? 100.0 : k_max_amount;
        bool ok = true;
        for (const char* k : {"leading", "baseline"}) {
            auto f = a.find(k);
            const texts::Text what = texts::get(std::string("green_factory.anchor.") + k);
            if (f == a.end() || f->is_null()) {
                texts::error(is, p + "/" + k, "missing", "green_factory.anchor_missing", {{"field", what.zh, what.en}});
                ok = false;
            } else if (!check_number(*f, p + "/" + k, 0, hi, what, is)) {
                ok = false;
            }
        }
        for (auto f = a.begin(); f != a.end(); ++f) {
            if (f.key() == "leading" || f.key() == "baseline") continue;
            if (f.key() == "unit")
                check_text(f.value(), p + "/unit", 50, is);
            else if (f.key() == "source")
                check_text(f.value(), p + "/source", 200, is);
            else
                texts::warning(is, p + "/" + f.key(), "unknown_key", "input.unknown_key", {{"key", f.key()}});
        }
        if (!ok) continue;
        const double lead = a["leading"].get<double>(), base = a["baseline"].get<double>();
        if (lead == base)
            texts::error(is, p, "anchors_equal", "green_factory.anchors_equal");
        else if (spec->positive && lead < base)
            texts::error(is, p, "anchors_inverted", "green_factory.anchors_inverted_positive");
        else if (!spec->positive && lead > base)
            texts::error(is, p, "anchors_inverted", "green_factory.anchors_inverted_negative");
    }
}

std::optional<GfNumber> gf_number(const json& v) {
    switch (v.type()) {
    case json::value_t::number_integer: return GfNumber(v.get<std::int64_t>());
    case json::value_t::number_unsigned: return GfNumber(v.get<std::uint64_t>());
    case json::value_t::number_float: return GfNumber(v.get<double>());
    default: return std::nullopt;
    }
}

json number_json(const GfNumber& n) {
    return std::visit([](auto v) { return json(v); }, n);
}

std::optional<GfNumberAnswer> number_answer(std::string_view key) {
    for (std::size_t i = 0; i <= std::size_t(GfNumberAnswer::pollutant_intensity); ++i)
        if (key == gf_number_answer_key(GfNumberAnswer(i))) return GfNumberAnswer(i);
    return std::nullopt;
}

void keep(json& kept, const std::string& key, const json& v) {
    if (!kept.is_object()) kept = json::object();
    kept[key] = v;
}

GfAnchor read_anchor(const std::string& id, const json& a) {
    GfAnchor an;
    an.id = id;
    for (auto f = a.begin(); f != a.end(); ++f) {
        const std::string& k = f.key();
        std::optional<GfNumber> n = gf_number(f.value());
        if (k == "leading" && n)
            an.leading = n;
        else if (k == "baseline" && n)
            an.baseline = n;
        else if (k == "unit" && f->is_string())
            an.unit = f->get<std::string>();
        else if (k == "source" && f->is_string())
            an.source = f->get<std::string>();
        else
            keep(an.kept, k, f.value());
    }
    return an;
}

// Every answer into its typed member, whatever the validation said (an invalid document is not
// assessed, but a direct caller reads the same values as before); the rest kept as written.
void read_answers(const json& j, GreenFactoryAnswers& out) {
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string& key = it.key();
        const json& v = it.value();
        if (key == "platform_functions" && !v.is_null()) {
            if (auto n = gf_number(v)) {
                out.platform = GreenFactoryAnswers::Platform::count;
                out.platform_count = *n;
            } else if (v.is_array()) {
                out.platform = GreenFactoryAnswers::Platform::list;
                bool all_text = true;
                for (const auto& f : v)
                    if (f.is_string()) out.platform_list.push_back(f.get<std::string>());
                    else all_text = false;
                if (!all_text) keep(out.kept, key, v);  // saved as written; only the ids are read
            } else {
                out.platform = GreenFactoryAnswers::Platform::other;
                keep(out.kept, key, v);
            }
            continue;
        }
        if (key == "anchors" && v.is_object()) {
            json not_objects = json::object();
            for (auto a = v.begin(); a != v.end(); ++a)
                if (a->is_object()) out.anchors.push_back(read_anchor(a.key(), a.value()));
                else not_objects[a.key()] = a.value();
            keep(out.kept, key, not_objects);  // also keeps an empty "anchors" written as {}
            continue;
        }
        if (v.is_boolean()) {
            out.yes_no.push_back({key, v.get<bool>(), false});
            continue;
        }
        if (v.is_string() && (v.get_ref<const std::string&>() == "yes" || v.get_ref<const std::string&>() == "no")) {
            out.yes_no.push_back({key, v.get_ref<const std::string&>() == "yes", true});
            continue;
        }
        if (auto n = gf_number(v)) {
            if (auto a = number_answer(key)) {
                out.numbers[std::size_t(*a)] = n;
                continue;
            }
        }
        keep(out.kept, key, v);
    }
}

} // namespace

void parse_green_factory(const json& j, const std::string& path, GreenFactoryAnswers& out, Issues& issues) {
    if (!j.is_object()) {
        texts::error(issues, path, "wrong_type", "green_factory.not_object");
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        const std::string p = path + "/" + it.key();
        const AnswerSpec* s = answer_spec(it.key());
        if (!s) {
            texts::warning(issues, p, "unknown_indicator", "green_factory.unknown_indicator", {{"key", it.key()}});
            continue;
        }
        const json& v = it.value();
        if (v.is_null()) continue; // not answered
        switch (s->kind) {
        case AnswerKind::yes_no:
            if (!valid_yes_no(v))
                texts::error(issues, p, "wrong_type", "green_factory.not_yes_no", {{"field", answer_label(*s).zh, answer_label(*s).en}});
            break;
        case AnswerKind::percent:
            check_number(v, p, 0, 100, answer_label(*s), issues);
            break;
        case AnswerKind::amount:
            check_number(v, p, 0, k_max_amount, answer_label(*s), issues);
            break;
        case AnswerKind::platform:
            parse_platform(v, p, issues);
            break;
        case AnswerKind::anchors:
            parse_anchors(v, p, issues);
            break;
        }
    }
    read_answers(j, out);
}


json green_factory_answers_to_json(const GreenFactoryAnswers& a) {
    json o = json::object();
    for (const auto& y : a.yes_no) o[y.id] = y.as_text ? json(y.yes ? "yes" : "no") : json(y.yes);
    for (std::size_t i = 0; i < std::size(a.numbers); ++i)
        if (a.numbers[i]) o[gf_number_answer_key(GfNumberAnswer(i))] = number_json(*a.numbers[i]);
    if (a.platform == GreenFactoryAnswers::Platform::count) o["platform_functions"] = number_json(a.platform_count);
    if (a.platform == GreenFactoryAnswers::Platform::list) o["platform_functions"] = a.platform_list;
    if (!a.anchors.empty()) {
        json& all = o["anchors"] = json::object();
        for (const auto& an : a.anchors) {
            json e = an.kept.is_object() ? an.kept : json::object();
            if (an.leading) e["leading"] = number_json(*an.leading);
            if (an.baseline) e["baseline"] = number_json(*an.baseline);
            if (an.unit) e["unit"] = *an.unit;
            if (an.source) e["source"] = *an.source;
            all[an.id] = std::move(e);
        }
    }
    if (a.kept.is_object())
        for (auto it = a.kept.begin(); it != a.kept.end(); ++it) {
            json& slot = o[it.key()];
            if (it.key() == "anchors" && slot.is_object() && it->is_object())
                slot.update(*it);  // entries that are not objects, beside the typed ones
            else
                slot = it.value();
        }
    return o;
}

} // namespace selfcheck
