/* exec.c — the interpreter.  Executes the original bytecode in place; the side
 * table (validate.c) gives every branch its target pc, side-table position and
 * the values to keep and drop.  WebAssembly calls push a frame on an explicit
 * frame stack (never on the C stack); the hot state (pc, sp, fp, memory base)
 * lives in locals.  Dispatch is computed goto where the compiler has it, a
 * switch otherwise. */
#include "uw_internal.h"
#include "exec_ops.h"

static volatile int no_interrupt;

void uw_normalize(const uint8_t *types, uint32_t n, uw_slot *v)
{
    for (uint32_t i = 0; i < n; i++)
        if (types[i] == UW_I32 || types[i] == UW_F32) v[i] &= 0xFFFFFFFFu;
}

UW_NOINLINE void uw_host_fail_msg(uw_status *st, uw_funcinst *f, int rc)
{
    const uw_module *m = f->inst->mod;
    uw_fail(st, UW_TRAP_HOST, UW_NO_INDEX, UW_M_HOST_FUNCTION);
    for (uint32_t i = 0; i < m->nimports; i++) {
        if (m->imports[i].kind == UW_EXTERN_FUNC && m->imports[i].index == f->index) {
            uw_msg_addn(st, m->imports[i].module, m->imports[i].module_len);
            uw_msg_add(st, ".");
            uw_msg_addn(st, m->imports[i].name, m->imports[i].name_len);
            break;
        }
    }
    uw_msg_add(st, " failed");
    st->host_code = rc;
}

/* Call host function f from instance ci: its arguments at args, room for its
 * results from res on; the results replace the arguments (normalised).  The
 * caller has saved its frame, depth and fuel (a host function may call back
 * into the instance).  UW_TRAP_HOST leaves the host's message in st, without
 * where: the caller adds that. */
UW_NOINLINE uw_kind uw_host_call(uw_instance *inst, uw_instance *ci, uw_funcinst *f, uw_slot *args,
                                 uw_slot *res, uw_status *st)
{
    uint32_t nr = f->type->nresults;
    int rc;
    if (UW_UNLIKELY(res + nr > inst->stack + inst->stack_slots)) return UW_TRAP_STACK_EXHAUSTED;
    inst->s_sp = res + nr;
    rc = f->host(f->user, ci, (const uw_value *)args, (uw_value *)res);
    if (rc) {
        uw_host_fail_msg(st, f, rc);
        return UW_TRAP_HOST;
    }
    for (uint32_t k = 0; k < nr; k++) args[k] = res[k];
    uw_normalize(f->type->results, nr, args);
    return UW_OK;
}

#if UW_INPLACE_COMPUTED_GOTO
#define CASE(x) op_##x:
#define NEXT() goto *dispatch[*pc++]
#else
#define CASE(x) case 0x##x:
#define NEXT() goto next
#endif

/* handlers that may branch, trap or pause record where their instruction
 * starts (the opcode byte, just behind pc at entry) */
#define CASE_AT(x) CASE(x) ip = pc - 1;




/* does [start, start + n) leave [0, size)? (the bulk memory and table
 * instructions; out of line, they are rare and each has two) */
static UW_NOINLINE int outside(uint64_t start, uint64_t n, uint64_t size)
{
    return start > size || n > size - start;
}

/* The bulk memory and table instructions (0xFC 8..17), out of the executor's
 * loop: they are rare and each moves many values, and on their own they
 * compile to less code.  Immediates are read at *pcp, operands are the values
 * below sp (n on top); bulk_stack gives how far each moves sp. */
static const int8_t bulk_stack[10] = {-3, 0, -3, -3, -3, 0, -3, -1, 1, -3};

static UW_NOINLINE uw_kind bulk(uw_instance *ci, uint32_t sub, const uint8_t **pcp, uw_slot *sp)
{
    uint32_t x = uw_rd_u32(pcp), y = 0;
    if (sub == 8 || sub == 10 || sub == 12 || sub == 14) y = uw_rd_u32(pcp);
    switch (sub) {
    case 8: { /* memory.init seg mem */
        uw_mem *m = ci->mems[y];
        uint64_t n = (uint32_t)sp[-1], s = (uint32_t)sp[-2], d = sp[-3];
        uint64_t len = ci->data_dropped[x] ? 0 : ci->mod->datas[x].len;
        if (outside(s, n, len) || outside(d, n, m->size)) return UW_TRAP_MEMORY_OOB;
        if (n) memcpy(m->data + d, ci->mod->datas[x].bytes + s, (size_t)n);
        break;
    }
    case 9: ci->data_dropped[x] = 1; break;
    case 10: { /* memory.copy dst src */
        uw_mem *md = ci->mems[x], *ms = ci->mems[y];
        uint64_t n = sp[-1], s = sp[-2], d = sp[-3];
        if (outside(s, n, ms->size) || outside(d, n, md->size)) return UW_TRAP_MEMORY_OOB;
        if (n) uw_memmove(md->data + d, ms->data + s, (size_t)n);
        break;
    }
    case 11: { /* memory.fill mem */
        uw_mem *m = ci->mems[x];
        uint64_t n = sp[-1], d = sp[-3];
        if (outside(d, n, m->size)) return UW_TRAP_MEMORY_OOB;
        if (n) memset(m->data + d, (uint8_t)sp[-2], (size_t)n);
        break;
    }
    case 12: /* table.init seg table */
        if (uw_table_init_from(ci, ci->tables[y], x, (uint32_t)sp[-3], (uint32_t)sp[-2],
                               (uint32_t)sp[-1]) != UW_OK)
            return UW_TRAP_TABLE_OOB;
        break;
    case 13: ci->elem_dropped[x] = 1; break;
    case 14: { /* table.copy dst src */
        uw_table *td = ci->tables[x], *ts = ci->tables[y];
        uint64_t n = (uint32_t)sp[-1], s = (uint32_t)sp[-2], d = (uint32_t)sp[-3];
        if (outside(s, n, ts->size) || outside(d, n, td->size)) return UW_TRAP_TABLE_OOB;
        if (n) uw_memmove(td->elems + d, ts->elems + s, (size_t)n * sizeof(uint64_t));
        break;
    }
    case 15: /* table.grow: the old size or -1 replaces the two operands */
        sp[-2] = (uint32_t)uw_table_grow_by(ci->tables[x], (uint32_t)sp[-1], sp[-2]);
        break;
    case 16: sp[0] = ci->tables[x]->size; break;
    case 17: { /* table.fill */
        uw_table *t = ci->tables[x];
        uint64_t n = (uint32_t)sp[-1], i = (uint32_t)sp[-3];
        if (outside(i, n, t->size)) return UW_TRAP_TABLE_OOB;
        for (uint64_t k = 0; k < n; k++) t->elems[i + k] = sp[-2];
        break;
    }
    default: return UW_TRAP_UNREACHABLE; /* not reachable for validated code */
    }
    return UW_OK;
}

/* the overflow record of a side entry marked UW_SIDE_WIDE (binary search) */
static UW_NOINLINE const uw_side_wide *side_wide(const uw_module *m, const uw_side *e)
{
    uint32_t idx = (uint32_t)(e - m->side), lo = 0, hi = m->nside_wide;
    while (hi - lo > 1) {
        uint32_t mid = lo + (hi - lo) / 2;
        if (m->side_wide[mid].index <= idx) lo = mid;
        else hi = mid;
    }
    return &m->side_wide[lo];
}

/* keep the top values of a taken branch and drop those below them */
static UW_NOINLINE uw_slot *branch_values(uw_slot *sp, const uw_side *e, const uw_module *m,
                                          int32_t *dstp)
{
    uint32_t keep = e->keep, drop = e->drop;
    uw_slot *d, *s;
    if (drop == UW_SIDE_WIDE) {
        const uw_side_wide *w = side_wide(m, e);
        keep = w->keep;
        drop = w->drop;
        *dstp = w->dstp;
    }
    d = sp - keep - drop;
    s = sp - keep;
    for (uint32_t k = 0; k < keep; k++) d[k] = s[k];
    return sp - drop;
}

#if !UW_COMPACT
/* the values of a wide entry (its dstp is read separately, so the caller's
 * copy of it never has its address taken and stays in a register) */
static UW_NOINLINE uw_slot *branch_values_wide(uw_slot *sp, const uw_side *e, const uw_module *m)
{
    int32_t dstp;
    return branch_values(sp, e, m, &dstp);
}
#endif

/* take the branch described by side entry e (relative to instruction ip);
 * compact builds keep one copy of it, at `take` in run */
#if UW_COMPACT
#define TAKE(e)                                                                                    \
    do {                                                                                           \
        taken = (e);                                                                               \
        goto take;                                                                                 \
    } while (0)
#else
#define TAKE(e)                                                                                    \
    do {                                                                                           \
        const uw_side *e_ = (e);                                                                   \
        uint32_t drop_ = e_->drop;                                                                 \
        int32_t dstp_ = e_->dstp;                                                                  \
        pc = ip + e_->dpc;                                                                         \
        if (drop_) {                                                                               \
            uint32_t keep_ = e_->keep;                                                             \
            uw_slot *d_, *s_;                                                                      \
            if (UW_UNLIKELY(drop_ == UW_SIDE_WIDE)) {                                              \
                sp = branch_values_wide(sp, e_, ci->mod);                                          \
                dstp_ = side_wide(ci->mod, e_)->dstp;                                              \
            } else {                                                                               \
                d_ = sp - keep_ - drop_;                                                           \
                s_ = sp - keep_;                                                                   \
                for (uint32_t k_ = 0; k_ < keep_; k_++) d_[k_] = s_[k_];                           \
                sp -= drop_;                                                                       \
            }                                                                                      \
        }                                                                                          \
        stp = e_ + dstp_;                                                                          \
    } while (0)
#endif

/* memory access: decode the memarg at pc, bounds-check [addr+offset, +N) */
#define MEMARG()                                                                                   \
    uint64_t offs, ea;                                                                             \
    uint8_t *mb = mem;                                                                             \
    uint64_t ms = memsize;                                                                         \
    do {                                                                                           \
        uint32_t al_ = *pc;                                                                        \
        if (UW_LIKELY(al_ < 0x40)) {                                                               \
            pc++;                                                                                  \
        } else {                                                                                   \
            al_ = uw_rd_u32(&pc);                                                                  \
            if (al_ & 0x40) {                                                                      \
                uw_mem *mm_ = ci->mems[uw_rd_u32(&pc)];                                            \
                mb = mm_->data;                                                                    \
                ms = mm_->size;                                                                    \
            }                                                                                      \
        }                                                                                          \
        offs = (*pc < 0x80) ? *pc++ : uw_rd_u64(&pc);                                              \
    } while (0)

#define BOUNDS(addr, N)                                                                            \
    do {                                                                                           \
        ea = (uint64_t)(addr) + offs;                                                              \
        if (UW_UNLIKELY(ea < offs || ms < (N) || ea > ms - (N))) TRAP(UW_TRAP_MEMORY_OOB);         \
    } while (0)

#if UW_COMPACT
/* one handler for every load and one for every store (`load`, `store` in run) */
#define LOAD(N, T, conv) goto load;
#define STORE(N, T) goto store;
#else
#define LOAD(N, T, conv)                                                                           \
    {                                                                                              \
        MEMARG();                                                                                  \
        BOUNDS(sp[-1], N);                                                                         \
        {                                                                                          \
            T v_;                                                                                  \
            memcpy(&v_, mb + ea, N);                                                               \
            sp[-1] = (uw_slot)(conv);                                                              \
        }                                                                                          \
        NEXT();                                                                                    \
    }

#define STORE(N, T)                                                                                \
    {                                                                                              \
        MEMARG();                                                                                  \
        BOUNDS(sp[-2], N);                                                                         \
        {                                                                                          \
            T v_ = (T)sp[-1];                                                                      \
            memcpy(mb + ea, &v_, N);                                                               \
        }                                                                                          \
        sp -= 2;                                                                                   \
        NEXT();                                                                                    \
    }
#endif

/* the local index at pc, one byte on the fast path (pointer-sized: no zero
 * extension) */
#define LOCAL_INDEX(idx)                                                                           \
    size_t idx = *pc;                                                                              \
    if (UW_LIKELY(idx < 0x80)) {                                                                   \
        pc++;                                                                                      \
    } else {                                                                                       \
        idx = uw_rd_u32(&pc);                                                                      \
    }

/* a comparison; when a br_if follows (nearly always), it branches at once
 * without storing its result (br_if_cond in run) */
#define CMPBR(expr)                                                                                \
    {                                                                                              \
        cond = (expr) ? 1u : 0u;                                                                   \
        if (*pc == 0x0D) {                                                                         \
            ip = pc++;                                                                             \
            goto br_if_cond;                                                                       \
        }                                                                                          \
        sp[-1] = cond;                                                                             \
        NEXT();                                                                                    \
    }
#if UW_COMPACT
#define CMP32(expr) goto cmp32; /* one handler for the ten, `cmp32` in run */
#else
#define CMP32(expr)                                                                                \
    {                                                                                              \
        uint32_t a = (uint32_t)sp[-2], b = (uint32_t)sp[-1];                                       \
        sp--;                                                                                      \
        CMPBR(expr)                                                                                \
    }
#endif
/* the forms of num_ops.h's shapes, on the operand stack; a comparison
 * branches at once when a br_if follows (CMPBR) */
#define BINARY(T, read, write, expr)                                                               \
    {                                                                                              \
        T a = read(sp[-2]), b = read(sp[-1]);                                                      \
        sp--;                                                                                      \
        sp[-1] = write(expr);                                                                      \
        NEXT();                                                                                    \
    }
#define UNARY(T, read, write, expr)                                                                \
    {                                                                                              \
        T a = read(sp[-1]);                                                                        \
        sp[-1] = write(expr);                                                                      \
        NEXT();                                                                                    \
    }
#define COMPARE(T, read, expr)                                                                     \
    {                                                                                              \
        T a = read(sp[-2]), b = read(sp[-1]);                                                      \
        sp--;                                                                                      \
        CMPBR(expr)                                                                                \
    }
#define SET(expr)                                                                                  \
    {                                                                                              \
        sp[-1] = (expr);                                                                           \
        NEXT();                                                                                    \
    }
/* division (the DIV shape of num_ops.h) */
#define DIV(fn)                                                                                    \
    {                                                                                              \
        uint64_t r_;                                                                               \
        ip = pc - 1;                                                                               \
        trap = fn(sp[-2], sp[-1], &r_);                                                            \
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;                                              \
        sp--;                                                                                      \
        sp[-1] = r_;                                                                               \
        NEXT();                                                                                    \
    }

#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
static uw_kind run(uw_instance *inst, uint32_t base_depth, uw_slot *sp, const uint8_t *pc,
                   const uw_side *stp, uw_status *st)
{
#if UW_INPLACE_COMPUTED_GOTO
    static const void *const dispatch[256] = {
#include "exec_dispatch.h"
    };
#endif
    uw_frame *const frames = inst->frames;
    uw_frame *const base_frame = frames + base_depth;
    uw_frame *const frame_limit = frames + inst->max_frames;
    uw_frame *frame = frames + inst->depth - 1;
    uw_slot *const stack_end = inst->stack + inst->stack_slots;
    uw_slot *fp = frame->fp;
    uw_instance *ci = frame->fn->inst;
    const uint8_t *fend = frame->fn->end;
    const uint8_t *ip = pc;
    uint8_t *mem;
    uint64_t memsize;
    int64_t fuel = inst->fuel;
    volatile int *intr = inst->interrupt ? inst->interrupt : &no_interrupt;
    uw_funcinst *callee;
    uw_kind trap;
    uint32_t cond;
    int tail = 0;
#if UW_COMPACT
    const uw_side *taken; /* the side entry of the branch at `take` */
#endif

    LOAD_MEM();
#if UW_INPLACE_COMPUTED_GOTO
    NEXT();
#else
next:
    switch (*pc++) {
#endif

    CASE_AT(00) TRAP(UW_TRAP_UNREACHABLE);
    CASE(01) NEXT();
    CASE(02)
    {
        /* nested blocks (a switch lowered to br_table) open together */
        for (;;) {
            uw_skip_leb(&pc);
            if (*pc != 0x02) break;
            pc++;
        }
        NEXT();
    }
    CASE(03)
    {
        uw_skip_leb(&pc);
        NEXT();
    }
    CASE_AT(04)
    {
        uint32_t c = (uint32_t)*--sp;
        if (c) {
            uw_skip_leb(&pc);
            stp++;
        } else {
            TAKE(stp);
        }
        NEXT();
    }
    CASE_AT(05)
    {
        TAKE(stp);
        NEXT();
    }
    CASE_AT(0B)
    {
        if (ip == fend) goto do_return;
        NEXT();
    }
    CASE_AT(0C)
    {
        uw_skip_leb(&pc);
        if (stp->dpc <= 0) CHECK_FUEL();
        TAKE(stp);
        NEXT();
    }
    CASE_AT(0D)
    {
        cond = (uint32_t)sp[-1];
    br_if_cond: /* from a comparison: cond not stored, ip and pc at this br_if */
        uw_skip_leb(&pc);
        sp--;
        if (cond) {
            if (stp->dpc <= 0 && UW_UNLIKELY(--fuel < 0 || *intr)) {
                *sp++ = cond; /* paused with the condition on the stack */
                goto out_of_fuel;
            }
            TAKE(stp);
        } else {
            stp++;
        }
        NEXT();
    }
    CASE_AT(0E)
    {
        uint32_t n = uw_rd_u32(&pc);
        uint32_t i = (uint32_t)sp[-1];
        const uw_side *e = stp + (i < n ? i : n);
        if (e->dpc <= 0) CHECK_FUEL();
        sp--;
        TAKE(e);
        NEXT();
    }
    CASE(0F) goto do_return;
    CASE_AT(10)
    {
        uint32_t idx = uw_rd_u32(&pc);
        CHECK_FUEL();
        callee = ci->funcs[idx];
        if (UW_LIKELY(!callee->host)) goto do_call_wasm;
        tail = 0;
        goto do_call;
    }
    CASE_AT(12)
    {
        uint32_t idx = uw_rd_u32(&pc);
        CHECK_FUEL();
        callee = ci->funcs[idx];
        tail = 1;
        goto do_call;
    }
    CASE(11)
    CASE_AT(13)
    {
        uint32_t ti = uw_rd_u32(&pc);
        uint32_t tab = uw_rd_u32(&pc);
        uw_table *t = ci->tables[tab];
        uint32_t i = (uint32_t)sp[-1];
        CHECK_FUEL();
        if (UW_UNLIKELY(i >= t->size)) TRAP(UW_TRAP_UNDEFINED_ELEMENT);
        callee = (uw_funcinst *)(uintptr_t)t->elems[i];
        if (UW_UNLIKELY(!callee)) TRAP(UW_TRAP_UNINITIALIZED_ELEMENT);
        if (UW_UNLIKELY(!uw_types_equal(callee->type, &ci->mod->types[ti])))
            TRAP(UW_TRAP_INDIRECT_TYPE);
        sp--;
        tail = (*ip == 0x13);
        goto do_call;
    }
    CASE(1A)
    {
        sp--;
        NEXT();
    }
    CASE(1B)
    {
        uint32_t c = (uint32_t)sp[-1];
        sp -= 2;
        if (!c) sp[-1] = sp[0];
        NEXT();
    }
    CASE(1C)
    {
        uw_skip_leb(&pc);
        pc++;
        {
            uint32_t c = (uint32_t)sp[-1];
            sp -= 2;
            if (!c) sp[-1] = sp[0];
        }
        NEXT();
    }
    CASE(20)
    {
        LOCAL_INDEX(idx);
        *sp++ = fp[idx];
        NEXT();
    }
    CASE(21)
    {
        LOCAL_INDEX(idx);
        fp[idx] = sp[-1];
#if !UW_COMPACT
        if (*pc == 0x20 && pc[1] < 0x80) { /* local.set x; local.get y */
            sp[-1] = fp[pc[1]];
            pc += 2;
            NEXT();
        }
#endif
        sp--;
        NEXT();
    }
    CASE(22)
    {
        LOCAL_INDEX(idx);
        fp[idx] = sp[-1];
        NEXT();
    }
    CASE(23)
    {
        uint32_t idx = uw_rd_u32(&pc);
        *sp++ = ci->globals[idx]->val;
        NEXT();
    }
    CASE(24)
    {
        uint32_t idx = uw_rd_u32(&pc);
        ci->globals[idx]->val = *--sp;
        NEXT();
    }
    CASE_AT(25)
    {
        uw_table *t = ci->tables[uw_rd_u32(&pc)];
        uint32_t i = (uint32_t)sp[-1];
        if (UW_UNLIKELY(i >= t->size)) TRAP(UW_TRAP_TABLE_OOB);
        sp[-1] = t->elems[i];
        NEXT();
    }
    CASE_AT(26)
    {
        uw_table *t = ci->tables[uw_rd_u32(&pc)];
        uint32_t i = (uint32_t)sp[-2];
        if (UW_UNLIKELY(i >= t->size)) TRAP(UW_TRAP_TABLE_OOB);
        t->elems[i] = sp[-1];
        sp -= 2;
        NEXT();
    }
    CASE_AT(28) LOAD(4, uint32_t, v_)
    CASE_AT(29) LOAD(8, uint64_t, v_)
    CASE_AT(2A) LOAD(4, uint32_t, v_)
    CASE_AT(2B) LOAD(8, uint64_t, v_)
    CASE_AT(2C) LOAD(1, int8_t, (uint32_t)(int32_t)v_)
    CASE_AT(2D) LOAD(1, uint8_t, v_)
    CASE_AT(2E) LOAD(2, int16_t, (uint32_t)(int32_t)v_)
    CASE_AT(2F) LOAD(2, uint16_t, v_)
    CASE_AT(30) LOAD(1, int8_t, (uint64_t)(int64_t)v_)
    CASE_AT(31) LOAD(1, uint8_t, v_)
    CASE_AT(32) LOAD(2, int16_t, (uint64_t)(int64_t)v_)
    CASE_AT(33) LOAD(2, uint16_t, v_)
    CASE_AT(34) LOAD(4, int32_t, (uint64_t)(int64_t)v_)
    CASE_AT(35) LOAD(4, uint32_t, v_)
    CASE_AT(36) STORE(4, uint32_t)
    CASE_AT(37) STORE(8, uint64_t)
    CASE_AT(38) STORE(4, uint32_t)
    CASE_AT(39) STORE(8, uint64_t)
    CASE_AT(3A) STORE(1, uint8_t)
    CASE_AT(3B) STORE(2, uint16_t)
    CASE_AT(3C) STORE(1, uint8_t)
    CASE_AT(3D) STORE(2, uint16_t)
    CASE_AT(3E) STORE(4, uint32_t)
    CASE(3F)
    {
        uw_mem *m = ci->mems[uw_rd_u32(&pc)];
        *sp++ = m->pages;
        NEXT();
    }
    CASE(40)
    {
        uw_mem *m = ci->mems[uw_rd_u32(&pc)];
        uint64_t delta = sp[-1];
        int64_t r = uw_memory_grow_by(m, delta);
        sp[-1] = r < 0 ? (m->is64 ? ~(uint64_t)0 : 0xFFFFFFFFu) : (uint64_t)r;
        LOAD_MEM();
        NEXT();
    }
    CASE(41)
    {
        uint32_t c = (uint32_t)uw_rd_s32(&pc);
#if !UW_COMPACT
        if (*pc == 0x6A) { /* i32.const c; i32.add: the usual address or index step */
            pc++;
            sp[-1] = (uint32_t)((uint32_t)sp[-1] + c);
            NEXT();
        }
#endif
        *sp++ = c;
        NEXT();
    }
    CASE(42)
    {
        *sp++ = (uint64_t)uw_rd_s64(&pc);
        NEXT();
    }
    CASE(43)
    {
        *sp++ = uw_ld32(pc);
        pc += 4;
        NEXT();
    }
    CASE(44)
    {
        *sp++ = uw_ld64(pc);
        pc += 8;
        NEXT();
    }
    CASE(45) CMPBR((uint32_t)sp[-1] == 0)
    CASE(46) CMP32(a == b)
    CASE(47) CMP32(a != b)
    CASE(48) CMP32((int32_t)a < (int32_t)b)
    CASE(49) CMP32(a < b)
    CASE(4A) CMP32((int32_t)a > (int32_t)b)
    CASE(4B) CMP32(a > b)
    CASE(4C) CMP32((int32_t)a <= (int32_t)b)
    CASE(4D) CMP32(a <= b)
    CASE(4E) CMP32((int32_t)a >= (int32_t)b)
    CASE(4F) CMP32(a >= b)
    CASE(50) CMPBR(sp[-1] == 0)
#if UW_COMPACT
    /* every instruction of num_ops.h: numeric.c, below at `numeric` */
#define INPLACE_NUM(opcode, name, shape, expr) CASE(opcode) goto numeric;
#define INPLACE_TRUNC(opcode, xop, sub) CASE(opcode) goto numeric;
#else
#define INPLACE_NUM(opcode, name, shape, expr)                                                     \
    CASE(opcode) UW_SHAPE_##shape(BINARY, UNARY, COMPARE, DIV, expr)
#define INPLACE_TRUNC(opcode, xop, sub)                                                            \
    CASE_AT(opcode)                                                                                \
    {                                                                                              \
        uw_slot r_;                                                                                \
        trap = uw_trunc(sub, sp[-1], 1, &r_);                                                      \
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;                                              \
        sp[-1] = r_;                                                                               \
        NEXT();                                                                                    \
    }
#endif
    UW_HOT32_OPS(INPLACE_NUM)
    UW_NUM_OPS(INPLACE_NUM)
    UW_TRUNC_OPS(INPLACE_TRUNC)
#undef INPLACE_NUM
#undef INPLACE_TRUNC
    CASE(AD) NEXT(); /* i64.extend_i32_u: slots hold i32 zero-extended */
    CASE(BC)
    CASE(BD)
    CASE(BE)
    CASE(BF) NEXT(); /* reinterpretations: slots hold raw bits */
    CASE(D0)
    {
        pc++;
        *sp++ = 0;
        NEXT();
    }
    CASE(D1) SET(sp[-1] == 0)
    CASE(D2)
    {
        *sp++ = (uint64_t)(uintptr_t)ci->funcs[uw_rd_u32(&pc)];
        NEXT();
    }
    CASE_AT(FC)
    {
        uint32_t sub = uw_rd_u32(&pc);
        if (sub <= 7) {
            uw_trunc(sub, sp[-1], 0, &sp[-1]);
            NEXT();
        }
        trap = bulk(ci, sub, &pc, sp);
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;
        sp += bulk_stack[sub - 8];
        NEXT();
    }
#if UW_COMPACT
take:
    {
        int32_t dstp = taken->dstp;
        if (taken->drop) sp = branch_values(sp, taken, ci->mod, &dstp);
        pc = ip + taken->dpc;
        stp = taken + dstp;
        NEXT();
    }
cmp32: /* pc past the opcode */
    {
        uint32_t a = (uint32_t)sp[-2], b = (uint32_t)sp[-1];
        sp--;
        CMPBR(uw_cmp32(uw_cmp_index[pc[-1] - 0x46], a, b))
    }
load: /* ip at the opcode */
    {
        uint32_t k = uw_access[*ip - 0x28], n = 1u << (k & 3);
        MEMARG();
        BOUNDS(sp[-1], n);
        sp[-1] = uw_access_load(mb + ea, k);
        NEXT();
    }
store:
    {
        uint32_t k = uw_access[*ip - 0x28], n = 1u << (k & 3);
        MEMARG();
        BOUNDS(sp[-2], n);
        uw_access_store(mb + ea, sp[-1], k);
        sp -= 2;
        NEXT();
    }
numeric:
    {
        uint32_t n;
        uw_slot r;
        ip = pc - 1;
        n = uw_num_arity[*ip - UW_NUM_FIRST];
        trap = uw_numeric(*ip, sp[-(ptrdiff_t)n], sp[-1], &r);
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;
        sp -= n - 1;
        sp[-1] = r;
        NEXT();
    }
#endif
#if UW_INPLACE_COMPUTED_GOTO
op_illegal:
#else
    default:
        break;
    }
#endif
    TRAP(UW_TRAP_UNREACHABLE); /* not reachable for validated code */

do_call:
    if (callee->host) {
        uw_slot *args = sp - callee->type->nparams;
        frame->pc = pc;
        frame->stp = stp;
        inst->depth = (uint32_t)(frame - frames) + 1;
        inst->fuel = fuel;
        trap = uw_host_call(inst, ci, callee, args, sp, st);
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;
        sp = args + callee->type->nresults;
        LOAD_MEM();
        if (tail) goto do_return;
        NEXT();
    } else if (tail) {
        uint32_t np = callee->nparams;
        uw_slot *src = sp - np;
        for (uint32_t k = 0; k < np; k++) fp[k] = src[k];
        sp = fp + np;
        if (UW_UNLIKELY(sp + callee->need > stack_end)) TRAP(UW_TRAP_STACK_EXHAUSTED);
        frame->fn = callee; /* the frame and its fp are reused */
        goto enter;
    }
do_call_wasm: /* a plain call of a WebAssembly function */
    if (UW_UNLIKELY(frame + 1 >= frame_limit || sp + callee->need > stack_end))
        TRAP(UW_TRAP_STACK_EXHAUSTED);
    frame->pc = pc;
    frame->stp = stp;
    frame++;
    fp = sp - callee->nparams;
    frame->fp = fp;
    frame->fn = callee;
enter:
    {
        /* a plain loop: most functions have few locals, and a memset call
         * (which GCC would otherwise emit) costs more than the stores */
        uw_slot *end = sp + callee->nlocals;
        while (sp < end) *sp++ = 0;
    }
    if (UW_UNLIKELY(callee->tstate != UW_T_INPLACE)) {
        /* first call: translate if it fits; a translated callee runs there */
        if (callee->tstate == UW_T_UNTRIED) uw_xlate(callee);
        if (callee->tstate == UW_T_DONE) {
            inst->s_pc = (const uint8_t *)(const void *)callee->tcode;
            inst->depth = (uint32_t)(frame - frames) + 1;
            inst->fuel = fuel;
            return UW_SWITCH;
        }
    }
    pc = callee->body;
    fend = callee->end;
    stp = callee->side;
    if (callee->inst != ci) {
        ci = callee->inst;
        LOAD_MEM();
    }
    NEXT();

do_return: {
    uint32_t nr = frame->fn->nresults;
    if (nr == 1) {
        fp[0] = sp[-1];
    } else {
        uw_slot *src = sp - nr;
        for (uint32_t k = 0; k < nr; k++) fp[k] = src[k];
    }
    sp = fp + nr;
    if (frame == base_frame) {
        inst->depth = base_depth;
        inst->fuel = fuel;
        return UW_OK;
    }
    frame--;
    fp = frame->fp;
    pc = frame->pc;
    stp = frame->stp;
    if (UW_UNLIKELY(frame->fn->tstate == UW_T_DONE)) { /* back to translated code */
        inst->s_pc = pc;
        inst->depth = (uint32_t)(frame - frames) + 1;
        inst->fuel = fuel;
        return UW_SWITCH;
    }
    fend = frame->fn->end;
    /* mem and memsize are already current when the caller belongs to the same
     * instance: memory.grow in this run and host calls reload them themselves */
    if (frame->fn->inst != ci) {
        ci = frame->fn->inst;
        LOAD_MEM();
    }
    NEXT();
}

out_of_fuel:
    fuel++;
    inst->fuel = fuel;
    inst->s_pc = ip;
    inst->s_stp = stp;
    inst->s_sp = sp;
    inst->s_base_depth = base_depth;
    inst->depth = (uint32_t)(frame - frames) + 1;
    inst->suspended = 1;
    if (*intr) {
        *intr = 0;
        return uw_fail(st, UW_INTERRUPTED, (uint32_t)(ip - ci->mod->bytes), UW_M_INTERRUPTED);
    }
    uw_fail(st, UW_OUT_OF_FUEL, (uint32_t)(ip - ci->mod->bytes), UW_M_OUT_OF_FUEL);
    st->func = frame->fn->index;
    return UW_OUT_OF_FUEL;

do_trap:
    if (trap == UW_TRAP_HOST) /* uw_host_call wrote the message */
        st->offset = (uint32_t)(ip - ci->mod->bytes);
    else
        uw_fail(st, trap, (uint32_t)(ip - ci->mod->bytes), trap);
    st->func = frame->fn->index;
    inst->depth = base_depth;
    inst->fuel = fuel;
    return trap;
}

/* run frames until the call ends, handing over between the in-place and the
 * translated executor as the top frame's function requires */
static uw_kind drive(uw_instance *inst, uint32_t base_depth, uw_slot *sp, const uint8_t *pc,
                     const uw_side *stp, uw_status *st)
{
    for (;;) {
        uw_kind k;
#if UW_TRANSLATION
        if (inst->frames[inst->depth - 1].fn->tstate == UW_T_DONE)
            k = uw_run_fast(inst, base_depth, (const uint16_t *)(const void *)pc, st);
        else
#endif
            k = run(inst, base_depth, sp, pc, stp, st);
        if (k != UW_SWITCH) return k;
        pc = inst->s_pc;
        stp = inst->s_stp;
        sp = inst->s_sp;
    }
}

static uw_kind finish(uw_instance *inst, uw_funcinst *f, uw_slot *base, uw_value *results,
                      uw_kind k)
{
    if (k == UW_OK && results) {
        uw_normalize(f->type->results, f->type->nresults, base);
        for (uint32_t i = 0; i < f->type->nresults; i++) results[i].bits = base[i];
    }
    (void)inst;
    return k;
}

uw_kind uw_exec_invoke(uw_instance *inst, uw_funcinst *f, const uw_value *args,
                       uw_value *results, int64_t fuel, uw_status *st)
{
    uw_slot *base, *sp;
    uint32_t base_depth, np = f->type->nparams, nr = f->type->nresults;
    uw_slot *stack_end = inst->stack + inst->stack_slots;
    uw_kind k;
    uw_fail(st, UW_OK, UW_NO_INDEX, UW_M_OK);
    if (inst->running) {
        base = inst->s_sp;
        base_depth = inst->depth;
    } else {
        base = inst->stack;
        base_depth = 0;
        inst->suspended = 0;
        inst->depth = 0;
    }
    if (base + (np > nr ? np : nr) > stack_end || base_depth >= inst->max_frames)
        return uw_fail(st, UW_TRAP_STACK_EXHAUSTED, UW_NO_INDEX, UW_M_STACK_EXHAUSTED);
    for (uint32_t i = 0; i < np; i++) base[i] = args[i].bits;
    uw_normalize(f->type->params, np, base);
    if (f->host) { /* an exported import: results after the arguments */
        k = uw_host_call(inst, inst, f, base, base + np, st);
        if (k == UW_TRAP_STACK_EXHAUSTED)
            return uw_fail(st, k, UW_NO_INDEX, UW_M_STACK_EXHAUSTED);
        return finish(inst, f, base, results, k);
    }
    sp = base + np;
    if (sp + f->need > stack_end)
        return uw_fail(st, UW_TRAP_STACK_EXHAUSTED, UW_NO_INDEX, UW_M_STACK_EXHAUSTED);
    for (uint32_t i = 0; i < f->nlocals; i++) sp[i] = 0;
    sp += f->nlocals;
    inst->frames[base_depth].fp = base;
    inst->frames[base_depth].fn = f;
    inst->depth = base_depth + 1;
    inst->unlimited = fuel < 0;
    inst->fuel = fuel < 0 ? INT64_MAX : fuel;
    if (!inst->running) inst->s_entry = f;
    inst->running++;
    if (f->tstate == UW_T_UNTRIED) uw_xlate(f);
    k = drive(inst, base_depth, sp,
              f->tstate == UW_T_DONE ? (const uint8_t *)(const void *)f->tcode : f->body, f->side,
              st);
    inst->running--;
    if ((k == UW_OUT_OF_FUEL || k == UW_INTERRUPTED) && inst->running) {
        /* a nested call (from a host function) cannot be paused */
        inst->suspended = 0;
        inst->depth = base_depth;
    }
    return finish(inst, f, base, results, k);
}

uw_kind uw_resume(uw_instance *inst, uw_value *results, size_t nresults, int64_t fuel,
                  uw_status *st)
{
    uw_kind k;
    uw_funcinst *f = inst->s_entry;
    uw_fail(st, UW_OK, UW_NO_INDEX, UW_M_OK);
    if (!inst->suspended || inst->running)
        return uw_fail(st, UW_BAD_ARGUMENT, UW_NO_INDEX, UW_M_NO_PAUSED_CALL_TO_RESUME);
    if (nresults < f->type->nresults)
        return uw_fail(st, UW_BAD_ARGUMENT, UW_NO_INDEX, UW_M_TOO_FEW_RESULT_SLOTS);
    inst->suspended = 0;
    inst->unlimited = fuel < 0;
    inst->fuel = fuel < 0 ? INT64_MAX : fuel;
    inst->running++;
    k = drive(inst, inst->s_base_depth, inst->s_sp, inst->s_pc, inst->s_stp, st);
    inst->running--;
    return finish(inst, f, inst->stack, results, k);
}
