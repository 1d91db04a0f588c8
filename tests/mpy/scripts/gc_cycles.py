# 10,000 cycles of create, call and drop leave the heap where it started, but
# for at most what one cycle holds: MicroPython's collector is conservative,
# and a pointer to the last cycle's objects left in a dead C-stack slot may
# keep that one set alive (which slot depends on how the firmware was
# compiled). Anything lost per cycle would add up to far more.
import gc

import uwasm

data = WASM["basic"]


def cycle():
    inst = uwasm.Instance(uwasm.Module(data))
    return inst.exports.add32(1, 2)


def held_by_one_cycle():
    gc.collect()
    before = gc.mem_free()
    inst = uwasm.Instance(uwasm.Module(data))
    inst.exports.add32(1, 2)
    gc.collect()
    return before - gc.mem_free()


def measure(cycles):
    # Inside a function, so the measurement adds no globals of its own.
    cycle()
    gc.collect()
    before = gc.mem_free()
    total = 0
    for i in range(cycles):
        total += cycle()
        if i % 256 == 0:
            gc.collect()
    gc.collect()
    return total, before - gc.mem_free()


held = held_by_one_cycle()
total, lost = measure(CYCLES)
print(total == 3 * CYCLES, held > 0, lost < held)
