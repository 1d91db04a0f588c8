# Unix variant with the uwasm module. btree needs berkeley-db and ssl needs mbedtls
# 3.x, neither of which Debian's MicroPython source carries; both are off.
FROZEN_MANIFEST ?= $(VARIANT_DIR)/manifest.py
MICROPY_PY_BTREE = 0
MICROPY_PY_SSL = 0
