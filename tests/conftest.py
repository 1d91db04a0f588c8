"""Fixtures shared by every test folder: a connected MicroPython device per target.

`device` is parametrised over the three places MicroPython runs here — the unix port,
the qemu ARM firmware (64 KB heap) and the rp2 firmware in rp2040js — so one test
body runs on all three. Each target boots once per session; tests see it through
real mpremote (tests/targets/device.py). qemu and rp2040js carry the `emulator`
marker: `make test PYTEST_ARGS="-m 'not emulator'"` skips them locally.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager
from pathlib import Path

import pytest

from tests.targets.device import BUILD, Device
from tests.targets.qemu import QEMU_FIRMWARE, QemuArm
from tests.targets.unix import UNIX_MICROPYTHON, UnixPort

RP2_FIRMWARE = BUILD / "rp2" / "firmware.bin"

TARGETS = [
    pytest.param("unix", id="unix"),
    pytest.param("qemu", id="qemu", marks=pytest.mark.emulator),
    pytest.param("rp2040js", id="rp2040js", marks=pytest.mark.emulator),
]


def launcher(target: str, workdir: Path) -> AbstractContextManager[object]:
    """The context manager that brings `target` up on a pty (its `.port`)."""
    needs = {
        "unix": (UNIX_MICROPYTHON, "make"),
        "qemu": (QEMU_FIRMWARE, "make firmware BOARD=QEMU_ARM"),
        "rp2040js": (RP2_FIRMWARE, "make firmware BOARD=RPI_PICO"),
    }
    artifact, how = needs[target]
    if not artifact.exists():
        pytest.skip(f"{artifact.relative_to(BUILD.parent)} is missing: run '{how}' (make test builds it)")
    if target == "unix":
        return UnixPort(workdir)
    if target == "qemu":
        return QemuArm()
    from tests.targets.rp2040js import Rp2040Emulator

    return Rp2040Emulator(RP2_FIRMWARE, workdir)


@pytest.fixture(scope="session", params=TARGETS)
def device(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Device]:
    target: str = request.param
    with launcher(target, tmp_path_factory.mktemp(target)) as running:
        yield Device(target, running.port)  # type: ignore[attr-defined]
