/* crc32: table-driven CRC-32 (IEEE 802.3, reflected) over a buffer — byte loads, shifts, xors. */
#include "bench.h"

#define CRC_BUFFER_BYTES 16384u

static uint32_t crc_table[256];
static uint8_t buffer[CRC_BUFFER_BYTES];

static void crc_make_table(void) {
    for (uint32_t n = 0; n < 256; n++) {
        uint32_t c = n;
        for (int k = 0; k < 8; k++) {
            c = (c & 1u) ? 0xEDB88320u ^ (c >> 1) : c >> 1;
        }
        crc_table[n] = c;
    }
}

static uint32_t crc32_update(uint32_t crc, const uint8_t *data, uint32_t length) {
    crc = ~crc;
    for (uint32_t i = 0; i < length; i++) {
        crc = crc_table[(crc ^ data[i]) & 0xFFu] ^ (crc >> 8);
    }
    return ~crc;
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(1000, 10));
    uint32_t seed = 0x12345678u;
    crc_make_table();
    for (uint32_t i = 0; i < CRC_BUFFER_BYTES; i++) {
        buffer[i] = (uint8_t)bench_xorshift32(&seed);
    }
    uint32_t crc = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        buffer[r % CRC_BUFFER_BYTES] ^= (uint8_t)crc;
        crc = crc32_update(crc, buffer, CRC_BUFFER_BYTES - (r & 255u));
    }
    return crc;
}

BENCH_MAIN_I32
