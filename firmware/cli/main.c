/* main.c — uwasm-run: load a module, instantiate it (with the spectest
 * imports or none), call one export with typed arguments, print typed
 * results; or serve the spec runner's line protocol (--batch). */
#include <errno.h>
#include <inttypes.h>
#include "cli.h"
#include "uw_config.h" /* the core's default stack size, for --stats */

static void *sys_alloc(void *user, size_t n)
{
    (void)user;
    return malloc(n);
}
static void sys_free(void *user, void *p, size_t n)
{
    (void)user;
    (void)n;
    free(p);
}
static void *sys_realloc(void *user, void *p, size_t old_n, size_t new_n)
{
    (void)user;
    (void)old_n;
    return realloc(p, new_n);
}

uw_allocator *cli_allocator(size_t limit)
{
    static uw_allocator a;
    a.alloc = sys_alloc;
    a.free = sys_free;
    a.realloc = sys_realloc;
    a.user = NULL;
    a.limit = limit;
    return &a;
}

uint8_t *cli_read_file(const char *path, size_t *len)
{
    FILE *f = fopen(path, "rb");
    uint8_t *buf;
    long n;
    if (!f) return NULL;
    fseek(f, 0, SEEK_END);
    n = ftell(f);
    fseek(f, 0, SEEK_SET);
    buf = malloc(n > 0 ? (size_t)n : 1);
    if (!buf || (n > 0 && fread(buf, 1, (size_t)n, f) != (size_t)n)) {
        fclose(f);
        free(buf);
        return NULL;
    }
    fclose(f);
    *len = (size_t)n;
    return buf;
}

void cli_config(const cli_options *opt, uw_config *cfg)
{
    memset(cfg, 0, sizeof *cfg);
    cfg->memory_limit = opt->memory_limit;
    cfg->call_depth = opt->call_depth;
    cfg->stack_slots = opt->stack_slots;
    cfg->translate_budget = opt->translate_budget;
    cfg->keep_partial = 1; /* the spec's store semantics (linking.wast) */
}

static int parse_value(const char *s, uint8_t want, uw_value *v)
{
    const char *colon = strchr(s, ':');
    const char *val = colon ? colon + 1 : s;
    char *end = NULL;
    errno = 0;
    v->bits = 0;
    switch (want) {
    case UW_I32:
        v->i32 = (int32_t)strtoll(val, &end, 0);
        break;
    case UW_I64:
        if (val[0] == '-') v->i64 = strtoll(val, &end, 0);
        else v->bits = strtoull(val, &end, 0);
        break;
    case UW_F32: v->f32 = strtof(val, &end); break;
    case UW_F64: v->f64 = strtod(val, &end); break;
    default:
        if (strcmp(val, "null") == 0) return 0;
        v->bits = strtoull(val, &end, 0) + 1;
        break;
    }
    return (end && *end == 0 && errno == 0) ? 0 : -1;
}

static void print_value(uint8_t t, uw_value v)
{
    switch (t) {
    case UW_I32: printf("i32:%" PRId32 "\n", v.i32); break;
    case UW_I64: printf("i64:%" PRId64 "\n", v.i64); break;
    case UW_F32: printf("f32:%.9g\n", (double)v.f32); break;
    case UW_F64: printf("f64:%.17g\n", v.f64); break;
    default:
        if (v.bits == 0) printf("%s:null\n", t == UW_FUNCREF ? "funcref" : "externref");
        else printf("%s:%" PRIu64 "\n", t == UW_FUNCREF ? "funcref" : "externref", v.bits);
    }
}

static void usage(void)
{
    fprintf(stderr,
            "usage: uwasm-run [--memory-limit N] [--fuel N] [--call-depth N] [--stack N]\n"
            "                 [--translate-budget N] [--alloc-limit N] [--spectest] [--stats]\n"
            "                 file.wasm [function [type:value ...]]\n"
            "       uwasm-run --batch   (line protocol for the spec runner, see README.md)\n");
}

static void print_trap(const uw_status *st)
{
    fprintf(stderr, "trap: %s: %s", uw_kind_name(st->kind), st->msg);
    if (st->func != UW_NO_INDEX) fprintf(stderr, " (func %" PRIu32, st->func);
    if (st->offset != UW_NO_INDEX)
        fprintf(stderr, "%soffset %" PRIu32 ")", st->func != UW_NO_INDEX ? ", " : " (", st->offset);
    else if (st->func != UW_NO_INDEX)
        fprintf(stderr, ")");
    fprintf(stderr, "\n");
}

int main(int argc, char **argv)
{
    cli_options opt;
    int i = 1, rc = 0, batch = 0;
    const char *path, *fname = NULL;
    uint8_t *bytes;
    size_t len;
    uw_allocator *a;
    uw_module *m, *spec_mod = NULL;
    uw_instance *inst, *spec = NULL;
    uw_status st;
    uw_config cfg;
    memset(&opt, 0, sizeof opt);
    opt.translate_budget = UW_TRANSLATE_BUDGET_DEFAULT;
    opt.fuel = -1;
    opt.alloc_limit = (size_t)1 << 30;
    for (; i < argc && strncmp(argv[i], "--", 2) == 0; i++) {
        const char *o = argv[i];
        const char *arg = (i + 1 < argc) ? argv[i + 1] : "0";
        if (strcmp(o, "--spectest") == 0) opt.spectest = 1;
        else if (strcmp(o, "--stats") == 0) opt.stats = 1;
        else if (strcmp(o, "--batch") == 0) batch = 1;
        else if (strcmp(o, "--memory-limit") == 0) { opt.memory_limit = strtoull(arg, NULL, 0); i++; }
        else if (strcmp(o, "--fuel") == 0) { opt.fuel = strtoll(arg, NULL, 0); i++; }
        else if (strcmp(o, "--call-depth") == 0) { opt.call_depth = (uint32_t)strtoul(arg, NULL, 0); i++; }
        else if (strcmp(o, "--stack") == 0) { opt.stack_slots = (uint32_t)strtoul(arg, NULL, 0); i++; }
        else if (strcmp(o, "--translate-budget") == 0) { opt.translate_budget = (uint32_t)strtoul(arg, NULL, 0); i++; }
        else if (strcmp(o, "--alloc-limit") == 0) { opt.alloc_limit = (size_t)strtoull(arg, NULL, 0); i++; }
        else if (strcmp(o, "--help") == 0) { usage(); return 0; }
        else { usage(); return 2; }
    }
    if (batch) return cli_batch(&opt);
    if (i >= argc) {
        usage();
        return 2;
    }
    path = argv[i++];
    if (i < argc) fname = argv[i++];
    bytes = cli_read_file(path, &len);
    if (!bytes) {
        fprintf(stderr, "error: cannot read %s\n", path);
        return 2;
    }
    a = cli_allocator(opt.alloc_limit);
    m = uw_module_load(a, bytes, len, &st);
    if (!m) {
        fprintf(stderr, "error: %s: %s (offset %" PRIu32 ")\n", uw_kind_name(st.kind), st.msg, st.offset);
        return 1;
    }
    {
        uw_import_def *defs = NULL;
        uint32_t ni = uw_module_import_count(m), nd = 0;
        if (opt.spectest && ni) {
            spec = spectest_instantiate(a, &spec_mod, &st);
            if (!spec) {
                fprintf(stderr, "error: spectest: %s\n", st.msg);
                return 1;
            }
            defs = calloc(ni, sizeof *defs);
            for (uint32_t k = 0; k < ni; k++) {
                uw_extern_desc d;
                char *mn, *nm;
                uw_module_import(m, k, &d);
                mn = calloc(1, d.module_len + 1);
                nm = calloc(1, d.name_len + 1);
                memcpy(mn, d.module, d.module_len);
                memcpy(nm, d.name, d.name_len);
                defs[nd].module = mn;
                defs[nd].name = nm;
                defs[nd].from = spec;
                defs[nd].export_index = uw_module_find_export(spec_mod, nm, d.name_len);
                if (strcmp(mn, "spectest") == 0 && defs[nd].export_index != UW_NO_INDEX) nd++;
            }
        }
        cli_config(&opt, &cfg);
        inst = uw_instantiate(m, defs, nd, &cfg, &st);
        if (!inst) {
            if (uw_is_trap(st.kind)) print_trap(&st);
            else fprintf(stderr, "error: %s: %s\n", uw_kind_name(st.kind), st.msg);
            return 1;
        }
    }
    if (fname) {
        uint32_t ei = uw_module_find_export(m, fname, strlen(fname));
        uw_extern_desc d;
        uw_value args[64], results[64];
        uw_kind k;
        if (ei == UW_NO_INDEX || uw_module_export(m, ei, &d) || d.kind != UW_EXTERN_FUNC) {
            fprintf(stderr, "error: no exported function %s\n", fname);
            return 2;
        }
        if ((uint32_t)(argc - i) != d.func.nparams || d.func.nparams > 64 || d.func.nresults > 64) {
            fprintf(stderr, "error: %s takes %" PRIu32 " arguments\n", fname, d.func.nparams);
            return 2;
        }
        for (uint32_t k2 = 0; k2 < d.func.nparams; k2++) {
            if (parse_value(argv[i + (int)k2], d.func.params[k2], &args[k2])) {
                fprintf(stderr, "error: bad argument %s\n", argv[i + (int)k2]);
                return 2;
            }
        }
        k = uw_call(inst, ei, args, d.func.nparams, results, d.func.nresults, opt.fuel, &st);
        if (k == UW_OK) {
            for (uint32_t r = 0; r < d.func.nresults; r++) print_value(d.func.results[r], results[r]);
        } else if (k == UW_OUT_OF_FUEL) {
            fprintf(stderr, "out of fuel (func %" PRIu32 ", offset %" PRIu32 ")\n", st.func, st.offset);
            rc = 3;
        } else if (uw_is_trap(k)) {
            print_trap(&st);
            rc = 1;
        } else {
            fprintf(stderr, "error: %s: %s\n", uw_kind_name(k), st.msg);
            rc = 1;
        }
    }
    if (opt.stats) {
        size_t side;
        size_t mram = uw_module_ram(m, &side);
        uw_memory_view mv;
        uint64_t lin = 0;
        if (uw_memory(inst, 0, &mv) == 0) lin = mv.size;
        fprintf(stderr, "module bytes: %zu\ncode bytes: %zu\nmodule ram: %zu\nside table bytes: %zu\n", len,
                uw_module_code_size(m), mram, side);
        fprintf(stderr, "instance ram: %zu\n", uw_instance_ram(inst));
        fprintf(stderr, "linear memory bytes: %" PRIu64 "\n", lin);
        /* Part of the instance RAM above; reports subtract it (issue 4 counts RAM
         * without linear memory and value stack). */
        fprintf(stderr, "value stack bytes: %zu\n",
                (size_t)(opt.stack_slots ? opt.stack_slots : UW_DEFAULT_STACK_SLOTS) * 8u);
        {
            uint32_t nt;
            size_t tb = uw_instance_translated(inst, &nt);
            fprintf(stderr, "translated bytes: %zu\ntranslated functions: %" PRIu32 "\n", tb, nt);
        }
        fprintf(stderr, "allocator high water: %zu\nallocator in use: %zu\n", a->high_water, a->used);
    }
    uw_instance_free(inst);
    uw_module_free(m);
    if (spec) {
        uw_instance_free(spec);
        uw_module_free(spec_mod);
    }
    free(bytes);
    return rc;
}
