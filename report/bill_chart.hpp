// The report's monthly charts (SVG <figure>s, "" when there is no monthly data): electricity by
// month, stacked sharp/peak/flat/valley when the bill gives them, with the month's cost as a line;
// and one carrier's monthly quantities as bars. Rendered from the input document like the rest of
// the report; numbers grouped by viz/ and text escaped by the report's one escaper.
#pragma once
#include <array>
#include <nlohmann/json.hpp>
#include <string>

namespace selfcheck::report_charts {
std::string monthly_chart_figure(const nlohmann::json& input_doc, bool zh);
// One carrier's monthly quantities (natural gas, steam, ... as the energy row's `monthly` gives
// them, in the row's unit) as bars: an SVG <figure> titled `title`, the axis labelled `unit`.
std::string carrier_monthly_figure(const std::array<double, 12>& values, const std::string& title, const std::string& unit,
                                   const std::string& bar_fill = "#0f766e");
}
