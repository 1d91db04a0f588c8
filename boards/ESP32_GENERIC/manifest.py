# Frozen into the ESP32 firmware: the port's own modules and asyncio. Debian's
# MicroPython source has no micropython-lib, so nothing is pulled with require().
freeze("$(PORT_DIR)/modules")
include("$(MPY_DIR)/extmod/asyncio")
