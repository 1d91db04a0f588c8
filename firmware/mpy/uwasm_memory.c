// uwasm.Memory: an exported linear memory, as a buffer that is never stale.
//
// Linear memory may move when it grows. A Memory object holds no pointer: every
// buffer request, index, slice and len() asks the core for the current base and size.
// A memoryview taken from it (memoryview(mem), or a slice) captures the base at that
// moment; after memory.grow it still points at the old block, which the GC keeps
// alive while the view exists (the allocator forgets moved blocks instead of freeing
// them), so an old view reads stale bytes but never freed memory. Take a new view
// after anything that can grow memory.

#include "py/runtime.h"
#include "py/objarray.h"
#include "moduwasm.h"

// Fills every field of `view`, or raises: returned through a pointer, not by
// value, which would cost a clear and a copy of the struct.
static void current_view(mp_obj_t self_in, uw_memory_view *view) {
    uwasm_memory_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (uw_memory_export(self->instance->instance, self->export_index, view) != 0) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("memory export is not available"));
    }
}

static mp_int_t uwasm_memory_get_buffer(mp_obj_t self_in, mp_buffer_info_t *bufinfo, mp_uint_t flags) {
    (void)flags;
    uw_memory_view view;
    current_view(self_in, &view);
    bufinfo->buf = view.base;
    bufinfo->len = (size_t)view.size;
    bufinfo->typecode = 'B';
    return 0;
}

static mp_obj_t uwasm_memory_unary_op(mp_unary_op_t op, mp_obj_t self_in) {
    if (op == MP_UNARY_OP_LEN) {
        uw_memory_view view;
        current_view(self_in, &view);
        return mp_obj_new_int_from_ull(view.size);
    }
    return MP_OBJ_NULL; // op not supported
}

// mem[i], mem[a:b], mem[i] = v, mem[a:b] = data: through a memoryview of the memory
// as it is now.
static mp_obj_t uwasm_memory_subscr(mp_obj_t self_in, mp_obj_t index, mp_obj_t value) {
    uw_memory_view view;
    current_view(self_in, &view);
    mp_obj_t now = mp_obj_new_memoryview(MP_OBJ_ARRAY_TYPECODE_FLAG_RW | 'B', (size_t)view.size, view.base);
    return mp_obj_subscr(now, index, value);
}

// Memory.grow(delta_pages) -> previous size in pages, or -1 if it cannot grow.
static mp_obj_t uwasm_memory_grow(mp_obj_t self_in, mp_obj_t delta_in) {
    uwasm_memory_obj_t *self = MP_OBJ_TO_PTR(self_in);
    mp_int_t delta = mp_obj_get_int(delta_in);
    if (delta < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("grow() takes a number of pages >= 0"));
    }
    if (self->instance->busy) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("instance is busy"));
    }
    uw_extern_desc d;
    uwasm_export_desc(self->instance, self->export_index, &d);
    return mp_obj_new_int_from_ll(uw_memory_grow(self->instance->instance, d.index, (uint64_t)delta));
}
static MP_DEFINE_CONST_FUN_OBJ_2(uwasm_memory_grow_obj, uwasm_memory_grow);

static void uwasm_memory_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    if (dest[0] == MP_OBJ_NULL && (attr == MP_QSTR_pages || attr == MP_QSTR_page_size)) {
        uw_memory_view view;
        current_view(self_in, &view);
        dest[0] = attr == MP_QSTR_pages ? mp_obj_new_int_from_ull(view.pages)
            : mp_obj_new_int_from_uint(1u << view.page_size_log2);
    } else {
        dest[1] = MP_OBJ_SENTINEL; // continue lookup in locals_dict
    }
}

static const mp_rom_map_elem_t uwasm_memory_locals_table[] = {
    { MP_ROM_QSTR(MP_QSTR_grow), MP_ROM_PTR(&uwasm_memory_grow_obj) },
};
static MP_DEFINE_CONST_DICT(uwasm_memory_locals, uwasm_memory_locals_table);

MP_DEFINE_CONST_OBJ_TYPE(
    uwasm_type_Memory,
    MP_QSTR_Memory,
    MP_TYPE_FLAG_NONE,
    buffer, uwasm_memory_get_buffer,
    unary_op, uwasm_memory_unary_op,
    subscr, uwasm_memory_subscr,
    attr, uwasm_memory_attr,
    locals_dict, &uwasm_memory_locals
    );
