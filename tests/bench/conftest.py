"""Fixtures for the benchmark tests: the benchmarks built by their own make rules.

The programs are built once per session into a temporary folder by
wasm_apps/bench/rules.mk itself (not a copy of its flags), so a test fails when the
rules or a program stop building.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from wasm_apps.bench.uwasm_bench.programs import Benchmark, load_benchmarks

ROOT = Path(__file__).resolve().parents[2]
RULES = ROOT / "wasm_apps" / "bench" / "rules.mk"


@pytest.fixture(scope="session")
def bench_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build/ folder holding bench/wasm/NAME.wasm and bench/native/NAME for every benchmark."""
    build = tmp_path_factory.mktemp("build")
    completed = subprocess.run(
        ["make", "-s", "-j2", "-f", str(RULES), f"ROOT={ROOT}", f"BUILD={build}", "bench-programs"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert completed.returncode == 0, f"benchmarks do not build:\n{completed.stdout}\n{completed.stderr}"
    return build


@pytest.fixture(scope="session")
def benchmarks(bench_build: Path) -> list[Benchmark]:
    return load_benchmarks(bench_build)
