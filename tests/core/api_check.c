/* api_check.c — checks of the public API (uwasm.h) that the command line
 * cannot reach: fuel and resume, interrupt, stack limits, host failures and
 * re-entry, link errors, memory limits, the allocator limit, read-only bytes.
 * Built and run by tests/core/test_api.py:  api_check <check> <files...> */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <fcntl.h>
#include <unistd.h>
#include "uwasm.h"

static int failures;
#define CHECK(cond, ...)                                                                           \
    do {                                                                                           \
        if (!(cond)) {                                                                             \
            printf("FAIL %s:%d: %s: ", __FILE__, __LINE__, #cond);                                 \
            printf(__VA_ARGS__);                                                                   \
            printf("\n");                                                                          \
            failures++;                                                                            \
        }                                                                                          \
    } while (0)

static void *a_alloc(void *u, size_t n) { (void)u; return malloc(n); }
static void a_free(void *u, void *p, size_t n) { (void)u; (void)n; free(p); }

static uw_allocator make_alloc(size_t limit)
{
    uw_allocator a;
    memset(&a, 0, sizeof a);
    a.alloc = a_alloc;
    a.free = a_free;
    a.limit = limit;
    return a;
}

/* map the file read-only: any write by the core faults */
/* Every instance gets the translation budget of UW_API_BUDGET (default 0:
 * in place), so each check runs on both executors (test_core_api.py). */
static uw_instance *instantiate(uw_module *m, const uw_import_def *defs, size_t n,
                                const uw_config *cfg, uw_status *st)
{
    uw_config c;
    const char *budget = getenv("UW_API_BUDGET");
    if (cfg) c = *cfg;
    else memset(&c, 0, sizeof c);
    c.translate_budget = budget ? (uint32_t)strtoul(budget, NULL, 0) : 0;
    return uw_instantiate(m, defs, n, &c, st);
}

static const uint8_t *map_file(const char *path, size_t *len)
{
    struct stat sb;
    int fd = open(path, O_RDONLY);
    void *p;
    if (fd < 0 || fstat(fd, &sb) != 0) {
        perror(path);
        exit(2);
    }
    *len = (size_t)sb.st_size;
    p = mmap(NULL, *len, PROT_READ, MAP_PRIVATE, fd, 0);
    close(fd);
    if (p == MAP_FAILED) {
        perror("mmap");
        exit(2);
    }
    return p;
}

static const uint8_t T_I[] = {UW_I32};
static int host_calls;

static int host_add1(void *user, uw_instance *caller, const uw_value *args, uw_value *results)
{
    (void)user;
    (void)caller;
    host_calls++;
    if (args[0].i32 == 13) return 5; /* the host's failure */
    results[0].i32 = args[0].i32 + 1;
    return 0;
}

/* calls back into the calling instance: fib(arg) */
static int host_reenter(void *user, uw_instance *caller, const uw_value *args, uw_value *results)
{
    uw_status st;
    uint32_t fib = *(uint32_t *)user;
    uw_value r;
    if (uw_call(caller, fib, args, 1, &r, 1, -1, &st) != UW_OK) return 9;
    results[0].i32 = r.i32 * 10;
    return 0;
}

typedef struct env {
    uw_allocator a;
    uw_module *m;
    uw_instance *inst;
    uw_status st;
} env;

static uint32_t ex(env *e, const char *name)
{
    uint32_t i = uw_module_find_export(e->m, name, strlen(name));
    CHECK(i != UW_NO_INDEX, "export %s", name);
    return i;
}

static void open_api(env *e, const char *path, uw_host_fn fn, void *user, const uw_config *cfg)
{
    size_t len;
    const uint8_t *b = map_file(path, &len);
    uw_import_def def;
    e->a = make_alloc(64u << 20);
    e->m = uw_module_load(&e->a, b, len, &e->st);
    if (!e->m) {
        printf("FAIL load: %s\n", e->st.msg);
        exit(1);
    }
    memset(&def, 0, sizeof def);
    def.module = "env";
    def.name = "host";
    def.fn = fn;
    def.user = user;
    def.type.nparams = 1;
    def.type.params = T_I;
    def.type.nresults = 1;
    def.type.results = T_I;
    e->inst = instantiate(e->m, &def, 1, cfg, &e->st);
    if (!e->inst) {
        printf("FAIL instantiate: %s\n", e->st.msg);
        exit(1);
    }
}

static void close_env(env *e)
{
    uw_instance_free(e->inst);
    uw_module_free(e->m);
    CHECK(e->a.used == 0, "allocator not empty after free: %zu", e->a.used);
}

static int check_fuel(const char *path)
{
    env e;
    uw_value arg, r1, r2;
    uw_kind k;
    int pauses = 0;
    int64_t used_total;
    const int64_t step = 1000;
    open_api(&e, path, host_add1, NULL, NULL);
    /* uninterrupted, with a large budget to count what it uses */
    arg.i32 = 100000;
    k = uw_call(e.inst, ex(&e, "sum"), &arg, 1, &r1, 1, 1000000000, &e.st);
    CHECK(k == UW_OK, "%s", e.st.msg);
    used_total = 1000000000 - uw_fuel_left(e.inst);
    CHECK(used_total == 100000, "one unit per loop back-edge: used %lld", (long long)used_total);
    /* sliced */
    k = uw_call(e.inst, ex(&e, "sum"), &arg, 1, &r2, 1, step, &e.st);
    while (k == UW_OUT_OF_FUEL) {
        pauses++;
        CHECK(uw_fuel_left(e.inst) == 0, "fuel left at pause");
        k = uw_resume(e.inst, &r2, 1, step, &e.st);
    }
    CHECK(k == UW_OK, "%s", e.st.msg);
    CHECK(r1.i64 == r2.i64, "resumed %lld vs %lld", (long long)r2.i64, (long long)r1.i64);
    CHECK(r1.i64 == 333338333350000LL, "sum of squares %lld", (long long)r1.i64);
    CHECK(pauses == 99, "pauses %d", pauses);
    /* recursion: fuel counts calls too; fuel 1 per slice */
    arg.i32 = 15;
    k = uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r1, 1, -1, &e.st);
    CHECK(k == UW_OK && r1.i32 == 610, "fib(15) = %d", r1.i32);
    pauses = 0;
    k = uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r2, 1, 1, &e.st);
    while (k == UW_OUT_OF_FUEL) {
        pauses++;
        k = uw_resume(e.inst, &r2, 1, 1, &e.st);
    }
    CHECK(k == UW_OK && r2.i32 == 610, "sliced fib(15) = %d", r2.i32);
    CHECK(pauses == 1971, "fib(15) makes 1972 calls: 1972 slices of one unit: %d pauses", pauses);
    /* zero fuel: no progress, resumable */
    k = uw_call(e.inst, ex(&e, "sum"), &arg, 1, &r2, 1, 0, &e.st);
    CHECK(k == UW_OUT_OF_FUEL, "zero fuel gives %d", k);
    k = uw_resume(e.inst, &r2, 1, -1, &e.st);
    CHECK(k == UW_OK && r2.i64 == 1240, "sum(15) after resume = %lld", (long long)r2.i64);
    /* a new call abandons a paused one */
    k = uw_call(e.inst, ex(&e, "sum"), &arg, 1, &r2, 1, 3, &e.st);
    CHECK(k == UW_OUT_OF_FUEL, "paused");
    k = uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r2, 1, -1, &e.st);
    CHECK(k == UW_OK && r2.i32 == 610, "call after abandoning");
    CHECK(uw_resume(e.inst, &r2, 1, -1, &e.st) == UW_BAD_ARGUMENT, "nothing to resume");
    close_env(&e);
    return failures;
}

static int check_interrupt(const char *path)
{
    env e;
    volatile int flag = 1;
    uw_config cfg;
    uw_value arg, r;
    uw_kind k;
    memset(&cfg, 0, sizeof cfg);
    cfg.interrupt = &flag;
    open_api(&e, path, host_add1, NULL, &cfg);
    arg.i32 = 1000;
    k = uw_call(e.inst, ex(&e, "sum"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_INTERRUPTED, "interrupted: %d", k);
    CHECK(flag == 0, "flag cleared");
    k = uw_resume(e.inst, &r, 1, -1, &e.st);
    CHECK(k == UW_OK && r.i64 == 333833500, "resumed result %lld", (long long)r.i64);
    close_env(&e);
    return failures;
}

static int check_exhaustion(const char *path)
{
    env e;
    uw_config cfg;
    uw_value arg, r;
    uw_kind k;
    memset(&cfg, 0, sizeof cfg);
    cfg.call_depth = 100;
    open_api(&e, path, host_add1, NULL, &cfg);
    arg.i32 = 0;
    k = uw_call(e.inst, ex(&e, "recurse"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_TRAP_STACK_EXHAUSTED, "kind %d %s", k, e.st.msg);
    CHECK(strcmp(e.st.msg, "call stack exhausted") == 0, "msg %s", e.st.msg);
    CHECK(e.st.func == 3 && e.st.offset != UW_NO_INDEX, "func %u offset %u", e.st.func, e.st.offset);
    arg.i32 = 20;
    k = uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_OK && r.i32 == 6765, "usable after exhaustion: %d", r.i32);
    close_env(&e);
    /* value stack smaller than the frames need */
    memset(&cfg, 0, sizeof cfg);
    cfg.stack_slots = 64;
    cfg.call_depth = 100000;
    open_api(&e, path, host_add1, NULL, &cfg);
    arg.i32 = 0;
    k = uw_call(e.inst, ex(&e, "recurse"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_TRAP_STACK_EXHAUSTED, "value stack: kind %d", k);
    arg.i32 = 5;
    k = uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_OK && r.i32 == 5, "small fib fits: %d", r.i32);
    close_env(&e);
    return failures;
}

static int check_host(const char *path)
{
    env e;
    uw_value arg, r, g;
    uw_kind k;
    uint32_t fib;
    open_api(&e, path, host_add1, NULL, NULL);
    arg.i32 = 13;
    k = uw_call(e.inst, ex(&e, "call_host"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_TRAP_HOST, "kind %d", k);
    CHECK(e.st.host_code == 5, "host code %d", e.st.host_code);
    CHECK(strstr(e.st.msg, "env.host") != NULL, "msg %s", e.st.msg);
    arg.i32 = 41;
    k = uw_call(e.inst, ex(&e, "call_host"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_OK && r.i32 == 42, "usable after host failure: %d", r.i32);
    CHECK(uw_global_get(e.inst, ex(&e, "counter"), &g) == 0 && g.i32 == 2, "counter %d", g.i32);
    g.i32 = 100;
    CHECK(uw_global_set(e.inst, ex(&e, "counter"), g) == 0, "set global");
    k = uw_call(e.inst, ex(&e, "call_host"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(uw_global_get(e.inst, ex(&e, "counter"), &g) == 0 && g.i32 == 101, "counter %d", g.i32);
    close_env(&e);
    /* a host function that calls back into its caller */
    fib = 1;
    open_api(&e, path, host_reenter, &fib, NULL);
    fib = ex(&e, "fib");
    arg.i32 = 10;
    k = uw_call(e.inst, ex(&e, "call_host"), &arg, 1, &r, 1, -1, &e.st);
    CHECK(k == UW_OK && r.i32 == 550, "re-entry: %d (%s)", r.i32, e.st.msg);
    close_env(&e);
    return failures;
}

static int check_link(const char *path)
{
    size_t len;
    const uint8_t *b = map_file(path, &len);
    uw_allocator a = make_alloc(1u << 24);
    uw_status st;
    uw_module *m = uw_module_load(&a, b, len, &st);
    uw_import_def def;
    static const uint8_t L[] = {UW_I64};
    uw_extern_desc d;
    CHECK(m != NULL, "load");
    CHECK(uw_module_import_count(m) == 1, "imports");
    CHECK(uw_module_import(m, 0, &d) == 0 && d.kind == UW_EXTERN_FUNC && d.func.nparams == 1 &&
              d.func.params[0] == UW_I32 && d.module_len == 3 && memcmp(d.name, "host", 4) == 0,
          "import desc");
    CHECK(uw_module_export_count(m) == 10, "exports %u", uw_module_export_count(m));
    CHECK(instantiate(m, NULL, 0, NULL, &st) == NULL && st.kind == UW_LINK, "missing import");
    CHECK(strstr(st.msg, "unknown import env.host") != NULL, "msg %s", st.msg);
    memset(&def, 0, sizeof def);
    def.module = "env";
    def.name = "host";
    def.fn = host_add1;
    def.type.nparams = 1;
    def.type.params = L;
    CHECK(instantiate(m, &def, 1, NULL, &st) == NULL && st.kind == UW_LINK, "wrong type");
    CHECK(strstr(st.msg, "env.host") && strstr(st.msg, "(i32) -> (i32)") && strstr(st.msg, "(i64) -> ()"),
          "msg %s", st.msg);
    uw_module_free(m);
    CHECK(a.used == 0, "allocator empty");
    return failures;
}

static uw_instance *inst_with_limit(uw_allocator *a, const char *path, uint64_t limit, uw_module **mo,
                                    uw_status *st)
{
    size_t len;
    const uint8_t *b = map_file(path, &len);
    uw_config cfg;
    *mo = uw_module_load(a, b, len, st);
    if (!*mo) return NULL;
    memset(&cfg, 0, sizeof cfg);
    cfg.memory_limit = limit;
    return instantiate(*mo, NULL, 0, &cfg, st);
}

static int check_memlimit(const char *heap, const char *growing, const char *small)
{
    uw_allocator a = make_alloc(1u << 24);
    uw_status st;
    uw_module *m;
    uw_instance *inst;
    uw_memory_view mv;
    uw_value arg, r;
    /* cannot grow + __heap_base: shrunk to the heap base */
    inst = inst_with_limit(&a, heap, 4096, &m, &st);
    CHECK(inst != NULL, "heap module: %s", st.msg);
    if (!inst) return failures;
    CHECK(uw_memory(inst, 0, &mv) == 0 && mv.size == 1024, "size %llu", (unsigned long long)mv.size);
    CHECK(a.high_water < 131072, "the 128 KiB minimum was never allocated: high water %zu", a.high_water);
    arg.i32 = 16;
    CHECK(uw_call(inst, uw_module_find_export(m, "load8", 5), &arg, 1, &r, 1, -1, &st) == UW_OK &&
              r.i32 == 'h', "data kept");
    arg.i32 = 1024;
    CHECK(uw_call(inst, uw_module_find_export(m, "load8", 5), &arg, 1, &r, 1, -1, &st) ==
              UW_TRAP_MEMORY_OOB, "past the heap base traps");
    uw_instance_free(inst);
    uw_module_free(m);
    /* can grow: refused with a clear error */
    inst = inst_with_limit(&a, growing, 4096, &m, &st);
    CHECK(inst == NULL && st.kind == UW_MEMORY_LIMIT, "growing refused: %d", st.kind);
    CHECK(strstr(st.msg, "131072") && strstr(st.msg, "4096"), "msg %s", st.msg);
    uw_module_free(m);
    /* no limit: full size */
    inst = inst_with_limit(&a, heap, 0, &m, &st);
    CHECK(inst && uw_memory(inst, 0, &mv) == 0 && mv.size == 131072, "unlimited");
    uw_instance_free(inst);
    uw_module_free(m);
    /* 1-byte pages grow up to the limit */
    inst = inst_with_limit(&a, small, 150, &m, &st);
    CHECK(inst != NULL, "small pages: %s", st.msg);
    if (!inst) return failures;
    arg.i32 = 50;
    CHECK(uw_call(inst, uw_module_find_export(m, "grow", 4), &arg, 1, &r, 1, -1, &st) == UW_OK &&
              r.i32 == 100, "grow 50 -> old size 100: %d", r.i32);
    arg.i32 = 1;
    CHECK(uw_call(inst, uw_module_find_export(m, "grow", 4), &arg, 1, &r, 1, -1, &st) == UW_OK &&
              r.i32 == -1, "grow past limit fails: %d", r.i32);
    CHECK(uw_memory_grow(inst, 0, 1) == -1, "API grow past limit");
    CHECK(uw_memory(inst, 0, &mv) == 0 && mv.size == 150 && mv.page_size_log2 == 0, "size 150");
    arg.i32 = 149;
    CHECK(uw_call(inst, uw_module_find_export(m, "load8", 5), &arg, 1, &r, 1, -1, &st) == UW_OK,
          "last byte");
    arg.i32 = 150;
    CHECK(uw_call(inst, uw_module_find_export(m, "load8", 5), &arg, 1, &r, 1, -1, &st) ==
              UW_TRAP_MEMORY_OOB, "past the end");
    uw_instance_free(inst);
    uw_module_free(m);
    CHECK(a.used == 0, "allocator empty: %zu", a.used);
    return failures;
}

/* every allocator limit from tiny to enough: failures are clean OOM values */
static int check_alloclimit(const char *path)
{
    size_t len;
    const uint8_t *b = map_file(path, &len);
    size_t limit;
    int ok_seen = 0;
    uw_import_def def;
    memset(&def, 0, sizeof def);
    def.module = "env";
    def.name = "host";
    def.fn = host_add1;
    def.type.nparams = def.type.nresults = 1;
    def.type.params = def.type.results = T_I;
    for (limit = 0; limit < 200000 && !ok_seen; limit += limit < 4096 ? 64 : 1024) {
        uw_allocator a = make_alloc(limit);
        uw_status st;
        uw_module *m = uw_module_load(&a, b, len, &st);
        uw_config cfg;
        memset(&cfg, 0, sizeof cfg);
        cfg.stack_slots = 256;
        cfg.call_depth = 32;
        if (m) {
            uw_instance *inst = instantiate(m, &def, 1, &cfg, &st);
            if (inst) {
                ok_seen = 1;
                printf("smallest working allocator limit: %zu (high water %zu)\n", limit, a.high_water);
                uw_instance_free(inst);
            } else {
                CHECK(st.kind == UW_OUT_OF_MEMORY, "instantiate at %zu: %d %s", limit, st.kind, st.msg);
            }
            uw_module_free(m);
        } else {
            CHECK(st.kind == UW_OUT_OF_MEMORY, "load at %zu: %d %s", limit, st.kind, st.msg);
        }
        CHECK(a.high_water <= limit, "high water %zu over limit %zu", a.high_water, limit);
        CHECK(a.used == 0, "leak at limit %zu: %zu", limit, a.used);
    }
    CHECK(ok_seen, "never instantiated");
    return failures;
}

static int check_readonly(const char *path)
{
    env e;
    uw_value arg, r;
    open_api(&e, path, host_add1, NULL, NULL); /* bytes are mapped PROT_READ */
    arg.i32 = 25;
    CHECK(uw_call(e.inst, ex(&e, "fib"), &arg, 1, &r, 1, -1, &e.st) == UW_OK && r.i32 == 75025,
          "fib(25) from read-only bytes: %d", r.i32);
    close_env(&e);
    return failures;
}

static int check_exports(const char *path)
{
    env e;
    uw_memory_view mv;
    uw_value arg[2], r, g;
    uint32_t mem = 0, fib = 0;
    open_api(&e, path, host_add1, NULL, NULL);
    mem = ex(&e, "memory");
    fib = ex(&e, "fib");
    CHECK(uw_memory_export(e.inst, mem, &mv) == 0 && mv.size == 65536 && mv.pages == 1 &&
              mv.page_size_log2 == 16, "memory view");
    CHECK(uw_memory_export(e.inst, fib, &mv) != 0, "a function is not a memory");
    CHECK(uw_global_get(e.inst, mem, &g) != 0, "a memory is not a global");
    arg[0].i32 = 100;
    arg[1].i32 = 0x12345678;
    CHECK(uw_call(e.inst, ex(&e, "store"), arg, 2, NULL, 0, -1, &e.st) == UW_OK, "store");
    CHECK(mv.base[100] == 0x78 && mv.base[103] == 0x12, "host sees the store (little-endian)");
    CHECK(uw_memory_grow(e.inst, 0, 2) == 1, "grow by API");
    CHECK(uw_memory_export(e.inst, mem, &mv) == 0 && mv.size == 3 * 65536, "new size");
    CHECK(mv.base[100] == 0x78, "contents kept across a grow (base may move)");
    CHECK(uw_memory_grow(e.inst, 0, 2) == -1, "max 4 pages");
    CHECK(uw_call(e.inst, ex(&e, "size"), NULL, 0, &r, 1, -1, &e.st) == UW_OK && r.i32 == 3, "size 3");
    arg[0].i32 = 3 * 65536 - 4;
    CHECK(uw_call(e.inst, ex(&e, "load"), arg, 1, &r, 1, -1, &e.st) == UW_OK && r.i32 == 0, "last word");
    arg[0].i32 = 3 * 65536 - 3;
    CHECK(uw_call(e.inst, ex(&e, "load"), arg, 1, &r, 1, -1, &e.st) == UW_TRAP_MEMORY_OOB, "past end");
    CHECK(e.st.func == 8 && e.st.offset != UW_NO_INDEX, "trap location func %u", e.st.func);
    /* wrong argument counts are refused, not executed */
    CHECK(uw_call(e.inst, fib, arg, 2, &r, 1, -1, &e.st) == UW_BAD_ARGUMENT, "too many args");
    CHECK(uw_call(e.inst, fib, arg, 1, &r, 0, -1, &e.st) == UW_BAD_ARGUMENT, "no room for results");
    CHECK(uw_call(e.inst, mem, arg, 1, &r, 1, -1, &e.st) == UW_BAD_ARGUMENT, "not a function");
    close_env(&e);
    return failures;
}

/* a trap during instantiation after a segment wrote into an imported table */
static int check_partial(const char *owner_path, const char *filler_path)
{
    size_t l1, l2;
    const uint8_t *b1 = map_file(owner_path, &l1), *b2 = map_file(filler_path, &l2);
    uw_allocator a = make_alloc(1u << 24);
    uw_status st;
    uw_module *mo = uw_module_load(&a, b1, l1, &st), *mf;
    uw_instance *owner = instantiate(mo, NULL, 0, NULL, &st);
    uw_import_def def;
    uw_config cfg;
    uint64_t ref = 1;
    size_t used_before;
    uint32_t tab = uw_module_find_export(mo, "tab", 3);
    CHECK(owner != NULL, "owner: %s", st.msg);
    mf = uw_module_load(&a, b2, l2, &st);
    CHECK(mf != NULL, "filler: %s", st.msg);
    memset(&def, 0, sizeof def);
    def.module = "owner";
    def.name = "tab";
    def.from = owner;
    def.export_index = tab;
    used_before = a.used;
    /* default: the reference the first segment stored is scrubbed, all freed */
    CHECK(instantiate(mf, &def, 1, NULL, &st) == NULL && st.kind == UW_TRAP_TABLE_OOB, "trap: %d", st.kind);
    CHECK(uw_table_get(owner, tab, 7, &ref) == 0 && ref == 0, "scrubbed: %llu", (unsigned long long)ref);
    CHECK(a.used == used_before, "freed: %zu vs %zu", a.used, used_before);
    /* keep_partial: the spec's store semantics; the function stays callable */
    memset(&cfg, 0, sizeof cfg);
    cfg.keep_partial = 1;
    CHECK(instantiate(mf, &def, 1, &cfg, &st) == NULL && st.kind == UW_TRAP_TABLE_OOB, "trap again");
    CHECK(uw_table_get(owner, tab, 7, &ref) == 0 && ref != 0, "kept");
    {
        uw_value r;
        CHECK(uw_call_ref(owner, ref, NULL, 0, &r, 1, -1, &st) == UW_OK && r.i32 == 42, "callable: %d", r.i32);
    }
    CHECK(a.used > used_before, "the kept instance still holds its memory");
    uw_instance_free(owner);
    uw_module_free(mo); /* mf stays: the kept instance refers to it (by design) */
    return failures;
}

int main(int argc, char **argv)
{
    int rc;
    if (argc < 3) {
        fprintf(stderr, "usage: api_check <check> <wasm files...>\n");
        return 2;
    }
    if (!strcmp(argv[1], "fuel")) rc = check_fuel(argv[2]);
    else if (!strcmp(argv[1], "interrupt")) rc = check_interrupt(argv[2]);
    else if (!strcmp(argv[1], "exhaustion")) rc = check_exhaustion(argv[2]);
    else if (!strcmp(argv[1], "host")) rc = check_host(argv[2]);
    else if (!strcmp(argv[1], "link")) rc = check_link(argv[2]);
    else if (!strcmp(argv[1], "memlimit") && argc == 5) rc = check_memlimit(argv[2], argv[3], argv[4]);
    else if (!strcmp(argv[1], "alloclimit")) rc = check_alloclimit(argv[2]);
    else if (!strcmp(argv[1], "readonly")) rc = check_readonly(argv[2]);
    else if (!strcmp(argv[1], "exports")) rc = check_exports(argv[2]);
    else if (!strcmp(argv[1], "partial") && argc == 4) rc = check_partial(argv[2], argv[3]);
    else {
        fprintf(stderr, "unknown check %s\n", argv[1]);
        return 2;
    }
    if (rc == 0) printf("ok\n");
    return rc ? 1 : 0;
}
