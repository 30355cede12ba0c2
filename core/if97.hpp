// IAPWS-IF97 (IAPWS R7-97(2012), "Revised Release on the IAPWS Industrial Formulation 1997 for the
// Thermodynamic Properties of Water and Steam"): region 1 (liquid, eq. 7), region 2 (vapour, eq. 15)
// and the saturation line of region 4 (eqs. 30 and 31). Enough for purchased steam and hot water
// from 0 to 350 °C and up to 16.5 MPa; regions 3 and 5 are not implemented and are refused.
// Units: pressure MPa (absolute), temperature K, enthalpy kJ/kg.
#pragma once
#include <optional>

namespace selfcheck::if97 {

inline constexpr double R = 0.461526;        // kJ/(kg K), specific gas constant (eq. 1)
inline constexpr double T_crit = 647.096;    // K
inline constexpr double p_crit = 22.064;     // MPa

// Region 1 (eq. 7): specific enthalpy at (p, T).
double h_region1(double p_mpa, double t_k);
// Region 2 (eq. 15): specific enthalpy at (p, T).
double h_region2(double p_mpa, double t_k);
// Region 4, eq. 30: saturation pressure at T (273.15 K ≤ T ≤ 647.096 K).
double p_sat(double t_k);
// Region 4, eq. 31: saturation temperature at p (611.213 Pa ≤ p ≤ 22.064 MPa).
double t_sat(double p_mpa);

// Enthalpy of water or steam at (p, T) where the point lies in region 1 or 2 (T ≤ 623.15 K for
// liquid; T ≤ 1073.15 K and p below the B23 boundary for vapour). nullopt outside.
std::optional<double> h_pt(double p_mpa, double t_k);
// Saturated vapour (x = 1) enthalpy at p, from region 2 at T_sat(p); p ≤ 16.529 MPa (region 2/4
// boundary at 623.15 K). nullopt outside.
std::optional<double> h_sat_vapour(double p_mpa);
// Saturated liquid (x = 0) enthalpy at p, from region 1 at T_sat(p); same range.
std::optional<double> h_sat_liquid(double p_mpa);

} // namespace selfcheck::if97
