"""The uwasm MicroPython module, through scripts that run unchanged on every target.

Each scripts/NAME.py runs on the unix port, the qemu ARM firmware (64 KB heap) and the
rp2 firmware in rp2040js, through real mpremote; its output must equal NAME.exp.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.mpy.conftest import inline_modules
from tests.targets.device import Device

SCRIPTS = sorted((Path(__file__).parent / "scripts").glob("*.py"))

# Create, call and drop, as many times as issue 5 asks, on every target.
GC_CYCLES = 10_000


def has_module(device: Device, name: str) -> bool:
    out = device.exec(f"try:\n import {name}\n print(1)\nexcept ImportError:\n print(0)")
    return out.strip() == "1"


@pytest.mark.parametrize("script", SCRIPTS, ids=[s.stem for s in SCRIPTS])
def test_script(device: Device, wasm_modules: dict[str, bytes], script: Path, tmp_path: Path) -> None:
    if "import asyncio" in script.read_text() and not has_module(device, "time"):
        pytest.skip(f"{device.name} has no time module, which asyncio needs")
    constants = {"CYCLES": GC_CYCLES} if script.stem == "gc_cycles" else {}
    prepared = tmp_path / script.name
    prepared.write_text(inline_modules(script.read_text(), wasm_modules, **constants))
    output = device.run(prepared, timeout=300)
    assert output == script.with_suffix(".exp").read_text()
