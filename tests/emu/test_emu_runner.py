"""The emulator runner's own tests: its node:test unit tests (tools/emu/test: bootrom
lookup, flash erase/program interception on the core, flash image files, unaligned and
undefined-instruction faults, on small snippets, not the firmware), and its command line.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

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


def runner(*args: str, stdin: bytes = b"", timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    node = shutil.which("node")
    assert node is not None, "node is not on PATH: run 'make setup'"
    return subprocess.run(
        [node, str(EMU / "run.mjs"), *args], input=stdin, capture_output=True, timeout=timeout, check=False
    )


def test_bad_usage_exits_2_with_a_message() -> None:
    result = runner("--firmware", "x.bin")
    assert result.returncode == 2
    assert b"--bootrom is required" in result.stderr
    result = runner("--no-such-option")
    assert result.returncode == 2
    assert b"usage: node tools/emu/run.mjs" in result.stderr


@pytest.mark.emulator
def test_piped_stdin_is_answered_then_the_runner_exits() -> None:
    firmware = ROOT / "build" / "rp2" / "firmware.bin"
    if not firmware.exists():
        pytest.skip("build/rp2/firmware.bin is missing: run 'make firmware BOARD=RPI_PICO'")
    bootrom = ROOT / ".deps" / "rp2040" / "bootrom-b1.bin"
    result = runner("--firmware", str(firmware), "--bootrom", str(bootrom), stdin=b"print(6 * 7, 'x' * 3)\r")
    assert result.returncode == 0, result.stderr
    assert b"\r\n42 xxx\r\n>>> " in result.stdout, result.stdout
    # stdout carries only the REPL; the runner's own lines go to stderr.
    assert b"uwasm-emu" not in result.stdout
    stats = re.search(rb"uwasm-emu: end of input; stats (\{.*\})", result.stderr)
    assert stats is not None, result.stderr
    assert json.loads(stats.group(1))["cycles"] > 100_000
