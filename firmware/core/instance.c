/* instance.c — instantiation: import resolution with exact type checks,
 * globals, memories, tables, element and data segments, the start function;
 * and access to an instance's exports. */
#include "uw_internal.h"
#include "uw_reader.h"

int uw_types_equal(const uw_functype *a, const uw_functype *b)
{
    if (a == b) return 1;
    return a->nparams == b->nparams && a->nresults == b->nresults &&
           (a->nparams == 0 || memcmp(a->params, b->params, a->nparams) == 0) &&
           (a->nresults == 0 || memcmp(a->results, b->results, a->nresults) == 0);
}

/* The value of the constant expression at p (checked at load); *next (if
 * not NULL): past its end. */
static uw_slot eval_const(uw_instance *inst, const uint8_t *p, const uint8_t **next)
{
    uw_module *m = inst->mod;
    rd r = {p, m->bytes + m->len, m->bytes, NULL};
    uw_slot v = 0;
    (void)uw_const_expr(m, inst, &r, 0, &v);
    if (next) *next = r.p;
    return v;
}

static const char *const kind_word[] = {"func", "table", "memory", "global"};

static uw_kind link_fail(uw_status *st, const uw_import *im, uint32_t what)
{
    uw_fail(st, UW_LINK, UW_NO_INDEX, what);
    uw_msg_add(st, " ");
    uw_msg_addn(st, im->module, im->module_len);
    uw_msg_add(st, ".");
    uw_msg_addn(st, im->name, im->name_len);
    return UW_LINK;
}

static int name_eq(const char *z, const char *s, uint32_t n)
{
    uint32_t i;
    for (i = 0; i < n; i++)
        if (z[i] != s[i] || z[i] == 0) return 0;
    return z[n] == 0;
}

static int limits_match(uint64_t have_min, int have_has_max, uint64_t have_max,
                        const uw_limits_type *want)
{
    if (have_min < want->min) return 0;
    if (want->has_max) {
        if (!have_has_max) return 0;
        if (have_max > want->max) return 0;
    }
    return 1;
}

static uw_kind resolve_import(uw_instance *inst, uint32_t i, const uw_import_def *defs,
                              size_t ndefs, uw_status *st)
{
    uw_module *m = inst->mod;
    const uw_import *im = &m->imports[i];
    const uw_import_def *d = NULL;
    const uw_export *ex = NULL;
    uw_instance *from;
    for (size_t k = 0; k < ndefs; k++) {
        if (name_eq(defs[k].module, im->module, im->module_len) &&
            name_eq(defs[k].name, im->name, im->name_len)) {
            d = &defs[k];
            break;
        }
    }
    if (!d) return link_fail(st, im, UW_M_UNKNOWN_IMPORT);
    from = d->from;
    if (from) {
        if (d->export_index >= from->mod->nexports) return link_fail(st, im, UW_M_UNKNOWN_IMPORT);
        ex = &from->mod->exports[d->export_index];
        if (ex->kind != im->kind) {
            link_fail(st, im, UW_M_INCOMPATIBLE_IMPORT);
            uw_msg_add(st, ": expected ");
            uw_msg_add(st, kind_word[im->kind]);
            uw_msg_add(st, ", got ");
            uw_msg_add(st, kind_word[ex->kind]);
            return UW_LINK;
        }
    } else if (im->kind != UW_EXTERN_FUNC || !d->fn) {
        return link_fail(st, im, UW_M_INCOMPATIBLE_IMPORT);
    }
    switch (im->kind) {
    case UW_EXTERN_FUNC: {
        const uw_functype *want = &m->types[m->func_type[im->index]];
        const uw_functype *have;
        uw_funcinst *fi;
        if (from) {
            fi = from->funcs[ex->index];
            have = fi->type;
        } else {
            fi = &inst->own_funcs[im->index];
            fi->inst = inst;
            fi->type = want;
            fi->index = im->index;
            fi->host = d->fn;
            fi->user = d->user;
            fi->nparams = (uint16_t)want->nparams;
            fi->nresults = (uint16_t)want->nresults;
            have = &d->type;
        }
        if (!uw_types_equal(want, have)) {
            link_fail(st, im, UW_M_INCOMPATIBLE_IMPORT);
            uw_msg_add(st, ": expected ");
            uw_msg_type(st, want);
            uw_msg_add(st, ", got ");
            uw_msg_type(st, have);
            return UW_LINK;
        }
        inst->funcs[im->index] = fi;
        break;
    }
    case UW_EXTERN_TABLE: {
        const uw_table_type *want = &m->tables[im->index];
        uw_table *t = from->tables[ex->index];
        if (t->elemtype != want->elemtype ||
            !limits_match(t->size, t->max != 0xFFFFFFFFu, t->max, &want->lim))
            return link_fail(st, im, UW_M_INCOMPATIBLE_TABLE_IMPORT);
        inst->tables[im->index] = t;
        break;
    }
    case UW_EXTERN_MEMORY: {
        const uw_limits_type *want = &m->mems[im->index];
        uw_mem *mem = from->mems[ex->index];
        const uw_limits_type *decl = &from->mod->mems[ex->index];
        if (mem->log2 != want->page_size_log2 || mem->is64 != want->is64 ||
            !limits_match(mem->pages, decl->has_max, decl->max, want))
            return link_fail(st, im, UW_M_INCOMPATIBLE_MEMORY_IMPORT);
        inst->mems[im->index] = mem;
        break;
    }
    case UW_EXTERN_GLOBAL: {
        const uw_global_type *want = &m->globals[im->index];
        uw_global *g = from->globals[ex->index];
        if (g->valtype != want->valtype || g->is_mutable != want->is_mutable) {
            link_fail(st, im, UW_M_INCOMPATIBLE_GLOBAL_IMPORT);
            uw_msg_add(st, ": expected ");
            uw_msg_add(st, want->is_mutable ? "mut " : "");
            uw_msg_add(st, uw_valtype_name(want->valtype));
            uw_msg_add(st, ", got ");
            uw_msg_add(st, g->is_mutable ? "mut " : "");
            uw_msg_add(st, uw_valtype_name(g->valtype));
            return UW_LINK;
        }
        inst->globals[im->index] = g;
        break;
    }
    }
    return UW_OK;
}

/* The instance's arrays, in allocation order, as data: one table serves
 * uw_instantiate and uw_instance_free (a call per array in each took ~400
 * bytes of flash).  An array's length is a uw_module count, less another
 * (the imported items) if `imported` is not 0, or with IN_INST a uw_instance
 * count. */
typedef struct iarray {
    uint8_t ptr;             /* the pointer: offset in uw_instance */
    uint8_t count, imported; /* offsets of the counts */
    uint8_t size;            /* item size */
} iarray;

#define IN_INST 0xFF
#define MOD(f) offsetof(uw_module, f)
#define ARR(f, count, imported) {offsetof(uw_instance, f), count, imported, sizeof *((uw_instance *)0)->f}
static const iarray iarrays[] = {
    ARR(funcs, MOD(nfuncs), 0),
    ARR(own_funcs, MOD(nfuncs), 0),
    ARR(tables, MOD(ntables), 0),
    ARR(own_tables, MOD(ntables), MOD(nimported_tables)),
    ARR(mems, MOD(nmems), 0),
    ARR(own_mems, MOD(nmems), MOD(nimported_mems)),
    ARR(globals, MOD(nglobals), 0),
    ARR(own_globals, MOD(nglobals), MOD(nimported_globals)),
    ARR(elem_dropped, MOD(nelems), 0),
    ARR(data_dropped, MOD(ndatas), 0),
    ARR(stack, offsetof(uw_instance, stack_slots), IN_INST),
    ARR(frames, offsetof(uw_instance, max_frames), IN_INST),
};
#define NIARRAYS (sizeof iarrays / sizeof *iarrays)

static uint32_t count_at(const void *base, uint8_t off)
{
    return *(const uint32_t *)(const void *)((const uint8_t *)base + off);
}

/* Bytes of the instance's array e. */
static size_t iarray_bytes(const uw_instance *inst, const iarray *e)
{
    uint32_t n;
    if (e->imported == IN_INST) {
        n = count_at(inst, e->count);
    } else {
        n = count_at(inst->mod, e->count);
        if (e->imported) n -= count_at(inst->mod, e->imported);
    }
    return (size_t)n * e->size;
}

static uint64_t elem_item(uw_instance *inst, const uw_elem_seg *s, const uint8_t **p)
{
    if (s->exprs) return eval_const(inst, *p, p);
    return (uint64_t)(uintptr_t)inst->funcs[uw_rd_u32(p)];
}

/* Initialise a table range from an element segment (also used by table.init). */
uw_kind uw_table_init_from(uw_instance *inst, uw_table *t, uint32_t seg, uint64_t dst,
                           uint64_t src, uint64_t n)
{
    const uw_elem_seg *s = &inst->mod->elems[seg];
    uint32_t count = inst->elem_dropped[seg] ? 0 : s->count;
    const uint8_t *p = s->items;
    uint32_t i;
    if (src > count || n > count - src || dst > t->size || n > t->size - dst)
        return UW_TRAP_TABLE_OOB;
    /* all within 32 bits now (at most count, at most the table size) */
    for (i = 0; i < (uint32_t)src; i++) (void)elem_item(inst, s, &p);
    for (i = 0; i < (uint32_t)n; i++) t->elems[(uint32_t)dst + i] = elem_item(inst, s, &p);
    return UW_OK;
}

/* Null every reference to this instance's functions held by imported tables
 * and globals (before freeing a half-made instance). */
static void scrub_references(uw_instance *inst)
{
    const uw_module *m = inst->mod;
    uintptr_t lo = (uintptr_t)inst->own_funcs, hi = lo + (uintptr_t)m->nfuncs * sizeof(uw_funcinst);
    uint32_t i, k;
    if (!inst->own_funcs) return;
    for (i = 0; i < m->nimported_tables; i++) {
        uw_table *t = inst->tables[i];
        if (!t) continue;
        for (k = 0; k < t->size; k++)
            if ((uintptr_t)t->elems[k] >= lo && (uintptr_t)t->elems[k] < hi) t->elems[k] = 0;
    }
    for (i = 0; i < m->nimported_globals; i++) {
        uw_global *g = inst->globals[i];
        if (g && g->valtype == UW_FUNCREF && (uintptr_t)g->val >= lo && (uintptr_t)g->val < hi) g->val = 0;
    }
}

uw_instance *uw_instantiate(uw_module *m, const uw_import_def *imports, size_t nimports,
                            const uw_config *cfg, uw_status *st)
{
    uw_allocator *a;
    uw_instance *inst;
    uw_config defcfg;
    uint64_t heap_base = 0;
    uint32_t i;
    const iarray *e;
    if (!cfg) {
        memset(&defcfg, 0, sizeof defcfg);
        cfg = &defcfg;
    }
    a = cfg->alloc ? cfg->alloc : m->a;
    uw_fail(st, UW_OK, UW_NO_INDEX, UW_M_OK);
    inst = uw_alloc(a, sizeof *inst);
    if (!inst) goto oom; /* and then frees nothing */
    inst->ram = sizeof *inst;
    inst->mod = m;
    inst->a = a;
    inst->stack_slots = cfg->stack_slots ? cfg->stack_slots : UW_DEFAULT_STACK_SLOTS;
    inst->max_frames = cfg->call_depth ? cfg->call_depth : UW_DEFAULT_CALL_DEPTH;
    inst->interrupt = cfg->interrupt;
    inst->tbudget = cfg->translate_budget;
    for (e = iarrays; e < iarrays + NIARRAYS; e++) {
        size_t n = iarray_bytes(inst, e);
        void *p = NULL;
        if (n) {
            p = uw_alloc(a, n);
            if (!p) goto oom;
            inst->ram += n;
        }
        /* the pointer fields differ in type: copied as bytes (a void * lvalue
         * may not stand for a uw_funcinst ** field) */
        memcpy((uint8_t *)inst + e->ptr, &p, sizeof p);
    }

    for (i = 0; i < m->nimports; i++)
        if (resolve_import(inst, i, imports, nimports, st) != UW_OK) goto fail;
    for (i = m->nimported_funcs; i < m->nfuncs; i++) {
        uw_funcinst *fi = &inst->own_funcs[i];
        fi->inst = inst;
        fi->type = &m->types[m->func_type[i]];
        const uw_func *code = &m->funcs[i - m->nimported_funcs];
        fi->index = i;
        fi->nparams = (uint16_t)fi->type->nparams;
        fi->nresults = (uint16_t)fi->type->nresults;
        fi->nlocals = code->nlocals;
        fi->need = code->nlocals + code->max_stack;
        fi->body = code->body;
        fi->end = code->end;
        fi->side = m->side + code->side;
        fi->tstate = cfg->translate_budget ? UW_T_UNTRIED : UW_T_INPLACE;
        inst->funcs[i] = fi;
    }
    for (i = m->nimported_globals; i < m->nglobals; i++) {
        uw_global *g = &inst->own_globals[i - m->nimported_globals];
        g->valtype = m->globals[i].valtype;
        g->is_mutable = m->globals[i].is_mutable;
        inst->globals[i] = g;
        g->val = eval_const(inst, m->globals[i].init, NULL);
    }
    for (i = 0; i < m->nexports; i++) {
        const uw_export *e = &m->exports[i];
        if (e->kind == UW_EXTERN_GLOBAL && e->name_len == 11 &&
            memcmp(e->name, "__heap_base", 11) == 0)
            heap_base = inst->globals[e->index]->val;
    }
    for (i = m->nimported_mems; i < m->nmems; i++) {
        uw_mem *mem = &inst->own_mems[i - m->nimported_mems];
        inst->mems[i] = mem;
        if (uw_memory_init(mem, a, &m->mems[i], cfg->memory_limit, heap_base,
                           m->uses_memory_grow, st) != UW_OK)
            goto fail;
    }
    for (i = m->nimported_tables; i < m->ntables; i++) {
        uw_table *t = &inst->own_tables[i - m->nimported_tables];
        inst->tables[i] = t;
        if (uw_table_init(t, a, &m->tables[i], 0, st) != UW_OK) goto fail;
    }
    /* element segments, then data segments, in order; the first that does not
     * fit traps (earlier ones stay applied, as the spec says) */
    for (i = 0; i < m->nelems; i++) {
        const uw_elem_seg *s = &m->elems[i];
        if (s->mode == UW_SEG_ACTIVE) {
            uint64_t off = eval_const(inst, s->offset, NULL);
            if (uw_table_init_from(inst, inst->tables[s->table], i, (uint32_t)off, 0, s->count) !=
                    UW_OK ||
                off > 0xFFFFFFFFu) {
                uw_fail(st, UW_TRAP_TABLE_OOB, (uint32_t)(s->offset - m->bytes),
                        UW_M_TABLE_OOB);
                goto fail;
            }
        }
        if (s->mode != UW_SEG_PASSIVE) inst->elem_dropped[i] = 1;
    }
    for (i = 0; i < m->ndatas; i++) {
        const uw_data_seg *s = &m->datas[i];
        if (s->mode == UW_SEG_ACTIVE) {
            uw_mem *mem = inst->mems[s->memory];
            uint64_t off = eval_const(inst, s->offset, NULL);
            if (!mem->is64) off = (uint32_t)off;
            if (off > mem->size || s->len > mem->size - off) {
                uw_fail(st, UW_TRAP_MEMORY_OOB, (uint32_t)(s->offset - m->bytes),
                        UW_M_MEMORY_OOB);
                goto fail;
            }
            if (s->len) memcpy(mem->data + off, s->bytes, s->len);
            inst->data_dropped[i] = 1;
        }
    }
    if (m->start != UW_NO_INDEX) {
        if (uw_exec_invoke(inst, inst->funcs[m->start], NULL, NULL, -1, st) != UW_OK) goto fail;
    }
    return inst;
oom:
    uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_OUT_OF_MEMORY_INSTANTIATING);
fail:
    /* A trap after segments or the start function ran may have stored this
     * instance's functions in an imported table or global: they must stay
     * callable (the spec keeps them), so such an instance is not freed. */
    if (uw_is_trap(st->kind) && (m->nimported_tables || m->nimported_globals)) {
        if (cfg->keep_partial) return NULL;
        scrub_references(inst);
    }
    uw_instance_free(inst);
    return NULL;
}

void uw_instance_free(uw_instance *inst)
{
    uw_module *m;
    uw_allocator *a;
    uint32_t i;
    const iarray *e;
    if (!inst) return;
    m = inst->mod;
    a = inst->a;
    if (inst->own_mems)
        for (i = 0; i < m->nmems - m->nimported_mems; i++) uw_memory_release(&inst->own_mems[i]);
    if (inst->own_tables)
        for (i = 0; i < m->ntables - m->nimported_tables; i++)
            uw_table_release(&inst->own_tables[i]);
    if (inst->own_funcs)
        for (i = 0; i < m->nfuncs; i++)
            if (inst->own_funcs[i].tcode)
                uw_free(a, (void *)(uintptr_t)inst->own_funcs[i].tcode,
                        (size_t)inst->own_funcs[i].tunits * sizeof(uint16_t));
    for (e = iarrays; e < iarrays + NIARRAYS; e++) {
        void *p;
        memcpy(&p, (const uint8_t *)inst + e->ptr, sizeof p);
        uw_free(a, p, iarray_bytes(inst, e));
    }
    uw_free(a, inst, sizeof *inst);
}

const uw_module *uw_instance_module(const uw_instance *inst) { return inst->mod; }

size_t uw_instance_translated(const uw_instance *inst, uint32_t *nfuncs)
{
    size_t bytes = 0;
    uint32_t n = 0;
    for (uint32_t i = inst->mod->nimported_funcs; i < inst->mod->nfuncs; i++) {
        if (inst->own_funcs[i].tstate == UW_T_DONE) {
            bytes += (size_t)inst->own_funcs[i].tunits * sizeof(uint16_t);
            n++;
        }
    }
    if (nfuncs) *nfuncs = n;
    return bytes;
}

size_t uw_instance_ram(const uw_instance *inst)
{
    size_t r = inst->ram;
    uint32_t i;
    for (i = 0; i < inst->mod->ntables - inst->mod->nimported_tables; i++)
        r += (size_t)inst->own_tables[i].size * sizeof(uint64_t);
    return r;
}

/* ---------- exports ---------- */

static const uw_export *export_of(uw_instance *inst, uint32_t i, uint8_t kind)
{
    if (i >= inst->mod->nexports || inst->mod->exports[i].kind != kind) return NULL;
    return &inst->mod->exports[i];
}

uw_kind uw_call(uw_instance *inst, uint32_t export_index, const uw_value *args, size_t nargs,
                uw_value *results, size_t nresults, int64_t fuel, uw_status *st)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_FUNC);
    if (!e) return uw_fail(st, UW_BAD_ARGUMENT, UW_NO_INDEX, UW_M_NOT_AN_EXPORTED_FUNCTION);
    return uw_call_ref(inst, (uint64_t)(uintptr_t)inst->funcs[e->index], args, nargs, results,
                       nresults, fuel, st);
}

uw_kind uw_call_ref(uw_instance *inst, uint64_t funcref, const uw_value *args, size_t nargs,
                    uw_value *results, size_t nresults, int64_t fuel, uw_status *st)
{
    uw_funcinst *f = (uw_funcinst *)(uintptr_t)funcref;
    if (!f) return uw_fail(st, UW_BAD_ARGUMENT, UW_NO_INDEX, UW_M_NULL_FUNCTION_REFERENCE);
    if (nargs != f->type->nparams || nresults < f->type->nresults)
        return uw_fail(st, UW_BAD_ARGUMENT, UW_NO_INDEX, UW_M_WRONG_NUMBER_OF_VALUES);
    if (inst->running == 0) inst->suspended = 0; /* abandon a paused call */
    return uw_exec_invoke(inst, f, args, results, fuel, st);
}

int uw_funcref_type(uint64_t funcref, uw_functype *out)
{
    uw_funcinst *f = (uw_funcinst *)(uintptr_t)funcref;
    if (!f) return -1;
    *out = *f->type;
    return 0;
}

int uw_global_get(uw_instance *inst, uint32_t export_index, uw_value *out)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_GLOBAL);
    if (!e) return -1;
    out->bits = inst->globals[e->index]->val;
    return 0;
}

int uw_global_set(uw_instance *inst, uint32_t export_index, uw_value v)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_GLOBAL);
    uw_global *g;
    if (!e) return -1;
    g = inst->globals[e->index];
    if (!g->is_mutable) return -1;
    if (g->valtype == UW_I32 || g->valtype == UW_F32) v.bits &= 0xFFFFFFFFu;
    g->val = v.bits;
    return 0;
}

int uw_memory(uw_instance *inst, uint32_t memory_index, uw_memory_view *out)
{
    uw_mem *mem;
    if (memory_index >= inst->mod->nmems) return -1;
    mem = inst->mems[memory_index];
    out->base = mem->data;
    out->size = mem->size;
    out->pages = mem->pages;
    out->page_size_log2 = mem->log2;
    return 0;
}

int uw_memory_export(uw_instance *inst, uint32_t export_index, uw_memory_view *out)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_MEMORY);
    if (!e) return -1;
    return uw_memory(inst, e->index, out);
}

int64_t uw_memory_grow(uw_instance *inst, uint32_t memory_index, uint64_t delta)
{
    if (memory_index >= inst->mod->nmems) return -1;
    return uw_memory_grow_by(inst->mems[memory_index], delta);
}

int uw_table_get(uw_instance *inst, uint32_t export_index, uint32_t i, uint64_t *out)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_TABLE);
    uw_table *t;
    if (!e) return -1;
    t = inst->tables[e->index];
    if (i >= t->size) return -1;
    *out = t->elems[i];
    return 0;
}

uint32_t uw_table_size(uw_instance *inst, uint32_t export_index)
{
    const uw_export *e = export_of(inst, export_index, UW_EXTERN_TABLE);
    return e ? inst->tables[e->index]->size : 0;
}

int64_t uw_fuel_left(const uw_instance *inst) { return inst->unlimited ? -1 : inst->fuel; }
