"""uwasm-run's command line: typed arguments and results, traps, fuel, stats."""

from __future__ import annotations

import subprocess
from pathlib import Path

from tests.core.conftest import VENV_BIN


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
    assert int(fields["side table bytes"]) == 8 * 2  # the `if` and the `else` of fib, 8 bytes each
    assert int(fields["allocator in use"]) > 0
    assert int(fields["value stack bytes"]) == 1024 * 8  # the core's default, 1,024 slots
    small = run(uwasm_run, "--stats", "--stack", "100", wasm["cli"], "fib", "i32:5").stderr
    assert "value stack bytes: 800\n" in small


def test_bad_arguments(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    assert run(uwasm_run, wasm["cli"], "fib").returncode == 2
    assert run(uwasm_run, wasm["cli"], "nope").returncode == 2
    assert run(uwasm_run, wasm["cli"], "fib", "i32:x").returncode == 2
    assert run(uwasm_run, "/nonexistent.wasm").returncode == 2


def test_wide_side_entries(uwasm_run: Path, tmp_path: Path) -> None:
    """Branches whose drop count or side-table distance do not fit an 8-byte
    side entry take the overflow path and still land right."""
    consts = " ".join(f"(i32.const {k})" for k in range(1, 301))
    targets = " ".join("0" for _ in range(40_000))
    wat = f"""(module
      (func (export "deep") (result i32) (block (result i32) {consts} (br 0)))
      (func (export "far") (param i32) (result i32)
        (block (br_table {targets} 0 (local.get 0))) (i32.const 7))
      (func (export "loop") (param i32) (result i32) (local i32)
        (loop $l
          (local.set 1 (i32.add (local.get 1) (i32.const 1)))
          (block (br_table {targets} $l (i32.sub (local.get 0) (local.get 1)))))
        (local.get 1)))"""
    src = tmp_path / "wide.wat"
    src.write_text(wat)
    wasm = tmp_path / "wide.wasm"
    subprocess.run([str(VENV_BIN / "wat2wasm"), str(src), "-o", str(wasm)], check=True)
    assert run(uwasm_run, wasm, "deep").stdout == "i32:300\n"
    assert run(uwasm_run, wasm, "far", "i32:5").stdout == "i32:7\n"
    assert run(uwasm_run, wasm, "far", "i32:39999").stdout == "i32:7\n"
    assert run(uwasm_run, wasm, "far", "i32:-1").stdout == "i32:7\n"
    # the loop's back-edge is the br_table default (index >= 40000): with
    # arg 40005 it loops while arg - i >= 40000, i.e. for i = 1..5, and leaves at 6
    proc = run(uwasm_run, wasm, "loop", "i32:40005")
    assert proc.stdout == "i32:6\n", proc.stderr
    proc = run(uwasm_run, "--fuel", "3", wasm, "loop", "i32:40005")
    assert proc.returncode == 3  # five back-edges need five units
    stats = run(uwasm_run, "--stats", wasm, "deep").stderr
    side = int(stats.split("side table bytes: ")[1].split()[0])
    assert side < 3 * 40_001 * 8 + 1000  # compact entries (8 bytes) plus a few overflow records
