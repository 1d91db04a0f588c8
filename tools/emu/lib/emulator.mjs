// The uwasm rp2 emulator: rp2040js 1.4.1 plus the fixes the MicroPython firmware needs
// (see tools/emu/README.md). It runs the firmware in time slices on Node's event loop,
// bridges UART0 to byte callbacks, and keeps its own account of simulated time.

import { performance } from 'node:perf_hooks';

import { RP2040 } from 'rp2040js';

import { BOOTROM_SIZE } from './bootrom.mjs';
import { FlashArray, FlashImageFile, FlashInterceptor } from './flash.mjs';

const FLASH_BASE = 0x10000000;
const SRAM_START = 0x20000000;
const XIP_SIZE = 16 * 1024 * 1024;
const EXC_HARDFAULT = 3;
/** Key of the watchdog in rp2040js's peripheral map (0x40058000 >>> 14 << 2). */
const WATCHDOG_PAGE = 0x40058;
/** Instructions run between checks of the wall clock (the end of a slice). */
const BATCH = 20000;
/** Wall time one slice may run before yielding to the event loop (I/O, signals). */
const SLICE_MS = 25;
/**
 * In real-time mode, sleeps up to this long are still skipped: waking up through a
 * wall-clock timer costs a millisecond or more, which would make short waits (a byte
 * time of paced input, 87 us at 115200 baud) hundreds of times slower.
 */
const REALTIME_SLACK_NS = 2e6;

// PL011 interrupt bits (RP2040 datasheet §4.2.8, UARTRIS).
const UARTTXINTR = 1 << 5;
const UARTDR = 0x0;

export const hex = (value) => `0x${(value >>> 0).toString(16).padStart(8, '0')}`;

/** Thrown from inside an instruction to stop the run loop at once (lockup). */
class CoreStopped extends Error {}

/** Thrown from inside the watchdog to reboot the chip once the run loop has unwound. */
class ChipReset extends Error {}

/** Thrown for an instruction the core cannot execute (a HardFault on ARMv6-M). */
class UndefinedInstruction extends Error {
  constructor(pc, opcode) {
    super(`undefined instruction 0x${opcode.toString(16).padStart(4, '0')}`);
    this.pc = pc;
  }
}

/** Thrown from a load/store hook when the core would raise a HardFault. */
class UnalignedAccess extends Error {
  constructor(address, bits, kind) {
    super(`unaligned ${bits}-bit ${kind} at ${hex(address)}`);
    this.address = address >>> 0;
    this.bits = bits;
    this.kind = kind;
  }
}

const LOG_LEVELS = { debug: 0, info: 1, warn: 2, error: 3, none: 4 };
const UNKNOWN_INSTRUCTION = /^Warning: Instruction at ([0-9a-f]+) is not implemented/;

/**
 * An rp2040js logger that writes to a sink (stderr), never to stdout (stdout may carry
 * the REPL), never throws (the stock logger throws on errors and would kill the
 * runner), and stops repeating a message after a few copies.
 */
export class QuietLogger {
  constructor(level = 'error', sink = (line) => process.stderr.write(`${line}\n`), repeat = 3) {
    if (!(level in LOG_LEVELS)) {
      throw new Error(`unknown log level ${level}; use one of ${Object.keys(LOG_LEVELS).join(', ')}`);
    }
    this.level = LOG_LEVELS[level];
    this.sink = sink;
    this.repeat = repeat;
    this.seen = new Map();
    /** Called with the address of an instruction rp2040js does not know. */
    this.onUndefinedInstruction = () => {};
  }

  log(level, component, message) {
    const unknown = component === 'CortexM0Core' && UNKNOWN_INSTRUCTION.exec(message);
    if (unknown) {
      // rp2040js implements all of ARMv6-M, so this is an undefined instruction.
      this.onUndefinedInstruction(parseInt(unknown[1], 16));
    }
    // The core's other warnings (e.g. an MRS of a register it does not model) mean code
    // it cannot run faithfully: always worth seeing. Peripheral warnings (unmodelled
    // registers the SDK pokes at boot) are routine.
    const floor = component === 'CortexM0Core' ? Math.min(this.level, LOG_LEVELS.warn) : this.level;
    if (LOG_LEVELS[level] < floor) {
      return;
    }
    const key = `${component}: ${message}`;
    const count = (this.seen.get(key) ?? 0) + 1;
    this.seen.set(key, count);
    if (count <= this.repeat) {
      const more = count === this.repeat ? ' (further copies suppressed)' : '';
      this.sink(`rp2040js ${level}: [${component}] ${message}${more}`);
    }
  }

  debug(component, message) {
    this.log('debug', component, message);
  }
  info(component, message) {
    this.log('info', component, message);
  }
  warn(component, message) {
    this.log('warn', component, message);
  }
  error(component, message) {
    this.log('error', component, message);
  }
}

/**
 * @typedef {object} EmulatorOptions
 * @property {Uint8Array} bootrom 16 KiB RP2040 bootrom image
 * @property {Uint8Array} firmware flash image to place at 0x10000000 (firmware.bin)
 * @property {number} [flashSize] the board's flash size in bytes (Pico: 2 MiB)
 * @property {string} [flashImage] file that keeps the flash contents across runs
 * @property {boolean} [unalignedFaults] fault on unaligned 16/32-bit accesses (default true)
 * @property {number} [uartBaud] UART0 input line rate in bit/s (default: as the firmware set it)
 * @property {boolean} [realtime] a sleeping core sleeps in wall time too (default true);
 *   false skips sleeps: time.sleep(1) is instant, but a device that waits for its host
 *   with a timeout (mpremote mount) times out before the host can answer
 * @property {string} [logLevel] rp2040js log level: debug, info, warn, error, none
 * @property {(line: string) => void} [report] where diagnostics go (default stderr)
 */

export class Emulator {
  /** @param {EmulatorOptions} options */
  constructor(options) {
    const {
      bootrom,
      firmware,
      flashSize = 2 * 1024 * 1024,
      flashImage = null,
      unalignedFaults = true,
      uartBaud = null,
      realtime = true,
      logLevel = 'error',
      report = (line) => process.stderr.write(`${line}\n`),
    } = options;
    if (bootrom.length !== BOOTROM_SIZE) {
      throw new Error(`bootrom must be ${BOOTROM_SIZE} bytes, got ${bootrom.length}`);
    }
    if (firmware.length > flashSize) {
      throw new Error(`firmware (${firmware.length} bytes) does not fit ${flashSize} bytes of flash`);
    }
    this.report = report;
    this.unalignedFaults = unalignedFaults;
    this.uartBaud = uartBaud;
    this.realtime = realtime;

    /** Called with a Uint8Array of UART0 output. */
    this.onOutput = () => {};
    /** Called once when the core stops for good: { reason, exitCode }. */
    this.onHalt = () => {};
    /** Called when the core sleeps with no timer pending and all input consumed. */
    this.onQuiet = () => {};

    this.bootrom = Uint8Array.from(bootrom);
    this.logger = new QuietLogger(logLevel, report);
    this.logger.onUndefinedInstruction = (pc) => {
      throw new UndefinedInstruction(pc, this.mcu.readUint16(pc));
    };
    this.inputQueue = [];
    this.inputHead = 0;
    this.flashCounts = { erase: 0, program: 0 };

    // One flash array for the runner's whole life: chips come and go (watchdog resets),
    // flash stays. rp2040js addresses all 16 MiB of XIP space.
    this.flashArray = new FlashArray(new Uint8Array(XIP_SIZE).fill(0xff), flashSize);
    this.flashImage = flashImage ? new FlashImageFile(flashImage, this.flashArray) : null;
    this.flashImageLoaded = this.flashImage ? this.flashImage.load() : false;
    // The firmware always wins over an older copy in the image; the rest (the
    // filesystem) is kept.
    this.flashArray.flash.set(firmware, 0);
    this.mcu = this.createMcu();

    this.output = new Uint8Array(4096);
    this.outputLength = 0;
    this.timer = null;
    this.paused = false;
    this.idle = false;
    this.wakeTimer = null;
    /** Where the current sleep of the core began: { wall, sim, cycles }, or null. */
    this.sleepStart = null;
    this.halted = false;
    this.counters = { cycles: 0, idleNanos: 0, faults: 0, resets: 0, inputBytes: 0, outputBytes: 0 };
    /** Simulated time of the chip's earlier lives (before watchdog resets). */
    this.simNanosBefore = 0;
    this.wallStart = null;
    this.wallBusyMs = 0;
  }

  /**
   * A new RP2040 at power-on, wired to this runner. After a watchdog reset, `previous`
   * is the chip before: flash (this.flashArray) and the watchdog's scratch and reason
   * registers survive, as they do on the real chip; everything else starts afresh.
   */
  createMcu(previous = null) {
    const mcu = new RP2040();
    mcu.logger = this.logger;
    // loadBootrom() resets the core and erases the chip's own flash array, which is
    // then replaced by ours.
    mcu.loadBootrom(new Uint32Array(this.bootrom.slice().buffer));
    const { flash } = this.flashArray;
    mcu.flash = flash;
    mcu.flash16 = new Uint16Array(flash.buffer);
    mcu.flashView = new DataView(flash.buffer);
    if (previous) {
      const [before, after] = [previous, mcu].map((chip) => chip.peripherals[WATCHDOG_PAGE]);
      after.scratchData.set(before.scratchData);
      after.reason = before.reason;
    }
    this.flash = new FlashInterceptor(mcu, this.bootrom, this.flashArray, (nanos) =>
      mcu.clock.tick(nanos),
    );
    this.flash.counts = this.flashCounts;
    mcu.onBreak = (code) => this.onBreak(code);
    // machine.reset() triggers the watchdog; so does a watchdog left unfed.
    mcu.peripherals[WATCHDOG_PAGE].onWatchdogTrigger = () => {
      throw new ChipReset();
    };
    this.fixUart(mcu, mcu.uart[0]);
    this.hookMemoryAccess(mcu);

    // Bytes on the line while the chip resets are lost, as on a board.
    this.inputQueue.length = 0;
    this.inputHead = 0;
    this.rxWaiting = false;
    this.rxAlarm = mcu.clock.createAlarm(() => this.receiveByte());

    // Start in boot2 at the start of flash, as rp2040js's own demos do: the emulated
    // SSI cannot serve the bootrom's flash probe. boot2 sets up XIP and jumps to the
    // firmware's vector table.
    mcu.core.PC = FLASH_BASE;
    return mcu;
  }

  /** A watchdog reset: the chip reboots from flash, keeping flash. */
  resetChip() {
    const previous = this.mcu;
    this.simNanosBefore += previous.clock.nanos;
    this.counters.resets++;
    this.report('uwasm-emu: watchdog reset; rebooting');
    this.mcu = this.createMcu(previous);
  }

  /**
   * rp2040js 1.4.1 raises the UART TX interrupt on every interrupt check, so
   * MicroPython's UART IRQ (which unmasks every source) re-enters forever. On a PL011
   * the TX interrupt fires when the FIFO level passes down through the trigger level;
   * the emulated TX FIFO empties instantly, so with FIFOs on it never passes through
   * and the interrupt never fires; with FIFOs off (one-character holding register) it
   * fires each time a character has gone. RX keeps the stock behaviour.
   */
  fixUart(mcu, uart) {
    uart.checkInterrupts = function checkInterrupts() {
      this.rp2040.setInterrupt(this.irq, !!(this.interruptStatus & this.interruptMask));
    };
    const writeUint32 = uart.writeUint32.bind(uart);
    uart.writeUint32 = (offset, value) => {
      writeUint32(offset, value);
      if (offset === UARTDR && !uart.fifosEnabled) {
        uart.interruptStatus |= UARTTXINTR;
        uart.checkInterrupts();
      }
    };
    uart.onByte = (byte) => this.emit(byte);
  }

  /**
   * A Cortex-M0+ takes a HardFault on any unaligned halfword or word access; rp2040js
   * lets them through (or throws from deep inside on some 32-bit reads). Every load and
   * store of the core goes through these four methods, so they check the address.
   */
  hookMemoryAccess(mcu) {
    const { core, sramView } = mcu;
    const sramEnd = SRAM_START + mcu.sram.length;
    const unaligned = (address, bits, kind) => {
      if (this.unalignedFaults) {
        throw new UnalignedAccess(address, bits, kind);
      }
    };
    core.readUint32 = (address) => {
      if (address & 3) {
        unaligned(address, 32, 'load');
        return (
          (mcu.readUint8(address) |
            (mcu.readUint8(address + 1) << 8) |
            (mcu.readUint8(address + 2) << 16) |
            (mcu.readUint8(address + 3) << 24)) >>>
          0
        );
      }
      // SRAM first: rp2040js looks for a peripheral on every write and checks bootrom
      // and flash before SRAM on reads, which costs ~10% of the run time.
      const a = address >>> 0;
      if (a >= SRAM_START && a < sramEnd) {
        return sramView.getUint32(a - SRAM_START, true);
      }
      return mcu.readUint32(a);
    };
    core.readUint16 = (address) => {
      if (address & 1) {
        unaligned(address, 16, 'load');
        return mcu.readUint8(address) | (mcu.readUint8(address + 1) << 8);
      }
      return mcu.readUint16(address);
    };
    core.writeUint32 = (address, value) => {
      if (address & 3) {
        unaligned(address, 32, 'store');
        for (let i = 0; i < 4; i++) {
          mcu.writeUint8(address + i, (value >>> (8 * i)) & 0xff);
        }
        return;
      }
      const a = address >>> 0;
      if (a >= SRAM_START && a < sramEnd) {
        sramView.setUint32(a - SRAM_START, value, true);
        return;
      }
      mcu.writeUint32(a, value);
    };
    core.writeUint16 = (address, value) => {
      if (address & 1) {
        unaligned(address, 16, 'store');
        mcu.writeUint8(address, value & 0xff);
        mcu.writeUint8(address + 1, (value >>> 8) & 0xff);
        return;
      }
      mcu.writeUint16(address, value);
    };
  }

  /** Enters the HardFault handler for a faulting load/store, as the core would. */
  takeHardFault(fault) {
    const { core } = this.mcu;
    // Every Thumb load/store on ARMv6-M is 16 bits long and core.PC is already past it.
    const pc = fault.pc ?? (core.PC - 2) & ~1;
    this.counters.faults++;
    this.report(`HardFault: ${fault.message} pc=${hex(pc)}`);
    if (core.IPSR === EXC_HARDFAULT) {
      this.halt(`lockup: fault inside the HardFault handler at pc=${hex(pc)}`, 3);
      return;
    }
    core.PC = pc;
    core.exceptionEntry(EXC_HARDFAULT);
  }

  onBreak(code) {
    if (this.flash.handleBreak(code)) {
      this.flashImage?.schedule();
      return;
    }
    const { core } = this.mcu;
    // PC may carry the Thumb bit when the handler was entered through a vector.
    const pc = (core.PC - core.breakRewind) & ~1;
    const opcode = this.mcu.readUint16(pc);
    if (opcode >> 8 !== 0xbe) {
      // rp2040js reports UDF like BKPT; on the core it is an undefined instruction.
      throw new UndefinedInstruction(pc, opcode);
    }
    // Without a debugger attached, BKPT escalates to HardFault, and a BKPT in the
    // HardFault handler (the pico-sdk's default isr_hardfault) locks the core up.
    const where = core.IPSR === EXC_HARDFAULT ? ' in the HardFault handler' : '';
    this.halt(`lockup: BKPT #${code} at pc=${hex(pc)}${where}; core stopped`, 3);
    // Unwind out of executeInstruction(): nothing after the BKPT may run.
    throw new CoreStopped();
  }

  halt(reason, exitCode) {
    if (this.halted) {
      return;
    }
    this.halted = true;
    this.report(reason);
    this.flushOutput();
    this.stop();
    this.onHalt({ reason, exitCode });
  }

  emit(byte) {
    this.output[this.outputLength++] = byte;
    if (this.outputLength === this.output.length) {
      this.flushOutput();
    }
  }

  flushOutput() {
    if (this.outputLength) {
      const chunk = this.output.slice(0, this.outputLength);
      this.outputLength = 0;
      this.counters.outputBytes += chunk.length;
      this.onOutput(chunk);
    }
  }

  /**
   * Queues host bytes for UART0. They enter the RX FIFO one at a time, at the line's
   * speed in simulated time (10 bit times per byte, 8N1): stock rp2040js drops bytes
   * when its 32-byte FIFO is full, and even without that, a line infinitely fast would
   * overrun MicroPython's 512-byte stdin buffer, which mpremote's raw-paste flow control
   * fills exactly (two 256-byte windows) trusting the line to be slower than the device.
   * Waiting for the next byte is idle time, which the run loop skips, so pacing costs
   * little wall time.
   */
  input(bytes) {
    for (const byte of bytes) {
      this.inputQueue.push(byte);
    }
    this.counters.inputBytes += bytes.length;
    this.catchUp();
    if (!this.rxWaiting) {
      this.receiveByte();
    }
    this.wake();
  }

  /** Resumes running after idling (host input, or a real-time wait that is over). */
  wake() {
    if (this.wakeTimer !== null) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    if (this.idle) {
      this.idle = false;
      this.schedule();
    }
  }

  /** Simulated nanoseconds since power-on, across watchdog resets. */
  simNanos() {
    return this.simNanosBefore + this.mcu.clock.nanos;
  }

  /**
   * Real-time mode: how far the current sleep may go in simulated time, given the wall
   * time it has lasted. A sleep starts when the core waits after running code
   * (`executed` is the cycle count then, which tells one sleep from the next).
   */
  sleepAllowance(executed) {
    const wall = this.wallNanos();
    if (this.sleepStart === null || this.sleepStart.cycles !== executed) {
      this.sleepStart = { wall, sim: this.simNanos(), cycles: executed };
    }
    return this.sleepStart.sim + (wall - this.sleepStart.wall) + REALTIME_SLACK_NS - this.simNanos();
  }

  /**
   * Real-time mode: the core slept with nothing scheduled (waiting for input) while
   * wall time went on; that time passes on the chip too, so ticks_ms() keeps pace.
   */
  catchUp() {
    const { core, clock } = this.mcu;
    if (this.realtime && this.idle && core.waiting && !clock.nextAlarm && this.sleepStart !== null) {
      const behind = this.sleepAllowance(this.sleepStart.cycles) - REALTIME_SLACK_NS;
      if (behind > 0) {
        this.counters.idleNanos += behind;
        clock.tick(behind);
      }
    }
  }

  wallNanos() {
    return (performance.now() - this.wallStart) * 1e6;
  }

  /** Nanoseconds one byte takes on UART0's line, at the rate the firmware set. */
  get byteNanos() {
    const baud = this.uartBaud ?? this.mcu.uart[0].baudRate;
    return (10 * 1e9) / (Number.isFinite(baud) && baud > 0 ? baud : 115200);
  }

  receiveByte() {
    this.rxWaiting = false;
    const uart = this.mcu.uart[0];
    const queue = this.inputQueue;
    if (this.inputHead < queue.length && !uart.rxFIFO.full) {
      uart.feedByte(queue[this.inputHead++]);
      if (this.inputHead === queue.length) {
        queue.length = 0;
        this.inputHead = 0;
      } else if (this.inputHead >= 4096) {
        queue.splice(0, this.inputHead);
        this.inputHead = 0;
      }
    }
    // A full FIFO is retried a byte time later, as a host with flow control would.
    if (this.inputHead < queue.length) {
      // (ClockAlarm.scheduled stays true after an alarm fires, hence our own flag.)
      this.rxWaiting = true;
      this.rxAlarm.schedule(this.byteNanos);
    }
  }

  start() {
    this.wallStart = performance.now();
    this.schedule();
  }

  /** Stops running after the current slice; `resume()` continues. */
  pause() {
    this.paused = true;
  }

  resume() {
    this.paused = false;
    this.schedule();
  }

  stop() {
    this.paused = true;
    if (this.wakeTimer !== null) {
      clearTimeout(this.wakeTimer);
      this.wakeTimer = null;
    }
    if (this.timer !== null) {
      clearImmediate(this.timer);
      this.timer = null;
    }
  }

  schedule() {
    if (this.timer === null && !this.paused && !this.halted) {
      this.timer = setImmediate(() => this.runSlice());
    }
  }

  runSlice() {
    this.timer = null;
    const started = performance.now();
    const sliceEnd = started + SLICE_MS;
    let cycles = 0;
    let idleNanos = 0;
    while (!this.halted && !this.paused) {
      const { core, clock } = this.mcu;
      const nanosPerCycle = 1e9 / this.mcu.clkSys;
      try {
        for (let i = 0; i < BATCH; i++) {
          if (core.waiting) {
            if (!clock.nextAlarm) {
              // Only host input can wake the core now (input() reschedules us).
              if (this.realtime) {
                this.sleepAllowance(this.counters.cycles + cycles);
              }
              this.idle = true;
              break;
            }
            // Skip idle time straight to the next timer event.
            const nanos = Math.max(clock.nanosToNextAlarm, 0);
            if (this.realtime) {
              const allowed = this.sleepAllowance(this.counters.cycles + cycles);
              if (nanos > allowed) {
                // Sleep in wall time until the next timer event is due.
                this.idle = true;
                this.wakeTimer = setTimeout(() => this.wake(), (nanos - allowed) / 1e6);
                break;
              }
            }
            idleNanos += nanos;
            clock.tick(nanos);
          } else {
            const spent = core.executeInstruction();
            cycles += spent;
            clock.tick(spent * nanosPerCycle);
          }
        }
      } catch (error) {
        if (error instanceof UnalignedAccess || error instanceof UndefinedInstruction) {
          this.takeHardFault(error);
        } else if (error instanceof ChipReset) {
          this.resetChip();
        } else if (!(error instanceof CoreStopped)) {
          throw error;
        }
      }
      if (this.idle || performance.now() >= sliceEnd) {
        break;
      }
    }
    this.counters.cycles += cycles;
    this.counters.idleNanos += idleNanos;
    this.wallBusyMs += performance.now() - started;
    this.flushOutput();
    if (!this.idle) {
      this.schedule();
    } else if (this.inputHead >= this.inputQueue.length && !this.mcu.clock.nextAlarm) {
      // Asleep with nothing scheduled and every input byte delivered.
      this.onQuiet();
    }
  }

  /** Simulated and wall time so far, for reports and benchmarks. */
  stats() {
    const { clock } = this.mcu;
    const wallS = this.wallStart === null ? 0 : (performance.now() - this.wallStart) / 1000;
    const busyS = this.wallBusyMs / 1000;
    const { cycles } = this.counters;
    return {
      simulated_s: (this.simNanosBefore + clock.nanos) / 1e9,
      wall_s: wallS,
      wall_busy_s: busyS,
      // CPU time of the whole runner process: unlike wall time, not inflated by other
      // load on the machine.
      cpu_s: (process.cpuUsage().user + process.cpuUsage().system) / 1e6,
      cycles,
      // Simulated time the core spent asleep (WFI/WFE), skipped or slept in wall time.
      asleep_s: this.counters.idleNanos / 1e9,
      clk_sys_hz: this.mcu.clkSys,
      // Simulated core cycles executed per second of wall time the emulator was running.
      sim_mhz_per_wall_s: busyS > 0 ? cycles / 1e6 / busyS : 0,
      flash_erases: this.flash.counts.erase,
      flash_programs: this.flash.counts.program,
      hard_faults: this.counters.faults,
      watchdog_resets: this.counters.resets,
      uart_rx_bytes: this.counters.inputBytes,
      uart_tx_bytes: this.counters.outputBytes,
      flash_image_loaded: this.flashImageLoaded,
    };
  }

  /** Writes pending flash changes to the image file, if any. */
  flushFlashImage() {
    this.flashImage?.flush();
  }
}
