// The `uwasm` MicroPython module: WebAssembly apps on the interpreter core in
// firmware/core. The API is documented in firmware/mpy/README.md and uwasm.pyi.

#include "py/runtime.h"
#include "py/objstr.h"
#include "moduwasm.h"

#define UWASM_VERSION "0.1.0"

static MP_DEFINE_STR_OBJ(uwasm_version_obj, UWASM_VERSION);

static const mp_rom_map_elem_t uwasm_module_globals_table[] = {
    { MP_ROM_QSTR(MP_QSTR___name__), MP_ROM_QSTR(MP_QSTR_uwasm) },
    { MP_ROM_QSTR(MP_QSTR___version__), MP_ROM_PTR(&uwasm_version_obj) },
    { MP_ROM_QSTR(MP_QSTR_Module), MP_ROM_PTR(&uwasm_type_Module) },
    { MP_ROM_QSTR(MP_QSTR_Instance), MP_ROM_PTR(&uwasm_type_Instance) },
    { MP_ROM_QSTR(MP_QSTR_Function), MP_ROM_PTR(&uwasm_type_Function) },
    { MP_ROM_QSTR(MP_QSTR_Memory), MP_ROM_PTR(&uwasm_type_Memory) },
    { MP_ROM_QSTR(MP_QSTR_Error), MP_ROM_PTR(&uwasm_type_Error) },
    { MP_ROM_QSTR(MP_QSTR_ValidationError), MP_ROM_PTR(&uwasm_type_ValidationError) },
    { MP_ROM_QSTR(MP_QSTR_LinkError), MP_ROM_PTR(&uwasm_type_LinkError) },
    { MP_ROM_QSTR(MP_QSTR_Trap), MP_ROM_PTR(&uwasm_type_Trap) },
    { MP_ROM_QSTR(MP_QSTR_OutOfFuel), MP_ROM_PTR(&uwasm_type_OutOfFuel) },
};
static MP_DEFINE_CONST_DICT(uwasm_module_globals, uwasm_module_globals_table);

const mp_obj_module_t uwasm_user_cmodule = {
    .base = { &mp_type_module },
    .globals = (mp_obj_dict_t *)&uwasm_module_globals,
};

MP_REGISTER_MODULE(MP_QSTR_uwasm, uwasm_user_cmodule);
