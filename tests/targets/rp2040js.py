"""The rp2 firmware (RPI_PICO) in the rp2040js emulator, its UART0 REPL on a pty.

Interface (a context manager)::

    with Rp2040Emulator(firmware, workdir) as emu:
        emu.port            # resolved /dev/pts/N: give it to mpremote
        emu.stats()         # simulated/wall time so far (dict, from the runner)
        emu.stderr_text()   # the runner's stderr: "HardFault: ..." reports and the like
        emu.wait_for_stderr(r"HardFault: .*", timeout=10)  # -> re.Match
        emu.returncode      # None while running; 3 after a core lockup
        emu.wait_for_prompt()  # after a reset: returns once the REPL answers again

Entering starts tools/emu/run.mjs on a new pty (`workdir/tty` links to it) and returns
once the REPL answers; leaving stops the runner with SIGTERM. Keyword options:
`bootrom` (default .deps/rp2040/bootrom-b1.bin), `flash_image` (a file that keeps the
flash, and so the filesystem, across launches; default: a fresh flash each time),
`unaligned_faults` (default True: unaligned 16/32-bit accesses raise a HardFault, as on
a Cortex-M0+), `skip_idle` (default False: a sleeping core sleeps in wall time, as a
board does; True skips sleeps, so `time.sleep(1)` is nearly instant, but a device that
waits for its host with a timeout, as `mpremote mount` does, then times out),
`boot_timeout` (seconds).
"""

from __future__ import annotations

import json
import re
import shutil
import signal
import subprocess
import time
from pathlib import Path
from types import TracebackType
from typing import Any

import serial

ROOT = Path(__file__).resolve().parents[2]
RUNNER = ROOT / "tools" / "emu" / "run.mjs"
NODE_MODULES = ROOT / "tools" / "emu" / "node_modules" / "rp2040js"
BOOTROM = ROOT / ".deps" / "rp2040" / "bootrom-b1.bin"


class EmulatorError(RuntimeError):
    """The emulator did not come up, or stopped when it should not have."""


class Rp2040Emulator:
    """Context manager: rp2040js running the rp2 firmware; `.port` is its REPL pty."""

    def __init__(
        self,
        firmware: Path,
        workdir: Path,
        *,
        bootrom: Path = BOOTROM,
        flash_image: Path | None = None,
        unaligned_faults: bool = True,
        skip_idle: bool = False,
        boot_timeout: float = 30.0,
    ) -> None:
        self.firmware = firmware
        self.workdir = workdir
        self.bootrom = bootrom
        self.flash_image = flash_image
        self.unaligned_faults = unaligned_faults
        self.skip_idle = skip_idle
        self.boot_timeout = boot_timeout
        self.port = ""
        self.link = workdir / "tty"
        self._stderr_path = workdir / "emu-stderr.log"
        self._stats_path = workdir / "emu-stats.json"
        self._process: subprocess.Popen[bytes] | None = None

    def command(self) -> list[str]:
        """The runner's command line."""
        node = shutil.which("node")
        if node is None:
            raise EmulatorError("node is not on PATH: run 'make setup'")
        command = [
            node,
            str(RUNNER),
            "--firmware",
            str(self.firmware),
            "--bootrom",
            str(self.bootrom),
            "--pty",
            str(self.link),
            "--stats-file",
            str(self._stats_path),
            "--exit-on-eof",
        ]
        if self.flash_image is not None:
            command += ["--flash-image", str(self.flash_image)]
        elf = self.firmware.with_suffix(".elf")
        if elf.exists():
            command += ["--elf", str(elf)]  # fault reports then name function and line
        if not self.unaligned_faults:
            command.append("--no-unaligned-faults")
        if self.skip_idle:
            command.append("--skip-idle")
        return command

    def __enter__(self) -> Rp2040Emulator:
        for needed, how in (
            (self.firmware, "make firmware BOARD=RPI_PICO"),
            (self.bootrom, "make setup"),
            (NODE_MODULES, "make setup (npm ci in tools/emu)"),
        ):
            if not needed.exists():
                raise EmulatorError(f"{needed} is missing: run '{how}'")
        self.workdir.mkdir(parents=True, exist_ok=True)
        with open(self._stderr_path, "wb") as stderr:
            # stdin is a pipe we never write: if this process dies, the runner sees end
            # of file (--exit-on-eof) and exits instead of lingering.
            self._process = subprocess.Popen(
                self.command(), stdin=subprocess.PIPE, stdout=subprocess.DEVNULL, stderr=stderr
            )
        try:
            match = self.wait_for_stderr(r"uwasm-emu: pty (/dev/pts/\d+)", timeout=10)
            self.port = match.group(1)
            self.wait_for_prompt()
        except BaseException:
            self.__exit__(None, None, None)
            raise
        return self

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        process = self._process
        if process is None:
            return
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(10)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        if process.stdin is not None:
            process.stdin.close()

    @property
    def returncode(self) -> int | None:
        """The runner's exit status, or None while it runs."""
        return None if self._process is None else self._process.poll()

    def stderr_text(self) -> str:
        """Everything the runner has written to stderr so far."""
        try:
            return self._stderr_path.read_text(errors="replace")
        except FileNotFoundError:
            return ""

    def wait_for_stderr(self, pattern: str, timeout: float) -> re.Match[str]:
        """Wait until the runner's stderr matches `pattern` (a regex); return the match."""
        regex = re.compile(pattern)
        deadline = time.monotonic() + timeout
        while True:
            text = self.stderr_text()
            match = regex.search(text)
            if match is not None:
                return match
            if self.returncode is not None:
                # One last read: the runner may have written the line as it exited.
                match = regex.search(self.stderr_text())
                if match is not None:
                    return match
                raise EmulatorError(
                    f"the emulator exited ({self.returncode}) without printing /{pattern}/; stderr:\n{text}"
                )
            if time.monotonic() > deadline:
                raise EmulatorError(f"no /{pattern}/ on the emulator's stderr within {timeout} s; stderr:\n{text}")
            time.sleep(0.02)

    def stats(self, timeout: float = 5.0) -> dict[str, Any]:
        """The runner's statistics: simulated_s, wall_s, cycles, sim_mhz_per_wall_s, ...

        While it runs, asks for fresh figures (SIGUSR1); after it stops, returns the
        final ones it wrote on exit.
        """
        if self._process is not None and self._process.poll() is None:
            before = self._read_stats().get("seq", 0)
            self._process.send_signal(signal.SIGUSR1)
            deadline = time.monotonic() + timeout
            while self._read_stats().get("seq", 0) <= before:
                if self._process.poll() is not None:
                    break  # it exited, and wrote its final figures on the way out
                if time.monotonic() > deadline:
                    raise EmulatorError(f"the emulator did not update {self._stats_path} within {timeout} s")
                time.sleep(0.01)
        return self._read_stats()

    def _read_stats(self) -> dict[str, Any]:
        if not self._stats_path.exists():
            return {}
        result: dict[str, Any] = json.loads(self._stats_path.read_text())
        return result

    def wait_for_prompt(self, timeout: float | None = None) -> None:
        """Return once the REPL answers a carriage return with `>>> ` (default timeout: boot_timeout).

        pyserial discards pending input when it opens the port, so the banner may be
        gone: send CR and wait for the prompt it brings, resending while it is silent.
        """
        timeout = self.boot_timeout if timeout is None else timeout
        deadline = time.monotonic() + timeout
        seen = b""
        with serial.Serial(self.port, 115200, timeout=0.25) as link:
            link.write(b"\r")
            while b">>> " not in seen:
                if self.returncode is not None:
                    raise EmulatorError(
                        f"the emulator exited ({self.returncode}) while booting; stderr:\n{self.stderr_text()}"
                    )
                if time.monotonic() > deadline:
                    raise EmulatorError(
                        f"no REPL prompt on {self.port} within {timeout} s; it printed {seen[-300:]!r}; "
                        f"stderr:\n{self.stderr_text()}"
                    )
                chunk = link.read(256)
                seen += chunk
                if not chunk:
                    link.write(b"\r")
