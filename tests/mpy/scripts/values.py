# i32/i64 are exact and range-checked; floats convert both ways.
import uwasm

ex = uwasm.Instance(uwasm.Module(WASM["basic"])).exports
print(ex.add32(2**31 - 1, 1), ex.add32(2**32 - 1, 0), ex.add32(-(2**31), 0))
print(ex.add64(2**63 - 1, 0), ex.add64(2**64 - 1, 0), ex.add64(-(2**63), -1))
print(ex.add64(0x123456789, 0x100000000))
for bad in (2**32, -(2**31) - 1):
    try:
        ex.add32(bad, 0)
    except OverflowError as e:
        print("OverflowError", e)
for bad in (2**64, -(2**63) - 1, 2**100):
    try:
        ex.add64(bad, 0)
    except OverflowError as e:
        print("OverflowError", e)
for bad in (1.5, None, "1", b"1"):
    try:
        ex.add32(bad, 0)
    except TypeError as e:
        print("TypeError", e)
try:
    ex.mulf32("x", 1.0)
except TypeError as e:
    print("TypeError", e)
print(ex.mulf32(1.5, 2), ex.mulf32(3, 0.25))
# f64 on a port whose float is single precision: the result is rounded to a float.
double = 1.0 + 2.0**-40 != 1.0
third = ex.divf64(1.0, 3.0)
print(abs(third - 1 / 3) < 1e-7, (third == 1 / 3) if double else True)
print(ex.divf64(1.0, 0.0), ex.divf64(-1.0, 0.0))
nan = ex.divf64(0.0, 0.0)
print(nan != nan)
