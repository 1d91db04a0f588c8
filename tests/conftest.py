"""Fixtures shared by every test folder: a connected MicroPython device per target.

`device` is parametrised over the three places MicroPython runs here — the unix port,
the qemu ARM firmware (64 KB heap) and the rp2 firmware in rp2040js — so one test
body runs on all three; `unix_device`, `qemu_device` and `rp2_device` give one target.
Each target boots at most once per session, when a test first asks for it, and tests
reach it through real mpremote (tests/targets/device.py). qemu and rp2040js carry the
`emulator` marker: `make test PYTEST_ARGS="-m 'not emulator'"` skips them locally.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, ExitStack
from pathlib import Path

import pytest

from tests.targets.device import BUILD, ROOT, Device
from tests.targets.qemu import QEMU_FIRMWARE, QemuArm
from tests.targets.unix import UNIX_MICROPYTHON, UnixPort

RP2_FIRMWARE = BUILD / "rp2" / "firmware.bin"

# target: (what must be built, the command that builds it)
ARTIFACTS = {
    "unix": (UNIX_MICROPYTHON, "make"),
    "qemu": (QEMU_FIRMWARE, "make firmware BOARD=QEMU_ARM"),
    "rp2040js": (RP2_FIRMWARE, "make firmware BOARD=RPI_PICO"),
}

TARGETS = [
    pytest.param("unix", id="unix"),
    pytest.param("qemu", id="qemu", marks=pytest.mark.emulator),
    pytest.param("rp2040js", id="rp2040js", marks=pytest.mark.emulator),
]


def launcher(target: str, workdir: Path) -> AbstractContextManager[object]:
    """The context manager that brings `target` up on a pty (its `.port`)."""
    if target == "unix":
        return UnixPort(workdir)
    if target == "qemu":
        return QemuArm()
    from tests.targets.rp2040js import Rp2040Emulator

    return Rp2040Emulator(RP2_FIRMWARE, workdir)


class DevicePool:
    """Boots each target on first use and keeps it up until the session ends."""

    def __init__(self, stack: ExitStack, tmp: pytest.TempPathFactory) -> None:
        self._stack = stack
        self._tmp = tmp
        self._devices: dict[str, Device] = {}
        self._launchers: dict[str, object] = {}

    def get(self, target: str) -> Device:
        if target not in self._devices:
            artifact, how = ARTIFACTS[target]
            if not artifact.exists():
                pytest.skip(f"{artifact.relative_to(ROOT)} is missing: run '{how}' (make test builds it)")
            running = self._stack.enter_context(launcher(target, self._tmp.mktemp(target)))
            self._launchers[target] = running
            self._devices[target] = Device(target, running.port)  # type: ignore[attr-defined]
        return self._devices[target]

    def diagnostics(self, target: str) -> str:
        """What the target's launcher saw (the emulator's fault reports), if it keeps any."""
        stderr_text = getattr(self._launchers.get(target), "stderr_text", None)
        return stderr_text() if callable(stderr_text) else ""


POOL_KEY = pytest.StashKey[DevicePool]()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    """A failing test on a device gets the device's launcher output in its report: an
    emulator that hit a HardFault says so there, instead of a bare mpremote error."""
    report = yield
    device = getattr(item, "funcargs", {}).get("device")
    pool = item.session.stash.get(POOL_KEY, None)
    if report.failed and isinstance(device, Device) and pool is not None:
        text = pool.diagnostics(device.name)
        if text:
            report.sections.append((f"{device.name} launcher stderr", text[-4000:]))
    return report


@pytest.fixture(scope="session")
def device_pool(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> Iterator[DevicePool]:
    with ExitStack() as stack:
        pool = DevicePool(stack, tmp_path_factory)
        request.session.stash[POOL_KEY] = pool
        yield pool


@pytest.fixture(scope="session", params=TARGETS)
def device(request: pytest.FixtureRequest, device_pool: DevicePool) -> Device:
    return device_pool.get(request.param)


@pytest.fixture(scope="session")
def unix_device(device_pool: DevicePool) -> Device:
    return device_pool.get("unix")


@pytest.fixture(scope="session")
def qemu_device(device_pool: DevicePool) -> Device:
    return device_pool.get("qemu")


@pytest.fixture(scope="session")
def rp2_device(device_pool: DevicePool) -> Device:
    return device_pool.get("rp2040js")
