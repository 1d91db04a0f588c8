// Unit tests of the runner's fixes, on the real rp2040js core and the real bootrom,
// without the MicroPython firmware: `node --test tools/emu/test/` (tests/emu runs it).

import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { test } from 'node:test';
import { fileURLToPath } from 'node:url';

import { RP2040 } from 'rp2040js';

import { lookupRomFunction, romTableCode } from '../lib/bootrom.mjs';
import { Emulator } from '../lib/emulator.mjs';
import { FlashArray, FlashImageFile, FlashInterceptor, FLASH_TIMING_NS } from '../lib/flash.mjs';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');
const BOOTROM_PATH = path.join(ROOT, '.deps/rp2040/bootrom-b1.bin');
if (!fs.existsSync(BOOTROM_PATH)) {
  throw new Error(`${BOOTROM_PATH} is missing: run 'make setup'`);
}
const BOOTROM = new Uint8Array(fs.readFileSync(BOOTROM_PATH));

const SRAM = 0x20000000;

/** Writes Thumb halfwords into SRAM at `address`. */
function putCode(mcu, address, halfwords) {
  halfwords.forEach((value, i) => mcu.sramView.setUint16(address - SRAM + 2 * i, value, true));
}

test('bootrom table codes and the B1 entry points of flash erase/program', () => {
  assert.equal(romTableCode('RE'), 0x4552);
  assert.equal(lookupRomFunction(BOOTROM, 'RE'), 0x237c);
  assert.equal(lookupRomFunction(BOOTROM, 'RP'), 0x23c4);
  assert.throws(() => lookupRomFunction(BOOTROM, 'ZZ'), /no 'ZZ' entry/);
});

test('FlashArray erases whole sectors and programs with NOR semantics', () => {
  const flash = new Uint8Array(0x30000).fill(0x00);
  const array = new FlashArray(flash, flash.length);
  // One unaligned byte inside sector 1 erases all of sector 1, and only it.
  const nanos = array.erase(0x1800, 1, 1 << 16);
  assert.equal(nanos, FLASH_TIMING_NS.sectorErase);
  assert.equal(flash[0x0fff], 0x00);
  assert.ok(flash.subarray(0x1000, 0x2000).every((b) => b === 0xff));
  assert.equal(flash[0x2000], 0x00);
  assert.deepEqual(array.takeDirty(), { start: 0x1000, end: 0x2000 });
  assert.equal(array.takeDirty(), null);
  // A 64 KiB aligned run is one block erase.
  assert.equal(array.erase(0x10000, 0x10000, 1 << 16), FLASH_TIMING_NS.blockErase);
  // Programming can only clear bits.
  array.program(0x1000, 2, (i) => [0xf0, 0x0f][i]);
  array.program(0x1000, 2, (i) => [0x3c, 0xff][i]);
  assert.deepEqual([...flash.subarray(0x1000, 0x1003)], [0x30, 0x0f, 0xff]);
  assert.throws(() => array.program(0x2fff0, 0x20, () => 0), RangeError);
});

test('the bootrom flash functions, called on the core, change the flash', () => {
  const mcu = new RP2040();
  mcu.loadBootrom(new Uint32Array(BOOTROM.buffer.slice(0)));
  const array = new FlashArray(mcu.flash, 2 * 1024 * 1024);
  let spent = 0;
  const flash = new FlashInterceptor(mcu, BOOTROM, array, (nanos) => (spent += nanos));
  mcu.onBreak = (code) => assert.ok(flash.handleBreak(code), `unexpected BKPT #${code}`);
  const { core } = mcu;
  const returnTo = SRAM + 0x100;

  // flash_range_erase(0x100000, 4096, 65536, 0xd8), as the pico-sdk calls it.
  mcu.flash.fill(0x00, 0x100000, 0x102000);
  core.registers.set([0x100000, 4096, 1 << 16, 0xd8], 0);
  core.LR = returnTo | 1;
  core.PC = flash.eraseEntry;
  core.executeInstruction();
  assert.equal(core.PC, returnTo, 'returns to the caller');
  assert.ok(mcu.flash.subarray(0x100000, 0x101000).every((b) => b === 0xff));
  assert.equal(mcu.flash[0x101000], 0x00, 'erases no further than asked');
  assert.equal(spent, FLASH_TIMING_NS.sectorErase);

  // flash_range_program(0x100000, data in SRAM, 256).
  const data = Uint8Array.from({ length: 256 }, (_, i) => (i * 7) & 0xff);
  mcu.sram.set(data, 0x2000);
  core.registers.set([0x100000, SRAM + 0x2000, 256], 0);
  core.LR = returnTo | 1;
  core.PC = flash.programEntry;
  core.executeInstruction();
  assert.equal(core.PC, returnTo);
  assert.deepEqual(mcu.flash.subarray(0x100000, 0x100100), data);
  // XIP reads see the new contents.
  assert.equal(mcu.readUint32(0x10100004), data[4] | (data[5] << 8) | (data[6] << 16) | (data[7] << 24));
  assert.deepEqual(flash.counts, { erase: 1, program: 1 });
});

test('FlashImageFile keeps flash across instances', () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'uwasm-emu-'));
  try {
    const file = path.join(dir, 'flash.img');
    const first = new FlashArray(new Uint8Array(8192).fill(0xff), 8192);
    first.program(4096, 3, (i) => [1, 2, 3][i]);
    new FlashImageFile(file, first).flush();
    const second = new FlashArray(new Uint8Array(8192).fill(0xff), 8192);
    assert.equal(new FlashImageFile(file, second).load(), true);
    assert.deepEqual([...second.flash.subarray(4095, 4100)], [0xff, 1, 2, 3, 0xff]);
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
});

/**
 * An Emulator running a few instructions from SRAM: a vector table whose HardFault
 * handler is `BKPT #0x55`, `code` at 0x20000300 with r1 = `r1`, and the bytes
 * 0x10..0x17 at 0x20000400.
 */
function runSnippet(code, r1, options = {}) {
  const reports = [];
  const emulator = new Emulator({
    bootrom: BOOTROM,
    firmware: new Uint8Array(0),
    report: (line) => reports.push(line),
    ...options,
  });
  const { mcu } = emulator;
  const vectors = SRAM + 0x100;
  const handler = SRAM + 0x200;
  mcu.sramView.setUint32(vectors - SRAM + 4 * 3, handler | 1, true);
  putCode(mcu, handler, [0xbe55]); // bkpt #0x55
  putCode(mcu, SRAM + 0x300, code);
  mcu.sram.set([0x10, 0x11, 0x12, 0x13, 0x14, 0x15, 0x16, 0x17], 0x400);
  mcu.core.VTOR = vectors;
  mcu.core.SP = SRAM + 0x1000;
  mcu.core.PC = SRAM + 0x300;
  mcu.core.registers[1] = r1;
  return new Promise((resolve) => {
    emulator.onHalt = (halt) => resolve({ halt, reports, emulator });
    emulator.start();
  });
}

test('an unaligned 32-bit load raises a HardFault and is reported', async () => {
  // ldr r0, [r1]
  const { halt, reports } = await runSnippet([0x6808], SRAM + 0x401);
  assert.deepEqual(reports.slice(0, 2), [
    'HardFault: unaligned 32-bit load at 0x20000401 pc=0x20000300',
    'lockup: BKPT #85 at pc=0x20000200 in the HardFault handler; core stopped',
  ]);
  assert.equal(halt.exitCode, 3);
});

test('unaligned 16-bit stores fault too; aligned accesses do not', async () => {
  // str r0, [r1] (aligned); adds r1, #1; strh r0, [r1]
  const { reports } = await runSnippet([0x6008, 0x3101, 0x8008], SRAM + 0x400);
  assert.equal(reports[0], 'HardFault: unaligned 16-bit store at 0x20000401 pc=0x20000304');
});

test('with unaligned faults off, an unaligned load reads the right bytes', async () => {
  // ldr r0, [r1]; bkpt #0x66
  const { reports, emulator } = await runSnippet([0x6808, 0xbe66], SRAM + 0x401, {
    unalignedFaults: false,
  });
  assert.equal(reports[0], 'lockup: BKPT #102 at pc=0x20000302; core stopped');
  assert.equal(emulator.mcu.core.registers[0], 0x14131211);
});

test('UDF and instructions rp2040js does not know raise a HardFault', async () => {
  // udf #7
  const udf = await runSnippet([0xde07], 0);
  assert.deepEqual(udf.reports.slice(0, 2), [
    'HardFault: undefined instruction 0xde07 pc=0x20000300',
    'lockup: BKPT #85 at pc=0x20000200 in the HardFault handler; core stopped',
  ]);
  // A 32-bit encoding outside ARMv6-M (an ARMv7-M LDR.W).
  const wide = await runSnippet([0xf8d1, 0x0004], 0);
  assert.equal(wide.reports[0], 'HardFault: undefined instruction 0xf8d1 pc=0x20000300');
});
