"""How each engine runs a benchmark, and how one run is timed and checked.

Timing: uwasm and wasm3 are timed as whole processes (wall clock around the
child, start-up and module loading included: about 1 ms against runs of 0.2 s and
more — and wasm3 compiles lazily, inside the call anyway). wasmtime and native are
timed over the call alone, as they report it on stderr (``wasmtime_run``; the
native main in bench.h): Python's start-up and Cranelift's compilation would
dominate wasmtime, and process start-up would weigh on native runs of a few ms.
"""

from __future__ import annotations

import re
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

from .programs import Benchmark, parse_result

ENGINES = ("uwasm", "wasm3", "wasmtime", "native")
# uwasm with --translate-budget 0 (pure in-place interpretation), measured on request.
UWASM_BUDGET0 = "uwasm_b0"

_WASMTIME_SCRIPT = Path(__file__).resolve().parent / "wasmtime_run.py"
_CALL_NS = re.compile(r"(?:wasmtime|native)-stats call_ns=(\d+)")
# Engines timed over the call alone, as they report it on stderr.
CALL_TIMED = ("wasmtime", "native")


@dataclass(frozen=True)
class EnginePaths:
    """The executables of the engines that are programs of their own."""

    uwasm_run: Path
    wasm3_run: Path
    python: str = sys.executable


@dataclass(frozen=True)
class RunOutcome:
    """One run of one benchmark in one engine. ``error`` is None on success."""

    result: str | None
    seconds: float | None
    error: str | None
    stderr: str = ""

    @property
    def ok(self) -> bool:
        return self.error is None


def engine_command(engine: str, bench: Benchmark, paths: EnginePaths) -> list[str]:
    """The command line that runs ``bench`` in ``engine`` and prints its result."""
    if engine == "uwasm":
        return [str(paths.uwasm_run), str(bench.wasm), "run"]
    if engine == UWASM_BUDGET0:
        return [str(paths.uwasm_run), "--translate-budget", "0", str(bench.wasm), "run"]
    if engine == "wasm3":
        return [str(paths.wasm3_run), str(bench.wasm), "run"]
    if engine == "wasmtime":
        return [paths.python, str(_WASMTIME_SCRIPT), str(bench.wasm), "run"]
    if engine == "native":
        return [str(bench.native)]
    raise ValueError(f"unknown engine {engine!r}")


def missing_executable(engine: str, paths: EnginePaths) -> str | None:
    """Why an engine cannot run at all (its program was not built), or None."""
    program = {"uwasm": paths.uwasm_run, UWASM_BUDGET0: paths.uwasm_run, "wasm3": paths.wasm3_run}.get(engine)
    if program is not None and not program.is_file():
        return f"{program} does not exist (not built)"
    return None


def _tail(text: str, lines: int = 3) -> str:
    return " | ".join(text.strip().splitlines()[-lines:])


def run_once(
    engine: str,
    bench: Benchmark,
    paths: EnginePaths,
    expected: str | None,
    timeout: float,
    env: dict[str, str] | None = None,
) -> RunOutcome:
    """Runs the benchmark once; never raises for a failing engine.

    A run fails if the program cannot start, times out, exits non-zero, prints no
    result, or prints a result different from ``expected`` (when given).
    """
    command = engine_command(engine, bench, paths)
    start = time.perf_counter()
    try:
        completed = subprocess.run(command, capture_output=True, text=True, timeout=timeout, env=env, check=False)
    except subprocess.TimeoutExpired:
        return RunOutcome(None, None, f"timed out after {timeout:.0f} s")
    except OSError as error:
        return RunOutcome(None, None, f"cannot start: {error}")
    elapsed = time.perf_counter() - start
    if completed.returncode < 0:
        detail = _tail(completed.stderr) or "no output"
        return RunOutcome(None, None, f"killed by signal {-completed.returncode}: {detail}", completed.stderr)
    if completed.returncode != 0:
        detail = _tail(completed.stderr) or _tail(completed.stdout) or "no output"
        return RunOutcome(None, None, f"exit status {completed.returncode}: {detail}", completed.stderr)
    result = parse_result(completed.stdout)
    if result is None:
        return RunOutcome(
            None,
            None,
            f"no result in its output: {_tail(completed.stdout) or 'empty'}",
            completed.stderr,
        )
    if expected is not None and result != expected:
        return RunOutcome(result, None, f"MISMATCH: printed {result}, native {expected}", completed.stderr)
    if engine in CALL_TIMED:
        match = _CALL_NS.search(completed.stderr)
        if match is None:
            return RunOutcome(result, None, "no call time reported", completed.stderr)
        elapsed = int(match.group(1)) / 1e9
    return RunOutcome(result, elapsed, None, completed.stderr)
