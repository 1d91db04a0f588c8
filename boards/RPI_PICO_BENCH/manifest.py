# The same frozen modules as RPI_PICO (a relative include is relative to this file).
include("../RPI_PICO/manifest.py")
