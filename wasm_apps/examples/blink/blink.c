/*
 * blink — the smallest useful app: toggles a pin through the host's GPIO import.
 *
 * Imports (granted by the host): gpio.write(pin, value), time.sleep_ms(ms).
 * Export: step(pin) -> the new pin state (0 or 1); the host calls it in its loop.
 */
#define IMPORT(module, name) __attribute__((import_module(module), import_name(name)))
#define EXPORT(name) __attribute__((export_name(name)))

IMPORT("gpio", "write") void gpio_write(int pin, int value);
IMPORT("time", "sleep_ms") void sleep_ms(int ms);

static int state;

EXPORT("step") int step(int pin) {
    state = !state;
    gpio_write(pin, state);
    sleep_ms(500);
    return state;
}
