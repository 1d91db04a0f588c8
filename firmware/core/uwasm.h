/*
 * uwasm.h — the public API of the uwasm WebAssembly core (C99, no malloc).
 *
 * Life cycle:  uw_module_load()  -> uw_instantiate()  -> uw_call()/uw_resume()
 *              -> uw_instance_free() -> uw_module_free().
 * Every allocation goes through the caller's uw_allocator.  The module bytes are
 * never written nor copied and must stay alive (and unchanged) as long as the
 * module and its instances do.  Every failure is a uw_status value.
 */
#ifndef UWASM_H
#define UWASM_H

#include <stddef.h>
#include <stdint.h>

#ifdef __cplusplus
extern "C" {
#endif

/* ---------- allocator ---------------------------------------------------- */

typedef struct uw_allocator {
    void *(*alloc)(void *user, size_t size);            /* NULL on failure */
    void (*free)(void *user, void *ptr, size_t size);
    /* optional, may be NULL: resize in place or move (old contents kept) */
    void *(*realloc)(void *user, void *ptr, size_t old_size, size_t new_size);
    void *user;
    size_t limit;      /* hard limit in bytes for all live allocations */
    size_t used;       /* maintained by the core */
    size_t high_water; /* maintained by the core: peak of `used` */
} uw_allocator;

/* ---------- values and types --------------------------------------------- */

enum {
    UW_I32 = 0x7F,
    UW_I64 = 0x7E,
    UW_F32 = 0x7D,
    UW_F64 = 0x7C,
    UW_FUNCREF = 0x70,
    UW_EXTERNREF = 0x6F
};

/* One value.  Refs are opaque 64-bit handles; 0 is the null reference. */
typedef union uw_value {
    int32_t i32;
    int64_t i64;
    float f32;
    double f64;
    uint64_t ref;
    uint64_t bits;
} uw_value;

typedef struct uw_functype {
    uint32_t nparams, nresults;
    const uint8_t *params;  /* value type codes (UW_I32...) */
    const uint8_t *results;
} uw_functype;

enum { UW_EXTERN_FUNC = 0, UW_EXTERN_TABLE = 1, UW_EXTERN_MEMORY = 2, UW_EXTERN_GLOBAL = 3 };

typedef struct uw_limits_type {
    uint64_t min, max; /* max valid only if has_max */
    uint8_t has_max;
    uint8_t is64;            /* memory64 address type */
    uint8_t page_size_log2;  /* memories: 0 (1-byte pages) or 16 */
} uw_limits_type;

/* An import or export of a module, with its type.  Names point into the
 * module bytes and are NOT NUL-terminated. */
typedef struct uw_extern_desc {
    const char *module; /* imports only */
    uint32_t module_len;
    const char *name;
    uint32_t name_len;
    uint8_t kind;       /* UW_EXTERN_* */
    uint32_t index;     /* index in the module's function/table/memory/global space */
    uw_functype func;   /* kind == FUNC */
    uint8_t valtype;    /* GLOBAL: value type; TABLE: element ref type */
    uint8_t is_mutable; /* GLOBAL */
    uw_limits_type limits; /* TABLE, MEMORY */
} uw_extern_desc;

/* ---------- status ------------------------------------------------------- */

typedef enum uw_kind {
    UW_OK = 0,
    UW_MALFORMED,        /* the bytes are not a well-formed module */
    UW_INVALID,          /* well-formed but fails validation */
    UW_LINK,             /* import missing or of the wrong type */
    UW_OUT_OF_MEMORY,    /* allocator limit reached */
    UW_MEMORY_LIMIT,     /* linear memory minimum exceeds the caller's limit */
    UW_BAD_ARGUMENT,     /* API misuse: wrong index, wrong arg count, busy... */
    UW_TRAP_UNREACHABLE,
    UW_TRAP_MEMORY_OOB,
    UW_TRAP_TABLE_OOB,
    UW_TRAP_DIV_ZERO,
    UW_TRAP_INT_OVERFLOW,
    UW_TRAP_INVALID_CONVERSION,
    UW_TRAP_INDIRECT_TYPE,
    UW_TRAP_UNDEFINED_ELEMENT,
    UW_TRAP_UNINITIALIZED_ELEMENT,
    UW_TRAP_STACK_EXHAUSTED,
    UW_TRAP_HOST,        /* a host function reported failure */
    UW_OUT_OF_FUEL,      /* resumable with uw_resume() */
    UW_INTERRUPTED       /* the interrupt flag was set; resumable */
} uw_kind;

#define UW_NO_INDEX 0xFFFFFFFFu

typedef struct uw_status {
    uw_kind kind;
    uint32_t func;   /* function index, or UW_NO_INDEX */
    uint32_t offset; /* byte offset in the module, or UW_NO_INDEX */
    int32_t host_code; /* UW_TRAP_HOST: the value the host function returned */
    char msg[160];
} uw_status;

/* "unreachable", "out of bounds memory access", ... (the spec's wording) */
const char *uw_kind_name(uw_kind kind);
/* "i32", "i64", "f32", "f64", "funcref", "externref" ("?" for anything else) */
const char *uw_valtype_name(uint8_t type);
static inline int uw_is_trap(uw_kind k) { return k >= UW_TRAP_UNREACHABLE && k <= UW_TRAP_HOST; }

/* ---------- modules ------------------------------------------------------ */

typedef struct uw_module uw_module;
typedef struct uw_instance uw_instance;

/* Decode and fully validate.  NULL on failure (status says why and where). */
uw_module *uw_module_load(uw_allocator *a, const uint8_t *bytes, size_t len, uw_status *st);
void uw_module_free(uw_module *m);

uint32_t uw_module_import_count(const uw_module *m);
int uw_module_import(const uw_module *m, uint32_t i, uw_extern_desc *out); /* 0 = ok */
uint32_t uw_module_export_count(const uw_module *m);
int uw_module_export(const uw_module *m, uint32_t i, uw_extern_desc *out);
/* Export index by name, or UW_NO_INDEX. */
uint32_t uw_module_find_export(const uw_module *m, const char *name, size_t len);
/* Bytes of RAM the module representation uses (structures + side table). */
size_t uw_module_ram(const uw_module *m, size_t *side_table_bytes);
/* Size of the module's code section in bytes (executed in place). */
size_t uw_module_code_size(const uw_module *m);
/* Bytes of RAM an instance holds outside linear memory (structures, tables,
 * value stack and frame stack). */
size_t uw_instance_ram(const uw_instance *inst);

/* ---------- instances ---------------------------------------------------- */

/* A host function: returns 0 on success; any other value fails the call with
 * UW_TRAP_HOST (host_code = that value).  `caller` is the instance whose code
 * made the call (for its memory).  The instance stays usable afterwards. */
typedef int (*uw_host_fn)(void *user, uw_instance *caller, const uw_value *args,
                          uw_value *results);

/* One provided import.  Either a host function (fn != NULL, with its exact
 * type) or an export of another instance (from != NULL). */
typedef struct uw_import_def {
    const char *module, *name; /* NUL-terminated */
    uw_host_fn fn;
    void *user;
    uw_functype type;
    uw_instance *from;
    uint32_t export_index;
} uw_import_def;

/* The translation budget uwasm-run and the MicroPython module use unless told
 * otherwise (bytes of translated code per instance). */
#define UW_TRANSLATE_BUDGET_DEFAULT 12288u

typedef struct uw_config {
    uint32_t stack_slots;   /* value stack, 8-byte slots (0 = 1024) */
    uint32_t call_depth;    /* max frames (0 = 256) */
    uint64_t memory_limit;  /* max bytes of linear memory (0 = none) */
    uint32_t translate_budget; /* bytes of translated code per instance (the
                                  translation tier); 0 = run everything in place */
    volatile int *interrupt; /* optional: when *interrupt != 0 a call stops
                                with UW_INTERRUPTED at the next fuel check */
    uw_allocator *alloc;     /* optional: the instance's own allocator, with its
                                own limit (NULL = the module's) */
    uint8_t keep_partial;    /* see uw_instantiate (0 = scrub and free) */
} uw_config;

/* Link, allocate, run data/elem segments and the start function.
 * NULL on failure (link error, memory limit, trap in start...).  A trap after
 * some segments were applied leaves them applied (the spec's rule); if the
 * module imports tables or globals, its functions may already sit in them:
 * by default those references are set to null and the instance is freed, so
 * nothing dangles; with cfg->keep_partial the half-made instance is kept
 * (never freed, as the spec's store would) and its module must stay alive. */
uw_instance *uw_instantiate(uw_module *m, const uw_import_def *imports, size_t nimports,
                            const uw_config *cfg, uw_status *st);
void uw_instance_free(uw_instance *inst);
const uw_module *uw_instance_module(const uw_instance *inst);
/* The translation tier so far: bytes of translated code (part of the instance
 * RAM), and in *nfuncs (if not NULL) how many functions run translated. */
size_t uw_instance_translated(const uw_instance *inst, uint32_t *nfuncs);

/* Call export `export_index` (a function).  fuel < 0 = unlimited; otherwise
 * one unit per function call and per backward branch (loop iteration).
 * Returns st->kind.  On UW_OUT_OF_FUEL / UW_INTERRUPTED the call is suspended
 * inside the instance: uw_resume() continues it (uw_call on a suspended
 * instance first abandons the suspended call). */
uw_kind uw_call(uw_instance *inst, uint32_t export_index, const uw_value *args, size_t nargs,
                uw_value *results, size_t nresults, int64_t fuel, uw_status *st);
uw_kind uw_resume(uw_instance *inst, uw_value *results, size_t nresults, int64_t fuel,
                  uw_status *st);
/* Fuel left after the last uw_call/uw_resume returned (-1 if unlimited). */
int64_t uw_fuel_left(const uw_instance *inst);
/* Call a function reference (a funcref value). */
uw_kind uw_call_ref(uw_instance *inst, uint64_t funcref, const uw_value *args, size_t nargs,
                    uw_value *results, size_t nresults, int64_t fuel, uw_status *st);
/* Type of a function reference; 0 = ok. */
int uw_funcref_type(uint64_t funcref, uw_functype *out);

/* Exported globals. 0 = ok. */
int uw_global_get(uw_instance *inst, uint32_t export_index, uw_value *out);
int uw_global_set(uw_instance *inst, uint32_t export_index, uw_value v); /* mutable only */

/* Memory: by export index (uw_memory_export) or by memory index (uw_memory). */
typedef struct uw_memory_view {
    uint8_t *base;       /* may move after a grow */
    uint64_t size;       /* bytes */
    uint64_t pages;
    uint8_t page_size_log2;
} uw_memory_view;
int uw_memory_export(uw_instance *inst, uint32_t export_index, uw_memory_view *out);
int uw_memory(uw_instance *inst, uint32_t memory_index, uw_memory_view *out);
/* Grow by delta pages; returns old size in pages or -1. */
int64_t uw_memory_grow(uw_instance *inst, uint32_t memory_index, uint64_t delta);

/* Exported tables: element get/set (refs). 0 = ok. */
int uw_table_get(uw_instance *inst, uint32_t export_index, uint32_t i, uint64_t *out);
uint32_t uw_table_size(uw_instance *inst, uint32_t export_index);

#ifdef __cplusplus
}
#endif
#endif
