/* uw_config.h — platform knobs of the core, in one place. */
#ifndef UW_CONFIG_H
#define UW_CONFIG_H

/* Little-endian is assumed (values in linear memory and in slots); refuse to
 * build on anything else rather than run wrongly. */
#if defined(__BYTE_ORDER__) && defined(__ORDER_LITTLE_ENDIAN__)
#if __BYTE_ORDER__ != __ORDER_LITTLE_ENDIAN__
#error "uwasm requires a little-endian target"
#endif
#endif

/* The translation tier (xlate.c, exec_fast.c).  Building with
 * -DUW_TRANSLATION=0 leaves it out for the smallest flash: every function then
 * runs in place whatever the budget. */
#ifndef UW_TRANSLATION
#define UW_TRANSLATION 1
#endif

/* Compact code: the i64, f32, f64 and conversion instructions (num_ops.h)
 * run through one out-of-line function (numeric.c) shared by both executors
 * instead of a handler each in each.  On by default where the compiler
 * optimises for size (-Os: the firmware builds), where the flash saved
 * matters more than one call per such instruction. */
#ifndef UW_COMPACT
#if defined(__OPTIMIZE_SIZE__)
#define UW_COMPACT 1
#else
#define UW_COMPACT 0
#endif
#endif

/* Computed-goto dispatch on GCC/clang, a switch elsewhere (or if forced).
 * Compact builds dispatch by switch in the in-place executor (exec.c: 1.8 KB
 * smaller on Cortex-M0+ -Os, where computed goto repeats the dispatch in every
 * handler) but keep computed goto for translated code (exec_fast.c: 400 B
 * more, and the hot path of the default configuration). */
#ifndef UW_USE_COMPUTED_GOTO
#if defined(__GNUC__) || defined(__clang__)
#define UW_USE_COMPUTED_GOTO 1
#else
#define UW_USE_COMPUTED_GOTO 0
#endif
#endif
#define UW_INPLACE_COMPUTED_GOTO (UW_USE_COMPUTED_GOTO && !UW_COMPACT)

/* The translated-code executor's dispatch table as 16-bit distances from its
 * first handler instead of addresses (180 B less on Cortex-M0+).  Only where
 * the function is sure to stay far below 32 KB: Thumb code at -Os, about 3 KB.
 * (x86-64 with ASan makes it 46 KB: the distances would not fit.) */
#ifndef UW_DISPATCH_OFFSETS
#if defined(__thumb__) && defined(__OPTIMIZE_SIZE__) && !defined(__SANITIZE_ADDRESS__)
#define UW_DISPATCH_OFFSETS 1
#else
#define UW_DISPATCH_OFFSETS 0
#endif
#endif

#if defined(__GNUC__) || defined(__clang__)
#define UW_LIKELY(x) __builtin_expect(!!(x), 1)
#define UW_UNLIKELY(x) __builtin_expect(!!(x), 0)
#define UW_NOINLINE __attribute__((noinline))
#else
#define UW_LIKELY(x) (x)
#define UW_UNLIKELY(x) (x)
#define UW_NOINLINE
#endif

/* Implementation limits (refused with a message when exceeded). */
#define UW_MAX_LOCALS 50000u        /* params + locals of one function */
#define UW_MAX_TYPES 100000u
#define UW_MAX_FUNCS 1000000u
#define UW_MAX_TABLE 10000000u      /* table elements */
#define UW_DEFAULT_STACK_SLOTS 1024u  /* 8 KiB */
#define UW_DEFAULT_CALL_DEPTH 256u

#endif
