#include "ui/choices.hpp"

#include "i18n.hpp"
#include "refdata.hpp"
#include "ui/widgets.hpp"

#include <map>

namespace selfcheck::app::ui {

namespace {
struct Set {
    const char* field;
    std::vector<const char*> ids;  // in the order offered
};
// Ids the core recognises (core/diagnosis.cpp, core/measures.cpp); "" = not set.
const Set k_sets[] = {
    {"speed_control", {"none", "fixed", "vsd"}},
    {"flow_control", {"throttle", "damper", "bypass", "inlet_vanes", "on_off", "vsd"}},
    {"efficiency_class", {"IE1", "IE2", "IE3", "IE4", "IE5"}},
    {"fuel", {"natural_gas", "raw_coal", "washed_coal", "coke", "lpg", "diesel", "fuel_oil", "biomass", "electricity"}},
    {"lamp_type", {"fluorescent", "metal_halide", "high_pressure_sodium", "incandescent", "led"}},
    {"structure", {"steel", "concrete"}},
    {"medium", {"gas", "liquid"}},
    {"source", {"steam", "gas", "electric"}},                   // process heat: heat pump on "electric" replaces electricity
    {"process", {"jet", "overflow", "cpb", "jigger"}},           // dyeing: CPB saving applies to jet and overflow
    {"method", {"rotary_screen", "flat_screen", "digital"}},     // printing: digital printing replaces the screen methods
};
} // namespace

const Choices* choices_for(const std::string& field) {
    static std::map<std::string, Choices> cache;
    static std::string lang;
    static std::vector<std::string> keys;  // storage for i18n keys (tr needs a key string)
    if (lang != language()) {
        cache.clear();
        lang = language();
    }
    if (auto it = cache.find(field); it != cache.end()) return &it->second;
    for (const Set& s : k_sets) {
        if (field != s.field) continue;
        Choices c;
        c.emplace_back("", tr("common.not_set"));
        for (const char* id : s.ids) {
            const std::string key = std::string("choice.") + s.field + "." + id;
            c.emplace_back(id, tr(key.c_str()));
        }
        return &(cache[field] = std::move(c));
    }
    return nullptr;
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
    };
    for (const auto& [s, key] : k)
        if (symbol == s) return key[0] ? tr(key) : "";
    return symbol;
}

std::string measure_name(const AppState& s, const std::string& id) {
    if (s.ref)
        if (const Record* r = s.ref->record("measures", "measure/" + id)) {
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
    return k != w ? std::string(w) : key;
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
