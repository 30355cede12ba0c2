// The report's monthly chart: electricity by month (stacked sharp/peak/flat/valley when the bill
// gives them) with the month's cost as a line. An SVG <figure>, or "" when there is no monthly data.
#pragma once
#include <nlohmann/json.hpp>
#include <string>

namespace selfcheck::bills {
std::string monthly_chart_figure(const nlohmann::json& input_doc, bool zh);
}
