/*
 * mixed: a mixed workload in the spirit of CoreMark, written for this project.
 * Each iteration runs three kernels on data derived from the iteration number and
 * folds their results into a CRC-16: linked-list find/reverse/sort, small int16
 * matrix operations, and a state machine that classifies tokens in a string.
 */
#include "bench.h"

/* ---- CRC-16/CCITT (bitwise), the glue between kernels ---- */

static uint16_t crc16_u8(uint8_t data, uint16_t crc) {
    crc ^= (uint16_t)data << 8;
    for (int i = 0; i < 8; i++) {
        crc = (crc & 0x8000u) ? (uint16_t)((crc << 1) ^ 0x1021u) : (uint16_t)(crc << 1);
    }
    return crc;
}

static uint16_t crc16_u16(uint16_t data, uint16_t crc) {
    crc = crc16_u8((uint8_t)data, crc);
    return crc16_u8((uint8_t)(data >> 8), crc);
}

static uint16_t crc16_u32(uint32_t data, uint16_t crc) {
    crc = crc16_u16((uint16_t)data, crc);
    return crc16_u16((uint16_t)(data >> 16), crc);
}

/* ---- linked list ---- */

#define LIST_NODES 96

typedef struct list_node {
    struct list_node *next;
    int16_t key;
    int16_t value;
} list_node;

static list_node node_pool[LIST_NODES];

static list_node *list_build(uint32_t seed) {
    list_node *head = NULL;
    for (int i = LIST_NODES - 1; i >= 0; i--) {
        node_pool[i].key = (int16_t)(bench_xorshift32(&seed) & 0x3FFu);
        node_pool[i].value = (int16_t)i;
        node_pool[i].next = head;
        head = &node_pool[i];
    }
    return head;
}

static list_node *list_find(list_node *list, int16_t key) {
    while (list != NULL && list->key != key) {
        list = list->next;
    }
    return list;
}

static list_node *list_reverse(list_node *list) {
    list_node *reversed = NULL;
    while (list != NULL) {
        list_node *next = list->next;
        list->next = reversed;
        reversed = list;
        list = next;
    }
    return reversed;
}

static int list_compare(const list_node *a, const list_node *b, int by_value) {
    return by_value ? a->value - b->value : a->key - b->key;
}

/* Bottom-up merge sort of a singly linked list (stable, no recursion). */
static list_node *list_sort(list_node *list, int by_value) {
    for (int width = 1;; width *= 2) {
        list_node *p = list;
        list_node *tail = NULL;
        list = NULL;
        int merges = 0;
        while (p != NULL) {
            merges++;
            list_node *q = p;
            int psize = 0;
            for (int i = 0; i < width && q != NULL; i++) {
                psize++;
                q = q->next;
            }
            int qsize = width;
            while (psize > 0 || (qsize > 0 && q != NULL)) {
                list_node *e;
                if (psize == 0) {
                    e = q;
                    q = q->next;
                    qsize--;
                } else if (qsize == 0 || q == NULL || list_compare(p, q, by_value) <= 0) {
                    e = p;
                    p = p->next;
                    psize--;
                } else {
                    e = q;
                    q = q->next;
                    qsize--;
                }
                if (tail != NULL) {
                    tail->next = e;
                } else {
                    list = e;
                }
                tail = e;
            }
            p = q;
        }
        tail->next = NULL;
        if (merges <= 1) {
            return list;
        }
    }
}

static uint16_t list_kernel(uint32_t iteration, uint16_t crc) {
    list_node *list = list_build(iteration * 2654435761u + 1u);
    uint32_t found = 0, missed = 0;
    for (int i = 0; i < 24; i++) {
        list_node *hit = list_find(list, (int16_t)((iteration + (uint32_t)i * 37u) & 0x3FFu));
        if (hit != NULL) {
            found += (uint32_t)hit->value;
            hit->key = (int16_t)(hit->key ^ 0x155);
        } else {
            missed++;
        }
        list = list_reverse(list);
    }
    list = list_sort(list, 0);
    for (list_node *n = list; n != NULL; n = n->next) {
        crc = crc16_u16((uint16_t)n->key, crc);
    }
    list = list_sort(list, 1);
    crc = crc16_u16((uint16_t)list->key, crc);
    crc = crc16_u32(found, crc);
    return crc16_u32(missed, crc);
}

/* ---- matrix ---- */

#define MAT 12

static int16_t mat_a[MAT][MAT], mat_b[MAT][MAT];
static int32_t mat_c[MAT][MAT];

static uint16_t matrix_kernel(uint32_t iteration, uint16_t crc) {
    uint32_t seed = iteration ^ 0xA5A5A5u;
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            mat_a[i][j] = (int16_t)((bench_xorshift32(&seed) & 0xFFu) - 128);
            mat_b[i][j] = (int16_t)((bench_xorshift32(&seed) & 0xFFu) - 128);
        }
    }
    int16_t add = (int16_t)(iteration & 0x1F);
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            mat_a[i][j] = (int16_t)(mat_a[i][j] + add);
        }
    }
    /* Matrix times vector, then matrix times matrix, then a bit-field extraction. */
    int32_t vector_sum = 0;
    for (int i = 0; i < MAT; i++) {
        int32_t acc = 0;
        for (int j = 0; j < MAT; j++) {
            acc += mat_a[i][j] * mat_b[0][j];
        }
        vector_sum += acc;
    }
    uint32_t bits = 0;
    for (int i = 0; i < MAT; i++) {
        for (int j = 0; j < MAT; j++) {
            int32_t acc = 0;
            for (int k = 0; k < MAT; k++) {
                acc += mat_a[i][k] * mat_b[k][j];
            }
            mat_c[i][j] = acc;
            bits += ((uint32_t)acc >> 2) & 0xFu;
            bits ^= (uint32_t)acc >> 11 & 0x7Fu;
        }
    }
    crc = crc16_u32((uint32_t)vector_sum, crc);
    crc = crc16_u32((uint32_t)mat_c[iteration % MAT][(iteration / MAT) % MAT], crc);
    return crc16_u32(bits, crc);
}

/* ---- state machine ---- */

enum scan_state { S_START, S_INT, S_SIGN, S_FRAC, S_EXP, S_EXP_SIGN, S_SCI, S_WORD, S_INVALID };

#define TEXT_BYTES 400

static char text[TEXT_BYTES + 1];

static void text_build(uint32_t iteration) {
    static const char *const pieces[] = {"5012", "1234", "-874", "+122", "35.54", "0.0035",
                                         "-110.7", "5.5e+3", "-.123e-2", "abc", "7e", "+-3",
                                         "6.E3", "-", "8.125", "nan"};
    uint32_t seed = iteration * 0x9E3779B9u + 7u;
    uint32_t pos = 0;
    for (;;) {
        const char *piece = pieces[bench_xorshift32(&seed) & 15u];
        uint32_t len = (uint32_t)strlen(piece);
        if (pos + len + 1 > TEXT_BYTES) {
            break;
        }
        memcpy(text + pos, piece, len);
        pos += len;
        text[pos++] = ',';
    }
    text[pos] = '\0';
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

/* Classifies one comma-separated token; counts every state transition. */
static enum scan_state scan_token(const char **cursor, uint32_t transitions[9]) {
    const char *p = *cursor;
    enum scan_state state = S_START;
    while (*p != '\0' && *p != ',') {
        char c = *p++;
        enum scan_state next = state;
        switch (state) {
        case S_START:
            next = is_digit(c) ? S_INT
                   : (c == '+' || c == '-') ? S_SIGN
                   : c == '.'               ? S_FRAC
                                            : S_WORD;
            break;
        case S_SIGN:
            next = is_digit(c) ? S_INT : c == '.' ? S_FRAC : S_INVALID;
            break;
        case S_INT:
            next = is_digit(c) ? S_INT : c == '.' ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
            break;
        case S_FRAC:
            next = is_digit(c) ? S_FRAC : (c == 'e' || c == 'E') ? S_EXP : S_INVALID;
            break;
        case S_EXP:
            next = (c == '+' || c == '-') ? S_EXP_SIGN : is_digit(c) ? S_SCI : S_INVALID;
            break;
        case S_EXP_SIGN:
        case S_SCI:
            next = is_digit(c) ? S_SCI : S_INVALID;
            break;
        case S_WORD:
            next = is_digit(c) ? S_INVALID : S_WORD;
            break;
        case S_INVALID:
            break;
        }
        if (next != state) {
            transitions[next]++;
        }
        state = next;
    }
    if (*p == ',') {
        p++;
    }
    *cursor = p;
    return state;
}

static uint16_t state_kernel(uint32_t iteration, uint16_t crc) {
    uint32_t final_counts[9] = {0};
    uint32_t transitions[9] = {0};
    text_build(iteration);
    const char *cursor = text;
    while (*cursor != '\0') {
        final_counts[scan_token(&cursor, transitions)]++;
    }
    for (int i = 0; i < 9; i++) {
        crc = crc16_u32(final_counts[i], crc);
        crc = crc16_u32(transitions[i], crc);
    }
    return crc;
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t iterations = bench_param(BENCH_SIZE(1500, 8));
    uint16_t crc = 0;
    uint32_t checksum = 0;
    for (uint32_t it = 0; it < iterations; it++) {
        crc = list_kernel(it, crc);
        crc = matrix_kernel(it, crc);
        crc = state_kernel(it, crc);
        checksum = bench_mix32(checksum, crc);
    }
    return checksum;
}

BENCH_MAIN_I32
