/* status.c — building failure values (no printf: small appenders). */
#include "uw_internal.h"

static const char *const kind_names[] = {
    "ok",
    "malformed module",
    "invalid module",
    "link error",
    "out of memory (allocator limit)",
    "memory limit",
    "bad argument",
    "unreachable",
    "out of bounds memory access",
    "out of bounds table access",
    "integer divide by zero",
    "integer overflow",
    "invalid conversion to integer",
    "indirect call type mismatch",
    "undefined element",
    "uninitialized element",
    "call stack exhausted",
    "host function failed",
    "out of fuel",
    "interrupted",
};

const char *uw_kind_name(uw_kind kind)
{
    if ((unsigned)kind >= sizeof kind_names / sizeof kind_names[0]) return "unknown";
    return kind_names[kind];
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

const char *uw_valtype_name(uint8_t t)
{
    switch (t) {
    case UW_I32: return "i32";
    case UW_I64: return "i64";
    case UW_F32: return "f32";
    case UW_F64: return "f64";
    case UW_FUNCREF: return "funcref";
    case UW_EXTERNREF: return "externref";
    default: return "?";
    }
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
