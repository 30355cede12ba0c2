// Numbers people read (viz/numbers.cpp): one grouping, precision by what is measured, the CSV
// escaper. Expected strings are worked by hand from the rule written beside each check.
#include "numbers.hpp"

#include <catch2/catch_test_macros.hpp>

#include <cmath>
#include <limits>

using namespace selfcheck;
using viz::Measure;

TEST_CASE("thousands grouping", "[viz][numbers]") {
    CHECK(viz::group(9500000, 0) == "9,500,000");
    CHECK(viz::group(1234567.891, 2) == "1,234,567.89");
    CHECK(viz::group(999.5, 0) == "1,000");  // rounds half away from zero into a new group
    CHECK(viz::group(-1234.5, 1) == "-1,234.5");
    CHECK(viz::group(-0.0001, 2) == "0.00");  // no "-0.00"
    CHECK(viz::group(12, 0) == "12");
    CHECK(viz::group(100, 0) == "100");
    CHECK(viz::group(std::nan(""), 2) == "—");
    CHECK(viz::group(std::numeric_limits<double>::infinity(), 0) == "—");
}

TEST_CASE("significant figures never drop integer digits", "[viz][numbers]") {
    CHECK(viz::significant(3.1793, 3) == "3.18");    // L of sample 01 in one form everywhere
    CHECK(viz::significant(3.17930, 3) == viz::format(3.1793, Measure::intensity));
    CHECK(viz::significant(0.065213, 3) == "0.0652");  // first figure at 10^-2: 4 decimals
    CHECK(viz::significant(0.5306, 3) == "0.531");
    CHECK(viz::significant(12.345, 3) == "12.3");
    CHECK(viz::significant(1234.6, 3) == "1,235");     // integer part kept whole (ties round to even: avoid .5)
    CHECK(viz::significant(9.996, 3) == "10.0");       // rounds up to 10: one decimal fewer
    CHECK(viz::significant(-0.8766, 3) == "-0.877");  // -0.8765 is stored as -0.87649999..., so not a tie
    CHECK(viz::significant(0, 3) == "0.00");
}

TEST_CASE("precision by unit", "[viz][numbers]") {
    CHECK(viz::format(9500000, Measure::kwh) == "9,500,000");        // kWh: integers
    CHECK(viz::format(104166.6667, Measure::kwh) == "104,167");
    CHECK(viz::format(812.3449, Measure::tce) == "812.34");          // tce below 1,000: 2 decimals
    CHECK(viz::format(8036.0352, Measure::tce) == "8,036.0");        // from 1,000: 1 decimal
    CHECK(viz::format(-20.7, Measure::tce) == "-20.70");
    CHECK(viz::format(9087.44, Measure::tco2) == "9,087.4");
    CHECK(viz::format(0.5306, Measure::intensity) == "0.531");       // 3 significant figures
    CHECK(viz::format(1234.567, Measure::money_10k_yuan) == "1,234.57");  // 万元: 2 decimals
    CHECK(viz::format(-1234.4, Measure::yuan_per_tco2) == "-1,234");
    CHECK(viz::format(0.2534, Measure::share) == "25.3");            // 0.2534 x 100, 1 decimal
    CHECK(viz::format(0.7, Measure::share) == "70.0");               // load factor 0.7 -> 70.0 %
    CHECK(viz::format(2.6, Measure::years) == "2.6");
    CHECK(viz::format(6000, Measure::hours_per_year) == "6,000");
    CHECK(viz::format(10.5, Measure::m3_per_min) == "10.5");
    CHECK(viz::format(std::nan(""), Measure::tce) == "—");
}

TEST_CASE("unit ids name i18n keys", "[viz][numbers]") {
    CHECK(viz::unit_id(Measure::tce) == "unit.tce");
    CHECK(viz::unit_id(Measure::hours_per_year) == "unit.hours_per_year");
    CHECK(viz::unit_id(Measure::m3_per_min) == "unit.m3_per_min");
    CHECK(viz::unit_id(Measure::share) == "unit.percent");
}

TEST_CASE("CSV cells: RFC 4180 quoting and the formula guard", "[viz][csv]") {
    CHECK(viz::csv_cell("plain") == "plain");
    CHECK(viz::csv_cell("a,b") == "\"a,b\"");
    CHECK(viz::csv_cell("say \"hi\"") == "\"say \"\"hi\"\"\"");
    CHECK(viz::csv_cell("two\nlines") == "\"two\nlines\"");
    CHECK(viz::csv_cell(" padded") == "\" padded\"");
    CHECK(viz::csv_cell("=SUM(A1:A9)") == "'=SUM(A1:A9)");
    CHECK(viz::csv_cell("+86 571") == "'+86 571");
    CHECK(viz::csv_cell("-x") == "'-x");
    CHECK(viz::csv_cell("@cmd") == "'@cmd");
    CHECK(viz::csv_cell("=HYPERLINK(\"x\")") == "\"'=HYPERLINK(\"\"x\"\")\"");
    CHECK(viz::csv_cell("") == "");
}
