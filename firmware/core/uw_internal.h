/* uw_internal.h — structures shared by the core's files (not public). */
#ifndef UW_INTERNAL_H
#define UW_INTERNAL_H

#include "uwasm.h"
#include "uw_config.h"
#include "uw_messages.h"

/* The only C library functions the core uses (declared here: some bare-metal
 * toolchains ship no <string.h>). */
void *memcpy(void *dst, const void *src, size_t n);
void *memset(void *dst, int c, size_t n);
int memcmp(const void *a, const void *b, size_t n);

/* memmove from memcpy: copy in non-overlapping chunks */
static inline void uw_memmove(void *dst, const void *src, size_t n)
{
    unsigned char *d = (unsigned char *)dst;
    const unsigned char *s = (const unsigned char *)src;
    if (d == s || n == 0) return;
    if (d < s) {
        size_t gap = (size_t)(s - d);
        while (n) {
            size_t c = n < gap ? n : gap;
            memcpy(d, s, c);
            d += c;
            s += c;
            n -= c;
        }
    } else {
        size_t gap = (size_t)(d - s);
        while (n) {
            size_t c = n < gap ? n : gap;
            n -= c;
            memcpy(d + n, s + n, c);
        }
    }
}

typedef uint64_t uw_slot; /* one value on the value stack; i32/f32 zero-extended */

/* ---------- allocation (alloc.c) ---------- */
void *uw_alloc(uw_allocator *a, size_t n);  /* zeroed, NULL past the limit */
void uw_free(uw_allocator *a, void *p, size_t n);
void *uw_realloc(uw_allocator *a, void *p, size_t old_n, size_t new_n);

/* ---------- status helpers (status.c) ---------- */
/* msg: a number of uw_messages.h (a uw_kind is the number of its name) */
uw_kind uw_fail(uw_status *st, uw_kind kind, uint32_t offset, uint32_t msg);
const char *uw_msg_text(uint32_t msg);
void uw_msg_add(uw_status *st, const char *s);
void uw_msg_addn(uw_status *st, const char *s, size_t n);
void uw_msg_u64(uw_status *st, uint64_t v);
void uw_msg_type(uw_status *st, const uw_functype *t);

/* ---------- the side table (validate.c writes it, exec.c reads it) ----------
 * One 8-byte entry per if / else / br / br_if and per br_table target, in code
 * order.  Taking a branch: pc = (address of the branch opcode) + dpc,
 * stp = entry + dstp, then keep the top `keep` values and drop `drop` values
 * below them.  An entry whose values do not fit has drop == UW_SIDE_WIDE and
 * its values in the module's side_wide array (sorted by entry index). */
#define UW_SIDE_WIDE 255
typedef struct uw_side {
    int32_t dpc;
    int16_t dstp;
    uint8_t keep;
    uint8_t drop;
} uw_side;

typedef struct uw_side_wide {
    uint32_t index;
    int32_t dstp;
    uint32_t keep, drop;
} uw_side_wide;

/* ---------- module (decode.c) ---------- */
typedef struct uw_func {
    uint32_t type;           /* type index */
    uint32_t nlocals;        /* declared locals, params excluded */
    uint32_t max_stack;      /* max operand-stack height in slots */
    uint32_t side;           /* first side-table entry */
    const uint8_t *body;     /* first instruction */
    const uint8_t *end;      /* the function's final `end` byte */
} uw_func;

typedef struct uw_import {
    const char *module, *name;
    uint32_t module_len, name_len;
    uint8_t kind;
    uint32_t index; /* index in its space */
} uw_import;

typedef struct uw_export {
    const char *name;
    uint32_t name_len;
    uint8_t kind;
    uint32_t index;
} uw_export;

typedef struct uw_table_type {
    uint8_t elemtype;
    uw_limits_type lim;
} uw_table_type;

typedef struct uw_global_type {
    uint8_t valtype, is_mutable;
    const uint8_t *init; /* NULL for imports */
} uw_global_type;

enum { UW_SEG_ACTIVE = 0, UW_SEG_PASSIVE = 1, UW_SEG_DECLARATIVE = 2 };

typedef struct uw_elem_seg {
    uint8_t mode, elemtype, exprs; /* exprs: items are const expressions */
    uint32_t table;
    const uint8_t *offset;  /* offset expression (active) */
    uint32_t count;
    const uint8_t *items;   /* func indices (LEB) or expressions */
} uw_elem_seg;

typedef struct uw_data_seg {
    uint8_t mode;
    uint32_t memory;
    const uint8_t *offset;
    const uint8_t *bytes;
    uint32_t len;
} uw_data_seg;

struct uw_module {
    uw_allocator *a;
    const uint8_t *bytes;
    size_t len;
    uint32_t ntypes, nfuncs, nimported_funcs, ntables, nimported_tables;
    uint32_t nmems, nimported_mems, nglobals, nimported_globals;
    uint32_t nimports, nexports, nelems, ndatas, ndatacount;
    uint32_t start; /* UW_NO_INDEX if none */
    uint8_t has_datacount;
    uw_functype *types;
    uint32_t *func_type;      /* type index per function (imports first) */
    uw_func *funcs;           /* defined functions only */
    uw_table_type *tables;
    uw_limits_type *mems;
    uw_global_type *globals;
    uw_import *imports;
    uw_export *exports;
    uw_elem_seg *elems;
    uw_data_seg *datas;
    uint8_t *declared_refs;   /* bitset: functions that may be used by ref.func */
    uw_side *side;
    uint32_t nside, nside_cap;
    uw_side_wide *side_wide;
    uint32_t nside_wide;
    const uint8_t *locals_start; /* while validating: locals vector of the function */
    void *side_scratch;          /* while validating: validator stacks */
    size_t ram;               /* bytes allocated for this module */
    uint8_t uses_memory_grow; /* some function contains memory.grow */
    uint32_t code_bytes;      /* size of the code section */
};

void uw_declare_ref(uw_module *m, uint32_t func_index); /* decode.c */
/* validate.c */
uw_kind uw_validate_function(uw_module *m, uint32_t func_index, uw_status *st);
uw_kind uw_side_begin(uw_module *m, uw_status *st);
uw_kind uw_side_finish(uw_module *m, uw_status *st);
void uw_side_release(uw_module *m);
/* const expressions: with inst NULL validates one (of type want), else
 * evaluates it into *val (validate.c; struct rd: uw_reader.h) */
struct rd;
uw_kind uw_const_expr(uw_module *m, uw_instance *inst, struct rd *r, uint8_t want, uw_slot *val);

/* ---------- runtime objects (instance.c, memory.c) ---------- */
typedef struct uw_funcinst {
    uw_instance *inst;         /* owning instance */
    const uw_functype *type;
    uw_host_fn host;           /* NULL for WebAssembly functions */
    void *user;
    uint32_t index;            /* index in its module (for messages) */
    /* what calls and returns need, one load away (exec.c) */
    uint16_t nparams, nresults;
    uint32_t nlocals, need;    /* declared locals; locals + max operand height */
    const uint8_t *body, *end;
    const uw_side *side;
    /* the translation tier (xlate.c): decided at the first call, then fixed */
    uint8_t tstate;            /* UW_T_* */
    uint32_t tunits;           /* translated code size, 16-bit units */
    const uint16_t *tcode;     /* translated code, when tstate == UW_T_DONE */
} uw_funcinst;

enum { UW_T_INPLACE = 0, UW_T_UNTRIED = 1, UW_T_DONE = 2 };

typedef struct uw_table {
    uint64_t *elems;
    uint32_t size, max;
    uint8_t elemtype;
    uw_allocator *a;
} uw_table;

typedef struct uw_mem {
    uint8_t *data;
    uint64_t size;      /* bytes */
    uint64_t pages;
    uint64_t max_pages; /* effective maximum (limits and caller's limit) */
    uint8_t log2;
    uint8_t is64;
    uw_allocator *a;
} uw_mem;

typedef struct uw_global {
    uw_slot val;
    uint8_t valtype, is_mutable;
} uw_global;

typedef struct uw_frame {
    const uint8_t *pc;    /* return address in the caller (saved at call) */
    const uw_side *stp;
    uw_slot *fp;          /* this function's locals */
    uw_funcinst *fn;      /* this function */
} uw_frame;

struct uw_instance {
    uw_module *mod;
    uw_allocator *a;
    uw_funcinst **funcs;
    uw_funcinst *own_funcs;
    uw_table **tables;
    uw_table *own_tables;
    uw_mem **mems;
    uw_mem *own_mems;
    uw_global **globals;
    uw_global *own_globals;
    uint8_t *elem_dropped;
    uint8_t *data_dropped;
    /* execution state */
    uw_slot *stack;
    uint32_t stack_slots;
    uw_frame *frames;
    uint32_t max_frames;
    volatile int *interrupt;
    int64_t fuel;           /* remaining; INT64_MAX when unlimited */
    uint8_t unlimited;
    uint8_t suspended;      /* a call is paused (fuel/interrupt) */
    uint32_t depth;         /* frames in use by the active or paused call */
    uint32_t running;       /* nesting level of active calls (host re-entry) */
    const uint8_t *s_pc;    /* paused state */
    const uw_side *s_stp;
    uw_slot *s_sp;
    uint32_t s_base_depth;
    uw_funcinst *s_entry;
    uint32_t tbudget;       /* bytes of translated code still allowed */
    size_t ram;
};

/* memory.c */
uw_kind uw_memory_init(uw_mem *mem, uw_allocator *a, const uw_limits_type *lim,
                       uint64_t limit_bytes, uint64_t heap_base, int can_grow, uw_status *st);
void uw_memory_release(uw_mem *mem);
int64_t uw_memory_grow_by(uw_mem *mem, uint64_t delta);
/* the shape of each load and store 0x28..0x3E: log2 of its width in bits 0-1,
 * UW_ACCESS_SIGNED (sign-extends), UW_ACCESS_64 (an i64 result) */
#define UW_ACCESS_SIGNED 4u
#define UW_ACCESS_64 8u
extern const uint8_t uw_access[23];
uw_kind uw_table_init(uw_table *t, uw_allocator *a, const uw_table_type *tt, uint64_t fill,
                      uw_status *st);
void uw_table_release(uw_table *t);
int64_t uw_table_grow_by(uw_table *t, uint32_t delta, uint64_t fill);

/* instance.c */
int uw_types_equal(const uw_functype *a, const uw_functype *b);
uw_kind uw_table_init_from(uw_instance *inst, uw_table *t, uint32_t seg, uint64_t dst,
                           uint64_t src, uint64_t n);

/* exec.c */
/* an executor returns this when the next frame belongs to the other one; the
 * paused-state fields (s_pc, s_stp, s_sp) say where to go on */
#define UW_SWITCH ((uw_kind)(UW_INTERRUPTED + 1))
/* numeric.c: float-to-integer truncation by 0xFC sub-opcode 0..7 (i32 or i64
 * result, from f32 or f64, signed or unsigned); NaN and out-of-range values
 * saturate, or with `trap` fail as the trapping conversions (0xA8..0xB1) do */
uw_kind uw_trunc(uint32_t sub, uw_slot v, int trap, uw_slot *result);
/* numeric.c: operands taken by each opcode of num_ops.h (and UW_TRUNC_OPS),
 * indexed from UW_NUM_FIRST; 0 for opcodes not listed there */
extern const uint8_t uw_num_arity[];
/* numeric.c: the i32 comparison of each opcode 0x46..0x4F, as its index in
 * UW_XCMPS (num_ops.h) */
extern const uint8_t uw_cmp_index[10];
#if UW_COMPACT
/* one such instruction: a (and b if binary) in, *result out; UW_OK or a trap */
uw_kind uw_numeric(uint32_t opcode, uw_slot a, uw_slot b, uw_slot *result);
#endif
void uw_normalize(const uint8_t *types, uint32_t n, uw_slot *v);
void uw_host_fail_msg(uw_status *st, uw_funcinst *f, int rc);
uw_kind uw_host_call(uw_instance *inst, uw_instance *ci, uw_funcinst *f, uw_slot *args,
                     uw_slot *res, uw_status *st);
/* exec_fast.c: runs translated frames from ip */
uw_kind uw_run_fast(uw_instance *inst, uint32_t base_depth, const uint16_t *ip, uw_status *st);
/* xlate.c: translate f if it is supported and fits the instance's budget
 * (sets f->tstate); the module offset of the instruction at ip */
void uw_xlate(uw_funcinst *f);
uint32_t uw_xlate_locate(const uw_funcinst *f, const uint16_t *ip);
uw_kind uw_exec_invoke(uw_instance *inst, uw_funcinst *f, const uw_value *args,
                       uw_value *results, int64_t fuel, uw_status *st);

/* float.c: IEEE helpers with the spec's NaN rules */
float uw_f32_sqrt(float x);
double uw_f64_sqrt(double x);
float uw_f32_floor(float x);
float uw_f32_ceil(float x);
float uw_f32_trunc(float x);
float uw_f32_nearest(float x);
double uw_f64_floor(double x);
double uw_f64_ceil(double x);
double uw_f64_trunc(double x);
double uw_f64_nearest(double x);
float uw_f32_min(float a, float b);
float uw_f32_max(float a, float b);
double uw_f64_min(double a, double b);
double uw_f64_max(double a, double b);

/* ---------- byte readers for validated code (no bounds checks) ---------- */
/* Inlined where they are used, except in compact builds: there decode.c
 * (which defines UW_DEFINE_READERS) holds the one copy of each, with short
 * loops, and the others call it (inlined at every use they cost about 0.4 KB
 * more on Cortex-M0+). */
#if UW_COMPACT && !defined(UW_DEFINE_READERS)
uint64_t uw_rd_u64(const uint8_t **pp);
uint32_t uw_rd_u32(const uint8_t **pp);
int32_t uw_rd_s32(const uint8_t **pp);
int64_t uw_rd_s64(const uint8_t **pp);
#else
#if UW_COMPACT
#define UW_READER
#else
#define UW_READER static inline
#endif
UW_READER uint64_t uw_rd_u64(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint64_t r = 0;
    uint32_t shift = 0;
    uint8_t b;
    do {
        b = *p++;
        if (shift < 64) r |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    *pp = p;
    return r;
}

#if UW_COMPACT
UW_READER uint32_t uw_rd_u32(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t r = 0, shift = 0;
    uint8_t b;
    do {
        b = *p++;
        r |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    *pp = p;
    return r;
}

UW_READER int32_t uw_rd_s32(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t r = 0, shift = 0;
    uint8_t b;
    do {
        b = *p++;
        r |= (uint32_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 32 && (b & 0x40)) r |= ~(uint32_t)0 << shift;
    *pp = p;
    return (int32_t)r;
}
#else
UW_READER uint32_t uw_rd_u32(const uint8_t **pp)
{
    /* unrolled: validated code holds at most 5 bytes */
    const uint8_t *p = *pp;
    uint32_t r = p[0];
    if (UW_LIKELY(r < 0x80)) {
        *pp = p + 1;
        return r;
    }
    r = (r & 0x7F) | ((uint32_t)p[1] << 7);
    if (p[1] < 0x80) {
        *pp = p + 2;
        return r;
    }
    r = (r & 0x3FFF) | ((uint32_t)p[2] << 14);
    if (p[2] < 0x80) {
        *pp = p + 3;
        return r;
    }
    r = (r & 0x1FFFFF) | ((uint32_t)p[3] << 21);
    if (p[3] < 0x80) {
        *pp = p + 4;
        return r;
    }
    r = (r & 0xFFFFFFF) | ((uint32_t)p[4] << 28);
    *pp = p + 5;
    return r;
}

UW_READER int32_t uw_rd_s32(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint32_t r = p[0], b, shift;
    if (UW_LIKELY(r < 0x80)) {
        *pp = p + 1;
        return (int32_t)((r ^ 0x40u) - 0x40u); /* sign-extend 7 bits */
    }
    r &= 0x7F;
    b = p[1];
    r |= (b & 0x7F) << 7;
    shift = 14;
    if (b & 0x80) {
        b = p[2];
        r |= (b & 0x7F) << 14;
        shift = 21;
        if (b & 0x80) {
            b = p[3];
            r |= (b & 0x7F) << 21;
            shift = 28;
            if (b & 0x80) {
                b = p[4];
                r |= b << 28;
                *pp = p + 5;
                return (int32_t)r;
            }
        }
    }
    *pp = p + shift / 7;
    if (b & 0x40) r |= ~(uint32_t)0 << shift;
    return (int32_t)r;
}
#endif

UW_READER int64_t uw_rd_s64(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    uint64_t r = 0;
    uint32_t shift = 0;
    uint8_t b;
    do {
        b = *p++;
        if (shift < 64) r |= (uint64_t)(b & 0x7F) << shift;
        shift += 7;
    } while (b & 0x80);
    if (shift < 64 && (b & 0x40)) r |= ~(uint64_t)0 << shift;
    *pp = p;
    return (int64_t)r;
}
#undef UW_READER
#endif

static inline void uw_skip_leb(const uint8_t **pp)
{
    const uint8_t *p = *pp;
    if (UW_LIKELY(*p < 0x80)) {
        *pp = p + 1;
        return;
    }
    while (*p++ & 0x80) {
    }
    *pp = p;
}

static inline uint32_t uw_ld32(const uint8_t *p)
{
    uint32_t v;
    memcpy(&v, p, 4);
    return v;
}
static inline uint64_t uw_ld64(const uint8_t *p)
{
    uint64_t v;
    memcpy(&v, p, 8);
    return v;
}

#endif
