// WebAssembly values to and from Python objects, range-checked both ways.
//
// i32 and i64 accept the signed and the unsigned reading of their bits (-2**31 to
// 2**32-1, -2**63 to 2**64-1) and return the signed one; anything outside is an
// OverflowError, never a silent truncation. On ports whose float is single
// precision, f64 results are rounded to the nearest float (see README.md).

#include <string.h>

#include "py/runtime.h"
#include "py/objint.h"
#include "py/objstr.h"
#include "moduwasm.h"

static void print_types(const mp_print_t *print, uint32_t n, const uint8_t *types) {
    mp_print_str(print, "(");
    for (uint32_t i = 0; i < n; ++i) {
        if (i > 0) {
            mp_print_str(print, ", ");
        }
        mp_print_str(print, uw_valtype_name(types[i]));
    }
    mp_print_str(print, ")");
}

void uwasm_print_functype(const mp_print_t *print, const uw_functype *type) {
    print_types(print, type->nparams, type->params);
    mp_print_str(print, " -> ");
    print_types(print, type->nresults, type->results);
}

// An i32 or i64 argument's bits: the int must lie in [signed min, unsigned max] of
// the type (hi given as unsigned).
static uint64_t int_in_range(mp_obj_t obj, uint8_t type) {
    long long lo = type == UW_I32 ? INT32_MIN : INT64_MIN;
    unsigned long long hi = type == UW_I32 ? UINT32_MAX : UINT64_MAX;
    if (!mp_obj_is_int(obj)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s expects an int, not %s"),
            uw_valtype_name(type), mp_obj_get_type_str(obj));
    }
    if (mp_obj_is_small_int(obj)) {
        mp_int_t v = MP_OBJ_SMALL_INT_VALUE(obj);
        if ((long long)v >= lo && (v < 0 || (unsigned long long)v <= hi)) {
            return (uint64_t)(int64_t)v;
        }
    } else if (!mp_obj_is_true(mp_binary_op(MP_BINARY_OP_LESS, obj, mp_obj_new_int_from_ll(lo)))
               && !mp_obj_is_true(mp_binary_op(MP_BINARY_OP_MORE, obj, mp_obj_new_int_from_ull(hi)))) {
        // In range: its low 64 bits in two's complement are the value.
        byte bits[8];
        mp_obj_int_to_bytes_impl(obj, false, sizeof(bits), bits);
        uint64_t v = 0;
        for (int i = 7; i >= 0; --i) {
            v = (v << 8) | bits[i];
        }
        return v;
    }
    mp_raise_msg_varg(&mp_type_OverflowError, MP_ERROR_TEXT("value out of range for %s"), uw_valtype_name(type));
}

uw_value uwasm_value_from_obj(mp_obj_t obj, uint8_t type) {
    uw_value v;
    memset(&v, 0, sizeof(v));
    switch (type) {
        case UW_I32:
            v.i32 = (int32_t)(uint32_t)int_in_range(obj, type);
            break;
        case UW_I64:
            v.i64 = (int64_t)int_in_range(obj, type);
            break;
        case UW_F32:
        case UW_F64:
            if (!mp_obj_is_float(obj) && !mp_obj_is_int(obj)) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s expects a float, not %s"),
                    uw_valtype_name(type), mp_obj_get_type_str(obj));
            }
            if (type == UW_F32) {
                v.f32 = (float)mp_obj_get_float(obj);
            } else {
                v.f64 = (double)mp_obj_get_float(obj);
            }
            break;
        case UW_EXTERNREF:
            // The handle is the object's address: it lives in GC blocks the core
            // allocated (stack, tables, globals), which the GC scans, so the object
            // stays alive while WebAssembly holds it.
            v.ref = obj == mp_const_none ? 0 : (uint64_t)(uintptr_t)MP_OBJ_TO_PTR(obj);
            break;
        case UW_FUNCREF:
            if (obj != mp_const_none) {
                mp_raise_TypeError(MP_ERROR_TEXT("only None can be passed as a funcref"));
            }
            v.ref = 0;
            break;
        default:
            mp_raise_TypeError(MP_ERROR_TEXT("unsupported value type"));
    }
    return v;
}

mp_obj_t uwasm_value_to_obj(uw_value v, uint8_t type) {
    switch (type) {
        case UW_I32:
            return mp_obj_new_int(v.i32);
        case UW_I64:
            return mp_obj_new_int_from_ll(v.i64);
        case UW_F32:
            return mp_obj_new_float((mp_float_t)v.f32);
        case UW_F64:
            return mp_obj_new_float((mp_float_t)v.f64);
        case UW_EXTERNREF:
            return v.ref == 0 ? mp_const_none : MP_OBJ_FROM_PTR((void *)(uintptr_t)v.ref);
        case UW_FUNCREF:
            // A non-null function reference is opaque to Python: its handle as an int.
            return v.ref == 0 ? mp_const_none : mp_obj_new_int_from_ull(v.ref);
        default:
            mp_raise_TypeError(MP_ERROR_TEXT("unsupported value type"));
    }
}
