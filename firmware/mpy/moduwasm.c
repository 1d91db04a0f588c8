// The `uwasm` MicroPython module: the binding between MicroPython and the portable
// interpreter core in firmware/core.

#include "py/runtime.h"
#include "py/objstr.h"

#define UWASM_VERSION "0.1.0"

static MP_DEFINE_STR_OBJ(uwasm_version_obj, UWASM_VERSION);

static const mp_rom_map_elem_t uwasm_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_uwasm) },
    { MP_ROM_QSTR(MP_QSTR___version__), MP_ROM_PTR(&uwasm_version_obj) },
};
static MP_DEFINE_CONST_DICT(uwasm_module_globals, uwasm_module_globals_table);

const mp_obj_module_t uwasm_user_cmodule = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&uwasm_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_uwasm, uwasm_user_cmodule);
