# Exported memory: a buffer that follows memory.grow; memory limits; 1-byte pages.
import uwasm

mod = uwasm.Module(WASM["basic"])
inst = uwasm.Instance(mod)
mem = inst.exports.memory
print(len(mem), mem.pages, mem.page_size)
print(bytes(mem[16:27]))
mem[0] = 200
mem[1:4] = b"abc"
print(inst.exports.load8(0), inst.exports.load8(3), mem[0])
inst.exports.store8(5, 77)
print(mem[5])

# A view taken before a grow stays safe: it keeps the old bytes alive.
old_view = memoryview(mem)
print(mem.grow(1024), inst.exports.grow(1024), inst.exports.size(), mem.pages, len(mem))
inst.exports.store8(6, 66)
print(mem[6], mem[5], len(old_view), old_view[5])
print(mem.grow(10000), inst.exports.size())
try:
    mem.grow(-1)
except ValueError:
    print("ValueError")

# memory_limit caps growth below the module's maximum; a minimum above it is refused.
small = uwasm.Instance(mod, memory_limit=2048)
ex = small.exports
print(ex.grow(512), ex.grow(512), ex.grow(1), ex.size())
try:
    uwasm.Instance(mod, memory_limit=1000)
except uwasm.Error as e:
    print("Error", type(e).__name__, "limit" in str(e))

# A 64 KiB-page module that cannot grow keeps only what lies below __heap_base.
shrunk = uwasm.Instance(uwasm.Module(WASM["shrink"]), memory_limit=4096)
print(len(shrunk.exports.memory), shrunk.exports.load8(100), shrunk.exports.load8(3007))
try:
    shrunk.exports.load8(3008)
except uwasm.Trap as e:
    print("Trap", e.kind)
# One that can grow is refused rather than silently clamped.
try:
    uwasm.Instance(uwasm.Module(WASM["growable"]), memory_limit=4096)
except uwasm.Error as e:
    print("Error", "65536" in str(e), "4096" in str(e))
