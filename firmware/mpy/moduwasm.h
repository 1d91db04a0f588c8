// Shared declarations of the `uwasm` MicroPython module (the binding over the core).
#ifndef MICROPY_INCLUDED_UWASM_MODUWASM_H
#define MICROPY_INCLUDED_UWASM_MODUWASM_H

#include "py/obj.h"
#include "uwasm.h"

// Defaults for a microcontroller: small enough for a 64 KB heap, large enough for
// the benchmark apps (see firmware/mpy/README.md).
#define UWASM_DEFAULT_STACK_SLOTS   (256)    // 2 KiB of value stack
#define UWASM_DEFAULT_CALL_DEPTH    (64)
#define UWASM_DEFAULT_MEMORY_LIMIT  (65536)  // bytes of linear memory
#define UWASM_DEFAULT_MODULE_RAM    (64 * 1024)  // a module's structures and side table
#define UWASM_DEFAULT_INSTANCE_RAM  (16 * 1024)  // an instance's structures and frames,
                                                 // on top of its memory_limit and stack
#define UWASM_DEFAULT_TRANSLATE     (UW_TRANSLATE_BUDGET_DEFAULT)  // bytes of translated code
                                                 // (12 KiB), on top of the above
// A call runs in slices of this much fuel, so that Ctrl-C and scheduled callbacks
// are seen while WebAssembly runs (one unit per call and per backward branch).
#define UWASM_SLICE_FUEL            (20000)

// ---- allocator: the core's memory, from the GC heap (uwasm_alloc.c) ------------

// The core's allocator, backed by m_malloc. Every live allocation's address is kept
// in `roots`, a GC block this object points to, so the GC keeps the allocations alive
// exactly as long as the Python object that owns this allocator.
typedef struct _uwasm_allocator_t {
    uw_allocator core;
    void **roots;
    size_t roots_len;
    size_t roots_cap;
} uwasm_allocator_t;

void uwasm_allocator_init(uwasm_allocator_t *a, size_t limit);

// Module and Instance objects both begin with this, so that one function object
// is the ram() method of both: (bytes in use, peak) of the object's allocator.
typedef struct _uwasm_owner_obj_t {
    mp_obj_base_t base;
    uwasm_allocator_t alloc;
} uwasm_owner_obj_t;
MP_DECLARE_CONST_FUN_OBJ_1(uwasm_ram_obj);
// The tuple (first, second) of two unsigned ints.
mp_obj_t uwasm_uint_pair(size_t first, size_t second);

// ---- values (uwasm_value.c) ---------------------------------------------------

// n Python objects -> WebAssembly values of `types`; TypeError or OverflowError if
// one does not fit (never a silent truncation).
void uwasm_objs_to_values(size_t n, const mp_obj_t *objs, const uint8_t *types, uw_value *values);
// n WebAssembly values of `types` -> Python objects.
void uwasm_values_to_objs(size_t n, const uw_value *values, const uint8_t *types, mp_obj_t *objs);
// Print a function type as "(i32, i32) -> (i64)" (to a vstr: vstr_init_print).
void uwasm_print_functype(const mp_print_t *print, const uw_functype *type);

// ---- errors (uwasm_error.c) ---------------------------------------------------

extern const mp_obj_type_t uwasm_type_Error;
extern const mp_obj_type_t uwasm_type_ValidationError;
extern const mp_obj_type_t uwasm_type_LinkError;
extern const mp_obj_type_t uwasm_type_Trap;
extern const mp_obj_type_t uwasm_type_OutOfFuel;

// Raise the Python exception that `status` calls for. For a failed host function
// this re-raises the host's own exception, unchanged.
NORETURN void uwasm_raise_status(const uw_status *status);
// A host function's exception waits here between the import and the call's return.
void uwasm_set_pending_host_exception(mp_obj_t exc);

// ---- objects ------------------------------------------------------------------

typedef struct _uwasm_module_obj_t {
    mp_obj_base_t base;
    uwasm_allocator_t alloc; // first, as in uwasm_owner_obj_t
    mp_obj_t buffer;      // the caller's bytes: kept alive, never copied
    const byte *bytes;    // where they were when validated
    size_t len;
    uint32_t crc;         // of the bytes, when they live in the GC heap and can change
    bool in_heap;
    uw_module *module;
} uwasm_module_obj_t;

// Raise uwasm.Error if the module's bytes moved or were resized since Module()
// (the core points into them); with `contents`, also if a GC-heap buffer's bytes
// changed (O(size): done at instantiation).
void uwasm_module_check_bytes(uwasm_module_obj_t *self, bool contents);

typedef struct _uwasm_instance_obj_t {
    mp_obj_base_t base;
    uwasm_allocator_t alloc; // everything the core allocates for this instance (first,
                             // as in uwasm_owner_obj_t)
    uwasm_module_obj_t *module;
    uw_instance *instance;
    mp_obj_t imports;     // the callables and exports it was linked with (kept alive)
    bool busy;            // a call is running: re-entry is refused
    bool suspended;       // a fueled call ran out and can be resumed
    uint32_t suspended_export; // the export whose call is suspended
} uwasm_instance_obj_t;

extern const mp_obj_type_t uwasm_type_Module;
extern const mp_obj_type_t uwasm_type_Instance;
extern const mp_obj_type_t uwasm_type_Exports;
extern const mp_obj_type_t uwasm_type_Function;
extern const mp_obj_type_t uwasm_type_Memory;

// An export of an instance, as a Python object: a Function (callable, and usable
// as an import) or a Memory (a buffer that always reads the memory's current base
// and size). Both are this struct, under their own type.
typedef struct _uwasm_export_obj_t {
    mp_obj_base_t base;
    uwasm_instance_obj_t *instance;
    uint32_t export_index;
} uwasm_export_obj_t;
typedef uwasm_export_obj_t uwasm_function_obj_t;
typedef uwasm_export_obj_t uwasm_memory_obj_t;

// inst.exports: looks names up in the instance's exports.
typedef struct _uwasm_exports_obj_t {
    mp_obj_base_t base;
    uwasm_instance_obj_t *instance;
} uwasm_exports_obj_t;

// "func", "table", "memory" or "global" (uwasm_module.c).
qstr uwasm_extern_kind_qstr(uint8_t kind);
// The export descriptor `index` of the instance's module.
void uwasm_export_desc(uwasm_instance_obj_t *self, uint32_t index, uw_extern_desc *out);
// Call export `export_index` with Python arguments; fuel < 0 runs to the end.
mp_obj_t uwasm_instance_call(uwasm_instance_obj_t *self, uint32_t export_index,
    size_t n_args, const mp_obj_t *args, mp_int_t fuel);

#endif // MICROPY_INCLUDED_UWASM_MODUWASM_H
