# uwasm — top-level build. Every output goes under build/; third-party sources and
# tools fetched by `make setup` live in .deps/ and .venv/ (all git-ignored).
#
#   make setup                      install and pin everything (idempotent, root)
#   make                            unix port of MicroPython with the uwasm module
#   make firmware BOARD=RPI_PICO    rp2 firmware (also BOARD=QEMU_ARM, ESP32_GENERIC)
#   make emu                        boot the rp2 firmware in rp2040js, REPL on a pty
#   make test                       build what the tests need, then run pytest
#   make spec | bench | size        conformance, speed and footprint reports
#   make bench-device               the benchmarks on the emulated RP2040 (wasm_apps/device)

ROOT  := $(abspath $(dir $(lastword $(MAKEFILE_LIST))))
BUILD := $(ROOT)/build
DEPS  := $(ROOT)/.deps
VENV  := $(ROOT)/.venv
PY    := $(VENV)/bin/python
JOBS  ?= $(shell nproc)

# Targets that `make test` builds first; each rules fragment appends to it.
TEST_DEPS :=

.DEFAULT_GOAL := unix

include tools/setup.mk
include boards/firmware.mk
include boards/esp32.mk
include boards/flash.mk
-include firmware/cli/rules.mk
-include wasm_apps/bench/rules.mk
include wasm_apps/examples/rules.mk
-include tools/emu/rules.mk
-include wasm_apps/device/rules.mk

PYTEST_ARGS ?=

.PHONY: test lint clean distclean
test: $(TEST_DEPS)
	$(VENV)/bin/pytest $(PYTEST_ARGS)

lint:
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf $(DEPS) $(VENV) tools/emu/node_modules
