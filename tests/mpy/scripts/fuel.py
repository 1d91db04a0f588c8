# Fuel: a call can stop when its budget runs out and resume to exactly the result of
# an uninterrupted run; how an asyncio task runs an app in slices.
import uwasm

inst = uwasm.Instance(uwasm.Module(WASM["fuel"]))
full = inst.exports.sumsq(3000)
print(full)
print(inst.call("sumsq", 3000, fuel=None) == full)

# Small slices, resumed until done: same result; count the slices.
slices = 1
try:
    result = inst.call("sumsq", 3000, fuel=100)
except uwasm.OutOfFuel:
    while True:
        try:
            result = inst.resume(100)
            break
        except uwasm.OutOfFuel:
            slices += 1
print(result == full, slices > 10, inst.suspended)

# An endless loop stops at its budget; a new call abandons the suspended one.
try:
    inst.call("spin", fuel=5000)
except uwasm.OutOfFuel as e:
    print("OutOfFuel", isinstance(e, uwasm.Error), inst.suspended)
print(inst.exports.sumsq(10), inst.suspended)
try:
    inst.resume(10)
except uwasm.Error as e:
    print("Error", e)
for bad in (-1, "x"):
    try:
        inst.call("sumsq", 3, fuel=bad)
    except (ValueError, TypeError) as e:
        print(type(e).__name__)
