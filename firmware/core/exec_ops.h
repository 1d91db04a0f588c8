/* exec_ops.h — value helpers shared by the two executors (exec.c runs code
 * in place, exec_fast.c runs translated code). */
#ifndef UW_EXEC_OPS_H
#define UW_EXEC_OPS_H

#include "uw_internal.h"
#include "num_ops.h"

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

/* the value of shape k (uw_access) loaded from p, as a slot (fixed-size
 * copies: no call to memcpy, no unaligned word access) */
static inline uw_slot uw_access_load(const uint8_t *p, uint32_t k)
{
    uw_slot v;
    if ((k & 3) == 2) {
        uint32_t w;
        memcpy(&w, p, 4);
        v = w;
    } else if ((k & 3) == 3) {
        memcpy(&v, p, 8);
    } else if (k & 1) {
        uint16_t h;
        memcpy(&h, p, 2);
        v = h;
    } else {
        v = *p;
    }
    if (k & UW_ACCESS_SIGNED) {
        uint32_t shift = 64 - (8u << (k & 3));
        v = (uint64_t)((int64_t)(v << shift) >> shift);
        if (!(k & UW_ACCESS_64)) v &= 0xFFFFFFFFu;
    }
    return v;
}

/* store the low bytes of v by shape k (uw_access) at p */
static inline void uw_access_store(uint8_t *p, uw_slot v, uint32_t k)
{
    if ((k & 3) == 2) {
        uint32_t w = (uint32_t)v;
        memcpy(p, &w, 4);
    } else if ((k & 3) == 3) {
        memcpy(p, &v, 8);
    } else if (k & 1) {
        uint16_t h = (uint16_t)v;
        memcpy(p, &h, 2);
    } else {
        *p = (uint8_t)v;
    }
}

/* i32 comparison k of UW_XCMPS (compact builds: one handler for all ten).
 * Arithmetic rather than a switch, which on Thumb-1 is a call: GT and LE are
 * LT and GE with the operands swapped, a signed comparison is the unsigned
 * one with both sign bits flipped, and odd k is the inverse of k - 1. */
static inline uint32_t uw_cmp32(uint32_t k, uint32_t a, uint32_t b)
{
    uint32_t r;
    if (k >= UW_CMP_GT_S) {
        uint32_t t = a;
        a = b;
        b = t;
        k -= UW_CMP_GT_S - UW_CMP_LT_S;
    }
    if (k < UW_CMP_LT_S) {
        r = a == b;
    } else {
        if (k < UW_CMP_LT_U) {
            a ^= 0x80000000u;
            b ^= 0x80000000u;
        }
        r = a < b;
    }
    return r ^ (k & 1);
}

/* division and remainder (the DIV shape of num_ops.h): slots in, i32 ones
 * read the low halves */
static inline uw_kind i32_div_s(uint64_t sa, uint64_t sb, uint64_t *r)
{
    uint32_t a = (uint32_t)sa, b = (uint32_t)sb;
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    if (UW_UNLIKELY(a == 0x80000000u && b == 0xFFFFFFFFu)) return UW_TRAP_INT_OVERFLOW;
    *r = (uint32_t)((int32_t)a / (int32_t)b);
    return UW_OK;
}
static inline uw_kind i32_div_u(uint64_t sa, uint64_t sb, uint64_t *r)
{
    uint32_t a = (uint32_t)sa, b = (uint32_t)sb;
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = a / b;
    return UW_OK;
}
static inline uw_kind i32_rem_s(uint64_t sa, uint64_t sb, uint64_t *r)
{
    uint32_t a = (uint32_t)sa, b = (uint32_t)sb;
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = (b == 0xFFFFFFFFu) ? 0 : (uint32_t)((int32_t)a % (int32_t)b);
    return UW_OK;
}
static inline uw_kind i32_rem_u(uint64_t sa, uint64_t sb, uint64_t *r)
{
    uint32_t a = (uint32_t)sa, b = (uint32_t)sb;
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = a % b;
    return UW_OK;
}
static inline uw_kind i64_div_s(uint64_t a, uint64_t b, uint64_t *r)
{
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    if (UW_UNLIKELY(a == ((uint64_t)1 << 63) && b == ~(uint64_t)0)) return UW_TRAP_INT_OVERFLOW;
    *r = (uint64_t)((int64_t)a / (int64_t)b);
    return UW_OK;
}
static inline uw_kind i64_div_u(uint64_t a, uint64_t b, uint64_t *r)
{
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = a / b;
    return UW_OK;
}
static inline uw_kind i64_rem_s(uint64_t a, uint64_t b, uint64_t *r)
{
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = (b == ~(uint64_t)0) ? 0 : (uint64_t)((int64_t)a % (int64_t)b);
    return UW_OK;
}
static inline uw_kind i64_rem_u(uint64_t a, uint64_t b, uint64_t *r)
{
    if (UW_UNLIKELY(b == 0)) return UW_TRAP_DIV_ZERO;
    *r = a % b;
    return UW_OK;
}

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
