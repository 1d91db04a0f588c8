/*
 * tokenize: a lexer for a C-like language over generated source text —
 * character classification, keyword lookup, numbers, strings and comments:
 * byte loads and data-dependent branches, the shape of a parser's front end.
 */
#include "bench.h"

#define SOURCE_BYTES 12288u

enum token_kind {
    T_IDENT,
    T_KEYWORD,
    T_NUMBER,
    T_HEX,
    T_STRING,
    T_CHAR,
    T_OPERATOR,
    T_PUNCT,
    T_COMMENT,
    T_ERROR,
    T_KINDS
};

static char source[SOURCE_BYTES + 1];

static const char *const keywords[] = {
    "break", "case", "char", "const", "continue", "do", "else", "enum", "for", "if",
    "int", "return", "sizeof", "static", "struct", "switch", "typedef", "unsigned", "void", "while",
};
#define KEYWORD_COUNT (sizeof keywords / sizeof keywords[0])

static const char *const fragments[] = {
    "int ", "x", "y1", "count", "_tmp", " = ", "42", "0x1F", "3.25", "1e-3", ";", "\n",
    "if (", ")", " { ", " }", "while", " return ", "\"str\\\"ing\"", "'c'", "/* note */",
    "// line\n", " + ", " << ", " >>= ", " && ", " != ", "->", "++", "static ", "struct s",
    "0755", "[i]", ", ", "sizeof(", "typedef ", "unsigned ", "@", "\"open", "_",
};
#define FRAGMENT_COUNT (sizeof fragments / sizeof fragments[0])

static void generate_source(uint32_t seed) {
    uint32_t pos = 0;
    for (;;) {
        const char *piece = fragments[bench_xorshift32(&seed) % FRAGMENT_COUNT];
        uint32_t len = (uint32_t)strlen(piece);
        if (pos + len > SOURCE_BYTES) {
            break;
        }
        memcpy(source + pos, piece, len);
        pos += len;
    }
    source[pos] = '\0';
}

static int is_alpha(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '_';
}

static int is_digit(char c) {
    return c >= '0' && c <= '9';
}

static int is_hex_digit(char c) {
    return is_digit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

/* Binary search in the sorted keyword table; the word is not NUL-terminated. */
static int keyword_index(const char *word, uint32_t length) {
    int low = 0, high = (int)KEYWORD_COUNT - 1;
    while (low <= high) {
        int mid = (low + high) / 2;
        const char *k = keywords[mid];
        uint32_t i = 0;
        while (i < length && k[i] != '\0' && k[i] == word[i]) {
            i++;
        }
        int order = (i == length) ? (k[i] == '\0' ? 0 : -1) : (k[i] == '\0' ? 1 : (unsigned char)word[i] - (unsigned char)k[i]);
        if (order == 0) {
            return mid;
        }
        if (order < 0) {
            high = mid - 1;
        } else {
            low = mid + 1;
        }
    }
    return -1;
}

/* Scans one token starting at *cursor (after whitespace); returns its kind. */
static enum token_kind next_token(const char **cursor, uint32_t *value) {
    const char *p = *cursor;
    const char *start = p;
    enum token_kind kind;
    char c = *p;
    *value = 0;
    if (is_alpha(c)) {
        while (is_alpha(*p) || is_digit(*p)) {
            p++;
        }
        int index = keyword_index(start, (uint32_t)(p - start));
        kind = index >= 0 ? T_KEYWORD : T_IDENT;
        *value = index >= 0 ? (uint32_t)index : (uint32_t)(p - start);
    } else if (c == '0' && (p[1] == 'x' || p[1] == 'X')) {
        p += 2;
        while (is_hex_digit(*p)) {
            char h = *p++;
            *value = *value * 16u + (uint32_t)(is_digit(h) ? h - '0' : (h | 0x20) - 'a' + 10);
        }
        kind = T_HEX;
    } else if (is_digit(c) || (c == '.' && is_digit(p[1]))) {
        while (is_digit(*p)) {
            *value = *value * 10u + (uint32_t)(*p++ - '0');
        }
        if (*p == '.') {
            p++;
            while (is_digit(*p)) {
                p++;
            }
        }
        if (*p == 'e' || *p == 'E') {
            p++;
            if (*p == '+' || *p == '-') {
                p++;
            }
            while (is_digit(*p)) {
                p++;
            }
        }
        kind = T_NUMBER;
    } else if (c == '"' || c == '\'') {
        p++;
        while (*p != '\0' && *p != c && *p != '\n') {
            p += (*p == '\\' && p[1] != '\0') ? 2 : 1;
        }
        kind = *p == c ? (c == '"' ? T_STRING : T_CHAR) : T_ERROR;
        if (*p == c) {
            p++;
        }
        *value = (uint32_t)(p - start);
    } else if (c == '/' && p[1] == '*') {
        p += 2;
        while (*p != '\0' && !(p[0] == '*' && p[1] == '/')) {
            p++;
        }
        p += *p != '\0' ? 2 : 0;
        kind = T_COMMENT;
    } else if (c == '/' && p[1] == '/') {
        while (*p != '\0' && *p != '\n') {
            p++;
        }
        kind = T_COMMENT;
    } else {
        switch (c) {
        case '(': case ')': case '{': case '}': case '[': case ']': case ';': case ',':
            p++;
            kind = T_PUNCT;
            break;
        case '+': case '-': case '&': case '|':
            /* ++ -- && || += -= &= |= -> */
            p++;
            if (*p == c || *p == '=' || (c == '-' && *p == '>')) {
                p++;
            }
            kind = T_OPERATOR;
            break;
        case '<': case '>':
            /* < <= << <<= and the same with > */
            p++;
            if (*p == c) {
                p++;
            }
            if (*p == '=') {
                p++;
            }
            kind = T_OPERATOR;
            break;
        case '=': case '!': case '*': case '/': case '%': case '^':
            p++;
            if (*p == '=') {
                p++;
            }
            kind = T_OPERATOR;
            break;
        default:
            p++;
            kind = T_ERROR;
            break;
        }
        *value = (uint32_t)(unsigned char)c;
    }
    *cursor = p;
    return kind;
}

static uint32_t tokenize(const char *text, uint32_t counts[T_KINDS]) {
    uint32_t hash = 2166136261u;
    uint32_t line = 1;
    const char *p = text;
    for (;;) {
        while (*p == ' ' || *p == '\n' || *p == '\t') {
            line += *p == '\n';
            p++;
        }
        if (*p == '\0') {
            break;
        }
        uint32_t value;
        enum token_kind kind = next_token(&p, &value);
        counts[kind]++;
        hash = bench_mix32(hash, (uint32_t)kind << 24 ^ value ^ line << 12);
    }
    return bench_mix32(hash, line);
}

BENCH_EXPORT uint32_t run(void) {
    uint32_t rounds = bench_param(BENCH_SIZE(300, 3));
    uint32_t counts[T_KINDS] = {0};
    uint32_t checksum = 0;
    for (uint32_t r = 0; r < rounds; r++) {
        if ((r & 7u) == 0) {
            generate_source(0x5EED0000u + r);
        }
        checksum += tokenize(source, counts);
    }
    for (int k = 0; k < T_KINDS; k++) {
        checksum = bench_mix32(checksum, counts[k]);
    }
    return checksum;
}

BENCH_MAIN_I32
