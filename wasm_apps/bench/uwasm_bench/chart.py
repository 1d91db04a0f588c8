"""build/bench/ratios.png: the ratios of results.json drawn as bars (matplotlib, Agg)."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")

import matplotlib.pyplot as plt

from .results import BenchRow, ratios


def draw_ratios(path: Path, rows: Sequence[BenchRow]) -> None:
    """Two panels: each engine's time relative to native (log scale), and uwasm's
    speed-up over wasm3 with the issue's targets (1.0 overall, no benchmark < 0.7)."""
    names = [row.name for row in rows]
    figure, (slow_axes, speed_axes) = plt.subplots(
        2, 1, figsize=(max(8.0, 0.8 * len(names) + 2), 9), constrained_layout=True
    )
    engines = [
        ("uwasm", "uwasm_s", "tab:blue"),
        ("wasm3", "wasm3_s", "tab:orange"),
        ("wasmtime", "wasmtime_s", "tab:green"),
    ]
    width = 0.8 / len(engines)
    for index, (label, key, color) in enumerate(engines):
        per_bench = ratios(rows, key, "native_s")
        positions = [i + (index - 1) * width for i, name in enumerate(names) if name in per_bench]
        values = [per_bench[name] for name in names if name in per_bench]
        slow_axes.bar(positions, values, width, label=f"{label} / native", color=color)
    slow_axes.set_yscale("log")
    slow_axes.set_ylim(bottom=0.5)
    slow_axes.set_ylabel("time / native time (log)")
    slow_axes.set_title("Slowdown against native C (lower is better)")
    slow_axes.set_xticks(range(len(names)), names, rotation=30, ha="right")
    slow_axes.legend()
    slow_axes.grid(axis="y", which="both", alpha=0.3)

    speedup = ratios(rows, "wasm3_s", "uwasm_s")
    instr = ratios(rows, "wasm3_instr", "uwasm_instr")
    speed_axes.bar(
        [i - 0.2 for i, name in enumerate(names) if name in speedup],
        [speedup[name] for name in names if name in speedup],
        0.4,
        label="wasm3 time / uwasm time",
        color="tab:blue",
    )
    speed_axes.bar(
        [i + 0.2 for i, name in enumerate(names) if name in instr],
        [instr[name] for name in names if name in instr],
        0.4,
        label="wasm3 instructions / uwasm instructions",
        color="tab:purple",
    )
    speed_axes.axhline(1.0, color="black", linewidth=1, label="target: 1.0 (geometric mean)")
    speed_axes.axhline(0.7, color="red", linewidth=1, linestyle="--", label="floor: 0.7 per benchmark")
    speed_axes.set_xticks(range(len(names)), names, rotation=30, ha="right")
    speed_axes.set_ylabel("uwasm speed-up over wasm3")
    title = "uwasm against wasm3 (higher is better)"
    if not speedup and not instr:
        title += " — no uwasm figures"
    speed_axes.set_title(title)
    speed_axes.set_ylim(bottom=0)
    speed_axes.legend()
    speed_axes.grid(axis="y", alpha=0.3)
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=100)
    plt.close(figure)
