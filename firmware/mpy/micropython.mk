# The `uwasm` user C module for make-based ports (unix, qemu).
UWASM_MOD_DIR := $(USERMOD_DIR)

SRC_USERMOD_C += $(UWASM_MOD_DIR)/moduwasm.c
CFLAGS_USERMOD += -I$(UWASM_MOD_DIR)
