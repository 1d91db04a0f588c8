/*
 * uwasm_native_bench — the benchmarks of wasm_apps/bench compiled natively into the
 * bench firmware (boards/RPI_PICO_BENCH), the baseline for uwasm on the same chip.
 *
 *   uwasm_native_bench.names()    -> tuple of benchmark names
 *   uwasm_native_bench.run(name)  -> checksum, as an unsigned int (what NAME.device.expected holds)
 */
#include <stdint.h>
#include <string.h>

#include "py/runtime.h"

#include "bench_list.h"

#define BENCH_I32(name) uint32_t uwasm_native_bench_run_##name(void);
#define BENCH_I64(name) uint64_t uwasm_native_bench_run_##name(void);
UWASM_NATIVE_BENCH_LIST
#undef BENCH_I32
#undef BENCH_I64

typedef struct {
    const char *name;
    uint32_t (*run_i32)(void);
    uint64_t (*run_i64)(void);
} native_bench_t;

#define BENCH_I32(name) {#name, uwasm_native_bench_run_##name, NULL},
#define BENCH_I64(name) {#name, NULL, uwasm_native_bench_run_##name},
static const native_bench_t native_benches[] = {UWASM_NATIVE_BENCH_LIST};
#undef BENCH_I32
#undef BENCH_I64

#define NATIVE_BENCH_COUNT (sizeof native_benches / sizeof native_benches[0])

/* The benchmarks' static data, shared by all of them (bench_overlay.ld). */
extern uint8_t __uwasm_bench_overlay_start, __uwasm_bench_overlay_end;

static mp_obj_t native_bench_names(void) {
    mp_obj_t names[NATIVE_BENCH_COUNT];
    for (size_t i = 0; i < NATIVE_BENCH_COUNT; i++) {
        names[i] = mp_obj_new_str(native_benches[i].name, strlen(native_benches[i].name));
    }
    return mp_obj_new_tuple(NATIVE_BENCH_COUNT, names);
}
static MP_DEFINE_CONST_FUN_OBJ_0(native_bench_names_obj, native_bench_names);

static mp_obj_t native_bench_run(mp_obj_t name_in) {
    const char *name = mp_obj_str_get_str(name_in);
    for (size_t i = 0; i < NATIVE_BENCH_COUNT; i++) {
        const native_bench_t *bench = &native_benches[i];
        if (strcmp(bench->name, name) != 0) {
            continue;
        }
        // Zero-initialised statics, as a fresh process sees them.
        memset(&__uwasm_bench_overlay_start, 0,
            (size_t)(&__uwasm_bench_overlay_end - &__uwasm_bench_overlay_start));
        if (bench->run_i64 != NULL) {
            return mp_obj_new_int_from_ull(bench->run_i64());
        }
        return mp_obj_new_int_from_uint(bench->run_i32());
    }
    mp_raise_msg_varg(&mp_type_ValueError, MP_ERROR_TEXT("no benchmark named %s"), name);
}
static MP_DEFINE_CONST_FUN_OBJ_1(native_bench_run_obj, native_bench_run);

/* Bytes of RAM the benchmarks' shared static data takes (the overlay's size). */
static mp_obj_t native_bench_static_bytes(void) {
    return mp_obj_new_int_from_uint((mp_uint_t)(&__uwasm_bench_overlay_end - &__uwasm_bench_overlay_start));
}
static MP_DEFINE_CONST_FUN_OBJ_0(native_bench_static_bytes_obj, native_bench_static_bytes);

static const mp_rom_map_elem_t native_bench_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_uwasm_native_bench) },
    { MP_ROM_QSTR(MP_QSTR_names), MP_ROM_PTR(&native_bench_names_obj) },
    { MP_ROM_QSTR(MP_QSTR_run), MP_ROM_PTR(&native_bench_run_obj) },
    { MP_ROM_QSTR(MP_QSTR_static_bytes), MP_ROM_PTR(&native_bench_static_bytes_obj) },
};
static MP_DEFINE_CONST_DICT(native_bench_globals, native_bench_globals_table);

const mp_obj_module_t uwasm_native_bench_module = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&native_bench_globals,
};

MP_REGISTER_MODULE(MP_QSTR_uwasm_native_bench, uwasm_native_bench_module);
