// uwasm.Module: a validated WebAssembly module over the caller's bytes.
//
// The bytes are never copied: the core keeps pointers into them (they may be a
// memoryview over memory-mapped flash), and the Module object keeps the buffer
// object alive. A mutable buffer could still be resized (its data moves: the core
// would read freed memory) or rewritten (the core would run code it never
// validated). So every call first checks that the bytes are where they were, and
// instantiation checks a CRC-32 of buffers that live in the GC heap (README.md).

#include <string.h>

#include "py/gc.h"
#include "py/runtime.h"
#include "py/objstr.h"
#include "moduwasm.h"

// CRC-32 (IEEE, bitwise: no table, so no flash or RAM spent on one).
static uint32_t crc32(const byte *data, size_t len) {
    uint32_t crc = 0xFFFFFFFFu;
    while (len--) {
        crc ^= *data++;
        for (int bit = 0; bit < 8; ++bit) {
            crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1u)));
        }
    }
    return ~crc;
}

void uwasm_module_check_bytes(uwasm_module_obj_t *self, bool contents) {
    mp_buffer_info_t now;
    if (!mp_get_buffer(self->buffer, &now, MP_BUFFER_READ) || now.buf != self->bytes || now.len != self->len) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("the module's bytes moved or were resized after Module()"));
    }
    if (contents && self->in_heap && crc32(self->bytes, self->len) != self->crc) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("the module's bytes changed after Module()"));
    }
}

qstr uwasm_extern_kind_qstr(uint8_t kind) {
    static const qstr_short_t names[] = { MP_QSTR_func, MP_QSTR_table, MP_QSTR_memory, MP_QSTR_global };
    return kind < MP_ARRAY_SIZE(names) ? names[kind] : MP_QSTR_unknown;
}

static void print_limits(const mp_print_t *print, const uw_limits_type *limits) {
    mp_printf(print, "%u", (unsigned)limits->min);
    if (limits->has_max) {
        mp_printf(print, "..%u", (unsigned)limits->max);
    }
}

// The type of an import or export, as text: "(i32) -> (i64)", "mut i32",
// "funcref 1..10", "memory 1..2 pages of 65536".
static mp_obj_t extern_type_str(const uw_extern_desc *d) {
    vstr_t out;
    mp_print_t print;
    vstr_init_print(&out, 24, &print);
    switch (d->kind) {
        case UW_EXTERN_FUNC:
            uwasm_print_functype(&print, &d->func);
            break;
        case UW_EXTERN_GLOBAL:
            mp_printf(&print, "%s%s", d->is_mutable ? "mut " : "", uw_valtype_name(d->valtype));
            break;
        default:
            // "funcref 1..10" for a table, "memory 1..2 pages of 65536" for a memory
            mp_printf(&print, "%s ", d->kind == UW_EXTERN_TABLE ? uw_valtype_name(d->valtype) : "memory");
            print_limits(&print, &d->limits);
            if (d->kind != UW_EXTERN_TABLE) {
                mp_printf(&print, " pages of %u", 1u << d->limits.page_size_log2);
            }
            break;
    }
    return mp_obj_new_str_from_vstr(&out);
}

// Module.imports() and Module.exports(): the module's imports or exports as a list
// of tuples.
static mp_obj_t externs_list(mp_obj_t self_in, bool imports) {
    uwasm_module_obj_t *self = MP_OBJ_TO_PTR(self_in);
    uwasm_module_check_bytes(self, false);
    const uw_module *module = self->module;
    uint32_t count = imports ? uw_module_import_count(module) : uw_module_export_count(module);
    mp_obj_t list = mp_obj_new_list(0, NULL);
    for (uint32_t i = 0; i < count; ++i) {
        uw_extern_desc d;
        if ((imports ? uw_module_import(module, i, &d) : uw_module_export(module, i, &d)) != 0) {
            continue;
        }
        // (module, name, kind, type) for an import, (name, kind, type) for an export.
        mp_obj_t item[4] = { imports ? mp_obj_new_str(d.module, d.module_len) : mp_const_none,
                             mp_obj_new_str(d.name, d.name_len), MP_OBJ_NEW_QSTR(uwasm_extern_kind_qstr(d.kind)),
                             extern_type_str(&d) };
        mp_obj_list_append(list, mp_obj_new_tuple(imports ? 4 : 3, imports ? item : item + 1));
    }
    return list;
}

static mp_obj_t uwasm_module_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *all_args) {
    enum { ARG_buffer, ARG_ram_limit };
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_buffer, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL} },
        { MP_QSTR_ram_limit, MP_ARG_KW_ONLY | MP_ARG_INT, {.u_int = UWASM_DEFAULT_MODULE_RAM} },
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all_kw_array(n_args, n_kw, all_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    mp_obj_t buffer = args[ARG_buffer].u_obj;
    if (mp_obj_is_str(buffer)) {
        mp_raise_TypeError(MP_ERROR_TEXT("Module() needs the module's bytes (bytes, bytearray, memoryview), not str"));
    }
    mp_buffer_info_t bufinfo;
    if (!mp_get_buffer(buffer, &bufinfo, MP_BUFFER_READ)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("Module() needs a bytes-like object, not %s"),
            mp_obj_get_type_str(buffer));
    }
    if (args[ARG_ram_limit].u_int <= 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("ram_limit must be positive"));
    }

    uwasm_module_obj_t *self = mp_obj_malloc(uwasm_module_obj_t, type);
    self->buffer = buffer;
    self->bytes = bufinfo.buf;
    self->len = bufinfo.len;
    // bytes objects never change; buffers outside the GC heap (flash) are the
    // caller's to keep stable. Anything else gets a fingerprint.
    self->in_heap = !mp_obj_is_type(buffer, &mp_type_bytes) && gc_nbytes(bufinfo.buf) != 0;
    self->crc = self->in_heap ? crc32(self->bytes, self->len) : 0;
    self->module = NULL;
    uwasm_allocator_init(&self->alloc, (size_t)args[ARG_ram_limit].u_int);
    uw_status st;
    self->module = uw_module_load(&self->alloc.core, bufinfo.buf, bufinfo.len, &st);
    if (self->module == NULL) {
        uwasm_raise_status(&st);
    }
    return MP_OBJ_FROM_PTR(self);
}

static mp_obj_t uwasm_module_imports(mp_obj_t self_in) {
    return externs_list(self_in, true);
}
static MP_DEFINE_CONST_FUN_OBJ_1(uwasm_module_imports_obj, uwasm_module_imports);

static mp_obj_t uwasm_module_exports(mp_obj_t self_in) {
    return externs_list(self_in, false);
}
static MP_DEFINE_CONST_FUN_OBJ_1(uwasm_module_exports_obj, uwasm_module_exports);

static const mp_rom_map_elem_t uwasm_module_locals_table[] = {
    { MP_ROM_QSTR(MP_QSTR_imports), MP_ROM_PTR(&uwasm_module_imports_obj) },
    { MP_ROM_QSTR(MP_QSTR_exports), MP_ROM_PTR(&uwasm_module_exports_obj) },
    // (bytes in use, peak) of the core's allocations for this module (not its instances)
    { MP_ROM_QSTR(MP_QSTR_ram), MP_ROM_PTR(&uwasm_ram_obj) },
};
static MP_DEFINE_CONST_DICT(uwasm_module_locals, uwasm_module_locals_table);

MP_DEFINE_CONST_OBJ_TYPE(
    uwasm_type_Module,
    MP_QSTR_Module,
    MP_TYPE_FLAG_NONE,
    make_new, uwasm_module_make_new,
    locals_dict, &uwasm_module_locals
    );
