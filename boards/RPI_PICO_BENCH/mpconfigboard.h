// RPI_PICO_BENCH: RPI_PICO's configuration, renamed so the banner tells the builds apart.
#include "../RPI_PICO/mpconfigboard.h"
#undef MICROPY_HW_BOARD_NAME
#define MICROPY_HW_BOARD_NAME "Raspberry Pi Pico (uwasm, native benchmarks)"
