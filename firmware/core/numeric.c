/* numeric.c — the instructions of num_ops.h and UW_TRUNC_OPS out of line.
 * Compact builds (UW_COMPACT, uw_config.h) run them here from both executors,
 * so each exists once in flash; other builds keep them inline in each
 * executor and use only the arity table. */
#include "uw_internal.h"
#include "exec_ops.h"

#define ARITY(opcode, name, shape, expr) [0x##opcode - UW_NUM_FIRST] = UW_NUM_ARITY_##shape,
#define TRUNC_ARITY(opcode, name, F, read, in_range, result) [0x##opcode - UW_NUM_FIRST] = 1,
const uint8_t uw_num_arity[UW_NUM_END - UW_NUM_FIRST] = {
    UW_NUM_OPS(ARITY) UW_TRUNC_OPS(TRUNC_ARITY)};

#if UW_COMPACT

#define CMP64(expr)                                                                                \
    {                                                                                              \
        uint64_t a = sa, b = sb;                                                                   \
        *r = (expr) ? 1u : 0u;                                                                     \
        break;                                                                                     \
    }
#define BIN64(expr)                                                                                \
    {                                                                                              \
        uint64_t a = sa, b = sb;                                                                   \
        *r = (uint64_t)(expr);                                                                     \
        break;                                                                                     \
    }
#define UN64(expr)                                                                                 \
    {                                                                                              \
        uint64_t a = sa;                                                                           \
        *r = (uint64_t)(expr);                                                                     \
        break;                                                                                     \
    }
#define DIV64(fn) return fn(sa, sb, r);
#define CMPF32(expr)                                                                               \
    {                                                                                              \
        float a = f32_of(sa), b = f32_of(sb);                                                      \
        *r = (expr) ? 1u : 0u;                                                                     \
        break;                                                                                     \
    }
#define BINF32(expr)                                                                               \
    {                                                                                              \
        float a = f32_of(sa), b = f32_of(sb);                                                      \
        *r = slot_f32(expr);                                                                       \
        break;                                                                                     \
    }
#define UNF32(expr)                                                                                \
    {                                                                                              \
        float a = f32_of(sa);                                                                      \
        *r = slot_f32(expr);                                                                       \
        break;                                                                                     \
    }
#define CMPF64(expr)                                                                               \
    {                                                                                              \
        double a = f64_of(sa), b = f64_of(sb);                                                     \
        *r = (expr) ? 1u : 0u;                                                                     \
        break;                                                                                     \
    }
#define BINF64(expr)                                                                               \
    {                                                                                              \
        double a = f64_of(sa), b = f64_of(sb);                                                     \
        *r = slot_f64(expr);                                                                       \
        break;                                                                                     \
    }
#define UNF64(expr)                                                                                \
    {                                                                                              \
        double a = f64_of(sa);                                                                     \
        *r = slot_f64(expr);                                                                       \
        break;                                                                                     \
    }
#define BITS(expr)                                                                                 \
    {                                                                                              \
        uw_slot a = sa;                                                                            \
        *r = (expr);                                                                               \
        break;                                                                                     \
    }

#define NUM_CASE(opcode, name, shape, expr) case 0x##opcode: shape(expr)
#define TRUNC_CASE(opcode, name, F, read, in_range, result)                                        \
    case 0x##opcode: {                                                                             \
        F x = read(sa);                                                                            \
        if (x != x) return UW_TRAP_INVALID_CONVERSION;                                             \
        if (!(in_range)) return UW_TRAP_INT_OVERFLOW;                                              \
        *r = (result);                                                                             \
        break;                                                                                     \
    }

uw_kind uw_numeric(uint32_t opcode, uw_slot sa, uw_slot sb, uw_slot *r)
{
    switch (opcode) {
        UW_NUM_OPS(NUM_CASE)
        UW_TRUNC_OPS(TRUNC_CASE)
    default:
        return UW_TRAP_UNREACHABLE; /* not reachable for validated code */
    }
    return UW_OK;
}

#endif
