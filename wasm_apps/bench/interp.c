/*
 * interp: a small stack-based bytecode interpreter (a switch over opcodes, i.e. a
 * br_table in wasm) running a program that sums Collatz chain lengths — branchy
 * integer code with unpredictable control flow, like the dispatch loop of a VM.
 */
#include "bench.h"

enum opcode {
    OP_PUSH,   /* push next byte-pair as u16 */
    OP_LOAD,   /* push var[next byte] */
    OP_STORE,  /* var[next byte] = pop */
    OP_ADD,
    OP_SUB,
    OP_MUL,
    OP_SHR1,
    OP_AND1,
    OP_DUP,
    OP_DROP,
    OP_LT,     /* a b -> (a < b) */
    OP_EQ,
    OP_JMP,    /* jump to next byte-pair */
    OP_JZ,     /* pop; jump if zero */
    OP_INC,    /* var[next byte] += 1 */
    OP_HALT,
};

/*
 * The program is assembled at run time by build_program(), which computes jump
 * targets as it emits; variables: 0 = n, 1 = limit, 2 = x, 3 = steps, 4 = total.
 */
#define CODE_MAX 128

typedef struct {
    uint8_t code[CODE_MAX];
    uint32_t length;
} assembler;

static void emit(assembler *as, uint8_t byte) {
    as->code[as->length++] = byte;
}

static void emit_op1(assembler *as, enum opcode op, uint8_t arg) {
    emit(as, (uint8_t)op);
    emit(as, arg);
}

static uint32_t emit_jump(assembler *as, enum opcode op) {
    emit(as, (uint8_t)op);
    emit(as, 0);
    emit(as, 0);
    return as->length - 2;
}

static void patch(assembler *as, uint32_t at, uint32_t target) {
    as->code[at] = (uint8_t)target;
    as->code[at + 1] = (uint8_t)(target >> 8);
}

static void emit_push(assembler *as, uint16_t value) {
    emit(as, OP_PUSH);
    emit(as, (uint8_t)value);
    emit(as, (uint8_t)(value >> 8));
}

static void build_program(assembler *as) {
    as->length = 0;
    emit_push(as, 1);
    emit_op1(as, OP_STORE, 0);                   /* n = 1 */
    emit_push(as, 0);
    emit_op1(as, OP_STORE, 4);                   /* total = 0 */
    uint32_t loop_n = as->length;
    emit_op1(as, OP_LOAD, 0);
    emit_op1(as, OP_LOAD, 1);
    emit(as, OP_LT);
    uint32_t to_end = emit_jump(as, OP_JZ);      /* n >= limit -> end */
    emit_op1(as, OP_LOAD, 0);
    emit_op1(as, OP_STORE, 2);                   /* x = n */
    emit_push(as, 0);
    emit_op1(as, OP_STORE, 3);                   /* steps = 0 */
    uint32_t loop_x = as->length;
    emit_op1(as, OP_LOAD, 2);
    emit_push(as, 1);
    emit(as, OP_EQ);
    uint32_t to_step = emit_jump(as, OP_JZ);     /* x != 1 -> step */
    uint32_t to_done = emit_jump(as, OP_JMP);    /* x == 1 -> done_x */
    patch(as, to_step, as->length);
    emit_op1(as, OP_LOAD, 2);
    emit(as, OP_AND1);
    uint32_t to_half = emit_jump(as, OP_JZ);     /* even -> half */
    emit_op1(as, OP_LOAD, 2);
    emit(as, OP_DUP);
    emit(as, OP_DUP);
    emit(as, OP_ADD);
    emit(as, OP_ADD);
    emit_push(as, 1);
    emit(as, OP_ADD);
    emit_op1(as, OP_STORE, 2);                   /* x = 3x + 1 */
    emit_op1(as, OP_INC, 3);
    patch(as, emit_jump(as, OP_JMP), loop_x);
    patch(as, to_half, as->length);
    emit_op1(as, OP_LOAD, 2);
    emit(as, OP_SHR1);
    emit_op1(as, OP_STORE, 2);                   /* x = x / 2 */
    emit_op1(as, OP_INC, 3);
    patch(as, emit_jump(as, OP_JMP), loop_x);
    patch(as, to_done, as->length);
    emit_op1(as, OP_LOAD, 4);
    emit_op1(as, OP_LOAD, 3);
    emit(as, OP_ADD);
    emit_op1(as, OP_LOAD, 0);
    emit(as, OP_MUL);                            /* weight by n: order matters */
    emit_op1(as, OP_LOAD, 3);
    emit(as, OP_ADD);
    emit_op1(as, OP_STORE, 4);                   /* total = (total + steps) * n + steps */
    emit_op1(as, OP_INC, 0);
    patch(as, emit_jump(as, OP_JMP), loop_n);
    patch(as, to_end, as->length);
    emit(as, OP_HALT);
}

static uint32_t execute(const uint8_t *code, uint32_t *vars) {
    uint32_t stack[16];
    uint32_t sp = 0;
    uint32_t pc = 0;
    uint32_t executed = 0;
    for (;;) {
        uint8_t op = code[pc++];
        executed++;
        switch (op) {
        case OP_PUSH:
            stack[sp++] = (uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8;
            pc += 2;
            break;
        case OP_LOAD:
            stack[sp++] = vars[code[pc++]];
            break;
        case OP_STORE:
            vars[code[pc++]] = stack[--sp];
            break;
        case OP_ADD:
            sp--;
            stack[sp - 1] += stack[sp];
            break;
        case OP_SUB:
            sp--;
            stack[sp - 1] -= stack[sp];
            break;
        case OP_MUL:
            sp--;
            stack[sp - 1] *= stack[sp];
            break;
        case OP_SHR1:
            stack[sp - 1] >>= 1;
            break;
        case OP_AND1:
            stack[sp - 1] &= 1u;
            break;
        case OP_DUP:
            stack[sp] = stack[sp - 1];
            sp++;
            break;
        case OP_DROP:
            sp--;
            break;
        case OP_LT:
            sp--;
            stack[sp - 1] = stack[sp - 1] < stack[sp];
            break;
        case OP_EQ:
            sp--;
            stack[sp - 1] = stack[sp - 1] == stack[sp];
            break;
        case OP_JMP:
            pc = (uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8;
            break;
        case OP_JZ:
            if (stack[--sp] == 0) {
                pc = (uint32_t)code[pc] | (uint32_t)code[pc + 1] << 8;
            } else {
                pc += 2;
            }
            break;
        case OP_INC:
            vars[code[pc++]]++;
            break;
        case OP_HALT:
        default:
            return executed;
        }
    }
}

BENCH_EXPORT uint32_t run(void) {
    assembler as;
    build_program(&as);
    uint32_t vars[8] = {0};
    vars[1] = bench_param(BENCH_SIZE(10000, 100));
    uint32_t executed = execute(as.code, vars);
    return bench_mix32(vars[4], executed);
}

BENCH_MAIN_I32
