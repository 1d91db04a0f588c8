"""results.json: the exact schema of issue 4, the geometric means, null handling."""

from __future__ import annotations

import json
import math
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from wasm_apps.bench.uwasm_bench.programs import normalize_result, parse_result
from wasm_apps.bench.uwasm_bench.results import (
    ROW_KEYS,
    TOP_KEYS,
    BenchRow,
    build_results,
    check_results,
    geometric_mean,
    write_results,
)
from wasm_apps.bench.uwasm_bench.size import (
    parse_berkeley,
    parse_uwasm_high_water,
    parse_uwasm_linear_memory,
    parse_uwasm_value_stack,
)

ROWS = [
    BenchRow("fib", 0.5, 1.0, 0.05, 0.02, 1_000, 4_000),
    BenchRow("sieve", 0.4, 0.2, 0.03, 0.01, 2_000, 1_000),
    # uwasm failed here: null figures, left out of every mean that needs them.
    BenchRow("crc32", None, 0.3, 0.02, 0.01, None, 3_000),
]


def test_geometric_mean() -> None:
    assert geometric_mean([2.0, 8.0]) == pytest.approx(4.0)
    assert geometric_mean([1.0, 10.0, 100.0]) == pytest.approx(10.0)
    assert geometric_mean([]) is None
    assert geometric_mean([0.0, -1.0]) is None


def test_results_document_has_the_exact_schema_and_means() -> None:
    document = build_results("test machine", ROWS)
    assert (
        tuple(document)
        == TOP_KEYS
        == (
            "machine",
            "benchmarks",
            "speedup_vs_wasm3",
            "instr_ratio_vs_wasm3",
            "slowdown_vs_native",
        )
    )
    benchmarks = document["benchmarks"]
    assert isinstance(benchmarks, list)
    assert [tuple(row) for row in benchmarks] == [ROW_KEYS] * 3
    assert ROW_KEYS == ("name", "uwasm_s", "wasm3_s", "wasmtime_s", "native_s", "uwasm_instr", "wasm3_instr")
    assert benchmarks[2] == {
        "name": "crc32",
        "uwasm_s": None,
        "wasm3_s": 0.3,
        "wasmtime_s": 0.02,
        "native_s": 0.01,
        "uwasm_instr": None,
        "wasm3_instr": 3000,
    }
    # fib: 1.0/0.5 = 2, sieve: 0.2/0.4 = 0.5 -> geometric mean 1; crc32 left out.
    assert document["speedup_vs_wasm3"] == pytest.approx(1.0)
    # 4000/1000 = 4, 1000/2000 = 0.5 -> sqrt(2)
    assert document["instr_ratio_vs_wasm3"] == pytest.approx(math.sqrt(2.0))
    # 0.5/0.02 = 25, 0.4/0.01 = 40 -> sqrt(1000)
    assert document["slowdown_vs_native"] == pytest.approx(math.sqrt(1000.0))
    check_results(document)


def test_all_uwasm_failed_gives_null_means() -> None:
    document = build_results("m", [BenchRow("fib", None, 1.0, 0.1, 0.01, None, 10)])
    assert document["speedup_vs_wasm3"] is None
    assert document["instr_ratio_vs_wasm3"] is None
    assert document["slowdown_vs_native"] is None
    check_results(document)


def test_write_results_round_trips(tmp_path: Path) -> None:
    path = tmp_path / "bench" / "results.json"
    document = build_results("machine", ROWS)
    write_results(path, document)
    assert json.loads(path.read_text()) == document
    assert not list(path.parent.glob("*.tmp"))


@pytest.mark.parametrize(
    "mutate",
    [
        lambda d: d.update(extra=1),
        lambda d: d.pop("slowdown_vs_native"),
        lambda d: d["benchmarks"][0].update(uwasm_ms=1.0),
        lambda d: d["benchmarks"][0].update(uwasm_s="fast"),
        lambda d: d["benchmarks"][0].update(wasm3_instr=1.5),
        lambda d: d.update(speedup_vs_wasm3=float("nan")),
        lambda d: d.update(machine=""),
    ],
)
def test_schema_check_rejects_deviations(mutate: Callable[[dict[str, Any]], object]) -> None:
    document = json.loads(json.dumps(build_results("machine", ROWS)))
    mutate(document)
    with pytest.raises(ValueError):
        check_results(document)


def test_results_are_compared_as_bits() -> None:
    assert parse_result("i32:-1\n") == "i32:4294967295"
    assert parse_result("loading\ni64:-2\n") == "i64:18446744073709551614"
    assert normalize_result("i32", "0x10") == "i32:16"
    assert parse_result("no result here") is None
    assert parse_result("i32:12abc") is None


def test_size_parsers() -> None:
    berkeley = (
        "   text\t   data\t    bss\t    dec\t    hex\tfilename\n"
        "    100\t      4\t      8\t    112\t     70\ta.o\n"
        "     20\t      0\t     16\t     36\t     24\tb.o\n"
    )
    footprint = parse_berkeley(berkeley)
    assert (footprint.text, footprint.data, footprint.bss) == (120, 4, 24)
    assert parse_uwasm_high_water("alloc high_water=4096 used=10") == 4096
    assert parse_uwasm_high_water("peak heap: 1234 bytes") == 1234
    assert parse_uwasm_high_water("High-water mark 77") == 77
    assert parse_uwasm_high_water("no stats") is None
    stats = "module bytes: 900\nlinear memory bytes: 65536\nallocator high water: 70000\nallocator in use: 10\n"
    assert parse_uwasm_high_water(stats) == 70000
    assert parse_uwasm_linear_memory(stats) == 65536
    assert parse_uwasm_value_stack(stats) is None
    assert parse_uwasm_value_stack("value stack bytes: 32768\n") == 32768
