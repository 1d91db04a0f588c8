# firmware/cli/rules.mk — host build of uwasm-run, the spec suite, and the
# cross-compile check of firmware/core.  Included by the top-level Makefile.

UW_CORE_DIR := $(ROOT)/firmware/core
UW_CLI_DIR  := $(ROOT)/firmware/cli
UW_HOST_OUT := $(BUILD)/host
UW_CORE_SRC := $(wildcard $(UW_CORE_DIR)/*.c)
UW_CLI_SRC  := $(wildcard $(UW_CLI_DIR)/*.c)
UW_HOST_OBJ := $(patsubst $(UW_CORE_DIR)/%.c,$(UW_HOST_OUT)/core/%.o,$(UW_CORE_SRC)) \
               $(patsubst $(UW_CLI_DIR)/%.c,$(UW_HOST_OUT)/cli/%.o,$(UW_CLI_SRC))
UW_CFLAGS   := -O2 -std=c99 -Wall -Wextra -Werror -g -I$(UW_CORE_DIR) -MMD -MP
UW_CC       ?= gcc

# The same program with the core compiled -Os, as the firmware compiles it
# (UW_COMPACT on: numeric instructions out of line), for the spec suite.
UW_COMPACT_OUT := $(BUILD)/host-compact
UW_COMPACT_OBJ := $(patsubst $(UW_HOST_OUT)/%,$(UW_COMPACT_OUT)/%,$(UW_HOST_OBJ))

TEST_DEPS += $(UW_HOST_OUT)/uwasm-run $(UW_COMPACT_OUT)/uwasm-run

.PHONY: uwasm-run uwasm-run-compact spec cross-check

uwasm-run: $(UW_HOST_OUT)/uwasm-run
uwasm-run-compact: $(UW_COMPACT_OUT)/uwasm-run

$(UW_COMPACT_OUT)/uwasm-run: $(UW_COMPACT_OBJ)
	$(UW_CC) -o $@ $^

$(UW_COMPACT_OUT)/core/%.o: $(UW_CORE_DIR)/%.c
	@mkdir -p $(dir $@)
	$(UW_CC) $(UW_CFLAGS) -Os -c -o $@ $<

$(UW_COMPACT_OUT)/cli/%.o: $(UW_CLI_DIR)/%.c
	@mkdir -p $(dir $@)
	$(UW_CC) $(UW_CFLAGS) -D_POSIX_C_SOURCE=200809L -c -o $@ $<

$(UW_HOST_OUT)/uwasm-run: $(UW_HOST_OBJ)
	$(UW_CC) -o $@ $^

$(UW_HOST_OUT)/core/%.o: $(UW_CORE_DIR)/%.c
	@mkdir -p $(dir $@)
	$(UW_CC) $(UW_CFLAGS) -c -o $@ $<

$(UW_HOST_OUT)/cli/%.o: $(UW_CLI_DIR)/%.c
	@mkdir -p $(dir $@)
	$(UW_CC) $(UW_CFLAGS) -D_POSIX_C_SOURCE=200809L -c -o $@ $<

-include $(UW_HOST_OBJ:.o=.d) $(UW_COMPACT_OBJ:.o=.d)

# The spec suite: per-file counts, a total, build/spec/results.json.
spec: $(UW_HOST_OUT)/uwasm-run
	$(PY) $(ROOT)/tests/core/spec_runner.py --uwasm-run $(UW_HOST_OUT)/uwasm-run \
	    --out $(BUILD)/spec

# Compile firmware/core for every target of issue 3 item 8, warnings as errors.
cross-check:
	$(PY) $(ROOT)/tests/core/cross_check.py --out $(BUILD)/cross
