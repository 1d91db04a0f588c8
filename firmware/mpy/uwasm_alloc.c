// The core's allocator for MicroPython: every byte comes from the GC heap.
//
// The GC frees what no live object points to, and it only counts a pointer to the
// start of a block. The core may keep pointers into the middle of its blocks, so the
// allocator itself records the start of every live allocation in `roots` (a GC block
// owned by the Module object). While the Module object lives, so does everything
// the core allocated for it; when it is dropped, the GC reclaims all of it with no
// finaliser.
//
// Allocation never raises: the core expects NULL on failure and reports it as a
// status, so m_malloc_maybe is used throughout (a raise here would unwind through
// the core and leave it half-updated).
//
// Freed and moved blocks are not returned with m_free but only forgotten: a
// memoryview may still point at an old copy of linear memory after memory.grow, and
// the GC keeps that copy alive for as long as the view exists.

#include <stddef.h>
#include <string.h>

#include "py/gc.h"
#include "py/misc.h"
#include "py/obj.h"
#include "moduwasm.h"

static bool roots_add(uwasm_allocator_t *a, void *ptr) {
    if (a->roots_len == a->roots_cap) {
        size_t cap = a->roots_cap ? a->roots_cap * 2 : 16;
        void **grown = m_renew_maybe(void *, a->roots, a->roots_cap, cap, true);
        if (grown == NULL) {
            return false;
        }
        a->roots = grown;
        a->roots_cap = cap;
    }
    a->roots[a->roots_len++] = ptr;
    return true;
}

static void roots_remove(uwasm_allocator_t *a, void *ptr) {
    for (size_t i = a->roots_len; i-- > 0;) {
        if (a->roots[i] == ptr) {
            a->roots[i] = a->roots[--a->roots_len];
            a->roots[a->roots_len] = NULL;
            return;
        }
    }
}

static void *uwasm_alloc(void *user, size_t size) {
    uwasm_allocator_t *a = user;
    void *ptr = m_malloc_maybe(size);
    if (ptr != NULL && !roots_add(a, ptr)) {
        return NULL; // unreachable block: the GC reclaims it
    }
    return ptr;
}

static void uwasm_free(void *user, void *ptr, size_t size) {
    (void)size;
    roots_remove(user, ptr);
}

static void *uwasm_realloc(void *user, void *ptr, size_t old_size, size_t new_size) {
    uwasm_allocator_t *a = user;
    void *moved = uwasm_alloc(a, new_size);
    if (moved == NULL) {
        return NULL;
    }
    memcpy(moved, ptr, old_size < new_size ? old_size : new_size);
    roots_remove(a, ptr);
    return moved;
}

void uwasm_allocator_init(uwasm_allocator_t *a, size_t limit) {
    *a = (uwasm_allocator_t) {
        .core = { .alloc = uwasm_alloc, .free = uwasm_free, .realloc = uwasm_realloc, .user = a, .limit = limit },
    };
}

mp_obj_t uwasm_uint_pair(size_t first, size_t second) {
    mp_obj_t items[2] = { mp_obj_new_int_from_uint(first), mp_obj_new_int_from_uint(second) };
    return mp_obj_new_tuple(2, items);
}

static mp_obj_t uwasm_ram(mp_obj_t self_in) {
    MP_STATIC_ASSERT(offsetof(uwasm_module_obj_t, alloc) == offsetof(uwasm_owner_obj_t, alloc));
    MP_STATIC_ASSERT(offsetof(uwasm_instance_obj_t, alloc) == offsetof(uwasm_owner_obj_t, alloc));
    uwasm_owner_obj_t *self = MP_OBJ_TO_PTR(self_in);
    return uwasm_uint_pair(self->alloc.core.used, self->alloc.core.high_water);
}
MP_DEFINE_CONST_FUN_OBJ_1(uwasm_ram_obj, uwasm_ram);
