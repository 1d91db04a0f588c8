/* fuzz_driver.c — feeds mutated modules to the core under ASan/UBSan: load,
 * instantiate (spectest-like imports are not needed: modules with imports are
 * only loaded), then call every exported function with zero arguments and a
 * fuel budget, so a mutation that validates also runs.  Reads file paths on
 * stdin, prints one line per file ("loaded", "refused", ...).  A crash or a
 * sanitizer report is the failure.  Used by tests/core/test_core_fuzz.py. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uwasm.h"

static void *a_alloc(void *u, size_t n) { (void)u; return malloc(n); }
static void a_free(void *u, void *p, size_t n) { (void)u; (void)n; free(p); }

int main(void)
{
    char path[4096];
    while (fgets(path, sizeof path, stdin)) {
        FILE *f;
        long n;
        uint8_t *buf;
        uw_allocator a;
        uw_status st;
        uw_module *m;
        uw_instance *inst;
        uw_config cfg;
        path[strcspn(path, "\n")] = 0;
        f = fopen(path, "rb");
        if (!f) continue;
        fseek(f, 0, SEEK_END);
        n = ftell(f);
        fseek(f, 0, SEEK_SET);
        buf = malloc(n ? (size_t)n : 1);
        if (fread(buf, 1, (size_t)n, f) != (size_t)n) n = 0;
        fclose(f);
        memset(&a, 0, sizeof a);
        a.alloc = a_alloc;
        a.free = a_free;
        a.limit = 16u << 20;
        m = uw_module_load(&a, buf, (size_t)n, &st);
        if (!m) {
            printf("refused %d\n", st.kind);
            free(buf);
            if (a.used != 0) { printf("LEAK after refused load: %zu\n", a.used); return 1; }
            continue;
        }
        memset(&cfg, 0, sizeof cfg);
        cfg.stack_slots = 512;
        cfg.call_depth = 64;
        cfg.memory_limit = 1u << 20;
        cfg.translate_budget = (uint32_t)(n & 1) * UW_TRANSLATE_BUDGET_DEFAULT; /* both executors */
        inst = uw_module_import_count(m) ? NULL : uw_instantiate(m, NULL, 0, &cfg, &st);
        if (inst) {
            uint32_t calls = 0;
            for (uint32_t i = 0; i < uw_module_export_count(m); i++) {
                uw_extern_desc d;
                uw_value args[64], res[64];
                uw_module_export(m, i, &d);
                if (d.kind != UW_EXTERN_FUNC || d.func.nparams > 64 || d.func.nresults > 64) continue;
                memset(args, 0, sizeof args);
                uw_call(inst, i, args, d.func.nparams, res, d.func.nresults, 20000, &st);
                calls++;
            }
            printf("ran %u\n", calls);
            uw_instance_free(inst);
        } else {
            printf("loaded\n");
        }
        uw_module_free(m);
        if (a.used != 0) { printf("LEAK: %zu\n", a.used); return 1; }
        free(buf);
        fflush(stdout);
    }
    return 0;
}
