// uwasm's exceptions, and the mapping from a core status to the one to raise.
//
//   Error                  base of every uwasm failure
//   ├── ValidationError    .offset: byte offset of the fault in the module
//   ├── LinkError          a missing or mistyped import, named module.field
//   ├── Trap               .kind (the spec's wording), .func, .offset (None if unknown)
//   └── OutOfFuel          a fueled call ran out; Instance.resume() continues it
// A Python exception raised inside an import propagates unchanged; the core running
// out of its RAM limit raises MemoryError.

#include "py/runtime.h"
#include "py/objexcept.h"
#include "py/mpstate.h"
#include "moduwasm.h"

MP_REGISTER_ROOT_POINTER(mp_obj_t uwasm_pending_host_exception);

// Exception attributes live in args: (message, kind, func, offset) for Trap,
// (message, offset) for ValidationError.
static void uwasm_error_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    if (dest[0] == MP_OBJ_NULL) {
        const mp_obj_type_t *type = mp_obj_get_type(self_in);
        mp_obj_exception_t *self = MP_OBJ_TO_PTR(self_in);
        int index = -1;
        if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(type), MP_OBJ_FROM_PTR(&uwasm_type_Trap))) {
            index = attr == MP_QSTR_kind ? 1 : attr == MP_QSTR_func ? 2 : attr == MP_QSTR_offset ? 3 : -1;
        } else if (mp_obj_is_subclass_fast(MP_OBJ_FROM_PTR(type), MP_OBJ_FROM_PTR(&uwasm_type_ValidationError))) {
            index = attr == MP_QSTR_offset ? 1 : -1;
        }
        if (index >= 0) {
            dest[0] = (size_t)index < self->args->len ? self->args->items[index] : mp_const_none;
            return;
        }
    }
    mp_obj_exception_attr(self_in, attr, dest);
}

#define UWASM_DEFINE_EXCEPTION(c_name, py_name, base) \
    MP_DEFINE_CONST_OBJ_TYPE(c_name, py_name, MP_TYPE_FLAG_NONE, \
    make_new, mp_obj_exception_make_new, print, mp_obj_exception_print, \
    attr, uwasm_error_attr, parent, &base);

UWASM_DEFINE_EXCEPTION(uwasm_type_Error, MP_QSTR_Error, mp_type_Exception)
UWASM_DEFINE_EXCEPTION(uwasm_type_ValidationError, MP_QSTR_ValidationError, uwasm_type_Error)
UWASM_DEFINE_EXCEPTION(uwasm_type_LinkError, MP_QSTR_LinkError, uwasm_type_Error)
UWASM_DEFINE_EXCEPTION(uwasm_type_Trap, MP_QSTR_Trap, uwasm_type_Error)
UWASM_DEFINE_EXCEPTION(uwasm_type_OutOfFuel, MP_QSTR_OutOfFuel, uwasm_type_Error)

void uwasm_set_pending_host_exception(mp_obj_t exc) {
    MP_STATE_VM(uwasm_pending_host_exception) = exc;
}

static mp_obj_t index_or_none(uint32_t value) {
    return value == UW_NO_INDEX ? mp_const_none : mp_obj_new_int_from_uint(value);
}

NORETURN void uwasm_raise_status(const uw_status *st) {
    // args: (message) for most, (message, offset) for ValidationError,
    // (message, kind, func, offset) for Trap.
    mp_obj_t args[4] = { mp_obj_new_str_from_cstr(st->msg) };
    size_t n_args = 1;
    const mp_obj_type_t *type = &uwasm_type_Error;
    switch (st->kind) {
        case UW_MALFORMED:
        case UW_INVALID:
            type = &uwasm_type_ValidationError;
            args[1] = index_or_none(st->offset);
            n_args = 2;
            break;
        case UW_LINK:
            type = &uwasm_type_LinkError;
            break;
        case UW_OUT_OF_MEMORY:
            type = &mp_type_MemoryError;
            break;
        case UW_BAD_ARGUMENT:
            type = &mp_type_ValueError;
            break;
        case UW_OUT_OF_FUEL:
            type = &uwasm_type_OutOfFuel;
            break;
        default:
            if (st->kind == UW_TRAP_HOST && MP_STATE_VM(uwasm_pending_host_exception) != MP_OBJ_NULL) {
                mp_obj_t pending = MP_STATE_VM(uwasm_pending_host_exception);
                MP_STATE_VM(uwasm_pending_host_exception) = MP_OBJ_NULL;
                nlr_raise(pending);
            }
            // A host failure with no Python exception behind it is a plain trap.
            if (uw_is_trap(st->kind)) {
                type = &uwasm_type_Trap;
                args[1] = mp_obj_new_str_from_cstr(uw_kind_name(st->kind));
                args[2] = index_or_none(st->func);
                args[3] = index_or_none(st->offset);
                n_args = 4;
            }
            break;
    }
    nlr_raise(mp_obj_new_exception_args(type, n_args, args));
}
