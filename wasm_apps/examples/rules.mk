# wasm_apps/examples/rules.mk — example apps, each built to build/examples/NAME.wasm.
#
# Included by the top-level Makefile (ROOT, BUILD). Apps are C compiled with Debian's
# clang-14 for wasm32, MVP only, importing what the host grants. Their memory is one
# 64 KiB page (lld-14 has no --page-size) with a 1 KiB stack first; __heap_base is
# exported and the apps never grow memory, so uwasm keeps only the bytes below
# __heap_base when the Instance has a smaller memory_limit (firmware/mpy/README.md).

EXAMPLES_SRC_DIR := $(ROOT)/wasm_apps/examples
EXAMPLES_NAMES   := $(notdir $(wildcard $(EXAMPLES_SRC_DIR)/*))
EXAMPLES_NAMES   := $(filter-out rules.mk README.md,$(EXAMPLES_NAMES))
EXAMPLES_WASM    := $(EXAMPLES_NAMES:%=$(BUILD)/examples/%.wasm)

EXAMPLES_CFLAGS  := --target=wasm32 -mcpu=mvp -Os -std=c11 -Wall -Wextra -Werror -nostdlib \
                    -Wl,--no-entry -Wl,--strip-all -Wl,-z,stack-size=1024 -Wl,--stack-first \
                    -Wl,--initial-memory=65536 -Wl,--max-memory=65536 -Wl,--export=__heap_base

TEST_DEPS += $(EXAMPLES_WASM)

.PHONY: examples
examples: $(EXAMPLES_WASM)

$(BUILD)/examples/%.wasm: $(EXAMPLES_SRC_DIR)/%/*.c
	@mkdir -p $(@D)
	clang-14 $(EXAMPLES_CFLAGS) -o $@ $^
