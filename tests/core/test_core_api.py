"""Public-API behaviour (fuel, interrupt, stacks, host functions, link errors,
memory and allocator limits, read-only module bytes), checked by api_check.c
under AddressSanitizer and UBSan."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest


def run_check(api_check: Path, *args: str | Path) -> str:
    proc = subprocess.run([str(api_check), *map(str, args)], capture_output=True, text=True, timeout=300)
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
