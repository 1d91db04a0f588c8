/* alloc.c — every byte the core uses goes through the caller's allocator,
 * under its hard limit, with a high-water mark. */
#include "uw_internal.h"

void *uw_alloc(uw_allocator *a, size_t n)
{
    void *p;
    if (n == 0) n = 1;
    if (n > a->limit || a->used > a->limit - n) return NULL;
    p = a->alloc(a->user, n);
    if (!p) return NULL;
    memset(p, 0, n);
    a->used += n;
    if (a->used > a->high_water) a->high_water = a->used;
    return p;
}

void uw_free(uw_allocator *a, void *p, size_t n)
{
    if (!p) return;
    if (n == 0) n = 1;
    a->free(a->user, p, n);
    a->used -= n;
}

/* Resize keeping contents; new bytes are zeroed.  NULL (old block intact)
 * past the limit. */
void *uw_realloc(uw_allocator *a, void *p, size_t old_n, size_t new_n)
{
    void *q;
    if (!p) return uw_alloc(a, new_n);
    if (old_n == 0) old_n = 1;
    if (new_n == 0) new_n = 1;
    if (new_n > old_n && (new_n - old_n > a->limit || a->used > a->limit - (new_n - old_n)))
        return NULL;
    if (a->realloc) {
        q = a->realloc(a->user, p, old_n, new_n);
        if (!q) return NULL;
        if (new_n > old_n) memset((uint8_t *)q + old_n, 0, new_n - old_n);
        a->used = a->used - old_n + new_n;
        if (a->used > a->high_water) a->high_water = a->used;
        return q;
    }
    q = uw_alloc(a, new_n);
    if (!q) return NULL;
    memcpy(q, p, old_n < new_n ? old_n : new_n);
    uw_free(a, p, old_n);
    return q;
}
