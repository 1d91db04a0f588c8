# The `uwasm` user C module for make-based ports (unix, qemu): the binding in this
# folder plus the interpreter core in ../core.
UWASM_MOD_DIR := $(USERMOD_DIR)
UWASM_CORE_DIR := $(abspath $(UWASM_MOD_DIR)/../core)

SRC_USERMOD_C += $(wildcard $(UWASM_MOD_DIR)/*.c)
SRC_USERMOD_LIB_C += $(wildcard $(UWASM_CORE_DIR)/*.c)
CFLAGS_USERMOD += -I$(UWASM_MOD_DIR) -I$(UWASM_CORE_DIR)
