"""On rp2, a Module runs from memory-mapped (XIP) flash without being copied to RAM.

The module, padded with a 24 KB custom section, is written to the last blocks of the
flash filesystem's region (on an emulator of its own: the filesystem is unmounted
and overwritten), mapped with uctypes.bytearray_at, loaded and called. The heap the
Module takes must be a small fraction of the module's size.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.conftest import RP2_FIRMWARE
from tests.targets.device import Device

PAD_BYTES = 24 * 1024

SCRIPT = """\
import gc, os, rp2, uctypes, uwasm
os.umount("/")
flash = rp2.Flash()
nblocks, block = flash.ioctl(4, 0), flash.ioctl(5, 0)
need = (len(WASM) + block - 1) // block
first = nblocks - need
buf = bytearray(block)
for i in range(need):
    chunk = WASM[i * block:(i + 1) * block]
    buf[:len(chunk)] = chunk
    flash.writeblocks(first + i, buf)
# The filesystem region ends at the end of the 2 MiB flash, mapped at 0x10000000.
address = 0x10000000 + 2 * 1024 * 1024 - (nblocks - first) * block
size = len(WASM)
view = uctypes.bytearray_at(address, size)
print(bytes(view) == WASM, hex(address)[:4])
del WASM, buf, chunk
gc.collect()
before = gc.mem_free()
mod = uwasm.Module(view)
gc.collect()
taken = before - gc.mem_free()
print(uwasm.Instance(mod).exports.fib(15), taken < size // 8, size)
print("module heap bytes:", taken)
"""


def padded_module(wasm: bytes, pad: int) -> bytes:
    """The module with a custom section of `pad` bytes appended (ignored by execution)."""
    name = b"\x03pad"
    payload = name + bytes(pad)
    size, leb = len(payload), bytearray()
    while True:
        byte, size = size & 0x7F, size >> 7
        leb.append(byte | (0x80 if size else 0))
        if not size:
            break
    return wasm + b"\x00" + bytes(leb) + payload


@pytest.mark.emulator
def test_module_runs_from_xip_flash_without_a_copy(wasm_modules: dict[str, bytes], tmp_path: Path) -> None:
    if not RP2_FIRMWARE.exists():
        pytest.skip("build/rp2/firmware.bin is missing: run 'make firmware BOARD=RPI_PICO'")
    from tests.targets.rp2040js import Rp2040Emulator

    wasm = padded_module(wasm_modules["fib"], PAD_BYTES)
    script = tmp_path / "xip.py"
    script.write_text(f"WASM = {wasm!r}\n" + SCRIPT)
    with Rp2040Emulator(RP2_FIRMWARE, tmp_path / "emu") as emu:
        lines = Device("rp2040js", emu.port).run(script, timeout=300).splitlines()
    assert lines[0] == "True 0x10"
    assert lines[1] == f"610 True {len(wasm)}"
    assert lines[2].startswith("module heap bytes:")
    print(lines[2], "for a", len(wasm), "byte module in XIP flash")
