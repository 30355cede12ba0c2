// Unit conversion to carrier base units: only definitional factors, and refusal across dimensions.
#include "test_util.hpp"

using namespace selfcheck;
using namespace selfcheck::test;

TEST_CASE("every unit id round-trips", "[units]") {
    for (const char* id : {"kWh", "MWh", "10k_kWh", "t", "kg", "m3", "10k_m3", "GJ", "MJ", "L"}) {
        auto u = parse_unit(id);
        REQUIRE(u);
        CHECK(unit_id(*u) == id);
    }
    CHECK_FALSE(parse_unit("tonnes"));
    CHECK_FALSE(parse_unit(""));
}

TEST_CASE("conversions to base units are the definitional factors", "[units]") {
    CHECK(*to_base_factor(Unit::t, BaseUnit::kg) == 1000.0);
    CHECK(*to_base_factor(Unit::kg, BaseUnit::kg) == 1.0);
    CHECK(*to_base_factor(Unit::w_m3, BaseUnit::m3) == 10000.0);  // 1 万立方米 = 10^4 m3
    CHECK(*to_base_factor(Unit::MWh, BaseUnit::kWh) == 1000.0);
    CHECK(*to_base_factor(Unit::w_kWh, BaseUnit::kWh) == 10000.0);  // 1 万千瓦时 = 10^4 kWh
    CHECK(*to_base_factor(Unit::MJ, BaseUnit::GJ) == 0.001);
    CHECK(*to_base_factor(Unit::L, BaseUnit::kg, 0.85) == 0.85);
}

TEST_CASE("conversions across dimensions are refused", "[units]") {
    CHECK_FALSE(to_base_factor(Unit::kWh, BaseUnit::kg));
    CHECK_FALSE(to_base_factor(Unit::t, BaseUnit::m3));
    CHECK_FALSE(to_base_factor(Unit::m3, BaseUnit::GJ));
    CHECK_FALSE(to_base_factor(Unit::L, BaseUnit::kg));  // no density given
    CHECK_FALSE(to_base_factor(Unit::GJ, BaseUnit::kWh));
}
