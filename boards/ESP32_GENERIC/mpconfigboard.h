// Generic ESP32 module with the uwasm module.
#define MICROPY_HW_BOARD_NAME "Generic ESP32 module (uwasm)"
#define MICROPY_HW_MCU_NAME   "ESP32"
