"""``make size``: flash footprint on Cortex-M0+ and per-benchmark peak RAM.

    python -m uwasm_bench.size --root ROOT --build BUILD --cc arm-none-eabi-gcc
        --cflags "-Os -mthumb -mcpu=cortex-m0plus ..." --wasm3-src DIR
        --wasm3-cflags "..." --uwasm-run PATH --wasm3-run PATH

Flash: every C file is compiled on its own to an object file; a part's size is the
sum of its objects' Berkeley ``size`` columns: text (.text + .rodata: what goes to
flash), data (.data) and bss. Objects are not linked, so nothing is dropped by
--gc-sections: an upper bound, measured the same way for uwasm and wasm3.

- core_*: firmware/core/*.c (whatever is there when it runs).
- binding_text: firmware/mpy/*.c needs MicroPython's headers and the generated
  qstr headers of a firmware build: the include paths and defines are taken from
  the rp2 build's cmake flags (build/rp2/obj, made by ``make firmware``); without
  that build it is null, with a message.
- wasm3_core_text: wasm3 0.5.0's core from the pywasm3 sdist, with the defaults
  wasm3 itself applies to MCU boards.

RAM: each benchmark runs once in ``uwasm-run --stats`` (its allocator high-water
mark, parsed defensively: null if absent) and in the wasm3 runner (peak of all
wasm3's allocations, counted by wrapping malloc/calloc/realloc/free; shown with and
without its linear memory and value stack). Written to build/bench/ram.json.

Writes build/size.json: {"core_text", "core_data", "core_bss", "binding_text",
"wasm3_core_text"}, plus "core_text_no_translation" (the core built with
-DUW_TRANSLATION=0). Exit status 1 if the core does not compile (the other figures
are still written, the core's as null).
"""

from __future__ import annotations

import argparse
import json
import re
import shlex
import subprocess
import sys
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

from .programs import load_benchmarks

SIZE_KEYS = ("core_text", "core_data", "core_bss", "binding_text", "wasm3_core_text")
RP2_FLAGS = Path("rp2") / "obj" / "CMakeFiles" / "firmware.dir" / "flags.make"

_HIGH_WATER = re.compile(r"(?:high[ _-]?water(?:[ _-]?mark)?|peak)[^0-9\n]*?(\d+)", re.IGNORECASE)
_LINEAR_MEMORY = re.compile(r"linear memory(?: bytes)?[^0-9\n]*?(\d+)", re.IGNORECASE)
_VALUE_STACK = re.compile(r"value stack(?: bytes)?[^0-9\n]*?(\d+)", re.IGNORECASE)
_WASM3_STATS = re.compile(r"wasm3-stats peak_bytes=(\d+) memory_bytes=(\d+) stack_bytes=(\d+)")


@dataclass(frozen=True)
class Footprint:
    """Summed Berkeley sizes of a set of object files."""

    text: int
    data: int
    bss: int


@dataclass(frozen=True)
class CompileJob:
    source: Path
    output: Path
    command: list[str]


def size_tool(cc: str) -> str:
    """arm-none-eabi-gcc -> arm-none-eabi-size (the same toolchain's size)."""
    return cc[: -len("gcc")] + "size" if cc.endswith("gcc") else "size"


def parse_berkeley(output: str) -> Footprint:
    """Sums the text/data/bss columns of ``size -B`` output (header line skipped)."""
    text = data = bss = 0
    for line in output.splitlines()[1:]:
        fields = line.split()
        if len(fields) >= 3 and all(field.isdigit() for field in fields[:3]):
            text += int(fields[0])
            data += int(fields[1])
            bss += int(fields[2])
    return Footprint(text, data, bss)


def compile_objects(jobs: Sequence[CompileJob], parallel: int) -> list[str]:
    """Compiles every job; returns the error messages (empty on success)."""

    def run(job: CompileJob) -> str | None:
        job.output.parent.mkdir(parents=True, exist_ok=True)
        completed = subprocess.run(job.command, capture_output=True, text=True, check=False)
        if completed.returncode == 0:
            return None
        errors = [line for line in completed.stderr.splitlines() if "error" in line]
        first_lines = "\n    ".join((errors or completed.stderr.strip().splitlines())[:3])
        return f"{job.source.name}: {first_lines}"

    with ThreadPoolExecutor(max_workers=max(1, parallel)) as pool:
        errors = [error for error in pool.map(run, jobs) if error is not None]
    if len(errors) > 3:
        errors = [*errors[:3], f"... and {len(errors) - 3} more files"]
    return errors


def measure(cc: str, objects: Sequence[Path]) -> Footprint:
    completed = subprocess.run([size_tool(cc), "-B", *map(str, objects)], capture_output=True, text=True, check=True)
    return parse_berkeley(completed.stdout)


def build_part(
    cc: str, cflags: Sequence[str], sources: Sequence[Path], out_dir: Path, parallel: int
) -> tuple[Footprint | None, list[str]]:
    """Compiles ``sources`` into ``out_dir`` and sums their sizes."""
    if not sources:
        return None, ["no C sources"]
    jobs = [
        CompileJob(
            source,
            out_dir / f"{source.stem}.o",
            [cc, *cflags, "-c", "-o", str(out_dir / f"{source.stem}.o"), str(source)],
        )
        for source in sources
    ]
    errors = compile_objects(jobs, parallel)
    if errors:
        return None, errors
    return measure(cc, [job.output for job in jobs]), []


def rp2_flags(build: Path) -> list[str] | None:
    """Include paths and defines (NDEBUG among them) the rp2 firmware build compiles
    user C modules with."""
    flags_file = build / RP2_FLAGS
    if not flags_file.is_file():
        return None
    flags: list[str] = []
    for line in flags_file.read_text().splitlines():
        key, _, value = line.partition("=")
        if key.strip() in ("C_DEFINES", "C_INCLUDES"):
            flags += shlex.split(value)
        elif key.strip() == "C_FLAGS":  # defines given as flags, e.g. -DNDEBUG
            flags += [flag for flag in shlex.split(value) if flag.startswith("-D")]
    return flags


def parse_uwasm_high_water(text: str) -> int | None:
    """The allocator high-water mark uwasm-run --stats printed, if recognisable."""
    match = _HIGH_WATER.search(text)
    return int(match.group(1)) if match else None


def parse_uwasm_linear_memory(text: str) -> int | None:
    """The linear memory size uwasm-run --stats printed ("linear memory bytes: N")."""
    match = _LINEAR_MEMORY.search(text)
    return int(match.group(1)) if match else None


def parse_uwasm_value_stack(text: str) -> int | None:
    """The value stack size, if uwasm-run --stats prints it ("value stack bytes: N")."""
    match = _VALUE_STACK.search(text)
    return int(match.group(1)) if match else None


def uwasm_ram(uwasm_run: Path, wasm: Path, extra: Sequence[str]) -> dict[str, object]:
    """One ``uwasm-run --stats`` run: high-water mark, and without linear memory
    (which the core allocates through the same allocator)."""
    figures: dict[str, object] = dict.fromkeys(("peak_bytes", "excl_linear_memory", "excl_memory_and_stack", "stats"))
    if not uwasm_run.is_file():
        return figures
    try:
        done = subprocess.run(
            [str(uwasm_run), "--stats", *extra, str(wasm), "run"],
            capture_output=True,
            text=True,
            timeout=120,
            check=False,
        )
    except (subprocess.TimeoutExpired, OSError) as error:
        figures["stats"] = f"failed: {error}"
        return figures
    figures["stats"] = " | ".join(done.stderr.strip().splitlines()[-8:]) or None
    if done.returncode != 0:
        return figures
    peak = parse_uwasm_high_water(done.stderr)
    linear = parse_uwasm_linear_memory(done.stderr)
    figures["peak_bytes"] = peak
    stack = parse_uwasm_value_stack(done.stderr)
    if peak is not None and linear is not None:
        figures["excl_linear_memory"] = peak - linear
        if stack is not None:
            figures["excl_memory_and_stack"] = peak - linear - stack
    return figures


def wasm3_ram(wasm3_run: Path, wasm: Path) -> dict[str, object]:
    """One wasm3 runner --stats run: the peak of all wasm3's allocations."""
    figures: dict[str, object] = dict.fromkeys(("peak_bytes", "memory_bytes", "stack_bytes", "excl_memory_and_stack"))
    try:
        done = subprocess.run(
            [str(wasm3_run), "--stats", str(wasm), "run"], capture_output=True, text=True, timeout=120, check=False
        )
    except (subprocess.TimeoutExpired, OSError):
        return figures
    match = _WASM3_STATS.search(done.stderr)
    if match:
        peak, memory, stack = (int(group) for group in match.groups())
        figures.update(peak_bytes=peak, memory_bytes=memory, stack_bytes=stack)
        figures["excl_memory_and_stack"] = peak - memory - stack
    return figures


def ram_report(build: Path, uwasm_run: Path, wasm3_run: Path) -> list[dict[str, object]]:
    """Per benchmark: uwasm's allocator high-water mark (default translation budget
    and budget 0) beside wasm3's allocations for the same module."""
    return [
        {
            "name": bench.name,
            "uwasm": uwasm_ram(uwasm_run, bench.wasm, []),
            "uwasm_budget0": uwasm_ram(uwasm_run, bench.wasm, ["--translate-budget", "0"]),
            "wasm3": wasm3_ram(wasm3_run, bench.wasm),
        }
        for bench in load_benchmarks(build)
    ]


def _cell(value: object) -> str:
    return "—" if value is None else str(value)


def parse_args(argv: Sequence[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="make size", description=(__doc__ or "").split("\n")[0])
    parser.add_argument("--root", type=Path, required=True)
    parser.add_argument("--build", type=Path, required=True)
    parser.add_argument("--cc", default="arm-none-eabi-gcc")
    parser.add_argument("--cflags", required=True)
    parser.add_argument("--wasm3-src", type=Path, required=True)
    parser.add_argument("--wasm3-cflags", default="")
    parser.add_argument("--uwasm-run", type=Path, required=True)
    parser.add_argument("--wasm3-run", type=Path, required=True)
    parser.add_argument("--jobs", type=int, default=2)
    return parser.parse_args(argv)


def main(argv: Sequence[str]) -> int:
    args = parse_args(argv)
    root: Path = args.root.resolve()
    build: Path = args.build.resolve()
    out = build / "size"
    cflags = shlex.split(args.cflags)
    messages: list[str] = []
    figures: dict[str, int | None] = dict.fromkeys(SIZE_KEYS)

    core_dir = root / "firmware" / "core"
    core, errors = build_part(
        args.cc, [*cflags, f"-I{core_dir}"], sorted(core_dir.glob("*.c")), out / "core", args.jobs
    )
    core_failed = core is None
    if core is not None:
        figures.update(core_text=core.text, core_data=core.data, core_bss=core.bss)
    else:
        messages.append("core: firmware/core does not compile for Cortex-M0+ yet:\n    " + "\n    ".join(errors))

    # the same core without the translation tier (what a flash-starved build can drop)
    lean, _ = build_part(
        args.cc,
        [*cflags, "-DUW_TRANSLATION=0", f"-I{core_dir}"],
        sorted(core_dir.glob("*.c")),
        out / "core-no-translation",
        args.jobs,
    )
    core_lean_text = lean.text if lean is not None else None

    mpy_sources = sorted((root / "firmware" / "mpy").glob("*.c"))
    mpy_flags = rp2_flags(build)
    if mpy_flags is None:
        messages.append(
            "binding_text: null — firmware/mpy needs MicroPython's headers and a firmware build's "
            "generated headers; run 'make firmware BOARD=RPI_PICO' first"
        )
    else:
        binding, errors = build_part(
            args.cc, [*cflags, f"-I{core_dir}", *mpy_flags], mpy_sources, out / "binding", args.jobs
        )
        if binding is not None:
            figures["binding_text"] = binding.text
        else:
            messages.append("binding_text: null — firmware/mpy does not compile:\n    " + "\n    ".join(errors))

    wasm3_sources = sorted(args.wasm3_src.glob("*.c"))
    wasm3, errors = build_part(
        args.cc,
        [*cflags, *shlex.split(args.wasm3_cflags), f"-I{args.wasm3_src}"],
        wasm3_sources,
        out / "wasm3",
        args.jobs,
    )
    if wasm3 is not None:
        figures["wasm3_core_text"] = wasm3.text
    else:
        messages.append("wasm3_core_text: null — wasm3 does not compile:\n    " + "\n    ".join(errors))

    build.mkdir(parents=True, exist_ok=True)
    (build / "size.json").write_text(
        json.dumps({**figures, "core_text_no_translation": core_lean_text}, indent=2) + "\n"
    )

    ram = ram_report(build, args.uwasm_run, args.wasm3_run)
    ram_doc = {
        "uwasm": "uwasm-run --stats: 'allocator high water' (everything the core allocated: module, "
        "instance, value stack, linear memory...) and the same less 'linear memory bytes'; "
        "uwasm_budget0 with --translate-budget 0; null where absent or failed",
        "wasm3": "peak of every allocation wasm3 made (runtime, module, compiled code, value stack, "
        "linear memory), and the same less linear memory and value stack",
        "benchmarks": ram,
    }
    (build / "bench").mkdir(parents=True, exist_ok=True)
    (build / "bench" / "ram.json").write_text(json.dumps(ram_doc, indent=2) + "\n")

    print(f"Cortex-M0+ footprint ({args.cc} {args.cflags}), bytes:")
    for key in SIZE_KEYS:
        print(f"  {key:<16} {_cell(figures[key])}")
    core_plus_binding = (
        figures["core_text"] + figures["binding_text"]
        if figures["core_text"] is not None and figures["binding_text"] is not None
        else None
    )
    print(f"  core+binding     {_cell(core_plus_binding)}  (target: <= 40960)")
    print(f"  core_text without the translation tier (-DUW_TRANSLATION=0): {_cell(core_lean_text)}")
    print()
    print("peak RAM per benchmark, bytes (uwasm: core allocator high-water mark; wasm3: all its allocations)")
    print(
        f"  {'benchmark':<12} {'uwasm':>8} {'uw -mem':>8} {'uw b0 -mem':>10} {'uw -mem-stack':>13} "
        f"{'uw b0 -mem-stack':>16} {'wasm3':>8} {'w3 -mem-stack':>13}"
    )
    for row in ram:
        uw, uw0, w3 = (row[key] for key in ("uwasm", "uwasm_budget0", "wasm3"))
        assert isinstance(uw, dict) and isinstance(uw0, dict) and isinstance(w3, dict)
        print(
            f"  {row['name']!s:<12} {_cell(uw['peak_bytes']):>8} {_cell(uw['excl_linear_memory']):>8} "
            f"{_cell(uw0['excl_linear_memory']):>10} {_cell(uw['excl_memory_and_stack']):>13} "
            f"{_cell(uw0['excl_memory_and_stack']):>16} {_cell(w3['peak_bytes']):>8} "
            f"{_cell(w3['excl_memory_and_stack']):>13}"
        )
    stacks = {w3["stack_bytes"] for row in ram if isinstance(w3 := row["wasm3"], dict) and w3["stack_bytes"]}
    print(
        f"  (-mem: less linear memory, one 64 KiB page; -stack: less the value stack — uwasm's only "
        f"where uwasm-run --stats prints 'value stack bytes'; wasm3's: {', '.join(map(str, stacks)) or '—'} bytes)"
    )
    if not args.uwasm_run.is_file():
        print(f"  uwasm: {args.uwasm_run.name} is not built: its column is null")
    print()
    for message in messages:
        print(message)
    print(f"wrote {build / 'size.json'} and {build / 'bench' / 'ram.json'}")
    if core_failed:
        print("make size: FAILED — the core did not compile", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
