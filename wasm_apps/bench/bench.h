/*
 * bench.h — the small shared side of the benchmark programs.
 *
 * Every benchmark is one C file that defines `run(void)`, exported to WebAssembly
 * as "run", returning a checksum (uint32_t → i32, uint64_t → i64), and ends with
 * BENCH_MAIN_I32 or BENCH_MAIN_I64. The same file compiled natively gets a main()
 * that prints the checksum in the form the engines print it ("i32:N" / "i64:N",
 * unsigned decimal), so the harness can compare every engine with the native build.
 *
 * Constraints that keep one .wasm runnable on a 64 KB RP2040 later: one 64 KiB
 * page of linear memory including an 8 KiB stack, no imports, MVP instructions.
 */
#ifndef UWASM_BENCH_H
#define UWASM_BENCH_H

#include <stddef.h>
#include <stdint.h>
#include <string.h>

#if defined(__wasm__)
#define BENCH_EXPORT __attribute__((export_name("run"), used))
#else
#define BENCH_EXPORT
#endif

/*
 * Passes a workload size through a volatile, so that neither compiler can
 * evaluate the benchmark at build time: the loop bounds are unknown to both.
 */
static inline uint32_t bench_param(uint32_t value) {
    volatile uint32_t opaque = value;
    return opaque;
}

/*
 * Workload sizes: BENCH_SIZE(host, device) is the host size, or the device size in a
 * build with -DBENCH_DEVICE (the emulated RP2040, wasm_apps/device: 0.5-3 s of
 * simulated time under uwasm). Device checksums are in NAME.device.expected.
 */
#if defined(BENCH_DEVICE)
#define BENCH_SIZE(host, device) (device)
#else
#define BENCH_SIZE(host, device) (host)
#endif

/* xorshift32: the deterministic input generator every benchmark uses. */
static inline uint32_t bench_xorshift32(uint32_t *state) {
    uint32_t x = *state;
    x ^= x << 13;
    x ^= x >> 17;
    x ^= x << 5;
    *state = x;
    return x;
}

/* Mixes a value into a running checksum (FNV-1a style over 32-bit words). */
static inline uint32_t bench_mix32(uint32_t hash, uint32_t value) {
    return (hash ^ value) * 16777619u;
}

#if !defined(__wasm__)
#include <inttypes.h>
#include <stdio.h>
#include <time.h>
/* Nanoseconds of the wall clock (C11), for timing the call alone in the native build. */
static inline int64_t bench_now_ns(void) {
    struct timespec now;
    timespec_get(&now, TIME_UTC);
    return (int64_t)now.tv_sec * 1000000000 + now.tv_nsec;
}
/*
 * The native main prints the checksum on stdout and, on stderr, the time of the
 * run() call alone: native runs take milliseconds, where process start-up would
 * otherwise weigh.
 */
#define BENCH_MAIN_TYPED(TYPE, FORMAT)                                                 \
    int main(void) {                                                                   \
        int64_t start = bench_now_ns();                                                \
        TYPE result = run();                                                           \
        int64_t elapsed = bench_now_ns() - start;                                      \
        printf(FORMAT "\n", result);                                                   \
        fprintf(stderr, "native-stats call_ns=%" PRId64 "\n", elapsed);                \
        return 0;                                                                      \
    }
#define BENCH_MAIN_I32 BENCH_MAIN_TYPED(uint32_t, "i32:%" PRIu32)
#define BENCH_MAIN_I64 BENCH_MAIN_TYPED(uint64_t, "i64:%" PRIu64)
#else
#define BENCH_MAIN_I32
#define BENCH_MAIN_I64
#endif

#endif /* UWASM_BENCH_H */
