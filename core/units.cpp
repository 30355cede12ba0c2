#include "units.hpp"
#include "texts.hpp"

namespace selfcheck {

namespace {
struct UnitInfo {
    Unit unit;
    std::string_view id;  // its words are the text "unit.<id>"
};
constexpr UnitInfo k_units[] = {
    {Unit::kWh, "kWh"}, {Unit::MWh, "MWh"}, {Unit::w_kWh, "10k_kWh"}, {Unit::t, "t"},   {Unit::kg, "kg"},
    {Unit::m3, "m3"},   {Unit::w_m3, "10k_m3"}, {Unit::GJ, "GJ"},     {Unit::MJ, "MJ"}, {Unit::L, "L"},
};
} // namespace

std::optional<Unit> parse_unit(std::string_view s) {
    for (const auto& u : k_units)
        if (u.id == s) return u.unit;
    return std::nullopt;
}

std::string_view unit_id(Unit u) {
    for (const auto& i : k_units)
        if (i.unit == u) return i.id;
    return "?";
}

std::string unit_label_zh(Unit u) {
    for (const auto& i : k_units)
        if (i.unit == u) return texts::get(std::string("unit.") + std::string(i.id)).zh;
    return "?";
}

std::optional<BaseUnit> parse_base_unit(std::string_view s) {
    if (s == "kg") return BaseUnit::kg;
    if (s == "m3") return BaseUnit::m3;
    if (s == "kWh") return BaseUnit::kWh;
    if (s == "GJ") return BaseUnit::GJ;
    return std::nullopt;
}

std::string_view base_unit_id(BaseUnit b) {
    switch (b) {
    case BaseUnit::kg: return "kg";
    case BaseUnit::m3: return "m3";
    case BaseUnit::kWh: return "kWh";
    case BaseUnit::GJ: return "GJ";
    }
    return "?";
}

std::optional<double> to_base_factor(Unit u, BaseUnit b, std::optional<double> density_kg_per_l) {
    switch (b) {
    case BaseUnit::kg:
        if (u == Unit::kg) return 1.0;
        if (u == Unit::t) return 1000.0;
        if (u == Unit::L && density_kg_per_l) return *density_kg_per_l;
        return std::nullopt;
    case BaseUnit::m3:
        if (u == Unit::m3) return 1.0;
        if (u == Unit::w_m3) return 10000.0;
        return std::nullopt;
    case BaseUnit::kWh:
        if (u == Unit::kWh) return 1.0;
        if (u == Unit::MWh) return 1000.0;
        if (u == Unit::w_kWh) return 10000.0;
        return std::nullopt;
    case BaseUnit::GJ:
        if (u == Unit::GJ) return 1.0;
        if (u == Unit::MJ) return 0.001;
        return std::nullopt;
    }
    return std::nullopt;
}

} // namespace selfcheck
