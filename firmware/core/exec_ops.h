/* exec_ops.h — value helpers shared by the two executors (exec.c runs code
 * in place, exec_fast.c runs translated code). */
#ifndef UW_EXEC_OPS_H
#define UW_EXEC_OPS_H

#include "uw_internal.h"

static inline float f32_of(uw_slot s)
{
    uint32_t u = (uint32_t)s;
    float f;
    memcpy(&f, &u, 4);
    return f;
}
static inline double f64_of(uw_slot s)
{
    double d;
    memcpy(&d, &s, 8);
    return d;
}
static inline uw_slot slot_f32(float f)
{
    uint32_t u;
    memcpy(&u, &f, 4);
    return u;
}
static inline uw_slot slot_f64(double d)
{
    uw_slot s;
    memcpy(&s, &d, 8);
    return s;
}

static inline uint32_t clz32(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return x ? (uint32_t)__builtin_clz(x) : 32;
#else
    uint32_t n = 0;
    if (!x) return 32;
    while (!(x & 0x80000000u)) { x <<= 1; n++; }
    return n;
#endif
}
static inline uint32_t ctz32(uint32_t x)
{
#if defined(__GNUC__) || defined(__clang__)
    return x ? (uint32_t)__builtin_ctz(x) : 32;
#else
    uint32_t n = 0;
    if (!x) return 32;
    while (!(x & 1)) { x >>= 1; n++; }
    return n;
#endif
}
static inline uint32_t popcnt32(uint32_t x)
{
    x = x - ((x >> 1) & 0x55555555u);
    x = (x & 0x33333333u) + ((x >> 2) & 0x33333333u);
    x = (x + (x >> 4)) & 0x0F0F0F0Fu;
    return (x * 0x01010101u) >> 24;
}
static inline uint64_t clz64(uint64_t x)
{
    uint32_t hi = (uint32_t)(x >> 32);
    return hi ? clz32(hi) : 32 + clz32((uint32_t)x);
}
static inline uint64_t ctz64(uint64_t x)
{
    uint32_t lo = (uint32_t)x;
    return lo ? ctz32(lo) : 32 + ctz32((uint32_t)(x >> 32));
}
static inline uint64_t popcnt64(uint64_t x) { return popcnt32((uint32_t)x) + popcnt32((uint32_t)(x >> 32)); }
static inline uint32_t rotl32(uint32_t a, uint32_t b) { b &= 31; return b ? (a << b) | (a >> (32 - b)) : a; }
static inline uint32_t rotr32(uint32_t a, uint32_t b) { b &= 31; return b ? (a >> b) | (a << (32 - b)) : a; }
static inline uint64_t rotl64(uint64_t a, uint64_t b) { b &= 63; return b ? (a << b) | (a >> (64 - b)) : a; }
static inline uint64_t rotr64(uint64_t a, uint64_t b) { b &= 63; return b ? (a >> b) | (a << (64 - b)) : a; }

/* The trapping float-to-integer conversions, for both executors:
 * X(opcode, translated op, float type, reader, range test on x, result of x).
 * NaN is an invalid conversion, a value outside the range an overflow. */
#define UW_TRUNC_OPS(X)                                                                            \
    X(A8, I32_TRUNC_F32_S, float, f32_of, x >= -2147483648.0f && x < 2147483648.0f,               \
      (uint32_t)(int32_t)x)                                                                        \
    X(A9, I32_TRUNC_F32_U, float, f32_of, x > -1.0f && x < 4294967296.0f, (uint32_t)x)            \
    X(AA, I32_TRUNC_F64_S, double, f64_of, x > -2147483649.0 && x < 2147483648.0,                 \
      (uint32_t)(int32_t)x)                                                                        \
    X(AB, I32_TRUNC_F64_U, double, f64_of, x > -1.0 && x < 4294967296.0, (uint32_t)x)             \
    X(AE, I64_TRUNC_F32_S, float, f32_of,                                                          \
      x >= -9223372036854775808.0f && x < 9223372036854775808.0f, (uint64_t)(int64_t)x)           \
    X(AF, I64_TRUNC_F32_U, float, f32_of, x > -1.0f && x < 18446744073709551616.0f, (uint64_t)x)  \
    X(B0, I64_TRUNC_F64_S, double, f64_of,                                                         \
      x >= -9223372036854775808.0 && x < 9223372036854775808.0, (uint64_t)(int64_t)x)             \
    X(B1, I64_TRUNC_F64_U, double, f64_of, x > -1.0 && x < 18446744073709551616.0, (uint64_t)x)

/* Both executors keep the same locals: `trap` and the label `do_trap`, `fuel`,
 * `intr` and the label `out_of_fuel`, `ci` (the running instance), `mem` and
 * `memsize` (its memory 0). */
#define TRAP(k)                                                                                    \
    do {                                                                                           \
        trap = (k);                                                                                \
        goto do_trap;                                                                              \
    } while (0)
#define CHECK_FUEL()                                                                               \
    do {                                                                                           \
        if (UW_UNLIKELY(--fuel < 0 || *intr)) goto out_of_fuel;                                    \
    } while (0)
/* memory 0 of the running instance, reloaded after calls into another
 * instance, memory.grow and host calls */
#define LOAD_MEM()                                                                                 \
    do {                                                                                           \
        if (ci->mod->nmems) {                                                                      \
            mem = ci->mems[0]->data;                                                               \
            memsize = ci->mems[0]->size;                                                           \
        } else {                                                                                   \
            mem = NULL;                                                                            \
            memsize = 0;                                                                           \
        }                                                                                          \
    } while (0)

#endif
