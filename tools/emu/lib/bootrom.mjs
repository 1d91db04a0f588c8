// RP2040 bootrom helpers: function-table lookup and code patching.
//
// The B1 bootrom publishes its functions through a table of (code, address) pairs of
// 16-bit halfwords; the table's address is the halfword at 0x14 (RP2040 datasheet
// §2.8.3, "Bootrom Contents"). Codes are two ASCII characters, e.g. 'RE' for
// flash_range_erase. Looking functions up by code (instead of hard-coding 0x237c) keeps
// the runner correct for any bootrom revision that follows the documented layout.

export const BOOTROM_SIZE = 16 * 1024;

/** The table code of a two-character bootrom function name: 'RE' -> 0x4552. */
export function romTableCode(name) {
  if (name.length !== 2) {
    throw new Error(`bootrom table codes are two characters, got ${JSON.stringify(name)}`);
  }
  return name.charCodeAt(0) | (name.charCodeAt(1) << 8);
}

function halfword(bytes, offset) {
  return bytes[offset] | (bytes[offset + 1] << 8);
}

/**
 * Returns the entry address (Thumb bit cleared) of a bootrom function, found through
 * the bootrom's own function table. Throws if the code is absent.
 * @param {Uint8Array} bootrom the 16 KiB bootrom image
 * @param {string} name two-character code, e.g. 'RE'
 */
export function lookupRomFunction(bootrom, name) {
  const code = romTableCode(name);
  let entry = halfword(bootrom, 0x14);
  for (; entry + 3 < bootrom.length; entry += 4) {
    const entryCode = halfword(bootrom, entry);
    if (entryCode === 0) {
      break;
    }
    if (entryCode === code) {
      return halfword(bootrom, entry + 2) & ~1;
    }
  }
  throw new Error(`bootrom function table has no '${name}' entry`);
}

/** Overwrites one Thumb halfword in the emulator's bootrom (a Uint32Array of words). */
export function patchRomHalfword(romWords, address, value) {
  const word = address >>> 2;
  const shift = (address & 2) * 8;
  romWords[word] = ((romWords[word] & ~(0xffff << shift)) | (value << shift)) >>> 0;
}

/** Encoding of the Thumb `BKPT #imm8` instruction. */
export function bkpt(imm8) {
  return 0xbe00 | (imm8 & 0xff);
}
