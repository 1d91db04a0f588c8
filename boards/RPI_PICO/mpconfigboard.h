// Raspberry Pi Pico with the uwasm module. The REPL is on USB CDC and on UART0
// (GP0/GP1), so that a board without a USB host, or the emulator, can reach it.
#define MICROPY_HW_BOARD_NAME                   "Raspberry Pi Pico (uwasm)"
#define MICROPY_HW_FLASH_STORAGE_BYTES          (1408 * 1024)
#define MICROPY_HW_ENABLE_UART_REPL             (1)
