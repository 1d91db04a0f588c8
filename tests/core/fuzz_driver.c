/* fuzz_driver.c — feeds mutated modules to the core under ASan/UBSan: load,
 * instantiate (spectest-like imports are not needed: modules with imports are
 * only loaded), then call every exported function with zero arguments and a
 * fuel budget, so a mutation that validates also runs.  Each module is
 * instantiated twice, in place (budget 0) and translated (the default budget),
 * and every call must end alike in both: same status, results, fuel left and,
 * for a trap, the same function and offset ("MISMATCH" otherwise).  Reads file
 * paths on stdin, prints one line per file ("loaded", "refused", ...).  A crash,
 * a sanitizer report or a mismatch is the failure.  Used by
 * tests/core/test_core_fuzz.py. */
#define _DEFAULT_SOURCE
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uwasm.h"

static void *a_alloc(void *u, size_t n) { (void)u; return malloc(n); }
static void a_free(void *u, void *p, size_t n) { (void)u; (void)n; free(p); }

/* results alike: equal bits, or NaN in both (the payload of a NaN result is
 * the hardware's choice) */
static int same_results(const uw_functype *t, const uw_value *a, const uw_value *b)
{
    for (uint32_t i = 0; i < t->nresults; i++) {
        uint64_t x = a[i].bits, y = b[i].bits;
        if (t->results[i] == UW_F32) {
            uint32_t fx = (uint32_t)x, fy = (uint32_t)y;
            if ((fx & 0x7FFFFFFFu) > 0x7F800000u && (fy & 0x7FFFFFFFu) > 0x7F800000u) continue;
            x = fx;
            y = fy;
        } else if (t->results[i] == UW_F64) {
            if ((x & ~(1ull << 63)) > 0x7FF0000000000000ull && (y & ~(1ull << 63)) > 0x7FF0000000000000ull)
                continue;
        } else if (t->results[i] == UW_I32) {
            x = (uint32_t)x;
            y = (uint32_t)y;
        } else if (t->results[i] == UW_FUNCREF || t->results[i] == UW_EXTERNREF) {
            if ((x == 0) == (y == 0)) continue; /* references into different instances */
        }
        if (x != y) return 0;
    }
    return 1;
}

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
        uw_instance *inst, *fast;
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
        inst = uw_module_import_count(m) ? NULL : uw_instantiate(m, NULL, 0, &cfg, &st);
        cfg.translate_budget = UW_TRANSLATE_BUDGET_DEFAULT;
        fast = inst ? uw_instantiate(m, NULL, 0, &cfg, &st) : NULL;
        if (inst && !fast) {
            printf("MISMATCH %s: instantiated in place only: %s\n", path, st.msg);
            return 1;
        }
        if (inst) {
            uint32_t calls = 0;
            for (uint32_t i = 0; i < uw_module_export_count(m); i++) {
                uw_extern_desc d;
                uw_value args[64], res[64], res_fast[64];
                uw_status st_fast;
                uw_kind k, k_fast;
                uw_module_export(m, i, &d);
                if (d.kind != UW_EXTERN_FUNC || d.func.nparams > 64 || d.func.nresults > 64) continue;
                memset(args, 0, sizeof args);
                memset(res, 0, sizeof res);
                memset(res_fast, 0, sizeof res_fast);
                k = uw_call(inst, i, args, d.func.nparams, res, d.func.nresults, 20000, &st);
                k_fast = uw_call(fast, i, args, d.func.nparams, res_fast, d.func.nresults, 20000, &st_fast);
                if (k != k_fast || uw_fuel_left(inst) != uw_fuel_left(fast) ||
                    (k == UW_OK && !same_results(&d.func, res, res_fast)) ||
                    (uw_is_trap(k) && k != UW_TRAP_HOST &&
                     (st.func != st_fast.func || st.offset != st_fast.offset))) {
                    printf("MISMATCH %s export %u: in place %d (%s, func %u offset %u), translated %d (%s, "
                           "func %u offset %u)\n",
                           path, i, k, st.msg, st.func, st.offset, k_fast, st_fast.msg, st_fast.func,
                           st_fast.offset);
                    return 1;
                }
                calls++;
            }
            printf("ran %u\n", calls);
            uw_instance_free(inst);
            uw_instance_free(fast);
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
