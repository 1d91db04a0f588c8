/* uw_reader.h — bounds-checked reading of not-yet-validated bytes
 * (decoder and validator). */
#ifndef UW_READER_H
#define UW_READER_H
#include "uw_internal.h"

typedef struct rd {
    const uint8_t *p, *end, *base;
    uw_status *st;
} rd;

static inline uw_kind bad(rd *r, const char *msg)
{
    return uw_fail(r->st, UW_MALFORMED, (uint32_t)(r->p - r->base), msg);
}
static inline uw_kind invalid(rd *r, const char *msg)
{
    return uw_fail(r->st, UW_INVALID, (uint32_t)(r->p - r->base), msg);
}

#define TRY(x)                                                                                     \
    do {                                                                                           \
        uw_kind k_ = (x);                                                                          \
        if (k_ != UW_OK) return k_;                                                                \
    } while (0)

static inline uw_kind rd_byte(rd *r, uint8_t *out)
{
    *out = 0;
    if (r->p >= r->end) return bad(r, "unexpected end");
    *out = *r->p++;
    return UW_OK;
}

static inline uw_kind rd_leb(rd *r, uint32_t bits, int is_signed, uint64_t *out)
{
    uint64_t result = 0;
    uint32_t shift = 0;
    uint8_t b = 0;
    uint32_t maxbytes = (bits + 6) / 7;
    *out = 0;
    for (uint32_t i = 0;; i++) {
        if (r->p >= r->end) return bad(r, "unexpected end");
        b = *r->p++;
        if (i == maxbytes - 1) {
            /* last byte: no continuation and unused bits must be a sign/zero fill */
            uint32_t used = bits - shift; /* bits that this byte may hold */
            if (b & 0x80) return bad(r, "integer representation too long");
            if (!is_signed) {
                if (used < 7 && (b >> used) != 0) return bad(r, "integer too large");
            } else if (used < 7) {
                uint8_t rest = (uint8_t)(b >> (used - 1)) & (uint8_t)(0x7F >> (used - 1));
                uint8_t all = (uint8_t)(0x7F >> (used - 1));
                if (rest != 0 && rest != all) return bad(r, "integer too large");
            }
        }
        result |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
        if (!(b & 0x80)) break;
    }
    if (is_signed && shift < 64 && (b & 0x40)) result |= ~(uint64_t)0 << shift;
    *out = result;
    return UW_OK;
}

static inline uw_kind rd_u32(rd *r, uint32_t *out)
{
    uint64_t v = 0;
    TRY(rd_leb(r, 32, 0, &v));
    *out = (uint32_t)v;
    return UW_OK;
}

static inline uw_kind rd_u64(rd *r, uint64_t *out) { return rd_leb(r, 64, 0, out); }


static inline uw_kind rd_s32(rd *r, int32_t *out)
{
    uint64_t v = 0;
    TRY(rd_leb(r, 32, 1, &v));
    *out = (int32_t)v;
    return UW_OK;
}

static inline uw_kind rd_s64(rd *r, int64_t *out)
{
    uint64_t v = 0;
    TRY(rd_leb(r, 64, 1, &v));
    *out = (int64_t)v;
    return UW_OK;
}
static inline int is_valtype(uint8_t t)
{
    return t == UW_I32 || t == UW_I64 || t == UW_F32 || t == UW_F64 || t == UW_FUNCREF ||
           t == UW_EXTERNREF;
}

static inline uw_kind rd_valtype(rd *r, uint8_t *t)
{
    TRY(rd_byte(r, t));
    if (!is_valtype(*t)) {
        r->p--;
        return bad(r, "malformed value type");
    }
    return UW_OK;
}

static inline uw_kind rd_reftype(rd *r, uint8_t *t)
{
    TRY(rd_byte(r, t));
    if (*t != UW_FUNCREF && *t != UW_EXTERNREF) {
        r->p--;
        return bad(r, "malformed reference type");
    }
    return UW_OK;
}

#endif
