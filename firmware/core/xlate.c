/* xlate.c — the translation tier: turns a validated function body into
 * register-form code (xlate_ops.h) that exec_fast.c runs.
 *
 * Every operand-stack height is a fixed slot of the frame (after the
 * parameters and locals), so an instruction names its operands by slot and no
 * stack pointer moves at run time.  While translating, the operand stack is
 * tracked symbolically: a value is either in its own slot (STACK), still in a
 * local (LOCAL: `local.get` emits nothing) or a constant (CONST: folded into
 * an immediate operand where the instruction has one).  A value is copied to
 * its own slot only when it must be ("materialised"): at labels, before the
 * local it names is written, or when an instruction has no form for it.
 * `local.set`/`local.tee` right after an instruction retarget that
 * instruction's result to the local; a comparison followed by `br_if` or `if`
 * becomes one compare-and-branch.
 *
 * The translator runs in three modes over the same code, so they agree unit
 * for unit: measure (the size, written into a 64-unit window), emit (into the
 * final buffer, forward branches patched through chains threaded in the code)
 * and locate (which WebAssembly instruction produced a given unit: used to
 * report where a trap happened, so translated code carries no offsets).
 * Anything not handled here (tail calls, tables and references, bulk memory,
 * several memories, memory64, memory offsets above 65535, huge frames) leaves
 * the function in place. */
#include "uw_internal.h"
#include "xlate_ops.h"

#if UW_TRANSLATION

#define WINDOW 64u
#define MAX_UNITS 32767u /* branch distances are 16-bit */
#define NONE 0xFFFFFFFFu

/* a symbolic operand-stack value: kind in the top 2 bits */
#define V_STACK 0u
#define V_LOCAL 1u
#define V_CONST 2u /* payload: offset of the i32/i64/f32/f64.const instruction */
#define V_KIND(v) ((v) >> 30)
#define V_ARG(v) ((v) & 0x3FFFFFFFu)
#define V_MAKE(k, x) (((uint32_t)(k) << 30) | (uint32_t)(x))

enum { C_BLOCK, C_LOOP, C_IF, C_ELSE, C_FUNC };

typedef struct xctl {
    uint8_t kind, dead;
    uint32_t dead_nest; /* nested blocks inside dead code */
    uint32_t height;    /* operand height below the block's parameters */
    uint32_t nparams, nresults;
    uint32_t start;     /* loop: position of its first instruction */
    uint32_t chain;     /* forward branches to patch at `end`: position + 1, 0 = none */
    uint32_t else_at;   /* if: position + 1 of the branch to `else`, 0 = none */
} xctl;

typedef struct xt {
    const uw_funcinst *f;
    const uw_module *m;
    uint16_t *out;
    uint32_t mask;     /* ~0 when emitting, WINDOW - 1 otherwise */
    uint32_t n;        /* units written so far */
    uint32_t base;     /* first operand-stack slot (params + locals) */
    uint32_t *vs;      /* symbolic operand stack */
    uint32_t h, vcap;
    xctl *ctl;
    uint32_t nctl, ctl_cap;
    uint32_t last_end, last_dst, last_h; /* the last instruction's end, its result
                                            unit and the height of its result */
    uint32_t locate;   /* locate mode: the unit looked for */
    const uint8_t *cur, *found;
} xt;

static void put(xt *t, uint32_t u)
{
    t->out[t->n & t->mask] = (uint16_t)u;
    t->n++;
}

static void op(xt *t, uint32_t o)
{
    if (t->n == t->locate) t->found = t->cur;
    put(t, o);
}

static void put32(xt *t, uint32_t v)
{
    put(t, v & 0xFFFFu);
    put(t, v >> 16);
}

static inline uint32_t slot_of(const xt *t, uint32_t height) { return t->base + height; }

/* the constant a V_CONST value names: its bits, and whether it is 64-bit */
static uint64_t const_bits(const xt *t, uint32_t v, int *is64)
{
    const uint8_t *p = t->m->bytes + V_ARG(v);
    uint8_t o = *p++;
    *is64 = (o == 0x42 || o == 0x44);
    switch (o) {
    case 0x41: return (uint32_t)uw_rd_s32(&p);
    case 0x42: return (uint64_t)uw_rd_s64(&p);
    case 0x43: return uw_ld32(p);
    default: return uw_ld64(p);
    }
}

static void emit_const(xt *t, uint32_t d, uint32_t v)
{
    int is64;
    uint64_t k = const_bits(t, v, &is64);
    if (!is64) {
        op(t, UW_X_CONST32);
        put(t, d);
        put32(t, (uint32_t)k);
    } else {
        op(t, UW_X_CONST64);
        put(t, d);
        put32(t, (uint32_t)k);
        put32(t, (uint32_t)(k >> 32));
    }
}

/* put the value at height i into its own slot */
static void materialize(xt *t, uint32_t i)
{
    uint32_t v = t->vs[i], d = slot_of(t, i);
    if (V_KIND(v) == V_LOCAL) {
        op(t, UW_X_COPY);
        put(t, d);
        put(t, V_ARG(v));
    } else if (V_KIND(v) == V_CONST) {
        emit_const(t, d, v);
    } else {
        return;
    }
    t->vs[i] = V_MAKE(V_STACK, 0);
}

static void flush(xt *t, uint32_t from)
{
    for (uint32_t i = from; i < t->h; i++) materialize(t, i);
}

/* the slot holding the value at height i (constants are materialised) */
static uint32_t src(xt *t, uint32_t i)
{
    uint32_t v = t->vs[i];
    if (V_KIND(v) == V_LOCAL) return V_ARG(v);
    if (V_KIND(v) == V_CONST) materialize(t, i);
    return slot_of(t, i);
}

static void push_result(xt *t)
{
    t->vs[t->h++] = V_MAKE(V_STACK, 0);
}

/* the result unit of an instruction whose result local.set/tee may retarget */
static void put_result(xt *t)
{
    t->last_dst = t->n;
    t->last_h = t->h;
    put(t, slot_of(t, t->h));
}

/* an instruction `o d a [b]` whose result replaces its operands on the stack;
 * remembers where d is, for local.set/tee to retarget */
static void emit_unop(xt *t, uint32_t o)
{
    uint32_t a = src(t, t->h - 1);
    t->h--;
    op(t, o);
    put_result(t);
    put(t, a);
    t->last_end = t->n;
    push_result(t);
}

static void emit_binop(xt *t, uint32_t o)
{
    uint32_t a = src(t, t->h - 2), b = src(t, t->h - 1);
    t->h -= 2;
    op(t, o);
    put_result(t);
    put(t, a);
    put(t, b);
    t->last_end = t->n;
    push_result(t);
}

static int fits16(uint32_t k) { return (int32_t)k >= -32768 && (int32_t)k <= 32767; }

static void emit_binop_imm(xt *t, uint32_t o, uint32_t a, uint32_t imm16)
{
    op(t, o);
    put_result(t);
    put(t, a);
    put(t, imm16 & 0xFFFFu);
    t->last_end = t->n;
    push_result(t);
}

static int push_ctl(xt *t, uint8_t kind, uint32_t np, uint32_t nr)
{
    xctl *c;
    if (t->nctl == t->ctl_cap) {
        uint32_t cap = t->ctl_cap * 2;
        xctl *n = uw_realloc(t->f->inst->a, t->ctl, t->ctl_cap * sizeof *n, cap * sizeof *n);
        if (!n) return 0;
        t->ctl = n;
        t->ctl_cap = cap;
    }
    c = &t->ctl[t->nctl++];
    memset(c, 0, sizeof *c);
    c->kind = kind;
    c->height = t->h - np;
    c->nparams = np;
    c->nresults = nr;
    c->start = t->n;
    t->last_end = NONE; /* nothing retargets across a label */
    return 1;
}

/* patch the forward branches of a chain to land here (a chain is the
 * position + 1 of a distance unit, which holds the next link; a lone
 * pending branch is a chain of one: its unit holds 0) */
static void patch(xt *t, uint32_t chain)
{
    if (t->mask != ~0u) return; /* measuring or locating: offsets do not matter */
    while (chain) {
        uint32_t at = chain - 1;
        chain = t->out[at];
        t->out[at] = (uint16_t)(int16_t)(int32_t)(t->n - at);
    }
}

/* the branch-distance unit of a branch to label `depth` (0 = innermost) */
static void put_target(xt *t, uint32_t depth)
{
    xctl *c = &t->ctl[t->nctl - 1 - depth];
    if (c->kind == C_LOOP) {
        put(t, (uint32_t)(int32_t)((int32_t)c->start - (int32_t)t->n) & 0xFFFFu);
    } else {
        uint32_t at = t->n;
        put(t, c->chain); /* link to the previous pending branch */
        c->chain = at + 1;
    }
}

static uint32_t label_arity(const xctl *c) { return c->kind == C_LOOP ? c->nparams : c->nresults; }

/* copy the top n values to the slots from height `to` on (to <= h - n) */
static void move_values(xt *t, uint32_t n, uint32_t to)
{
    uint32_t from = t->h - n;
    for (uint32_t i = 0; i < n; i++) {
        uint32_t v = t->vs[from + i];
        if (V_KIND(v) == V_CONST) {
            emit_const(t, slot_of(t, to + i), v);
        } else {
            uint32_t s = V_KIND(v) == V_LOCAL ? V_ARG(v) : slot_of(t, from + i);
            if (s == slot_of(t, to + i)) continue;
            op(t, UW_X_COPY);
            put(t, slot_of(t, to + i));
            put(t, s);
        }
    }
}

/* return with the top `nresults` values */
static void emit_return(xt *t)
{
    uint32_t nr = t->f->nresults;
    if (nr == 1) {
        uint32_t s = src(t, t->h - 1);
        op(t, UW_X_RET1);
        put(t, s);
        return;
    }
    if (nr > 1) {
        /* results into their own slots first: a result read from a local must
         * not be overwritten by an earlier result's copy into slots 0.. */
        flush(t, t->h - nr);
        for (uint32_t i = 0; i < nr; i++) {
            uint32_t s = slot_of(t, t->h - nr + i);
            if (s == i) continue;
            op(t, UW_X_COPY);
            put(t, i);
            put(t, s);
        }
    }
    op(t, UW_X_RET);
}

/* an unconditional branch to label `depth`, moving its values */
static void emit_br(xt *t, uint32_t depth)
{
    xctl *c = &t->ctl[t->nctl - 1 - depth];
    if (c->kind == C_FUNC) {
        emit_return(t);
        return;
    }
    move_values(t, label_arity(c), c->height);
    op(t, UW_X_JMP);
    put_target(t, depth);
}

/* the last operand of a call (the slot of its first argument, where its
 * results land) and the stack after it */
static void call_args(xt *t, const uw_functype *ft)
{
    put(t, slot_of(t, t->h - ft->nparams));
    t->h -= ft->nparams;
    for (uint32_t i = 0; i < ft->nresults; i++) push_result(t);
    t->last_end = NONE;
}

/* does a branch to `depth` need anything besides the jump (its values
 * already in their own slots)? */
static int br_is_plain(const xt *t, uint32_t depth)
{
    const xctl *c = &t->ctl[t->nctl - 1 - depth];
    uint32_t n = label_arity(c);
    return c->kind != C_FUNC && (n == 0 || t->h - n == c->height);
}

/* condition forms for br_if / if */
typedef struct xcond {
    uint32_t o;       /* UW_X_BR_* (or BR_NZ / BR_Z) */
    uint32_t a, b;    /* slots; b is the immediate for _I forms */
} xcond;


/* pops the condition; fuses a comparison just before it */
static void take_cond(xt *t, uint8_t prev_op, xcond *c)
{
    if (prev_op >= 0x46 && prev_op <= 0x4F) {
        uint32_t k = uw_cmp_index[prev_op - 0x46], vb = t->vs[t->h - 1];
        int is64;
        uint32_t k16 = V_KIND(vb) == V_CONST ? (uint32_t)const_bits(t, vb, &is64) : 0;
        if (V_KIND(vb) == V_CONST && fits16(k16)) {
            c->b = k16 & 0xFFFFu;
            c->a = src(t, t->h - 2);
            c->o = UW_X_BR_EQ_I + k;
        } else {
            c->a = src(t, t->h - 2);
            c->b = src(t, t->h - 1);
            c->o = UW_X_BR_EQ + k;
        }
        t->h -= 2;
    } else if (prev_op == 0x45 || prev_op == 0x50) { /* eqz */
        c->a = src(t, t->h - 1);
        c->o = UW_X_BR_Z;
        t->h--;
    } else {
        c->a = src(t, t->h - 1);
        c->o = UW_X_BR_NZ;
        t->h--;
    }
}

static uint32_t invert(uint32_t o)
{
    if (o == UW_X_BR_NZ) return UW_X_BR_Z;
    if (o == UW_X_BR_Z) return UW_X_BR_NZ;
    if (o >= UW_X_BR_EQ_I) return UW_X_BR_EQ_I + ((o - UW_X_BR_EQ_I) ^ 1u);
    return UW_X_BR_EQ + ((o - UW_X_BR_EQ) ^ 1u);
}

/* the conditional branch, leaving its distance unit to the caller */
static void emit_cond(xt *t, const xcond *c)
{
    op(t, c->o);
    put(t, c->a);
    if (c->o >= UW_X_BR_EQ) put(t, c->b);
}

static void read_blocktype(const xt *t, const uint8_t **p, uint32_t *np, uint32_t *nr)
{
    uint8_t b = **p;
    if (b == 0x40) {
        (*p)++;
        *np = *nr = 0;
    } else if (b >= 0x6F && b <= 0x7F) {
        (*p)++;
        *np = 0;
        *nr = 1;
    } else {
        const uw_functype *ft = &t->m->types[(uint32_t)uw_rd_s64(p)];
        *np = ft->nparams;
        *nr = ft->nresults;
    }
}

/* skip the immediates of an instruction in dead code */
static void skip_immediates(uint8_t o, const uint8_t **p)
{
    if ((o >= 0x02 && o <= 0x04) || o == 0x0C || o == 0x0D || o == 0x10 || o == 0x12 ||
        (o >= 0x20 && o <= 0x26) || o == 0x3F || o == 0x40 || o == 0x41 || o == 0x42 ||
        o == 0xD2) {
        uw_rd_u64(p);
    } else if (o == 0x0E) {
        uint32_t n = uw_rd_u32(p);
        for (uint32_t i = 0; i <= n; i++) uw_rd_u32(p);
    } else if (o == 0x11 || o == 0x13) {
        uw_rd_u32(p);
        uw_rd_u32(p);
    } else if (o == 0x1C) {
        uint32_t n = uw_rd_u32(p);
        *p += n;
    } else if (o >= 0x28 && o <= 0x3E) {
        if (uw_rd_u32(p) & 0x40) uw_rd_u32(p);
        uw_rd_u64(p);
    } else if (o == 0x43) {
        *p += 4;
    } else if (o == 0x44) {
        *p += 8;
    } else if (o == 0xD0) {
        (*p)++;
    } else if (o == 0xFC) {
        uint32_t sub = uw_rd_u32(p), n = 0;
        if (sub == 8 || sub == 10 || sub == 12 || sub == 14) n = 2;
        else if (sub == 9 || sub == 11 || sub == 13 || (sub >= 15 && sub <= 17)) n = 1;
        while (n--) uw_rd_u32(p);
    }
}

static const uint8_t load_op[23] = {
    UW_X_I32_LOAD,     UW_X_I64_LOAD,     UW_X_F32_LOAD,     UW_X_F64_LOAD,
    UW_X_I32_LOAD8_S,  UW_X_I32_LOAD8_U,  UW_X_I32_LOAD16_S, UW_X_I32_LOAD16_U,
    UW_X_I64_LOAD8_S,  UW_X_I64_LOAD8_U,  UW_X_I64_LOAD16_S, UW_X_I64_LOAD16_U,
    UW_X_I64_LOAD32_S, UW_X_I64_LOAD32_U, UW_X_I32_STORE,    UW_X_I64_STORE,
    UW_X_F32_STORE,    UW_X_F64_STORE,    UW_X_I32_STORE8,   UW_X_I32_STORE16,
    UW_X_I64_STORE8,   UW_X_I64_STORE16,  UW_X_I64_STORE32};

#if UW_COMPACT
/* an instruction of UW_NUM_OPS or UW_TRUNC_OPS: NUM d a b opcode (a unary one
 * repeats a) */
static void emit_num(xt *t, uint32_t o)
{
    uint32_t unary = uw_num_arity[o - UW_NUM_FIRST] == 1;
    uint32_t a = src(t, t->h - 2 + unary), b = unary ? a : src(t, t->h - 1);
    t->h -= 2 - unary;
    op(t, UW_X_NUM);
    put_result(t);
    put(t, a);
    put(t, b);
    put(t, o);
    t->last_end = t->n;
    push_result(t);
}
#else
/* the op of each instruction of UW_NUM_OPS and UW_TRUNC_OPS, by opcode from
 * UW_NUM_FIRST */
#define NUM_XOP(opcode, name, shape, expr) [0x##opcode - UW_NUM_FIRST] = UW_X_##name,
#define TRUNC_XOP(opcode, name, sub) [0x##opcode - UW_NUM_FIRST] = UW_X_##name,
static const uint8_t num_xop[UW_NUM_END - UW_NUM_FIRST] = {UW_NUM_OPS(NUM_XOP)
                                                               UW_TRUNC_OPS(TRUNC_XOP)};
#undef NUM_XOP
#undef TRUNC_XOP

static void emit_num(xt *t, uint32_t o)
{
    if (uw_num_arity[o - UW_NUM_FIRST] == 1) emit_unop(t, num_xop[o - UW_NUM_FIRST]);
    else emit_binop(t, num_xop[o - UW_NUM_FIRST]);
}
#endif

/* translate the body; 0 if the function must stay in place */
static int translate(xt *t)
{
    const uw_funcinst *f = t->f;
    const uint8_t *p = f->body;
    uint8_t prev = 0; /* the previous opcode, for compare-and-branch */
    if (!push_ctl(t, C_FUNC, 0, f->nresults)) return 0;
    for (;;) {
        const uint8_t *at = p;
        uint8_t o = *p++;
        xctl *c = &t->ctl[t->nctl - 1];
        t->cur = at;
        if (t->n > MAX_UNITS) return 0;
        if (c->dead) {
            if (o >= 0x02 && o <= 0x04) {
                c->dead_nest++;
            } else if (o == 0x0B && c->dead_nest) {
                c->dead_nest--;
                continue;
            } else if (o == 0x05 && c->dead_nest) {
                continue;
            }
            if (o != 0x0B && o != 0x05) {
                skip_immediates(o, &p);
                continue;
            }
        }
        switch (o) {
        case 0x00:
            op(t, UW_X_UNREACHABLE);
            c->dead = 1;
            break;
        case 0x01: break;
        case 0x02:
        case 0x03: {
            uint32_t np, nr;
            read_blocktype(t, &p, &np, &nr);
            flush(t, 0);
            if (!push_ctl(t, o == 0x02 ? C_BLOCK : C_LOOP, np, nr)) return 0;
            break;
        }
        case 0x04: {
            uint32_t np, nr;
            xcond cd;
            read_blocktype(t, &p, &np, &nr);
            take_cond(t, prev, &cd);
            flush(t, 0);
            cd.o = invert(cd.o);
            emit_cond(t, &cd);
            {
                uint32_t at_off = t->n;
                put(t, 0);
                if (!push_ctl(t, C_IF, np, nr)) return 0;
                t->ctl[t->nctl - 1].else_at = at_off + 1;
            }
            break;
        }
        case 0x05: /* else */
            if (!c->dead) {
                flush(t, c->height);
                op(t, UW_X_JMP);
                put_target(t, 0);
            }
            patch(t, c->else_at); /* the false branch of the `if` lands here */
            c->else_at = 0;
            c->kind = C_ELSE;
            c->dead = 0;
            c->dead_nest = 0;
            t->h = c->height + c->nparams;
            for (uint32_t i = c->height; i < t->h; i++) t->vs[i] = V_MAKE(V_STACK, 0);
            t->last_end = NONE;
            break;
        case 0x0B: /* end */
            if (c->kind == C_FUNC) {
                if (!c->dead) emit_return(t);
                return 1;
            }
            if (!c->dead) flush(t, c->height);
            if (c->kind != C_LOOP) patch(t, c->chain);
            patch(t, c->else_at); /* an `if` without `else`: false lands here */
            t->h = c->height + c->nresults;
            for (uint32_t i = c->height; i < t->h; i++) t->vs[i] = V_MAKE(V_STACK, 0);
            t->nctl--;
            t->last_end = NONE;
            break;
        case 0x0C:
            emit_br(t, uw_rd_u32(&p));
            c->dead = 1;
            break;
        case 0x0D: {
            uint32_t depth = uw_rd_u32(&p);
            xcond cd;
            const xctl *l;
            take_cond(t, prev, &cd);
            l = &t->ctl[t->nctl - 1 - depth];
            /* both paths agree on where the label's values are */
            flush(t, t->h - label_arity(l));
            if (br_is_plain(t, depth)) {
                emit_cond(t, &cd);
                put_target(t, depth);
            } else {
                /* branch over the value moves and the jump when not taken */
                uint32_t skip;
                cd.o = invert(cd.o);
                emit_cond(t, &cd);
                skip = t->n;
                put(t, 0);
                emit_br(t, depth);
                patch(t, skip + 1);
            }
            t->last_end = NONE;
            break;
        }
        case 0x0E: {
            uint32_t n = uw_rd_u32(&p), a, table, nstubs = 0;
            const uint8_t *targets = p;
            if (n > 0xFFFE) return 0;
            a = src(t, t->h - 1);
            t->h--;
            flush(t, 0); /* every target sees its values in their own slots */
            op(t, UW_X_BR_TABLE);
            put(t, a);
            put(t, n);
            table = t->n;
            for (uint32_t i = 0; i <= n; i++) {
                uint32_t depth = uw_rd_u32(&p);
                if (br_is_plain(t, depth)) {
                    put_target(t, depth);
                } else {
                    put(t, 0);
                    nstubs++;
                }
            }
            if (nstubs) {
                /* a stub per target that moves values (or returns) */
                const uint8_t *q = targets;
                for (uint32_t i = 0; i <= n; i++) {
                    uint32_t depth = uw_rd_u32(&q);
                    if (br_is_plain(t, depth)) continue;
                    patch(t, table + i + 1);
                    emit_br(t, depth);
                }
            }
            c->dead = 1;
            break;
        }
        case 0x0F:
            emit_return(t);
            c->dead = 1;
            break;
        case 0x10: {
            uint32_t fi = uw_rd_u32(&p);
            const uw_functype *ft = &t->m->types[t->m->func_type[fi]];
            flush(t, t->h - ft->nparams);
            op(t, UW_X_CALL);
            put32(t, fi);
            call_args(t, ft);
            break;
        }
        case 0x11: {
            uint32_t ti = uw_rd_u32(&p), tab = uw_rd_u32(&p), e;
            const uw_functype *ft = &t->m->types[ti];
            e = src(t, t->h - 1);
            t->h--;
            flush(t, t->h - ft->nparams);
            op(t, UW_X_CALL_INDIRECT);
            put32(t, ti);
            put32(t, tab);
            put(t, e);
            call_args(t, ft);
            break;
        }
        case 0x1A: t->h--; break;
        case 0x1C: {
            uint32_t ntypes = uw_rd_u32(&p);
            p += ntypes;
        }
        /* fall through */
        case 0x1B: {
            uint32_t a = src(t, t->h - 3), b = src(t, t->h - 2), cc = src(t, t->h - 1);
            t->h -= 3;
            op(t, UW_X_SELECT);
            put_result(t);
            put(t, a);
            put(t, b);
            put(t, cc);
            t->last_end = t->n;
            push_result(t);
            break;
        }
        case 0x20:
            t->vs[t->h++] = V_MAKE(V_LOCAL, uw_rd_u32(&p));
            break;
        case 0x21:
        case 0x22: {
            uint32_t x = uw_rd_u32(&p), v = t->vs[t->h - 1], shared = 0;
            for (uint32_t i = 0; i + 1 < t->h; i++)
                if (t->vs[i] == V_MAKE(V_LOCAL, x)) shared = 1;
            if (v == V_MAKE(V_LOCAL, x)) {
                /* local.set x of local.get x: nothing changes */
            } else if (!shared && V_KIND(v) == V_STACK && t->last_end == t->n &&
                       t->last_h == t->h - 1) {
                /* the previous instruction writes x directly */
                if (t->mask == ~0u || t->last_dst + WINDOW > t->n)
                    t->out[t->last_dst & t->mask] = (uint16_t)x;
            } else {
                /* values still naming x keep its old value in their slots */
                for (uint32_t i = 0; i + 1 < t->h; i++)
                    if (t->vs[i] == V_MAKE(V_LOCAL, x)) materialize(t, i);
                if (V_KIND(v) == V_CONST) {
                    emit_const(t, x, v);
                } else {
                    uint32_t s = V_KIND(v) == V_LOCAL ? V_ARG(v) : slot_of(t, t->h - 1);
                    op(t, UW_X_COPY);
                    put(t, x);
                    put(t, s);
                }
            }
            t->last_end = NONE;
            if (o == 0x21) t->h--;
            else t->vs[t->h - 1] = V_MAKE(V_LOCAL, x);
            break;
        }
        case 0x23:
            op(t, UW_X_GLOBAL_GET);
            put_result(t);
            put32(t, uw_rd_u32(&p));
            t->last_end = t->n;
            push_result(t);
            break;
        case 0x24: {
            uint32_t s = src(t, t->h - 1);
            t->h--;
            op(t, UW_X_GLOBAL_SET);
            put(t, s);
            put32(t, uw_rd_u32(&p));
            break;
        }
        case 0x3F:
        case 0x40:
            if (uw_rd_u32(&p) != 0) return 0;
            if (o == 0x3F) {
                op(t, UW_X_MEMORY_SIZE);
                put(t, slot_of(t, t->h));
                push_result(t);
            } else {
                emit_unop(t, UW_X_MEMORY_GROW);
            }
            t->last_end = NONE;
            break;
        case 0x41:
        case 0x42:
        case 0x43:
        case 0x44:
            t->vs[t->h++] = V_MAKE(V_CONST, (uint32_t)(at - t->m->bytes));
            skip_immediates(o, &p);
            break;
        case 0x45:
        case 0x50:
            if (*p == 0x0D || *p == 0x04) break; /* fused into the branch */
            emit_unop(t, o == 0x45 ? UW_X_I32_EQZ : UW_X_I64_EQZ);
            break;
        case 0x6A: case 0x6B: case 0x6C: case 0x71: case 0x72: case 0x73:
        case 0x74: case 0x75: case 0x76: case 0x77: case 0x78: {
            /* UW_HOT32_OPS: with a constant operand, the immediate forms */
            static const uint8_t reg_op[15] = {
                UW_X_I32_ADD, UW_X_I32_SUB, UW_X_I32_MUL, 0, 0, 0, 0,
                UW_X_I32_AND, UW_X_I32_OR, UW_X_I32_XOR, UW_X_I32_SHL,
                UW_X_I32_SHR_S, UW_X_I32_SHR_U, UW_X_I32_ROTL, UW_X_I32_ROTR};
            static const uint8_t imm_op[15] = {
                UW_X_I32_ADD_I, UW_X_I32_ADD_I, UW_X_I32_MUL_I, 0, 0, 0, 0,
                UW_X_I32_AND_I, UW_X_I32_OR_I, UW_X_I32_XOR_I, UW_X_I32_SHL_I,
                UW_X_I32_SHR_S_I, UW_X_I32_SHR_U_I, UW_X_I32_ROTR_I, UW_X_I32_ROTR_I};
            uint32_t va = t->vs[t->h - 2], vb = t->vs[t->h - 1], k = 0, which = 0;
            int is64, commutes = (o == 0x6A || o == 0x6C || (o >= 0x71 && o <= 0x73));
            if (V_KIND(vb) == V_CONST) {
                k = (uint32_t)const_bits(t, vb, &is64);
                if (o == 0x6B || o == 0x77) k = 0u - k; /* sub, rotl: add, rotr of -k */
                if (fits16(k)) which = 2;
            }
            if (!which && commutes && V_KIND(va) == V_CONST) {
                k = (uint32_t)const_bits(t, va, &is64);
                if (fits16(k)) which = 1;
            }
            if (which) {
                /* the other operand in a slot, the constant as an immediate */
                uint32_t a = src(t, which == 2 ? t->h - 2 : t->h - 1);
                t->h -= 2;
                emit_binop_imm(t, imm_op[o - 0x6A], a, k);
                break;
            }
            emit_binop(t, reg_op[o - 0x6A]);
            break;
        }
        case 0x28: case 0x29: case 0x2A: case 0x2B: case 0x2C: case 0x2D: case 0x2E:
        case 0x2F: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35:
        case 0x36: case 0x37: case 0x38: case 0x39: case 0x3A: case 0x3B: case 0x3C:
        case 0x3D: case 0x3E: {
            uint32_t align = uw_rd_u32(&p);
            uint64_t offset;
            if (align & 0x40) {
                if (uw_rd_u32(&p) != 0) return 0;
            }
            offset = uw_rd_u64(&p);
            if (offset > 0xFFFFu) return 0;
            if (o <= 0x35) {
                uint32_t a = src(t, t->h - 1);
                t->h--;
                op(t, load_op[o - 0x28]);
                put_result(t);
                put(t, a);
                put(t, (uint32_t)offset);
                t->last_end = t->n;
                push_result(t);
            } else {
                uint32_t a = src(t, t->h - 2), s = src(t, t->h - 1);
                t->h -= 2;
                op(t, load_op[o - 0x28]);
                put(t, a);
                put(t, s);
                put(t, (uint32_t)offset);
            }
            break;
        }
        case 0xAD: case 0xBC: case 0xBD: case 0xBE: case 0xBF:
            break; /* slots already hold these bits */
        case 0xFC: {
            uint32_t sub = uw_rd_u32(&p), a;
            if (sub > 7) return 0;
            a = src(t, t->h - 1);
            t->h--;
            op(t, UW_X_TRUNC_SAT);
            put_result(t);
            put(t, a);
            put(t, sub);
            t->last_end = t->n;
            push_result(t);
            break;
        }
        default:
            if (o >= 0x46 && o <= 0x4F) {
                if (*p == 0x0D || *p == 0x04) break; /* fused into the branch */
                emit_binop(t, UW_X_I32_EQ + uw_cmp_index[o - 0x46]);
            } else if (o >= UW_NUM_FIRST && o < UW_NUM_END && uw_num_arity[o - UW_NUM_FIRST]) {
                emit_num(t, o);
            } else {
                return 0; /* tail calls, tables, references: stay in place */
            }
            break;
        }
        prev = o;
    }
}

/* one pass over f's body in the given mode; 0 = stays in place */
static int run_pass(xt *t, const uw_funcinst *f, uint16_t *out, uint32_t mask, uint32_t locate)
{
    uw_allocator *a = f->inst->a;
    uint32_t max_stack = f->need - f->nlocals;
    int ok;
    memset(t, 0, sizeof *t);
    t->f = f;
    t->m = f->inst->mod;
    t->out = out;
    t->mask = mask;
    t->base = f->nparams + f->nlocals;
    t->locate = locate;
    t->last_end = NONE;
    t->vcap = max_stack + 1;
    t->ctl_cap = 8;
    t->vs = uw_alloc(a, t->vcap * sizeof *t->vs);
    t->ctl = uw_alloc(a, t->ctl_cap * sizeof *t->ctl);
    ok = t->vs && t->ctl && translate(t);
    if (t->vs) uw_free(a, t->vs, t->vcap * sizeof *t->vs);
    if (t->ctl) uw_free(a, t->ctl, t->ctl_cap * sizeof *t->ctl);
    return ok && t->n <= MAX_UNITS;
}

void uw_xlate(uw_funcinst *f)
{
    uw_instance *inst = f->inst;
    uint16_t window[WINDOW], *code;
    size_t bytes;
    xt t;
    f->tstate = UW_T_INPLACE;
    if (!inst->tbudget) return;
    if (f->nparams + f->need >= 0xFFFFu) return; /* slots are 16-bit */
    if (inst->mod->nmems && inst->mod->mems[0].is64) return;
    if (inst->mod->len >= ((size_t)1 << 30)) return; /* constants are named by 30-bit offsets */
    if (!run_pass(&t, f, window, WINDOW - 1, NONE)) return;
    bytes = (size_t)t.n * sizeof *code;
    if (bytes > inst->tbudget) return;
    code = uw_alloc(inst->a, bytes);
    if (!code) return;
    if (!run_pass(&t, f, code, ~0u, NONE)) {
        uw_free(inst->a, code, bytes);
        return;
    }
    f->tcode = code;
    f->tunits = t.n;
    f->tstate = UW_T_DONE;
    inst->tbudget -= (uint32_t)bytes;
    inst->ram += bytes;
}

uint32_t uw_xlate_locate(const uw_funcinst *f, const uint16_t *ip)
{
    uint16_t window[WINDOW];
    xt t;
    if (!run_pass(&t, f, window, WINDOW - 1, (uint32_t)(ip - f->tcode)) || !t.found)
        return UW_NO_INDEX;
    return (uint32_t)(t.found - f->inst->mod->bytes);
}

#else /* the tier left out: everything runs in place */

void uw_xlate(uw_funcinst *f) { f->tstate = UW_T_INPLACE; }

uint32_t uw_xlate_locate(const uw_funcinst *f, const uint16_t *ip)
{
    (void)f;
    (void)ip;
    return UW_NO_INDEX;
}

#endif
