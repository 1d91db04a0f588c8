"""A MicroPython device reached by real mpremote over a serial port (a pty here)."""

from __future__ import annotations

import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build"
VENV = ROOT / ".venv"


class DeviceError(AssertionError):
    """mpremote failed, or the code it ran on the device raised."""


@dataclass
class Device:
    """What a test needs of a target: its name, its port, and mpremote against it."""

    name: str
    port: str

    def mpremote(self, *args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
        """Run `mpremote connect PORT ARGS...` and return what it did (never raises)."""
        command = [sys.executable, "-m", "mpremote", "connect", self.port, *args]
        try:
            return subprocess.run(command, capture_output=True, text=True, timeout=timeout)
        except subprocess.TimeoutExpired as e:
            raise DeviceError(f"{self.name}: mpremote {' '.join(args)} timed out after {timeout} s") from e

    def exec(self, code: str, timeout: float = 60) -> str:
        """Run code on the device; return its output, or raise DeviceError with the traceback."""
        result = self.mpremote("exec", code, timeout=timeout)
        if result.returncode != 0:
            raise DeviceError(f"{self.name}: exec failed ({result.returncode}):\n{result.stdout}{result.stderr}")
        return result.stdout.replace("\r\n", "\n")

    def run(self, script: Path, timeout: float = 120) -> str:
        """Run a local MicroPython script on the device; return its output."""
        result = self.mpremote("run", str(script), timeout=timeout)
        if result.returncode != 0:
            raise DeviceError(
                f"{self.name}: run {script.name} failed ({result.returncode}):\n{result.stdout}{result.stderr}"
            )
        return result.stdout.replace("\r\n", "\n")
