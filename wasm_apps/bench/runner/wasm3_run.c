/*
 * wasm3_run — the benchmark harness's runner for wasm3 (project code, written
 * against wasm3's public API in wasm3.h; wasm3 itself is compiled from the
 * pywasm3 0.5.0 sdist under build/ and never committed).
 *
 *   wasm3_run [--stats] [--stack BYTES] FILE.wasm FUNCTION
 *
 * Loads FILE.wasm, calls FUNCTION (no arguments) and prints its result the way
 * uwasm-run does: "i32:N" / "i64:N" (unsigned decimal), "f32:X" / "f64:X".
 * Exit status 0 on success, 1 on a trap or load error (message on stderr), 2 on
 * bad usage.
 *
 * With --stats it prints one line on stderr:
 *   wasm3-stats peak_bytes=P memory_bytes=M stack_bytes=S call_ns=T
 * where P is the high-water mark of every allocation wasm3 made (counted by the
 * wrappers below, linked with -Wl,--wrap=malloc,--wrap=calloc,...), M the linear
 * memory size and S the value stack size, both included in P.
 *
 * The call runs in runner_call(), kept out of line so that callgrind can count
 * exactly the call with --toggle-collect=runner_call.
 */
#include <errno.h>
#include <stddef.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "wasm3.h"

/* ---- counting allocator (every malloc/calloc/realloc/free of wasm3) ---- */

void *__real_malloc(size_t size);
void *__real_calloc(size_t count, size_t size);
void *__real_realloc(void *ptr, size_t size);
void __real_free(void *ptr);

void *__wrap_malloc(size_t size);
void *__wrap_calloc(size_t count, size_t size);
void *__wrap_realloc(void *ptr, size_t size);
void __wrap_free(void *ptr);

/* Each block carries its size in a header aligned like malloc's own blocks. */
typedef union {
    size_t size;
    max_align_t align;
} block_header;

typedef struct {
    size_t current;
    size_t peak;
} alloc_counter;

/* The wrappers have no context argument; this one counter is the runner's only static. */
static alloc_counter counter;

static void counter_add(size_t size) {
    counter.current += size;
    if (counter.current > counter.peak) {
        counter.peak = counter.current;
    }
}

void *__wrap_malloc(size_t size) {
    block_header *block = __real_malloc(sizeof(block_header) + size);
    if (block == NULL) {
        return NULL;
    }
    block->size = size;
    counter_add(size);
    return block + 1;
}

void *__wrap_calloc(size_t count, size_t size) {
    if (size != 0 && count > (SIZE_MAX - sizeof(block_header)) / size) {
        return NULL;
    }
    block_header *block = __real_calloc(1, sizeof(block_header) + count * size);
    if (block == NULL) {
        return NULL;
    }
    block->size = count * size;
    counter_add(count * size);
    return block + 1;
}

void __wrap_free(void *ptr) {
    if (ptr == NULL) {
        return;
    }
    block_header *block = (block_header *)ptr - 1;
    counter.current -= block->size;
    __real_free(block);
}

void *__wrap_realloc(void *ptr, size_t size) {
    if (ptr == NULL) {
        return __wrap_malloc(size);
    }
    block_header *old_block = (block_header *)ptr - 1;
    size_t old_size = old_block->size;
    block_header *block = __real_realloc(old_block, sizeof(block_header) + size);
    if (block == NULL) {
        return NULL;
    }
    block->size = size;
    counter.current -= old_size;
    counter_add(size);
    return block + 1;
}

/* ---- runner ---- */

typedef struct {
    const char *path;
    const char *function;
    uint32_t stack_bytes;
    int stats;
} runner_options;

static int parse_options(int argc, char **argv, runner_options *options) {
    options->path = NULL;
    options->function = NULL;
    options->stack_bytes = 64 * 1024;
    options->stats = 0;
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--stats") == 0) {
            options->stats = 1;
        } else if (strcmp(argv[i], "--stack") == 0 && i + 1 < argc) {
            char *end = NULL;
            unsigned long value = strtoul(argv[++i], &end, 10);
            if (end == NULL || *end != '\0' || value == 0 || value > UINT32_MAX) {
                return -1;
            }
            options->stack_bytes = (uint32_t)value;
        } else if (options->path == NULL) {
            options->path = argv[i];
        } else if (options->function == NULL) {
            options->function = argv[i];
        } else {
            return -1;
        }
    }
    return options->path != NULL && options->function != NULL ? 0 : -1;
}

/* Reads the whole file with the real allocator, so it does not count as wasm3's. */
static uint8_t *read_file(const char *path, uint32_t *size) {
    FILE *file = fopen(path, "rb");
    if (file == NULL) {
        fprintf(stderr, "wasm3_run: cannot open %s: %s\n", path, strerror(errno));
        return NULL;
    }
    uint8_t *bytes = NULL;
    long length = -1;
    if (fseek(file, 0, SEEK_END) == 0) {
        length = ftell(file);
    }
    if (length > 0 && length < INT32_MAX && fseek(file, 0, SEEK_SET) == 0) {
        bytes = __real_malloc((size_t)length);
        if (bytes != NULL && fread(bytes, 1, (size_t)length, file) != (size_t)length) {
            __real_free(bytes);
            bytes = NULL;
        }
    }
    fclose(file);
    if (bytes == NULL) {
        fprintf(stderr, "wasm3_run: cannot read %s\n", path);
        return NULL;
    }
    *size = (uint32_t)length;
    return bytes;
}

static uint64_t monotonic_ns(void) {
    struct timespec now;
    clock_gettime(CLOCK_MONOTONIC, &now);
    return (uint64_t)now.tv_sec * 1000000000u + (uint64_t)now.tv_nsec;
}

__attribute__((noinline)) M3Result runner_call(IM3Function function) {
    return m3_CallV(function);
}

static int print_result(IM3Function function) {
    if (m3_GetRetCount(function) == 0) {
        printf("\n");
        return 0;
    }
    M3Result result = m3Err_none;
    switch (m3_GetRetType(function, 0)) {
    case c_m3Type_i32: {
        uint32_t value = 0;
        result = m3_GetResultsV(function, &value);
        if (result == m3Err_none) {
            printf("i32:%" PRIu32 "\n", value);
        }
        break;
    }
    case c_m3Type_i64: {
        uint64_t value = 0;
        result = m3_GetResultsV(function, &value);
        if (result == m3Err_none) {
            printf("i64:%" PRIu64 "\n", value);
        }
        break;
    }
    case c_m3Type_f32: {
        float value = 0;
        result = m3_GetResultsV(function, &value);
        if (result == m3Err_none) {
            printf("f32:%.9g\n", (double)value);
        }
        break;
    }
    case c_m3Type_f64: {
        double value = 0;
        result = m3_GetResultsV(function, &value);
        if (result == m3Err_none) {
            printf("f64:%.17g\n", value);
        }
        break;
    }
    default:
        result = "unsupported result type";
        break;
    }
    if (result != m3Err_none) {
        fprintf(stderr, "wasm3_run: cannot read the result: %s\n", result);
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    runner_options options;
    if (parse_options(argc, argv, &options) != 0) {
        fprintf(stderr, "usage: wasm3_run [--stats] [--stack BYTES] FILE.wasm FUNCTION\n");
        return 2;
    }
    uint32_t size = 0;
    uint8_t *bytes = read_file(options.path, &size);
    if (bytes == NULL) {
        return 1;
    }
    int status = 1;
    const char *stage = "environment";
    M3Result result = m3Err_mallocFailed;
    IM3Environment environment = m3_NewEnvironment();
    IM3Runtime runtime = NULL;
    IM3Module module = NULL;
    IM3Function function = NULL;
    uint64_t call_ns = 0;
    if (environment == NULL) {
        goto done;
    }
    stage = "runtime";
    runtime = m3_NewRuntime(environment, options.stack_bytes, NULL);
    if (runtime == NULL) {
        goto done;
    }
    stage = "parse";
    result = m3_ParseModule(environment, &module, bytes, size);
    if (result != m3Err_none) {
        goto done;
    }
    stage = "load";
    result = m3_LoadModule(runtime, module);
    if (result != m3Err_none) {
        m3_FreeModule(module);
        goto done;
    }
    stage = "find";
    result = m3_FindFunction(&function, runtime, options.function);
    if (result != m3Err_none) {
        goto done;
    }
    stage = "call";
    if (m3_GetArgCount(function) != 0) {
        result = "the function takes arguments";
        goto done;
    }
    uint64_t start = monotonic_ns();
    result = runner_call(function);
    call_ns = monotonic_ns() - start;
    if (result != m3Err_none) {
        goto done;
    }
    status = print_result(function);
    if (options.stats) {
        uint32_t memory_bytes = 0;
        m3_GetMemory(runtime, &memory_bytes, 0);
        fprintf(stderr,
                "wasm3-stats peak_bytes=%zu memory_bytes=%" PRIu32 " stack_bytes=%" PRIu32
                " call_ns=%" PRIu64 "\n",
                counter.peak, memory_bytes, options.stack_bytes, call_ns);
    }
done:
    if (status != 0 && result != m3Err_none) {
        M3ErrorInfo info;
        memset(&info, 0, sizeof info);
        if (runtime != NULL) {
            m3_GetErrorInfo(runtime, &info);
        }
        fprintf(stderr, "wasm3_run: %s failed: %s%s%s\n", stage, result,
                info.message != NULL ? ": " : "", info.message != NULL ? info.message : "");
    }
    if (runtime != NULL) {
        m3_FreeRuntime(runtime);
    }
    if (environment != NULL) {
        m3_FreeEnvironment(environment);
    }
    __real_free(bytes);
    return status;
}
