# Raspberry Pi Pico (RP2040) with the uwasm module.
set(PICO_BOARD "pico")
set(PICO_PLATFORM "rp2040")
set(MICROPY_FROZEN_MANIFEST ${MICROPY_BOARD_DIR}/manifest.py)

# IEEE-correct soft-float. The pico-sdk's ROM-backed float and double routines treat
# NaN as infinity (measured in the emulator: f64 0/0 gives +inf, NaN+1 gives +inf,
# f32 0/0 gives +inf), which breaks WebAssembly's float semantics. libgcc's
# routines are exact. The port selects its own float implementation late in its
# CMakeLists, so the switch is deferred to the end of the directory.
function(uwasm_use_compiler_float)
    pico_set_float_implementation(${MICROPY_TARGET} compiler)
    pico_set_double_implementation(${MICROPY_TARGET} compiler)
endfunction()
cmake_language(DEFER CALL uwasm_use_compiler_float)
