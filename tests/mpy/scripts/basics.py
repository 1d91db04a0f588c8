# Module, Instance, exports: functions, globals, multi-value results, introspection.
import uwasm

mod = uwasm.Module(WASM["basic"])
print(mod.exports()[:3])
print(mod.imports())
inst = uwasm.Instance(mod)
ex = inst.exports
print(ex.fib(20), ex.add32(2, 3), ex["add32"](-1, 1))
print(ex.swap(5, -6))
print(ex.counter, ex.bump(), ex.bump(), ex.counter)
ex.counter = 100
print(ex.bump(), ex["counter"])
ex["counter"] = -1
print(ex.counter)
print(ex.big == -(2**63), ex.ratio)
try:
    ex.big = 1
except TypeError as e:
    print("TypeError", e)
try:
    ex.nothing
except AttributeError:
    print("AttributeError")
try:
    ex["nothing"]
except KeyError:
    print("KeyError")
print(type(ex.fib).__name__, ex.fib)
print(inst.call("add32", 40, 2))
try:
    ex.fib(1, 2)
except TypeError as e:
    print("TypeError", e)
try:
    ex.fib(x=1)
except TypeError as e:
    print("TypeError", e)
