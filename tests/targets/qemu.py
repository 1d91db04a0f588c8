"""The qemu ARM firmware (armv6-m code, 64 KB heap) on qemu-system-arm, serial on a pty."""

from __future__ import annotations

import re
import subprocess
import time
from pathlib import Path
from types import TracebackType

from .device import BUILD
from .repl_wait import stop_process, wait_for_repl

QEMU_FIRMWARE = BUILD / "qemu" / "firmware.elf"
QEMU_COMMAND = ["qemu-system-arm", "-machine", "mps2-an385", "-nographic", "-monitor", "null", "-semihosting"]


class QemuArm:
    """Context manager: qemu running the firmware; `.port` is its serial pty."""

    def __init__(self, firmware: Path = QEMU_FIRMWARE) -> None:
        self.firmware = firmware
        self.port = ""
        self._process: subprocess.Popen[str] | None = None

    def __enter__(self) -> QemuArm:
        self._process = subprocess.Popen(
            [*QEMU_COMMAND, "-serial", "pty", "-kernel", str(self.firmware)],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        assert self._process.stdout is not None
        deadline = time.monotonic() + 10
        # qemu announces the pty on its first line: "char device redirected to /dev/pts/N".
        line = self._process.stdout.readline()
        match = re.search(r"(/dev/pts/\d+)", line)
        if match is None or time.monotonic() > deadline:
            self.__exit__(None, None, None)
            raise RuntimeError(f"qemu did not report its serial pty: {line!r}")
        self.port = match.group(1)
        wait_for_repl(self.port, 10, "qemu firmware")
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        stop_process(self._process)
