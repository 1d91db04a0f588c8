"""The WebAssembly spec suite (non-SIMD core + three proposals), one test per
.wast file, through uwasm-run's batch mode."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.core import spec_runner

pytestmark = pytest.mark.skipif(not spec_runner.suite_present(), reason=spec_runner.SPEC_MISSING)

FILES = spec_runner.spec_files() if spec_runner.suite_present() else []


def test_suite_is_there() -> None:
    assert len(FILES) == 147 + 10, "expected 147 core files and 10 proposal files"


# uwasm-run's default translation budget (most functions translated), budget 0
# (everything in place) and a budget of 200 bytes (a few small functions
# translated, so calls and returns cross between the two executors all the time):
# the whole suite passes on each; and the same for the core compiled -Os as the
# firmware compiles it (UW_COMPACT, the numeric instructions out of line).
VARIANTS = ("default", "0", "200")
CASES = [
    (rel, build, budget)
    for build in ("host", "compact")
    for budget in VARIANTS
    for rel in FILES
    if budget == "default" or not spec_runner.is_simd(rel)
]


@pytest.mark.parametrize(("rel", "build", "budget"), CASES)
def test_spec_file(rel: str, build: str, budget: str, uwasm_run: Path, uwasm_run_compact: Path) -> None:
    out = spec_runner.ROOT / "build" / "spec"
    options = [] if budget == "default" else ["--translate-budget", budget]
    run = uwasm_run if build == "host" else uwasm_run_compact
    res = spec_runner.run_file(rel, run, out, options)
    assert res.failed == 0, "\n".join(res.failures[:30])
    if spec_runner.is_simd(rel):
        assert res.passed == 0 and res.skipped > 0
    else:
        # a few files hold only text-format (parser) assertions, counted as skipped
        assert res.passed + res.skipped > 0


def test_results_json_format(uwasm_run: Path, tmp_path: Path) -> None:
    rc = spec_runner.main(
        ["--uwasm-run", str(uwasm_run), "--out", str(tmp_path), "core/nop.wast", "core/simd_lane.wast"]
    )
    assert rc == 0
    data = json.loads((tmp_path / "results.json").read_text())
    assert set(data) == {"passed", "failed", "skipped", "files"}
    assert set(data["files"]) == {"core/nop.wast", "core/simd_lane.wast"}
    nop, simd = data["files"]["core/nop.wast"], data["files"]["core/simd_lane.wast"]
    assert nop["passed"] > 50 and nop["failed"] == 0
    assert simd["passed"] == 0 and simd["skipped"] > 100
    assert data["passed"] == nop["passed"] + simd["passed"]
    assert data["skipped"] == nop["skipped"] + simd["skipped"]
