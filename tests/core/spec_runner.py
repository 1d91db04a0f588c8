"""Spec-suite runner: converts .wast files with wast2json into build/ and drives
``uwasm-run --batch`` over its line protocol (one process per .wast file).

Used by ``make spec`` (prints per-file counts, writes results.json) and by
tests/core/test_spec.py (one pytest test per file).
"""

from __future__ import annotations

import argparse
import json
import os
import select
import subprocess
import sys
from collections.abc import Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
# The suite lives beside the checkout (../shared/spec-tests); UWASM_SPEC_TESTS points
# elsewhere. Where neither exists, `make spec` stops and the spec tests skip, saying so.
SPEC_DIR = Path(os.environ.get("UWASM_SPEC_TESTS") or ROOT.parent / "shared" / "spec-tests")
SPEC_MISSING = (
    f"the WebAssembly spec suite is not at {SPEC_DIR} (../shared/spec-tests beside the checkout); "
    "set UWASM_SPEC_TESTS to its folder"
)
VENV_BIN = ROOT / ".venv" / "bin"
DEFAULT_RUN = ROOT / "build" / "host" / "uwasm-run"
DEFAULT_OUT = ROOT / "build" / "spec"
EXCLUSIONS_FILE = Path(__file__).with_name("spec_exclusions.txt")
PROPOSALS = ("tail-call", "extended-const", "custom-page-sizes")
REPLY_TIMEOUT_S = 30.0

F32_CANON, F32_QUIET, F32_ABS = 0x7FC00000, 0x00400000, 0x7FFFFFFF
F64_CANON, F64_QUIET, F64_ABS = 0x7FF8000000000000, 0x0008000000000000, (1 << 63) - 1


def suite_present() -> bool:
    """Whether the spec suite is where SPEC_DIR says (tests skip, naming it, if not)."""
    return SPEC_DIR.is_dir()


@dataclass
class FileResult:
    passed: int = 0
    failed: int = 0
    skipped: int = 0
    failures: list[str] = field(default_factory=list)


def spec_files() -> list[str]:
    """Every .wast file of the suite, as a path relative to the spec folder."""
    base = SPEC_DIR.resolve()
    files = sorted(f"core/{p.name}" for p in (base / "core").glob("*.wast"))
    for prop in PROPOSALS:
        files += sorted(f"proposals/{prop}/{p.name}" for p in (base / "proposals" / prop).glob("*.wast"))
    return files


def load_exclusions() -> dict[str, str]:
    """``file[:line] reason`` lines; '#' starts a comment."""
    out: dict[str, str] = {}
    for raw in EXCLUSIONS_FILE.read_text().splitlines():
        line = raw.split("#", 1)[0].strip()
        if line:
            key, _, reason = line.partition(" ")
            out[key] = reason.strip()
    return out


def is_simd(rel: str) -> bool:
    return Path(rel).name.startswith("simd_")


def convert(rel: str, out_dir: Path) -> Path:
    src = (SPEC_DIR / rel).resolve()
    dest_dir = out_dir / "json" / rel.replace("/", "__").removesuffix(".wast")
    dest_dir.mkdir(parents=True, exist_ok=True)
    dest = dest_dir / "test.json"
    if not dest.exists() or dest.stat().st_mtime < src.stat().st_mtime:
        subprocess.run(
            [str(VENV_BIN / "wast2json"), "--enable-custom-page-sizes", "--no-check", str(src), "-o", str(dest)],
            check=True,
            capture_output=True,
        )
    return dest


def hexname(s: str | None) -> str:
    return s.encode().hex() if s else "-"


def arg_text(v: dict[str, Any]) -> str:
    t, val = v["type"], v.get("value", "null")
    if val == "null":
        return f"{t}:null"
    return f"{t}:{int(val):x}"


def value_ok(expected: dict[str, Any], got: str) -> bool:
    etype = expected["type"]
    gtype, _, gval = got.partition(":")
    if gtype != etype:
        return False
    ev = expected.get("value")
    if etype in ("funcref", "externref"):
        if ev is None:
            return gval != "null"
        if ev == "null":
            return gval == "null"
        return gval != "null" and int(gval, 16) == int(ev)
    bits = int(gval, 16)
    if etype in ("f32", "f64") and isinstance(ev, str) and ev.startswith("nan:"):
        canon, quiet, absmask = (F32_CANON, F32_QUIET, F32_ABS) if etype == "f32" else (F64_CANON, F64_QUIET, F64_ABS)
        if ev == "nan:canonical":
            return bits & absmask == canon
        return (bits & absmask) > (canon & ~quiet) and bits & quiet != 0
    return ev is not None and bits == int(ev)


class Engine:
    """One ``uwasm-run --batch`` process."""

    def __init__(self, run: Path, options: Sequence[str] = ()) -> None:
        self.proc = subprocess.Popen(
            [str(run), *options, "--batch"], stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, bufsize=1
        )

    def ask(self, line: str) -> str:
        assert self.proc.stdin is not None and self.proc.stdout is not None
        if self.proc.poll() is not None:
            return "error crashed: engine exited"
        try:
            self.proc.stdin.write(line + "\n")
            self.proc.stdin.flush()
        except BrokenPipeError:
            return "error crashed: engine exited"
        ready, _, _ = select.select([self.proc.stdout], [], [], REPLY_TIMEOUT_S)
        if not ready:
            self.proc.kill()
            return "error timeout: no reply"
        reply = self.proc.stdout.readline()
        return reply.strip() if reply else "error crashed: engine exited"

    def close(self) -> None:
        if self.proc.poll() is None:
            assert self.proc.stdin is not None
            self.proc.stdin.close()
            try:
                self.proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.proc.kill()


def action_line(action: dict[str, Any]) -> str:
    mod = hexname(action.get("module"))
    field_hex = action["field"].encode().hex() or "-"
    if action["type"] == "get":
        return f"get {mod} {field_hex}"
    args = " ".join(arg_text(a) for a in action.get("args", []))
    return f"invoke {mod} {field_hex} {args}".rstrip()


def trap_matches(reply: str, text: str) -> bool:
    if not reply.startswith("trap "):
        return False
    msg = reply[5:]
    return msg.startswith(text) or text.startswith(msg) or (text == "unreachable" and msg == "unreachable")


def run_file(rel: str, run: Path = DEFAULT_RUN, out_dir: Path = DEFAULT_OUT, options: Sequence[str] = ()) -> FileResult:
    """One .wast file; ``options`` go to uwasm-run (e.g. a translation budget)."""
    res = FileResult()
    exclusions = load_exclusions()
    data = json.loads(convert(rel, out_dir).read_text())
    if is_simd(rel) or rel in exclusions:
        res.skipped = sum(1 for c in data["commands"] if c["type"] != "register")
        return res
    jdir = convert(rel, out_dir).parent
    eng = Engine(run, options)
    try:
        for cmd in data["commands"]:
            kind = cmd["type"]
            where = f"{rel}:{cmd['line']}"
            if f"{rel}:{cmd['line']}" in exclusions:
                res.skipped += 1
                continue
            ok: bool
            if kind == "module":
                verb = "validate" if cmd.get("definition") else "module"
                path = jdir / cmd["filename"]
                reply = eng.ask(
                    f"validate {path}" if verb == "validate" else f"module {hexname(cmd.get('name'))} {path}"
                )
                ok = reply == "ok"
            elif kind == "register":
                reply = eng.ask(f"register {cmd['as'].encode().hex()} {hexname(cmd.get('name'))}")
                if reply != "ok":
                    res.failures.append(f"{where} register: {reply}")
                continue
            elif kind in ("action", "assert_return"):
                reply = eng.ask(action_line(cmd["action"]))
                if kind == "action":
                    ok = reply.startswith("ok")
                else:
                    got = reply.split()[1:] if reply.startswith("ok") else None
                    exp = cmd["expected"]
                    ok = (
                        got is not None
                        and len(got) == len(exp)
                        and all(value_ok(e, g) for e, g in zip(exp, got, strict=True))
                    )
            elif kind in ("assert_trap", "assert_exhaustion"):
                if "action" in cmd:
                    reply = eng.ask(action_line(cmd["action"]))
                else:
                    reply = eng.ask(f"module - {jdir / cmd['filename']}")
                ok = trap_matches(reply, cmd["text"])
            elif kind in ("assert_invalid", "assert_malformed"):
                if cmd.get("module_type") == "text":
                    res.skipped += 1  # text-format (parser) test: not applicable to a binary engine
                    continue
                reply = eng.ask(f"validate {jdir / cmd['filename']}")
                ok = reply.startswith("error")
            elif kind == "assert_unlinkable":
                reply = eng.ask(f"module - {jdir / cmd['filename']}")
                ok = reply.startswith("error")
            elif kind == "assert_uninstantiable":
                reply = eng.ask(f"module - {jdir / cmd['filename']}")
                ok = reply.startswith("trap")
            else:
                res.skipped += 1
                continue
            if ok:
                res.passed += 1
            else:
                res.failed += 1
                res.failures.append(f"{where} {kind}: {reply}")
    finally:
        eng.close()
    return res


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--uwasm-run", type=Path, default=DEFAULT_RUN)
    ap.add_argument("--out", type=Path, default=DEFAULT_OUT)
    ap.add_argument("--verbose", "-v", action="store_true")
    ap.add_argument("files", nargs="*", help="subset, relative to the spec folder")
    ns = ap.parse_args(argv)
    if not SPEC_DIR.is_dir():
        sys.exit(f"spec_runner: {SPEC_MISSING}")
    ns.out.mkdir(parents=True, exist_ok=True)
    os.environ.setdefault("PYTHONHASHSEED", "0")
    files = ns.files or spec_files()
    total = FileResult()
    per_file: dict[str, dict[str, int]] = {}
    for rel in files:
        r = run_file(rel, ns.uwasm_run, ns.out)
        per_file[rel] = {"passed": r.passed, "failed": r.failed, "skipped": r.skipped}
        total.passed += r.passed
        total.failed += r.failed
        total.skipped += r.skipped
        print(f"{rel:55} passed {r.passed:6} failed {r.failed:5} skipped {r.skipped:5}")
        if ns.verbose:
            for f in r.failures[:20]:
                print("    " + f)
    print(f"{'TOTAL':55} passed {total.passed:6} failed {total.failed:5} skipped {total.skipped:5}")
    out = {"passed": total.passed, "failed": total.failed, "skipped": total.skipped, "files": per_file}
    (ns.out / "results.json").write_text(json.dumps(out, indent=1) + "\n")
    return 0 if total.failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
