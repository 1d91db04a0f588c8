# Frozen into the rp2 firmware: the port's own modules and asyncio (apps run in
# asyncio tasks). Debian's MicroPython source has no micropython-lib, so nothing is
# pulled with require().
freeze("$(PORT_DIR)/modules")
include("$(MPY_DIR)/extmod/asyncio")
