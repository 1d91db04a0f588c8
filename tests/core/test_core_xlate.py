"""The translation tier against the in-place interpreter: the same results,
traps (with the same function and offset) and fuel behaviour whatever the
budget, and the budget is respected."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

BUDGETS = ["0", "200", "12288"]  # in place, partly translated, uwasm-run's default


def run(uwasm_run: Path, budget: str, *args: str | Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(uwasm_run), "--translate-budget", budget, *map(str, args)], capture_output=True, text=True, timeout=60
    )


CASES = [
    ("stale", ["i32:5"], "i32:-95\n"),
    ("tee", ["i32:5"], "i32:20\n"),
    ("swap", ["i32:1", "i32:2"], "i32:2\ni32:1\n"),
    ("clamp", ["i32:3"], "i32:3\n"),
    ("clamp", ["i32:30"], "i32:10\n"),
    ("pick", ["i32:0"], "i32:1024\n"),  # (7 + 5) * 2 + 1000
    ("pick", ["i32:1"], "i32:1014\n"),  # 7 * 2 + 1000
    ("pick", ["i32:2"], "i32:1007\n"),
    ("pick", ["i32:9"], "i32:1007\n"),  # past the table: the default
    ("sum", ["i32:50000"], "i32:705032704\n"),  # 50,000 * 100,000 mod 2^32
    ("ifparam", ["i32:1"], "i32:43\n"),  # 6 * 7 + 1
    ("ifparam", ["i32:0"], "i32:5\n"),  # 6 - 1 + 0
    ("ifparam", ["i32:-4"], "i32:41\n"),  # 6 * 7 - 1
    ("poke", ["i32:16", "i32:-7"], "i32:-7\n"),
    ("outer", ["i32:0"], "i32:1\n"),
]


@pytest.mark.parametrize("budget", BUDGETS)
@pytest.mark.parametrize(("func", "args", "expected"), CASES)
def test_same_results(
    uwasm_run: Path, wasm: dict[str, Path], budget: str, func: str, args: list[str], expected: str
) -> None:
    proc = run(uwasm_run, budget, wasm["xlate"], func, *args)
    assert proc.returncode == 0, proc.stderr
    assert proc.stdout == expected


@pytest.mark.parametrize(
    ("func", "args"), [("poke", ["i32:65532", "i32:1"]), ("outer", ["i32:1"]), ("outer", ["i32:4294967295"])]
)
def test_traps_are_located_alike(uwasm_run: Path, wasm: dict[str, Path], func: str, args: list[str]) -> None:
    reports = {budget: run(uwasm_run, budget, wasm["xlate"], func, *args) for budget in BUDGETS}
    for proc in reports.values():
        assert proc.returncode == 1
        assert proc.stderr.startswith("trap: out of bounds memory access"), proc.stderr
    assert len({proc.stderr for proc in reports.values()}) == 1, reports


# numeric instructions: a handler each in each executor, or one shared
# out-of-line function in the compact (-Os) build (translated code keeps its own
# handlers and immediate forms for the hot i32 ones); every way alike
NUMERIC = [
    ("mix", ["i64:7", "i64:-2", "f64:2.5"], 0, "i64:-15\n"),  # 21 / -2 = -10, trunc(2.5 * -2) = -5
    ("mix", ["i64:7", "i64:0", "f64:1"], 1, "trap: integer divide by zero"),
    ("mix", ["i64:-9223372036854775808", "i64:-1", "f64:0"], 1, "trap: integer overflow"),
    ("mix", ["i64:1", "i64:1", "f64:1e300"], 1, "trap: integer overflow"),
    ("mix", ["i64:1", "i64:1", "f64:nan"], 1, "trap: invalid conversion to integer"),
    # (rotl x 5 ^ rotr x 13 ^ rotl x y ^ rotr x y) + (x - 7 + x / y) + clz x + popcnt y + extend8_s x
    ("bits", ["i32:305419896", "i32:3"], 0, "i32:2129932485\n"),
    ("bits", ["i32:-200", "i32:-7"], 0, "i32:-2009564412\n"),
    ("bits", ["i32:-1", "i32:31"], 0, "i32:-4\n"),
    ("bits", ["i32:128", "i32:36"], 0, "i32:67115038\n"),  # rotations by more than 31
    ("bits", ["i32:1", "i32:0"], 1, "trap: integer divide by zero"),
    ("bits", ["i32:-2147483648", "i32:-1"], 1, "trap: integer overflow"),
]


@pytest.mark.parametrize(("func", "args", "rc", "expected"), NUMERIC)
def test_numeric_alike_in_every_build(
    uwasm_run: Path, uwasm_run_compact: Path, wasm: dict[str, Path], func: str, args: list[str], rc: int, expected: str
) -> None:
    reports = {
        (build, budget): run(binary, budget, wasm["xlate"], func, *args)
        for build, binary in (("host", uwasm_run), ("compact", uwasm_run_compact))
        for budget in BUDGETS
    }
    for proc in reports.values():
        assert proc.returncode == rc, proc.stderr
        assert (proc.stdout if rc == 0 else proc.stderr).startswith(expected), proc.stdout + proc.stderr
    assert len({(proc.stdout, proc.stderr) for proc in reports.values()}) == 1, reports


def stats(uwasm_run: Path, budget: str, *args: str | Path) -> tuple[str, dict[str, str]]:
    proc = run(uwasm_run, budget, "--stats", *args)
    assert proc.returncode == 0, proc.stderr
    return proc.stdout, dict(line.split(": ") for line in proc.stderr.splitlines())


def test_budget_is_respected(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    out0, none = stats(uwasm_run, "0", wasm["xlate"], "sum", "i32:1000")
    assert none["translated bytes"] == "0" and none["translated functions"] == "0"
    out, full = stats(uwasm_run, "12288", wasm["xlate"], "sum", "i32:1000")
    assert out == out0 == "i32:100000000\n"
    assert full["translated functions"] == "1"  # only the function called
    assert 0 < int(full["translated bytes"]) < 12288
    # translated code is instance RAM
    assert int(full["instance ram"]) - int(none["instance ram"]) == int(full["translated bytes"])
    _, tight = stats(uwasm_run, str(int(full["translated bytes"]) - 1), wasm["xlate"], "sum", "i32:1000")
    assert tight["translated functions"] == "0"  # does not fit: runs in place


def test_fuel_counts_alike(uwasm_run: Path, wasm: dict[str, Path]) -> None:
    # one unit per backward branch (10 iterations; the entry call is the caller's)
    for budget in BUDGETS:
        assert run(uwasm_run, budget, "--fuel", "10", wasm["xlate"], "sum", "i32:10").returncode == 0
        proc = run(uwasm_run, budget, "--fuel", "9", wasm["xlate"], "sum", "i32:10")
        assert proc.returncode == 3 and "out of fuel" in proc.stderr
