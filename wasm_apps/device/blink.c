/*
 * blink.c — a blink-sized app for the RAM figure of issue 5 item 8: toggles a pin
 * through two imports. Built like the benchmarks but with a 1 KiB stack
 * (rules.mk: $(DEVICE_BLINK)); its memory is cut to __heap_base on the device.
 */
#include <stdint.h>

__attribute__((import_module("env"), import_name("pin_write"))) void pin_write(int32_t pin, int32_t value);
__attribute__((import_module("env"), import_name("sleep_ms"))) void sleep_ms(int32_t ms);

static int32_t state;

__attribute__((export_name("run"))) int32_t run(int32_t times) {
    for (int32_t i = 0; i < times; i++) {
        state ^= 1;
        pin_write(25, state);
        sleep_ms(100);
    }
    return state;
}
