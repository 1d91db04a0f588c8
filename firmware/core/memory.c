/* memory.c — linear memories and tables: allocation, limits, growth. */
#include "uw_internal.h"

/* compact builds run every load (and every store) through one handler */
#define S_ UW_ACCESS_SIGNED
#define W_ UW_ACCESS_64
const uint8_t uw_access[23] = {
    2, 3 | W_, 2, 3 | W_,                                   /* i32 i64 f32 f64 .load */
    0 | S_, 0, 1 | S_, 1,                                   /* i32.load8_s .. 16_u */
    0 | S_ | W_, 0 | W_, 1 | S_ | W_, 1 | W_, 2 | S_ | W_, 2 | W_, /* i64.load8_s .. 32_u */
    2, 3, 2, 3, 0, 1, 0, 1, 2};                             /* stores */
#undef S_
#undef W_

uw_kind uw_memory_init(uw_mem *mem, uw_allocator *a, const uw_limits_type *lim,
                       uint64_t limit_bytes, uint64_t heap_base, int can_grow, uw_status *st)
{
    uint64_t cap_pages, size;
    mem->a = a;
    mem->log2 = lim->page_size_log2;
    mem->is64 = lim->is64;
    /* 64-bit: 2^(64-log2) - 1 pages; 32-bit: 2^(32-log2) pages, or 2^32 - 1
     * of 1 byte.  Written as right shifts, which need no case for log2 = 0. */
    if (lim->is64)
        cap_pages = ~(uint64_t)0 >> mem->log2;
    else
        cap_pages = ((uint64_t)0xFFFFFFFFu >> mem->log2) + (mem->log2 != 0);
    mem->max_pages = lim->has_max ? lim->max : cap_pages;
    if (limit_bytes && (limit_bytes >> mem->log2) < mem->max_pages)
        mem->max_pages = limit_bytes >> mem->log2;
    mem->pages = lim->min;
    if (lim->min > (((uint64_t)1 << 48) >> mem->log2))
        return uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_MEMORY_MINIMUM_TOO_LARGE);
    size = lim->min << mem->log2;
    if (limit_bytes && size > limit_bytes) {
        /* WAMR's way: a module that cannot grow its memory only touches
         * addresses below __heap_base; keep just those. */
        if (!can_grow && heap_base && heap_base <= limit_bytes && mem->log2 == 16) {
            size = (heap_base + 15) & ~(uint64_t)15;
            mem->max_pages = mem->pages;
        } else {
            uw_fail(st, UW_MEMORY_LIMIT, UW_NO_INDEX, UW_M_MEMORY_MINIMUM_OF);
            uw_msg_u64(st, size);
            uw_msg_add(st, " bytes exceeds the memory limit of ");
            uw_msg_u64(st, limit_bytes);
            uw_msg_add(st, " bytes");
            return UW_MEMORY_LIMIT;
        }
    }
    if (size > (size_t)-1)
        return uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_MEMORY_TOO_LARGE_FOR_MACHINE);
    mem->data = uw_alloc(a, (size_t)size);
    if (!mem->data) {
        uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_OUT_OF_MEMORY_ALLOCATING);
        uw_msg_u64(st, size);
        uw_msg_add(st, " bytes of linear memory");
        return UW_OUT_OF_MEMORY;
    }
    mem->size = size;
    return UW_OK;
}

void uw_memory_release(uw_mem *mem)
{
    if (mem->data) uw_free(mem->a, mem->data, (size_t)mem->size);
    mem->data = NULL;
}

int64_t uw_memory_grow_by(uw_mem *mem, uint64_t delta)
{
    uint64_t old = mem->pages, new_pages, new_size;
    uint8_t *q;
    if (delta == 0) return (int64_t)old;
    if (delta > mem->max_pages || old > mem->max_pages - delta) return -1;
    new_pages = old + delta;
    if (new_pages > (((uint64_t)1 << 48) >> mem->log2)) return -1;
    new_size = new_pages << mem->log2;
    if (new_size > (size_t)-1) return -1;
    q = uw_realloc(mem->a, mem->data, (size_t)mem->size, (size_t)new_size);
    if (!q) return -1;
    mem->data = q;
    mem->size = new_size;
    mem->pages = new_pages;
    return (int64_t)old;
}

uw_kind uw_table_init(uw_table *t, uw_allocator *a, const uw_table_type *tt, uint64_t fill,
                      uw_status *st)
{
    t->a = a;
    t->elemtype = tt->elemtype;
    t->max = tt->lim.has_max ? (uint32_t)tt->lim.max : 0xFFFFFFFFu;
    if (tt->lim.min > UW_MAX_TABLE)
        return uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_TABLE_TOO_LARGE);
    t->size = (uint32_t)tt->lim.min;
    t->elems = uw_alloc(a, (size_t)t->size * sizeof(uint64_t));
    if (!t->elems) return uw_fail(st, UW_OUT_OF_MEMORY, UW_NO_INDEX, UW_M_OUT_OF_MEMORY_FOR_TABLE);
    for (uint32_t i = 0; i < t->size; i++) t->elems[i] = fill;
    return UW_OK;
}

void uw_table_release(uw_table *t)
{
    if (t->elems) uw_free(t->a, t->elems, (size_t)t->size * sizeof(uint64_t));
    t->elems = NULL;
}

int64_t uw_table_grow_by(uw_table *t, uint32_t delta, uint64_t fill)
{
    uint32_t old = t->size;
    uint64_t *q;
    if (delta == 0) return old;
    if ((uint64_t)old + delta > t->max || (uint64_t)old + delta > UW_MAX_TABLE) return -1;
    q = uw_realloc(t->a, t->elems, (size_t)old * sizeof(uint64_t),
                   ((size_t)old + delta) * sizeof(uint64_t));
    if (!q) return -1;
    t->elems = q;
    for (uint32_t i = old; i < old + delta; i++) t->elems[i] = fill;
    t->size = old + delta;
    return old;
}
