/* decode.c — reads the binary module: sections, types, imports, exports,
 * segments.  Keeps pointers into the caller's bytes, never copies them.
 * Function bodies are handed to validate.c, which also builds the side table. */
#define UW_DEFINE_READERS /* the compact build's one copy of the unchecked readers */
#include "uw_internal.h"
#include "uw_reader.h"

/* ---------- the checked readers of uw_reader.h ---------- */

uw_kind uw_rd_fail(rd *r, uw_kind kind, uint32_t msg)
{
    return uw_fail(r->st, kind, (uint32_t)(r->p - r->base), msg);
}

uw_kind uw_rd_byte(rd *r, uint8_t *out)
{
    *out = 0;
    if (r->p >= r->end) return bad(r, UW_M_UNEXPECTED_END);
    *out = *r->p++;
    return UW_OK;
}

uw_kind uw_rd_leb(rd *r, uint32_t bits, int is_signed, uint64_t *out)
{
    uint64_t result = 0;
    uint32_t shift = 0;
    uint8_t b = 0;
    *out = 0;
    for (;;) {
        uint32_t used = bits - shift; /* bits that this byte may hold */
        if (r->p >= r->end) return bad(r, UW_M_UNEXPECTED_END);
        b = *r->p++;
        /* the last byte (byte ceil(bits/7)) is the one with at most 7 bits
         * left: found so, not by counting against a division */
        if (used <= 7) {
            /* last byte: no continuation and unused bits must be a sign/zero fill */
            if (b & 0x80) return bad(r, UW_M_INTEGER_TOO_LONG);
            if (!is_signed) {
                if (used < 7 && (b >> used) != 0) return bad(r, UW_M_INTEGER_TOO_LARGE);
            } else if (used < 7) {
                uint8_t rest = (uint8_t)(b >> (used - 1)) & (uint8_t)(0x7F >> (used - 1));
                uint8_t all = (uint8_t)(0x7F >> (used - 1));
                if (rest != 0 && rest != all) return bad(r, UW_M_INTEGER_TOO_LARGE);
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

uw_kind uw_rd_u32c(rd *r, uint32_t *out)
{
    uint64_t v = 0;
    TRY(rd_leb(r, 32, 0, &v));
    *out = (uint32_t)v;
    return UW_OK;
}

int uw_is_valtype(uint8_t t)
{
    return t == UW_I32 || t == UW_I64 || t == UW_F32 || t == UW_F64 || t == UW_FUNCREF ||
           t == UW_EXTERNREF;
}

uw_kind uw_rd_valtype(rd *r, uint8_t *t)
{
    TRY(rd_byte(r, t));
    if (!is_valtype(*t)) {
        r->p--;
        return bad(r, UW_M_MALFORMED_VALUE_TYPE);
    }
    return UW_OK;
}

uw_kind uw_rd_reftype(rd *r, uint8_t *t)
{
    TRY(rd_byte(r, t));
    if (*t != UW_FUNCREF && *t != UW_EXTERNREF) {
        r->p--;
        return bad(r, UW_M_MALFORMED_REFERENCE_TYPE);
    }
    return UW_OK;
}

/* Well-formed UTF-8: a lead byte C2..F4 (C0, C1 and F5..FF can only start
 * overlong or too large encodings), its continuation bytes, no overlong form,
 * no surrogate, nothing above U+10FFFF. */
static int utf8_valid(const uint8_t *s, uint32_t n)
{
    const uint8_t *end = s + n;
    while (s < end) {
        uint32_t cp = *s++, need;
        if (cp < 0x80) continue;
        if (cp < 0xC2 || cp > 0xF4) return 0;
        need = 1 + (cp >= 0xE0) + (cp >= 0xF0);
        if ((uint32_t)(end - s) < need) return 0;
        cp &= 0x3Fu >> need;
        for (uint32_t k = 0; k < need; k++, s++) {
            if ((*s & 0xC0) != 0x80) return 0;
            cp = (cp << 6) | (*s & 0x3F);
        }
        if ((need == 2 && cp < 0x800) || (need == 3 && cp < 0x10000) || cp > 0x10FFFF ||
            (cp >> 11) == 0x1B)
            return 0;
    }
    return 1;
}

static uw_kind rd_name(rd *r, const char **s, uint32_t *n)
{
    TRY(rd_u32(r, n));
    if ((size_t)(r->end - r->p) < *n) return bad(r, UW_M_UNEXPECTED_END);
    if (!utf8_valid(r->p, *n)) return bad(r, UW_M_MALFORMED_UTF_8_ENCODING);
    *s = (const char *)r->p;
    r->p += *n;
    return UW_OK;
}

static uw_kind rd_limits(rd *r, uw_limits_type *lim, int is_memory)
{
    uint8_t flags;
    memset(lim, 0, sizeof *lim);
    TRY(rd_byte(r, &flags));
    if (is_memory) {
        if (flags & ~0x0Fu) return bad(r, UW_M_MALFORMED_LIMITS_FLAGS);
        if (flags & 2) return bad(r, UW_M_SHARED_MEMORY_UNSUPPORTED);
        lim->is64 = (flags & 4) != 0;
    } else if (flags > 1) {
        return bad(r, UW_M_MALFORMED_LIMITS_FLAGS);
    }
    lim->has_max = flags & 1;
    TRY(rd_leb(r, lim->is64 ? 64 : 32, 0, &lim->min));
    if (lim->has_max) TRY(rd_leb(r, lim->is64 ? 64 : 32, 0, &lim->max));
    lim->page_size_log2 = is_memory ? 16 : 0;
    if (flags & 8) {
        uint32_t l2;
        TRY(rd_u32(r, &l2));
        if (l2 >= 64) return bad(r, UW_M_INVALID_CUSTOM_PAGE_SIZE);
        if (l2 != 0 && l2 != 16) return invalid(r, UW_M_INVALID_CUSTOM_PAGE_SIZE);
        lim->page_size_log2 = (uint8_t)l2;
    }
    if (lim->has_max && lim->max < lim->min)
        return invalid(r, UW_M_MINIMUM_ABOVE_MAXIMUM);
    if (is_memory && lim->page_size_log2) {
        /* at most 2^32 (2^64) bytes: 65536 (2^48) pages of 64 KiB.  Pages of
         * 1 byte need no check: at most 2^32-1 (2^64-1) of them fit the LEB
         * just read.  (A missing max is 0 here.) */
        uint64_t cap = (uint64_t)1 << (lim->is64 ? 48 : 16);
        if (lim->min > cap || lim->max > cap)
            return invalid(r, UW_M_MEMORY_SIZE_TOO_LARGE);
    }
    return UW_OK;
}

/* Grow an array allocated for the imports so it also holds the defined items
 * (or, from have = 0 and a NULL array, allocate one). */
static uw_kind grow_array(uw_module *m, rd *r, void **arr, size_t elem, uint32_t have,
                          uint32_t add)
{
    void *q;
    if (add == 0) return UW_OK;
    if ((uint64_t)have + add > 0xFFFFFFFFu / elem) return bad(r, UW_M_TOO_MANY_ITEMS);
    q = uw_realloc(m->a, *arr, (size_t)have * elem, ((size_t)have + add) * elem);
    if (!q) return uw_rd_fail(r, UW_OUT_OF_MEMORY, UW_M_OUT_OF_MEMORY_LOADING);
    m->ram += (size_t)add * elem;
    *arr = q;
    return UW_OK;
}

#define ALLOC(dst, count) TRY(grow_array(m, r, (void **)&(dst), sizeof *(dst), 0, (count)))

/* Read a vector's count, which must be plausible: each item needs at least
 * one byte.  (One function for the dozen vectors: each call site then costs a
 * call, not a read and a check.) */
static uw_kind rd_count(rd *r, uint32_t *n)
{
    TRY(rd_u32(r, n));
    if ((size_t)(r->end - r->p) < *n) return bad(r, UW_M_COUNT_LARGER_THAN_SECTION);
    return UW_OK;
}

/* The opening of a section holding a vector of items: read the count and
 * make room for that many more items in *arr, which already holds *have (the
 * imported ones, or none); *have then counts them all. */
static uw_kind sec_vec(uw_module *m, rd *r, void **arr, size_t elem, uint32_t *have, uint32_t *n)
{
    TRY(rd_count(r, n));
    TRY(grow_array(m, r, arr, elem, *have, *n));
    *have += *n; /* counts follow allocations at once, so freeing matches */
    return UW_OK;
}

#define SEC_VEC(arr, have, n) TRY(sec_vec(m, r, (void **)&(arr), sizeof *(arr), &(have), &(n)))

/* A result or parameter vector of a function type. */
static uw_kind rd_valtypes(rd *r, uint32_t *n, const uint8_t **types, uint32_t too_many)
{
    TRY(rd_count(r, n));
    if (*n > UW_MAX_LOCALS) return bad(r, too_many);
    *types = r->p;
    for (uint32_t k = 0; k < *n; k++) {
        uint8_t vt;
        TRY(rd_valtype(r, &vt));
    }
    return UW_OK;
}

static uw_kind sec_types(uw_module *m, rd *r)
{
    uint32_t n;
    SEC_VEC(m->types, m->ntypes, n);
    for (uint32_t i = 0; i < n; i++) {
        uint8_t form;
        uw_functype *t = &m->types[i];
        TRY(rd_byte(r, &form));
        if (form != 0x60) return bad(r, UW_M_MALFORMED_FUNCTION_TYPE);
        TRY(rd_valtypes(r, &t->nparams, &t->params, UW_M_TOO_MANY_PARAMETERS));
        TRY(rd_valtypes(r, &t->nresults, &t->results, UW_M_TOO_MANY_RESULTS));
    }
    return UW_OK;
}

static uw_kind rd_global_type(rd *r, uw_global_type *g)
{
    uint8_t mut;
    TRY(rd_valtype(r, &g->valtype));
    TRY(rd_byte(r, &mut));
    if (mut > 1) return bad(r, UW_M_MALFORMED_MUTABILITY);
    g->is_mutable = mut;
    return UW_OK;
}

/* Imports are read twice: once to count each kind, once to fill. */
static uw_kind sec_imports(uw_module *m, rd *r)
{
    uint32_t n;
    const uint8_t *start;
    SEC_VEC(m->imports, m->nimports, n);
    start = r->p;
    for (int pass = 0; pass < 2; pass++) {
        uint32_t cnt[4] = {0, 0, 0, 0}; /* per kind: func, table, memory, global */
        r->p = start;
        for (uint32_t i = 0; i < n; i++) {
            uw_import *im = &m->imports[i];
            TRY(rd_name(r, &im->module, &im->module_len));
            TRY(rd_name(r, &im->name, &im->name_len));
            TRY(rd_byte(r, &im->kind));
            switch (im->kind) {
            case UW_EXTERN_FUNC: {
                uint32_t ti;
                TRY(rd_u32(r, &ti));
                if (ti >= m->ntypes) return invalid(r, UW_M_UNKNOWN_TYPE);
                if (pass) m->func_type[cnt[0]] = ti;
                break;
            }
            case UW_EXTERN_TABLE: {
                uw_table_type tt;
                TRY(rd_reftype(r, &tt.elemtype));
                TRY(rd_limits(r, &tt.lim, 0));
                if (pass) m->tables[cnt[1]] = tt;
                break;
            }
            case UW_EXTERN_MEMORY: {
                uw_limits_type lim;
                TRY(rd_limits(r, &lim, 1));
                if (pass) m->mems[cnt[2]] = lim;
                break;
            }
            case UW_EXTERN_GLOBAL: {
                uw_global_type g;
                TRY(rd_global_type(r, &g));
                g.init = NULL;
                if (pass) m->globals[cnt[3]] = g;
                break;
            }
            default:
                r->p--;
                return bad(r, UW_M_MALFORMED_IMPORT_KIND);
            }
            im->index = cnt[im->kind]++;
        }
        m->nimported_funcs = m->nfuncs = cnt[0];
        m->nimported_tables = m->ntables = cnt[1];
        m->nimported_mems = m->nmems = cnt[2];
        m->nimported_globals = m->nglobals = cnt[3];
        if (!pass) {
            /* the imported items' arrays, by kind: a loop, not four calls */
            static const uint8_t size[4] = {sizeof *m->func_type, sizeof *m->tables,
                                            sizeof *m->mems, sizeof *m->globals};
            void **arr[4];
            arr[0] = (void **)&m->func_type;
            arr[1] = (void **)&m->tables;
            arr[2] = (void **)&m->mems;
            arr[3] = (void **)&m->globals;
            for (uint32_t k = 0; k < 4; k++) TRY(grow_array(m, r, arr[k], size[k], 0, cnt[k]));
        }
    }
    return UW_OK;
}

static uw_kind sec_functions(uw_module *m, rd *r)
{
    uint32_t n;
    TRY(rd_count(r, &n));
    if (n > UW_MAX_FUNCS) return bad(r, UW_M_TOO_MANY_FUNCTIONS);
    TRY(grow_array(m, r, (void **)&m->func_type, sizeof *m->func_type, m->nfuncs, n));
    m->nfuncs += n; /* counts follow allocations at once, so freeing matches */
    ALLOC(m->funcs, n);
    for (uint32_t i = 0; i < n; i++) {
        uint32_t ti;
        TRY(rd_u32(r, &ti));
        if (ti >= m->ntypes) return invalid(r, UW_M_UNKNOWN_TYPE);
        m->func_type[m->nimported_funcs + i] = ti;
        m->funcs[i].type = ti;
    }
    return UW_OK;
}

static uw_kind sec_tables(uw_module *m, rd *r)
{
    uint32_t n;
    SEC_VEC(m->tables, m->ntables, n);
    for (uint32_t i = 0; i < n; i++) {
        uw_table_type *tt = &m->tables[m->nimported_tables + i];
        TRY(rd_reftype(r, &tt->elemtype));
        TRY(rd_limits(r, &tt->lim, 0));
    }
    return UW_OK;
}

static uw_kind sec_memories(uw_module *m, rd *r)
{
    uint32_t n;
    SEC_VEC(m->mems, m->nmems, n);
    for (uint32_t i = 0; i < n; i++) TRY(rd_limits(r, &m->mems[m->nimported_mems + i], 1));
    return UW_OK;
}

void uw_declare_ref(uw_module *m, uint32_t f)
{
    if (m->declared_refs && f < m->nfuncs) m->declared_refs[f >> 3] |= (uint8_t)(1u << (f & 7));
}

/* Validate a constant expression of type `want`; advances r->p past it. */
static uw_kind const_expr(uw_module *m, rd *r, uint8_t want)
{
    uw_slot unused;
    return uw_const_expr(m, NULL, r, want, &unused);
}

static uw_kind sec_globals(uw_module *m, rd *r)
{
    uint32_t n;
    SEC_VEC(m->globals, m->nglobals, n);
    for (uint32_t i = 0; i < n; i++) {
        uw_global_type *g = &m->globals[m->nimported_globals + i];
        TRY(rd_global_type(r, g));
        g->init = r->p;
        TRY(const_expr(m, r, g->valtype));
    }
    return UW_OK;
}

static uint32_t name_hash(const char *s, uint32_t n)
{
    uint32_t h = 2166136261u;
    while (n--) h = (h ^ (uint8_t)*s++) * 16777619u;
    return h;
}

static uw_kind sec_exports(uw_module *m, rd *r)
{
    uint32_t n, nslots;
    uint32_t *hash;
    SEC_VEC(m->exports, m->nexports, n);
    for (uint32_t i = 0; i < n; i++) {
        uw_export *e = &m->exports[i];
        uint32_t limit = 0;
        TRY(rd_name(r, &e->name, &e->name_len));
        TRY(rd_byte(r, &e->kind));
        TRY(rd_u32(r, &e->index));
        switch (e->kind) {
        case UW_EXTERN_FUNC: limit = m->nfuncs; break;
        case UW_EXTERN_TABLE: limit = m->ntables; break;
        case UW_EXTERN_MEMORY: limit = m->nmems; break;
        case UW_EXTERN_GLOBAL: limit = m->nglobals; break;
        default: r->p--; return bad(r, UW_M_MALFORMED_EXPORT_KIND);
        }
        if (e->index >= limit) {
            static const uint8_t unknown[] = {UW_M_UNKNOWN_FUNCTION, UW_M_UNKNOWN_TABLE,
                                              UW_M_UNKNOWN_MEMORY, UW_M_UNKNOWN_GLOBAL};
            return invalid(r, unknown[e->kind]);
        }
        if (e->kind == UW_EXTERN_FUNC) uw_declare_ref(m, e->index);
    }
    /* duplicate names: a temporary open-addressing hash set (linear time) */
    if (n < 2) return UW_OK;
    nslots = 4;
    while (nslots < 2 * n) nslots *= 2;
    hash = uw_alloc(m->a, (size_t)nslots * sizeof *hash);
    if (!hash) return uw_fail(r->st, UW_OUT_OF_MEMORY, 0, UW_M_OUT_OF_MEMORY_EXPORT_NAMES);
    for (uint32_t i = 0; i < n; i++) {
        const uw_export *e = &m->exports[i];
        uint32_t h = name_hash(e->name, e->name_len) & (nslots - 1);
        for (;;) {
            uint32_t j = hash[h];
            if (!j) {
                hash[h] = i + 1;
                break;
            }
            j--;
            if (m->exports[j].name_len == e->name_len &&
                memcmp(m->exports[j].name, e->name, e->name_len) == 0) {
                uw_free(m->a, hash, (size_t)nslots * sizeof *hash);
                uw_fail(r->st, UW_INVALID, (uint32_t)((const uint8_t *)e->name - r->base),
                        UW_M_DUPLICATE_EXPORT_NAME);
                uw_msg_addn(r->st, e->name, e->name_len);
                return UW_INVALID;
            }
            h = (h + 1) & (nslots - 1);
        }
    }
    uw_free(m->a, hash, (size_t)nslots * sizeof *hash);
    return UW_OK;
}

static uw_kind sec_elements(uw_module *m, rd *r)
{
    uint32_t n;
    SEC_VEC(m->elems, m->nelems, n);
    for (uint32_t i = 0; i < n; i++) {
        uw_elem_seg *s = &m->elems[i];
        uint32_t flags;
        TRY(rd_u32(r, &flags));
        if (flags > 7) return bad(r, UW_M_MALFORMED_ELEMENTS_SEGMENT);
        s->mode = (flags & 1) ? ((flags & 2) ? UW_SEG_DECLARATIVE : UW_SEG_PASSIVE) : UW_SEG_ACTIVE;
        s->exprs = (flags & 4) != 0;
        s->elemtype = UW_FUNCREF;
        if (s->mode == UW_SEG_ACTIVE) {
            if (flags & 2) TRY(rd_u32(r, &s->table));
            if (s->table >= m->ntables) return invalid(r, UW_M_UNKNOWN_TABLE);
            s->offset = r->p;
            TRY(const_expr(m, r, m->tables[s->table].lim.is64 ? UW_I64 : UW_I32));
        }
        if (flags & 3) {
            uint8_t et;
            if (s->exprs) {
                TRY(rd_reftype(r, &et));
                s->elemtype = et;
            } else {
                TRY(rd_byte(r, &et));
                if (et != 0) return bad(r, UW_M_MALFORMED_ELEMENT_KIND);
            }
        }
        TRY(rd_count(r, &s->count));
        s->items = r->p;
        for (uint32_t k = 0; k < s->count; k++) {
            if (s->exprs) {
                TRY(const_expr(m, r, s->elemtype));
            } else {
                uint32_t f;
                TRY(rd_u32(r, &f));
                if (f >= m->nfuncs) return invalid(r, UW_M_UNKNOWN_FUNCTION);
                uw_declare_ref(m, f);
            }
        }
        if (s->mode == UW_SEG_ACTIVE && m->tables[s->table].elemtype != s->elemtype)
            return invalid(r, UW_M_TYPE_MISMATCH);
    }
    return UW_OK;
}

static uw_kind sec_data(uw_module *m, rd *r)
{
    uint32_t n;
    TRY(rd_count(r, &n));
    if (m->has_datacount && n != m->ndatacount)
        return bad(r, UW_M_DATA_COUNT_MISMATCH);
    ALLOC(m->datas, n);
    m->ndatas = n;
    for (uint32_t i = 0; i < n; i++) {
        uw_data_seg *s = &m->datas[i];
        uint32_t flags;
        TRY(rd_u32(r, &flags));
        if (flags > 2) return bad(r, UW_M_MALFORMED_DATA_SEGMENT_KIND);
        s->mode = flags == 1 ? UW_SEG_PASSIVE : UW_SEG_ACTIVE;
        if (flags == 2) TRY(rd_u32(r, &s->memory));
        if (s->mode == UW_SEG_ACTIVE) {
            if (s->memory >= m->nmems) return invalid(r, UW_M_UNKNOWN_MEMORY);
            s->offset = r->p;
            TRY(const_expr(m, r, m->mems[s->memory].is64 ? UW_I64 : UW_I32));
        }
        TRY(rd_u32(r, &s->len));
        if ((size_t)(r->end - r->p) < s->len) return bad(r, UW_M_UNEXPECTED_END_OF_SECTION);
        s->bytes = r->p;
        r->p += s->len;
    }
    return UW_OK;
}

static uw_kind sec_code(uw_module *m, rd *r)
{
    uint32_t n;
    uint32_t ndefined = m->nfuncs - m->nimported_funcs;
    TRY(rd_u32(r, &n));
    if (n != ndefined) return bad(r, UW_M_FUNCTION_CODE_MISMATCH);
    TRY(uw_side_begin(m, r->st));
    for (uint32_t i = 0; i < n; i++) {
        uw_func *f = &m->funcs[i];
        uint32_t size, ngroups;
        uint64_t total = m->types[f->type].nparams;
        const uint8_t *body_end;
        TRY(rd_u32(r, &size));
        if ((size_t)(r->end - r->p) < size) return bad(r, UW_M_UNEXPECTED_END_OF_SECTION);
        if (size == 0) return bad(r, UW_M_UNEXPECTED_END_OF_SECTION);
        body_end = r->p + size;
        {
            rd fr = {r->p, body_end, r->base, r->st};
            m->locals_start = r->p;
            TRY(rd_u32(&fr, &ngroups));
            for (uint32_t g = 0; g < ngroups; g++) {
                uint32_t cnt;
                uint8_t vt;
                TRY(rd_u32(&fr, &cnt));
                total += cnt;
                if (total > UW_MAX_LOCALS) return bad(&fr, UW_M_TOO_MANY_LOCALS);
                TRY(rd_valtype(&fr, &vt));
            }
            f->nlocals = (uint32_t)(total - m->types[f->type].nparams);
            f->body = fr.p;
            f->end = body_end - 1;
            if (fr.p >= body_end) return bad(&fr, UW_M_UNEXPECTED_END_OF_SECTION);
        }
        TRY(uw_validate_function(m, m->nimported_funcs + i, r->st));
        r->p = body_end;
    }
    return uw_side_finish(m, r->st);
}

static const uint8_t section_rank[13] = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 11, 12, 10};

uw_module *uw_module_load(uw_allocator *a, const uint8_t *bytes, size_t len, uw_status *st)
{
    uw_module *m;
    rd r0 = {bytes, bytes + len, bytes, st};
    rd *r = &r0;
    uint32_t last_rank = 0;
    uw_kind k = UW_OK;
    static const uint8_t magic[8] = {0, 'a', 's', 'm', 1, 0, 0, 0};

    uw_fail(st, UW_OK, UW_NO_INDEX, UW_M_OK);
    if (len < 4 || memcmp(bytes, magic, 4) != 0) {
        bad(r, UW_M_MAGIC_HEADER_NOT_DETECTED);
        return NULL;
    }
    if (len < 8 || memcmp(bytes + 4, magic + 4, 4) != 0) {
        r->p = bytes + 4;
        bad(r, UW_M_UNKNOWN_BINARY_VERSION);
        return NULL;
    }
    m = uw_alloc(a, sizeof *m);
    if (!m) {
        uw_fail(st, UW_OUT_OF_MEMORY, 0, UW_M_OUT_OF_MEMORY_LOADING);
        return NULL;
    }
    m->a = a;
    m->bytes = bytes;
    m->len = len;
    m->start = UW_NO_INDEX;
    m->ram = sizeof *m;
    r->p = bytes + 8;
    while (r->p < r->end) {
        uint8_t id;
        uint32_t size;
        const uint8_t *sec_end;
        if ((k = rd_byte(r, &id)) != UW_OK) break;
        if ((k = rd_u32(r, &size)) != UW_OK) break;
        if ((size_t)(r->end - r->p) < size) {
            k = bad(r, UW_M_SECTION_SIZE_UNEXPECTED_END);
            break;
        }
        sec_end = r->p + size;
        if (id > 12) {
            r->p--;
            k = bad(r, UW_M_MALFORMED_SECTION_ID);
            break;
        }
        if (id != 0) {
            if (section_rank[id] <= last_rank) {
                k = bad(r, UW_M_SECTION_OUT_OF_ORDER);
                break;
            }
            last_rank = section_rank[id];
        }
        /* the declared-reference set, needed once the function space is known */
        if (id >= 4 && !m->declared_refs && m->nfuncs) {
            m->declared_refs = uw_alloc(a, (m->nfuncs + 7) / 8);
            if (!m->declared_refs) {
                k = uw_fail(st, UW_OUT_OF_MEMORY, 0, UW_M_OUT_OF_MEMORY_LOADING);
                break;
            }
            m->ram += (m->nfuncs + 7) / 8;
        }
        /* the section is read by the same reader, bounded by the section */
        r->end = sec_end;
        switch (id) {
        case 0: {
            const char *nm;
            uint32_t nl;
            k = rd_name(r, &nm, &nl);
            r->p = sec_end;
            break;
        }
        case 1: k = sec_types(m, r); break;
        case 2: k = sec_imports(m, r); break;
        case 3:
            k = sec_functions(m, r);
            break;
        case 4: k = sec_tables(m, r); break;
        case 5: k = sec_memories(m, r); break;
        case 6: k = sec_globals(m, r); break;
        case 7: k = sec_exports(m, r); break;
        case 8:
            k = rd_u32(r, &m->start);
            if (k == UW_OK && m->start >= m->nfuncs) k = invalid(r, UW_M_UNKNOWN_FUNCTION);
            if (k == UW_OK) {
                const uw_functype *t = &m->types[m->func_type[m->start]];
                if (t->nparams || t->nresults) k = invalid(r, UW_M_START_FUNCTION);
            }
            break;
        case 9: k = sec_elements(m, r); break;
        case 10:
            m->code_bytes = size;
            k = sec_code(m, r);
            break;
        case 11: k = sec_data(m, r); break;
        case 12:
            k = rd_u32(r, &m->ndatacount);
            m->has_datacount = 1;
            break;
        }
        if (k == UW_OK && r->p != sec_end) k = bad(r, UW_M_SECTION_SIZE_MISMATCH);
        if (k != UW_OK) break;
        r->end = bytes + len;
        r->p = sec_end;
    }
    /* a code section read without failing is not empty (it holds a count) */
    if (k == UW_OK && !m->code_bytes && m->nfuncs != m->nimported_funcs)
        k = bad(r, UW_M_FUNCTION_CODE_MISMATCH);
    if (k == UW_OK && m->has_datacount && m->ndatas != m->ndatacount)
        k = bad(r, UW_M_DATA_COUNT_MISMATCH);
    if (k != UW_OK) {
        uw_module_free(m);
        return NULL;
    }
    return m;
}

/* The module's arrays, in the order they are freed, as data (a call each
 * took ~150 bytes of flash): where the pointer is, the count of items (less
 * the imported ones if `less` is not 0; BITSET: a bit per item) and the item
 * size.  Sizes are recomputed from the counts: arrays grown in place keep
 * their totals. */
typedef struct marray {
    uint8_t ptr, count, less, size; /* offsets in uw_module; bytes */
} marray;

#define BITSET 0xFF
#define MOD(f) offsetof(uw_module, f)
#define ARR(f, count, less) {MOD(f), MOD(count), less, sizeof *((uw_module *)0)->f}
static const marray marrays[] = {
    ARR(types, ntypes, 0),
    ARR(func_type, nfuncs, 0),
    ARR(funcs, nfuncs, MOD(nimported_funcs)),
    ARR(tables, ntables, 0),
    ARR(mems, nmems, 0),
    ARR(globals, nglobals, 0),
    ARR(imports, nimports, 0),
    ARR(exports, nexports, 0),
    ARR(elems, nelems, 0),
    ARR(datas, ndatas, 0),
    ARR(declared_refs, nfuncs, BITSET),
    ARR(side, nside_cap, 0),
    ARR(side_wide, nside_wide, 0),
};

static uint32_t count_at(const uw_module *m, uint8_t off)
{
    return *(const uint32_t *)(const void *)((const uint8_t *)m + off);
}

void uw_module_free(uw_module *m)
{
    const marray *e;
    if (!m) return;
    uw_side_release(m);
    for (e = marrays; e < marrays + sizeof marrays / sizeof *marrays; e++) {
        uint32_t n = count_at(m, e->count);
        void *p;
        if (e->less == BITSET) n = (n + 7) / 8;
        else if (e->less) n -= count_at(m, e->less);
        /* the pointer fields differ in type: copied as bytes (a void *
         * lvalue may not stand for a uw_functype * field) */
        memcpy(&p, (const uint8_t *)m + e->ptr, sizeof p);
        uw_free(m->a, p, (size_t)n * e->size);
    }
    uw_free(m->a, m, sizeof *m);
}

/* ---------- introspection ---------- */

uint32_t uw_module_import_count(const uw_module *m) { return m->nimports; }
uint32_t uw_module_export_count(const uw_module *m) { return m->nexports; }

static void describe(const uw_module *m, uint8_t kind, uint32_t index, uw_extern_desc *out)
{
    out->kind = kind;
    out->index = index;
    switch (kind) {
    case UW_EXTERN_FUNC: out->func = m->types[m->func_type[index]]; break;
    case UW_EXTERN_TABLE:
        out->valtype = m->tables[index].elemtype;
        out->limits = m->tables[index].lim;
        break;
    case UW_EXTERN_MEMORY: out->limits = m->mems[index]; break;
    case UW_EXTERN_GLOBAL:
        out->valtype = m->globals[index].valtype;
        out->is_mutable = m->globals[index].is_mutable;
        break;
    }
}

int uw_module_import(const uw_module *m, uint32_t i, uw_extern_desc *out)
{
    if (i >= m->nimports) return -1;
    memset(out, 0, sizeof *out);
    out->module = m->imports[i].module;
    out->module_len = m->imports[i].module_len;
    out->name = m->imports[i].name;
    out->name_len = m->imports[i].name_len;
    describe(m, m->imports[i].kind, m->imports[i].index, out);
    return 0;
}

int uw_module_export(const uw_module *m, uint32_t i, uw_extern_desc *out)
{
    if (i >= m->nexports) return -1;
    memset(out, 0, sizeof *out);
    out->name = m->exports[i].name;
    out->name_len = m->exports[i].name_len;
    describe(m, m->exports[i].kind, m->exports[i].index, out);
    return 0;
}

uint32_t uw_module_find_export(const uw_module *m, const char *name, size_t len)
{
    for (uint32_t i = 0; i < m->nexports; i++)
        if (m->exports[i].name_len == len && memcmp(m->exports[i].name, name, len) == 0) return i;
    return UW_NO_INDEX;
}

size_t uw_module_code_size(const uw_module *m) { return m->code_bytes; }

size_t uw_module_ram(const uw_module *m, size_t *side_table_bytes)
{
    if (side_table_bytes)
        *side_table_bytes = (size_t)m->nside * sizeof(uw_side) + (size_t)m->nside_wide * sizeof(uw_side_wide);
    return m->ram;
}
