# RPI_PICO_BENCH: the RPI_PICO board unchanged (its cmake, header, pins and frozen
# manifest are included, not copied) plus the benchmarks compiled natively for the
# Cortex-M0+ as the user C module `uwasm_native_bench` (wasm_apps/device/native_bench).
# A test build for `make bench-device` only: build/rp2-bench/, never flashed as the product.
include(${CMAKE_CURRENT_LIST_DIR}/../RPI_PICO/mpconfigboard.cmake)

# The port reads pins.csv from the board folder; use RPI_PICO's.
set(GEN_PINS_BOARD_CSV "${CMAKE_CURRENT_LIST_DIR}/../RPI_PICO/pins.csv")
set(GEN_PINS_CSV_ARG --board-csv "${GEN_PINS_BOARD_CSV}")
