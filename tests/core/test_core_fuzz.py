"""A deterministic mutation campaign over the spec suite's modules, run through
the core under ASan/UBSan (tests/core/fuzz_driver.c): bad input must give an
error value, never a crash, a sanitizer report, a hang or a leak."""

from __future__ import annotations

import random
import subprocess
from pathlib import Path

import pytest

from tests.core import spec_runner
from tests.core.conftest import CORE_BUILDS, ROOT, build_with_sanitizers

FILES_PER_RUN = 40
MUTANTS_PER_FILE = 25


@pytest.fixture(scope="session", params=sorted(CORE_BUILDS))
def fuzz_driver(request: pytest.FixtureRequest) -> Path:
    """tests/core/fuzz_driver.c linked with the core (each of CORE_BUILDS), under
    ASan and UBSan."""
    return build_with_sanitizers("fuzz_driver", *CORE_BUILDS[request.param])


def mutate(data: bytes, rng: random.Random) -> bytes:
    b = bytearray(data)
    for _ in range(rng.randint(1, 4)):
        op = rng.randrange(5)
        pos = rng.randrange(len(b)) if b else 0
        if op == 0 and b:
            b[pos] ^= 1 << rng.randrange(8)
        elif op == 1 and b:
            b[pos] = rng.choice([0x00, 0x7F, 0x80, 0xFF, 0x0B, 0x40, rng.randrange(256)])
        elif op == 2:
            b[pos:pos] = bytes(rng.randrange(256) for _ in range(rng.randint(1, 4)))
        elif op == 3 and len(b) > 9:
            del b[pos : pos + rng.randint(1, 4)]
        else:
            b = b[: rng.randrange(len(b) + 1)]
    return bytes(b)


@pytest.mark.skipif(not spec_runner.suite_present(), reason=spec_runner.SPEC_MISSING)
@pytest.mark.parametrize("seed", range(4))
def test_mutated_spec_modules(seed: int, fuzz_driver: Path, tmp_path: Path) -> None:
    rng = random.Random(seed)
    # the converted spec modules (make spec or the spec tests produce them)
    sources = [spec_runner.convert(rel, ROOT / "build" / "spec") for rel in spec_runner.spec_files()[:: 1 + seed]]
    wasm_files = sorted({p for src in sources for p in src.parent.glob("*.wasm")})
    chosen = rng.sample(wasm_files, min(FILES_PER_RUN, len(wasm_files)))
    paths = []
    for i, src in enumerate(chosen):
        data = src.read_bytes()
        for k in range(MUTANTS_PER_FILE):
            p = tmp_path / f"m{i}_{k}.wasm"
            p.write_bytes(mutate(data, rng))
            paths.append(p)
    proc = subprocess.run(
        [str(fuzz_driver)], input="\n".join(map(str, paths)) + "\n", capture_output=True, text=True, timeout=600
    )
    assert proc.returncode == 0, proc.stdout[-2000:] + proc.stderr[-4000:]
    lines = proc.stdout.splitlines()
    assert len(lines) == len(paths)
    assert any(line.startswith("refused") for line in lines)
    assert any(line.startswith("ran") or line == "loaded" for line in lines)
