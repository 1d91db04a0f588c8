/* uw_reader.h — bounds-checked reading of not-yet-validated bytes
 * (decoder and validator).  The readers are defined once, in decode.c, and
 * shared by both files (as static inline functions they were compiled into
 * each). */
#ifndef UW_READER_H
#define UW_READER_H
#include "uw_internal.h"

typedef struct rd {
    const uint8_t *p, *end, *base;
    uw_status *st;
} rd;

/* A failure of `kind` at the current position. */
uw_kind uw_rd_fail(rd *r, uw_kind kind, uint32_t msg);
uw_kind uw_rd_byte(rd *r, uint8_t *out);
/* LEB128 of at most `bits` bits (32, 33 or 64), signed or not */
uw_kind uw_rd_leb(rd *r, uint32_t bits, int is_signed, uint64_t *out);
uw_kind uw_rd_u32c(rd *r, uint32_t *out);
/* value / reference type byte (the position stays on a bad one) */
uw_kind uw_rd_valtype(rd *r, uint8_t *t);
uw_kind uw_rd_reftype(rd *r, uint8_t *t);
int uw_is_valtype(uint8_t t);

#define bad(r, msg) uw_rd_fail((r), UW_MALFORMED, (msg))
#define invalid(r, msg) uw_rd_fail((r), UW_INVALID, (msg))
#define rd_byte uw_rd_byte
#define rd_leb uw_rd_leb
#define rd_u32 uw_rd_u32c
#define rd_valtype uw_rd_valtype
#define rd_reftype uw_rd_reftype
#define is_valtype uw_is_valtype

#define TRY(x)                                                                                     \
    do {                                                                                           \
        uw_kind k_ = (x);                                                                          \
        if (k_ != UW_OK) return k_;                                                                \
    } while (0)

static inline uw_kind rd_u64(rd *r, uint64_t *out) { return rd_leb(r, 64, 0, out); }

#endif
