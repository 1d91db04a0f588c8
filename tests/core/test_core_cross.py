"""firmware/core compiles warning-free (-Wall -Wextra -Werror) for every
target of issue 3 item 8."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.core import cross_check, spec_runner
from tests.core.conftest import BUILD, ROOT

CORE_SOURCES = sorted((ROOT / "firmware" / "core").glob("*.c")) + sorted((ROOT / "firmware" / "cli").glob("*.c"))


@pytest.mark.parametrize("target", list(cross_check.TARGETS))
def test_cross_compile(target: str, tmp_path: Path) -> None:
    cc = cross_check.TARGETS[target][0]
    if shutil.which(cc) is None:
        pytest.skip(f"{cc} is not installed")
    ok, msg, text = cross_check.build(target, tmp_path)
    assert ok, msg
    assert text > 10_000


SWITCH_SAMPLE = [
    "core/i32.wast",
    "core/br_table.wast",
    "core/call_indirect.wast",
    "core/memory_trap.wast",
    "core/conversions.wast",
    "proposals/tail-call/return_call_indirect.wast",
]


@pytest.mark.parametrize("rel", SWITCH_SAMPLE)
def test_switch_dispatch_runs_the_spec(rel: str, uwasm_run: Path) -> None:
    """The switch fallback (compilers without computed goto) is the same engine."""
    out = BUILD / "uwasm-run-switch"
    if not out.exists() or out.stat().st_mtime < max(p.stat().st_mtime for p in CORE_SOURCES):
        BUILD.mkdir(parents=True, exist_ok=True)
        cmd = [
            "gcc", "-O2", "-std=c99", "-Wall", "-Wextra", "-Werror", "-DUW_USE_COMPUTED_GOTO=0",
            "-D_POSIX_C_SOURCE=200809L", "-I", str(ROOT / "firmware" / "core"),
            *map(str, CORE_SOURCES), "-o", str(out),
        ]  # fmt: skip
        subprocess.run(cmd, check=True)
    res = spec_runner.run_file(rel, out, ROOT / "build" / "spec")
    assert res.failed == 0, "\n".join(res.failures[:20])
    assert res.passed > 50
