"""Public-API behaviour (fuel, interrupt, stacks, host functions, link errors,
memory and allocator limits, read-only module bytes), checked by api_check.c
under AddressSanitizer and UBSan."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest

# Every check runs in place (budget 0) and translated (the default budget of
# uwasm-run, large enough for every function of these modules).
BUDGETS = ["0", "65536"]


@pytest.fixture(params=BUDGETS, ids=lambda b: f"budget{b}")
def budget(request: pytest.FixtureRequest) -> str:
    return str(request.param)


def run_check(api_check: Path, *args: str | Path, budget: str = "0", env: dict[str, str] | None = None) -> str:
    env = {**(env if env is not None else os.environ), "UW_API_BUDGET": budget}
    proc = subprocess.run([str(api_check), *map(str, args)], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("ok")
    return proc.stdout


@pytest.mark.parametrize("check", ["fuel", "interrupt", "exhaustion", "host", "link", "readonly", "exports"])
def test_api(check: str, api_check: Path, wasm: dict[str, Path], budget: str) -> None:
    run_check(api_check, check, wasm["api"], budget=budget)


def test_memory_limit(api_check: Path, wasm: dict[str, Path], budget: str) -> None:
    run_check(api_check, "memlimit", wasm["heap"], wasm["growing"], wasm["small_pages"], budget=budget)


def test_allocator_limit_everywhere(api_check: Path, wasm: dict[str, Path], budget: str) -> None:
    out = run_check(api_check, "alloclimit", wasm["api"], budget=budget)
    assert "smallest working allocator limit" in out


def test_failed_instantiation_leaves_nothing_dangling(api_check: Path, wasm: dict[str, Path], budget: str) -> None:
    # keep_partial leaves one instance allocated on purpose: no leak report for it
    env = {**os.environ, "ASAN_OPTIONS": "detect_leaks=0"}
    run_check(api_check, "partial", wasm["table_owner"], wasm["table_filler"], budget=budget, env=env)
