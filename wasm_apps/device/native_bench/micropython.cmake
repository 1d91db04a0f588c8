# uwasm_native_bench: every benchmark of wasm_apps/bench compiled natively for the
# board (device sizes, -DBENCH_DEVICE), as a user C module of the bench firmware
# (boards/RPI_PICO_BENCH). For each NAME.c a generated wrapper renames its run() to
# uwasm_native_bench_run_NAME and drops bench.h's host main(); bench_list.h lists the
# names with their result width for the module table.
#
# The benchmarks' static buffers (~175 KB together, more than the GC heap can spare)
# share one region of RAM: bench_overlay.ld (generated) places each wrapper's .bss in
# one OVERLAY, since only one benchmark runs at a time; run() zeroes it first, as a
# fresh process would see it.
add_library(usermod_uwasm_native_bench INTERFACE)

set(UWASM_NATIVE_BENCH_DIR ${CMAKE_CURRENT_LIST_DIR})
set(UWASM_NATIVE_BENCH_GEN ${CMAKE_BINARY_DIR}/uwasm_native_bench)
file(GLOB UWASM_BENCH_PROGRAMS ${CMAKE_CURRENT_LIST_DIR}/../../bench/*.c)
list(SORT UWASM_BENCH_PROGRAMS)

set(UWASM_NATIVE_BENCH_SOURCES ${UWASM_NATIVE_BENCH_DIR}/moduwasm_native_bench.c)
set(UWASM_NATIVE_BENCH_WRAPPERS "")
set(UWASM_NATIVE_BENCH_LIST "")
set(UWASM_NATIVE_BENCH_OVERLAY "")
foreach(program ${UWASM_BENCH_PROGRAMS})
    get_filename_component(name ${program} NAME_WE)
    file(STRINGS ${program} is_i64 REGEX "^BENCH_MAIN_I64")
    if(is_i64)
        string(APPEND UWASM_NATIVE_BENCH_LIST "    BENCH_I64(${name}) \\\n")
    else()
        string(APPEND UWASM_NATIVE_BENCH_LIST "    BENCH_I32(${name}) \\\n")
    endif()
    if(NOT UWASM_NATIVE_BENCH_OVERLAY)
        # Where the overlay starts (an assignment outside it gets a wrong address).
        set(start "__uwasm_bench_overlay_start = .; ")
    else()
        set(start "")
    endif()
    string(APPEND UWASM_NATIVE_BENCH_OVERLAY
        "        .bench_${name} { ${start}*bench_${name}.c.o(.bss .bss.* COMMON) }\n")
    file(CONFIGURE OUTPUT ${UWASM_NATIVE_BENCH_GEN}/bench_${name}.c CONTENT
"/* Generated from wasm_apps/device/native_bench/micropython.cmake: ${name}.c natively. */
#include \"bench_native.h\"
#define run uwasm_native_bench_run_${name}
#include \"${name}.c\"
")
    list(APPEND UWASM_NATIVE_BENCH_WRAPPERS ${UWASM_NATIVE_BENCH_GEN}/bench_${name}.c)
endforeach()

file(CONFIGURE OUTPUT ${UWASM_NATIVE_BENCH_GEN}/bench_list.h CONTENT
"/* Generated from wasm_apps/device/native_bench/micropython.cmake. */
#define UWASM_NATIVE_BENCH_LIST \\
${UWASM_NATIVE_BENCH_LIST}
")
file(CONFIGURE OUTPUT ${UWASM_NATIVE_BENCH_GEN}/bench_overlay.ld CONTENT
"/* Generated from wasm_apps/device/native_bench/micropython.cmake. */
SECTIONS
{
    OVERLAY : NOCROSSREFS
    {
${UWASM_NATIVE_BENCH_OVERLAY}    } > RAM
    __uwasm_bench_overlay_end = .;
}
INSERT BEFORE .bss;
")

# The host build's flags (gcc -O2 -ffp-contract=off), over the port's -Os.
set_source_files_properties(${UWASM_NATIVE_BENCH_WRAPPERS} PROPERTIES COMPILE_OPTIONS "-O2;-ffp-contract=off")

target_sources(usermod_uwasm_native_bench INTERFACE
    ${UWASM_NATIVE_BENCH_SOURCES}
    ${UWASM_NATIVE_BENCH_WRAPPERS}
)
target_include_directories(usermod_uwasm_native_bench INTERFACE
    ${UWASM_NATIVE_BENCH_DIR}
    ${UWASM_NATIVE_BENCH_GEN}
    ${CMAKE_CURRENT_LIST_DIR}/../../bench
)
# As -Wl,--script (not -T, which the gcc driver moves) and before the port's memmap
# script: ld then applies the INSERT after reading both. ld warns that RAM is used
# before the memmap script declares it; the placement is right (checked in the map).
target_link_options(usermod_uwasm_native_bench INTERFACE "-Wl,--script=${UWASM_NATIVE_BENCH_GEN}/bench_overlay.ld")

target_link_libraries(usermod INTERFACE usermod_uwasm_native_bench)

# Relink when the generated script changes (the port's target exists only later).
cmake_language(DEFER CALL set_property TARGET ${MICROPY_TARGET} APPEND PROPERTY
    LINK_DEPENDS ${UWASM_NATIVE_BENCH_GEN}/bench_overlay.ld)
