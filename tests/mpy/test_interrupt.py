"""Ctrl-C stops a long-running WebAssembly call, and the instance stays usable.

Driven over the raw REPL byte by byte (mpremote has no way to send Ctrl-C in the middle
of an exec). The qemu port has no UART receive interrupt: it cannot see Ctrl-C while
any code runs, Python or WebAssembly, so it is skipped there.
"""

from __future__ import annotations

import pytest
import serial

from tests.mpy.conftest import inline_modules
from tests.targets.device import Device

SCRIPT = """\
import uwasm
inst = uwasm.Instance(uwasm.Module(WASM["fuel"]))
print("spinning")
try:
    inst.exports.spin()
except KeyboardInterrupt:
    print("interrupted")
print(inst.exports.sumsq(10))
"""


def test_ctrl_c_stops_a_webassembly_call(device: Device, wasm_modules: dict[str, bytes]) -> None:
    if device.name == "qemu":
        pytest.skip("the qemu port has no UART receive interrupt, so Ctrl-C never reaches running code")
    code = inline_modules(SCRIPT, wasm_modules).encode()
    with serial.Serial(device.port, 115200, timeout=30) as link:
        link.write(b"\r")
        assert link.read_until(b">>> ").endswith(b">>> ")
        link.write(b"\x01")
        assert link.read_until(b"raw REPL; CTRL-B to exit\r\n>").endswith(b"exit\r\n>")
        link.write(code + b"\x04")
        assert link.read_until(b"spinning").endswith(b"spinning")
        link.write(b"\x03")
        output = link.read_until(b"\x04>")
        link.write(b"\x02")  # back to the friendly REPL for the tests that follow
    assert output.replace(b"\r\n", b"\n") == b"\ninterrupted\n285\n\x04\x04>"
