// Parsing, validation and JSON of the document's "bills" section.
#include "bills/bills.hpp"

#include "texts.hpp"
#include "selfcheck.hpp"
#include "validate.hpp"

#include <cmath>
#include <set>

namespace selfcheck::bills {

using nlohmann::json;

const std::vector<FieldSpec>& month_fields() {
    static const std::vector<FieldSpec> f = {
        {"kwh", 0, 1e10},
        {"sharp_kwh", 0, 1e10},
        {"peak_kwh", 0, 1e10},
        {"flat_kwh", 0, 1e10},
        {"valley_kwh", 0, 1e10},
        {"max_demand_kw", 0, 1e7},
        {"capacity_kva", 0, 1e7},
        {"capacity_price_yuan_per_kva_month", 0, 200},
        {"demand_price_yuan_per_kw_month", 0, 300},
        {"power_factor", 0, 1},
        {"cost_yuan", 0, 1e10},
        {"basic_charge_yuan", 0, 1e10},
        {"pf_adjustment_yuan", -1e9, 1e9},  // negative: a reward for a power factor above the standard
        {"sharp_price_yuan_per_kwh", 0, 10},
        {"peak_price_yuan_per_kwh", 0, 10},
        {"flat_price_yuan_per_kwh", 0, 10},
        {"valley_price_yuan_per_kwh", 0, 10},
    };
    return f;
}

namespace {
texts::Arg field_arg(const std::string& key) {
    texts::Text t = texts::get("bills.field." + key);
    return texts::Arg("field", t.zh, t.en);
}
texts::Arg month_arg(int m) { return texts::Arg("month", std::to_string(m)); }

void parse_month(const json& j, const std::string& path, BillMonth& m, Issues& is) {
    std::set<std::string> seen{"month", "billing_mode"};
    auto mj = j.find("month");
    if (mj == j.end() || !mj->is_number_integer() || mj->get<long long>() < 1 || mj->get<long long>() > 12)
        texts::error(is, path + "/month", "bill_month", "bills.bad_month");
    else
        m.month = mj->get<int>();
    for (const auto& f : month_fields()) {
        seen.insert(f.key);
        auto it = j.find(f.key);
        if (it == j.end() || it->is_null()) continue;
        const std::string p = path + "/" + f.key;
        if (!it->is_number() || !std::isfinite(it->get<double>())) {
            texts::error(is, p, "wrong_type", "bills.not_number", {field_arg(f.key), month_arg(m.month)});
            continue;
        }
        double d = it->get<double>();
        if (d < f.lo || d > f.hi) {
            texts::error(is, p, "out_of_range", "bills.out_of_range",
                         {field_arg(f.key), month_arg(m.month), texts::Arg("value", num_text(d)),
                          texts::Arg("lo", num_text(f.lo)), texts::Arg("hi", num_text(f.hi))});
            continue;
        }
        m.v[f.key] = d;
    }
    if (auto it = j.find("billing_mode"); it != j.end() && !it->is_null()) {
        std::string mode = it->is_string() ? it->get<std::string>() : std::string();
        if (mode == "capacity" || mode == "demand") m.billing_mode = mode;
        else texts::error(is, path + "/billing_mode", "bill_mode", "bills.bad_mode", {month_arg(m.month)});
    }
    if (auto pf = m.get("power_factor"); pf && *pf == 0) {
        texts::error(is, path + "/power_factor", "out_of_range", "bills.pf_zero", {month_arg(m.month)});
        m.v.erase("power_factor");
    }
    // The four time-of-use periods add up to the month's energy (1 % allows for rounding on the bill).
    auto s = m.get("sharp_kwh"), pk = m.get("peak_kwh"), fl = m.get("flat_kwh"), va = m.get("valley_kwh");
    if (auto k = m.get("kwh"); k && (pk || fl || va)) {
        double sum = s.value_or(0) + pk.value_or(0) + fl.value_or(0) + va.value_or(0);
        if (std::fabs(sum - *k) > 0.01 * std::max(1.0, *k))
            texts::warning(is, path + "/kwh", "tou_sum_mismatch", "bills.tou_sum",
                           {month_arg(m.month), texts::Arg("sum", num_text(sum)), texts::Arg("kwh", num_text(*k))});
    }
    if (auto d = m.get("max_demand_kw"), c = m.get("capacity_kva"); d && c && *c > 0 && *d > *c * 1.05)
        texts::warning(is, path + "/max_demand_kw", "demand_above_capacity", "bills.demand_above_capacity",
                       {month_arg(m.month), texts::Arg("kw", num_text(*d)), texts::Arg("kva", num_text(*c))});
    for (auto it = j.begin(); it != j.end(); ++it)
        if (!seen.count(it.key())) {
            texts::warning(is, path + "/" + it.key(), "unknown_key", "bills.unknown_key", {texts::Arg("key", it.key())});
            m.unknown[it.key()] = it.value();
        }
}
} // namespace

void parse_bills(const json& j, const std::string& path, const RefData& ref, Bills& out, Issues& is) {
    out.present = true;
    if (!j.is_object()) {
        texts::error(is, path, "wrong_type", "bills.not_object");
        return;
    }
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (it.key() != "electricity") {
            out.unknown[it.key()] = it.value();
            continue;
        }
        const json& e = it.value();
        const std::string ep = path + "/electricity";
        if (!e.is_object()) {
            texts::error(is, ep, "wrong_type", "bills.not_object");
            continue;
        }
        for (auto f = e.begin(); f != e.end(); ++f) {
            if (f.key() == "customer_type") {
                std::string ct = f->is_string() ? f->get<std::string>() : std::string();
                if (!ref.record("power_factor_standards", ct))
                    texts::error(is, ep + "/customer_type", "unknown_customer_type", "bills.bad_customer_type");
                else
                    out.electricity.customer_type = ct;
            } else if (f.key() == "load_shift_share") {
                if (!f->is_number() || f->get<double>() < 0 || f->get<double>() > 1)
                    texts::error(is, ep + "/load_shift_share", "out_of_range", "bills.bad_shift_share");
                else
                    out.electricity.load_shift_share = f->get<double>();
            } else if (f.key() == "months") {
                if (!f->is_array()) {
                    texts::error(is, ep + "/months", "wrong_type", "bills.not_array");
                    continue;
                }
                std::set<int> months;
                for (std::size_t i = 0; i < f->size(); ++i) {
                    const std::string mp = ep + "/months/" + std::to_string(i);
                    if (!(*f)[i].is_object()) {
                        texts::error(is, mp, "wrong_type", "bills.not_object");
                        continue;
                    }
                    BillMonth m;
                    parse_month((*f)[i], mp, m, is);
                    if (m.month && !months.insert(m.month).second)
                        texts::error(is, mp + "/month", "duplicate_month", "bills.duplicate_month", {month_arg(m.month)});
                    out.electricity.months.push_back(std::move(m));
                }
            } else {
                out.electricity.unknown[f.key()] = f.value();
            }
        }
    }
}

json bills_to_json(const Bills& b) {
    json j = b.unknown;
    json e = b.electricity.unknown;
    if (!b.electricity.customer_type.empty()) e["customer_type"] = b.electricity.customer_type;
    if (b.electricity.load_shift_share) e["load_shift_share"] = *b.electricity.load_shift_share;
    json ms = json::array();
    for (const auto& m : b.electricity.months) {
        json r = m.unknown;
        r["month"] = m.month;
        for (const auto& f : month_fields())
            if (auto v = m.get(f.key)) r[f.key] = *v;
        if (!m.billing_mode.empty()) r["billing_mode"] = m.billing_mode;
        ms.push_back(std::move(r));
    }
    e["months"] = std::move(ms);
    j["electricity"] = std::move(e);
    return j;
}

void check_bills_against_energy(const Input& in, Issues& is) {
    if (!in.bills.present) return;
    for (std::size_t r = 0; r < in.energy.size(); ++r) {
        const EnergyUse& u = in.energy[r];
        if (u.carrier != "electricity" || !u.monthly) continue;
        auto f = to_base_factor(u.unit, BaseUnit::kWh);
        if (!f) continue;
        for (const auto& m : in.bills.electricity.months) {
            auto k = m.get("kwh");
            if (!k || m.month < 1) continue;
            double row = (*u.monthly)[static_cast<std::size_t>(m.month - 1)] * *f;
            if (std::fabs(row - *k) > 0.01 * std::max(1.0, *k))
                texts::warning(is, "/energy/" + std::to_string(r) + "/monthly/" + std::to_string(m.month - 1),
                               "bill_energy_mismatch", "bills.energy_mismatch",
                               {month_arg(m.month), texts::Arg("row", num_text(row)), texts::Arg("kwh", num_text(*k))});
        }
        break;
    }
}

} // namespace selfcheck::bills
