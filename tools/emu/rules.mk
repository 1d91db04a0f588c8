# `make emu`: boot the rp2 firmware in the rp2040js emulator with its REPL on a pty
# (build/emu/tty -> /dev/pts/N, both printed), until Ctrl-C. See tools/emu/README.md.
#
#   make emu                        flash (the filesystem) kept in build/emu/flash.img
#   make emu EMU_FLAGS=--skip-idle  extra runner options (node tools/emu/run.mjs --help)

EMU_DIR     := $(BUILD)/emu
EMU_BOOTROM := $(DEPS)/rp2040/bootrom-b1.bin
EMU_FLAGS   ?=

.PHONY: emu
emu: $(BUILD)/rp2/firmware.bin
	@test -f $(EMU_BOOTROM) || { echo "$(EMU_BOOTROM) is missing: run 'make setup'" >&2; exit 1; }
	@test -d $(ROOT)/tools/emu/node_modules/rp2040js || { echo "rp2040js is not installed: run 'make setup'" >&2; exit 1; }
	@mkdir -p $(EMU_DIR)
	node $(ROOT)/tools/emu/run.mjs --firmware $(BUILD)/rp2/firmware.bin --bootrom $(EMU_BOOTROM) \
		--pty $(EMU_DIR)/tty --flash-image $(EMU_DIR)/flash.img --stats-file $(EMU_DIR)/stats.json \
		$(if $(wildcard $(BUILD)/rp2/firmware.elf),--elf $(BUILD)/rp2/firmware.elf) $(EMU_FLAGS)
