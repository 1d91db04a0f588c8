/*
 * bench_native.h — included by each generated wrapper before its benchmark: the
 * device sizes, and bench.h without the host main() (the module calls run()).
 */
#ifndef UWASM_BENCH_NATIVE_H
#define UWASM_BENCH_NATIVE_H

#define BENCH_DEVICE 1

#include <time.h>
#if !defined(TIME_UTC)
/* newlib has no timespec_get; bench.h's host timer uses it but is never called here. */
#define TIME_UTC 1
int timespec_get(struct timespec *ts, int base);
#endif

#include "bench.h"

#undef BENCH_MAIN_I32
#undef BENCH_MAIN_I64
#define BENCH_MAIN_I32
#define BENCH_MAIN_I64

#endif /* UWASM_BENCH_NATIVE_H */
