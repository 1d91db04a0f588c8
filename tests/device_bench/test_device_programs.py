"""The device-size benchmark builds (wasm_apps/device), checked on the host: no emulator.

- the native device-size builds (gcc, -DBENCH_DEVICE) return the committed device
  checksums (wasm_apps/bench/NAME.device.expected);
- the device .wasm files, built by wasm_apps/device/rules.mk itself, validate, never grow
  memory, export __heap_base below one page, and -- with build/host/uwasm-run, when it
  has been built -- return the same checksums;
- the harness's pieces that need no device: the __heap_base reader and the scripts it
  sends (valid Python, carrying the module and the expected checksum).
"""

from __future__ import annotations

import base64
import shutil
import subprocess
from pathlib import Path

import pytest

from wasm_apps.device import bench_device

ROOT = Path(__file__).resolve().parents[2]
BENCH_SRC = ROOT / "wasm_apps" / "bench"
RULES = [ROOT / "wasm_apps" / "bench" / "rules.mk", ROOT / "wasm_apps" / "device" / "rules.mk"]
UWASM_RUN = ROOT / "build" / "host" / "uwasm-run"
WASM_TOOLS = ROOT / ".venv" / "bin" / "wasm-tools"
WASM_OBJDUMP = ROOT / ".venv" / "bin" / "wasm-objdump"

NAMES = sorted(p.stem for p in BENCH_SRC.glob("*.c"))


def expected(name: str) -> tuple[str, int]:
    kind, value = (BENCH_SRC / f"{name}.device.expected").read_text().strip().split(":")
    return kind, int(value)


@pytest.fixture(scope="session")
def device_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A build folder with bench-device/{wasm,native}/NAME and bench-device/blink.wasm, by the make rules."""
    build = tmp_path_factory.mktemp("build")
    command = ["make", "-s", "-j2"]
    for rules in RULES:
        command += ["-f", str(rules)]
    command += [f"ROOT={ROOT}", f"BUILD={build}", "bench-device-programs", f"{build}/bench-device/blink.wasm"]
    completed = subprocess.run(command, capture_output=True, text=True, check=False)
    assert completed.returncode == 0, f"device programs do not build:\n{completed.stdout}\n{completed.stderr}"
    return build / "bench-device"


def test_every_benchmark_has_a_device_checksum() -> None:
    assert len(NAMES) >= 13
    for name in NAMES:
        kind, value = expected(name)
        assert kind in ("i32", "i64")
        # A device size really is another workload: its checksum differs from the host's
        # (or, for matmul_f64 whose checksum is over one matrix, at least the size does).
        host = (BENCH_SRC / f"{name}.expected").read_text().strip()
        source = (BENCH_SRC / f"{name}.c").read_text()
        assert "BENCH_SIZE(" in source, f"{name}.c has no device size"
        assert f"{kind}:{value}" != host or name == "matmul_f64"


@pytest.mark.parametrize("name", NAMES)
def test_native_device_build_returns_the_device_checksum(device_build: Path, name: str) -> None:
    completed = subprocess.run([device_build / "native" / name], capture_output=True, text=True, timeout=30)
    assert completed.returncode == 0
    kind, value = expected(name)
    assert completed.stdout.strip() == f"{kind}:{value}"


@pytest.mark.parametrize("name", NAMES)
def test_device_wasm_validates_and_fits_below_one_page(device_build: Path, name: str) -> None:
    wasm_path = device_build / "wasm" / f"{name}.wasm"
    wasm = wasm_path.read_bytes()
    base = bench_device.heap_base(wasm)
    # 8 KiB stack first, then the data: all below the one 64 KiB page.
    assert 8192 <= base < 65536
    if WASM_TOOLS.exists():
        subprocess.run([WASM_TOOLS, "validate", "--features", "mvp", wasm_path], check=True, timeout=30)
    if WASM_OBJDUMP.exists():
        listing = subprocess.run(
            [WASM_OBJDUMP, "-d", wasm_path], capture_output=True, text=True, check=True, timeout=30
        ).stdout
        assert "memory.grow" not in listing, f"{name} grows its memory: __heap_base is not its whole memory"


@pytest.mark.parametrize("name", NAMES)
def test_device_wasm_returns_the_device_checksum_in_uwasm(device_build: Path, name: str) -> None:
    if not UWASM_RUN.exists():
        pytest.skip("build/host/uwasm-run is not built")
    wasm_path = device_build / "wasm" / f"{name}.wasm"
    base = bench_device.heap_base(wasm_path.read_bytes())
    # The smallest memory limit that works is __heap_base (the memory is cut to it) ...
    completed = subprocess.run(
        [UWASM_RUN, "--memory-limit", str(base), wasm_path, "run"], capture_output=True, text=True, timeout=60
    )
    assert completed.returncode == 0, completed.stderr
    kind, value = expected(name)
    got_kind, got = completed.stdout.strip().split(":")
    bits = 64 if kind == "i64" else 32
    assert (got_kind, int(got) & ((1 << bits) - 1)) == (kind, value)
    # ... and one byte less is refused.
    below = subprocess.run(
        [UWASM_RUN, "--memory-limit", str(base - 1), wasm_path, "run"], capture_output=True, text=True, timeout=60
    )
    assert below.returncode != 0


def test_heap_base_reader_agrees_with_wasm_objdump(device_build: Path) -> None:
    if not WASM_OBJDUMP.exists():
        pytest.skip("wasm-objdump is not installed (make setup)")
    for path in [device_build / "blink.wasm", device_build / "wasm" / "sieve.wasm"]:
        listing = subprocess.run(
            [WASM_OBJDUMP, "-x", path], capture_output=True, text=True, check=True, timeout=30
        ).stdout
        # "- global[1] i32 mutable=0 <__heap_base> - init i32=42032"
        line = next(line for line in listing.splitlines() if "<__heap_base>" in line and "init i32=" in line)
        assert bench_device.heap_base(path.read_bytes()) == int(line.rsplit("i32=", 1)[1])


def test_heap_base_reader_rejects_what_it_cannot_read() -> None:
    with pytest.raises(ValueError, match="WebAssembly"):
        bench_device.heap_base(b"not wasm")
    # A module with no sections exports no __heap_base.
    with pytest.raises(ValueError, match="__heap_base"):
        bench_device.heap_base(b"\0asm\1\0\0\0")


def test_device_scripts_are_valid_python_carrying_the_module(device_build: Path) -> None:
    wasm = (device_build / "wasm" / "fib.wasm").read_bytes()
    script = bench_device.device_script("fib", wasm)
    compile(script, "fib.py", "exec")
    assert repr(base64.b64encode(wasm).decode()) in script
    _kind, value = expected("fib")
    assert f"EXPECTED = {value}" in script
    assert f"HEAP_BASE = {bench_device.heap_base(wasm)}" in script
    blink = (device_build / "blink.wasm").read_bytes()
    compile(bench_device.BLINK_SCRIPT.format(b64=base64.b64encode(blink).decode(), heap_base=100), "blink.py", "exec")


def test_result_lines_are_parsed() -> None:
    assert bench_device.parse_result('noise\nRESULT {"a": 1}\n') == {"a": 1}
    assert bench_device.parse_result("RESULT {'free': 5, 'alloc': 6}") == {"free": 5, "alloc": 6}
    with pytest.raises(RuntimeError, match="no RESULT"):
        bench_device.parse_result("Traceback ...")
    assert bench_device.geomean([]) is None
    assert bench_device.geomean([2.0, 8.0]) == pytest.approx(4.0)


def test_the_tools_exist() -> None:
    # Not skipped silently in CI: the setup installs both.
    assert shutil.which("clang-14") is not None
    assert shutil.which("gcc") is not None
