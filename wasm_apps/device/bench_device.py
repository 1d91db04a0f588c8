"""The benchmarks on the emulated RP2040: uwasm against native C in the same firmware.

Boots the bench firmware (boards/RPI_PICO_BENCH) in rp2040js and, for each benchmark,
runs one MicroPython script through mpremote that carries the device-size .wasm inline
(base64), loads it with uwasm.Module/Instance at the smallest memory_limit that works
(its __heap_base; one byte less is checked to be refused), times run() with
time.ticks_us() -- the RP2040 timer, which the emulator drives from its simulated
clock -- checks the checksum, records the GC heap the app takes and the core's peaks,
then times uwasm_native_bench.run(NAME) in the same firmware. Prints a table and
writes a JSON report. Optionally boots the product firmware (RPI_PICO) too, for its
free heap after boot and the heap of a blink-sized app.

Usage (from the repository root; `make bench-device` does this):
    python wasm_apps/device/bench_device.py --firmware build/rp2-bench/firmware.bin \
        --wasm-dir build/bench-device/wasm --out build/bench/device.json [NAME ...]
"""

from __future__ import annotations

import argparse
import base64
import datetime
import json
import math
import platform
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tests.targets.device import Device  # noqa: E402
from tests.targets.rp2040js import EmulatorError, Rp2040Emulator  # noqa: E402

BENCH_SRC = ROOT / "wasm_apps" / "bench"

# Value stack and call depth given to every benchmark instance (the binding's defaults
# are 2 KiB and 64 frames).
STACK_BYTES = 2048
CALL_DEPTH = 64


def read_leb(data: bytes, pos: int, signed: bool = False) -> tuple[int, int]:
    """A LEB128 at pos (unsigned, or signed): (value, next position)."""
    result = shift = 0
    while True:
        byte = data[pos]
        pos += 1
        result |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if signed and byte & 0x40:
                result -= 1 << shift
            return result, pos


def heap_base(wasm: bytes) -> int:
    """The value of the exported global __heap_base (an i32.const initialiser)."""
    if wasm[:8] != b"\0asm\1\0\0\0":
        raise ValueError("not a WebAssembly 1.0 module")
    pos = 8
    imported_globals = 0
    globals_init: list[int | None] = []
    exports: dict[str, tuple[int, int]] = {}
    while pos < len(wasm):
        section = wasm[pos]
        size, pos = read_leb(wasm, pos + 1)
        end = pos + size
        if section == 2:  # imports: count the globals, which come first in the index space
            count, p = read_leb(wasm, pos)
            for _ in range(count):
                for _name in range(2):
                    length, p = read_leb(wasm, p)
                    p += length
                kind = wasm[p]
                p += 1
                if kind == 0:
                    _, p = read_leb(wasm, p)
                elif kind == 1:
                    p += 1
                    flags, p = read_leb(wasm, p + 0)
                    _, p = read_leb(wasm, p)
                    if flags & 1:
                        _, p = read_leb(wasm, p)
                elif kind == 2:
                    flags, p = read_leb(wasm, p)
                    _, p = read_leb(wasm, p)
                    if flags & 1:
                        _, p = read_leb(wasm, p)
                else:
                    imported_globals += 1
                    p += 2
        elif section == 6:
            count, p = read_leb(wasm, pos)
            for _ in range(count):
                p += 2  # value type, mutability
                opcode = wasm[p]
                value: int | None = None
                if opcode == 0x41:  # i32.const
                    value, p = read_leb(wasm, p + 1, signed=True)
                else:
                    while wasm[p] != 0x0B:
                        p += 1
                globals_init.append(value)
                while wasm[p] != 0x0B:
                    p += 1
                p += 1
        elif section == 7:
            count, p = read_leb(wasm, pos)
            for _ in range(count):
                length, p = read_leb(wasm, p)
                name = wasm[p : p + length].decode()
                p += length
                kind = wasm[p]
                index, p = read_leb(wasm, p + 1)
                exports[name] = (kind, index)
        pos = end
    if exports.get("__heap_base", (None,))[0] != 3:
        raise ValueError("the module exports no global __heap_base")
    init = globals_init[exports["__heap_base"][1] - imported_globals]
    if init is None:
        raise ValueError("__heap_base is not an i32.const")
    return init & 0xFFFFFFFF


def expected_checksum(name: str) -> tuple[str, int]:
    """(type, value) from wasm_apps/bench/NAME.device.expected, e.g. ("i32", 121393)."""
    kind, value = (BENCH_SRC / f"{name}.device.expected").read_text().strip().split(":")
    return kind, int(value)


DEVICE_SCRIPT = """\
import binascii, gc, json, time, uwasm
W = binascii.a2b_base64({b64!r})
NAME = {name!r}
HEAP_BASE = {heap_base}
MASK = {mask}
EXPECTED = {expected}
gc.collect()
free0 = gc.mem_free()
mod = uwasm.Module(W)
try:
    uwasm.Instance(mod, memory_limit=HEAP_BASE - 1, stack={stack}, call_depth={depth})
    below = "accepted"
except uwasm.Error:
    below = "refused"
inst = uwasm.Instance(mod, memory_limit=HEAP_BASE, stack={stack}, call_depth={depth})
run = inst.exports.run
gc.collect()
free1 = gc.mem_free()
t0 = time.ticks_us()
r = run()
t1 = time.ticks_us()
gc.collect()
free2 = gc.mem_free()
memory_bytes = len(inst.exports.memory)
out = {{"uwasm_us": time.ticks_diff(t1, t0), "checksum": r & MASK, "below_limit": below,
       "free_before": free0, "free_instantiated": free1, "free_after": free2,
       "module_ram": mod.ram(), "instance_ram": inst.ram(), "memory_bytes": memory_bytes,
       "translated": inst.translated()}}
del run, inst
gc.collect()
inst = uwasm.Instance(mod, memory_limit=HEAP_BASE, stack={stack}, call_depth={depth}, translate=0)
t0 = time.ticks_us()
r = inst.exports.run()
t1 = time.ticks_us()
out["budget0_us"] = time.ticks_diff(t1, t0)
out["budget0_checksum"] = r & MASK
out["budget0_instance_ram"] = inst.ram()
del inst, mod
gc.collect()
import uwasm_native_bench
t0 = time.ticks_us()
n = uwasm_native_bench.run(NAME)
t1 = time.ticks_us()
out["native_us"] = time.ticks_diff(t1, t0)
out["native_checksum"] = n
print("RESULT", json.dumps(out))
"""

HEAP_SCRIPT = """\
import gc
gc.collect()
print("RESULT", {"free": gc.mem_free(), "alloc": gc.mem_alloc()})
"""


BLINK_SCRIPT = """\
import binascii, gc, json, machine, time, uwasm
W = binascii.a2b_base64({b64!r})
led = machine.Pin(25, machine.Pin.OUT)
def pin_write(pin, value):
    led.value(value)
def sleep_ms(ms):
    time.sleep_ms(ms)
imports = {{"env": {{"pin_write": pin_write, "sleep_ms": sleep_ms}}}}
out = {{}}
for label, kwargs in (("defaults", {{}}), ("small", {{"stack": 256, "call_depth": 8}})):
    gc.collect()
    free0 = gc.mem_free()
    mod = uwasm.Module(W)
    inst = uwasm.Instance(mod, imports=imports, memory_limit={heap_base}, **kwargs)
    r = inst.exports.run(4)
    gc.collect()
    free1 = gc.mem_free()
    out[label] = {{"heap_taken": free0 - free1, "module_ram": mod.ram(), "instance_ram": inst.ram(),
                  "memory_bytes": {heap_base}, "result": r, "kwargs": kwargs}}
    del inst, mod
print("RESULT", json.dumps(out))
"""


def device_script(name: str, wasm: bytes) -> str:
    """The MicroPython script that measures one benchmark (see DEVICE_SCRIPT)."""
    kind, expected = expected_checksum(name)
    return DEVICE_SCRIPT.format(
        b64=base64.b64encode(wasm).decode(),
        name=name,
        heap_base=heap_base(wasm),
        mask=(1 << (64 if kind == "i64" else 32)) - 1,
        expected=expected,
        stack=STACK_BYTES,
        depth=CALL_DEPTH,
    )


def parse_result(output: str) -> dict[str, Any]:
    """The dict the device printed after RESULT (json or, for HEAP_SCRIPT, a Python dict)."""
    for line in output.splitlines():
        if line.startswith("RESULT "):
            text = line[len("RESULT ") :]
            try:
                result: dict[str, Any] = json.loads(text)
            except json.JSONDecodeError:
                result = json.loads(text.replace("'", '"'))
            return result
    raise RuntimeError(f"no RESULT line in the device's output:\n{output}")


def source_revision() -> str:
    """The commit the firmware was built from, "-dirty" if the tree had changes (or "unknown")."""
    try:
        return subprocess.run(
            ["git", "-C", str(ROOT), "describe", "--always", "--dirty"], capture_output=True, text=True, check=True
        ).stdout.strip()
    except (OSError, subprocess.CalledProcessError):
        return "unknown"


def geomean(values: list[float]) -> float | None:
    """Geometric mean, or None for no values."""
    if not values:
        return None
    return math.exp(sum(math.log(v) for v in values) / len(values))


def measure(device: Device, name: str, wasm_dir: Path, script_dir: Path) -> dict[str, Any]:
    """Run one benchmark on the device; return its figures (see README)."""
    wasm = (wasm_dir / f"{name}.wasm").read_bytes()
    script = script_dir / f"{name}.py"
    script.write_text(device_script(name, wasm))
    raw = parse_result(device.run(script, timeout=600))
    _, expected = expected_checksum(name)
    module_peak = raw["module_ram"][1]
    instance_peak = raw["instance_ram"][1]
    budget0_peak = raw["budget0_instance_ram"][1]
    # The module's peak is reached while it validates (scratch freed before the
    # instance exists); together, the core holds at most this much at once:
    module_in_use = raw["module_ram"][0]
    together = max(module_peak, module_in_use + instance_peak)
    together_budget0 = max(module_peak, module_in_use + budget0_peak)
    return {
        "name": name,
        "wasm_bytes": len(wasm),
        "heap_base": heap_base(wasm),
        "memory_limit": heap_base(wasm),
        "limit_minus_one": raw["below_limit"],
        "uwasm_ms": raw["uwasm_us"] / 1000,
        "native_ms": raw["native_us"] / 1000,
        "ratio": raw["uwasm_us"] / max(raw["native_us"], 1),
        "checksum": raw["checksum"],
        "expected": expected,
        "uwasm_ok": raw["checksum"] == expected and raw["budget0_checksum"] == expected,
        "uwasm_budget0_ms": raw["budget0_us"] / 1000,
        "ratio_budget0": raw["budget0_us"] / max(raw["native_us"], 1),
        "translated_bytes": raw["translated"][0],
        "translated_functions": raw["translated"][1],
        "native_ok": raw["native_checksum"] == expected,
        "heap_taken": raw["free_before"] - raw["free_after"],
        "heap_instantiated": raw["free_before"] - raw["free_instantiated"],
        "module_peak": module_peak,
        "instance_peak": instance_peak,
        "core_peak": module_peak + instance_peak,
        "linear_memory": raw["memory_bytes"],
        "core_overhead": module_peak + instance_peak - raw["memory_bytes"],
        "module_in_use": module_in_use,
        "core_peak_together": together,
        # issue 4's RAM figure: the most the core holds at once, without linear
        # memory and the value stack
        "overhead_excl_stack": together - raw["memory_bytes"] - STACK_BYTES,
        "overhead_excl_stack_budget0": together_budget0 - raw["memory_bytes"] - STACK_BYTES,
    }


def print_table(rows: list[dict[str, Any]], summary: dict[str, Any]) -> None:
    """The table on stdout."""
    header = (
        f"{'benchmark':<11} {'uwasm ms':>9} {'b0 ms':>9} {'native ms':>9} {'ratio':>7} {'b0 ratio':>8} "
        f"{'heap B':>7} {'core peak':>9} {'lin mem':>7} {'xlate B':>7} {'ovh-stk':>7} {'b0 ovh':>7}  ok"
    )
    print(header)
    print("-" * len(header))
    for row in rows:
        ok = "yes" if row["uwasm_ok"] and row["native_ok"] else "NO"
        print(
            f"{row['name']:<11} {row['uwasm_ms']:>9.1f} {row['uwasm_budget0_ms']:>9.1f} {row['native_ms']:>9.2f} "
            f"{row['ratio']:>7.1f} {row['ratio_budget0']:>8.1f} {row['heap_taken']:>7} {row['core_peak']:>9} "
            f"{row['linear_memory']:>7} {row['translated_bytes']:>7} {row['overhead_excl_stack']:>7} "
            f"{row['overhead_excl_stack_budget0']:>7}  {ok}"
        )
    print("-" * len(header))
    gm = summary
    if gm["geomean_uwasm_ms"] is not None:
        print(
            f"{'geomean':<11} {gm['geomean_uwasm_ms']:>9.1f} {gm['geomean_budget0_ms']:>9.1f} "
            f"{gm['geomean_native_ms']:>9.2f} {gm['geomean_ratio']:>7.1f} {gm['geomean_ratio_budget0']:>8.1f}"
        )
    print(
        "ovh-stk: the most the core held at once (module in use + instance peak, or the module's "
        "validation peak if larger) without linear memory and value stack; b0: translate=0"
    )
    print(f"largest app: {gm['largest_core_peak_name']} core peak {gm['largest_core_peak']} B (target <= 65536)")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--firmware", type=Path, required=True, help="the bench firmware .bin (RPI_PICO_BENCH)")
    parser.add_argument("--product-firmware", type=Path, help="the RPI_PICO firmware .bin: free heap after boot")
    parser.add_argument("--blink-wasm", type=Path, help="a blink-sized app, measured in the product firmware")
    parser.add_argument("--wasm-dir", type=Path, required=True, help="the device-size NAME.wasm files")
    parser.add_argument("--workdir", type=Path, default=ROOT / "build" / "bench-device" / "emu")
    parser.add_argument("--out", type=Path, required=True, help="the JSON report")
    parser.add_argument("names", nargs="*", help="benchmarks to run (default: every NAME.device.expected)")
    args = parser.parse_args(argv)

    names = args.names or sorted(p.name.split(".")[0] for p in BENCH_SRC.glob("*.device.expected"))
    script_dir = args.workdir / "scripts"
    script_dir.mkdir(parents=True, exist_ok=True)
    report: dict[str, Any] = {
        "date": datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%d"),
        "machine": f"rp2040js (RP2040, 125 MHz simulated) on {platform.machine()} {platform.system()}",
        "clock": "time.ticks_us() on the device: the RP2040 timer, driven by the emulator's simulated clock",
        "source": source_revision(),
        "stack_bytes": STACK_BYTES,
        "call_depth": CALL_DEPTH,
    }

    if args.product_firmware is not None:
        with Rp2040Emulator(args.product_firmware, args.workdir / "product") as emu:
            device = Device("rp2040js RPI_PICO", emu.port)
            report["product_heap_after_boot"] = parse_result(device.exec(HEAP_SCRIPT))
            print(f"RPI_PICO firmware, GC heap after boot: {report['product_heap_after_boot']}")
            if args.blink_wasm is not None:
                blink = args.blink_wasm.read_bytes()
                script = script_dir / "blink.py"
                script.write_text(BLINK_SCRIPT.format(b64=base64.b64encode(blink).decode(), heap_base=heap_base(blink)))
                report["blink"] = parse_result(device.run(script, timeout=120))
                report["blink"]["wasm_bytes"] = len(blink)
                print(f"blink-sized app ({len(blink)} B .wasm), GC heap taken: {report['blink']}")

    rows: list[dict[str, Any]] = []
    wall_start = time.monotonic()
    with Rp2040Emulator(args.firmware, args.workdir / "bench", skip_idle=True) as emu:
        device = Device("rp2040js RPI_PICO_BENCH", emu.port)
        report["bench_heap_after_boot"] = parse_result(device.exec(HEAP_SCRIPT))
        print(f"bench firmware, GC heap after boot: {report['bench_heap_after_boot']}")
        for name in names:
            row = measure(device, name, args.wasm_dir, script_dir)
            rows.append(row)
            print(
                f"  {name}: uwasm {row['uwasm_ms']:.1f} ms, native {row['native_ms']:.2f} ms, "
                f"heap {row['heap_taken']} B, ok={row['uwasm_ok'] and row['native_ok']}",
                flush=True,
            )
        try:
            report["emulator_stats"] = emu.stats(timeout=5)
        except EmulatorError as e:
            # Seen after many mpremote runs: the runner stops answering SIGUSR1 in
            # time. The figures above come from the device's timer, not from here.
            report["emulator_stats"] = {"error": str(e)}
    report["wall_s"] = round(time.monotonic() - wall_start, 1)

    largest = max(rows, key=lambda r: r["core_peak"])
    summary = {
        "geomean_uwasm_ms": geomean([r["uwasm_ms"] for r in rows]),
        "geomean_budget0_ms": geomean([r["uwasm_budget0_ms"] for r in rows]),
        "geomean_native_ms": geomean([r["native_ms"] for r in rows if r["native_ms"] > 0]),
        "geomean_ratio": geomean([r["ratio"] for r in rows]),
        "geomean_ratio_budget0": geomean([r["ratio_budget0"] for r in rows]),
        "largest_core_peak_name": largest["name"],
        "largest_core_peak": largest["core_peak"],
        "max_heap_taken": max(r["heap_taken"] for r in rows),
    }
    report.update(summary)
    report["benchmarks"] = rows
    print()
    print_table(rows, summary)
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(report, indent=2) + "\n")
    print(f"wrote {args.out}")
    failed = [r["name"] for r in rows if not (r["uwasm_ok"] and r["native_ok"])]
    if failed:
        print(f"checksum mismatch: {' '.join(failed)}", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
