"""The uwasm module's C sources (binding and core) compile warning-free for the ESP32
family's instruction sets, which cannot be built into firmware here (no ESP-IDF).

Xtensa: Debian's xtensa-lx106-elf-gcc (the closest Xtensa GCC that installs here,
standing in for the ESP32's LX6). RISC-V: riscv64-unknown-elf-gcc for rv32imc/ilp32
(ESP32-C3). Neither ships a C library, so newlib's headers from the arm-none-eabi
package stand in; MicroPython's configuration and generated headers are the qemu
build's (it scanned the module's qstrs). Compile only: nothing is linked.
"""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from tests.targets.device import BUILD, ROOT

MPY = ROOT / ".deps" / "micropython"
SOURCES = sorted((ROOT / "firmware" / "mpy").glob("*.c")) + sorted((ROOT / "firmware" / "core").glob("*.c"))
TARGETS = {
    "xtensa-lx106": ["xtensa-lx106-elf-gcc", "-mlongcalls"],
    "riscv32-esp32c3": ["riscv64-unknown-elf-gcc", "-march=rv32imc", "-mabi=ilp32"],
    "cortex-m0plus": ["arm-none-eabi-gcc", "-mcpu=cortex-m0plus", "-mthumb"],
}


@pytest.mark.parametrize("target", TARGETS)
def test_module_sources_compile_without_warnings(target: str, tmp_path: Path) -> None:
    genhdr = BUILD / "qemu" / "obj" / "genhdr" / "qstrdefs.generated.h"
    if not genhdr.exists():
        pytest.skip("needs the qemu build's generated headers: run 'make firmware BOARD=QEMU_ARM'")
    flags = ["-std=gnu99", "-Os", "-Wall", "-Wextra", "-Werror", "-isystem", "/usr/lib/arm-none-eabi/include"]
    flags += [f"-I{p}" for p in (MPY, MPY / "ports" / "qemu", ROOT / "boards" / "QEMU_ARM", BUILD / "qemu" / "obj")]
    flags += [f"-I{ROOT / 'firmware' / 'core'}", f"-I{ROOT / 'firmware' / 'mpy'}"]
    flags += ["-DMICROPY_HEAP_SIZE=65536", "-DMICROPY_QSTR_EXTRA_POOL=mp_qstr_frozen_const_pool"]
    compiled = []
    for source in SOURCES:
        obj = tmp_path / f"{source.parent.name}_{source.stem}.o"
        result = subprocess.run(
            [*TARGETS[target], *flags, "-c", str(source), "-o", str(obj)], capture_output=True, text=True
        )
        assert result.returncode == 0, f"{source.name} for {target}:\n{result.stderr}"
        assert result.stderr == "", f"{source.name} for {target} warned:\n{result.stderr}"
        compiled.append(obj)
    assert len(compiled) >= 12 and all(o.stat().st_size > 0 for o in compiled)
