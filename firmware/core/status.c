/* status.c — building failure values (no printf: small appenders). */
#include "uw_internal.h"

/* The texts of uw_messages.h as one string, found by number: a table of
 * pointers would cost 4 bytes each, and only failures look them up. */
#define UW_M_TEXT(name, text) text "\0"
static const char texts[] = UW_MESSAGES(UW_M_TEXT);
#undef UW_M_TEXT

/* the kinds' names are the first messages, in uw_kind order */
typedef char uw_kind_names_check[(int)UW_M_INTERRUPTED == (int)UW_INTERRUPTED ? 1 : -1];

const char *uw_msg_text(uint32_t msg)
{
    const char *s = texts;
    if (msg >= UW_M_COUNT) return "unknown";
    while (msg--)
        while (*s++) {
        }
    return s;
}

const char *uw_kind_name(uw_kind kind)
{
    return (unsigned)kind > UW_INTERRUPTED ? "unknown" : uw_msg_text((uint32_t)kind);
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

uw_kind uw_fail(uw_status *st, uw_kind kind, uint32_t offset, uint32_t msg)
{
    if (!st) return kind;
    st->kind = kind;
    st->offset = offset;
    st->func = UW_NO_INDEX;
    st->host_code = 0;
    st->msg[0] = 0;
    uw_msg_add(st, uw_msg_text(msg));
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
