/* mandelbrot: escape-time iteration in f64 over a small grid — float compares and branches. */
#include "bench.h"

#define WIDTH BENCH_SIZE(80, 32)
#define HEIGHT BENCH_SIZE(60, 24)
#define MAX_ITER 255u

static uint32_t escape_time(double cr, double ci) {
    double zr = 0.0, zi = 0.0;
    uint32_t n = 0;
    while (n < MAX_ITER) {
        double zr2 = zr * zr;
        double zi2 = zi * zi;
        if (zr2 + zi2 > 4.0) {
            break;
        }
        zi = 2.0 * zr * zi + ci;
        zr = zr2 - zi2 + cr;
        n++;
    }
    return n;
}

/* Renders frames zooming towards a point on the set's boundary. */
BENCH_EXPORT uint64_t run(void) {
    uint32_t frames = bench_param(BENCH_SIZE(16, 1));
    uint64_t total = 0;
    uint32_t hash = 2166136261u;
    double scale = 3.0;
    for (uint32_t f = 0; f < frames; f++) {
        double x0 = -0.743643887 - scale / 2.0;
        double y0 = 0.131825904 - scale * (double)HEIGHT / (double)WIDTH / 2.0;
        double step = scale / (double)WIDTH;
        for (int y = 0; y < HEIGHT; y++) {
            for (int x = 0; x < WIDTH; x++) {
                uint32_t n = escape_time(x0 + step * x, y0 + step * y);
                total += n;
                hash = bench_mix32(hash, n);
            }
        }
        scale *= 0.7;
    }
    return total << 32 | hash;
}

BENCH_MAIN_I64
