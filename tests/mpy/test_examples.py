"""The example apps (wasm_apps/examples) run on every target with the host's imports.

blink toggles a pin through gpio.write; on rp2 the import drives a real machine.Pin
and the test reads the pin back. The heap the app takes (module + instance + linear
memory) is printed as a figure, not asserted: memory targets are reported, not tested.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.targets.device import BUILD, Device

EXAMPLES = BUILD / "examples"

BLINK = """\
import gc, uwasm
try:
    from machine import Pin
    Pin(25, Pin.OUT)
except (ImportError, AttributeError, ValueError):
    Pin = None
writes, sleeps = [], []
def gpio_write(pin, value):
    writes.append((pin, value))
    if Pin:
        Pin(pin, Pin.OUT).value(value)
imports = {"gpio": {"write": gpio_write}, "time": {"sleep_ms": sleeps.append}}
gc.collect()
before = gc.mem_free()
inst = uwasm.Instance(uwasm.Module(WASM), imports, memory_limit=4096)
states = [inst.exports.step(25) for _ in range(4)]
gc.collect()
taken = before - gc.mem_free()
print(states, writes[:2], sleeps[0], len(inst.exports.memory) <= 2048)
print(Pin(25).value() if Pin else "no-pin")
print("blink heap bytes:", taken)
"""


def test_blink_toggles_a_pin_through_its_import(device: Device, tmp_path: Path) -> None:
    wasm_file = EXAMPLES / "blink.wasm"
    if not wasm_file.exists():
        pytest.skip("build/examples/blink.wasm is missing: run 'make examples'")
    script = tmp_path / "blink.py"
    script.write_text(f"WASM = {wasm_file.read_bytes()!r}\n" + BLINK)
    lines = device.run(script).splitlines()
    assert lines[0] == "[1, 0, 1, 0] [(25, 1), (25, 0)] 500 True"
    # After four toggles the pin is low again; unix and qemu have no machine.Pin.
    assert lines[1] == ("0" if device.name == "rp2040js" else "no-pin")
    assert lines[2].startswith("blink heap bytes: ")
    print(device.name, lines[2])
