# wasm_apps/device/rules.mk — the benchmarks on the emulated RP2040 (issue 4 item 4,
# issue 5 item 8). See wasm_apps/device/README.md.
#
# Included by the top-level Makefile after wasm_apps/bench/rules.mk, whose variables
# (BENCH_NAMES, BENCH_CLANG, BENCH_WASM_*, BENCH_CC, BENCH_NATIVE_CFLAGS) it reuses so
# that a device build differs from the host build only by -DBENCH_DEVICE (smaller
# workloads, bench.h's BENCH_SIZE) and by exporting __heap_base.
#
#   make bench-device           build the bench firmware, boot it in rp2040js, run every
#                               benchmark in uwasm and natively: table + build/bench/device.json
#   make bench-device-programs  build/bench-device/wasm/NAME.wasm and .../native/NAME (host gcc)
#   make bench-firmware         build/rp2-bench/firmware.bin (RPI_PICO + uwasm_native_bench)
#
# Knobs: DEVICE_BENCH_ONLY="fib sieve" runs a subset.
# Not part of `make test` (the firmware build and the emulated run take minutes).

DEVICE_SRC_DIR    := $(ROOT)/wasm_apps/device
DEVICE_OUT        := $(BUILD)/bench-device
DEVICE_WASM       := $(BENCH_NAMES:%=$(DEVICE_OUT)/wasm/%.wasm)
DEVICE_NATIVE     := $(BENCH_NAMES:%=$(DEVICE_OUT)/native/%)
DEVICE_FIRMWARE   := $(BUILD)/rp2-bench/firmware.bin
DEVICE_BENCH_ONLY ?=

# Same flags as the host build, plus the device sizes and the __heap_base export the
# core uses to give a module that never grows its memory only what lies below it.
DEVICE_WASM_CFLAGS  := $(BENCH_WASM_CFLAGS) -DBENCH_DEVICE
DEVICE_WASM_LDFLAGS := $(BENCH_WASM_LDFLAGS) -Wl,--export=__heap_base

.PHONY: bench-device bench-device-programs bench-firmware

bench-device-programs: $(DEVICE_WASM) $(DEVICE_NATIVE)

$(DEVICE_OUT)/wasm/%.wasm: $(BENCH_SRC_DIR)/%.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(DEVICE_WASM_CFLAGS) $(DEVICE_WASM_LDFLAGS) -o $@ $< $(BENCH_WASM_LIBS)

$(DEVICE_OUT)/native/%: $(BENCH_SRC_DIR)/%.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_NATIVE_CFLAGS) -DBENCH_DEVICE -o $@ $<

# The bench firmware: RPI_PICO + uwasm + uwasm_native_bench, out of tree in
# build/rp2-bench/ (modelled on boards/firmware.mk's RP2_FIRMWARE rule).
$(DEVICE_FIRMWARE): FORCE $(NO_MPY_LIB)/README.md | $(MPY_CROSS)
	cmake -S $(MPY_DIR)/ports/rp2 -B $(BUILD)/rp2-bench/obj -DMICROPY_BOARD=RPI_PICO \
		-DMICROPY_BOARD_DIR=$(ROOT)/boards/RPI_PICO_BENCH \
		-DUSER_C_MODULES=$(ROOT)/boards/RPI_PICO_BENCH/micropython.cmake \
		-DMICROPY_LIB_DIR=$(NO_MPY_LIB) -DPICO_NO_PICOTOOL=1 >/dev/null
	$(MAKE) -C $(BUILD)/rp2-bench/obj -j$(JOBS) --no-print-directory
	cp $(BUILD)/rp2-bench/obj/firmware.elf $(BUILD)/rp2-bench/obj/firmware.bin $(BUILD)/rp2-bench/

bench-firmware: $(DEVICE_FIRMWARE)

# Regenerate wasm_apps/bench/NAME.device.expected from the native device-size build
# (after changing a device size in a benchmark; commit the result).
.PHONY: bench-device-expected
bench-device-expected: $(DEVICE_NATIVE)
	for name in $(BENCH_NAMES); do $(DEVICE_OUT)/native/$$name > $(BENCH_SRC_DIR)/$$name.device.expected || exit 1; done

# The run itself: ~13 benchmarks x (1-3 s simulated) -> a few minutes of wall time.
# RP2_FIRMWARE (boards/firmware.mk: `make firmware`), when it has been built, is booted
# too, for the product's free heap after boot and the heap of the blink-sized app (not
# rebuilt here: that is `make firmware`'s job).
DEVICE_BLINK := $(DEVICE_OUT)/blink.wasm

$(DEVICE_BLINK): $(DEVICE_SRC_DIR)/blink.c
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(BENCH_WASM_CFLAGS) -nostdlib -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=1024 \
		-Wl,--stack-first -Wl,--initial-memory=65536 -Wl,--max-memory=65536 -Wl,--export=__heap_base -o $@ $<

bench-device: $(DEVICE_FIRMWARE) $(DEVICE_WASM) $(DEVICE_BLINK)
	$(PY) $(DEVICE_SRC_DIR)/bench_device.py --firmware $(DEVICE_FIRMWARE) \
		$(if $(wildcard $(RP2_FIRMWARE)),--product-firmware $(RP2_FIRMWARE) --blink-wasm $(DEVICE_BLINK)) \
		--wasm-dir $(DEVICE_OUT)/wasm --out $(BUILD)/bench/device.json $(DEVICE_BENCH_ONLY)
