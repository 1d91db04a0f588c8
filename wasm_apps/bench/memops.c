/* memops: memcpy/memmove/memset over varying sizes and alignments — bulk memory traffic. */
#include "bench.h"

#define AREA 16384u

static uint8_t source[AREA], dest[AREA];

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(20000, 140));
    uint32_t seed = 0xBADC0DEu;
    for (uint32_t i = 0; i < AREA; i++) {
        source[i] = (uint8_t)bench_xorshift32(&seed);
    }
    uint32_t checksum = 2166136261u;
    for (uint32_t r = 0; r < rounds; r++) {
        uint32_t rnd = bench_xorshift32(&seed);
        uint32_t length = 256u + (rnd & 4095u);
        uint32_t from = (rnd >> 12) & 8191u;
        uint32_t to = (rnd >> 20) & 4095u;
        memset(dest + to, (int)(r & 0xFFu), length + 64u);
        memcpy(dest + to + (r & 7u), source + from, length);
        memmove(dest + to + 3u, dest + to, length >> 1);
        checksum = bench_mix32(checksum, dest[to + (rnd % length)]);
        checksum = bench_mix32(checksum, dest[to + length - 1u]);
        source[from] ^= dest[to + (r & 63u)];
    }
    return checksum;
}

BENCH_MAIN_I32
