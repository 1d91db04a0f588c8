"""`make bench`'s harness against stand-in engines: a missing, a crashing, a lying
and a correct uwasm-run. The harness must report each per benchmark, keep null
figures out of the means, never invent a figure, and fail loudly on a mismatch."""

from __future__ import annotations

import json
import stat
from pathlib import Path
from typing import Any

import pytest

from wasm_apps.bench.uwasm_bench import bench
from wasm_apps.bench.uwasm_bench.programs import SOURCE_DIR
from wasm_apps.bench.uwasm_bench.results import ROW_KEYS, TOP_KEYS

# Two benchmarks where the number of rows matters, one elsewhere (each run starts wasmtime).
NAMES = ["fib", "sieve"]


def script(path: Path, body: str) -> Path:
    path.write_text("#!/bin/sh\n" + body + "\n")
    path.chmod(path.stat().st_mode | stat.S_IXUSR)
    return path


def echo_expected(path: Path) -> Path:
    """An engine that prints the committed checksum of the module it is given."""
    body = 'for arg; do case "$arg" in *.wasm) module="$arg";; esac; done\n'
    return script(path, body + f'cat "{SOURCE_DIR}/$(basename "$module" .wasm).expected"')


def run_harness(
    build: Path,
    uwasm: Path,
    wasm3: Path,
    capsys: pytest.CaptureFixture[str],
    *extra: str,
    names: tuple[str, ...] = ("fib",),
) -> tuple[int, dict[str, Any], str]:
    status = bench.main(
        [
            "--build",
            str(build),
            "--uwasm-run",
            str(uwasm),
            "--wasm3-run",
            str(wasm3),
            "--runs",
            "1",
            "--callgrind",
            "0",
            *extra,
            *names,
        ]
    )
    document = json.loads((build / "bench" / "results.json").read_text())
    return status, document, capsys.readouterr().out


def test_missing_uwasm_is_reported_and_null(
    bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    wasm3 = echo_expected(tmp_path / "wasm3")
    status, document, out = run_harness(bench_build, tmp_path / "absent-uwasm-run", wasm3, capsys, names=tuple(NAMES))
    assert status == 0
    assert tuple(document) == TOP_KEYS
    rows = document["benchmarks"]
    assert [row["name"] for row in rows] == NAMES
    for row in rows:
        assert tuple(row) == ROW_KEYS
        assert row["uwasm_s"] is None and row["uwasm_instr"] is None
        assert row["wasm3_s"] > 0 and row["wasmtime_s"] > 0 and row["native_s"] > 0
    assert document["speedup_vs_wasm3"] is None
    assert "does not exist (not built)" in out
    assert "uwasm failed on 2/2 benchmarks (fib, sieve)" in out
    assert (bench_build / "bench" / "ratios.png").stat().st_size > 0


def test_crashing_uwasm_fails_that_engine_only(
    bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    uwasm = script(tmp_path / "uwasm", 'echo "unsupported opcode 0xfc" >&2; exit 3')
    status, document, out = run_harness(bench_build, uwasm, echo_expected(tmp_path / "wasm3"), capsys)
    assert status == 0
    assert all(row["uwasm_s"] is None for row in document["benchmarks"])
    assert "exit status 3: unsupported opcode 0xfc" in out


def test_segfaulting_uwasm_is_reported(bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uwasm = script(tmp_path / "uwasm", "kill -SEGV $$")
    status, document, out = run_harness(bench_build, uwasm, echo_expected(tmp_path / "wasm3"), capsys)
    assert status == 0
    assert document["benchmarks"][0]["uwasm_s"] is None
    assert "killed by signal 11" in out


def test_wrong_result_is_a_loud_failure(bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    uwasm = script(tmp_path / "uwasm", "echo i32:42")
    status, document, out = run_harness(bench_build, uwasm, echo_expected(tmp_path / "wasm3"), capsys)
    assert status == 1
    assert all(row["uwasm_s"] is None for row in document["benchmarks"])
    assert "MISMATCH: printed i32:42, native i32:5702887" in out


def test_working_uwasm_enters_the_means(bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, document, _ = run_harness(
        bench_build, echo_expected(tmp_path / "uwasm"), echo_expected(tmp_path / "wasm3"), capsys
    )
    assert status == 0
    for row in document["benchmarks"]:
        assert row["uwasm_s"] > 0
    assert document["speedup_vs_wasm3"] > 0
    assert document["slowdown_vs_native"] > 0
    assert document["instr_ratio_vs_wasm3"] is None  # callgrind was off


def test_budget0_is_reported_beside(bench_build: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    log = tmp_path / "calls.log"
    engine = echo_expected(tmp_path / "engine").read_text().removeprefix("#!/bin/sh\n")
    uwasm = script(tmp_path / "uwasm", f'echo "$@" >> "{log}"\n' + engine)
    status, document, out = run_harness(bench_build, uwasm, echo_expected(tmp_path / "wasm3"), capsys, "--budget0", "1")
    assert status == 0
    assert "--translate-budget 0" in log.read_text()
    details = json.loads((bench_build / "bench" / "details.json").read_text())
    assert set(details["uwasm_budget0_s"]) == {"fib"}
    assert all(seconds > 0 for seconds in details["uwasm_budget0_s"].values())
    assert details["speedup_vs_wasm3_budget0"] > 0
    assert "speedup_vs_wasm3 with --translate-budget 0:" in out
    assert tuple(document) == TOP_KEYS  # results.json keeps the schema
