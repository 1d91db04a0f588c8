/* fib: naive doubly recursive Fibonacci — measures call and return overhead. */
#include "bench.h"

static uint32_t fib(uint32_t n) {
    return n < 2 ? n : fib(n - 1) + fib(n - 2);
}

BENCH_EXPORT uint32_t run(void) {
    return fib(bench_param(BENCH_SIZE(34, 25)));
}

BENCH_MAIN_I32
