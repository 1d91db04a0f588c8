# Frozen into the qemu firmware. Debian's MicroPython source has no micropython-lib,
# so nothing is pulled with require().
include("$(MPY_DIR)/extmod/asyncio")
