# MicroPython builds with the uwasm module: the unix port (default target), and the
# firmware for a board (`make firmware BOARD=...`). MicroPython's own makefiles do
# the work; these rules point them at boards/, firmware/mpy and build/, and are
# re-run every time (MicroPython's make is incremental and fast when nothing changed).

MPY_DIR        := $(DEPS)/micropython
MPY_CROSS      := $(MPY_DIR)/mpy-cross/build/mpy-cross
USER_C_MODULES := $(ROOT)/firmware
BOARD          ?= RPI_PICO
QEMU_HEAP_SIZE ?= 65536

UNIX_PROG      := $(BUILD)/unix/micropython
RP2_FIRMWARE   := $(BUILD)/rp2/firmware.bin
QEMU_FIRMWARE  := $(BUILD)/qemu/firmware.elf
# The ESP32 rule is in boards/esp32.mk.
ESP32_FIRMWARE := $(BUILD)/esp32/firmware.bin

# Debian's MicroPython source has no micropython-lib; the rp2 cmake build insists on
# a folder with a README.md, so it gets an empty one that says why.
NO_MPY_LIB     := $(BUILD)/no-micropython-lib

TEST_DEPS += $(UNIX_PROG) $(QEMU_FIRMWARE) $(RP2_FIRMWARE)

.PHONY: unix firmware FORCE
FORCE:

unix: $(UNIX_PROG)
	@echo "unix port with uwasm: $(UNIX_PROG)"

$(MPY_CROSS):
	@echo "MicroPython source missing: run 'make setup' first" >&2; exit 1

$(UNIX_PROG): FORCE | $(MPY_CROSS)
	$(MAKE) -C $(MPY_DIR)/ports/unix -j$(JOBS) \
		VARIANT_DIR=$(ROOT)/boards/unix BUILD=$(BUILD)/unix/obj PROG=micropython \
		USER_C_MODULES=$(USER_C_MODULES)
	cp $(BUILD)/unix/obj/micropython $(UNIX_PROG)

$(NO_MPY_LIB)/README.md:
	mkdir -p $(@D)
	echo "Empty on purpose: Debian's MicroPython source carries no micropython-lib." > $@

$(RP2_FIRMWARE): FORCE $(NO_MPY_LIB)/README.md | $(MPY_CROSS)
	cmake -S $(MPY_DIR)/ports/rp2 -B $(BUILD)/rp2/obj -DMICROPY_BOARD=RPI_PICO \
		-DMICROPY_BOARD_DIR=$(ROOT)/boards/RPI_PICO \
		-DUSER_C_MODULES=$(ROOT)/firmware/mpy/micropython.cmake \
		-DMICROPY_LIB_DIR=$(NO_MPY_LIB) -DPICO_NO_PICOTOOL=1 >/dev/null
	$(MAKE) -C $(BUILD)/rp2/obj -j$(JOBS) --no-print-directory
	cp $(BUILD)/rp2/obj/firmware.elf $(BUILD)/rp2/obj/firmware.bin $(BUILD)/rp2/
	$(PY) $(MPY_DIR)/tools/uf2conv.py -b 0x10000000 -f 0xe48bff56 -c \
		-o $(BUILD)/rp2/firmware.uf2 $(BUILD)/rp2/firmware.bin >/dev/null

$(QEMU_FIRMWARE): FORCE | $(MPY_CROSS)
	$(MAKE) -C $(MPY_DIR)/ports/qemu -j$(JOBS) \
		BOARD=QEMU_ARM BOARD_DIR=$(ROOT)/boards/QEMU_ARM BUILD=$(BUILD)/qemu/obj \
		MICROPY_HEAP_SIZE=$(QEMU_HEAP_SIZE) FROZEN_MANIFEST=$(ROOT)/boards/QEMU_ARM/manifest.py \
		USER_C_MODULES=$(USER_C_MODULES)
	cp $(BUILD)/qemu/obj/firmware.elf $(QEMU_FIRMWARE)

FIRMWARE_RPI_PICO      := $(RP2_FIRMWARE)
FIRMWARE_QEMU_ARM      := $(QEMU_FIRMWARE)
FIRMWARE_ESP32_GENERIC := $(ESP32_FIRMWARE)

firmware: $(FIRMWARE_$(BOARD))
	@test -n "$(FIRMWARE_$(BOARD))" || { echo "unknown BOARD=$(BOARD): RPI_PICO, QEMU_ARM or ESP32_GENERIC" >&2; exit 1; }
	@echo "firmware for $(BOARD): $(FIRMWARE_$(BOARD))"
