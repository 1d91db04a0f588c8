# Every trap kind is a uwasm.Trap with its kind, function index and offset; the
# instance is usable after each.
import uwasm

inst = uwasm.Instance(uwasm.Module(WASM["traps"]), call_depth=100)
cases = [
    ("unreachable", ()),
    ("oob_load", ()),
    ("div_zero", (0,)),
    ("overflow", ()),
    ("bad_convert", ()),
    ("wrong_sig", ()),
    ("undefined_elem", ()),
    ("uninit_elem", ()),
    ("deep", (0,)),
]
for name, args in cases:
    try:
        inst.exports[name](*args)
        print(name, "no trap")
    except uwasm.Trap as e:
        print(name, "->", e.kind, isinstance(e.func, int), isinstance(e.offset, int), isinstance(e, uwasm.Error))
    print(inst.exports.ok())
print(inst.exports.div_zero(7))
