"""The emulator runner's own unit tests (tools/emu/test, node:test): bootrom lookup,
flash erase/program interception on the core, flash image files, unaligned faults.

They run the rp2040js core on small snippets, not the MicroPython firmware.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EMU = ROOT / "tools" / "emu"


def test_runner_unit_tests_pass() -> None:
    node = shutil.which("node")
    assert node is not None, "node is not on PATH: run 'make setup'"
    assert (EMU / "node_modules" / "rp2040js").is_dir(), "rp2040js is not installed: run 'make setup'"
    result = subprocess.run(
        [node, "--test", "test/"], cwd=EMU, capture_output=True, text=True, timeout=120, check=False
    )
    report = result.stdout + result.stderr
    assert result.returncode == 0, report
    passed = re.search(r"^# pass (\d+)$", report, re.MULTILINE)
    assert passed is not None and int(passed.group(1)) >= 7, report
    assert re.search(r"^# fail 0$", report, re.MULTILINE), report
