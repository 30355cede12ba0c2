#include "units.hpp"

namespace selfcheck {

namespace {
struct UnitInfo {
    Unit unit;
    std::string_view id;
    std::string_view zh;
};
constexpr UnitInfo k_units[] = {
    {Unit::kWh, "kWh", "千瓦时"}, {Unit::MWh, "MWh", "兆瓦时"}, {Unit::w_kWh, "10k_kWh", "万千瓦时"},
    {Unit::t, "t", "吨"},         {Unit::kg, "kg", "千克"},      {Unit::m3, "m3", "立方米"},
    {Unit::w_m3, "10k_m3", "万立方米"}, {Unit::GJ, "GJ", "吉焦"}, {Unit::MJ, "MJ", "兆焦"},
    {Unit::L, "L", "升"},
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

std::string_view unit_label_zh(Unit u) {
    for (const auto& i : k_units)
        if (i.unit == u) return i.zh;
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
