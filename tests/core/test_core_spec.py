"""The WebAssembly spec suite (non-SIMD core + three proposals), one test per
.wast file, through uwasm-run's batch mode."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.core import spec_runner

FILES = spec_runner.spec_files()


def test_suite_is_there() -> None:
    assert len(FILES) == 147 + 10, "expected 147 core files and 10 proposal files"


@pytest.mark.parametrize("rel", FILES)
def test_spec_file(rel: str, uwasm_run: Path, tmp_path_factory: pytest.TempPathFactory) -> None:
    out = spec_runner.ROOT / "build" / "spec"
    res = spec_runner.run_file(rel, uwasm_run, out)
    assert res.failed == 0, "\n".join(res.failures[:30])
    if spec_runner.is_simd(rel):
        assert res.passed == 0 and res.skipped > 0
    else:
        # a few files hold only text-format (parser) assertions, counted as skipped
        assert res.passed + res.skipped > 0
