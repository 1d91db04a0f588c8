"""build/bench/results.json: its exact schema, the geometric means, the writer.

The schema is fixed by issue 4:

    {"machine": "...",
     "benchmarks": [{"name": "...", "uwasm_s": x, "wasm3_s": x, "wasmtime_s": x,
                     "native_s": x, "uwasm_instr": n, "wasm3_instr": n}],
     "speedup_vs_wasm3": g, "instr_ratio_vs_wasm3": g, "slowdown_vs_native": g}

A figure that could not be measured (an engine failed) is null, and that
benchmark is left out of every geometric mean that needs the figure.
"""

from __future__ import annotations

import json
import math
from collections.abc import Iterable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path

TOP_KEYS = ("machine", "benchmarks", "speedup_vs_wasm3", "instr_ratio_vs_wasm3", "slowdown_vs_native")
ROW_KEYS = ("name", "uwasm_s", "wasm3_s", "wasmtime_s", "native_s", "uwasm_instr", "wasm3_instr")


@dataclass(frozen=True)
class BenchRow:
    """One benchmark's medians (seconds) and instruction counts; None = not measured."""

    name: str
    uwasm_s: float | None
    wasm3_s: float | None
    wasmtime_s: float | None
    native_s: float | None
    uwasm_instr: int | None
    wasm3_instr: int | None


def geometric_mean(values: Iterable[float]) -> float | None:
    """Geometric mean of the positive values; None when there are none."""
    logs = [math.log(value) for value in values if value > 0]
    if not logs:
        return None
    return math.exp(sum(logs) / len(logs))


def ratios(rows: Sequence[BenchRow], numerator: str, denominator: str) -> dict[str, float]:
    """``numerator / denominator`` per benchmark, for the rows that have both figures."""
    out: dict[str, float] = {}
    for row in rows:
        top = getattr(row, numerator)
        bottom = getattr(row, denominator)
        if top is not None and bottom is not None and top > 0 and bottom > 0:
            out[row.name] = top / bottom
    return out


def build_results(machine: str, rows: Sequence[BenchRow]) -> dict[str, object]:
    """The results document, keys in the issue's order."""
    return {
        "machine": machine,
        "benchmarks": [asdict(row) for row in rows],
        "speedup_vs_wasm3": geometric_mean(ratios(rows, "wasm3_s", "uwasm_s").values()),
        "instr_ratio_vs_wasm3": geometric_mean(ratios(rows, "wasm3_instr", "uwasm_instr").values()),
        "slowdown_vs_native": geometric_mean(ratios(rows, "uwasm_s", "native_s").values()),
    }


def _is_number(value: object, integral: bool) -> bool:
    if isinstance(value, bool):
        return False
    if integral:
        return isinstance(value, int) and value >= 0
    return isinstance(value, (int, float)) and math.isfinite(value) and value >= 0


def check_results(document: object) -> None:
    """Raises ValueError unless ``document`` has exactly the issue's schema."""
    if not isinstance(document, dict) or tuple(document) != TOP_KEYS:
        raise ValueError(f"top-level keys must be exactly {TOP_KEYS}")
    if not isinstance(document["machine"], str) or not document["machine"]:
        raise ValueError("machine must be a non-empty string")
    benchmarks = document["benchmarks"]
    if not isinstance(benchmarks, list):
        raise ValueError("benchmarks must be a list")
    for row in benchmarks:
        if not isinstance(row, dict) or tuple(row) != ROW_KEYS:
            raise ValueError(f"each benchmark must have exactly the keys {ROW_KEYS}")
        if not isinstance(row["name"], str) or not row["name"]:
            raise ValueError("benchmark name must be a non-empty string")
        for key in ROW_KEYS[1:]:
            value = row[key]
            if value is not None and not _is_number(value, key.endswith("_instr")):
                raise ValueError(f"{row['name']}.{key} must be null or a number >= 0: {value!r}")
    for key in TOP_KEYS[2:]:
        value = document[key]
        if value is not None and not _is_number(value, False):
            raise ValueError(f"{key} must be null or a number: {value!r}")


def write_results(path: Path, document: dict[str, object]) -> None:
    """Checks the schema, then writes the JSON (atomically: no half-written file)."""
    check_results(document)
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(path.suffix + ".tmp")
    temporary.write_text(json.dumps(document, indent=2) + "\n")
    temporary.replace(path)
