# Imports: Python callables, deny-by-default linking, exceptions through WebAssembly,
# and another instance's exports.
import uwasm

mod = uwasm.Module(WASM["host"])
print(mod.imports())
logs = []


def add(a, b):
    return a + b


def pair():
    return (20, 22)


env = {"log": logs.append, "add": add, "pair": pair, "reenter": lambda: None}
inst = uwasm.Instance(mod, {"env": env})
inst.exports.hello(5)
inst.exports.hello(-7)
print(logs, inst.exports.mix(40, 2.5), inst.exports.sum_pair())

# Missing and mistyped imports name module.field and the type.
for imports in ({}, {"env": {}}, {"env": dict(env, log=5)}, {"env": dict(env, add=None)}):
    try:
        uwasm.Instance(mod, imports)
    except uwasm.LinkError as e:
        print("LinkError", e)
for imports in ("env", {"env": 1}):
    try:
        uwasm.Instance(mod, imports)
    except TypeError as e:
        print("TypeError", e)


# A Python exception inside an import comes out of the call unchanged, and the
# instance keeps working: 1,000 times, then a normal call.
class Boom(Exception):
    pass


def boom(value):
    raise Boom(value)


inst2 = uwasm.Instance(mod, {"env": dict(env, log=boom)})
caught = 0
for i in range(1000):
    try:
        inst2.exports.hello(i)
    except Boom as e:
        if e.args == (i,):
            caught += 1
print("caught", caught, inst2.exports.ping(), inst2.exports.sum_pair())

# Results of the wrong type from an import are a TypeError out of the call.
inst3 = uwasm.Instance(mod, {"env": dict(env, add=lambda a, b: "no", pair=lambda: (1,))})
for name in ("mix", "sum_pair"):
    try:
        inst3.exports[name](1, 1.0) if name == "mix" else inst3.exports[name]()
    except TypeError as e:
        print("TypeError", e)
print(inst3.exports.ping())

# Calling back into the instance that is running is refused, and it stays usable.
holder = []
inst4 = uwasm.Instance(mod, {"env": dict(env, reenter=lambda: holder[0].exports.ping())})
holder.append(inst4)
try:
    inst4.exports.call_reenter()
except uwasm.Error as e:
    print("Error", e)
print(inst4.exports.ping())

# Another instance's exports as imports: a function and a memory.
provider = uwasm.Instance(uwasm.Module(WASM["provider"]))
consumer = uwasm.Instance(
    uwasm.Module(WASM["consumer"]),
    {"provider": {"triple": provider.exports.triple, "mem": provider.exports.mem}},
)
provider.exports.poke(3, 99)
print(consumer.exports.nine_times(5), consumer.exports.peek(3))
try:
    uwasm.Instance(
        uwasm.Module(WASM["consumer"]), {"provider": {"triple": provider.exports.poke, "mem": provider.exports.mem}}
    )
except uwasm.LinkError as e:
    print("LinkError", "provider.triple" in str(e))
