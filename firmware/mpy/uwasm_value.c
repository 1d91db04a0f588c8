// WebAssembly values to and from Python objects, range-checked both ways.
//
// i32 and i64 accept the signed and the unsigned reading of their bits (-2**31 to
// 2**32-1, -2**63 to 2**64-1) and return the signed one; anything outside is an
// OverflowError, never a silent truncation. On ports whose float is single
// precision, f64 results are rounded to the nearest float (see README.md).

#include "py/runtime.h"
#include "py/binary.h"
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
// the type.
static uint64_t int_in_range(mp_obj_t obj, uint8_t type) {
    if (!mp_obj_is_int(obj)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s expects an int, not %s"),
            uw_valtype_name(type), mp_obj_get_type_str(obj));
    }
    if (mp_obj_is_small_int(obj)) {
        // Any small int fits an i64; it fits an i32 unless the port's small ints are
        // wider than 32 bits (the compiler drops this test on a 32-bit port; it is
        // made on a 64-bit copy, where -Wtype-limits cannot call it always true).
        int64_t v = MP_OBJ_SMALL_INT_VALUE(obj);
        if (type == UW_I64 || (v >= INT32_MIN && v <= (int64_t)UINT32_MAX)) {
            return (uint64_t)v;
        }
    } else {
        // The int's two's complement in 9 bytes (little-endian; false if it needs
        // more). It is in [signed min, unsigned max] when only sign bytes (0x00, or
        // 0xFF if negative) follow the type's 4 or 8 bytes and, if negative, the
        // type's top byte has its sign bit: no big-int comparisons needed.
        byte bits[9];
        byte sign = mp_obj_int_sign(obj) < 0 ? 0xFF : 0x00;
        size_t i = type == UW_I32 ? 4 : 8;
        if (mp_obj_int_to_bytes_impl(obj, false, sizeof(bits), bits) && (bits[i - 1] & 0x80 & sign) == (0x80 & sign)) {
            while (i < sizeof(bits) && bits[i] == sign) {
                ++i;
            }
            if (i == sizeof(bits)) {
                return (uint64_t)mp_binary_get_int(8, false, false, bits);
            }
        }
    }
    mp_raise_msg_varg(&mp_type_OverflowError, MP_ERROR_TEXT("value out of range for %s"), uw_valtype_name(type));
}

static void value_from_obj(mp_obj_t obj, uint8_t type, uw_value *v) {
    v->bits = 0;
    switch (type) {
        case UW_I32:
        case UW_I64: {
            uint64_t bits = int_in_range(obj, type);
            if (type == UW_I32) {
                v->i32 = (int32_t)(uint32_t)bits;
            } else {
                v->i64 = (int64_t)bits;
            }
            break;
        }
        case UW_F32:
        case UW_F64:
            if (!mp_obj_is_float(obj) && !mp_obj_is_int(obj)) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("%s expects a float, not %s"),
                    uw_valtype_name(type), mp_obj_get_type_str(obj));
            }
            if (type == UW_F32) {
                v->f32 = (float)mp_obj_get_float(obj);
            } else {
                v->f64 = (double)mp_obj_get_float(obj);
            }
            break;
        case UW_EXTERNREF:
            // The handle is the object's address: it lives in GC blocks the core
            // allocated (stack, tables, globals), which the GC scans, so the object
            // stays alive while WebAssembly holds it.
            if (obj != mp_const_none) {
                v->ref = (uint64_t)(uintptr_t)MP_OBJ_TO_PTR(obj);
            }
            break;
        case UW_FUNCREF:
            if (obj != mp_const_none) {
                mp_raise_TypeError(MP_ERROR_TEXT("only None can be passed as a funcref"));
            }
            break;
        default:
            mp_raise_TypeError(MP_ERROR_TEXT("unsupported value type"));
    }
}

static mp_obj_t value_to_obj(uw_value v, uint8_t type) {
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

// The binding converts values only through these two loops (a single value is an
// array of one), so the converters above have one caller each.
void uwasm_objs_to_values(size_t n, const mp_obj_t *objs, const uint8_t *types, uw_value *values) {
    for (size_t i = 0; i < n; ++i) {
        value_from_obj(objs[i], types[i], &values[i]);
    }
}

void uwasm_values_to_objs(size_t n, const uw_value *values, const uint8_t *types, mp_obj_t *objs) {
    for (size_t i = 0; i < n; ++i) {
        objs[i] = value_to_obj(values[i], types[i]);
    }
}
