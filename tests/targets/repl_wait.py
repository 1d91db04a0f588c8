"""What the unix and qemu launchers share: waiting for a REPL on a pty, and stopping the child."""

from __future__ import annotations

import subprocess
import time

import serial


def wait_for_repl(port: str, timeout: float, what: str) -> None:
    """Return once the REPL on `port` answers a carriage return with a prompt; raise after timeout.

    Only CR is sent: a Ctrl-C could reach the unix port as SIGINT before MicroPython
    has installed its handler, and kill it.
    """
    deadline = time.monotonic() + timeout
    seen = b""
    while time.monotonic() < deadline:
        try:
            with serial.Serial(port, 115200, timeout=0.2) as link:
                link.write(b"\r")
                while time.monotonic() < deadline:
                    chunk = link.read(256)
                    seen += chunk
                    if b">>> " in seen or b"\r\n>" in seen:
                        return
                    if not chunk:
                        link.write(b"\r")
        except (OSError, serial.SerialException):
            time.sleep(0.05)
    raise TimeoutError(f"{what}: no REPL prompt on {port} within {timeout} s; it printed {seen[-300:]!r}")


def stop_process(process: subprocess.Popen[bytes] | subprocess.Popen[str] | None) -> None:
    """Terminate a launcher's child; kill it if it has not gone within 5 s."""
    if process is None:
        return
    process.terminate()
    try:
        process.wait(5)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
