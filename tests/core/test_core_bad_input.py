"""Bad input gets an error value and nothing else: no crash, no hang, no
allocation past the limit (issue 3, last paragraph)."""

from __future__ import annotations

import subprocess
from pathlib import Path

HEADER = b"\0asm\x01\0\0\0"


def leb(n: int) -> bytes:
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def vec(items: list[bytes]) -> bytes:
    return leb(len(items)) + b"".join(items)


def name(s: bytes) -> bytes:
    return leb(len(s)) + s


def section(sid: int, payload: bytes) -> bytes:
    return bytes([sid]) + leb(len(payload)) + payload


def one_func_module(
    body: bytes, local_groups: bytes = b"\x00", extra: bytes = b"", exports: bytes | None = None
) -> bytes:
    """() -> () function 0 exported as "f" with the given locals and body."""
    code = local_groups + body
    exp = exports if exports is not None else vec([name(b"f") + b"\x00" + leb(0)])
    return (
        HEADER
        + section(1, vec([b"\x60\x00\x00"]))
        + section(3, vec([leb(0)]))
        + extra
        + section(7, exp)
        + section(10, vec([leb(len(code)) + code]))
    )


def run(
    uwasm_run: Path, tmp_path: Path, data: bytes, *args: str, opts: tuple[str, ...] = ()
) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "m.wasm"
    path.write_bytes(data)
    proc = subprocess.run([str(uwasm_run), *opts, str(path), *args], capture_output=True, text=True, timeout=60)
    assert proc.returncode >= 0, f"killed by signal {-proc.returncode}"
    return proc


def test_valid_baseline(uwasm_run: Path, tmp_path: Path) -> None:
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b"), "f")
    assert proc.returncode == 0, proc.stderr


def test_every_truncation_is_refused(uwasm_run: Path, tmp_path: Path, wasm: dict[str, Path]) -> None:
    data = wasm["api"].read_bytes()
    # one batch process validates every prefix
    lines = []
    for n in range(len(data)):
        p = tmp_path / f"t{n}.wasm"
        p.write_bytes(data[:n])
        lines.append(f"validate {p}")
    proc = subprocess.run(
        [str(uwasm_run), "--batch"], input="\n".join(lines) + "\n", capture_output=True, text=True, timeout=120
    )
    assert proc.returncode == 0, proc.stderr
    replies = proc.stdout.splitlines()
    assert len(replies) == len(data)
    ok_lengths = [n for n, r in enumerate(replies) if r == "ok"]
    # a prefix can only be valid where a section ends (a module with fewer
    # sections), and only before the function section is declared
    boundaries = section_ends(data)
    assert ok_lengths == [end for sid, end in boundaries if sid in (0, 1, 2)]
    for n, r in enumerate(replies):
        if n not in ok_lengths:
            assert r.startswith("error malformed") or r.startswith("error invalid"), (n, r)


def section_ends(data: bytes) -> list[tuple[int, int]]:
    """(section id, offset after it); id 0 stands for the bare header."""
    out = [(0, 8)]
    pos = 8
    while pos < len(data):
        sid = data[pos]
        size, shift, pos = 0, 0, pos + 1
        while True:
            b = data[pos]
            pos += 1
            size |= (b & 0x7F) << shift
            shift += 7
            if not b & 0x80:
                break
        pos += size
        out.append((sid, pos))
    return out


def test_section_length_past_end(uwasm_run: Path, tmp_path: Path) -> None:
    data = HEADER + b"\x01" + leb(100) + vec([b"\x60\x00\x00"])
    proc = run(uwasm_run, tmp_path, data)
    assert proc.returncode == 1
    assert "malformed" in proc.stderr and "unexpected end" in proc.stderr


def test_absurd_count_allocates_nothing(uwasm_run: Path, tmp_path: Path) -> None:
    data = HEADER + section(1, leb(0xFFFFFFFF) + b"\x60\x00\x00")
    proc = run(uwasm_run, tmp_path, data, opts=("--alloc-limit", "4096"))
    assert proc.returncode == 1
    assert "malformed" in proc.stderr and "count larger than section" in proc.stderr


def test_2_pow_32_locals(uwasm_run: Path, tmp_path: Path) -> None:
    groups = vec([leb(0xFFFFFFFF) + b"\x7f"])
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", groups), "f")
    assert proc.returncode == 1
    assert "too many locals" in proc.stderr


def test_locals_sum_overflowing_32_bits(uwasm_run: Path, tmp_path: Path) -> None:
    groups = vec([leb(0x80000000) + b"\x7f", leb(0x80000000) + b"\x7e"])
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", groups), "f")
    assert proc.returncode == 1
    assert "too many locals" in proc.stderr


def test_data_segment_beyond_memory(uwasm_run: Path, tmp_path: Path) -> None:
    memory = section(5, vec([b"\x00\x01"]))
    data_sec = section(11, vec([b"\x00\x41" + leb(65535) + b"\x0b" + name(b"xy")]))
    module = one_func_module(b"\x0b", extra=memory) + data_sec
    proc = run(uwasm_run, tmp_path, module, "f")
    assert proc.returncode == 1
    assert proc.stderr.startswith("trap: out of bounds memory access")


def nested_blocks(depth: int) -> bytes:
    return b"\x02\x40" * depth + b"\x0b" * depth + b"\x0b"


def test_100000_nested_blocks_within_limit(uwasm_run: Path, tmp_path: Path) -> None:
    proc = run(uwasm_run, tmp_path, one_func_module(nested_blocks(100_000)), "f", opts=("--stats",))
    assert proc.returncode == 0, proc.stderr
    assert "allocator high water" in proc.stderr


def test_100000_nested_blocks_refused_under_small_limit(uwasm_run: Path, tmp_path: Path) -> None:
    proc = run(uwasm_run, tmp_path, one_func_module(nested_blocks(100_000)), "f", opts=("--alloc-limit", "1000000"))
    assert proc.returncode == 1
    assert "out of memory" in proc.stderr


def test_invalid_utf8_names(uwasm_run: Path, tmp_path: Path) -> None:
    for bad in (b"\xff", b"\xc0\x80", b"\xed\xa0\x80", b"\xf4\x90\x80\x80", b"a\xe2\x82"):
        exports = vec([name(bad) + b"\x00" + leb(0)])
        proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", exports=exports))
        assert proc.returncode == 1, bad
        assert "malformed UTF-8" in proc.stderr, (bad, proc.stderr)


def test_duplicate_exports(uwasm_run: Path, tmp_path: Path) -> None:
    exports = vec([name(b"f") + b"\x00" + leb(0), name(b"g") + b"\x00" + leb(0), name(b"f") + b"\x00" + leb(0)])
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", exports=exports))
    assert proc.returncode == 1
    assert "invalid" in proc.stderr and "duplicate export name f" in proc.stderr


def test_many_distinct_exports_are_fine(uwasm_run: Path, tmp_path: Path) -> None:
    exports = vec([name(b"e%d" % i) + b"\x00" + leb(0) for i in range(20000)])
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", exports=exports), "e19999")
    assert proc.returncode == 0, proc.stderr


def test_memory_beyond_allocator_limit(uwasm_run: Path, tmp_path: Path) -> None:
    memory = section(5, vec([b"\x00" + leb(100)]))  # 100 pages = 6.25 MiB
    proc = run(uwasm_run, tmp_path, one_func_module(b"\x0b", extra=memory), "f", opts=("--alloc-limit", "1000000"))
    assert proc.returncode == 1
    assert "out of memory" in proc.stderr and "6553600 bytes of linear memory" in proc.stderr


def test_validation_error_carries_offset(uwasm_run: Path, tmp_path: Path) -> None:
    body = b"\x41\x00\x0b"  # i32.const 0 left on the stack of a () -> () function
    module = one_func_module(body)
    proc = run(uwasm_run, tmp_path, module, "f")
    assert proc.returncode == 1
    assert "invalid module" in proc.stderr and "type mismatch" in proc.stderr
    offset = int(proc.stderr.rsplit("offset ", 1)[1].rstrip(")\n"))
    assert module[offset] == 0x0B  # the `end` where the extra value is found
