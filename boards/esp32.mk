# The ESP32 firmware needs ESP-IDF v5 (v5.2 to v5.4 for MicroPython 1.25), which no
# registry this project uses carries: on a machine that has it (after
# `. $IDF_PATH/export.sh`), `make firmware BOARD=ESP32_GENERIC` builds it; elsewhere
# the target stops and says what to install.
$(ESP32_FIRMWARE): FORCE $(NO_MPY_LIB)/README.md | $(MPY_CROSS)
	@command -v idf.py >/dev/null && test -n "$$IDF_PATH" || { \
		echo "ESP32_GENERIC needs ESP-IDF v5.2–v5.4, which is not installed here." >&2; \
		echo "Install it (https://docs.espressif.com/projects/esp-idf/en/v5.4/esp32/get-started/)," >&2; \
		echo "run '. \$$IDF_PATH/export.sh' in this shell, then 'make firmware BOARD=ESP32_GENERIC' again." >&2; \
		exit 2; }
	idf.py -C $(MPY_DIR)/ports/esp32 -B $(BUILD)/esp32/obj \
		-D MICROPY_BOARD=ESP32_GENERIC -D MICROPY_BOARD_DIR=$(ROOT)/boards/ESP32_GENERIC \
		-D USER_C_MODULES=$(ROOT)/firmware/mpy/micropython.cmake \
		-D MICROPY_LIB_DIR=$(NO_MPY_LIB) build
	cp $(BUILD)/esp32/obj/firmware.bin $(ESP32_FIRMWARE)
