# The translation tier: the same results, fuel and trap locations with it
# (the default) and without it (translate=0); translated code is bounded by the
# instance's budget and counted in its RAM.
import uwasm

mod = uwasm.Module(WASM["fuel"])
fast = uwasm.Instance(mod)
slow = uwasm.Instance(mod, translate=0)
print(fast.translated(), slow.translated())  # nothing before the first call
full = fast.exports.sumsq(3000)
print(full == slow.exports.sumsq(3000), full)
nbytes, nfuncs = fast.translated()
print(nfuncs, nbytes > 0, slow.translated())


def sliced(inst):
    slices = 1
    try:
        return inst.call("sumsq", 3000, fuel=100), slices
    except uwasm.OutOfFuel:
        while True:
            try:
                return inst.resume(100), slices
            except uwasm.OutOfFuel:
                slices += 1


print(sliced(fast), sliced(slow))

# A budget one byte short: one function translated, the other in place, calls
# crossing between them on every iteration.
tight = uwasm.Instance(mod, translate=nbytes - 1)
print(tight.exports.sumsq(3000) == full, tight.translated()[1], sliced(tight)[1])

traps = uwasm.Module(WASM["traps"])
where = []
for budget in (12288, 0):
    inst = uwasm.Instance(traps, translate=budget)
    for name in ("div_zero", "oob_load", "uninit_elem"):
        try:
            inst.call(name, 0) if name == "div_zero" else inst.call(name)
        except uwasm.Trap as e:
            where.append((name, e.kind, e.func, e.offset))
print(where[:3] == where[3:], where[0][1], where[1][1], where[2][1])

try:
    uwasm.Instance(mod, translate=-1)
except ValueError:
    print("ValueError")
