/* matmul_i32: 40×40 integer matrix multiply, repeated — i32 mul/add and array indexing. */
#include "bench.h"

#define N 40

static uint32_t a[N][N], b[N][N], c[N][N];

static void matmul(void) {
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            uint32_t sum = 0;
            for (int k = 0; k < N; k++) {
                sum += a[i][k] * b[k][j];
            }
            c[i][j] = sum;
        }
    }
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(320, 4));
    uint32_t seed = 0xC0FFEEu;
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            a[i][j] = bench_xorshift32(&seed) & 0xFFFFu;
            b[i][j] = bench_xorshift32(&seed) & 0xFFFFu;
        }
    }
    uint32_t checksum = 2166136261u;
    for (uint32_t r = 0; r < rounds; r++) {
        matmul();
        /* Feed one result back so that every round depends on the previous one. */
        a[r % N][(r / N) % N] = c[(r * 7) % N][(r * 13) % N] & 0xFFFFu;
        checksum = bench_mix32(checksum, c[r % N][(r * 3) % N]);
    }
    for (int i = 0; i < N; i++) {
        for (int j = 0; j < N; j++) {
            checksum = bench_mix32(checksum, c[i][j]);
        }
    }
    return checksum;
}

BENCH_MAIN_I32
