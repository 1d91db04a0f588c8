"""``make bench``: every benchmark in uwasm, wasm3, wasmtime and native.

    python -m uwasm_bench.bench --build BUILD --uwasm-run PATH --wasm3-run PATH
                                [--runs N] [--callgrind 0|1] [NAME ...]

1. A checking run per engine and benchmark (also a warm-up): the native result
   must equal the checksum committed beside the benchmark (NAME.expected), and
   every engine's result must equal the native one. An engine that fails — not
   built, crashes, traps, times out, prints a wrong result — is reported for that
   benchmark and skipped there; its figures are null, never invented.
2. ``--runs`` timed rounds, interleaved: each round runs every benchmark in every
   engine, the engines' order rotating per round. Medians are reported.
3. Instruction counts with callgrind for uwasm and wasm3, one run each (they are
   deterministic). When uwasm-run defines ``uw_call`` (the core's call entry), only
   the call is counted in both (--toggle-collect=uw_call for uwasm,
   --toggle-collect=runner_call for wasm3's runner); otherwise the whole process is
   counted in both. The mode used is printed and kept in details.json.

Writes build/bench/results.json (the issue's exact schema), build/bench/details.json
(every run, every failure, methods), build/bench/ratios.png and the callgrind
profiles in build/bench/callgrind/. Exit status: 1 if a
result mismatched or a reference engine (native, wasm3, wasmtime) failed, 2 on bad
usage or missing builds, else 0 — uwasm failing to run is reported, not fatal.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import shutil
import statistics
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from .chart import draw_ratios
from .engines import ENGINES, UWASM_BUDGET0, EnginePaths, engine_command, missing_executable, run_once
from .programs import Benchmark, load_benchmarks, parse_result
from .results import BenchRow, build_results, geometric_mean, ratios, write_results

REFERENCE_ENGINES = ("native", "wasm3", "wasmtime")
WASM3_CALL_SYMBOL = "runner_call"


@dataclass
class Measurements:
    """Everything measured in one ``make bench``: times, counts, failures."""

    times: dict[tuple[str, str], list[float]] = field(default_factory=dict)
    failures: dict[tuple[str, str], str] = field(default_factory=dict)
    instructions: dict[tuple[str, str], int] = field(default_factory=dict)
    reference: dict[str, str] = field(default_factory=dict)

    def failed(self, engine: str, name: str) -> bool:
        return (engine, name) in self.failures

    def median(self, engine: str, name: str) -> float | None:
        samples = self.times.get((engine, name))
        if self.failed(engine, name) or not samples:
            return None
        return round(statistics.median(samples), 6)


def machine_description() -> str:
    """CPU model, core count and OS, without any path of this machine."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    return (
        f"{model}, {os.cpu_count()} cores, {platform.machine()}, "
        f"{platform.system()} {platform.release()}, Python {platform.python_version()}"
    )


def check_run(
    benches: Sequence[Benchmark], engines: Sequence[str], paths: EnginePaths, data: Measurements, timeout: float
) -> None:
    """The checking (and warm-up) run of every engine on every benchmark."""
    for bench in benches:
        native = run_once("native", bench, paths, bench.expected, timeout)
        if native.result is None:
            data.failures[("native", bench.name)] = native.error or "no result"
        else:
            data.reference[bench.name] = native.result
            if not native.ok:
                data.failures[("native", bench.name)] = (
                    f"{native.error} (native differs from {bench.name}.expected: the benchmark or the compiler changed)"
                )
        reference = data.reference.get(bench.name, bench.expected)
        for engine in engines:
            if engine == "native":
                continue
            reason = missing_executable(engine, paths)
            if reason is None:
                outcome = run_once(engine, bench, paths, reference, timeout)
                reason = outcome.error
            if reason is not None:
                data.failures[(engine, bench.name)] = reason
        status = ", ".join(f"{engine}: {'FAILED' if data.failed(engine, bench.name) else 'ok'}" for engine in engines)
        print(f"  check {bench.name:<12} {status}", flush=True)


def timed_rounds(
    benches: Sequence[Benchmark],
    engines: Sequence[str],
    paths: EnginePaths,
    data: Measurements,
    runs: int,
    timeout: float,
) -> None:
    """Interleaved timed runs: every round visits every benchmark and engine."""
    for round_index in range(runs):
        shift = round_index % len(engines)
        order = [*engines[shift:], *engines[:shift]]
        for bench in benches:
            reference = data.reference.get(bench.name, bench.expected)
            for engine in order:
                if data.failed(engine, bench.name):
                    continue
                outcome = run_once(engine, bench, paths, reference, timeout)
                if outcome.ok and outcome.seconds is not None:
                    data.times.setdefault((engine, bench.name), []).append(outcome.seconds)
                else:
                    data.failures[(engine, bench.name)] = f"timed run: {outcome.error}"
        print(f"  round {round_index + 1}/{runs} done", flush=True)


def defines_symbol(program: Path, symbol: str) -> bool:
    """Whether ``program`` defines ``symbol`` (callgrind can then toggle on it)."""
    nm = shutil.which("nm")
    if nm is None or not program.is_file():
        return False
    listing = subprocess.run([nm, str(program)], capture_output=True, text=True, check=False)
    return any(
        line.split()[-1] == symbol and line.split()[-2] in ("T", "t")
        for line in listing.stdout.splitlines()
        if len(line.split()) >= 2
    )


def callgrind_count(
    command: list[str], symbol: str | None, reference: str | None, timeout: float, out_file: Path
) -> tuple[int | None, str | None]:
    """Instructions executed (Ir) by ``command`` under callgrind, only inside
    ``symbol`` if given. The profile stays in ``out_file`` (for callgrind_annotate).
    Returns (count, None) or (None, reason)."""
    out_file.parent.mkdir(parents=True, exist_ok=True)
    out_file.unlink(missing_ok=True)
    valgrind = ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out_file}"]
    if symbol is not None:
        valgrind += ["--collect-atstart=no", f"--toggle-collect={symbol}"]
    try:
        completed = subprocess.run(valgrind + command, capture_output=True, text=True, timeout=timeout, check=False)
    except subprocess.TimeoutExpired:
        return None, f"callgrind timed out after {timeout:.0f} s"
    except OSError as error:
        return None, f"cannot start valgrind: {error}"
    if completed.returncode != 0:
        return None, f"exit status {completed.returncode} under callgrind"
    result = parse_result(completed.stdout)
    if reference is not None and result != reference:
        return None, f"printed {result} under callgrind, native {reference}"
    count = None
    if out_file.is_file():
        for line in out_file.read_text().splitlines():
            if line.startswith(("totals:", "summary:")):
                count = int(line.split()[1])
    if not count:
        return None, "callgrind counted no instructions (symbol not reached?)"
    return count, None


def count_instructions(
    benches: Sequence[Benchmark],
    paths: EnginePaths,
    data: Measurements,
    jobs: int,
    timeout: float,
    uwasm_symbol: str,
    profile_dir: Path,
) -> str:
    """Callgrind counts for uwasm and wasm3; returns the mode used, for the report."""
    # Without uwasm-run there is nothing to compare with: count wasm3's call alone.
    call_only = not paths.uwasm_run.is_file() or defines_symbol(paths.uwasm_run, uwasm_symbol)
    symbols = {
        "uwasm": uwasm_symbol if call_only else None,
        "wasm3": WASM3_CALL_SYMBOL if call_only else None,
    }
    mode = (
        f"only the call (--toggle-collect={uwasm_symbol} / {WASM3_CALL_SYMBOL})"
        if call_only
        else f"the whole process (uwasm-run missing or without a visible {uwasm_symbol} symbol), the same for both"
    )
    tasks = [
        (engine, bench) for bench in benches for engine in ("uwasm", "wasm3") if not data.failed(engine, bench.name)
    ]

    def measure(task: tuple[str, Benchmark]) -> tuple[str, str, int | None, str | None]:
        engine, bench = task
        command = engine_command(engine, bench, paths)
        reference = data.reference.get(bench.name, bench.expected)
        out_file = profile_dir / f"{engine}-{bench.name}.out"
        count, reason = callgrind_count(command, symbols[engine], reference, timeout, out_file)
        return engine, bench.name, count, reason

    print(f"  callgrind: counting {mode}; {len(tasks)} runs, {jobs} at a time", flush=True)
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as pool:
        for engine, name, count, reason in pool.map(measure, tasks):
            if count is not None:
                data.instructions[(engine, name)] = count
            else:
                print(f"  callgrind {engine} {name}: {reason}", flush=True)
                data.failures.setdefault((engine, f"{name}:instr"), reason or "unknown")
    return mode


def make_rows(benches: Sequence[Benchmark], data: Measurements) -> list[BenchRow]:
    return [
        BenchRow(
            name=bench.name,
            uwasm_s=data.median("uwasm", bench.name),
            wasm3_s=data.median("wasm3", bench.name),
            wasmtime_s=data.median("wasmtime", bench.name),
            native_s=data.median("native", bench.name),
            uwasm_instr=data.instructions.get(("uwasm", bench.name)),
            wasm3_instr=data.instructions.get(("wasm3", bench.name)),
        )
        for bench in benches
    ]


def _cell(value: float | None, digits: int = 3, suffix: str = "") -> str:
    return "—" if value is None else f"{value:.{digits}f}{suffix}"


def format_table(rows: Sequence[BenchRow], document: dict[str, object]) -> str:
    """The printed report: medians, ratios, geometric means."""
    columns = [
        ("wasm3_s", "uwasm_s", "wasm3/uwasm"),
        ("wasm3_instr", "uwasm_instr", "instr w3/uw"),
        ("uwasm_s", "native_s", "uwasm/nat"),
        ("wasm3_s", "native_s", "wasm3/nat"),
        ("wasmtime_s", "native_s", "wasmtime/nat"),
    ]
    per_column = [ratios(rows, top, bottom) for top, bottom, _ in columns]
    header = f"{'benchmark':<12} {'uwasm s':>8} {'wasm3 s':>8} {'wasmtime s':>10} {'native s':>8} " + " ".join(
        f"{title:>12}" for _, _, title in columns
    )
    lines = [header, "-" * len(header)]
    for row in rows:
        cells = " ".join(f"{_cell(ratio.get(row.name), 2, 'x'):>12}" for ratio in per_column)
        lines.append(
            f"{row.name:<12} {_cell(row.uwasm_s):>8} {_cell(row.wasm3_s):>8} "
            f"{_cell(row.wasmtime_s, 4):>10} {_cell(row.native_s, 4):>8} {cells}"
        )
    means = " ".join(f"{_cell(geometric_mean(ratio.values()), 2, 'x'):>12}" for ratio in per_column)
    lines.append("-" * len(header))
    lines.append(f"{'geomean':<12} {'':>8} {'':>8} {'':>10} {'':>8} {means}")
    lines.append("")
    for key in ("speedup_vs_wasm3", "instr_ratio_vs_wasm3", "slowdown_vs_native"):
        value = document[key]
        lines.append(f"{key}: {_cell(value if isinstance(value, float) else None, 3)}")
    return "\n".join(lines)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make bench", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--build", type=Path, required=True, help="the build/ folder")
    parser.add_argument("--uwasm-run", type=Path, required=True)
    parser.add_argument("--wasm3-run", type=Path, required=True)
    parser.add_argument("--runs", type=int, default=5, help="timed runs per engine")
    parser.add_argument("--callgrind", type=int, choices=(0, 1), default=1)
    parser.add_argument("--jobs", type=int, default=2, help="parallel callgrind runs")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--uwasm-call-symbol", default="uw_call")
    parser.add_argument(
        "--budget0", type=int, choices=(0, 1), default=0, help="also time uwasm with --translate-budget 0"
    )
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: all)")
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    build: Path = args.build.resolve()
    benches = load_benchmarks(build)
    if args.names:
        unknown = sorted(set(args.names) - {bench.name for bench in benches})
        if unknown:
            print(f"make bench: unknown benchmark(s): {', '.join(unknown)}", file=sys.stderr)
            return 2
        benches = [bench for bench in benches if bench.name in args.names]
    missing = [str(p) for b in benches for p in (b.wasm, b.native) if not p.is_file()]
    if missing or not args.wasm3_run.is_file():
        print(
            "make bench: missing builds: " + ", ".join([*missing, str(args.wasm3_run)]),
            file=sys.stderr,
        )
        return 2
    paths = EnginePaths(uwasm_run=args.uwasm_run.resolve(), wasm3_run=args.wasm3_run.resolve())
    data = Measurements()
    print(f"make bench: {len(benches)} benchmarks, {args.runs} timed runs each, interleaved")
    print("  timing: uwasm, wasm3 = whole process (wall clock); wasmtime, native = the call alone")
    engines = [*ENGINES, UWASM_BUDGET0] if args.budget0 else list(ENGINES)
    check_run(benches, engines, paths, data, args.timeout)
    timed_rounds(benches, engines, paths, data, args.runs, args.timeout)
    mode = "not counted (BENCH_CALLGRIND=0)"
    if args.callgrind and shutil.which("valgrind") is None:
        mode = "not counted: valgrind is not installed"
    elif args.callgrind:
        mode = count_instructions(
            benches, paths, data, args.jobs, args.timeout * 60, args.uwasm_call_symbol, build / "bench" / "callgrind"
        )

    rows = make_rows(benches, data)
    document = build_results(machine_description(), rows)
    out_dir = build / "bench"
    write_results(out_dir / "results.json", document)
    details = {
        "timing": "uwasm, wasm3: wall clock of the whole process; wasmtime, native: the call alone",
        "instructions": f"callgrind, {mode}",
        "runs": args.runs,
        "samples_s": {f"{e}/{n}": t for (e, n), t in sorted(data.times.items())},
        "failures": {f"{e}/{n}": r for (e, n), r in sorted(data.failures.items())},
        "native_results": data.reference,
    }
    if args.budget0:
        budget0 = {b.name: data.median(UWASM_BUDGET0, b.name) for b in benches}
        speedups = [
            wasm3_s / seconds
            for name, seconds in budget0.items()
            if seconds and (wasm3_s := data.median("wasm3", name))
        ]
        details["uwasm_budget0_s"] = budget0
        details["speedup_vs_wasm3_budget0"] = geometric_mean(speedups)
    (out_dir / "details.json").write_text(json.dumps(details, indent=2) + "\n")
    draw_ratios(out_dir / "ratios.png", rows)

    print()
    print(f"machine: {document['machine']}")
    print(f"instructions: callgrind, {mode}")
    print(format_table(rows, document))
    if args.budget0:
        budget0_mean = details["speedup_vs_wasm3_budget0"]
        shown = budget0_mean if isinstance(budget0_mean, float) else None
        print(f"speedup_vs_wasm3 with --translate-budget 0: {_cell(shown, 3)}")
    print()
    if data.failures:
        print("FAILURES (figures left null and out of every geometric mean that needs them):")
        for (engine, name), reason in sorted(data.failures.items()):
            print(f"  {engine:<9} {name:<18} {reason}")
    uwasm_failed = [b.name for b in benches if data.failed("uwasm", b.name)]
    if uwasm_failed:
        print(
            f"uwasm failed on {len(uwasm_failed)}/{len(benches)} benchmarks "
            f"({', '.join(uwasm_failed)}): excluded from speedup_vs_wasm3, "
            "instr_ratio_vs_wasm3 and slowdown_vs_native."
        )
    print(f"wrote {out_dir / 'results.json'}, details.json and ratios.png")
    if data.instructions:
        print(f"profiles: callgrind_annotate {out_dir / 'callgrind'}/ENGINE-NAME.out")

    mismatched = any("MISMATCH" in reason for reason in data.failures.values())
    reference_failed = any(data.failed(engine, bench.name) for engine in REFERENCE_ENGINES for bench in benches)
    if mismatched or reference_failed:
        print("make bench: FAILED — a result mismatched or a reference engine failed", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
