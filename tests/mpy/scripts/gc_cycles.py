# 10,000 cycles of create, call and drop leave the heap where it started.
import gc

import uwasm

data = WASM["basic"]


def cycle():
    inst = uwasm.Instance(uwasm.Module(data))
    return inst.exports.add32(1, 2)


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


total, lost = measure(CYCLES)
print(total == 3 * CYCLES, lost)
