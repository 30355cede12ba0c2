// IAPWS-IF97 regions 1, 2 and 4, written from IAPWS R7-97(2012): coefficient tables 2 (region 1),
// 10 and 11 (region 2), 34 (region 4) and the B23 equation (eq. 5, table 1). Verified in
// tests/core/if97_test.cpp against the release's computer-program verification tables 5, 15, 35, 36.
#include "if97.hpp"

#include <cmath>

namespace selfcheck::if97 {

namespace {

struct Term {
    int i, j;
    double n;
};

// Table 2: region 1, dimensionless Gibbs free energy γ = Σ nᵢ (7.1 − π)^Iᵢ (τ − 1.222)^Jᵢ.
constexpr Term k_r1[] = {
    {0, -2, 0.14632971213167},     {0, -1, -0.84548187169114},    {0, 0, -0.37563603672040e1},
    {0, 1, 0.33855169168385e1},    {0, 2, -0.95791963387872},     {0, 3, 0.15772038513228},
    {0, 4, -0.16616417199501e-1},  {0, 5, 0.81214629983568e-3},   {1, -9, 0.28319080123804e-3},
    {1, -7, -0.60706301565874e-3}, {1, -1, -0.18990068218419e-1}, {1, 0, -0.32529748770505e-1},
    {1, 1, -0.21841717175414e-1},  {1, 3, -0.52838357969930e-4},  {2, -3, -0.47184321073267e-3},
    {2, 0, -0.30001780793026e-3},  {2, 1, 0.47661393906987e-4},   {2, 3, -0.44141845330846e-5},
    {2, 17, -0.72694996297594e-15}, {3, -4, -0.31679644845054e-4}, {3, 0, -0.28270797985312e-5},
    {3, 6, -0.85205128120103e-9},  {4, -5, -0.22425281908000e-5}, {4, -2, -0.65171222895601e-6},
    {4, 10, -0.14341729937924e-12}, {5, -8, -0.40516996860117e-6}, {8, -11, -0.12734301741641e-8},
    {8, -6, -0.17424871230634e-9}, {21, -29, -0.68762131295531e-18}, {23, -31, 0.14478307828521e-19},
    {29, -38, 0.26335781662795e-22}, {30, -39, -0.11947622640071e-22}, {31, -40, 0.18228094581404e-23},
    {32, -41, -0.93537087292458e-25},
};

// Table 10: region 2, ideal-gas part γ° = ln π + Σ n°ᵢ τ^J°ᵢ.
constexpr Term k_r2_ideal[] = {
    {0, 0, -0.96927686500217e1}, {0, 1, 0.10086655968018e2},  {0, -5, -0.56087911283020e-2},
    {0, -4, 0.71452738081455e-1}, {0, -3, -0.40710498223928},  {0, -2, 0.14240819171444e1},
    {0, -1, -0.43839511319450e1}, {0, 2, -0.28408632460772},   {0, 3, 0.21268463753307e-1},
};

// Table 11: region 2, residual part γʳ = Σ nᵢ π^Iᵢ (τ − 0.5)^Jᵢ.
constexpr Term k_r2_res[] = {
    {1, 0, -0.17731742473213e-2},   {1, 1, -0.17834862292358e-1},   {1, 2, -0.45996013696365e-1},
    {1, 3, -0.57581259083432e-1},   {1, 6, -0.50325278727930e-1},   {2, 1, -0.33032641670203e-4},
    {2, 2, -0.18948987516315e-3},   {2, 4, -0.39392777243355e-2},   {2, 7, -0.43797295650573e-1},
    {2, 36, -0.26674547914087e-4},  {3, 0, 0.20481737692309e-7},    {3, 1, 0.43870667284435e-6},
    {3, 3, -0.32277677238570e-4},   {3, 6, -0.15033924542148e-2},   {3, 35, -0.40668253562649e-1},
    {4, 1, -0.78847309559367e-9},   {4, 2, 0.12790717852285e-7},    {4, 3, 0.48225372718507e-6},
    {5, 7, 0.22922076337661e-5},    {6, 3, -0.16714766451061e-10},  {6, 16, -0.21171472321355e-2},
    {6, 35, -0.23895741934104e2},   {7, 0, -0.59059564324270e-17},  {7, 11, -0.12621808899101e-5},
    {7, 25, -0.38946842435739e-1},  {8, 8, 0.11256211360459e-10},   {8, 36, -0.82311340897998e1},
    {9, 13, 0.19809712802088e-7},   {10, 4, 0.10406965210174e-18},  {10, 10, -0.10234747095929e-12},
    {10, 14, -0.10018179379511e-8}, {16, 29, -0.80882908646985e-10}, {16, 50, 0.10693031879409},
    {18, 57, -0.33662250574171},    {20, 20, 0.89185845355421e-24}, {20, 35, 0.30629316876232e-12},
    {20, 48, -0.42002467698208e-5}, {21, 21, -0.59056029685639e-25}, {22, 53, 0.37826947613457e-5},
    {23, 39, -0.12768608934681e-14}, {24, 26, 0.73087610595061e-28}, {24, 40, 0.55414715350778e-16},
    {24, 58, -0.94369707241210e-6},
};

// Table 34: region 4 coefficients n1..n10.
constexpr double k_n4[11] = {0,
                             0.11670521452767e4,
                             -0.72421316703206e6,
                             -0.17073846940092e2,
                             0.12020824702470e5,
                             -0.32325550322333e7,
                             0.14915108613530e2,
                             -0.48232657361591e4,
                             0.40511340542057e6,
                             -0.23855557567849,
                             0.65017534844798e3};

// Eq. 5 (table 1): boundary between regions 2 and 3, p(T) in MPa.
double p_b23(double t_k) {
    return 0.34805185628969e3 - 0.11671859879975e1 * t_k + 0.10192970039326e-2 * t_k * t_k;
}

constexpr double k_t13 = 623.15;  // K, boundary of region 1 (and of region 2 below B23)

} // namespace

double h_region1(double p, double t) {
    const double pi = p / 16.53, tau = 1386.0 / t;
    double g_tau = 0;  // ∂γ/∂τ
    for (const Term& k : k_r1) g_tau += k.n * std::pow(7.1 - pi, k.i) * k.j * std::pow(tau - 1.222, k.j - 1);
    return R * t * tau * g_tau;  // table 3: h/(RT) = τ γ_τ
}

double h_region2(double p, double t) {
    const double pi = p, tau = 540.0 / t;
    double g0_tau = 0, gr_tau = 0;
    for (const Term& k : k_r2_ideal) g0_tau += k.n * k.j * std::pow(tau, k.j - 1);
    for (const Term& k : k_r2_res) gr_tau += k.n * std::pow(pi, k.i) * k.j * std::pow(tau - 0.5, k.j - 1);
    return R * t * tau * (g0_tau + gr_tau);  // table 12: h/(RT) = τ (γ°_τ + γʳ_τ)
}

double p_sat(double t) {
    const double* n = k_n4;
    const double th = t + n[9] / (t - n[10]);  // eq. 29b
    const double A = th * th + n[1] * th + n[2];
    const double B = n[3] * th * th + n[4] * th + n[5];
    const double C = n[6] * th * th + n[7] * th + n[8];
    const double x = 2 * C / (-B + std::sqrt(B * B - 4 * A * C));
    return x * x * x * x;  // eq. 30, p* = 1 MPa
}

double t_sat(double p) {
    const double* n = k_n4;
    const double beta = std::pow(p, 0.25);  // eq. 29a
    const double E = beta * beta + n[3] * beta + n[6];
    const double F = n[1] * beta * beta + n[4] * beta + n[7];
    const double G = n[2] * beta * beta + n[5] * beta + n[8];
    const double D = 2 * G / (-F - std::sqrt(F * F - 4 * E * G));
    return (n[10] + D - std::sqrt((n[10] + D) * (n[10] + D) - 4 * (n[9] + n[10] * D))) / 2;  // eq. 31
}

std::optional<double> h_pt(double p, double t) {
    if (!(p > 0) || !(t >= 273.15) || p > 100.0) return std::nullopt;
    if (t <= k_t13) {
        // Below 623.15 K: liquid (region 1) at p ≥ p_sat(T), vapour (region 2) below it.
        return p >= p_sat(t) ? h_region1(p, t) : h_region2(p, t);
    }
    if (t <= 1073.15 && p <= p_b23(t)) return h_region2(p, t);
    return std::nullopt;  // region 3 or 5
}

std::optional<double> h_sat_vapour(double p) {
    if (!(p >= 611.213e-6) || p > p_sat(k_t13)) return std::nullopt;
    return h_region2(p, t_sat(p));
}

std::optional<double> h_sat_liquid(double p) {
    if (!(p >= 611.213e-6) || p > p_sat(k_t13)) return std::nullopt;
    return h_region1(p, t_sat(p));
}

} // namespace selfcheck::if97
