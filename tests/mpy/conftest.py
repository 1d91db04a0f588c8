"""Build the WebAssembly modules the device scripts use, and inline them into scripts.

The scripts in scripts/ refer to modules as WASM["name"]; wat/name.wat is compiled
with wat2wasm and the bytes are put in front of the script, so a script runs the same
on targets with and without a filesystem (qemu has none).
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest

from tests.targets.device import VENV

HERE = Path(__file__).parent
WAT_DIR = HERE / "wat"


@pytest.fixture(scope="session")
def wasm_modules(tmp_path_factory: pytest.TempPathFactory) -> dict[str, bytes]:
    out = tmp_path_factory.mktemp("wasm")
    modules = {}
    for wat in sorted(WAT_DIR.glob("*.wat")):
        target = out / f"{wat.stem}.wasm"
        subprocess.run(
            [str(VENV / "bin" / "wat2wasm"), "--enable-custom-page-sizes", str(wat), "-o", str(target)], check=True
        )
        modules[wat.stem] = target.read_bytes()
    return modules


def inline_modules(source: str, modules: dict[str, bytes], **constants: object) -> str:
    """The script with WASM = {...} (only the modules it names) and constants in front."""
    names = sorted(set(re.findall(r'WASM\["(\w+)"\]', source)))
    lines = [f"WASM = {{{', '.join(f'{n!r}: {modules[n]!r}' for n in names)}}}"]
    lines += [f"{key} = {value!r}" for key, value in constants.items()]
    return "\n".join(lines) + "\n" + source
