/* xlate_ops.h — the instruction set of translated code (xlate.c writes it,
 * exec_fast.c runs it), as one X-macro list: X(name, units), followed by
 * the UW_HOT32_OPS of num_ops.h (`d a b`), then by its other instructions
 * (one op each, `d a b` or `d a`), or in compact builds by the one op NUM
 * (`d a b opcode`, run by numeric.c).
 *
 * Code is an array of 16-bit units: the op number, then its operands.  An
 * operand `d`, `a`, `b`, `c`, `s` is a slot index relative to the frame
 * pointer (parameters and locals first, then one slot per operand-stack
 * height, so a WebAssembly stack position is a fixed slot); `imm` is a 32-bit
 * value in two units (low first), `imm16` one unit sign-extended, `off16` an
 * unsigned memory offset; `off` is a signed branch
 * distance in units from the start of the branch instruction (negative =
 * backward, which costs one unit of fuel). */
#ifndef UW_XLATE_OPS_H
#define UW_XLATE_OPS_H

#include "uw_config.h"
#include "num_ops.h"

#define UW_XOPS(X)                                                                                 \
    /* control */                                                                                  \
    X(UNREACHABLE, 1)                                                                              \
    X(JMP, 2)          /* off */                                                                   \
    X(BR_NZ, 3)        /* c off: branch if slot c != 0 (i32 or i64) */                             \
    X(BR_Z, 3)         /* c off */                                                                 \
    X(BR_EQ, 4) X(BR_NE, 4) X(BR_LT_S, 4) X(BR_GE_S, 4) X(BR_LT_U, 4) X(BR_GE_U, 4)                \
    X(BR_GT_S, 4) X(BR_LE_S, 4) X(BR_GT_U, 4) X(BR_LE_U, 4)  /* a b off (i32) */                   \
    X(BR_EQ_I, 4) X(BR_NE_I, 4) X(BR_LT_S_I, 4) X(BR_GE_S_I, 4) X(BR_LT_U_I, 4)                    \
    X(BR_GE_U_I, 4) X(BR_GT_S_I, 4) X(BR_LE_S_I, 4) X(BR_GT_U_I, 4)                                \
    X(BR_LE_U_I, 4)    /* a imm16 off (i32) */                                                     \
    X(BR_TABLE, 3)     /* a n, then n + 1 offs (relative to this instruction) */                   \
    X(RET, 1)          /* results already in slots 0.. */                                          \
    X(RET1, 2)         /* s: one result from slot s */                                             \
    X(CALL, 4)         /* func(2) base: arguments from slot base on, results there */              \
    X(CALL_INDIRECT, 7) /* type(2) table(2) a base */                                              \
    /* data movement */                                                                            \
    X(COPY, 3)         /* d s */                                                                   \
    X(CONST32, 4)      /* d imm */                                                                 \
    X(CONST64, 6)      /* d imm64 (4 units) */                                                     \
    X(SELECT, 5)       /* d a b c: d = c ? a : b */                                                \
    X(GLOBAL_GET, 4)   /* d index(2) */                                                            \
    X(GLOBAL_SET, 4)   /* s index(2) */                                                            \
    X(MEMORY_SIZE, 2)  /* d */                                                                     \
    X(MEMORY_GROW, 3)  /* d s */                                                                   \
    /* memory 0: loads d a off16, stores a s off16 (a larger offset is added first) */             \
    X(I32_LOAD, 4) X(I64_LOAD, 4) X(F32_LOAD, 4) X(F64_LOAD, 4)                                    \
    X(I32_LOAD8_S, 4) X(I32_LOAD8_U, 4) X(I32_LOAD16_S, 4) X(I32_LOAD16_U, 4)                      \
    X(I64_LOAD8_S, 4) X(I64_LOAD8_U, 4) X(I64_LOAD16_S, 4) X(I64_LOAD16_U, 4)                      \
    X(I64_LOAD32_S, 4) X(I64_LOAD32_U, 4)                                                          \
    X(I32_STORE, 4) X(I64_STORE, 4) X(F32_STORE, 4) X(F64_STORE, 4)                                \
    X(I32_STORE8, 4) X(I32_STORE16, 4) X(I64_STORE8, 4) X(I64_STORE16, 4) X(I64_STORE32, 4)        \
    /* i32: d a b, d a imm16 (sign-extended), d a; UW_HOT32_OPS after the list */                  \
    X(I32_EQ, 4) X(I32_NE, 4) X(I32_LT_S, 4) X(I32_GE_S, 4) X(I32_LT_U, 4) X(I32_GE_U, 4)          \
    X(I32_GT_S, 4) X(I32_LE_S, 4) X(I32_GT_U, 4) X(I32_LE_U, 4)                                    \
    X(I32_ADD_I, 4) X(I32_MUL_I, 4) X(I32_AND_I, 4) X(I32_OR_I, 4) X(I32_XOR_I, 4)                 \
    X(I32_SHL_I, 4) X(I32_SHR_S_I, 4) X(I32_SHR_U_I, 4) X(I32_ROTR_I, 4)                           \
    X(I32_EQZ, 3)                                                                                  \
    X(I64_EQZ, 3)                                                                                  \
    X(TRUNC_SAT, 4)    /* d a kind (0xFC 0..7) */

enum {
#define UW_XOP_ENUM(name, units) UW_X_##name,
    UW_XOPS(UW_XOP_ENUM)
#undef UW_XOP_ENUM
#define UW_XOP_HOT_ENUM(opcode, name, shape, expr) UW_X_##name, /* d a b */
    UW_HOT32_OPS(UW_XOP_HOT_ENUM)
#undef UW_XOP_HOT_ENUM
#if UW_COMPACT
    UW_X_NUM, /* d a b opcode, run by numeric.c */
#else
    /* d a b, or d a: one op per instruction of num_ops.h */
#define UW_XOP_NUM_ENUM(opcode, name, shape, expr) UW_X_##name,
#define UW_XOP_TRUNC_ENUM(opcode, name, sub) UW_X_##name,
    UW_NUM_OPS(UW_XOP_NUM_ENUM)
    UW_TRUNC_OPS(UW_XOP_TRUNC_ENUM)
#undef UW_XOP_NUM_ENUM
#undef UW_XOP_TRUNC_ENUM
#endif
    UW_X_COUNT
};

#endif
