"""Public-API behaviour (fuel, interrupt, stacks, host functions, link errors,
memory and allocator limits, read-only module bytes), checked by api_check.c
under AddressSanitizer and UBSan."""

from __future__ import annotations

import os
import subprocess
from pathlib import Path

import pytest


def run_check(api_check: Path, *args: str | Path, env: dict[str, str] | None = None) -> str:
    proc = subprocess.run([str(api_check), *map(str, args)], capture_output=True, text=True, timeout=300, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert proc.stdout.strip().endswith("ok")
    return proc.stdout


@pytest.mark.parametrize("check", ["fuel", "interrupt", "exhaustion", "host", "link", "readonly", "exports"])
def test_api(check: str, api_check: Path, wasm: dict[str, Path]) -> None:
    run_check(api_check, check, wasm["api"])


def test_memory_limit(api_check: Path, wasm: dict[str, Path]) -> None:
    run_check(api_check, "memlimit", wasm["heap"], wasm["growing"], wasm["small_pages"])


def test_allocator_limit_everywhere(api_check: Path, wasm: dict[str, Path]) -> None:
    out = run_check(api_check, "alloclimit", wasm["api"])
    assert "smallest working allocator limit" in out


def test_failed_instantiation_leaves_nothing_dangling(api_check: Path, wasm: dict[str, Path]) -> None:
    # keep_partial leaves one instance allocated on purpose: no leak report for it
    env = {**os.environ, "ASAN_OPTIONS": "detect_leaks=0"}
    run_check(api_check, "partial", wasm["table_owner"], wasm["table_filler"], env=env)
