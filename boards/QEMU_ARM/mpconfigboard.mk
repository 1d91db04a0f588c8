# MicroPython's qemu port on the MPS2-AN385 machine, compiled for armv6-m as the
# RP2040 (Cortex-M0+) is: qemu 7.2 has no Cortex-M0+ model, and the Cortex-M3 core
# runs Thumb-1 code unchanged, so this build checks the 32-bit, M0+-instruction-set
# firmware with a small heap (MICROPY_HEAP_SIZE, set by boards/firmware.mk).
QEMU_ARCH = arm
QEMU_MACHINE = mps2-an385

CFLAGS += -mthumb -mcpu=cortex-m0plus -mfloat-abi=soft
CFLAGS += -DQEMU_SOC_MPS2
CFLAGS += -DMICROPY_HW_MCU_NAME='"Cortex-M0+ (armv6-m on mps2-an385)"'

LDSCRIPT = $(BOARD_DIR)/qemu_arm.ld

SRC_BOARD_O = shared/runtime/gchelper_native.o shared/runtime/gchelper_thumb1.o

MPY_CROSS_FLAGS += -march=armv6m
