// The unix port of MicroPython with the uwasm module: the standard variant's
// features (the port's common extra features).
#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)
#include "variants/mpconfigvariant_common.h"

// The common unix config raises KeyboardInterrupt from inside the SIGINT handler
// (a longjmp out of whatever C code is running, the WebAssembly core included).
// Like the board ports, take Ctrl-C as a scheduled exception instead: the uwasm
// binding checks for it between fuel slices, and the VM between bytecodes.
#undef MICROPY_ASYNC_KBD_INTR
#define MICROPY_ASYNC_KBD_INTR (0)
