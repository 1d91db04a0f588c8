"""firmware/core compiles warning-free (-Wall -Wextra -Werror) for every
target of issue 3 item 8."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from tests.core import cross_check


@pytest.mark.parametrize("target", list(cross_check.TARGETS))
def test_cross_compile(target: str, tmp_path: Path) -> None:
    cc = cross_check.TARGETS[target][0]
    if shutil.which(cc) is None:
        pytest.skip(f"{cc} is not installed")
    ok, msg, text = cross_check.build(target, tmp_path)
    assert ok, msg
    assert text > 10_000
