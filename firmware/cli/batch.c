/* batch.c — the spec runner's line protocol on stdin/stdout (one reply line
 * per command), so a whole .wast file runs in one process:
 *
 *   module   <name> <path>            load + instantiate (imports from registered)
 *   validate <path>                   load only ("module definition")
 *   register <as> <name>              make an instance's exports importable as <as>
 *   invoke   <name> <field> <t:bits>  call; args as type:hex-bits (refs: null or hex)
 *   get      <name> <field>           read an exported global
 *
 * <name> is hex-encoded or "-" (the latest module); <field> and <as> are
 * hex-encoded.  Replies: "ok [t:bits ...]", "trap <message>",
 * "error <kind>: <message>". */
#include <inttypes.h>
#include "cli.h"

typedef struct loaded {
    char *name;
    uw_module *m;
    uw_instance *inst;
    uint8_t *bytes;
    int registered;
} loaded;

typedef struct reg {
    char *as;
    uw_instance *inst;
    uw_module *m;
} reg;

static loaded mods[4096];
static size_t nmods;
static reg regs[256];
static size_t nregs;
static uw_allocator *alloc;
static const cli_options *gopt;

static char *unhex(const char *s)
{
    size_t n = strlen(s) / 2;
    char *out = calloc(1, n + 1);
    if (strcmp(s, "-") == 0) return out;
    for (size_t i = 0; i < n; i++) {
        unsigned v = 0;
        sscanf(s + 2 * i, "%2x", &v);
        out[i] = (char)v;
    }
    return out;
}

static size_t unhex_len(const char *s) { return strcmp(s, "-") == 0 ? 0 : strlen(s) / 2; }


static void reply_error(const uw_status *st)
{
    if (uw_is_trap(st->kind)) printf("trap %s\n", uw_kind_name(st->kind));
    else printf("error %s: %s\n", uw_kind_name(st->kind), st->msg);
}

static loaded *find_module(const char *hexname)
{
    if (strcmp(hexname, "-") == 0) return nmods ? &mods[nmods - 1] : NULL;
    {
        char *n = unhex(hexname);
        for (size_t i = nmods; i-- > 0;) {
            if (mods[i].name && strcmp(mods[i].name, n) == 0) {
                free(n);
                return &mods[i];
            }
        }
        free(n);
    }
    return NULL;
}

static void cmd_module(const char *hexname, const char *path, int validate_only)
{
    size_t len;
    uint8_t *bytes = cli_read_file(path, &len);
    uw_status st;
    uw_module *m;
    uw_instance *inst;
    uw_import_def *defs;
    uint32_t ni, nd = 0;
    uw_config cfg;
    if (!bytes) {
        printf("error io: cannot read %s\n", path);
        return;
    }
    m = uw_module_load(alloc, bytes, len, &st);
    if (!m) {
        reply_error(&st);
        free(bytes);
        return;
    }
    if (validate_only) {
        uw_module_free(m);
        free(bytes);
        printf("ok\n");
        return;
    }
    ni = uw_module_import_count(m);
    defs = calloc(ni ? ni : 1, sizeof *defs);
    for (uint32_t k = 0; k < ni; k++) {
        uw_extern_desc d;
        uw_module_import(m, k, &d);
        for (size_t r = nregs; r-- > 0;) {
            if (strlen(regs[r].as) == d.module_len && memcmp(regs[r].as, d.module, d.module_len) == 0) {
                uint32_t ei = uw_module_find_export(regs[r].m, d.name, d.name_len);
                char *nm;
                if (ei == UW_NO_INDEX) break;
                nm = calloc(1, d.name_len + 1);
                memcpy(nm, d.name, d.name_len);
                defs[nd].module = regs[r].as;
                defs[nd].name = nm;
                defs[nd].from = regs[r].inst;
                defs[nd].export_index = ei;
                nd++;
                break;
            }
        }
    }
    cli_config(gopt, &cfg);
    inst = uw_instantiate(m, defs, nd, &cfg, &st);
    for (uint32_t k = 0; k < nd; k++) free((char *)defs[k].name);
    free(defs);
    if (!inst) {
        reply_error(&st);
        /* after a trap the half-made instance may be referenced from another
         * instance's table (see uw_instantiate): keep its module alive */
        if (!uw_is_trap(st.kind)) {
            uw_module_free(m);
            free(bytes);
        }
        return;
    }
    /* free the previous anonymous, unregistered module: nothing can reach it */
    if (nmods && !mods[nmods - 1].name[0] && !mods[nmods - 1].registered) {
        uw_instance_free(mods[nmods - 1].inst);
        uw_module_free(mods[nmods - 1].m);
        free(mods[nmods - 1].bytes);
        free(mods[nmods - 1].name);
        nmods--;
    }
    if (nmods == sizeof mods / sizeof mods[0]) {
        printf("error other: too many modules\n");
        return;
    }
    mods[nmods].name = unhex(hexname);
    mods[nmods].m = m;
    mods[nmods].inst = inst;
    mods[nmods].bytes = bytes;
    mods[nmods].registered = 0;
    nmods++;
    printf("ok\n");
}

static void print_results(const uw_functype *t, const uw_value *res)
{
    printf("ok");
    for (uint32_t i = 0; i < t->nresults; i++) {
        uint8_t ty = t->results[i];
        if ((ty == UW_FUNCREF || ty == UW_EXTERNREF) && res[i].bits == 0)
            printf(" %s:null", uw_valtype_name(ty));
        else if (ty == UW_EXTERNREF)
            printf(" %s:%" PRIx64, uw_valtype_name(ty), res[i].bits - 1);
        else
            printf(" %s:%" PRIx64, uw_valtype_name(ty), res[i].bits);
    }
    printf("\n");
}

static void cmd_invoke(char **tok, int ntok)
{
    loaded *l = find_module(tok[1]);
    char *field;
    uint32_t ei;
    uw_extern_desc d;
    uw_value args[256], res[256];
    uw_status st;
    uw_kind k;
    int nargs = ntok - 3;
    if (!l) {
        printf("error other: unknown module\n");
        return;
    }
    field = unhex(tok[2]);
    ei = uw_module_find_export(l->m, field, unhex_len(tok[2]));
    free(field);
    if (ei == UW_NO_INDEX || uw_module_export(l->m, ei, &d) || d.kind != UW_EXTERN_FUNC) {
        printf("error other: unknown export\n");
        return;
    }
    if (nargs < 0 || (uint32_t)nargs != d.func.nparams || nargs > 256 || d.func.nresults > 256) {
        printf("error other: wrong argument count\n");
        return;
    }
    for (int i = 0; i < nargs; i++) {
        const char *v = strchr(tok[3 + i], ':');
        const char *ty = tok[3 + i];
        v = v ? v + 1 : ty;
        if (strcmp(v, "null") == 0) args[i].bits = 0;
        else args[i].bits = strtoull(v, NULL, 16);
        if (strncmp(ty, "externref", 9) == 0 && strcmp(v, "null") != 0) args[i].bits += 1;
    }
    k = uw_call(l->inst, ei, args, (size_t)nargs, res, d.func.nresults, gopt->fuel, &st);
    if (k == UW_OK) print_results(&d.func, res);
    else reply_error(&st);
}

static void cmd_get(const char *hexname, const char *hexfield)
{
    loaded *l = find_module(hexname);
    char *field;
    uint32_t ei;
    uw_extern_desc d;
    uw_value v;
    if (!l) {
        printf("error other: unknown module\n");
        return;
    }
    field = unhex(hexfield);
    ei = uw_module_find_export(l->m, field, unhex_len(hexfield));
    free(field);
    if (ei == UW_NO_INDEX || uw_module_export(l->m, ei, &d) || d.kind != UW_EXTERN_GLOBAL ||
        uw_global_get(l->inst, ei, &v)) {
        printf("error other: unknown global\n");
        return;
    }
    {
        uw_functype t;
        t.nparams = 0;
        t.nresults = 1;
        t.params = NULL;
        t.results = &d.valtype;
        print_results(&t, &v);
    }
}

int cli_batch(const cli_options *opt)
{
    static char line[1 << 16];
    static cli_options bopt;
    uw_status st;
    uw_module *spec_mod;
    uw_instance *spec;
    bopt = *opt;
    if (!bopt.stack_slots) bopt.stack_slots = 16384;
    if (!bopt.call_depth) bopt.call_depth = 1000;
    gopt = &bopt;
    alloc = cli_allocator(opt->alloc_limit);
    spec = spectest_instantiate(alloc, &spec_mod, &st);
    if (!spec) {
        fprintf(stderr, "spectest: %s\n", st.msg);
        return 1;
    }
    regs[0].as = "spectest";
    regs[0].inst = spec;
    regs[0].m = spec_mod;
    nregs = 1;
    while (fgets(line, sizeof line, stdin)) {
        char *tok[300];
        int ntok = 0;
        char *p = strtok(line, " \t\r\n");
        while (p && ntok < 300) {
            tok[ntok++] = p;
            p = strtok(NULL, " \t\r\n");
        }
        if (ntok == 0) continue;
        if (strcmp(tok[0], "module") == 0 && ntok == 3) cmd_module(tok[1], tok[2], 0);
        else if (strcmp(tok[0], "validate") == 0 && ntok == 2) cmd_module("-", tok[1], 1);
        else if (strcmp(tok[0], "register") == 0 && ntok == 3) {
            loaded *l = find_module(tok[2]);
            if (!l || nregs == sizeof regs / sizeof regs[0]) printf("error other: unknown module\n");
            else {
                regs[nregs].as = unhex(tok[1]);
                regs[nregs].inst = l->inst;
                regs[nregs].m = l->m;
                l->registered = 1;
                nregs++;
                printf("ok\n");
            }
        } else if (strcmp(tok[0], "invoke") == 0 && ntok >= 3) cmd_invoke(tok, ntok);
        else if (strcmp(tok[0], "get") == 0 && ntok == 3) cmd_get(tok[1], tok[2]);
        else printf("error other: bad command\n");
        fflush(stdout);
    }
    return 0;
}
