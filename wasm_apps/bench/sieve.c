/* sieve: sieve of Eratosthenes over a byte array — tight loads/stores and loops. */
#include "bench.h"

#define SIEVE_BYTES 32768u

static uint8_t composite[SIEVE_BYTES];

/* Counts the primes below `limit` and folds the largest few into the checksum. */
static uint32_t sieve_once(uint32_t limit) {
    memset(composite, 0, limit);
    uint32_t count = 0;
    uint32_t hash = 2166136261u;
    for (uint32_t i = 2; i < limit; i++) {
        if (composite[i]) {
            continue;
        }
        count++;
        if (i > limit - 512) {
            hash = bench_mix32(hash, i);
        }
        for (uint32_t j = i * i; j < limit; j += i) {
            composite[j] = 1;
        }
    }
    return bench_mix32(hash, count);
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(400, 3));
    uint32_t checksum = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        checksum += sieve_once(SIEVE_BYTES - (r & 63u));
    }
    return checksum;
}

BENCH_MAIN_I32
