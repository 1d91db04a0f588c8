# Wrong types and malformed modules get clear exceptions, never a crash.
import uwasm

for buffer in (None, 42, "\0asm"):
    try:
        uwasm.Module(buffer)
    except TypeError as e:
        print("TypeError", e)
for data in (b"", b"\0asm", b"\0asm\x01\0\0\0\x01\x05", b"\0asm\x02\0\0\0", WASM["basic"][:-3]):
    try:
        uwasm.Module(data)
    except uwasm.ValidationError as e:
        print("ValidationError", isinstance(e.offset, int), len(str(e)) > 0)
try:
    uwasm.Instance(None)
except TypeError as e:
    print("TypeError", e)
mod = uwasm.Module(bytearray(WASM["basic"]))
for kwargs in ({"memory_limit": -1}, {"stack": 0}, {"call_depth": 0}):
    try:
        uwasm.Instance(mod, **kwargs)
    except ValueError:
        print("ValueError")
try:
    uwasm.Instance(mod, memory_limit="big")
except TypeError:
    print("TypeError")
# A module over a bytearray keeps working while the bytearray object lives.
inst = uwasm.Instance(mod)
print(inst.exports.fib(10))
# The core's RAM is capped per module: a tiny ram_limit is a MemoryError, not a crash.
try:
    uwasm.Module(WASM["basic"], ram_limit=200)
except MemoryError:
    print("MemoryError")
try:
    uwasm.Instance(mod, ram_limit=100)
except MemoryError:
    print("MemoryError")

# A bytearray the module was loaded from: resized after Module() (its data moves),
# or rewritten before Instance(): refused, never run.
data = bytearray(WASM["basic"])
mod = uwasm.Module(data)
inst = uwasm.Instance(mod)
print(inst.exports.fib(10))
data.extend(bytes(4096))
for attempt in (lambda: inst.exports.fib(10), lambda: inst.call("fib", 10), lambda: uwasm.Instance(mod)):
    try:
        attempt()
    except uwasm.Error as e:
        print("Error", e)
data = bytearray(WASM["basic"])
mod = uwasm.Module(data)
data[-1] ^= 0xFF
try:
    uwasm.Instance(mod)
except uwasm.Error as e:
    print("Error", e)
data[-1] ^= 0xFF
print(uwasm.Instance(mod).exports.fib(11))
