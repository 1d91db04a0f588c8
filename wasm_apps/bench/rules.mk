# wasm_apps/bench/rules.mk — benchmark programs, `make bench` and `make size`.
#
# Included by the top-level Makefile, which defines ROOT, BUILD, DEPS, VENV, PY and
# JOBS; nothing else is assumed. It also works on its own, e.g. from the tests:
#   make -f wasm_apps/bench/rules.mk ROOT=$PWD BUILD=/some/dir bench-programs
#
#   make bench            every benchmark in uwasm, wasm3, wasmtime and native:
#                         build/bench/results.json, build/bench/ratios.png
#   make size             build/size.json (Cortex-M0+ .text of core, binding, wasm3)
#                         and the per-benchmark peak RAM report
#   make bench-programs   build/bench/wasm/NAME.wasm and build/bench/native/NAME
#
# Knobs: BENCH_RUNS (timed runs per engine, default 5), BENCH_CALLGRIND=0 to skip
# the instruction counts, BENCH_ONLY="fib sieve" to run a subset, BENCH_BUDGET0=1 to
# also time uwasm with --translate-budget 0 (pure in-place; details.json and printout).

BENCH_SRC_DIR  := $(ROOT)/wasm_apps/bench
BENCH_NAMES    := $(sort $(basename $(notdir $(wildcard $(BENCH_SRC_DIR)/*.c))))
BENCH_OUT      := $(BUILD)/bench
BENCH_WASM     := $(BENCH_NAMES:%=$(BENCH_OUT)/wasm/%.wasm)
BENCH_NATIVE   := $(BENCH_NAMES:%=$(BENCH_OUT)/native/%)
BENCH_HEADERS  := $(BENCH_SRC_DIR)/bench.h

# WebAssembly: clang-14, MVP features only, one 64 KiB page holding an 8 KiB stack
# (first, so an overflow traps instead of corrupting data) and the data. wasi-libc's
# libc.a supplies memcpy/memset/strlen; compiler-rt's builtins the rest. Both paths
# come from clang itself (wasm32-wasi knows the Debian sysroot), so they follow the
# installed version. The modules import nothing: no crt1, no WASI calls.
BENCH_CLANG       := clang-14
BENCH_WASM_TARGET := --target=wasm32-wasi -mcpu=mvp
BENCH_WASM_CFLAGS := $(BENCH_WASM_TARGET) -O2 -std=c11 -Wall -Wextra -Werror
BENCH_WASM_LIBS    = $(shell $(BENCH_CLANG) $(BENCH_WASM_TARGET) -print-file-name=libc.a) \
                     $(shell $(BENCH_CLANG) $(BENCH_WASM_TARGET) --rtlib=compiler-rt -print-libgcc-file-name)
BENCH_WASM_LDFLAGS := -nostdlib -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=8192 \
                      -Wl,--stack-first -Wl,--initial-memory=65536 -Wl,--max-memory=65536

# Native: the physical limit. -ffp-contract=off keeps float results bit-identical
# with WebAssembly (no fused multiply-add).
BENCH_CC           := gcc
BENCH_NATIVE_CFLAGS := -O2 -std=c11 -Wall -Wextra -Werror -ffp-contract=off

# wasm3 0.5.0 from the pywasm3 sdist (fetched into $(DEPS) by `make setup`), built
# with the flags of pywasm3's setup.py plus CPython's own (-fwrapv -DNDEBUG).
WASM3_SDIST        := $(DEPS)/pywasm3/pywasm3-0.5.0.tar.gz
WASM3_SDIST_SHA256 := 5a47c8a39f7f6ae71b3316b2e5d86c9d0db6e771a65f09a86e4d4aa3a19aefcc
WASM3_DIR          := $(BENCH_OUT)/wasm3
WASM3_SRC          := $(WASM3_DIR)/pywasm3-0.5.0/wasm3
WASM3_STAMP        := $(WASM3_DIR)/unpacked.stamp
WASM3_RUN          := $(WASM3_DIR)/wasm3_run
WASM3_HOST_CFLAGS  := -O3 -g0 -fwrapv -DNDEBUG -fomit-frame-pointer -fno-stack-check \
                      -fno-stack-protector -DDEBUG -DNASSERTS -Dd_m3RecordBacktraces=1
WASM3_WRAP         := -Wl,--wrap=malloc,--wrap=calloc,--wrap=realloc,--wrap=free

# uwasm's command-line runner, built by firmware/cli/rules.mk when it exists.
UWASM_RUN          := $(BUILD)/host/uwasm-run

BENCH_RUNS      ?= 5
BENCH_CALLGRIND ?= 1
BENCH_ONLY      ?=
BENCH_BUDGET0   ?= 0

# Cortex-M0+ footprint (make size).
SIZE_CC     := arm-none-eabi-gcc
SIZE_CFLAGS := -Os -mthumb -mcpu=cortex-m0plus -ffunction-sections -fdata-sections -std=gnu11
SIZE_OUT    := $(BUILD)/size
# wasm3 with its own MCU defaults (those it applies to Arduino/PlatformIO boards).
WASM3_MCU_CFLAGS := -DNDEBUG -Dd_m3VerboseErrorMessages=0 -Dd_m3MaxConstantTableSize=64 \
                    -Dd_m3MaxFunctionStackHeight=64 -Dd_m3CodePageAlignSize=1024

BENCH_PYTHON := PYTHONPATH=$(BENCH_SRC_DIR) $(PY) -m uwasm_bench

TEST_DEPS += $(BENCH_WASM) $(BENCH_NATIVE)

.PHONY: bench size bench-programs bench-wasm3

bench-programs: $(BENCH_WASM) $(BENCH_NATIVE)

$(BENCH_OUT)/wasm/%.wasm: $(BENCH_SRC_DIR)/%.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(BENCH_CLANG) $(BENCH_WASM_CFLAGS) $(BENCH_WASM_LDFLAGS) -o $@ $< $(BENCH_WASM_LIBS)

$(BENCH_OUT)/native/%: $(BENCH_SRC_DIR)/%.c $(BENCH_HEADERS)
	@mkdir -p $(@D)
	$(BENCH_CC) $(BENCH_NATIVE_CFLAGS) -o $@ $<

$(WASM3_SDIST):
	@echo "missing $@: run 'make setup' (pip download --no-binary :all: --no-deps pywasm3==0.5.0 -d $(DEPS)/pywasm3)" >&2
	@exit 1

$(WASM3_STAMP): $(WASM3_SDIST)
	@echo "$(WASM3_SDIST_SHA256)  $<" | sha256sum --check --quiet || \
		{ echo "$<: sha256 mismatch, expected $(WASM3_SDIST_SHA256)" >&2; exit 1; }
	rm -rf $(WASM3_DIR)/pywasm3-0.5.0
	mkdir -p $(WASM3_DIR)
	tar -xzf $< -C $(WASM3_DIR)
	touch $@

# The runner is project code and held to -Werror; wasm3's own files are compiled as
# pywasm3 compiles them, warnings and all (not ours to fix).
$(WASM3_DIR)/wasm3_run.o: $(BENCH_SRC_DIR)/runner/wasm3_run.c $(WASM3_STAMP)
	$(BENCH_CC) $(WASM3_HOST_CFLAGS) -std=gnu11 -Wall -Wextra -Werror -I$(WASM3_SRC) -c -o $@ $<

$(WASM3_RUN): $(WASM3_DIR)/wasm3_run.o
	$(BENCH_CC) $(WASM3_HOST_CFLAGS) -w -I$(WASM3_SRC) -o $@ $< $(WASM3_SRC)/*.c -lm $(WASM3_WRAP)

bench-wasm3: $(WASM3_RUN)

# uwasm-run is built by its own rules (firmware/cli/rules.mk) when they exist; if it
# does not build, the harness still runs and reports uwasm as failed (null figures).
bench: $(BENCH_WASM) $(BENCH_NATIVE) $(WASM3_RUN)
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) $(UWASM_RUN) || \
		echo "make bench: $(UWASM_RUN) did not build: uwasm's figures will be null" >&2
	$(BENCH_PYTHON).bench --build $(BUILD) --uwasm-run $(UWASM_RUN) --wasm3-run $(WASM3_RUN) \
		--runs $(BENCH_RUNS) --callgrind $(BENCH_CALLGRIND) --budget0 $(BENCH_BUDGET0) $(BENCH_ONLY)

size: $(BENCH_WASM) $(WASM3_RUN)
	@$(MAKE) --no-print-directory -f $(firstword $(MAKEFILE_LIST)) $(UWASM_RUN) || \
		echo "make size: $(UWASM_RUN) did not build: uwasm's RAM column will be null" >&2
	$(BENCH_PYTHON).size --root $(ROOT) --build $(BUILD) \
		--cc $(SIZE_CC) --cflags "$(SIZE_CFLAGS)" --wasm3-src $(WASM3_SRC) \
		--wasm3-cflags "$(WASM3_MCU_CFLAGS)" --uwasm-run $(UWASM_RUN) --wasm3-run $(WASM3_RUN)
