/* num_ops.h — the numeric instructions, listed once for the in-place
 * executor (exec.c), the translated one (exec_fast.c), the translator
 * (xlate.c) and the shared out-of-line form (numeric.c):
 * X(opcode, name, shape, expression of a and b).
 *
 * Shapes (UW_SHAPE_*, below): BIN32/UN32 read uint32_t a, b; CMP64/BIN64/UN64
 * uint64_t; CMPF32/BINF32/UNF32 float; CMPF64/BINF64/UNF64 double; BITS reads
 * the raw slot a (results of BIN*, UN* are converted back to a slot, CMP* give
 * 0 or 1); DIV names a function (exec_ops.h) that returns a trap kind and
 * writes the result.
 *
 * UW_HOT32_OPS are the i32 instructions compiled code is mostly made of (the
 * rotations for hashes and ciphers): the translated executor gives each a
 * handler of its own in every build (and the translator immediate forms).  UW_NUM_OPS are the rest: in compact builds
 * (UW_COMPACT) both executors run them through numeric.c, other builds inline.
 * The trapping float-to-integer conversions are UW_TRUNC_OPS (below); the i32
 * comparisons are UW_XCMPS, and eqz, fused with branches, is in neither. */
#ifndef UW_NUM_OPS_H
#define UW_NUM_OPS_H

#define UW_HOT32_OPS(X)                                                                            \
    X(6A, I32_ADD, BIN32, a + b)                                                                   \
    X(6B, I32_SUB, BIN32, a - b)                                                                   \
    X(6C, I32_MUL, BIN32, a * b)                                                                   \
    X(71, I32_AND, BIN32, a & b)                                                                   \
    X(72, I32_OR, BIN32, a | b)                                                                    \
    X(73, I32_XOR, BIN32, a ^ b)                                                                   \
    X(74, I32_SHL, BIN32, a << (b & 31))                                                           \
    X(75, I32_SHR_S, BIN32, (uint32_t)((int32_t)a >> (b & 31)))                                    \
    X(76, I32_SHR_U, BIN32, a >> (b & 31))                                                         \
    X(77, I32_ROTL, BIN32, rotl32(a, b))                                                           \
    X(78, I32_ROTR, BIN32, rotr32(a, b))

#define UW_NUM_OPS(X)                                                                              \
    X(51, I64_EQ, CMP64, a == b)                                                                   \
    X(52, I64_NE, CMP64, a != b)                                                                   \
    X(53, I64_LT_S, CMP64, (int64_t)a < (int64_t)b)                                                \
    X(54, I64_LT_U, CMP64, a < b)                                                                  \
    X(55, I64_GT_S, CMP64, (int64_t)a > (int64_t)b)                                                \
    X(56, I64_GT_U, CMP64, a > b)                                                                  \
    X(57, I64_LE_S, CMP64, (int64_t)a <= (int64_t)b)                                               \
    X(58, I64_LE_U, CMP64, a <= b)                                                                 \
    X(59, I64_GE_S, CMP64, (int64_t)a >= (int64_t)b)                                               \
    X(5A, I64_GE_U, CMP64, a >= b)                                                                 \
    X(5B, F32_EQ, CMPF32, a == b)                                                                  \
    X(5C, F32_NE, CMPF32, a != b)                                                                  \
    X(5D, F32_LT, CMPF32, a < b)                                                                   \
    X(5E, F32_GT, CMPF32, a > b)                                                                   \
    X(5F, F32_LE, CMPF32, a <= b)                                                                  \
    X(60, F32_GE, CMPF32, a >= b)                                                                  \
    X(61, F64_EQ, CMPF64, a == b)                                                                  \
    X(62, F64_NE, CMPF64, a != b)                                                                  \
    X(63, F64_LT, CMPF64, a < b)                                                                   \
    X(64, F64_GT, CMPF64, a > b)                                                                   \
    X(65, F64_LE, CMPF64, a <= b)                                                                  \
    X(66, F64_GE, CMPF64, a >= b)                                                                  \
    X(67, I32_CLZ, UN32, clz32(a))                                                                 \
    X(68, I32_CTZ, UN32, ctz32(a))                                                                 \
    X(69, I32_POPCNT, UN32, popcnt32(a))                                                           \
    X(6D, I32_DIV_S, DIV, i32_div_s)                                                               \
    X(6E, I32_DIV_U, DIV, i32_div_u)                                                               \
    X(6F, I32_REM_S, DIV, i32_rem_s)                                                               \
    X(70, I32_REM_U, DIV, i32_rem_u)                                                               \
    X(79, I64_CLZ, UN64, clz64(a))                                                                 \
    X(7A, I64_CTZ, UN64, ctz64(a))                                                                 \
    X(7B, I64_POPCNT, UN64, popcnt64(a))                                                           \
    X(7C, I64_ADD, BIN64, a + b)                                                                   \
    X(7D, I64_SUB, BIN64, a - b)                                                                   \
    X(7E, I64_MUL, BIN64, a * b)                                                                   \
    X(7F, I64_DIV_S, DIV, i64_div_s)                                                               \
    X(80, I64_DIV_U, DIV, i64_div_u)                                                               \
    X(81, I64_REM_S, DIV, i64_rem_s)                                                               \
    X(82, I64_REM_U, DIV, i64_rem_u)                                                               \
    X(83, I64_AND, BIN64, a & b)                                                                   \
    X(84, I64_OR, BIN64, a | b)                                                                    \
    X(85, I64_XOR, BIN64, a ^ b)                                                                   \
    X(86, I64_SHL, BIN64, a << (b & 63))                                                           \
    X(87, I64_SHR_S, BIN64, (uint64_t)((int64_t)a >> (b & 63)))                                    \
    X(88, I64_SHR_U, BIN64, a >> (b & 63))                                                         \
    X(89, I64_ROTL, BIN64, rotl64(a, b))                                                           \
    X(8A, I64_ROTR, BIN64, rotr64(a, b))                                                           \
    X(8B, F32_ABS, BITS, a & 0x7FFFFFFFu)                                                          \
    X(8C, F32_NEG, BITS, (a ^ 0x80000000u) & 0xFFFFFFFFu)                                          \
    X(8D, F32_CEIL, UNF32, uw_f32_ceil(a))                                                         \
    X(8E, F32_FLOOR, UNF32, uw_f32_floor(a))                                                       \
    X(8F, F32_TRUNC, UNF32, uw_f32_trunc(a))                                                       \
    X(90, F32_NEAREST, UNF32, uw_f32_nearest(a))                                                   \
    X(91, F32_SQRT, UNF32, uw_f32_sqrt(a))                                                         \
    X(92, F32_ADD, BINF32, a + b)                                                                  \
    X(93, F32_SUB, BINF32, a - b)                                                                  \
    X(94, F32_MUL, BINF32, a * b)                                                                  \
    X(95, F32_DIV, BINF32, a / b)                                                                  \
    X(96, F32_MIN, BINF32, uw_f32_min(a, b))                                                       \
    X(97, F32_MAX, BINF32, uw_f32_max(a, b))                                                       \
    X(98, F32_COPYSIGN, BIN64, (a & 0x7FFFFFFFu) | (b & 0x80000000u))                              \
    X(99, F64_ABS, BITS, a & 0x7FFFFFFFFFFFFFFFull)                                                \
    X(9A, F64_NEG, BITS, a ^ 0x8000000000000000ull)                                                \
    X(9B, F64_CEIL, UNF64, uw_f64_ceil(a))                                                         \
    X(9C, F64_FLOOR, UNF64, uw_f64_floor(a))                                                       \
    X(9D, F64_TRUNC, UNF64, uw_f64_trunc(a))                                                       \
    X(9E, F64_NEAREST, UNF64, uw_f64_nearest(a))                                                   \
    X(9F, F64_SQRT, UNF64, uw_f64_sqrt(a))                                                         \
    X(A0, F64_ADD, BINF64, a + b)                                                                  \
    X(A1, F64_SUB, BINF64, a - b)                                                                  \
    X(A2, F64_MUL, BINF64, a * b)                                                                  \
    X(A3, F64_DIV, BINF64, a / b)                                                                  \
    X(A4, F64_MIN, BINF64, uw_f64_min(a, b))                                                       \
    X(A5, F64_MAX, BINF64, uw_f64_max(a, b))                                                       \
    X(A6, F64_COPYSIGN, BIN64, (a & 0x7FFFFFFFFFFFFFFFull) | (b & 0x8000000000000000ull))          \
    X(A7, I32_WRAP_I64, UN32, a)                                                                   \
    X(AC, I64_EXTEND_I32_S, BITS, (uint64_t)(int64_t)(int32_t)(uint32_t)a)                         \
    X(B2, F32_CONVERT_I32_S, BITS, slot_f32((float)(int32_t)(uint32_t)a))                          \
    X(B3, F32_CONVERT_I32_U, BITS, slot_f32((float)(uint32_t)a))                                   \
    X(B4, F32_CONVERT_I64_S, BITS, slot_f32((float)(int64_t)a))                                    \
    X(B5, F32_CONVERT_I64_U, BITS, slot_f32((float)a))                                             \
    X(B6, F32_DEMOTE_F64, BITS, slot_f32((float)f64_of(a)))                                        \
    X(B7, F64_CONVERT_I32_S, BITS, slot_f64((double)(int32_t)(uint32_t)a))                         \
    X(B8, F64_CONVERT_I32_U, BITS, slot_f64((double)(uint32_t)a))                                  \
    X(B9, F64_CONVERT_I64_S, BITS, slot_f64((double)(int64_t)a))                                   \
    X(BA, F64_CONVERT_I64_U, BITS, slot_f64((double)a))                                            \
    X(BB, F64_PROMOTE_F32, BITS, slot_f64((double)f32_of(a)))                                      \
    X(C0, I32_EXTEND8_S, UN32, (uint32_t)(int32_t)(int8_t)(uint8_t)a)                              \
    X(C1, I32_EXTEND16_S, UN32, (uint32_t)(int32_t)(int16_t)(uint16_t)a)                           \
    X(C2, I64_EXTEND8_S, BITS, (uint64_t)(int64_t)(int8_t)(uint8_t)a)                              \
    X(C3, I64_EXTEND16_S, BITS, (uint64_t)(int64_t)(int16_t)(uint16_t)a)                           \
    X(C4, I64_EXTEND32_S, BITS, (uint64_t)(int64_t)(int32_t)(uint32_t)a)

/* The trapping float-to-integer conversions, listed apart because they trap:
 * X(opcode, translated op, its saturating twin 0xFC sub).  All of them, and
 * the saturating ones, run through uw_trunc (numeric.c), which holds the
 * ranges: NaN is an invalid conversion, a value outside the range an overflow. */
#define UW_TRUNC_OPS(X)                                                                            \
    X(A8, I32_TRUNC_F32_S, 0) X(A9, I32_TRUNC_F32_U, 1)                                            \
    X(AA, I32_TRUNC_F64_S, 2) X(AB, I32_TRUNC_F64_U, 3)                                            \
    X(AE, I64_TRUNC_F32_S, 4) X(AF, I64_TRUNC_F32_U, 5)                                            \
    X(B0, I64_TRUNC_F64_S, 6) X(B1, I64_TRUNC_F64_U, 7)

/* i32 comparisons, in pairs of inverses (a condition inverts by index ^ 1) */
#define UW_XCMPS(X)                                                                                \
    X(EQ, a == b) X(NE, a != b)                                                                    \
    X(LT_S, (int32_t)a < (int32_t)b) X(GE_S, (int32_t)a >= (int32_t)b)                             \
    X(LT_U, a < b) X(GE_U, a >= b)                                                                 \
    X(GT_S, (int32_t)a > (int32_t)b) X(LE_S, (int32_t)a <= (int32_t)b)                             \
    X(GT_U, a > b) X(LE_U, a <= b)

enum {
#define UW_CMP_ENUM(name, expr) UW_CMP_##name,
    UW_XCMPS(UW_CMP_ENUM)
#undef UW_CMP_ENUM
    UW_CMP_COUNT
};

/* Each shape as one of four forms its users define: BINARY(T, read, write,
 * expr) and UNARY(T, read, write, expr) read operands of type T from slots
 * with `read` and turn the value of expr into a slot with `write`;
 * COMPARE(T, read, expr) gives 1 or 0; DIV(fn) is division and remainder. */
#define UW_AS_SLOT(x) ((uint64_t)(x))
#define UW_AS_BOOL(x) ((x) ? 1u : 0u)
#define UW_AS_U32(x) ((uint32_t)(x))
#define UW_SHAPE_BIN32(BINARY, UNARY, COMPARE, DIV, e) BINARY(uint32_t, UW_AS_U32, UW_AS_SLOT, e)
#define UW_SHAPE_UN32(BINARY, UNARY, COMPARE, DIV, e) UNARY(uint32_t, UW_AS_U32, UW_AS_SLOT, e)
#define UW_SHAPE_CMP64(BINARY, UNARY, COMPARE, DIV, e) COMPARE(uint64_t, UW_AS_SLOT, e)
#define UW_SHAPE_BIN64(BINARY, UNARY, COMPARE, DIV, e) BINARY(uint64_t, UW_AS_SLOT, UW_AS_SLOT, e)
#define UW_SHAPE_UN64(BINARY, UNARY, COMPARE, DIV, e) UNARY(uint64_t, UW_AS_SLOT, UW_AS_SLOT, e)
#define UW_SHAPE_DIV(BINARY, UNARY, COMPARE, DIV, e) DIV(e)
#define UW_SHAPE_CMPF32(BINARY, UNARY, COMPARE, DIV, e) COMPARE(float, f32_of, e)
#define UW_SHAPE_BINF32(BINARY, UNARY, COMPARE, DIV, e) BINARY(float, f32_of, slot_f32, e)
#define UW_SHAPE_UNF32(BINARY, UNARY, COMPARE, DIV, e) UNARY(float, f32_of, slot_f32, e)
#define UW_SHAPE_CMPF64(BINARY, UNARY, COMPARE, DIV, e) COMPARE(double, f64_of, e)
#define UW_SHAPE_BINF64(BINARY, UNARY, COMPARE, DIV, e) BINARY(double, f64_of, slot_f64, e)
#define UW_SHAPE_UNF64(BINARY, UNARY, COMPARE, DIV, e) UNARY(double, f64_of, slot_f64, e)
#define UW_SHAPE_BITS(BINARY, UNARY, COMPARE, DIV, e) UNARY(uw_slot, UW_AS_SLOT, UW_AS_SLOT, e)

/* the listed opcodes lie in [UW_NUM_FIRST, UW_NUM_END) */
#define UW_NUM_FIRST 0x51u
#define UW_NUM_END 0xC5u

#endif
