// uwasm.Instance: a module linked with its imports, and calls into it.
//
// Imports are deny-by-default: each import of the module must be given in `imports`
// ({"module": {"field": value}}), as a Python callable or another instance's export,
// or instantiation fails with LinkError naming module.field and the expected type.
//
// Calls run in slices of UWASM_SLICE_FUEL fuel. Between slices the binding looks for
// a pending KeyboardInterrupt (Ctrl-C) and raises it; the suspended call is then
// abandoned by the next call, so the instance stays usable.

#include <string.h>

#include "py/runtime.h"
#include "py/mpstate.h"
#include "moduwasm.h"

// A Python callable behind one import, with the import's WebAssembly type.
typedef struct _uwasm_host_import_t {
    mp_obj_t callable;
    uw_functype type;
} uwasm_host_import_t;

// ---- host functions -------------------------------------------------------------

// Call a Python import. A Python exception never unwinds through the core: it is
// caught here, parked, and re-raised unchanged once the core has returned.
static int uwasm_host_trampoline(void *user, uw_instance *caller, const uw_value *args, uw_value *results) {
    (void)caller;
    uwasm_host_import_t *host = user;
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        uint32_t nparams = host->type.nparams;
        mp_obj_t stack_args[8];
        mp_obj_t *py_args = nparams <= MP_ARRAY_SIZE(stack_args) ? stack_args : m_new(mp_obj_t, nparams);
        uwasm_values_to_objs(nparams, args, host->type.params, py_args);
        mp_obj_t ret = mp_call_function_n_kw(host->callable, nparams, 0, py_args);
        uint32_t nresults = host->type.nresults;
        mp_obj_t *items = &ret; // one result: the value itself
        if (nresults > 1) {
            size_t len;
            if (!mp_obj_is_type(ret, &mp_type_tuple) && !mp_obj_is_type(ret, &mp_type_list)) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("import must return a tuple of %d values"), (int)nresults);
            }
            mp_obj_get_array(ret, &len, &items);
            if (len != nresults) {
                mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("import must return %d values, not %d"), (int)nresults, (int)len);
            }
        }
        uwasm_objs_to_values(nresults, items, host->type.results, results);
        nlr_pop();
        return 0;
    }
    uwasm_set_pending_host_exception(MP_OBJ_FROM_PTR(nlr.ret_val));
    return 1;
}

// ---- linking --------------------------------------------------------------------

// "module.field: <problem> (expected <kind> [<type>])"; `problem` is a format for
// mp_printf with `what` as its argument. The names are def's NUL-terminated copies.
NORETURN static void raise_link_error(const uw_extern_desc *d, const uw_import_def *def, const char *problem, qstr what) {
    vstr_t msg;
    mp_print_t print;
    vstr_init_print(&msg, 64, &print);
    mp_printf(&print, "%s.%s: ", def->module, def->name);
    mp_printf(&print, problem, what);
    mp_printf(&print, " (expected %q", uwasm_extern_kind_qstr(d->kind));
    if (d->kind == UW_EXTERN_FUNC) {
        vstr_add_char(&msg, ' ');
        uwasm_print_functype(&print, &d->func);
    }
    vstr_add_char(&msg, ')');
    nlr_raise(mp_obj_new_exception_arg1(&uwasm_type_LinkError, mp_obj_new_str_from_vstr(&msg)));
}

// imports[module][name], or MP_OBJ_NULL when either level is missing. The names
// are looked up as qstrs, which a dict matches to str keys of the same text.
static mp_obj_t lookup_import(mp_obj_t imports, qstr module, qstr name) {
    if (imports == mp_const_none) {
        return MP_OBJ_NULL;
    }
    mp_map_elem_t *inner = mp_map_lookup(mp_obj_dict_get_map(imports), MP_OBJ_NEW_QSTR(module), MP_MAP_LOOKUP);
    if (inner == NULL) {
        return MP_OBJ_NULL;
    }
    if (!mp_obj_is_dict_or_ordereddict(inner->value)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("imports[%q] must be a dict"), module);
    }
    mp_map_elem_t *field = mp_map_lookup(mp_obj_dict_get_map(inner->value), MP_OBJ_NEW_QSTR(name), MP_MAP_LOOKUP);
    return field == NULL ? MP_OBJ_NULL : field->value;
}

// Fill `defs` for every import of the module. Python callables get a host entry in
// `hosts` (kept alive by the instance object).
static void link_imports(uwasm_module_obj_t *module, mp_obj_t imports, uw_import_def *defs,
    uwasm_host_import_t *hosts, uint32_t count) {
    for (uint32_t i = 0; i < count; ++i) {
        uw_extern_desc d;
        uw_module_import(module->module, i, &d);
        uw_import_def *def = &defs[i];
        // The core wants NUL-terminated names; qstrs are, and live forever.
        qstr module_name = qstr_from_strn(d.module, d.module_len);
        qstr field_name = qstr_from_strn(d.name, d.name_len);
        def->module = qstr_str(module_name);
        def->name = qstr_str(field_name);
        mp_obj_t value = lookup_import(imports, module_name, field_name);
        const char *problem = "missing import";
        qstr what = MP_QSTRnull;
        if (value != MP_OBJ_NULL) {
            const mp_obj_type_t *vt = mp_obj_get_type(value);
            if (vt == &uwasm_type_Function || vt == &uwasm_type_Memory) {
                uwasm_export_obj_t *e = MP_OBJ_TO_PTR(value);
                def->from = e->instance->instance;
                def->export_index = e->export_index;
                continue;
            }
            if (d.kind == UW_EXTERN_FUNC && mp_obj_is_callable(value)) {
                hosts[i].callable = value;
                hosts[i].type = d.func;
                def->fn = uwasm_host_trampoline;
                def->user = &hosts[i];
                def->type = d.func;
                continue;
            }
            problem = "cannot use a %q";
            what = vt->name;
        }
        raise_link_error(&d, def, problem, what);
    }
}

static mp_obj_t uwasm_instance_make_new(const mp_obj_type_t *type, size_t n_args, size_t n_kw, const mp_obj_t *all_args) {
    enum { ARG_module, ARG_imports, ARG_memory_limit, ARG_stack, ARG_call_depth, ARG_translate, ARG_ram_limit };
    // The int arguments also take None for their default, kept here as a small int
    // so that one loop converts them all.
    static const mp_arg_t allowed_args[] = {
        { MP_QSTR_module, MP_ARG_REQUIRED | MP_ARG_OBJ, {.u_obj = MP_OBJ_NULL} },
        { MP_QSTR_imports, MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} },
        { MP_QSTR_memory_limit, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(UWASM_DEFAULT_MEMORY_LIMIT)} },
        { MP_QSTR_stack, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(UWASM_DEFAULT_STACK_SLOTS * 8)} },
        { MP_QSTR_call_depth, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(UWASM_DEFAULT_CALL_DEPTH)} },
        { MP_QSTR_translate, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_INT(UWASM_DEFAULT_TRANSLATE)} },
        { MP_QSTR_ram_limit, MP_ARG_KW_ONLY | MP_ARG_OBJ, {.u_rom_obj = MP_ROM_NONE} }, // None: summed below
    };
    mp_arg_val_t args[MP_ARRAY_SIZE(allowed_args)];
    mp_arg_parse_all_kw_array(n_args, n_kw, all_args, MP_ARRAY_SIZE(allowed_args), allowed_args, args);

    if (!mp_obj_is_type(args[ARG_module].u_obj, &uwasm_type_Module)) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("Instance() needs a uwasm.Module, not %s"),
            mp_obj_get_type_str(args[ARG_module].u_obj));
    }
    mp_obj_t imports = args[ARG_imports].u_obj;
    if (imports != mp_const_none && !mp_obj_is_dict_or_ordereddict(imports)) {
        mp_raise_TypeError(MP_ERROR_TEXT("imports must be a dict of dicts"));
    }
    // mp_int_t arithmetic (no 64-bit compares on a 32-bit core); the default
    // ram_limit is summed in size_t, the type the allocator takes.
    mp_int_t ints[ARG_ram_limit - ARG_memory_limit + 1];
    for (size_t i = ARG_memory_limit; i <= ARG_ram_limit; ++i) {
        mp_obj_t value = args[i].u_obj;
        if (value == mp_const_none) {
            value = allowed_args[i].defval.u_obj;
        }
        // Only ram_limit's default is None: 1 passes the check below, and the
        // allocator then gets the sum instead.
        ints[i - ARG_memory_limit] = value == mp_const_none ? 1 : mp_obj_get_int(value);
    }
    mp_int_t memory_limit = ints[0], stack = ints[1], call_depth = ints[2], translate = ints[3], ram_limit = ints[4];
    if (memory_limit < 0 || stack < 64 || call_depth < 1 || stack > 0x7fffffff || call_depth > 0xffff || ram_limit <= 0
        || translate < 0 || translate > 0x7fffffff) {
        mp_raise_ValueError(MP_ERROR_TEXT("memory_limit >= 0, stack >= 64 bytes, 1 <= call_depth <= 65535, 0 <= translate, ram_limit > 0"));
    }

    uwasm_instance_obj_t *self = mp_obj_malloc(uwasm_instance_obj_t, type);
    self->module = MP_OBJ_TO_PTR(args[ARG_module].u_obj);
    uwasm_module_check_bytes(self->module, true);
    self->instance = NULL;
    self->busy = false;
    self->suspended = false;
    uwasm_allocator_init(&self->alloc, args[ARG_ram_limit].u_obj != mp_const_none ? (size_t)ram_limit
        : (size_t)memory_limit + (size_t)stack + (size_t)translate + UWASM_DEFAULT_INSTANCE_RAM);

    uint32_t count = uw_module_import_count(self->module->module);
    uw_import_def *defs = m_new0(uw_import_def, count ? count : 1);
    uwasm_host_import_t *hosts = m_new0(uwasm_host_import_t, count ? count : 1);
    link_imports(self->module, imports, defs, hosts, count);
    // The host entries hold the callables; the dict holds the exports they came from.
    mp_obj_t keep[2] = { mp_obj_new_bytearray_by_ref(sizeof(*hosts) * count, hosts), imports };
    self->imports = mp_obj_new_tuple(2, keep);

    uw_config config;
    memset(&config, 0, sizeof(config));
    config.stack_slots = (uint32_t)(stack / 8);
    config.call_depth = (uint32_t)call_depth;
    config.memory_limit = (uint64_t)memory_limit;
    config.translate_budget = (uint32_t)translate;
    config.alloc = &self->alloc.core;
    uw_status st;
    self->instance = uw_instantiate(self->module->module, defs, count, &config, &st);
    m_del(uw_import_def, defs, count ? count : 1);
    if (self->instance == NULL) {
        uwasm_raise_status(&st);
    }
    return MP_OBJ_FROM_PTR(self);
}

// ---- calls ----------------------------------------------------------------------

void uwasm_export_desc(uwasm_instance_obj_t *self, uint32_t index, uw_extern_desc *out) {
    uw_module_export(self->module->module, index, out);
}

// The index of the export called `name` (a str or qstr object), or UW_NO_INDEX.
static uint32_t find_export(uwasm_instance_obj_t *self, mp_obj_t name) {
    uwasm_module_check_bytes(self->module, false); // export names live in the bytes
    size_t len;
    const char *str = mp_obj_str_get_data(name, &len);
    return uw_module_find_export(self->module->module, str, len);
}

static bool keyboard_interrupt_pending(void) {
    return MP_STATE_THREAD(mp_pending_exception) != MP_OBJ_NULL;
}

// Before any call: not re-entered, and the module's bytes still where they were.
static void check_not_busy(uwasm_instance_obj_t *self) {
    if (self->busy) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("instance is busy: an import called back into the instance running it"));
    }
    uwasm_module_check_bytes(self->module, false);
}

// Run a call (or resume the suspended one) to its end, to the caller's fuel, or to
// an error, in slices. `fuel_left` is the caller's remaining budget (< 0: unlimited);
// the core gets at most a slice at a time. `type` is the called export's type (its
// results are converted from it).
static mp_obj_t run_call(uwasm_instance_obj_t *self, uint32_t export_index, const uw_functype *type,
    uw_value *values, size_t n_args, mp_int_t fuel_left, bool resume) {
    uint32_t nresults = type->nresults;
    uw_status st;
    for (;;) {
        mp_int_t slice = fuel_left < 0 || fuel_left > UWASM_SLICE_FUEL ? UWASM_SLICE_FUEL : fuel_left;
        uw_kind kind = resume ? uw_resume(self->instance, values, nresults, slice, &st)
            : uw_call(self->instance, export_index, values, n_args, values, nresults, slice, &st);
        resume = true;
        if (fuel_left >= 0) {
            fuel_left -= slice - (mp_int_t)uw_fuel_left(self->instance);
        }
        if (kind == UW_OK) {
            break;
        }
        if (kind != UW_OUT_OF_FUEL) {
            self->busy = false;
            self->suspended = false;
            uwasm_raise_status(&st);
        }
        if (fuel_left == 0) {
            // The caller's own budget ran out: keep the call for resume().
            self->busy = false;
            self->suspended = true;
            self->suspended_export = export_index;
            uwasm_raise_status(&st);
        }
        if (keyboard_interrupt_pending()) {
            // Ctrl-C: give up this call. The next call abandons the suspended state.
            self->busy = false;
            self->suspended = false;
            mp_handle_pending(true);
        }
    }
    self->busy = false;
    self->suspended = false;
    // None for no result, the value itself for one, else a tuple.
    mp_obj_t ret = mp_const_none;
    mp_obj_t *items = &ret;
    if (nresults > 1) {
        ret = mp_obj_new_tuple(nresults, NULL);
        items = ((mp_obj_tuple_t *)MP_OBJ_TO_PTR(ret))->items;
    }
    uwasm_values_to_objs(nresults, values, type->results, items);
    return ret;
}

// Start a call of export `export_index` (typed `d`) with `n_args` arguments, or
// resume the suspended one, and run it, with the guarantee that no exception leaves
// the instance marked busy (whatever raises: a value that does not convert, a
// MemoryError, an interrupt).
static mp_obj_t start_call(uwasm_instance_obj_t *self, uint32_t export_index, const uw_extern_desc *d,
    size_t n_args, const mp_obj_t *args, mp_int_t fuel, bool resume) {
    uw_value stack_values[8];
    size_t nvalues = d->func.nparams > d->func.nresults ? d->func.nparams : d->func.nresults;
    uw_value *values = nvalues <= MP_ARRAY_SIZE(stack_values) ? stack_values : m_new(uw_value, nvalues);
    uwasm_objs_to_values(n_args, args, d->func.params, values);
    self->busy = true;
    if (!resume) {
        self->suspended = false;
    }
    nlr_buf_t nlr;
    if (nlr_push(&nlr) == 0) {
        mp_obj_t ret = run_call(self, export_index, &d->func, values, n_args, fuel, resume);
        nlr_pop();
        return ret;
    }
    self->busy = false;
    nlr_jump(nlr.ret_val);
}

mp_obj_t uwasm_instance_call(uwasm_instance_obj_t *self, uint32_t export_index, size_t n_args, const mp_obj_t *args, mp_int_t fuel) {
    uw_extern_desc d;
    uwasm_export_desc(self, export_index, &d);
    if (d.kind != UW_EXTERN_FUNC) {
        mp_raise_TypeError(MP_ERROR_TEXT("export is not a function"));
    }
    if (n_args != d.func.nparams) {
        mp_raise_msg_varg(&mp_type_TypeError, MP_ERROR_TEXT("function takes %d arguments but %d were given"),
            (int)d.func.nparams, (int)n_args);
    }
    check_not_busy(self);
    return start_call(self, export_index, &d, n_args, args, fuel, false);
}

// A fuel budget from Python: None is unlimited (-1), else an int >= 0. Not inlined:
// call() and resume() share it.
MP_NOINLINE static mp_int_t fuel_arg(mp_obj_t fuel_in) {
    if (fuel_in == mp_const_none) {
        return -1;
    }
    mp_int_t fuel = mp_obj_get_int(fuel_in);
    if (fuel < 0) {
        mp_raise_ValueError(MP_ERROR_TEXT("fuel must be >= 0 (None: unlimited)"));
    }
    return fuel;
}

// Instance.call(name, *args, fuel=None): call an export by name, with a fuel budget.
static mp_obj_t uwasm_instance_call_method(size_t n_args, const mp_obj_t *args, mp_map_t *kw_args) {
    uwasm_instance_obj_t *self = MP_OBJ_TO_PTR(args[0]);
    mp_map_elem_t *fuel_kw = mp_map_lookup(kw_args, MP_OBJ_NEW_QSTR(MP_QSTR_fuel), MP_MAP_LOOKUP);
    if (kw_args->used > (fuel_kw != NULL ? 1u : 0u)) {
        mp_raise_TypeError(MP_ERROR_TEXT("call() takes only the keyword argument fuel"));
    }
    mp_int_t fuel = fuel_arg(fuel_kw != NULL ? fuel_kw->value : mp_const_none);
    uint32_t index = find_export(self, args[1]);
    if (index == UW_NO_INDEX) {
        mp_raise_msg_varg(&mp_type_AttributeError, MP_ERROR_TEXT("no export named '%s'"), mp_obj_str_get_str(args[1]));
    }
    return uwasm_instance_call(self, index, n_args - 2, args + 2, fuel);
}
static MP_DEFINE_CONST_FUN_OBJ_KW(uwasm_instance_call_obj, 2, uwasm_instance_call_method);

// Instance.resume(fuel=None): continue the call that raised OutOfFuel.
static mp_obj_t uwasm_instance_resume(size_t n_args, const mp_obj_t *args) {
    uwasm_instance_obj_t *self = MP_OBJ_TO_PTR(args[0]);
    mp_int_t fuel = fuel_arg(n_args > 1 ? args[1] : mp_const_none);
    check_not_busy(self);
    if (!self->suspended) {
        mp_raise_msg(&uwasm_type_Error, MP_ERROR_TEXT("no call to resume: resume() follows an OutOfFuel"));
    }
    uw_extern_desc d;
    uwasm_export_desc(self, self->suspended_export, &d);
    return start_call(self, self->suspended_export, &d, 0, NULL, fuel, true);
}
static MP_DEFINE_CONST_FUN_OBJ_VAR_BETWEEN(uwasm_instance_resume_obj, 1, 2, uwasm_instance_resume);

// ---- attributes -----------------------------------------------------------------

static void uwasm_instance_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    uwasm_instance_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (dest[0] != MP_OBJ_NULL) {
        return; // read-only
    }
    if (attr == MP_QSTR_exports) {
        uwasm_exports_obj_t *exports = mp_obj_malloc(uwasm_exports_obj_t, &uwasm_type_Exports);
        exports->instance = self;
        dest[0] = MP_OBJ_FROM_PTR(exports);
    } else if (attr == MP_QSTR_module) {
        dest[0] = MP_OBJ_FROM_PTR(self->module);
    } else if (attr == MP_QSTR_suspended) {
        dest[0] = mp_obj_new_bool(self->suspended);
    } else {
        dest[1] = MP_OBJ_SENTINEL; // continue lookup in locals_dict
    }
}

// Instance.translated() -> (bytes of translated code, functions running translated).
static mp_obj_t uwasm_instance_translated(mp_obj_t self_in) {
    uwasm_instance_obj_t *self = MP_OBJ_TO_PTR(self_in);
    uint32_t functions;
    size_t bytes = uw_instance_translated(self->instance, &functions);
    return uwasm_uint_pair(bytes, functions);
}
static MP_DEFINE_CONST_FUN_OBJ_1(uwasm_instance_translated_obj, uwasm_instance_translated);

static const mp_rom_map_elem_t uwasm_instance_locals_table[] = {
    { MP_ROM_QSTR(MP_QSTR_call), MP_ROM_PTR(&uwasm_instance_call_obj) },
    // (bytes in use, peak) of everything the core allocated for it, linear memory
    // and value stack included
    { MP_ROM_QSTR(MP_QSTR_ram), MP_ROM_PTR(&uwasm_ram_obj) },
    { MP_ROM_QSTR(MP_QSTR_resume), MP_ROM_PTR(&uwasm_instance_resume_obj) },
    { MP_ROM_QSTR(MP_QSTR_translated), MP_ROM_PTR(&uwasm_instance_translated_obj) },
};
static MP_DEFINE_CONST_DICT(uwasm_instance_locals, uwasm_instance_locals_table);

MP_DEFINE_CONST_OBJ_TYPE(
    uwasm_type_Instance,
    MP_QSTR_Instance,
    MP_TYPE_FLAG_NONE,
    make_new, uwasm_instance_make_new,
    attr, uwasm_instance_attr,
    locals_dict, &uwasm_instance_locals
    );

// ---- inst.exports -----------------------------------------------------------------

static mp_obj_t export_get(uwasm_instance_obj_t *self, uint32_t index) {
    uw_extern_desc d;
    uwasm_export_desc(self, index, &d);
    switch (d.kind) {
        case UW_EXTERN_FUNC:
        case UW_EXTERN_MEMORY: {
            uwasm_export_obj_t *e = mp_obj_malloc(uwasm_export_obj_t,
                d.kind == UW_EXTERN_FUNC ? &uwasm_type_Function : &uwasm_type_Memory);
            e->instance = self;
            e->export_index = index;
            return MP_OBJ_FROM_PTR(e);
        }
        case UW_EXTERN_GLOBAL: {
            uw_value v;
            mp_obj_t obj;
            uw_global_get(self->instance, index, &v);
            uwasm_values_to_objs(1, &v, &d.valtype, &obj);
            return obj;
        }
        default:
            mp_raise_TypeError(MP_ERROR_TEXT("table exports are not accessible from Python"));
    }
}

static void export_set(uwasm_instance_obj_t *self, uint32_t index, mp_obj_t value) {
    uw_extern_desc d;
    uwasm_export_desc(self, index, &d);
    if (d.kind != UW_EXTERN_GLOBAL) {
        mp_raise_TypeError(MP_ERROR_TEXT("only exported globals can be assigned"));
    }
    if (!d.is_mutable) {
        mp_raise_TypeError(MP_ERROR_TEXT("exported global is immutable"));
    }
    uw_value v;
    uwasm_objs_to_values(1, &value, &d.valtype, &v);
    uw_global_set(self->instance, index, v);
}

static void uwasm_exports_attr(mp_obj_t self_in, qstr attr, mp_obj_t *dest) {
    uwasm_exports_obj_t *exports = MP_OBJ_TO_PTR(self_in);
    uwasm_instance_obj_t *self = exports->instance;
    uint32_t index = find_export(self, MP_OBJ_NEW_QSTR(attr));
    if (index == UW_NO_INDEX) {
        return; // AttributeError
    }
    if (dest[0] == MP_OBJ_NULL) {
        dest[0] = export_get(self, index);
    } else if (dest[1] != MP_OBJ_NULL) {
        export_set(self, index, dest[1]);
        dest[0] = MP_OBJ_NULL; // stored
    }
}

static mp_obj_t uwasm_exports_subscr(mp_obj_t self_in, mp_obj_t name, mp_obj_t value) {
    uwasm_exports_obj_t *exports = MP_OBJ_TO_PTR(self_in);
    uwasm_instance_obj_t *self = exports->instance;
    uint32_t index = find_export(self, name);
    if (index == UW_NO_INDEX) {
        mp_raise_type_arg(&mp_type_KeyError, name);
    }
    if (value == MP_OBJ_SENTINEL) {
        return export_get(self, index);
    }
    if (value == MP_OBJ_NULL) {
        mp_raise_TypeError(MP_ERROR_TEXT("exports cannot be deleted"));
    }
    export_set(self, index, value);
    return mp_const_none;
}

MP_DEFINE_CONST_OBJ_TYPE(
    uwasm_type_Exports,
    MP_QSTR_Exports,
    MP_TYPE_FLAG_NONE,
    attr, uwasm_exports_attr,
    subscr, uwasm_exports_subscr
    );

// ---- exported functions -------------------------------------------------------------

static mp_obj_t uwasm_function_call(mp_obj_t self_in, size_t n_args, size_t n_kw, const mp_obj_t *args) {
    uwasm_function_obj_t *self = MP_OBJ_TO_PTR(self_in);
    if (n_kw != 0) {
        mp_raise_TypeError(MP_ERROR_TEXT("WebAssembly functions take no keyword arguments"));
    }
    return uwasm_instance_call(self->instance, self->export_index, n_args, args, -1);
}

static void uwasm_function_print(const mp_print_t *print, mp_obj_t self_in, mp_print_kind_t kind) {
    (void)kind;
    uwasm_function_obj_t *self = MP_OBJ_TO_PTR(self_in);
    uw_extern_desc d;
    uwasm_module_check_bytes(self->instance->module, false);
    uwasm_export_desc(self->instance, self->export_index, &d);
    // The name lies in the module's bytes with no terminating NUL: printed by length
    // (mp_printf's %.*s measures the string with strlen first).
    mp_print_str(print, "<uwasm.Function ");
    mp_print_strn(print, d.name, d.name_len, 0, ' ', 0);
    mp_print_str(print, " ");
    uwasm_print_functype(print, &d.func);
    mp_print_str(print, ">");
}

MP_DEFINE_CONST_OBJ_TYPE(
    uwasm_type_Function,
    MP_QSTR_Function,
    MP_TYPE_FLAG_NONE,
    call, uwasm_function_call,
    print, uwasm_function_print
    );
