/* numeric.c — the instructions of num_ops.h out of line.  Every build runs
 * its float-to-integer truncations through uw_trunc and uses the arity table;
 * compact builds (UW_COMPACT, uw_config.h) run the rest here too, so each
 * exists once in flash: all of them from the in-place executor, all but
 * UW_HOT32_OPS from the translated one.  Other builds keep them inline. */
#include "uw_internal.h"
#include "exec_ops.h"

#define TWO(T, read, write, expr) 2
#define ONE(T, read, write, expr) 1
#define COMPARE_TWO(T, read, expr) 2
#define DIV_TWO(fn) 2
#define ARITY(opcode, name, shape, expr)                                                           \
    [0x##opcode - UW_NUM_FIRST] = UW_SHAPE_##shape(TWO, ONE, COMPARE_TWO, DIV_TWO, expr),
#define TRUNC_ARITY(opcode, name, sub) [0x##opcode - UW_NUM_FIRST] = 1,
const uint8_t uw_num_arity[UW_NUM_END - UW_NUM_FIRST] = {
    UW_HOT32_OPS(ARITY) UW_NUM_OPS(ARITY) UW_TRUNC_OPS(TRUNC_ARITY)};

const uint8_t uw_cmp_index[10] = {UW_CMP_EQ,   UW_CMP_NE,   UW_CMP_LT_S, UW_CMP_LT_U,
                                  UW_CMP_GT_S, UW_CMP_GT_U, UW_CMP_LE_S, UW_CMP_LE_U,
                                  UW_CMP_GE_S, UW_CMP_GE_U};

uw_kind uw_trunc(uint32_t sub, uw_slot v, int trap, uw_slot *r)
{
    /* per result (i32_s, i32_u, i64_s, i64_u): the exclusive bounds of the
     * values that truncate into range, and the saturated results beyond them
     * (-9223372036854777856 is the double below -2^63) */
    static const double lo[4] = {-2147483649.0, -1.0, -9223372036854777856.0, -1.0};
    static const double hi[4] = {2147483648.0, 4294967296.0, 9223372036854775808.0,
                                 18446744073709551616.0};
    static const uint64_t below[4] = {0x80000000u, 0, (uint64_t)1 << 63, 0};
    static const uint64_t above[4] = {0x7FFFFFFFu, 0xFFFFFFFFu, 0x7FFFFFFFFFFFFFFFull, ~(uint64_t)0};
    uint32_t k = (sub & 1) | (sub >> 2) << 1;
    double d = (sub & 2) ? f64_of(v) : (double)f32_of(v);
    if (d != d) {
        *r = 0;
        return trap ? UW_TRAP_INVALID_CONVERSION : UW_OK;
    }
    if (d <= lo[k] || d >= hi[k]) {
        *r = d <= lo[k] ? below[k] : above[k];
        return trap ? UW_TRAP_INT_OVERFLOW : UW_OK;
    }
    switch (k) {
    case 0: *r = (uint32_t)(int32_t)d; break;
    case 1: *r = (uint32_t)d; break;
    case 2: *r = (uint64_t)(int64_t)d; break;
    default: *r = (uint64_t)d; break;
    }
    return UW_OK;
}

#if UW_COMPACT

#define BINARY(T, read, write, expr)                                                               \
    {                                                                                              \
        T a = read(sa), b = read(sb);                                                              \
        *r = write(expr);                                                                          \
        break;                                                                                     \
    }
#define UNARY(T, read, write, expr)                                                                \
    {                                                                                              \
        T a = read(sa);                                                                            \
        *r = write(expr);                                                                          \
        break;                                                                                     \
    }
#define COMPARE(T, read, expr) BINARY(T, read, UW_AS_BOOL, expr)
#define DIV(fn) return fn(sa, sb, r);

#define NUM_CASE(opcode, name, shape, expr)                                                        \
    case 0x##opcode:                                                                               \
        UW_SHAPE_##shape(BINARY, UNARY, COMPARE, DIV, expr)
#define TRUNC_CASE(opcode, name, sub)                                                              \
    case 0x##opcode:                                                                               \
        return uw_trunc(sub, sa, 1, r);

uw_kind uw_numeric(uint32_t opcode, uw_slot sa, uw_slot sb, uw_slot *r)
{
    switch (opcode) {
        UW_HOT32_OPS(NUM_CASE)
        UW_NUM_OPS(NUM_CASE)
        UW_TRUNC_OPS(TRUNC_CASE)
    default:
        return UW_TRAP_UNREACHABLE; /* not reachable for validated code */
    }
    return UW_OK;
}

#endif
