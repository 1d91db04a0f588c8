"""firmware/core compiles warning-free (-Wall -Wextra -Werror) for every
target of issue 3 item 8."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest

from tests.core import cross_check, spec_runner
from tests.core.conftest import BUILD, ROOT

CORE_SOURCES = sorted((ROOT / "firmware" / "core").glob("*.[ch]")) + sorted((ROOT / "firmware" / "cli").glob("*.c"))


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


VARIANTS = {
    "switch-O2": ["-O2", "-DUW_USE_COMPUTED_GOTO=0"],  # compilers without computed goto
    "goto-Os": ["-Os"],  # the size-optimised paths firmware builds take
}


@pytest.mark.skipif(not spec_runner.suite_present(), reason=spec_runner.SPEC_MISSING)
@pytest.mark.parametrize("variant", list(VARIANTS))
@pytest.mark.parametrize("rel", SWITCH_SAMPLE)
def test_build_variants_run_the_spec(rel: str, variant: str, uwasm_run: Path) -> None:
    """The switch fallback and the -Os code paths are the same engine."""
    out = BUILD / f"uwasm-run-{variant}"
    if not out.exists() or out.stat().st_mtime < max(p.stat().st_mtime for p in CORE_SOURCES):
        BUILD.mkdir(parents=True, exist_ok=True)
        cmd = [
            "gcc", *VARIANTS[variant], "-std=c99", "-Wall", "-Wextra", "-Werror",
            "-D_POSIX_C_SOURCE=200809L", "-I", str(ROOT / "firmware" / "core"),
            *(str(p) for p in CORE_SOURCES if p.suffix == ".c"), "-o", str(out),
        ]  # fmt: skip
        subprocess.run(cmd, check=True)
    res = spec_runner.run_file(rel, out, ROOT / "build" / "spec")
    assert res.failed == 0, "\n".join(res.failures[:20])
    assert res.passed > 50
