/* float.c — the float operations libm would give, written out so the core
 * needs no libm, with WebAssembly's NaN rules: a NaN input gives that NaN
 * made quiet (an "arithmetic" NaN); invalid operations give a canonical NaN. */
#include "uw_internal.h"

static uint32_t f2u(float x)
{
    uint32_t u;
    memcpy(&u, &x, 4);
    return u;
}
static float u2f(uint32_t u)
{
    float x;
    memcpy(&x, &u, 4);
    return x;
}
static uint64_t d2u(double x)
{
    uint64_t u;
    memcpy(&u, &x, 8);
    return u;
}
static double u2d(uint64_t u)
{
    double x;
    memcpy(&x, &u, 8);
    return x;
}

#define F32_QUIET 0x00400000u
#define F64_QUIET 0x0008000000000000ull
#define F32_CANON 0x7FC00000u
#define F64_CANON 0x7FF8000000000000ull

static int f32_isnan(uint32_t u) { return (u & 0x7FFFFFFFu) > 0x7F800000u; }
static int f64_isnan(uint64_t u) { return (u & 0x7FFFFFFFFFFFFFFFull) > 0x7FF0000000000000ull; }

/* Correctly rounded square root of a positive finite non-zero value given as
 * an integer mantissa M (p bits, leading bit set) times 2^k; returns the
 * IEEE bits for a format with p mantissa bits (incl. hidden) and `bias`. */
static uint64_t sqrt_bits(uint64_t M, int32_t k, uint32_t p, int32_t bias)
{
    uint32_t X = p + 1;
    uint64_t r = 0, q = 0, mant, R;
    uint32_t pairs = p + 1, i;
    int32_t er;
    if (((k - (int32_t)X) & 1) != 0) {
        M <<= 1;
        k -= 1;
    }
    /* radicand = M << X (2p+2 bits), consumed two bits at a time from the
     * top: its top p+1 bits are M's (now at most p+1 bits), the rest zeros,
     * so M placed at the top of R and shifted out by constants gives them
     * all without a variable 64-bit shift per bit */
    R = M << (63 - p);
    for (i = 0; i < pairs; i++) {
        r = (r << 2) | (R >> 62);
        R <<= 2;
        if (r >= ((q << 2) | 1)) {
            r -= (q << 2) | 1;
            q = (q << 1) | 1;
        } else {
            q <<= 1;
        }
    }
    mant = q >> 1;
    if ((q & 1) && (r != 0 || (mant & 1))) mant++;
    er = (k - (int32_t)X) / 2 + 1 + (int32_t)(p - 1);
    return ((uint64_t)(er + bias - 1) << (p - 1)) + mant;
}

double uw_f64_sqrt(double x)
{
    uint64_t u = d2u(x), M;
    int32_t e, k;
    if (f64_isnan(u)) return u2d(u | F64_QUIET);
    if ((u << 1) == 0) return x; /* +-0 */
    if (u >> 63) return u2d(F64_CANON);
    if (u == 0x7FF0000000000000ull) return x;
    e = (int32_t)(u >> 52);
    M = u & 0x000FFFFFFFFFFFFFull;
    if (e == 0) { /* subnormal */
        e = 1;
        while (!(M & 0x0010000000000000ull)) {
            M <<= 1;
            e--;
        }
    } else {
        M |= 0x0010000000000000ull;
    }
    k = e - 1023 - 52;
    return u2d(sqrt_bits(M, k, 53, 1023));
}

float uw_f32_sqrt(float x)
{
    uint32_t u = f2u(x), M;
    int32_t e, k;
    if (f32_isnan(u)) return u2f(u | F32_QUIET);
    if ((u << 1) == 0) return x;
    if (u >> 31) return u2f(F32_CANON);
    if (u == 0x7F800000u) return x;
    e = (int32_t)(u >> 23);
    M = u & 0x007FFFFFu;
    if (e == 0) {
        e = 1;
        while (!(M & 0x00800000u)) {
            M <<= 1;
            e--;
        }
    } else {
        M |= 0x00800000u;
    }
    k = e - 127 - 23;
    return u2f((uint32_t)sqrt_bits(M, k, 24, 127));
}

/* trunc by clearing fraction bits; returns 1 in *changed if x was not integral */
static double f64_trunc_bits(double x, int *changed)
{
    uint64_t u = d2u(x);
    int32_t e = (int32_t)((u >> 52) & 0x7FF) - 1023;
    *changed = 0;
    if (e >= 52) return x;
    if (e < 0) {
        *changed = (u << 1) != 0;
        return u2d(u & 0x8000000000000000ull);
    }
    {
        uint64_t mask = 0x000FFFFFFFFFFFFFull >> e;
        if (!(u & mask)) return x;
        *changed = 1;
        return u2d(u & ~mask);
    }
}

static float f32_trunc_bits(float x, int *changed)
{
    uint32_t u = f2u(x);
    int32_t e = (int32_t)((u >> 23) & 0xFF) - 127;
    *changed = 0;
    if (e >= 23) return x;
    if (e < 0) {
        *changed = (u << 1) != 0;
        return u2f(u & 0x80000000u);
    }
    {
        uint32_t mask = 0x007FFFFFu >> e;
        if (!(u & mask)) return x;
        *changed = 1;
        return u2f(u & ~mask);
    }
}

/* trunc (dir 0), floor (dir < 0) and ceil (dir > 0) in one function: the
 * truncation, then a step of one away from zero when x was not integral and
 * lies on dir's side of zero.  (The truncation keeps the sign, so ceil of
 * -0.5 is already -0.) */
static double f64_round_dir(double x, int dir)
{
    uint64_t u = d2u(x);
    int c;
    double t;
    if (f64_isnan(u)) return u2d(u | F64_QUIET);
    t = f64_trunc_bits(x, &c);
    if (c && dir && (dir < 0) == (int)(u >> 63)) t = dir < 0 ? t - 1.0 : t + 1.0;
    return t;
}

double uw_f64_trunc(double x) { return f64_round_dir(x, 0); }
double uw_f64_floor(double x) { return f64_round_dir(x, -1); }
double uw_f64_ceil(double x) { return f64_round_dir(x, 1); }

double uw_f64_nearest(double x)
{
    uint64_t u = d2u(x);
    double a;
    volatile double big = 4503599627370496.0; /* 2^52 */
    if (f64_isnan(u)) return u2d(u | F64_QUIET);
    if (((u >> 52) & 0x7FF) >= 1023 + 52) return x;
    a = u2d(u & 0x7FFFFFFFFFFFFFFFull);
    a = (a + big) - big;
    return u2d(d2u(a) | (u & 0x8000000000000000ull));
}

/* as f64_round_dir */
static float f32_round_dir(float x, int dir)
{
    uint32_t u = f2u(x);
    int c;
    float t;
    if (f32_isnan(u)) return u2f(u | F32_QUIET);
    t = f32_trunc_bits(x, &c);
    if (c && dir && (dir < 0) == (int)(u >> 31)) t = dir < 0 ? t - 1.0f : t + 1.0f;
    return t;
}

float uw_f32_trunc(float x) { return f32_round_dir(x, 0); }
float uw_f32_floor(float x) { return f32_round_dir(x, -1); }
float uw_f32_ceil(float x) { return f32_round_dir(x, 1); }

float uw_f32_nearest(float x)
{
    uint32_t u = f2u(x);
    float a;
    volatile float big = 8388608.0f; /* 2^23 */
    if (f32_isnan(u)) return u2f(u | F32_QUIET);
    if (((u >> 23) & 0xFF) >= 127 + 23) return x;
    a = u2f(u & 0x7FFFFFFFu);
    a = (a + big) - big;
    return u2f(f2u(a) | (u & 0x80000000u));
}

/* min and max in one function each width: the NaN rules, then -0 < +0
 * (the bits OR-ed give -0 for min, AND-ed +0 for max).  Not inlined: -Os
 * would copy each into both callers. */
static UW_NOINLINE float f32_minmax(float a, float b, int max)
{
    uint32_t ua = f2u(a), ub = f2u(b);
    if (f32_isnan(ua)) return u2f(ua | F32_QUIET);
    if (f32_isnan(ub)) return u2f(ub | F32_QUIET);
    if (a == b) return u2f(max ? ua & ub : ua | ub);
    return (a < b) != max ? a : b;
}

static UW_NOINLINE double f64_minmax(double a, double b, int max)
{
    uint64_t ua = d2u(a), ub = d2u(b);
    if (f64_isnan(ua)) return u2d(ua | F64_QUIET);
    if (f64_isnan(ub)) return u2d(ub | F64_QUIET);
    if (a == b) return u2d(max ? ua & ub : ua | ub);
    return (a < b) != max ? a : b;
}

float uw_f32_min(float a, float b) { return f32_minmax(a, b, 0); }
float uw_f32_max(float a, float b) { return f32_minmax(a, b, 1); }
double uw_f64_min(double a, double b) { return f64_minmax(a, b, 0); }
double uw_f64_max(double a, double b) { return f64_minmax(a, b, 1); }
