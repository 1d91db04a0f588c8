# Generic ESP32 (4 MiB flash) with the uwasm module. Built by ESP-IDF v5 through
# `make firmware BOARD=ESP32_GENERIC` (boards/esp32.mk).
set(SDKCONFIG_DEFAULTS
    boards/sdkconfig.base
    ${CMAKE_BINARY_DIR}/sdkconfig.uwasm
)
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/manifest.py)

# The partition table lives in this folder; sdkconfig files cannot expand cmake
# variables, so the fragment naming it is written into the build folder.
file(WRITE ${CMAKE_BINARY_DIR}/sdkconfig.uwasm
    "CONFIG_PARTITION_TABLE_CUSTOM=y\nCONFIG_PARTITION_TABLE_CUSTOM_FILENAME=\"${MICROPY_BOARD_DIR}/partitions-4MiB-apps.csv\"\n")
