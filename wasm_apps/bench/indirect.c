/*
 * indirect: calls through function pointers chosen by data — call_indirect in wasm.
 * Two shapes: a table of small operations indexed by a hash, and "objects" with a
 * per-kind table of methods (the shape of C++ virtual calls or a driver layer).
 */
#include "bench.h"

typedef uint32_t (*binary_op)(uint32_t, uint32_t);

static uint32_t op_add(uint32_t a, uint32_t b) { return a + b; }
static uint32_t op_sub(uint32_t a, uint32_t b) { return a - b; }
static uint32_t op_xor(uint32_t a, uint32_t b) { return a ^ b; }
static uint32_t op_mul(uint32_t a, uint32_t b) { return a * (b | 1u); }
static uint32_t op_rotl(uint32_t a, uint32_t b) { return (a << (b & 31u)) | (a >> ((32u - b) & 31u)); }
static uint32_t op_min(uint32_t a, uint32_t b) { return a < b ? a : b + 1u; }
static uint32_t op_max(uint32_t a, uint32_t b) { return a > b ? a : b ^ 0x55u; }
static uint32_t op_avg(uint32_t a, uint32_t b) { return (a >> 1) + (b >> 1) + 7u; }
static uint32_t op_shr(uint32_t a, uint32_t b) { return (a >> (b & 7u)) + b; }
static uint32_t op_not(uint32_t a, uint32_t b) { return ~a + b; }
static uint32_t op_and(uint32_t a, uint32_t b) { return (a & b) + 0x9E37u; }
static uint32_t op_or(uint32_t a, uint32_t b) { return (a | b) - 0x79B9u; }
static uint32_t op_neg(uint32_t a, uint32_t b) { return b - a; }
static uint32_t op_dbl(uint32_t a, uint32_t b) { return a + a + (b & 1u); }
static uint32_t op_hash(uint32_t a, uint32_t b) { return (a ^ b) * 2654435761u; }
static uint32_t op_sel(uint32_t a, uint32_t b) { return (a & 1u) ? a : b; }

static binary_op const op_table[16] = {op_add, op_sub, op_xor, op_mul, op_rotl, op_min,
                                        op_max, op_avg, op_shr, op_not, op_and, op_or,
                                        op_neg, op_dbl, op_hash, op_sel};

typedef struct shape shape;

typedef struct {
    uint32_t (*area)(const shape *);
    void (*grow)(shape *, uint32_t);
} shape_methods;

struct shape {
    const shape_methods *methods;
    uint32_t w, h;
};

static uint32_t rect_area(const shape *s) { return s->w * s->h; }
static void rect_grow(shape *s, uint32_t by) { s->w += by & 3u; s->h += 1u; }
static uint32_t tri_area(const shape *s) { return (s->w * s->h) >> 1; }
static void tri_grow(shape *s, uint32_t by) { s->h += by & 7u; }
static uint32_t square_area(const shape *s) { return s->w * s->w; }
static void square_grow(shape *s, uint32_t by) { s->w = (s->w + by) & 0xFFu; }

static const shape_methods kinds[3] = {
    {rect_area, rect_grow},
    {tri_area, tri_grow},
    {square_area, square_grow},
};

#define SHAPES 64

static shape shapes[SHAPES];

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(2000000, 24000));
    uint32_t seed = 0x1234567u;
    for (int i = 0; i < SHAPES; i++) {
        uint32_t rnd = bench_xorshift32(&seed);
        shapes[i].methods = &kinds[rnd % 3u];
        shapes[i].w = (rnd >> 8) & 0xFu;
        shapes[i].h = (rnd >> 16) & 0xFu;
    }
    uint32_t acc = 0x811C9DC5u;
    uint32_t total_area = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        acc = op_table[(acc >> 7 ^ r) & 15u](acc, r);
        acc = op_table[(acc >> 13) & 15u](acc, r ^ 0x5Au);
        shape *s = &shapes[r & (SHAPES - 1)];
        total_area += s->methods->area(s);
        if ((acc & 15u) == 0) {
            s->methods->grow(s, acc);
            s->w &= 0xFFu;
            s->h &= 0xFFu;
        }
    }
    return acc ^ total_area;
}

BENCH_MAIN_I32
