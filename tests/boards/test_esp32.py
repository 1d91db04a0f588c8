"""The ESP32 board: what `make firmware` and `make flash` do without ESP-IDF here."""

from __future__ import annotations

import json
import re
import shlex
import subprocess
from pathlib import Path

import pytest

from tests.targets.device import BUILD, ROOT, VENV

MPY_ESP32 = ROOT / ".deps" / "micropython" / "ports" / "esp32"
BOARD_DIR = ROOT / "boards" / "ESP32_GENERIC"


def make(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(["make", "--no-print-directory", *args], cwd=ROOT, capture_output=True, text=True, timeout=60)


def documented_flash_command(board: str) -> list[str]:
    """The flashing command of MicroPython's deploy notes, with the board's own offset."""
    deploy = (MPY_ESP32 / "boards" / "deploy.md").read_text()
    line = next(m.group(0) for m in re.finditer(r"^esptool\.py --port .*write_flash .*$", deploy, re.MULTILINE))
    offset = json.loads((MPY_ESP32 / "boards" / board / "board.json").read_text())["deploy_options"]["flash_offset"]
    return shlex.split(line.replace("{deploy_options[flash_offset]}", offset))


def test_flash_runs_the_documented_esptool_command() -> None:
    if not MPY_ESP32.exists():
        pytest.skip("MicroPython's source is missing: run 'make setup'")
    result = make("-n", "flash", "BOARD=ESP32_GENERIC", "PORT=/dev/ttyUSB7")
    assert result.returncode == 0, result.stderr
    ours = shlex.split(result.stdout.strip().splitlines()[-1])
    documented = documented_flash_command("ESP32_GENERIC")
    # esptool v5 renamed `write_flash` to `write-flash` and installs as `esptool`.
    assert ours[0] == str(VENV / "bin" / "esptool")
    assert documented[0] == "esptool.py"
    expected = [arg.replace("write_flash", "write-flash") for arg in documented[1:]]
    expected[expected.index("PORTNAME")] = "/dev/ttyUSB7"
    expected[-1] = str(BUILD / "esp32" / "firmware.bin")
    assert ours[1:] == expected
    assert "0x1000" in ours


def test_esptool_accepts_the_flash_command(tmp_path: Path) -> None:
    """The command parses: esptool gets as far as opening the (absent) serial port."""
    command = shlex.split(
        make("-n", "flash", "BOARD=ESP32_GENERIC", "PORT=/dev/uwasm-no-such-port").stdout.splitlines()[-1]
    )
    firmware = tmp_path / "firmware.bin"
    firmware.write_bytes(bytes(4096))
    command[-1] = str(firmware)
    result = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert result.returncode != 0
    output = result.stdout + result.stderr
    assert "Could not open /dev/uwasm-no-such-port" in output
    assert "Deprecated" not in output


def test_flash_without_port_says_what_is_missing() -> None:
    result = make("flash", "BOARD=ESP32_GENERIC")
    assert result.returncode != 0
    assert "needs PORT=" in result.stderr
    assert "ESP-IDF" not in result.stderr  # stopped before trying to build the firmware


def test_firmware_without_esp_idf_says_what_to_install() -> None:
    env_path = "/usr/bin:/bin"  # no idf.py on this PATH
    result = subprocess.run(
        ["make", "--no-print-directory", "firmware", "BOARD=ESP32_GENERIC"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
        env={"PATH": env_path, "HOME": "/root"},
    )
    assert result.returncode != 0
    assert "needs ESP-IDF v5" in result.stderr
    assert "export.sh" in result.stderr


def test_partition_table_fits_4mib_and_leaves_2mib_for_apps() -> None:
    rows = [
        [field.strip() for field in line.split(",")]
        for line in (BOARD_DIR / "partitions-4MiB-apps.csv").read_text().splitlines()
        if line.strip() and not line.startswith("#")
    ]
    end = 0x9000  # the partition table itself sits below 0x9000
    sizes = {}
    for name, _kind, _subtype, offset, size, _flags in rows:
        assert int(offset, 16) >= end, f"{name} overlaps the partition before it"
        end = int(offset, 16) + int(size, 16)
        sizes[name] = int(size, 16)
    assert end <= 4 * 1024 * 1024
    assert sizes["factory"] >= 0x1F0000  # as much room as MicroPython's own ESP32_GENERIC layout
    assert sizes["vfs"] >= 2 * 1024 * 1024
