# USER_C_MODULES for the bench firmware (cmake takes one file): the `uwasm` module
# and the natively compiled benchmarks.
include(${CMAKE_CURRENT_LIST_DIR}/../../firmware/mpy/micropython.cmake)
include(${CMAKE_CURRENT_LIST_DIR}/../../wasm_apps/device/native_bench/micropython.cmake)
