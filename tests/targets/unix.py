"""The unix port of MicroPython, reachable by mpremote through tools/unix_repl.py.

socat puts the front on a pty; with `isig` on the child's side, a Ctrl-C from the
host becomes SIGINT, which the unix port raises as KeyboardInterrupt, as a board does.
The device's filesystem is the working folder given to the launcher.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import time
from pathlib import Path
from types import TracebackType

from .device import BUILD, ROOT
from .repl_wait import stop_process, wait_for_repl

UNIX_MICROPYTHON = BUILD / "unix" / "micropython"
UNIX_REPL = ROOT / "tools" / "unix_repl.py"


class UnixPort:
    """Context manager: the unix port on a pty; `.port` is the path to give mpremote."""

    def __init__(self, workdir: Path, heap_size: str | None = None) -> None:
        self.workdir = workdir
        self.heap_size = heap_size
        self.port = ""
        self._process: subprocess.Popen[bytes] | None = None

    def __enter__(self) -> UnixPort:
        if shutil.which("socat") is None:
            raise RuntimeError("socat is missing: run 'make setup'")
        self.workdir.mkdir(parents=True, exist_ok=True)
        link = self.workdir.parent / f"{self.workdir.name}.tty"
        heap = f" -X heapsize={self.heap_size}" if self.heap_size else ""
        program = f"{UNIX_MICROPYTHON}{heap} {UNIX_REPL}"
        self._process = subprocess.Popen(
            ["socat", f"PTY,link={link},rawer", f"EXEC:{program},pty,setsid,ctty,rawer,isig"],
            cwd=self.workdir,
            stderr=subprocess.PIPE,
        )
        deadline = time.monotonic() + 10
        while not link.exists():
            if self._process.poll() is not None or time.monotonic() > deadline:
                raise RuntimeError(f"socat did not make {link}: {self._stderr()}")
            time.sleep(0.01)
        self.port = os.path.realpath(link)
        wait_for_repl(self.port, 10, "unix port")
        return self

    def _stderr(self) -> str:
        if self._process is None or self._process.stderr is None or self._process.poll() is None:
            return ""
        return self._process.stderr.read().decode(errors="replace")

    def __exit__(self, kind: type[BaseException] | None, value: BaseException | None, tb: TracebackType | None) -> None:
        stop_process(self._process)
