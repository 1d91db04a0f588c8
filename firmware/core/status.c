/* status.c — building failure values (no printf: small appenders). */
#include "uw_internal.h"

/* The names in uw_kind order, one string: a table of pointers would add 80
 * bytes of flash to a function only failures call. */
static const char kind_names[] = "ok\0"
                                 "malformed module\0"
                                 "invalid module\0"
                                 "link error\0"
                                 "out of memory (allocator limit)\0"
                                 "memory limit\0"
                                 "bad argument\0"
                                 "unreachable\0"
                                 "out of bounds memory access\0"
                                 "out of bounds table access\0"
                                 "integer divide by zero\0"
                                 "integer overflow\0"
                                 "invalid conversion to integer\0"
                                 "indirect call type mismatch\0"
                                 "undefined element\0"
                                 "uninitialized element\0"
                                 "call stack exhausted\0"
                                 "host function failed\0"
                                 "out of fuel\0"
                                 "interrupted";

const char *uw_kind_name(uw_kind kind)
{
    const char *s = kind_names;
    unsigned k = (unsigned)kind;
    if (k > UW_INTERRUPTED) return "unknown";
    while (k--)
        while (*s++) {
        }
    return s;
}

void uw_msg_addn(uw_status *st, const char *s, size_t n)
{
    size_t len = 0;
    while (len < sizeof st->msg && st->msg[len]) len++;
    while (n-- && *s && len + 1 < sizeof st->msg) st->msg[len++] = *s++;
    st->msg[len] = 0;
}

void uw_msg_add(uw_status *st, const char *s) { uw_msg_addn(st, s, (size_t)-1); }

void uw_msg_u64(uw_status *st, uint64_t v)
{
    char buf[24];
    int i = 23;
    buf[i] = 0;
    do {
        buf[--i] = (char)('0' + v % 10);
        v /= 10;
    } while (v);
    uw_msg_add(st, buf + i);
}

uw_kind uw_fail(uw_status *st, uw_kind kind, uint32_t offset, const char *msg)
{
    if (!st) return kind;
    st->kind = kind;
    st->offset = offset;
    st->func = UW_NO_INDEX;
    st->host_code = 0;
    st->msg[0] = 0;
    uw_msg_add(st, msg ? msg : uw_kind_name(kind));
    return kind;
}

/* One string, indexed: a switch over 0x6F..0x7F became a 68-byte table. */
static const char valtype_names[] = "i32\0i64\0f32\0f64\0funcref\0externref";

const char *uw_valtype_name(uint8_t t)
{
    /* UW_I32, UW_I64, UW_F32, UW_F64 = 0x7F..0x7C */
    if (t >= UW_F64 && t <= UW_I32) return valtype_names + 4 * (UW_I32 - t);
    if (t == UW_FUNCREF) return valtype_names + 16;
    if (t == UW_EXTERNREF) return valtype_names + 24;
    return "?";
}

static void msg_types(uw_status *st, uint32_t n, const uint8_t *types)
{
    uw_msg_add(st, "(");
    for (uint32_t i = 0; i < n; i++) {
        if (i) uw_msg_add(st, " ");
        uw_msg_add(st, uw_valtype_name(types[i]));
    }
    uw_msg_add(st, ")");
}

/* "(i32 i64) -> (f32)" */
void uw_msg_type(uw_status *st, const uw_functype *t)
{
    msg_types(st, t->nparams, t->params);
    uw_msg_add(st, " -> ");
    msg_types(st, t->nresults, t->results);
}
