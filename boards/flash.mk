# `make flash BOARD=... PORT=...`: put a built firmware on a real board.
#   ESP32_GENERIC: esptool at the offset MicroPython documents for the chip
#                  (ports/esp32/boards/ESP32_GENERIC/board.json: 0x1000).
#   RPI_PICO:      copy the UF2 to the board's RPI-RP2 drive (hold BOOTSEL while
#                  plugging it in); DRIVE= names the mount point if it is not found.
ESPTOOL_BAUD ?= 460800
ESP32_FLASH_OFFSET_ESP32_GENERIC := 0x1000
RP2_DRIVE = $(or $(DRIVE),$(firstword $(wildcard /media/*/RPI-RP2 /run/media/*/RPI-RP2 /mnt/RPI-RP2)))

# Checked before anything is built: a missing PORT should not cost a firmware build.
ifneq ($(filter flash,$(MAKECMDGOALS)),)
ifeq ($(BOARD)$(PORT),ESP32_GENERIC)
$(error make flash BOARD=$(BOARD) needs PORT=, e.g. PORT=/dev/ttyUSB0)
endif
endif

.PHONY: flash flash-ESP32_GENERIC flash-RPI_PICO flash-QEMU_ARM
flash: flash-$(BOARD)

flash-ESP32_GENERIC: $(ESP32_FIRMWARE)
	$(VENV)/bin/esptool --port $(PORT) --baud $(ESPTOOL_BAUD) write-flash $(ESP32_FLASH_OFFSET_$(BOARD)) $(ESP32_FIRMWARE)

flash-RPI_PICO: $(RP2_FIRMWARE)
	@test -n "$(RP2_DRIVE)" -a -d "$(RP2_DRIVE)" || { echo "no RPI-RP2 drive mounted: hold BOOTSEL while plugging the Pico in, or give DRIVE=/path/to/RPI-RP2" >&2; exit 2; }
	cp $(BUILD)/rp2/firmware.uf2 $(RP2_DRIVE)/
	sync

flash-QEMU_ARM:
	@echo "QEMU_ARM runs under qemu-system-arm (tests/targets/qemu.py); there is nothing to flash" >&2; exit 2
