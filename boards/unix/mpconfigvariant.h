// The unix port of MicroPython with the uwasm module: the standard variant's
// features (the port's common extra features).
#define MICROPY_CONFIG_ROM_LEVEL (MICROPY_CONFIG_ROM_LEVEL_EXTRA_FEATURES)
#include "variants/mpconfigvariant_common.h"
