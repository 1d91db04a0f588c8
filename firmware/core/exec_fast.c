/* exec_fast.c — the executor of translated code (xlate.c writes it; the
 * instruction set is in xlate_ops.h).  Operands are frame slots, so there is
 * no operand-stack pointer: a handler reads its slots, writes its result slot
 * and steps over its units.  Calls, returns, fuel and traps follow exec.c's
 * rules exactly; a call into (or a return to) a function that runs in place
 * hands over to exec.c through UW_SWITCH. */
#include "uw_internal.h"
#include "exec_ops.h"
#include "xlate_ops.h"

#if UW_TRANSLATION

static volatile int no_interrupt;

#if UW_USE_COMPUTED_GOTO && UW_DISPATCH_OFFSETS
/* the table holds each handler's distance from the first, in half the
 * bytes of a table of addresses */
#define XCASE(name) x_##name:
#define XLABEL(name) (int16_t)((const char *)&&x_##name - (const char *)&&x_UNREACHABLE)
#define XNEXT() goto *(const void *)((const char *)&&x_UNREACHABLE + dispatch[*ip])
typedef int16_t uw_xdispatch;
#elif UW_USE_COMPUTED_GOTO
#define XCASE(name) x_##name:
#define XLABEL(name) &&x_##name
#define XNEXT() goto *dispatch[*ip]
typedef const void *uw_xdispatch;
#else
#define XCASE(name) case UW_X_##name:
#define XNEXT() goto next
#endif

#define R(i) fp[ip[i]]
#define IMM(i) ((uint32_t)ip[i] | (uint32_t)ip[(i) + 1] << 16)
#define STEP(n)                                                                                    \
    do {                                                                                           \
        ip += (n);                                                                                 \
        XNEXT();                                                                                   \
    } while (0)
/* take the branch whose distance is unit k (backward costs fuel); compact
 * builds keep one copy of it, at `jump` in uw_run_fast */
#if UW_COMPACT
#define JUMP(k)                                                                                    \
    do {                                                                                           \
        jk = (int32_t)(k);                                                                         \
        goto jump;                                                                                 \
    } while (0)
#else
#define JUMP(k)                                                                                    \
    do {                                                                                           \
        int32_t off_ = (int16_t)ip[k];                                                             \
        if (off_ < 0) CHECK_FUEL();                                                                \
        ip += (int32_t)(k) + off_;                                                                 \
        XNEXT();                                                                                   \
    } while (0)
#endif

/* memory 0 is 32-bit here (xlate.c leaves memory64 and offsets above 65535 in
 * place): the address slot holds a zero-extended i32, so adding the 16-bit
 * offset cannot wrap */
#define EA(N)                                                                                      \
    uint64_t ea_ = R(2) + ip[3];                                                                   \
    if (UW_UNLIKELY(ea_ + (N) > memsize)) TRAP(UW_TRAP_MEMORY_OOB)
#if UW_COMPACT
/* the loads (and the stores) share one handler, after the last of them; it
 * finds the shape by op number, so the 23 ops keep uw_access's order */
typedef char uw_access_order_check[UW_X_I64_STORE32 - UW_X_I32_LOAD == 22 ? 1 : -1];
/* and the comparisons theirs by op number: UW_XCMPS order, the _I forms after */
typedef char uw_cmp_order_check[UW_X_BR_LE_U_I - UW_X_BR_EQ == 2 * UW_CMP_COUNT - 1 &&
                                        UW_X_I32_LE_U - UW_X_I32_EQ == UW_CMP_COUNT - 1
                                    ? 1
                                    : -1];
#define XLOAD(name, N, T, conv) XCASE(name)
#define XSTORE(name, N, T) XCASE(name)
#else
#define XLOAD XLOAD_OWN
#define XSTORE XSTORE_OWN
#endif
/* a handler of its own (every load and store; in compact builds the commonest:
 * i32 words and unsigned bytes) */
#define XLOAD_OWN(name, N, T, conv)                                                                \
    XCASE(name)                                                                                    \
    {                                                                                              \
        T v_;                                                                                      \
        EA(N);                                                                                     \
        memcpy(&v_, mem + ea_, N);                                                                 \
        R(1) = (uw_slot)(conv);                                                                    \
        STEP(4);                                                                                   \
    }
#define XSTORE_OWN(name, N, T)                                                                     \
    XCASE(name)                                                                                    \
    {                                                                                              \
        uint64_t ea_ = R(1) + ip[3];                                                               \
        T v_ = (T)R(2);                                                                            \
        if (UW_UNLIKELY(ea_ + (N) > memsize)) TRAP(UW_TRAP_MEMORY_OOB);                            \
        memcpy(mem + ea_, &v_, N);                                                                 \
        STEP(4);                                                                                   \
    }

#define XBR(name, expr)                                                                            \
    XCASE(BR_##name)                                                                               \
    {                                                                                              \
        uint32_t a = (uint32_t)R(1), b = (uint32_t)R(2);                                           \
        if (expr) JUMP(3);                                                                         \
        STEP(4);                                                                                   \
    }
#define XBRI(name, expr)                                                                           \
    XCASE(BR_##name##_I)                                                                           \
    {                                                                                              \
        uint32_t a = (uint32_t)R(1), b = (uint32_t)(int32_t)(int16_t)ip[2];                        \
        if (expr) JUMP(3);                                                                         \
        STEP(4);                                                                                   \
    }
#define XCMP32(name, expr)                                                                         \
    XCASE(I32_##name)                                                                              \
    {                                                                                              \
        uint32_t a = (uint32_t)R(2), b = (uint32_t)R(3);                                           \
        R(1) = (expr) ? 1u : 0u;                                                                   \
        STEP(4);                                                                                   \
    }
#define XBIN32I(name, expr)                                                                        \
    XCASE(I32_##name##_I)                                                                          \
    {                                                                                              \
        uint32_t a = (uint32_t)R(2), b = (uint32_t)(int32_t)(int16_t)ip[3];                        \
        R(1) = (uint32_t)(expr);                                                                   \
        STEP(4);                                                                                   \
    }
/* the forms of num_ops.h's shapes: d a b, or d a */
#define BINARY(T, read, write, expr)                                                               \
    {                                                                                              \
        T a = read(R(2)), b = read(R(3));                                                          \
        R(1) = write(expr);                                                                        \
        STEP(4);                                                                                   \
    }
#define UNARY(T, read, write, expr)                                                                \
    {                                                                                              \
        T a = read(R(2));                                                                          \
        R(1) = write(expr);                                                                        \
        STEP(3);                                                                                   \
    }
#define COMPARE(T, read, expr) BINARY(T, read, UW_AS_BOOL, expr)
#define DIV(fn)                                                                                    \
    {                                                                                              \
        uint64_t r_;                                                                               \
        trap = fn(R(2), R(3), &r_);                                                                \
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;                                              \
        R(1) = r_;                                                                                 \
        STEP(4);                                                                                   \
    }
/* i32.eqz and i64.eqz (fused with branches by the translator, so not in
 * num_ops.h): T is the operand's type */
#define XEQZ(name, T)                                                                              \
    XCASE(name)                                                                                    \
    {                                                                                              \
        R(1) = (T)R(2) == 0 ? 1u : 0u;                                                             \
        STEP(3);                                                                                   \
    }
/* a conversion that traps (num_ops.h lists them) */
#define XTRUNC(opcode, name, sub)                                                                  \
    XCASE(name)                                                                                    \
    {                                                                                              \
        uw_slot r_;                                                                                \
        trap = uw_trunc(sub, R(2), 1, &r_);                                                        \
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;                                              \
        R(1) = r_;                                                                                 \
        STEP(3);                                                                                   \
    }
#if defined(__GNUC__) && !defined(__clang__)
__attribute__((optimize("no-tree-loop-distribute-patterns")))
#endif
uw_kind uw_run_fast(uw_instance *inst, uint32_t base_depth, const uint16_t *ip, uw_status *st)
{
#if UW_USE_COMPUTED_GOTO
    static const uw_xdispatch dispatch[UW_X_COUNT] = {
#define UW_XOP_LABEL(name, units) XLABEL(name),
        UW_XOPS(UW_XOP_LABEL)
#undef UW_XOP_LABEL
#define UW_XOP_HOT_LABEL(opcode, name, shape, expr) XLABEL(name),
        UW_HOT32_OPS(UW_XOP_HOT_LABEL)
#undef UW_XOP_HOT_LABEL
#if UW_COMPACT
        XLABEL(NUM),
#else
#define UW_XOP_NUM_LABEL(opcode, name, shape, expr) XLABEL(name),
#define UW_XOP_TRUNC_LABEL(opcode, name, sub) XLABEL(name),
        UW_NUM_OPS(UW_XOP_NUM_LABEL)
        UW_TRUNC_OPS(UW_XOP_TRUNC_LABEL)
#undef UW_XOP_NUM_LABEL
#undef UW_XOP_TRUNC_LABEL
#endif
    };
#endif
    uw_frame *const frames = inst->frames;
    uw_frame *const base_frame = frames + base_depth;
    uw_frame *const frame_limit = frames + inst->max_frames;
    uw_frame *frame = frames + inst->depth - 1;
    uw_slot *const stack_end = inst->stack + inst->stack_slots;
    uw_slot *fp = frame->fp;
    uw_instance *ci = frame->fn->inst;
    uint8_t *mem;
    uint64_t memsize;
    int64_t fuel = inst->fuel;
    volatile int *intr = inst->interrupt ? inst->interrupt : &no_interrupt;
    uw_funcinst *callee;
    uw_slot *argp;
    const uint16_t *ret;
    uw_kind trap;
#if UW_COMPACT
    int32_t jk; /* the unit holding the distance of the branch at `jump` */
#endif

    LOAD_MEM();
#if UW_USE_COMPUTED_GOTO
    XNEXT();
#else
next:
    switch (*ip) {
#endif

    XCASE(UNREACHABLE) TRAP(UW_TRAP_UNREACHABLE);
    XCASE(JMP) JUMP(1);
    XCASE(BR_NZ)
    {
        if (R(1)) JUMP(2);
        STEP(3);
    }
    XCASE(BR_Z)
    {
        if (!R(1)) JUMP(2);
        STEP(3);
    }
#if UW_COMPACT
#define XBR_LABEL(name, expr) XCASE(BR_##name) XCASE(BR_##name##_I)
    UW_XCMPS(XBR_LABEL)
#undef XBR_LABEL
    {
        uint32_t k = (uint32_t)(*ip - UW_X_BR_EQ), b = (uint32_t)(int32_t)(int16_t)ip[2];
        if (k < UW_CMP_COUNT) b = (uint32_t)R(2);
        else k -= UW_CMP_COUNT;
        if (uw_cmp32(k, (uint32_t)R(1), b)) JUMP(3);
        STEP(4);
    }
#else
    UW_XCMPS(XBR)
    UW_XCMPS(XBRI)
#endif
    XCASE(BR_TABLE)
    {
        uint32_t i = (uint32_t)R(1), n = ip[2];
        JUMP(3 + (i < n ? i : n));
    }
    XCASE(RET1)
    {
        fp[0] = R(1);
        goto do_return;
    }
    XCASE(RET) goto do_return;
    XCASE(CALL)
    {
        CHECK_FUEL();
        callee = ci->funcs[IMM(1)];
        argp = fp + ip[3];
        ret = ip + 4;
        goto do_call;
    }
    XCASE(CALL_INDIRECT)
    {
        uw_table *t = ci->tables[IMM(3)];
        uint32_t i = (uint32_t)R(5);
        CHECK_FUEL();
        if (UW_UNLIKELY(i >= t->size)) TRAP(UW_TRAP_UNDEFINED_ELEMENT);
        callee = (uw_funcinst *)(uintptr_t)t->elems[i];
        if (UW_UNLIKELY(!callee)) TRAP(UW_TRAP_UNINITIALIZED_ELEMENT);
        if (UW_UNLIKELY(callee->type != &ci->mod->types[IMM(1)] &&
                        !uw_types_equal(callee->type, &ci->mod->types[IMM(1)])))
            TRAP(UW_TRAP_INDIRECT_TYPE);
        argp = fp + ip[6];
        ret = ip + 7;
        goto do_call;
    }
    XCASE(COPY)
    {
        R(1) = R(2);
        STEP(3);
    }
    XCASE(CONST32)
    {
        R(1) = IMM(2);
        STEP(4);
    }
    XCASE(CONST64)
    {
        R(1) = (uint64_t)IMM(2) | (uint64_t)IMM(4) << 32;
        STEP(6);
    }
    XCASE(SELECT)
    {
        R(1) = (uint32_t)R(4) ? R(2) : R(3);
        STEP(5);
    }
    XCASE(GLOBAL_GET)
    {
        R(1) = ci->globals[IMM(2)]->val;
        STEP(4);
    }
    XCASE(GLOBAL_SET)
    {
        ci->globals[IMM(2)]->val = R(1);
        STEP(4);
    }
    XCASE(MEMORY_SIZE)
    {
        R(1) = ci->mems[0]->pages;
        STEP(2);
    }
    XCASE(MEMORY_GROW)
    {
        int64_t r = uw_memory_grow_by(ci->mems[0], (uint32_t)R(2));
        R(1) = r < 0 ? 0xFFFFFFFFu : (uint64_t)r;
        LOAD_MEM();
        STEP(3);
    }
    /* (compact builds: the labels of the other loads fall through to the shared
     * handler after the last of them, so these two come first) */
    XLOAD_OWN(I32_LOAD, 4, uint32_t, v_)
    XLOAD_OWN(I32_LOAD8_U, 1, uint8_t, v_)
    XLOAD(I64_LOAD, 8, uint64_t, v_)
    XLOAD(F32_LOAD, 4, uint32_t, v_)
    XLOAD(F64_LOAD, 8, uint64_t, v_)
    XLOAD(I32_LOAD8_S, 1, int8_t, (uint32_t)(int32_t)v_)
    XLOAD(I32_LOAD16_S, 2, int16_t, (uint32_t)(int32_t)v_)
    XLOAD(I32_LOAD16_U, 2, uint16_t, v_)
    XLOAD(I64_LOAD8_S, 1, int8_t, (uint64_t)(int64_t)v_)
    XLOAD(I64_LOAD8_U, 1, uint8_t, v_)
    XLOAD(I64_LOAD16_S, 2, int16_t, (uint64_t)(int64_t)v_)
    XLOAD(I64_LOAD16_U, 2, uint16_t, v_)
    XLOAD(I64_LOAD32_S, 4, int32_t, (uint64_t)(int64_t)v_)
    XLOAD(I64_LOAD32_U, 4, uint32_t, v_)
#if UW_COMPACT
    {
        uint32_t k = uw_access[*ip - UW_X_I32_LOAD], n = 1u << (k & 3);
        EA(n);
        R(1) = uw_access_load(mem + ea_, k);
        STEP(4);
    }
#endif
    XSTORE_OWN(I32_STORE, 4, uint32_t)
    XSTORE_OWN(I32_STORE8, 1, uint8_t)
    XSTORE(I64_STORE, 8, uint64_t)
    XSTORE(F32_STORE, 4, uint32_t)
    XSTORE(F64_STORE, 8, uint64_t)
    XSTORE(I32_STORE16, 2, uint16_t)
    XSTORE(I64_STORE8, 1, uint8_t)
    XSTORE(I64_STORE16, 2, uint16_t)
    XSTORE(I64_STORE32, 4, uint32_t)
#if UW_COMPACT
    {
        uint32_t k = uw_access[*ip - UW_X_I32_LOAD], n = 1u << (k & 3);
        uint64_t ea_ = R(1) + ip[3];
        if (UW_UNLIKELY(ea_ + n > memsize)) TRAP(UW_TRAP_MEMORY_OOB);
        uw_access_store(mem + ea_, R(2), k);
        STEP(4);
    }
#endif
#if UW_COMPACT
#define XCMP32_LABEL(name, expr) XCASE(I32_##name)
    UW_XCMPS(XCMP32_LABEL)
#undef XCMP32_LABEL
    {
        R(1) = uw_cmp32((uint32_t)(*ip - UW_X_I32_EQ), (uint32_t)R(2), (uint32_t)R(3));
        STEP(4);
    }
#else
    UW_XCMPS(XCMP32)
#endif
#define FAST_HOT(opcode, name, shape, expr) XCASE(name) UW_SHAPE_##shape(BINARY, UNARY, COMPARE, DIV, expr)
    UW_HOT32_OPS(FAST_HOT)
#undef FAST_HOT
    XBIN32I(ADD, a + b)
    XBIN32I(MUL, a * b)
    XBIN32I(AND, a & b)
    XBIN32I(OR, a | b)
    XBIN32I(XOR, a ^ b)
    XBIN32I(SHL, a << (b & 31))
    XBIN32I(SHR_S, (uint32_t)((int32_t)a >> (b & 31)))
    XBIN32I(SHR_U, a >> (b & 31))
    XBIN32I(ROTR, rotr32(a, b))
    XEQZ(I32_EQZ, uint32_t)
    XEQZ(I64_EQZ, uint64_t)
#if UW_COMPACT
    XCASE(NUM) /* d a b opcode: UW_NUM_OPS and UW_TRUNC_OPS, in numeric.c */
    {
        uw_slot r;
        trap = uw_numeric(ip[4], R(2), R(3), &r);
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;
        R(1) = r;
        STEP(5);
    }
#else
#define FAST_NUM(opcode, name, shape, expr) XCASE(name) UW_SHAPE_##shape(BINARY, UNARY, COMPARE, DIV, expr)
    UW_NUM_OPS(FAST_NUM)
    UW_TRUNC_OPS(XTRUNC)
#undef FAST_NUM
#endif
    XCASE(TRUNC_SAT)
    {
        uw_slot r;
        uw_trunc(ip[3], R(2), 0, &r);
        R(1) = r;
        STEP(4);
    }
#if UW_COMPACT
jump:
    {
        int32_t off = (int16_t)ip[jk];
        if (off < 0) CHECK_FUEL();
        ip += jk + off;
        XNEXT();
    }
#endif
#if !UW_USE_COMPUTED_GOTO
    default:
        break;
    }
    TRAP(UW_TRAP_UNREACHABLE); /* not reachable for translated code */
#endif

do_call: /* fuel already charged; argp = the callee's first argument */
    if (callee->host) {
        frame->pc = (const uint8_t *)(const void *)ret;
        inst->depth = (uint32_t)(frame - frames) + 1;
        inst->fuel = fuel;
        /* results above this frame first */
        trap = uw_host_call(inst, ci, callee, argp, fp + frame->fn->nparams + frame->fn->need, st);
        if (UW_UNLIKELY(trap != UW_OK)) goto do_trap;
        LOAD_MEM();
        ip = ret;
        XNEXT();
    }
    if (UW_UNLIKELY(callee->tstate == UW_T_UNTRIED)) uw_xlate(callee);
    if (UW_UNLIKELY(frame + 1 >= frame_limit ||
                    argp + callee->nparams + callee->need > stack_end))
        TRAP(UW_TRAP_STACK_EXHAUSTED);
    frame->pc = (const uint8_t *)(const void *)ret;
    frame++;
    frame->fp = argp;
    frame->fn = callee;
    {
        uw_slot *l = argp + callee->nparams, *end = l + callee->nlocals;
        while (l < end) *l++ = 0;
    }
    if (callee->inst != ci) {
        ci = callee->inst;
        LOAD_MEM();
    }
    if (UW_LIKELY(callee->tstate == UW_T_DONE)) {
        fp = argp;
        ip = callee->tcode;
        XNEXT();
    }
    inst->s_pc = callee->body;
    inst->s_stp = callee->side;
    inst->s_sp = argp + callee->nparams + callee->nlocals;
    goto switch_tier;

do_return:
    if (frame == base_frame) {
        inst->depth = base_depth;
        inst->fuel = fuel;
        return UW_OK;
    }
    {
        uw_slot *results = fp;
        uint32_t nr = frame->fn->nresults;
        frame--;
        if (frame->fn->inst != ci) {
            ci = frame->fn->inst;
            LOAD_MEM();
        }
        if (UW_LIKELY(frame->fn->tstate == UW_T_DONE)) {
            fp = frame->fp;
            ip = (const uint16_t *)(const void *)frame->pc;
            XNEXT();
        }
        inst->s_pc = frame->pc;
        inst->s_stp = frame->stp;
        inst->s_sp = results + nr;
    }
switch_tier:
    inst->depth = (uint32_t)(frame - frames) + 1;
    inst->fuel = fuel;
    return UW_SWITCH;

out_of_fuel:
    fuel++;
    inst->fuel = fuel;
    inst->s_pc = (const uint8_t *)(const void *)ip;
    inst->s_stp = NULL;
    inst->s_sp = NULL;
    inst->s_base_depth = base_depth;
    inst->depth = (uint32_t)(frame - frames) + 1;
    inst->suspended = 1;
    /* the offset is not looked up here: a pause is routine (fuel slices) and
     * the lookup re-runs the translator */
    if (*intr) {
        *intr = 0;
        return uw_fail(st, UW_INTERRUPTED, UW_NO_INDEX, UW_M_INTERRUPTED);
    }
    uw_fail(st, UW_OUT_OF_FUEL, UW_NO_INDEX, UW_M_OUT_OF_FUEL);
    st->func = frame->fn->index;
    return UW_OUT_OF_FUEL;

do_trap:
    if (trap == UW_TRAP_HOST) /* uw_host_call wrote the message */
        st->offset = uw_xlate_locate(frame->fn, ip);
    else
        uw_fail(st, trap, uw_xlate_locate(frame->fn, ip), trap);
    st->func = frame->fn->index;
    inst->depth = base_depth;
    inst->fuel = fuel;
    return trap;
}

#else
typedef int uw_exec_fast_left_out; /* ISO C wants something in a translation unit */
#endif
