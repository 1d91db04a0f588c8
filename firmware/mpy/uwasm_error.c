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

// Trap's and ValidationError's attributes live in args: (message, kind, func,
// offset) for Trap, (message, offset) for ValidationError. Only these two types
// have this attr function, and a Python subclass's attributes are looked up on its
// native base's object, of exactly one of them: so no subclass test is needed.
static void uwasm_error_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    // ValidationError's one attribute is the last of Trap's.
    static const qstr_short_t trap_attrs[] = { MP_QSTR_kind, MP_QSTR_func, MP_QSTR_offset };
    mp_obj_exception_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] == MP_OBJ_NULL) {
        const qstr_short_t *names = trap_attrs;
        size_t n = MP_ARRAY_SIZE(trap_attrs);
        if (self->base.type != &uwasm_type_Trap) {
            names += 2;
            n = 1;
        }
        for (size_t i = 0; i < n; ++i) {
            if (names[i] == attr) {
                dest[0] = i + 1 < self->args->len ? self->args->items[i + 1] : mp_const_none;
                return;
            }
        }
    }
    mp_obj_exception_attr(self_in, attr, dest);
}

#define UWASM_DEFINE_EXCEPTION(c_name, py_name, base, attr_fun) \
    MP_DEFINE_CONST_OBJ_TYPE(c_name, py_name, MP_TYPE_FLAG_NONE, \
    make_new, mp_obj_exception_make_new, print, mp_obj_exception_print, \
    attr, attr_fun, parent, &base);

UWASM_DEFINE_EXCEPTION(uwasm_type_Error, MP_QSTR_Error, mp_type_Exception, mp_obj_exception_attr)
UWASM_DEFINE_EXCEPTION(uwasm_type_ValidationError, MP_QSTR_ValidationError, uwasm_type_Error, uwasm_error_attr)
UWASM_DEFINE_EXCEPTION(uwasm_type_LinkError, MP_QSTR_LinkError, uwasm_type_Error, mp_obj_exception_attr)
UWASM_DEFINE_EXCEPTION(uwasm_type_Trap, MP_QSTR_Trap, uwasm_type_Error, uwasm_error_attr)
UWASM_DEFINE_EXCEPTION(uwasm_type_OutOfFuel, MP_QSTR_OutOfFuel, uwasm_type_Error, mp_obj_exception_attr)

void uwasm_set_pending_host_exception(mp_obj_t exc) {
    MP_STATE_VM(uwasm_pending_host_exception) = exc;
}

static mp_obj_t index_or_none(uint32_t value) {
    return value == UW_NO_INDEX ? mp_const_none : mp_obj_new_int_from_uint(value);
}

NORETURN void uwasm_raise_status(const uw_status *st) {
    // args: (message) for most, (message, offset) for ValidationError,
    // (message, kind, func, offset) for Trap: the offset, when there is one, is last.
    mp_obj_t args[4];
    args[0] = mp_obj_new_str_from_cstr(st->msg);
    size_t n_args = 1;
    const mp_obj_type_t *type = &uwasm_type_Error;
    uw_kind kind = st->kind;
    if (kind == UW_MALFORMED || kind == UW_INVALID) {
        type = &uwasm_type_ValidationError;
        n_args = 2;
    } else if (uw_is_trap(kind)) {
        if (kind == UW_TRAP_HOST && MP_STATE_VM(uwasm_pending_host_exception) != MP_OBJ_NULL) {
            mp_obj_t pending = MP_STATE_VM(uwasm_pending_host_exception);
            MP_STATE_VM(uwasm_pending_host_exception) = MP_OBJ_NULL;
            nlr_raise(pending);
        }
        // A host failure with no Python exception behind it is a plain trap.
        type = &uwasm_type_Trap;
        args[1] = mp_obj_new_str_from_cstr(uw_kind_name(kind));
        args[2] = index_or_none(st->func);
        n_args = 4;
    } else if (kind == UW_LINK) {
        type = &uwasm_type_LinkError;
    } else if (kind == UW_OUT_OF_MEMORY) {
        type = &mp_type_MemoryError;
    } else if (kind == UW_BAD_ARGUMENT) {
        type = &mp_type_ValueError;
    } else if (kind == UW_OUT_OF_FUEL) {
        type = &uwasm_type_OutOfFuel;
    }
    if (n_args > 1) {
        args[n_args - 1] = index_or_none(st->offset);
    }
    nlr_raise(mp_obj_new_exception_args(type, n_args, args));
}
