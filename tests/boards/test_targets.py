"""The MicroPython builds carry the uwasm module and run where the project runs them."""

from __future__ import annotations

import subprocess

import pytest

from tests.targets.device import Device
from tests.targets.unix import UNIX_MICROPYTHON


def test_unix_binary_imports_uwasm() -> None:
    if not UNIX_MICROPYTHON.exists():
        pytest.skip("build/unix/micropython is missing: run 'make'")
    result = subprocess.run(
        [str(UNIX_MICROPYTHON), "-c", "import uwasm; print(uwasm.__name__, uwasm.__version__)"],
        capture_output=True,
        text=True,
        timeout=10,
    )
    assert result.returncode == 0, result.stderr
    name, version = result.stdout.split()
    assert name == "uwasm"
    assert [int(part) for part in version.split(".")] >= [0, 1, 0]


def test_every_target_imports_uwasm(device: Device) -> None:
    out = device.exec("import uwasm, sys; print(uwasm.__name__, sys.implementation.name, 6 * 7)")
    assert out.split() == ["uwasm", "micropython", "42"]


def test_device_reports_its_platform(device: Device) -> None:
    platform = device.exec("import sys; print(sys.platform)").strip()
    assert platform == {"unix": "linux", "qemu": "qemu", "rp2040js": "rp2"}[device.name]


@pytest.mark.emulator
def test_qemu_firmware_has_a_64k_heap_and_armv6m_code(qemu_device: Device) -> None:
    heap, machine = qemu_device.exec(
        "import gc, sys; gc.collect(); print(gc.mem_free() + gc.mem_alloc()); print(sys.implementation._machine)"
    ).splitlines()
    # MicroPython's GC keeps 1/64 of a 64 KiB area for its allocation table.
    assert int(heap) == 64000
    assert "armv6-m" in machine


@pytest.mark.emulator
def test_rp2_firmware_runs_on_an_rp2040(rp2_device: Device) -> None:
    out = rp2_device.exec("import sys, machine; print(sys.implementation._machine); print(machine.freq())")
    machine_name, freq = out.splitlines()
    assert "RP2040" in machine_name
    assert int(freq) == 125_000_000


def test_float_math_is_ieee_on_every_target(device: Device) -> None:
    """rp2 links libgcc's soft-float instead of the pico-sdk's ROM routines (which
    treat NaN as infinity): MicroPython's own float math must still be right."""
    out = device.exec(
        "import math\n"
        "nan = float('inf') - float('inf')\n"
        "print(nan != nan, math.isnan(nan * 0), 0.1 + 0.2 > 0.3 or 0.1 + 0.2 == 0.3)\n"
        "print('%.5f %.5f %.5f %.5f' % (math.sqrt(2), math.sin(0.5), math.exp(1), math.log(10)))\n"
        "print(7 / 2, -7 // 2, 2 ** 0.5 == math.sqrt(2), math.floor(-0.5), float('1e3'))"
    )
    assert out.splitlines() == [
        "True True True",
        "1.41421 0.47943 2.71828 2.30259",
        "3.5 -4 True -1 1000.0",
    ]
