"""Compile firmware/core for every target of issue 3 item 8 with warnings as
errors (``make cross-check``; tests/core/test_cross.py runs it).

Prints one line per target with the .text size of the core objects."""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "firmware" / "core"
WARN = ["-std=c99", "-Wall", "-Wextra", "-Werror"]

# name -> (compiler, extra flags, size tool).  The Debian xtensa and riscv
# compilers come without a C library, hence -ffreestanding there (the core
# needs only <stddef.h>/<stdint.h> and memcpy/memset/memcmp).
TARGETS: dict[str, tuple[str, list[str], str]] = {
    "host-gcc": ("gcc", ["-O2"], "size"),
    "host-clang-14": ("clang-14", ["-O2"], "size"),
    "cortex-m0plus": ("arm-none-eabi-gcc", ["-Os", "-mcpu=cortex-m0plus", "-mthumb"], "arm-none-eabi-size"),
    "cortex-m3": ("arm-none-eabi-gcc", ["-Os", "-mcpu=cortex-m3", "-mthumb"], "arm-none-eabi-size"),
    "xtensa-lx106": ("xtensa-lx106-elf-gcc", ["-Os", "-mlongcalls", "-ffreestanding"], "xtensa-lx106-elf-size"),
    "rv32imc": (
        "riscv64-unknown-elf-gcc",
        ["-Os", "-march=rv32imc", "-mabi=ilp32", "-ffreestanding"],
        "riscv64-unknown-elf-size",
    ),
    "switch-dispatch": ("gcc", ["-O2", "-DUW_USE_COMPUTED_GOTO=0"], "size"),
    "cortex-m0plus-no-translation": (
        "arm-none-eabi-gcc",
        ["-Os", "-mcpu=cortex-m0plus", "-mthumb", "-DUW_TRANSLATION=0"],
        "arm-none-eabi-size",
    ),
}


def build(name: str, out: Path) -> tuple[bool, str, int]:
    cc, flags, size_tool = TARGETS[name]
    if shutil.which(cc) is None:
        return False, f"{cc} not installed", 0
    odir = out / name
    odir.mkdir(parents=True, exist_ok=True)
    text = 0
    for src in sorted(CORE.glob("*.c")):
        obj = odir / (src.stem + ".o")
        proc = subprocess.run(
            [cc, *WARN, *flags, "-I", str(CORE), "-c", str(src), "-o", str(obj)],
            capture_output=True,
            text=True,
        )
        if proc.returncode != 0:
            return False, proc.stderr.strip()[:4000], 0
        if shutil.which(size_tool):
            sz = subprocess.run([size_tool, str(obj)], capture_output=True, text=True, check=True)
            text += int(sz.stdout.splitlines()[1].split()[0])
    return True, "ok", text


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--out", type=Path, default=ROOT / "build" / "cross")
    ap.add_argument("targets", nargs="*", default=list(TARGETS))
    ns = ap.parse_args(argv)
    failed = 0
    for name in ns.targets:
        ok, msg, text = build(name, ns.out)
        print(f"{name:16} {'ok' if ok else 'FAILED'}  .text {text} bytes" if ok else f"{name:16} FAILED\n{msg}")
        failed += not ok
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
