/* validate.c — validates function bodies and constant expressions, without
 * recursion (explicit control stack in allocator memory), and builds the side
 * table the executor uses to find branch targets in the original bytecode. */
#include "uw_internal.h"
#include "uw_reader.h"

#define T_UNKNOWN 0 /* polymorphic stack slot after unreachable code */

enum { K_BLOCK, K_LOOP, K_IF, K_ELSE, K_FUNC }; /* block, loop, if: opcode - 2 */

typedef struct ctrl {
    uint8_t kind, unreachable;
    uint32_t height;  /* operand height at entry (params excluded) */
    uint32_t nparams, nresults;
    const uint8_t *params, *results;
    uint32_t start_off;  /* loop: offset of the body; others: unused */
    uint32_t start_stp;  /* loop: side index at body start */
    uint32_t if_entry;   /* K_IF: side entry of the false jump */
    uint32_t pending;    /* chain of forward entries to patch at `end` (UW_NO_INDEX) */
} ctrl;

typedef struct vctx {
    uw_module *m;
    rd r;
    uint8_t *vals;
    uint32_t nvals, vcap, max_height;
    ctrl *ctrls;
    uint32_t nctrls, ccap;
    const uint8_t *local_types_start; /* locals declaration vector */
    uint32_t nparams;
    const uw_functype *ftype;
    const uint8_t *instr; /* instruction being validated (error offsets) */
} vctx;

/* Scratch kept in the module while the code section is validated. */
/* Validation-time side entry: roomy, compacted into uw_side by uw_side_finish. */
typedef struct vside {
    int32_t dpc, dstp;
    uint32_t keep, drop;
} vside;

typedef struct vscratch {
    uint8_t *vals;
    uint32_t vcap;
    ctrl *ctrls;
    uint32_t ccap;
    vside *vs;
    uint32_t side_cap;
} vscratch;
static vscratch *scratch_of(uw_module *m);

static uw_kind fail_at(vctx *v, uint32_t msg)
{
    const uint8_t *at = v->instr ? v->instr : v->r.p;
    return uw_fail(v->r.st, UW_INVALID, (uint32_t)(at - v->r.base), msg);
}

static uw_kind oom(vctx *v)
{
    return uw_fail(v->r.st, UW_OUT_OF_MEMORY, (uint32_t)(v->r.p - v->r.base),
                   UW_M_OUT_OF_MEMORY_VALIDATING_LIMIT);
}

/* ---------- scratch management ---------- */


static vscratch *scratch_of(uw_module *m) { return (vscratch *)(void *)m->side_scratch; }

uw_kind uw_side_begin(uw_module *m, uw_status *st)
{
    vscratch *s = uw_alloc(m->a, sizeof(vscratch));
    if (!s) return uw_fail(st, UW_OUT_OF_MEMORY, 0, UW_M_OUT_OF_MEMORY_VALIDATING);
    m->side_scratch = s;
    return UW_OK;
}

/* The validator's stacks (freed first: the compact side table may take their room). */
static void free_stacks(uw_module *m, vscratch *s)
{
    uw_free(m->a, s->vals, s->vcap);
    uw_free(m->a, s->ctrls, (size_t)s->ccap * sizeof(ctrl));
    s->vals = NULL;
    s->ctrls = NULL;
    s->vcap = s->ccap = 0;
}

/* The roomy side entries and the scratch itself. */
static void free_scratch(uw_module *m, vscratch *s)
{
    uw_free(m->a, s->vs, (size_t)s->side_cap * sizeof(vside));
    uw_free(m->a, s, sizeof *s);
    m->side_scratch = NULL;
}

void uw_side_release(uw_module *m)
{
    vscratch *s = scratch_of(m);
    if (!s) return;
    free_stacks(m, s);
    m->nside = 0;
    free_scratch(m, s);
}

static int fits_compact(const vside *e)
{
    return (uint32_t)e->dstp + 32768u <= 65535u && e->keep < 255 && e->drop < 255;
}

/* Compact the side table: 8-byte entries; the rare entry whose values do not
 * fit is marked (drop = 255) and its values go to a sorted overflow array,
 * filled in a second pass over the marked entries (one pass deciding which
 * entries fit, not two). */
uw_kind uw_side_finish(uw_module *m, uw_status *st)
{
    vscratch *s = scratch_of(m);
    uint32_t i, nwide = 0, w = 0;
    free_stacks(m, s);
    if (m->nside) {
        m->side = uw_alloc(m->a, (size_t)m->nside * sizeof(uw_side));
        if (!m->side) goto oom;
        m->nside_cap = m->nside;
        m->ram += (size_t)m->nside * sizeof(uw_side);
    }
    for (i = 0; i < m->nside; i++) {
        const vside *e = &s->vs[i];
        uw_side *c = &m->side[i]; /* zeroed */
        c->dpc = e->dpc;
        if (fits_compact(e)) {
            c->dstp = (int16_t)e->dstp;
            c->keep = (uint8_t)e->keep;
            c->drop = (uint8_t)e->drop;
        } else {
            c->drop = UW_SIDE_WIDE;
            nwide++;
        }
    }
    if (nwide) {
        m->side_wide = uw_alloc(m->a, (size_t)nwide * sizeof(uw_side_wide));
        if (!m->side_wide) goto oom;
        m->nside_wide = nwide;
        m->ram += (size_t)nwide * sizeof(uw_side_wide);
        for (i = 0; w < nwide; i++) {
            const vside *e = &s->vs[i];
            if (m->side[i].drop != UW_SIDE_WIDE) continue;
            m->side_wide[w].index = i;
            m->side_wide[w].dstp = e->dstp;
            m->side_wide[w].keep = e->keep;
            m->side_wide[w].drop = e->drop;
            w++;
        }
    }
    free_scratch(m, s);
    return UW_OK;
oom:
    return uw_fail(st, UW_OUT_OF_MEMORY, 0, UW_M_OUT_OF_MEMORY_SIDE_TABLE);
}

static uw_kind new_side(vctx *v, uint32_t *idx)
{
    uw_module *m = v->m;
    vscratch *s = scratch_of(m);
    if (m->nside == s->side_cap) {
        uint32_t ncap = s->side_cap ? s->side_cap * 2 : 64;
        vside *q;
        if (ncap <= s->side_cap) return oom(v);
        q = uw_realloc(m->a, s->vs, (size_t)s->side_cap * sizeof(vside), (size_t)ncap * sizeof(vside));
        if (!q) return oom(v);
        s->vs = q;
        s->side_cap = ncap;
    }
    *idx = m->nside++;
    memset(&s->vs[*idx], 0, sizeof(vside));
    return UW_OK;
}

#define SIDE(m) (scratch_of(m)->vs)

/* ---------- operand stack ---------- */

static uw_kind push(vctx *v, uint8_t t)
{
    if (v->nvals == v->vcap) {
        uint32_t ncap = v->vcap ? v->vcap * 2 : 256;
        uint8_t *q = uw_realloc(v->m->a, v->vals, v->vcap, ncap);
        if (!q) return oom(v);
        v->vals = q;
        v->vcap = ncap;
        scratch_of(v->m)->vals = q;
        scratch_of(v->m)->vcap = ncap;
    }
    v->vals[v->nvals++] = t;
    if (v->nvals > v->max_height) v->max_height = v->nvals;
    return UW_OK;
}

static uw_kind pop(vctx *v, uint8_t want, uint8_t *got)
{
    ctrl *c = &v->ctrls[v->nctrls - 1];
    uint8_t t;
    if (v->nvals == c->height) {
        if (c->unreachable) {
            if (got) *got = want;
            return UW_OK;
        }
        return fail_at(v, UW_M_OPERAND_STACK_UNDERFLOW);
    }
    t = v->vals[--v->nvals];
    if (want != T_UNKNOWN && t != T_UNKNOWN && t != want) return fail_at(v, UW_M_TYPE_MISMATCH);
    if (got) *got = (t == T_UNKNOWN) ? want : t;
    return UW_OK;
}

static uw_kind pop_n(vctx *v, uint32_t n, const uint8_t *types)
{
    while (n--) TRY(pop(v, types[n], NULL));
    return UW_OK;
}

static uw_kind push_n(vctx *v, uint32_t n, const uint8_t *types)
{
    for (uint32_t i = 0; i < n; i++) TRY(push(v, types[i]));
    return UW_OK;
}

static uw_kind push_ctrl(vctx *v, uint8_t kind, uint32_t np, const uint8_t *p, uint32_t nr,
                         const uint8_t *r)
{
    ctrl *c;
    if (v->nctrls == v->ccap) {
        uint32_t ncap = v->ccap ? v->ccap * 2 : 32;
        ctrl *q = uw_realloc(v->m->a, v->ctrls, (size_t)v->ccap * sizeof(ctrl),
                             (size_t)ncap * sizeof(ctrl));
        if (!q) return oom(v);
        v->ctrls = q;
        v->ccap = ncap;
        scratch_of(v->m)->ctrls = q;
        scratch_of(v->m)->ccap = ncap;
    }
    c = &v->ctrls[v->nctrls++];
    c->kind = kind;
    c->unreachable = 0;
    c->height = v->nvals;
    c->nparams = np;
    c->params = p;
    c->nresults = nr;
    c->results = r;
    c->pending = UW_NO_INDEX; /* if_entry, start_off, start_stp: set by block/loop/if */
    return push_n(v, np, p);
}

static void set_unreachable(vctx *v)
{
    ctrl *c = &v->ctrls[v->nctrls - 1];
    v->nvals = c->height;
    c->unreachable = 1;
}

/* label types of a control frame: a loop's label takes its params */
static void label_types(const ctrl *c, uint32_t *n, const uint8_t **t)
{
    if (c->kind == K_LOOP) {
        *n = c->nparams;
        *t = c->params;
    } else {
        *n = c->nresults;
        *t = c->results;
    }
}

static uint32_t off(vctx *v, const uint8_t *p) { return (uint32_t)(p - v->r.base); }

/* Emit the side entry of a branch at `instr` to label `depth`.  `height` is
 * the operand height at the branch once its own operands (condition, index)
 * are popped. */
static uw_kind branch_entry(vctx *v, const uint8_t *instr, uint32_t depth, uint32_t height)
{
    ctrl *c = &v->ctrls[v->nctrls - 1 - depth];
    uint32_t n, idx, drop = 0;
    const uint8_t *t;
    vside *e;
    label_types(c, &n, &t);
    TRY(new_side(v, &idx));
    e = &SIDE(v->m)[idx];
    if (!v->ctrls[v->nctrls - 1].unreachable && height >= c->height + n)
        drop = height - c->height - n;
    e->keep = n;
    e->drop = drop;
    if (c->kind == K_LOOP) {
        e->dpc = (int32_t)(c->start_off - off(v, instr));
        e->dstp = (int32_t)c->start_stp - (int32_t)idx;
    } else {
        /* forward: patched at the label's end; chain through dpc */
        e->dpc = (int32_t)c->pending;
        e->dstp = (int32_t)off(v, instr);
        c->pending = idx;
    }
    return UW_OK;
}

static void patch_chain(vctx *v, uint32_t head, uint32_t target_off, uint32_t target_stp)
{
    while (head != UW_NO_INDEX) {
        vside *e = &SIDE(v->m)[head];
        uint32_t next = (uint32_t)e->dpc;
        uint32_t instr = (uint32_t)e->dstp;
        e->dpc = (int32_t)(target_off - instr);
        e->dstp = (int32_t)target_stp - (int32_t)head;
        head = next;
    }
}

/* ---------- block types and memargs ---------- */

static uw_kind block_type(vctx *v, uint32_t *np, const uint8_t **p, uint32_t *nr,
                          const uint8_t **r)
{
    const uint8_t *at = v->r.p;
    int64_t bt;
    *np = *nr = 0;
    *p = *r = NULL;
    if (v->r.p >= v->r.end) return bad(&v->r, UW_M_UNEXPECTED_END);
    if (*at == 0x40) {
        v->r.p++;
        return UW_OK;
    }
    if (is_valtype(*at)) {
        v->r.p++;
        *nr = 1;
        *r = at; /* the type byte itself, in the module */
        return UW_OK;
    }
    {
        uint64_t raw;
        TRY(rd_leb(&v->r, 33, 1, &raw)); /* sign-extended from bit 32 */
        bt = (int64_t)raw;
    }
    if (bt < 0) return bad(&v->r, UW_M_MALFORMED_BLOCK_TYPE);
    if ((uint64_t)bt >= v->m->ntypes) return fail_at(v, UW_M_UNKNOWN_TYPE);
    *np = v->m->types[bt].nparams;
    *p = v->m->types[bt].params;
    *nr = v->m->types[bt].nresults;
    *r = v->m->types[bt].results;
    return UW_OK;
}

static uw_kind memarg(vctx *v, uint32_t natural_log2, uint8_t *addr_type)
{
    uint32_t align, memidx = 0;
    uint64_t offset;
    uint8_t is64;
    TRY(rd_u32(&v->r, &align));
    if (align & 0x40) {
        align &= ~0x40u;
        TRY(rd_u32(&v->r, &memidx));
    }
    if (memidx >= v->m->nmems) return fail_at(v, UW_M_UNKNOWN_MEMORY);
    if (align >= 64) return bad(&v->r, UW_M_MALFORMED_MEMOP_FLAGS);
    is64 = v->m->mems[memidx].is64;
    TRY(rd_leb(&v->r, is64 ? 64 : 32, 0, &offset)); /* the offset: checked, not kept */
    if (align > natural_log2) return fail_at(v, UW_M_ALIGNMENT_TOO_LARGE);
    *addr_type = is64 ? UW_I64 : UW_I32;
    return UW_OK;
}

/* A memory index; *addr_type: its address type (all its users need). */
static uw_kind mem_index(vctx *v, uint8_t *addr_type)
{
    const uint8_t *at = v->r.p;
    uint32_t idx;
    TRY(rd_u32(&v->r, &idx));
    /* 2.0 wants a zero byte here; multi-memory an index: refuse padded forms */
    if (idx < 0x80 && v->r.p - at != 1) return bad(&v->r, UW_M_ZERO_BYTE_EXPECTED);
    if (idx >= v->m->nmems) return fail_at(v, UW_M_UNKNOWN_MEMORY);
    *addr_type = v->m->mems[idx].is64 ? UW_I64 : UW_I32;
    return UW_OK;
}

/* A table index; *elemtype: its element type (all its users need). */
static uw_kind table_index(vctx *v, uint8_t *elemtype)
{
    uint32_t idx;
    TRY(rd_u32(&v->r, &idx));
    if (idx >= v->m->ntables) return fail_at(v, UW_M_UNKNOWN_TABLE);
    *elemtype = v->m->tables[idx].elemtype;
    return UW_OK;
}

/* Type of local `idx`: walk the declaration groups (only at validation). */
static uw_kind local_type(vctx *v, uint32_t idx, uint8_t *t)
{
    const uint8_t *p;
    uint32_t groups;
    if (idx < v->nparams) {
        *t = v->ftype->params[idx];
        return UW_OK;
    }
    idx -= v->nparams;
    p = v->local_types_start;
    groups = uw_rd_u32(&p);
    while (groups--) {
        uint32_t cnt = uw_rd_u32(&p);
        uint8_t vt = *p++;
        if (idx < cnt) {
            *t = vt;
            return UW_OK;
        }
        idx -= cnt;
    }
    return fail_at(v, UW_M_UNKNOWN_LOCAL);
}

/* Numeric operators 0x45..0xC4, in runs of equal signature: the last opcode of
 * the run, then the operand type (2 bits: i32, i64, f32, f64), whether there is
 * a second operand of the same type (bit 2) and the result type (bits 3-4). */
#define UN(a, o) ((a) | ((o) << 3))
#define BIN(a, o) ((a) | 4 | ((o) << 3))
enum { I_, L_, F_, D_ };
static const uint8_t numeric[][2] = {
    {0x45, UN(I_, I_)}, {0x4F, BIN(I_, I_)}, {0x50, UN(L_, I_)}, {0x5A, BIN(L_, I_)},
    {0x60, BIN(F_, I_)}, {0x66, BIN(D_, I_)}, {0x69, UN(I_, I_)}, {0x78, BIN(I_, I_)},
    {0x7B, UN(L_, L_)}, {0x8A, BIN(L_, L_)}, {0x91, UN(F_, F_)}, {0x98, BIN(F_, F_)},
    {0x9F, UN(D_, D_)}, {0xA6, BIN(D_, D_)},
    /* conversions */
    {0xA7, UN(L_, I_)}, {0xA9, UN(F_, I_)}, {0xAB, UN(D_, I_)}, {0xAD, UN(I_, L_)},
    {0xAF, UN(F_, L_)}, {0xB1, UN(D_, L_)}, {0xB3, UN(I_, F_)}, {0xB5, UN(L_, F_)},
    {0xB6, UN(D_, F_)}, {0xB8, UN(I_, D_)}, {0xBA, UN(L_, D_)}, {0xBB, UN(F_, D_)},
    /* reinterpretations, sign extensions */
    {0xBC, UN(F_, I_)}, {0xBD, UN(D_, L_)}, {0xBE, UN(I_, F_)}, {0xBF, UN(L_, D_)},
    {0xC1, UN(I_, I_)}, {0xC4, UN(L_, L_)}};

static void numeric_sig(uint8_t op, uint8_t *a, uint8_t *b, uint8_t *out)
{
    const uint8_t *e = numeric[0];
    while (op > e[0]) e += 2;
    *a = (uint8_t)(UW_I32 - (e[1] & 3)); /* UW_I32, UW_I64, UW_F32, UW_F64 = 0x7F..0x7C */
    *b = (e[1] & 4) ? *a : 0;
    *out = (uint8_t)(UW_I32 - (e[1] >> 3));
}

/* The immediate of i32/i64/f32/f64.const (op 0x41..0x44); *t: the type,
 * *x: the value (i32 and f32 bits zero-extended by the caller that keeps it). */
static uw_kind const_imm(rd *r, uint8_t op, uint8_t *t, uw_slot *x)
{
    uint32_t n = op == 0x43 ? 4 : 8;
    *t = (uint8_t)(UW_I32 - (op - 0x41)); /* UW_I32, UW_I64, UW_F32, UW_F64 = 0x7F..0x7C */
    if (op < 0x43) return rd_leb(r, op == 0x41 ? 32 : 64, 1, x);
    if ((size_t)(r->end - r->p) < n) return bad(r, UW_M_UNEXPECTED_END);
    *x = n == 4 ? uw_ld32(r->p) : uw_ld64(r->p);
    r->p += n;
    return UW_OK;
}

static int is_ref(uint8_t t) { return t == UW_FUNCREF || t == UW_EXTERNREF; }

/* ---------- the body ---------- */

static const uint8_t iii[3] = {UW_I32, UW_I32, UW_I32};

/* Most instructions end by popping their operands and pushing a result: their
 * case sets `in` (operand types, bottom first), `nin` and `out` (0: none) and
 * the code after the switch does the popping and pushing. */
static uw_kind validate_body(vctx *v, uw_func *f)
{
    uw_module *m = v->m;
    rd *r = &v->r;
    TRY(push_ctrl(v, K_FUNC, 0, NULL, v->ftype->nresults, v->ftype->results));
    while (v->nctrls > 0) {
        const uint8_t *instr = r->p;
        uint8_t op, buf[3], out = 0;
        const uint8_t *in = buf;
        uint32_t nin = 0;
        v->instr = instr;
        TRY(rd_byte(r, &op));
        switch (op) {
        case 0x00: /* unreachable */
            set_unreachable(v);
            break;
        case 0x01: break;
        case 0x02: /* block */
        case 0x03: /* loop */
        case 0x04: /* if */ {
            uint32_t np = 0, nr = 0, ie = UW_NO_INDEX;
            const uint8_t *p = NULL, *rs = NULL;
            TRY(block_type(v, &np, &p, &nr, &rs));
            if (op == 0x04) {
                TRY(pop(v, UW_I32, NULL));
                TRY(new_side(v, &ie));
                /* the false jump: a chain of one entry, patched at else or end */
                SIDE(m)[ie].dpc = (int32_t)UW_NO_INDEX;
                SIDE(m)[ie].dstp = (int32_t)off(v, instr);
            }
            TRY(pop_n(v, np, p));
            TRY(push_ctrl(v, (uint8_t)(op - 0x02), np, p, nr, rs));
            v->ctrls[v->nctrls - 1].if_entry = ie;
            v->ctrls[v->nctrls - 1].start_off = off(v, r->p);
            v->ctrls[v->nctrls - 1].start_stp = m->nside;
            break;
        }
        case 0x05: /* else */ {
            ctrl *c = &v->ctrls[v->nctrls - 1];
            uint32_t ee;
            if (c->kind != K_IF) return fail_at(v, UW_M_ELSE_WITHOUT_IF);
            TRY(pop_n(v, c->nresults, c->results));
            if (v->nvals != c->height) return fail_at(v, UW_M_VALUES_REMAIN_AT_ELSE);
            TRY(new_side(v, &ee));
            SIDE(m)[ee].dpc = (int32_t)c->pending;
            SIDE(m)[ee].dstp = (int32_t)off(v, instr);
            c->pending = ee;
            patch_chain(v, c->if_entry, off(v, r->p), m->nside);
            c->kind = K_ELSE;
            c->unreachable = 0;
            TRY(push_n(v, c->nparams, c->params));
            break;
        }
        case 0x0B: /* end */ {
            ctrl *c = &v->ctrls[v->nctrls - 1];
            TRY(pop_n(v, c->nresults, c->results));
            if (v->nvals != c->height) return fail_at(v, UW_M_VALUES_REMAIN_AT_END);
            if (c->kind == K_IF) {
                if (c->nparams != c->nresults ||
                    (c->nparams && memcmp(c->params, c->results, c->nparams) != 0))
                    return fail_at(v, UW_M_IF_WITHOUT_ELSE_TYPES);
                /* false jump of an else-less if: to after end, with the branches */
                SIDE(m)[c->if_entry].dpc = (int32_t)c->pending;
                c->pending = c->if_entry;
            }
            if (c->kind == K_FUNC) {
                /* branches to the function label land on this `end`, which returns */
                patch_chain(v, c->pending, off(v, instr), m->nside);
                if (r->p != r->end) return bad(r, UW_M_CODE_AFTER_FUNCTION_END);
                f->end = instr;
            } else if (c->kind != K_LOOP) {
                patch_chain(v, c->pending, off(v, r->p), m->nside);
            }
            v->nctrls--;
            if (v->nctrls) TRY(push_n(v, c->nresults, c->results));
            break;
        }
        case 0x0C: /* br */
        case 0x0D: /* br_if */ {
            uint32_t depth, n;
            const uint8_t *t;
            TRY(rd_u32(r, &depth));
            if (depth >= v->nctrls) return fail_at(v, UW_M_UNKNOWN_LABEL);
            if (op == 0x0D) TRY(pop(v, UW_I32, NULL));
            TRY(branch_entry(v, instr, depth, v->nvals));
            label_types(&v->ctrls[v->nctrls - 1 - depth], &n, &t);
            TRY(pop_n(v, n, t));
            if (op == 0x0C)
                set_unreachable(v);
            else
                TRY(push_n(v, n, t));
            break;
        }
        case 0x0E: /* br_table */ {
            uint32_t n, depth, arity = 0, height;
            const uint8_t *p0;
            TRY(rd_u32(r, &n));
            if ((size_t)(r->end - r->p) < n) return bad(r, UW_M_UNEXPECTED_END);
            TRY(pop(v, UW_I32, NULL));
            height = v->nvals;
            p0 = r->p;
            for (uint32_t i = 0; i <= n; i++) {
                uint32_t ln;
                const uint8_t *lt;
                ctrl *c;
                TRY(rd_u32(r, &depth));
                if (depth >= v->nctrls) return fail_at(v, UW_M_UNKNOWN_LABEL);
                c = &v->ctrls[v->nctrls - 1 - depth];
                label_types(c, &ln, &lt);
                if (i == 0) arity = ln;
                else if (ln != arity) return fail_at(v, UW_M_BR_TABLE_ARITY);
                TRY(branch_entry(v, instr, depth, height));
                /* each label's types must accept the operands */
                {
                    uint32_t save = v->nvals;
                    TRY(pop_n(v, ln, lt));
                    v->nvals = save;
                }
            }
            (void)p0;
            /* final pop with the default label's types */
            {
                uint32_t ln;
                const uint8_t *lt;
                label_types(&v->ctrls[v->nctrls - 1 - depth], &ln, &lt);
                TRY(pop_n(v, ln, lt));
            }
            set_unreachable(v);
            break;
        }
        case 0x0F: /* return */
            TRY(pop_n(v, v->ftype->nresults, v->ftype->results));
            set_unreachable(v);
            break;
        case 0x10: /* call */
        case 0x11: /* call_indirect */
        case 0x12: /* return_call */
        case 0x13: /* return_call_indirect */ {
            const uw_functype *t;
            uint32_t idx, tab;
            TRY(rd_u32(r, &idx));
            if (op & 1) {
                TRY(rd_u32(r, &tab));
                if (idx >= m->ntypes) return fail_at(v, UW_M_UNKNOWN_TYPE);
                if (tab >= m->ntables) return fail_at(v, UW_M_UNKNOWN_TABLE);
                if (m->tables[tab].elemtype != UW_FUNCREF) return fail_at(v, UW_M_TABLE_NOT_FUNCREF);
                TRY(pop(v, UW_I32, NULL));
                t = &m->types[idx];
            } else {
                if (idx >= m->nfuncs) return fail_at(v, UW_M_UNKNOWN_FUNCTION);
                t = &m->types[m->func_type[idx]];
            }
            /* a tail call: the callee's results must match ours exactly */
            if ((op & 2) && (t->nresults != v->ftype->nresults ||
                             memcmp(t->results, v->ftype->results, t->nresults) != 0))
                return fail_at(v, UW_M_TAIL_CALL_RESULTS);
            TRY(pop_n(v, t->nparams, t->params));
            if (op & 2)
                set_unreachable(v);
            else
                TRY(push_n(v, t->nresults, t->results));
            break;
        }
        case 0x1A:
            buf[0] = T_UNKNOWN;
            nin = 1;
            break;
        case 0x1B: /* select */ {
            uint8_t t1, t2;
            TRY(pop(v, UW_I32, NULL));
            TRY(pop(v, T_UNKNOWN, &t1));
            TRY(pop(v, T_UNKNOWN, &t2));
            if (is_ref(t1) || is_ref(t2)) return fail_at(v, UW_M_SELECT_NEEDS_TYPE);
            if (t1 != T_UNKNOWN && t2 != T_UNKNOWN && t1 != t2) return fail_at(v, UW_M_TYPE_MISMATCH);
            TRY(push(v, t1 == T_UNKNOWN ? t2 : t1));
            break;
        }
        case 0x1C: /* select t */ {
            uint32_t n;
            uint8_t t;
            TRY(rd_u32(r, &n));
            if (n != 1) return fail_at(v, UW_M_INVALID_RESULT_ARITY);
            TRY(rd_byte(r, &t));
            if (!is_valtype(t)) return bad(r, UW_M_MALFORMED_VALUE_TYPE);
            buf[0] = buf[1] = out = t;
            buf[2] = UW_I32;
            nin = 3;
            break;
        }
        case 0x20: case 0x21: case 0x22: /* local.get/set/tee */ {
            uint32_t idx;
            uint8_t t = 0;
            TRY(rd_u32(r, &idx));
            if (idx >= v->nparams + f->nlocals) return fail_at(v, UW_M_UNKNOWN_LOCAL);
            TRY(local_type(v, idx, &t));
            buf[0] = t;
            nin = op != 0x20;
            if (op != 0x21) out = t;
            break;
        }
        case 0x23: case 0x24: /* global.get/set */ {
            uint32_t idx;
            TRY(rd_u32(r, &idx));
            if (idx >= m->nglobals) return fail_at(v, UW_M_UNKNOWN_GLOBAL);
            buf[0] = m->globals[idx].valtype;
            if (op == 0x23) out = buf[0];
            else {
                if (!m->globals[idx].is_mutable) return fail_at(v, UW_M_GLOBAL_IS_IMMUTABLE);
                nin = 1;
            }
            break;
        }
        case 0x25: case 0x26: /* table.get/set */ {
            TRY(table_index(v, &buf[1]));
            buf[0] = UW_I32;
            nin = 2;
            if (op == 0x25) {
                nin = 1;
                out = buf[1];
            }
            break;
        }
        case 0x28: case 0x29: case 0x2A: case 0x2B: case 0x2C: case 0x2D: case 0x2E:
        case 0x2F: case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35:
        case 0x36: case 0x37: case 0x38: case 0x39: case 0x3A: case 0x3B: case 0x3C:
        case 0x3D: case 0x3E: { /* loads (result type), then stores (value type) */
            static const uint8_t nat[] = {2, 3, 2, 3, 0, 0, 1, 1, 0, 0, 1, 1, 2, 2,
                                          2, 3, 2, 3, 0, 1, 0, 1, 2};
            static const uint8_t vt[] = {UW_I32, UW_I64, UW_F32, UW_F64, UW_I32, UW_I32,
                                         UW_I32, UW_I32, UW_I64, UW_I64, UW_I64, UW_I64,
                                         UW_I64, UW_I64, UW_I32, UW_I64, UW_F32, UW_F64,
                                         UW_I32, UW_I32, UW_I64, UW_I64, UW_I64};
            TRY(memarg(v, nat[op - 0x28], &buf[0]));
            if (op < 0x36) {
                nin = 1;
                out = vt[op - 0x28];
            } else {
                buf[1] = vt[op - 0x28];
                nin = 2;
            }
            break;
        }
        case 0x3F: case 0x40: { /* memory.size / memory.grow */
            TRY(mem_index(v, &buf[0]));
            out = buf[0];
            if (op == 0x40) {
                nin = 1;
                m->uses_memory_grow = 1;
            }
            break;
        }
        case 0x41: case 0x42: case 0x43: case 0x44: { /* i32/i64/f32/f64.const */
            uw_slot x;
            TRY(const_imm(r, op, &out, &x));
            break;
        }
        case 0xD0: /* ref.null */
            TRY(rd_reftype(r, &out));
            break;
        case 0xD1: { /* ref.is_null */
            uint8_t t;
            TRY(pop(v, T_UNKNOWN, &t));
            if (t != T_UNKNOWN && !is_ref(t)) return fail_at(v, UW_M_TYPE_MISMATCH);
            TRY(push(v, UW_I32));
            break;
        }
        case 0xD2: { /* ref.func */
            uint32_t fi;
            TRY(rd_u32(r, &fi));
            if (fi >= m->nfuncs) return fail_at(v, UW_M_UNKNOWN_FUNCTION);
            if (!m->declared_refs || !(m->declared_refs[fi >> 3] & (1u << (fi & 7))))
                return fail_at(v, UW_M_UNDECLARED_FUNCTION_REFERENCE);
            out = UW_FUNCREF;
            break;
        }
        case 0xFC: {
            uint32_t sub;
            TRY(rd_u32(r, &sub));
            if (sub <= 7) { /* trunc_sat */
                static const uint8_t ins[] = {UW_F32, UW_F32, UW_F64, UW_F64,
                                             UW_F32, UW_F32, UW_F64, UW_F64};
                in = &ins[sub];
                nin = 1;
                out = sub < 4 ? UW_I32 : UW_I64;
                break;
            }
            switch (sub) {
            case 8: /* memory.init seg mem */
            case 9: { /* data.drop seg: the same checks, without the memory */
                uint32_t seg;
                TRY(rd_u32(r, &seg));
                if (sub == 8) TRY(mem_index(v, &buf[0]));
                if (!m->has_datacount) return bad(r, UW_M_DATA_COUNT_SECTION_REQUIRED);
                if (seg >= m->ndatacount) return fail_at(v, UW_M_UNKNOWN_DATA_SEGMENT);
                if (sub == 8) {
                    buf[1] = buf[2] = UW_I32;
                    nin = 3;
                }
                break;
            }
            case 10: { /* memory.copy */
                TRY(mem_index(v, &buf[0]));
                TRY(mem_index(v, &buf[1]));
                buf[2] = (buf[0] == UW_I64 && buf[1] == UW_I64) ? UW_I64 : UW_I32;
                nin = 3;
                break;
            }
            case 11: { /* memory.fill */
                TRY(mem_index(v, &buf[0]));
                buf[2] = buf[0];
                buf[1] = UW_I32;
                nin = 3;
                break;
            }
            case 12: /* table.init seg table */
            case 13: { /* elem.drop seg: the same checks, without the table */
                uint32_t seg;
                uint8_t et = 0;
                TRY(rd_u32(r, &seg));
                if (sub == 12) TRY(table_index(v, &et));
                if (seg >= m->nelems) return fail_at(v, UW_M_UNKNOWN_ELEM_SEGMENT);
                if (sub == 12) {
                    if (m->elems[seg].elemtype != et) return fail_at(v, UW_M_TYPE_MISMATCH);
                    in = iii;
                    nin = 3;
                }
                break;
            }
            case 14: { /* table.copy dst src */
                TRY(table_index(v, &buf[0]));
                TRY(table_index(v, &buf[1]));
                if (buf[0] != buf[1]) return fail_at(v, UW_M_TYPE_MISMATCH);
                in = iii;
                nin = 3;
                break;
            }
            case 15: /* table.grow */
            case 16: /* table.size */
            case 17: /* table.fill */
                /* grow: (ref, i32) -> i32; size: () -> i32; fill: (i32, ref, i32) */
                TRY(table_index(v, &buf[1]));
                if (sub == 17) {
                    buf[0] = buf[2] = UW_I32;
                    nin = 3;
                    break;
                }
                out = UW_I32;
                if (sub == 15) {
                    buf[0] = buf[1];
                    buf[1] = UW_I32;
                    nin = 2;
                }
                break;
            default: return bad(r, UW_M_ILLEGAL_OPCODE);
            }
            break;
        }
        default:
            if (op >= 0x45 && op <= 0xC4) {
                numeric_sig(op, &buf[0], &buf[1], &out);
                nin = buf[1] ? 2 : 1;
                break;
            }
            r->p--;
            return bad(r, UW_M_ILLEGAL_OPCODE);
        }
        TRY(pop_n(v, nin, in));
        if (out) TRY(push(v, out));
    }
    return UW_OK;
}

uw_kind uw_validate_function(uw_module *m, uint32_t func_index, uw_status *st)
{
    vscratch *s = scratch_of(m);
    uw_func *f = &m->funcs[func_index - m->nimported_funcs];
    vctx v;
    uw_kind k;
    memset(&v, 0, sizeof v);
    v.m = m;
    v.r.p = f->body;
    v.r.end = f->end + 1;
    v.r.base = m->bytes;
    v.r.st = st;
    v.vals = s->vals;
    v.vcap = s->vcap;
    v.ctrls = s->ctrls;
    v.ccap = s->ccap;
    v.ftype = &m->types[f->type];
    v.nparams = v.ftype->nparams;
    v.local_types_start = m->locals_start; /* set by decode.c */
    f->side = m->nside;
    k = validate_body(&v, f);
    if (k == UW_OK) {
        f->max_stack = v.max_height;
        return UW_OK;
    }
    st->func = func_index;
    return k;
}

/* ---------- constant expressions ---------- */

/* One walker for both phases.  At load (inst NULL) it checks the expression
 * and that its type is `want`; at instantiation it computes its value into
 * *val from the instance's globals and functions, reading the bytes it checked
 * at load with the same readers (which then cannot fail).  Either way r->p
 * ends past the final `end`.  Only imported globals are visible. */
uw_kind uw_const_expr(uw_module *m, uw_instance *inst, rd *r, uint8_t want, uw_slot *val)
{
    uint8_t types[32];
    uw_slot vals[32];
    uint32_t n = 0;
    for (;;) {
        uint8_t op, t = 0, a = 0;
        uw_slot x = 0;
        TRY(rd_byte(r, &op));
        switch (op) {
        case 0x0B:
            if (!inst && (n != 1 || types[0] != want))
                return invalid(r, UW_M_CONST_EXPR_TYPE_MISMATCH);
            *val = vals[0];
            return UW_OK;
        case 0x41: case 0x42: case 0x43: case 0x44: /* i32/i64/f32/f64.const */
            TRY(const_imm(r, op, &t, &x));
            break;
        case 0xD0: TRY(rd_reftype(r, &t)); break;
        case 0xD2: {
            uint32_t fi;
            TRY(rd_u32(r, &fi));
            if (fi >= m->nfuncs) return invalid(r, UW_M_UNKNOWN_FUNCTION);
            if (inst) x = (uw_slot)(uintptr_t)inst->funcs[fi];
            else uw_declare_ref(m, fi);
            t = UW_FUNCREF;
            break;
        }
        case 0x23: {
            uint32_t gi;
            TRY(rd_u32(r, &gi));
            if (gi >= m->nimported_globals) return invalid(r, UW_M_UNKNOWN_GLOBAL);
            if (m->globals[gi].is_mutable) return invalid(r, UW_M_CONST_EXPR_REQUIRED);
            t = m->globals[gi].valtype;
            if (inst) x = inst->globals[gi]->val;
            break;
        }
        case 0x6A: case 0x6B: case 0x6C: a = UW_I32; break;
        case 0x7C: case 0x7D: case 0x7E: a = UW_I64; break;
        default: r->p--; return invalid(r, UW_M_CONST_EXPR_REQUIRED);
        }
        if (a) {
            /* i32/i64 add, sub, mul: one 64-bit operation; an i32 result is
             * truncated below (its low half depends only on the operands'
             * low halves) */
            uint32_t k = op - (a == UW_I32 ? 0x6A : 0x7C);
            uw_slot p, q;
            if (n < 2 || types[n - 1] != a || types[n - 2] != a)
                return invalid(r, UW_M_CONST_EXPR_TYPE_MISMATCH);
            p = vals[n - 2];
            q = vals[n - 1];
            x = k == 0 ? p + q : k == 1 ? p - q : p * q;
            t = a;
            n -= 2;
        } else if (n == sizeof types) {
            return invalid(r, UW_M_CONST_EXPR_TOO_DEEP);
        }
        if (t == UW_I32) x = (uint32_t)x;
        types[n] = t;
        vals[n++] = x;
    }
}
