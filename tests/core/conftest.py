"""Fixtures for the core tests: the uwasm-run binary, the API checker built
with sanitizers, and WAT sources compiled at test time (all under build/)."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
BUILD = ROOT / "build" / "tests" / "core"
VENV_BIN = ROOT / ".venv" / "bin"
WAT_DIR = Path(__file__).with_name("wat")


@pytest.fixture(scope="session")
def uwasm_run() -> Path:
    """build/host/uwasm-run, brought up to date by its make rule."""
    subprocess.run(["make", "-s", "-C", str(ROOT), "uwasm-run"], check=True, capture_output=True)
    path = ROOT / "build" / "host" / "uwasm-run"
    assert path.exists()
    return path


@pytest.fixture(scope="session")
def uwasm_run_compact() -> Path:
    """build/host-compact/uwasm-run: the core compiled -Os as in the firmware
    (UW_COMPACT: i64, f32, f64 and conversions through numeric.c)."""
    subprocess.run(["make", "-s", "-C", str(ROOT), "uwasm-run-compact"], check=True, capture_output=True)
    path = ROOT / "build" / "host-compact" / "uwasm-run"
    assert path.exists()
    return path


def build_with_sanitizers(driver: str, *defines: str) -> Path:
    """tests/core/<driver>.c linked with the core under ASan and UBSan, in build/
    (named after the driver and any -D defines given)."""
    BUILD.mkdir(parents=True, exist_ok=True)
    out = BUILD / "-".join([driver, *(d.lower().replace("=", "") for d in defines)])
    core = sorted((ROOT / "firmware" / "core").glob("*.c"))
    cmd = [
        "gcc", "-O1", "-g", "-std=c99", "-Wall", "-Wextra", "-Werror",
        "-fsanitize=address,undefined", "-fno-sanitize-recover=all",
        "-I", str(ROOT / "firmware" / "core"), *(f"-D{d}" for d in defines),
        str(Path(__file__).with_name(f"{driver}.c")), *map(str, core), "-o", str(out),
    ]  # fmt: skip
    subprocess.run(cmd, check=True)
    return out


# the core as uwasm-run builds it, and compact as the firmware builds it
# (UW_COMPACT: shared numeric, load/store and comparison handlers, switch dispatch)
CORE_BUILDS = {"default": (), "compact": ("UW_COMPACT=1",)}


@pytest.fixture(scope="session", params=sorted(CORE_BUILDS))
def api_check(request: pytest.FixtureRequest) -> Path:
    """tests/core/api_check.c linked with the core, under ASan and UBSan."""
    return build_with_sanitizers("api_check", *CORE_BUILDS[request.param])


def wat2wasm(name: str) -> Path:
    """Compile tests/core/wat/<name>.wat into build/tests/core/<name>.wasm."""
    BUILD.mkdir(parents=True, exist_ok=True)
    out = BUILD / f"{name}.wasm"
    subprocess.run(
        [str(VENV_BIN / "wat2wasm"), "--enable-custom-page-sizes", str(WAT_DIR / f"{name}.wat"), "-o", str(out)],
        check=True,
    )
    return out


@pytest.fixture(scope="session")
def wasm() -> dict[str, Path]:
    return {p.stem: wat2wasm(p.stem) for p in sorted(WAT_DIR.glob("*.wat"))}
