"""tools/unix_repl.py: the raw-REPL front that lets mpremote drive the unix port."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
import serial

from tests.targets.device import Device, DeviceError
from tests.targets.unix import UNIX_MICROPYTHON, UnixPort


@pytest.fixture
def unix(tmp_path: Path) -> Iterator[Device]:
    if not UNIX_MICROPYTHON.exists():
        pytest.skip("build/unix/micropython is missing: run 'make'")
    with UnixPort(tmp_path / "fs") as port:
        yield Device("unix", port.port)


def test_exec_returns_output(unix: Device) -> None:
    assert unix.exec("for i in range(3): print(i * i)") == "0\n1\n4\n"


def test_exception_is_reported_with_its_traceback(unix: Device) -> None:
    with pytest.raises(DeviceError, match="ZeroDivisionError"):
        unix.exec("x = 1\nprint(x // 0)")


def test_cp_ls_and_cat_use_the_working_folder(unix: Device, tmp_path: Path) -> None:
    local = tmp_path / "app.py"
    local.write_text("VALUE = 1234\n")
    result = unix.mpremote("cp", str(local), ":app.py", "+", "ls", ":", "+", "cat", ":app.py")
    assert result.returncode == 0, result.stderr
    assert "app.py" in result.stdout
    assert "VALUE = 1234" in result.stdout
    assert (tmp_path / "fs" / "app.py").read_text() == "VALUE = 1234\n"
    assert unix.exec("import app; print(app.VALUE + 1)").strip() == "1235"


def test_soft_reset_forgets_globals_and_imported_modules(unix: Device, tmp_path: Path) -> None:
    (tmp_path / "fs" / "counter.py").write_text("hits = []\n")
    # `resume` keeps mpremote from soft-resetting between the two commands.
    first = unix.mpremote(
        "exec",
        "import counter; counter.hits.append(1); kept = 5",
        "+",
        "resume",
        "exec",
        "print(kept, len(counter.hits))",
    )
    assert first.returncode == 0, first.stderr
    assert first.stdout.split() == ["5", "1"]
    # A plain exec starts with a soft reset: globals and user modules are gone.
    out = unix.exec("import counter\nprint(len(counter.hits), 'kept' in globals())")
    assert out.split() == ["0", "False"]


def test_ctrl_c_interrupts_running_code(unix: Device) -> None:
    with serial.Serial(unix.port, 115200, timeout=5) as link:
        link.write(b"\r")
        assert link.read_until(b">>> ").endswith(b">>> ")
        link.write(b"\x01")
        assert link.read_until(b"exit\r\n>").endswith(b"raw REPL; CTRL-B to exit\r\n>")
        link.write(b"while True:\n    pass\n\x04")
        assert link.read(2) == b"OK"
        time.sleep(0.3)  # let the loop start; nothing to await from a busy loop
        link.write(b"\x03")
        output = link.read_until(b"\x04>")
        assert b"KeyboardInterrupt" in output
        assert output.endswith(b"\x04>")
        link.write(b"print(40 + 2)\x04")
        assert link.read_until(b"\x04>") == b"OK42\n\x04\x04>"
