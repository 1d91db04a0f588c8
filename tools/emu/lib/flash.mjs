// Flash program/erase for rp2040js 1.4.1, which ignores the QSPI commands that write
// flash: the firmware's littlefs would stay empty (ENODEV). Every write the pico-sdk
// makes goes through two bootrom functions, flash_range_erase ('RE') and
// flash_range_program ('RP'), so the runner replaces their first instruction with a
// BKPT, and on that BKPT applies the operation to the emulator's flash array and
// returns to the caller as the ROM function would.
//
// The rest of the sequence (connect_internal_flash, flash_exit_xip, flush_cache, the
// boot2 copy that re-enables XIP) runs unchanged on the emulated SSI.

import fs from 'node:fs';
import path from 'node:path';

import { bkpt, lookupRomFunction, patchRomHalfword } from './bootrom.mjs';

export const SECTOR_SIZE = 4096;
export const PAGE_SIZE = 256;
const SRAM_START = 0x20000000;

/** BKPT immediates that mark the patched entry points (the firmware itself uses #0). */
export const BKPT_ERASE = 0xe0;
export const BKPT_PROGRAM = 0xe1;

/**
 * Typical timings of the Pico's W25Q16JV flash (datasheet, "AC Electrical
 * Characteristics", typical column), charged to the simulated clock so that filesystem
 * writes cost simulated time as on a board. Wall time is not spent.
 */
export const FLASH_TIMING_NS = {
  sectorErase: 45e6, // 4 KiB
  blockErase: 150e6, // 64 KiB (the pico-sdk erases with 0xd8 whenever it can)
  pageProgram: 0.4e6, // up to 256 bytes
};

/**
 * Applies flash_range_erase / flash_range_program to a flash byte array, with NOR
 * semantics: erase sets bytes to 0xff, programming can only clear bits.
 */
export class FlashArray {
  /**
   * @param {Uint8Array} flash the emulator's flash (rp2040.flash)
   * @param {number} size the board's flash size; operations beyond it are refused
   */
  constructor(flash, size) {
    this.flash = flash;
    this.size = size;
    /** Lowest and highest byte written since the last `takeDirty()`, or null. */
    this.dirty = null;
  }

  checkRange(offset, count, what) {
    if (offset < 0 || count < 0 || offset + count > this.size) {
      throw new RangeError(
        `${what} of ${count} bytes at flash offset 0x${offset.toString(16)} is beyond the ` +
          `${this.size}-byte flash`,
      );
    }
  }

  markDirty(start, end) {
    if (this.dirty) {
      this.dirty.start = Math.min(this.dirty.start, start);
      this.dirty.end = Math.max(this.dirty.end, end);
    } else {
      this.dirty = { start, end };
    }
  }

  /** Returns and clears the range written since the last call (null if none). */
  takeDirty() {
    const { dirty } = this;
    this.dirty = null;
    return dirty;
  }

  /**
   * flash_range_erase(addr, count, block_size, block_cmd) as the bootrom does it: whole
   * blocks where aligned, 4 KiB sectors elsewhere. Returns the simulated nanoseconds taken.
   */
  erase(offset, count, blockSize = 1 << 16) {
    // The bootrom works in whole sectors; round outwards as it would.
    const start = offset - (offset % SECTOR_SIZE);
    const end = Math.ceil((offset + count) / SECTOR_SIZE) * SECTOR_SIZE;
    this.checkRange(start, end - start, 'erase');
    let nanos = 0;
    for (let addr = start; addr < end; ) {
      const block = blockSize > SECTOR_SIZE && addr % blockSize === 0 && end - addr >= blockSize;
      const step = block ? blockSize : SECTOR_SIZE;
      nanos += block ? FLASH_TIMING_NS.blockErase : FLASH_TIMING_NS.sectorErase;
      addr += step;
    }
    if (end > start) {
      this.flash.fill(0xff, start, end);
      this.markDirty(start, end);
    }
    return nanos;
  }

  /**
   * flash_range_program(addr, data, count): `read(i)` returns source byte i.
   * Returns the simulated nanoseconds taken.
   */
  program(offset, count, read) {
    this.checkRange(offset, count, 'program');
    const { flash } = this;
    for (let i = 0; i < count; i++) {
      flash[offset + i] &= read(i);
    }
    if (count > 0) {
      this.markDirty(offset, offset + count);
    }
    return Math.ceil(count / PAGE_SIZE) * FLASH_TIMING_NS.pageProgram;
  }
}

/**
 * Hooks flash erase/program into an rp2040js RP2040 instance.
 * Call `handleBreak(imm8)` from the RP2040's onBreak; it returns true when the break
 * was one of ours (and has been serviced), false otherwise.
 */
export class FlashInterceptor {
  /**
   * @param {import('rp2040js').RP2040} mcu
   * @param {Uint8Array} bootrom the bootrom image loaded into mcu
   * @param {FlashArray} flashArray
   * @param {(nanos: number) => void} spendTime charges simulated time
   */
  constructor(mcu, bootrom, flashArray, spendTime = () => {}) {
    this.mcu = mcu;
    this.flashArray = flashArray;
    this.spendTime = spendTime;
    this.eraseEntry = lookupRomFunction(bootrom, 'RE');
    this.programEntry = lookupRomFunction(bootrom, 'RP');
    this.counts = { erase: 0, program: 0 };
    patchRomHalfword(mcu.bootrom, this.eraseEntry, bkpt(BKPT_ERASE));
    patchRomHalfword(mcu.bootrom, this.programEntry, bkpt(BKPT_PROGRAM));
  }

  readByte(address) {
    const { mcu } = this;
    const offset = address - SRAM_START;
    return offset >= 0 && offset < mcu.sram.length ? mcu.sram[offset] : mcu.readUint8(address);
  }

  handleBreak(imm8) {
    const { core } = this.mcu;
    // core.PC already points past the 2-byte BKPT.
    const at = (core.PC - 2) & ~1;
    const r = core.registers;
    if (imm8 === BKPT_ERASE && at === this.eraseEntry) {
      this.counts.erase++;
      this.spendTime(this.flashArray.erase(r[0] & 0xffffff, r[1], r[2]));
    } else if (imm8 === BKPT_PROGRAM && at === this.programEntry) {
      this.counts.program++;
      const data = r[1];
      this.spendTime(this.flashArray.program(r[0] & 0xffffff, r[2], (i) => this.readByte(data + i)));
    } else {
      return false;
    }
    // Return to the caller (BX LR); both functions return void.
    core.PC = core.LR & ~1;
    return true;
  }
}

/**
 * Keeps a flash image file in step with the emulated flash, so that a filesystem
 * survives a restart of the emulator. Writes are coalesced and made atomic (write a
 * temporary file, then rename), so a killed runner leaves the old or the new image.
 */
export class FlashImageFile {
  constructor(filePath, flashArray, delayMs = 200) {
    this.filePath = filePath;
    this.flashArray = flashArray;
    this.delayMs = delayMs;
    this.timer = null;
  }

  /** Loads the image into flash if the file exists; returns whether it did. */
  load() {
    if (!fs.existsSync(this.filePath)) {
      return false;
    }
    const data = fs.readFileSync(this.filePath);
    const length = Math.min(data.length, this.flashArray.size);
    this.flashArray.flash.set(data.subarray(0, length), 0);
    return true;
  }

  /** Schedules a write if flash changed since the last one. */
  schedule() {
    if (this.timer === null && this.flashArray.dirty) {
      this.timer = setTimeout(() => {
        this.timer = null;
        this.flush();
      }, this.delayMs);
    }
  }

  flush() {
    if (this.timer !== null) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    if (!this.flashArray.takeDirty() && fs.existsSync(this.filePath)) {
      return;
    }
    const { flash, size } = this.flashArray;
    const tmp = path.join(path.dirname(this.filePath), `.${path.basename(this.filePath)}.tmp`);
    fs.writeFileSync(tmp, flash.subarray(0, size));
    fs.renameSync(tmp, this.filePath);
  }
}
