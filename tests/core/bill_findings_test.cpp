// What the bill says, worked by hand from the bill values (no tariff assumed).
#include "bills/bills.hpp"
#include "test_util.hpp"

#include <cmath>

using namespace selfcheck;
using namespace selfcheck::test;
using namespace selfcheck::bills;

namespace {
json three_months() {
    json ms = json::array();
    // month: capacity 1000 kVA at 30 yuan/kVA·month, demand price 40 yuan/kW·month, billed by capacity
    struct M { int month; double kw, pf, adj; };
    for (M m : {M{1, 500, 0.80, 1500}, M{2, 350, 0.95, -100}, M{3, 800, 0.88, 600}})
        ms.push_back({{"month", m.month}, {"kwh", 100000}, {"sharp_kwh", 10000}, {"peak_kwh", 30000}, {"flat_kwh", 40000},
                      {"valley_kwh", 20000}, {"sharp_price_yuan_per_kwh", 1.2}, {"peak_price_yuan_per_kwh", 1.0},
                      {"flat_price_yuan_per_kwh", 0.6}, {"valley_price_yuan_per_kwh", 0.3}, {"max_demand_kw", m.kw},
                      {"capacity_kva", 1000}, {"billing_mode", "capacity"}, {"capacity_price_yuan_per_kva_month", 30},
                      {"demand_price_yuan_per_kw_month", 40}, {"power_factor", m.pf}, {"pf_adjustment_yuan", m.adj}});
    json d = doc(json::array({{{"carrier", "electricity"}, {"quantity", 1200000}, {"unit", "kWh"}}}));
    d["bills"] = {{"electricity", {{"months", ms}}}};
    return d;
}
const Finding* finding(const Result& r, const std::string& id) {
    for (const auto& f : r.findings)
        if (f.id == id) return &f;
    return nullptr;
}
const MeasureResult* measure(const Result& r, const std::string& id) {
    for (const auto& m : r.measures)
        if (m.id == id) return &m;
    return nullptr;
}
} // namespace

TEST_CASE("basic charge: capacity vs maximum demand month by month", "[bills][findings]") {
    Input in = parse_ok(three_months());
    auto c = compare_basic_charge(in.bills.electricity, 0.4);
    REQUIRE(c);
    // capacity: 1000 kVA × 30 = 30,000 yuan a month, × 3 = 90,000
    CHECK_THAT(c->capacity_total_yuan, WithinAbs(90000, 1e-6));
    // demand: m1 500 kW × 40 = 20,000; m2 350 kW is below 40 % of 1000 kVA, billed 400 × 40 = 16,000;
    // m3 800 × 40 = 32,000; total 68,000
    CHECK_THAT(c->months[1].demand_yuan, WithinAbs(16000, 1e-6));
    CHECK_THAT(c->demand_total_yuan, WithinAbs(68000, 1e-6));
    CHECK(c->cheaper == "demand");
    CHECK_THAT(c->saving_yuan, WithinAbs(22000, 1e-6));  // billed 90,000 − 68,000
    Result r = assess(in, ref());
    const MeasureResult* m = measure(r, "bill_basic_charge_mode");
    REQUIRE(m);
    CHECK_THAT(m->annual_saving_10k_yuan, WithinAbs(2.2, 1e-9));  // 22,000 yuan = 2.2 万元
    CHECK(m->investment_10k_yuan == 0);
    const Finding* f = finding(r, "bill_basic_charge_mode");
    REQUIRE(f);
    CHECK(finding_message(*f).zh.find("2.2 万元") != std::string::npos);
    CHECK(finding_clause(*f).find("1583") != std::string::npos);
}

TEST_CASE("time of use: shares and the saving of moving load to valley hours at the bill's prices", "[bills][findings]") {
    Input in = parse_ok(three_months());
    auto t = tou_summary(in.bills.electricity, 0.1);
    REQUIRE(t);
    // per month sharp 10,000 of 100,000 kWh = 10 %, peak 30,000 = 30 %
    CHECK_THAT(t->sharp_kwh / t->total_kwh, WithinAbs(0.10, 1e-12));
    CHECK_THAT(t->peak_kwh / t->total_kwh, WithinAbs(0.30, 1e-12));
    // a month: 0.1 × (10,000 × (1.2 − 0.3) + 30,000 × (1.0 − 0.3)) = 0.1 × (9,000 + 21,000) = 3,000 yuan; × 3 = 9,000
    REQUIRE(t->shift_saving_yuan);
    CHECK_THAT(*t->shift_saving_yuan, WithinAbs(9000, 1e-6));
    CHECK_THAT(*t->valley_price, WithinAbs(0.3, 1e-12));
    // a stated share replaces the illustrative one
    json d = three_months();
    d["bills"]["electricity"]["load_shift_share"] = 0.2;
    Result r = assess_doc(d);
    const Finding* f = finding(r, "bill_tou_shares");
    REQUIRE(f);
    CHECK_THAT(evidence_to_json(f->evidence)["shift_saving_yuan"].get<double>(), WithinAbs(18000, 1e-6));  // 2 × 9,000
    CHECK(evidence_to_json(f->evidence)["shift_share_stated"] == true);
    // without period prices there is no saving, and the finding says what is missing
    json np = three_months();
    for (auto& m : np["bills"]["electricity"]["months"]) m.erase("valley_price_yuan_per_kwh");
    CHECK_FALSE(tou_summary(parse_ok(np).bills.electricity, 0.1)->shift_saving_yuan);
}

TEST_CASE("power factor: months below 0.90, the adjustment paid, the capacitor size", "[bills][findings]") {
    // tan φ = sqrt(1 − pf²) / pf. pf 0.80: 0.6 / 0.8 = 0.75. pf 0.90: sqrt(0.19) / 0.9 = 0.435890 / 0.9 = 0.484322.
    // Qc = 500 kW × (0.75 − 0.484322) = 500 × 0.265678 = 132.84 kvar
    CHECK_THAT(capacitor_kvar(500, 0.80, 0.90), WithinAbs(132.839, 1e-3));
    CHECK(capacitor_kvar(500, 0.95, 0.90) == 0);
    Result r = assess_doc(three_months());
    const Finding* f = finding(r, "bill_power_factor");
    REQUIRE(f);
    // 1000 kVA ≥ 160 kVA: the 0.90 standard (assumed industrial high-voltage customer)
    CHECK(evidence_to_json(f->evidence)["threshold"] == 0.90);
    CHECK(evidence_to_json(f->evidence)["customer_type_assumed"] == true);
    CHECK(evidence_to_json(f->evidence)["months_below"] == json::array({1, 3}));
    // month 3: pf 0.88 → tan = sqrt(1 − 0.7744)/0.88 = 0.474974/0.88 = 0.539743; 800 × (0.539743 − 0.484322) = 44.34 kvar;
    // month 1 needs more (132.84), so it sizes the capacitor
    CHECK_THAT(evidence_to_json(f->evidence)["capacitor_kvar"].get<double>(), WithinAbs(132.839, 1e-3));
    CHECK(evidence_to_json(f->evidence)["sized_for_month"] == 1);
    // penalties on the bill: 1,500 + 600 = 2,100 yuan (the −100 reward of month 2 is not a penalty)
    CHECK_THAT(evidence_to_json(f->evidence)["penalty_yuan"].get<double>(), WithinAbs(2100, 1e-9));
    CHECK(finding_clause(*f).find("215") != std::string::npos);
    const MeasureResult* m = measure(r, "bill_pf_capacitor");
    REQUIRE(m);
    CHECK_THAT(m->annual_saving_10k_yuan, WithinAbs(0.21, 1e-12));
    CHECK(m->physical.flag("investment_unknown") == true);
    // a customer of 100–160 kVA (other industrial): standard 0.85, so month 3 (0.88) is fine
    json d = three_months();
    d["bills"]["electricity"]["customer_type"] = "other_100kva";
    Result r2 = assess_doc(d);
    const Finding* f2 = finding(r2, "bill_power_factor");
    REQUIRE(f2);
    CHECK(evidence_to_json(f2->evidence)["months_below"] == json::array({1}));
}

TEST_CASE("bill fields are validated with located bilingual errors", "[bills][io]") {
    json d = three_months();
    d["bills"]["electricity"]["months"][1]["power_factor"] = 1.4;
    d["bills"]["electricity"]["months"][2]["month"] = 1;
    d["bills"]["electricity"]["months"][0]["billing_mode"] = "monthly";
    Issues is = parse_issues(d.dump());
    CHECK(has_issue(is, "out_of_range", "/bills/electricity/months/1/power_factor"));
    CHECK(has_issue(is, "duplicate_month", "/bills/electricity/months/2/month"));
    CHECK(has_issue(is, "bill_mode", "/bills/electricity/months/0/billing_mode"));
    for (const auto& i : is.items) {
        CHECK_FALSE(i.message_zh.empty());
        CHECK_FALSE(i.message_en.empty());
        CHECK(i.message_zh.find("bills.") == std::string::npos);  // no missing text key shown
    }
    // TOU periods that do not add up to the month are a warning on the month's energy
    json w = three_months();
    w["bills"]["electricity"]["months"][0]["kwh"] = 90000;
    CHECK(has_issue(parse_issues(w.dump()), "tou_sum_mismatch", "/bills/electricity/months/0/kwh"));
    // the document round-trips with its bills
    Input in = parse_ok(three_months());
    json out = input_to_json(in);
    CHECK(out["bills"]["electricity"]["months"][2]["max_demand_kw"] == 800);
    CHECK(parse_ok(out).bills.electricity.months.size() == 3);
}

TEST_CASE("storage arbitrage uses the bill's own peak and valley prices", "[bills][findings]") {
    Result r = assess_doc(three_months());
    const MeasureResult* m = measure(r, "storage_arbitrage");
    REQUIRE(m);  // evaluated whenever electricity is bought
    // the flag survives aggregation over rows, and a note says where the prices came from
    CHECK(m->physical.flag("prices_from_bill").value_or(false));
    REQUIRE(m->items.size() == 1);
    CHECK(m->items[0].physical.flag("prices_from_bill") == true);
    // kWh-weighted prices of the three months (the same each month): sharp 1.2, peak 1.0, valley 0.3
    CHECK_THAT(m->items[0].physical.number("bill_peak_price_yuan_per_kwh").value(), WithinAbs(1.0, 1e-12));
    CHECK_THAT(m->items[0].physical.number("bill_valley_price_yuan_per_kwh").value(), WithinAbs(0.3, 1e-12));
    bool note = false;
    for (const auto& n : m->notes)
        if (measure_note_text(n).find("低谷 0.3") != std::string::npos && measure_note_text(n).find("尖峰 1.2") != std::string::npos)
            note = true;
    CHECK(note);
    // measures.json storage_arbitrage/*: round trip 0.88, 2 cycles a day, 220 spring/autumn days
    // (peak) and 110 summer/winter days (sharp peak), derate 0.72, 1.1 yuan/Wh, O&M 2 %/a, 300 d/a, 2 h.
    // value of one kWh cycled: spring/autumn 1.0 − 0.3/0.88 = 0.659091; summer/winter 1.2 − 0.3/0.88 = 0.859091
    // gross = 2 × (220 × 0.659091 + 110 × 0.859091) = 2 × (145.0 + 94.5) = 479.0 yuan per kWh of capacity a year
    CHECK_THAT(m->items[0].physical.number("gross_yuan_per_kwh_year").value(), WithinAbs(479.0, 1e-9));
    // capacity: 1,200,000 kWh / (300 d × 24 h) = 166.7 kW × 2 h = 333 kWh, rounded down to 100s: 300 kWh
    CHECK_THAT(m->items[0].physical.number("capacity_kwh").value(), WithinAbs(300, 1e-9));
    // net = 479 × 0.72 × 300 − 300 × 1000 × 1.1 × 0.02 = 103,464 − 6,600 = 96,864 yuan = 9.6864 万元
    CHECK_THAT(m->annual_saving_10k_yuan, WithinAbs(9.6864, 1e-9));

    // without prices on the bill: the tariff defaults, no flag, the tariff note
    json d = three_months();
    for (auto& mo : d["bills"]["electricity"]["months"])
        for (const char* k : {"sharp_price_yuan_per_kwh", "peak_price_yuan_per_kwh", "flat_price_yuan_per_kwh", "valley_price_yuan_per_kwh"})
            mo.erase(k);
    Result r2 = assess_doc(d);
    const MeasureResult* m2 = measure(r2, "storage_arbitrage");
    REQUIRE(m2);
    CHECK_FALSE(m2->physical.contains("prices_from_bill"));
    CHECK_FALSE(m2->items[0].physical.contains("prices_from_bill"));
    CHECK(m2->items[0].physical.number("gross_yuan_per_kwh_year").value() != Catch::Approx(479.0));
}

