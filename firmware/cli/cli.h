/* cli.h — shared by the files of uwasm-run. */
#ifndef UWASM_CLI_H
#define UWASM_CLI_H
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include "uwasm.h"

typedef struct cli_options {
    uint64_t memory_limit;
    int64_t fuel;
    uint32_t call_depth, stack_slots, translate_budget;
    size_t alloc_limit;
    int spectest, stats;
} cli_options;

uw_allocator *cli_allocator(size_t limit);
uw_instance *spectest_instantiate(uw_allocator *a, uw_module **mod_out, uw_status *st);
uint8_t *cli_read_file(const char *path, size_t *len);
int cli_batch(const cli_options *opt);
void cli_config(const cli_options *opt, uw_config *cfg);

#endif
