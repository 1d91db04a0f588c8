"""uwasm-run's command line: typed arguments and results, traps, fuel, stats."""

from __future__ import annotations

import subprocess
from pathlib import Path


def run(uwasm_run: Path, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(uwasm_run), *map(str, args)], capture_output=True, text=True, timeout=60)


def test_results_are_typed(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    proc = run(uwasm_run, "--spectest", wasm["api"], "fib", "i32:20")
    assert proc.returncode == 1 and "unknown import env.host" in proc.stderr
    proc = run(uwasm_run, wasm["cli"], "fib", "i32:20")
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == "i32:6765\n"
    proc = run(uwasm_run, wasm["cli"], "mix", "i64:-3", "f32:1.5", "f64:2.25")
    assert proc.stdout == "i64:-3\nf32:1.5\nf64:2.25\n"


def test_trap_is_reported_with_function_and_offset(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    proc = run(uwasm_run, wasm["cli"], "div", "i32:1", "i32:0")
    assert proc.returncode == 1
    assert proc.stderr.startswith("trap: integer divide by zero")
    assert "(func 2, offset " in proc.stderr


def test_call_depth_option(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    assert run(uwasm_run, wasm["cli"], "fib", "i32:25").returncode == 0
    proc = run(uwasm_run, "--call-depth", "10", wasm["cli"], "fib", "i32:25")
    assert proc.returncode == 1 and "call stack exhausted" in proc.stderr


def test_fuel_option(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    proc = run(uwasm_run, "--fuel", "100", wasm["cli"], "fib", "i32:20")
    assert proc.returncode == 3 and "out of fuel" in proc.stderr
    proc = run(uwasm_run, "--fuel", "100000", wasm["cli"], "fib", "i32:20")
    assert proc.returncode == 0 and proc.stdout == "i32:6765\n"


def test_stats(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    proc = run(uwasm_run, "--stats", wasm["cli"], "fib", "i32:5")
    fields = dict(line.split(": ") for line in proc.stderr.splitlines())
    assert int(fields["allocator high water"]) > 0
    assert int(fields["side table bytes"]) == 12 * 2  # the `if` and the `else` of fib, 12 bytes each
    assert int(fields["allocator in use"]) > 0


def test_bad_arguments(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    assert run(uwasm_run, wasm["cli"], "fib").returncode == 2
    assert run(uwasm_run, wasm["cli"], "nope").returncode == 2
    assert run(uwasm_run, wasm["cli"], "fib", "i32:x").returncode == 2
    assert run(uwasm_run, "/nonexistent.wasm").returncode == 2
