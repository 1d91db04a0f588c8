/* matmul_f64: 40×40 double matrix multiply, repeated — f64 mul/add, loads and stores. */
#include "bench.h"

#define N 40

typedef double real;

static real a[N][N], b[N][N], c[N][N];

static void matmul(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            real sum = 0;
            for (int k = 0; k < N; k++) {
                sum += a[i][k] * b[k][j];
            }
            c[i][j] = sum;
        }
    }
}

/* Folds the exact bit pattern of a value into the checksum: any rounding difference shows. */
static uint32_t mix_real(uint32_t hash, real value) {
    uint64_t bits;
    memcpy(&bits, &value, sizeof bits);
    hash = bench_mix32(hash, (uint32_t)bits);
    return bench_mix32(hash, (uint32_t)((uint64_t)bits >> 16));
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(320, 3));
    uint32_t seed = 0xF100A7u;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            a[i][j] = (real)(int32_t)(bench_xorshift32(&seed) % 2001u - 1000) / (real)1000;
            b[i][j] = (real)(int32_t)(bench_xorshift32(&seed) % 2001u - 1000) / (real)1000;
        }
    }
    uint32_t checksum = 2166136261u;
    for (uint32_t r = 0; r < rounds; r++) {
        matmul();
        /* Feed one scaled result back so that every round depends on the previous one. */
        a[r % N][(r / N) % N] = c[(r * 7) % N][(r * 13) % N] * (real)0.125;
        checksum = mix_real(checksum, c[r % N][(r * 3) % N]);
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            checksum = mix_real(checksum, c[i][j]);
        }
    }
    return checksum;
}

BENCH_MAIN_I32
