"""The benchmark programs and the values they return."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

SOURCE_DIR = Path(__file__).resolve().parent.parent

_RESULT_LINE = re.compile(r"^\s*(i32|i64|f32|f64):\s*(\S+)\s*$")
_INT_BITS = {"i32": 32, "i64": 64}


@dataclass(frozen=True)
class Benchmark:
    """One benchmark: its source, its two builds and its committed checksum."""

    name: str
    source: Path
    wasm: Path
    native: Path
    expected: str | None


def normalize_result(kind: str, text: str) -> str | None:
    """Returns ``kind:value`` with integers as unsigned decimal, or None if unparsable.

    Engines may print an i32 signed (-1) or unsigned (4294967295); both mean the same
    bits, so integers are compared modulo 2**bits.
    """
    if kind in _INT_BITS:
        try:
            value = int(text, 0)
        except ValueError:
            return None
        return f"{kind}:{value % (1 << _INT_BITS[kind])}"
    try:
        return f"{kind}:{float(text)!r}"
    except ValueError:
        return None


def parse_result(output: str) -> str | None:
    """Finds the result an engine printed ("i32:N" ...), the last such line wins."""
    found: str | None = None
    for line in output.splitlines():
        match = _RESULT_LINE.match(line)
        if match:
            found = normalize_result(match.group(1), match.group(2)) or found
    return found


def benchmark_names(source_dir: Path = SOURCE_DIR) -> list[str]:
    """Every benchmark is one C file in wasm_apps/bench (the same rule as rules.mk)."""
    return sorted(path.stem for path in source_dir.glob("*.c"))


def load_benchmarks(build: Path, source_dir: Path = SOURCE_DIR) -> list[Benchmark]:
    """The benchmarks with their build outputs under ``build`` (build/bench/...)."""
    benchmarks = []
    for name in benchmark_names(source_dir):
        expected_file = source_dir / f"{name}.expected"
        expected = parse_result(expected_file.read_text()) if expected_file.is_file() else None
        benchmarks.append(
            Benchmark(
                name=name,
                source=source_dir / f"{name}.c",
                wasm=build / "bench" / "wasm" / f"{name}.wasm",
                native=build / "bench" / "native" / name,
                expected=expected,
            )
        )
    return benchmarks
