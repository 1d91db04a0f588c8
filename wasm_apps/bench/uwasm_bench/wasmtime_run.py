"""Calls one exported function under wasmtime (PyPI) and times only the call.

    python -m uwasm_bench.wasmtime_run FILE.wasm FUNCTION

Prints the result like uwasm-run ("i32:N", unsigned) on stdout and
``wasmtime-stats call_ns=N`` on stderr: the time of the call alone, without
Python's start-up or Cranelift's compilation.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

import wasmtime


def format_value(kind: str, value: object) -> str:
    """Formats a result the way the other engines print it."""
    if kind == "i32" and isinstance(value, int):
        return f"i32:{value % (1 << 32)}"
    if kind == "i64" and isinstance(value, int):
        return f"i64:{value % (1 << 64)}"
    if kind in ("f32", "f64") and isinstance(value, float):
        return f"{kind}:{value!r}"
    raise ValueError(f"unsupported result {kind} {value!r}")


def call_export(path: Path, function: str) -> tuple[str, int]:
    """Instantiates the module (no imports) and calls ``function()``.

    Returns the formatted result and the call's duration in nanoseconds.
    """
    engine = wasmtime.Engine()
    store = wasmtime.Store(engine)
    module = wasmtime.Module.from_file(engine, str(path))
    instance = wasmtime.Instance(store, module, [])
    export = instance.exports(store).get(function)
    if not isinstance(export, wasmtime.Func):
        raise LookupError(f"{path.name} exports no function {function!r}")
    results = export.type(store).results
    if len(results) != 1:
        raise ValueError(f"{function} returns {len(results)} values, expected 1")
    start = time.perf_counter_ns()
    value = export(store)
    elapsed = time.perf_counter_ns() - start
    return format_value(str(results[0]), value), elapsed


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m uwasm_bench.wasmtime_run FILE.wasm FUNCTION", file=sys.stderr)
        return 2
    try:
        result, elapsed = call_export(Path(argv[0]), argv[1])
    except (wasmtime.WasmtimeError, wasmtime.Trap, LookupError, ValueError, OSError) as error:
        print(f"wasmtime_run: {error}", file=sys.stderr)
        return 1
    print(result)
    print(f"wasmtime-stats call_ns={elapsed}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
