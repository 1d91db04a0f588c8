# 10,000 cycles of create, call and drop leave the heap where it started.
import gc

import uwasm

data = WASM["basic"]


def cycle():
    inst = uwasm.Instance(uwasm.Module(data))
    return inst.exports.add32(1, 2)


def scrub(n):
    # overwrite the C stack below this frame (values stale from the last cycle)
    a = b = c = d = 0
    return scrub(n - 1) if n else a + b + c + d


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
    scrub(8)
    gc.collect()
    return total, before - gc.mem_free()


total, lost = measure(CYCLES)
print(total == 3 * CYCLES, lost)
