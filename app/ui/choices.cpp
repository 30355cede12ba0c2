#include "ui/choices.hpp"

#include "i18n.hpp"
#include "measures.hpp"
#include "refdata.hpp"
#include "ui/widgets.hpp"

#include <map>

namespace selfcheck::app::ui {

const std::vector<std::pair<std::string, std::string>>& embedded_choice_files();  // generated (assets/data/choices.json)

namespace {
// The ids each choice field offers, in order, from assets/data/choices.json (the one list: the
// words are the i18n texts choice.<field>.<id>). Ids are those the core recognises
// (the enums of core/equipment.hpp, core/diagnosis.cpp, core/measures.cpp); "" = not set.
const json& choice_lists() {
    static const json lists = [] {
        for (const auto& [name, text] : embedded_choice_files()) {
            json j = json::parse(text, nullptr, false);
            if (j.is_object() && j.contains("fields") && j["fields"].is_object()) return j["fields"];
        }
        return json::object();
    }();
    return lists;
}
} // namespace

std::vector<std::string> choice_ids(const std::string& field) {
    std::vector<std::string> out;
    const json& l = choice_lists();
    if (auto it = l.find(field); it != l.end() && it->is_array())
        for (const json& id : *it)
            if (id.is_string()) out.push_back(id.get<std::string>());
    return out;
}

const Choices* choices_for(const std::string& field) {
    static std::map<std::string, Choices> cache;
    static std::string lang;
    if (lang != language()) {
        cache.clear();
        lang = language();
    }
    if (auto it = cache.find(field); it != cache.end()) return &it->second;
    const std::vector<std::string> ids = choice_ids(field);
    if (ids.empty()) return nullptr;
    Choices c;
    c.emplace_back("", tr("common.not_set"));
    for (const std::string& id : ids) {
        const std::string key = "choice." + field + "." + id;
        c.emplace_back(id, tr(key.c_str()));  // tr() returns a stable pointer
    }
    return &(cache[field] = std::move(c));
}

std::string unit_word(const std::string& id) {
    if (id.empty()) return id;
    const std::string key = "unit.id." + id;
    const char* w = tr(key.c_str());
    if (key != w) return w;  // tr() gives the key back when it has no text
    return id;
}

std::string unit_text(const std::string& symbol) {
    static const std::pair<const char*, const char*> k[] = {
        {"h/a", "unit.sym.h_per_a"},   {"0-1", "unit.sym.fraction01"}, {"m3/min", "unit.sym.m3_per_min"},
        {"kW/(m3/min)", "unit.sym.kw_per_m3_min"}, {"m2", "unit.sym.m2"}, {"t/h", "unit.sym.t_per_h"},
        {"IE1-5", ""},                  {"gas/liquid", ""},
        {"GJ/a", "unit.sym.gj_per_a"}, {"t/a", "unit.sym.t_per_a"}, {"m3/a", "unit.sym.m3_per_a"}, {"m/a", "unit.sym.m_per_a"},
        {"kWh/a", "unit.sym.kwh_per_a"}, {"m3/d", "unit.sym.m3_per_d"}, {"yuan/m3", "unit.sym.yuan_per_m3"},
        {"d/a", "unit.sym.d_per_a"},
        {"kW", "unit.sym.kw"},          {"kVA", "unit.sym.kva"},       {"MPa", "unit.sym.mpa"},
        {"W", "unit.sym.w"},            {"kWp", "unit.sym.kwp"},       {"kWh", "unit.sym.kwh"},
        {"kgce", "unit.sym.kgce"},      {"kgoe", "unit.sym.kgoe"},     {"°C", "unit.celsius"},
    };
    for (const auto& [s, key] : k)
        if (symbol == s) return key[0] ? tr(key) : "";
    // a ratio of units ("kgce/t", "kWh/t"): each part as a word (千克标准煤/吨)
    if (const auto slash = symbol.find('/'); slash != std::string::npos && slash > 0 && slash + 1 < symbol.size()) {
        const std::string a = symbol.substr(0, slash), b = symbol.substr(slash + 1);
        if (b.find('/') == std::string::npos) {
            std::string wa = unit_text(a), wb = unit_text(b);
            if (wa == a) wa = unit_word(a);
            if (wb == b) wb = unit_word(b);
            return wa + "/" + wb;
        }
    }
    return symbol;
}

std::string measure_name(const AppState& s, const std::string& id) {
    if (s.ref)
        if (const RefRecord* r = s.ref->record("measures", "measure/" + id)) {
            const std::string n = local(r->raw, "name");
            if (!n.empty()) return n;
        }
    return id;
}

std::string field_word(const std::string& key) {
    std::string k = "eq.f." + key;
    const char* w = tr(k.c_str());
    if (k != w) return w;
    k = "field." + key;
    w = tr(k.c_str());
    if (k != w) return w;
    // A need the measures write as a sentence (portfolio not_evaluated: "fuel_quantity or the fuel
    // in energy[]"): the same text in the user's language.
    if (const auto need = need_written_as(key)) {
        texts::Text t = measure_need_words({*need});
        return lang_en() ? t.en : t.zh;
    }
    return key;
}

std::string field_words(const nlohmann::json& keys) {
    std::string out;
    if (!keys.is_array()) return out;
    for (const auto& x : keys) {
        if (!x.is_string()) continue;
        if (!out.empty()) out += lang_en() ? ", " : "、";
        out += field_word(x.get<std::string>());
    }
    return out;
}

} // namespace selfcheck::app::ui
