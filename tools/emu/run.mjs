#!/usr/bin/env node
// uwasm-emu: run the rp2 MicroPython firmware in rp2040js with its UART0 REPL on
// stdin/stdout, or on a pty (--pty LINK, made with socat). See tools/emu/README.md.
//
// With the REPL on stdin/stdout, the runner exits once stdin has ended and the firmware
// has consumed it all and gone to sleep waiting for more.

import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { format, parseArgs } from 'node:util';

import { Emulator } from './lib/emulator.mjs';

const USAGE = `usage: node tools/emu/run.mjs --firmware FILE.bin --bootrom FILE [options]

  --firmware FILE       firmware image for flash at 0x10000000 (build/rp2/firmware.bin)
  --bootrom FILE        RP2040 B1 bootrom, 16384 bytes (.deps/rp2040/bootrom-b1.bin)
  --pty LINK            put the REPL on a new pty, LINK -> /dev/pts/N (needs socat);
                        without it the REPL is on stdin/stdout
  --flash-image FILE    keep flash (the filesystem) in FILE across runs
  --flash-size BYTES    flash size (default 2097152, the Pico's 2 MiB)
  --no-unaligned-faults let unaligned 16/32-bit accesses through instead of HardFault
  --exit-on-eof         with --pty: exit when stdin reaches end of file, so a parent
                        process can tie the emulator's life to a pipe
  --skip-idle           skip the time the core sleeps instead of sleeping in wall time:
                        time.sleep(1) is instant, but a device that waits for its
                        host with a timeout (mpremote mount) times out at once
  --uart-baud BITS      speed of the host->firmware line (default: the rate the firmware
                        programmed, 115200); input is paced at it in simulated time
  --trace-uart          log every UART0 byte in both directions to stderr
  --elf FILE            the firmware's ELF: fault reports then name the function and
                        source line (needs arm-none-eabi-addr2line)
  --stats-file FILE     write timing statistics (JSON) here on exit and on SIGUSR1
  --log-level LEVEL     rp2040js messages: debug, info, warn, error (default), none
  --help

Diagnostics go to stderr, one per line, prefixed "uwasm-emu:", except fault reports,
which start with "HardFault:" or "lockup:". Exit status: 0 on SIGINT/SIGTERM or end of
input, 2 on bad usage, 3 when the core locks up, 4 on an emulator error.`;

function fail(message) {
  process.stderr.write(`uwasm-emu: ${message}\n\n${USAGE}\n`);
  process.exit(2);
}

function parseCommandLine() {
  let parsed;
  try {
    parsed = parseArgs({
      options: {
        firmware: { type: 'string' },
        bootrom: { type: 'string' },
        pty: { type: 'string' },
        'flash-image': { type: 'string' },
        'flash-size': { type: 'string', default: String(2 * 1024 * 1024) },
        'no-unaligned-faults': { type: 'boolean', default: false },
        'exit-on-eof': { type: 'boolean', default: false },
        'trace-uart': { type: 'boolean', default: false },
        'uart-baud': { type: 'string' },
        'skip-idle': { type: 'boolean', default: false },
        'stats-file': { type: 'string' },
        elf: { type: 'string' },
        'log-level': { type: 'string', default: 'error' },
        help: { type: 'boolean', default: false },
      },
      strict: true,
    });
  } catch (error) {
    fail(error.message);
  }
  const { values } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    process.exit(0);
  }
  for (const required of ['firmware', 'bootrom']) {
    if (!values[required]) {
      fail(`--${required} is required`);
    }
  }
  const flashSize = Number(values['flash-size']);
  if (!Number.isInteger(flashSize) || flashSize <= 0 || flashSize > 16 * 1024 * 1024) {
    fail(`--flash-size must be a byte count up to 16 MiB, got ${values['flash-size']}`);
  }
  if (values['uart-baud'] !== undefined && !(Number(values['uart-baud']) > 0)) {
    fail(`--uart-baud must be a positive number, got ${values['uart-baud']}`);
  }
  return { ...values, flashSize };
}

function readFile(what, file) {
  try {
    return fs.readFileSync(file);
  } catch (error) {
    process.stderr.write(`uwasm-emu: cannot read the ${what} ${file}: ${error.message}\n`);
    process.exit(2);
  }
}

/**
 * Starts socat with a new pty at `link` and its other end on our pipes. Resolves with
 * the socat process and the pty's real path once socat has made it.
 */
function openPty(link) {
  fs.mkdirSync(path.dirname(path.resolve(link)), { recursive: true });
  fs.rmSync(link, { force: true });
  // rawer: no echo, no line editing, no CR/LF translation on the pty.
  // -d -d makes socat log "N PTY is /dev/pts/N" once the pty exists.
  const socat = spawn('socat', ['-d', '-d', `PTY,link=${link},rawer`, 'STDIO'], {
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  return new Promise((resolve, reject) => {
    let log = '';
    const onData = (chunk) => {
      log += chunk;
      const match = /PTY is (\S+)/.exec(log);
      if (match) {
        socat.stderr.off('data', onData);
        // Keep draining socat's log so it never blocks on a full pipe; show errors.
        socat.stderr.on('data', (more) => {
          for (const line of String(more).split('\n')) {
            if (/ [EF] /.test(line)) {
              process.stderr.write(`uwasm-emu: socat: ${line}\n`);
            }
          }
        });
        resolve({ socat, device: match[1] });
      }
    };
    socat.stderr.setEncoding('utf8');
    socat.stderr.on('data', onData);
    socat.on('error', (error) => reject(new Error(`cannot start socat: ${error.message}`)));
    socat.on('exit', (code) =>
      reject(new Error(`socat exited (status ${code}) before making the pty:\n${log}`)),
    );
  });
}

/**
 * Writes a diagnostic line to stderr; for a fault report with an ELF at hand, adds the
 * function and source line of its pc on the next line ("  at get_aligned (file:line)").
 */
function reporter(elf) {
  return (line) => {
    process.stderr.write(`${line}\n`);
    const pc = elf && /^(?:HardFault|lockup):.* pc=(0x[0-9a-f]+)/.exec(line);
    if (pc) {
      const found = spawnSync('arm-none-eabi-addr2line', ['-f', '-e', elf, pc[1]], { encoding: 'utf8' });
      const [fn, where] = (found.stdout ?? '').trim().split('\n');
      if (found.status === 0 && fn && fn !== '??') {
        process.stderr.write(`  at ${fn} (${where})\n`);
      }
    }
  };
}

async function main() {
  const options = parseCommandLine();
  const emulator = new Emulator({
    report: reporter(options.elf),
    bootrom: readFile('bootrom', options.bootrom),
    firmware: readFile('firmware', options.firmware),
    flashSize: options.flashSize,
    flashImage: options['flash-image'] ?? null,
    unalignedFaults: !options['no-unaligned-faults'],
    uartBaud: options['uart-baud'] === undefined ? null : Number(options['uart-baud']),
    realtime: !options['skip-idle'],
    logLevel: options['log-level'],
  });

  let input = process.stdin;
  let output = process.stdout;
  let socat = null;
  if (options.pty) {
    const pty = await openPty(options.pty);
    socat = pty.socat;
    input = socat.stdout;
    output = socat.stdin;
    // Both paths: mpremote wants the resolved /dev/pts/N, people like a stable name.
    process.stderr.write(`uwasm-emu: pty ${pty.device}\n`);
    process.stderr.write(`uwasm-emu: REPL on ${options.pty} -> ${pty.device}\n`);
    process.stderr.write(`uwasm-emu: connect with: mpremote connect ${pty.device} (Ctrl-C here stops)\n`);
    socat.on('exit', (code) => {
      socat = null;
      shutdown(`socat exited (status ${code})`, 4);
    });
  }

  let finished = false;
  let statsWritten = 0;
  const writeStats = (stats) => {
    const file = options['stats-file'];
    if (file) {
      // seq tells a reader that asked (SIGUSR1) when fresh figures are in; the rename
      // makes sure it never reads a half-written file.
      const tmp = path.join(path.dirname(file), `.${path.basename(file)}.tmp`);
      fs.writeFileSync(tmp, `${JSON.stringify({ seq: ++statsWritten, ...stats })}\n`);
      fs.renameSync(tmp, file);
    }
  };
  const shutdown = (why, exitCode, linger = false) => {
    if (finished) {
      return;
    }
    finished = true;
    emulator.stop();
    emulator.flushOutput();
    emulator.flushFlashImage();
    const stats = emulator.stats();
    writeStats(stats);
    process.stderr.write(`uwasm-emu: ${why}; stats ${JSON.stringify(stats)}\n`);
    const exit = () => process.exit(exitCode);
    if (socat) {
      const child = socat;
      child.removeAllListeners('exit');
      child.once('exit', exit);
      if (linger) {
        // The core stopped by itself: closing socat's input lets it pass on the last
        // REPL output (whoever reads the pty wants the lines printed before a fault)
        // and exit half a second later (socat -t); SIGTERM is the fallback.
        child.stdin.end();
        setTimeout(() => child.kill('SIGTERM'), 1000).unref();
      } else {
        child.kill('SIGTERM');
      }
      setTimeout(exit, 2000).unref();
    } else if (output === process.stdout) {
      // Let pending REPL output reach the reader before exiting.
      process.stdout.write('', exit);
    } else {
      exit();
    }
  };

  // A few rp2040js peripherals (SIO, GPIO) warn through console.* directly; route them
  // through the emulator's logger so that they obey --log-level and are not repeated.
  console.warn = (...args) => emulator.mcu.logger.warn('console', format(...args));
  console.error = (...args) => emulator.mcu.logger.error('console', format(...args));

  emulator.onOutput = (chunk) => {
    if (!output.write(chunk)) {
      // The reader is slower than the firmware: stop the core until it catches up,
      // as a UART with hardware flow control would.
      emulator.pause();
      output.once('drain', () => emulator.resume());
    }
  };
  emulator.onHalt = ({ reason, exitCode }) => shutdown(reason, exitCode, true);

  if (options['trace-uart']) {
    const show = (direction, chunk) => {
      const text = JSON.stringify(Buffer.from(chunk).toString('latin1'));
      process.stderr.write(`uwasm-emu: uart ${direction} ${text}\n`);
    };
    const { onOutput } = emulator;
    emulator.onOutput = (chunk) => {
      show('tx', chunk);
      onOutput(chunk);
    };
    input.on('data', (chunk) => show('rx', chunk));
  }
  input.on('data', (chunk) => emulator.input(chunk));
  if (!options.pty) {
    // Let the firmware take in the rest of the (paced) input and answer it first:
    // `printf 'print(1 + 1)\r' | node run.mjs ...` prints the answer, then exits.
    input.on('end', () => {
      emulator.onQuiet = () => shutdown('end of input', 0);
    });
  } else if (options['exit-on-eof']) {
    process.stdin.on('end', () => shutdown('end of stdin', 0));
    process.stdin.resume();
  }
  output.on('error', (error) => {
    // EPIPE: nobody reads the REPL any more.
    shutdown(`output closed (${error.code ?? error.message})`, 0);
  });
  process.on('SIGINT', () => shutdown('SIGINT', 0));
  process.on('SIGTERM', () => shutdown('SIGTERM', 0));
  process.on('SIGHUP', () => shutdown('SIGHUP', 0));
  process.on('SIGUSR1', () => writeStats(emulator.stats()));
  process.on('uncaughtException', (error) => {
    process.stderr.write(`uwasm-emu: emulator error: ${error.stack ?? error}\n`);
    shutdown('emulator error', 4);
  });

  process.stderr.write(
    `uwasm-emu: booting ${options.firmware}` +
      (emulator.flashImageLoaded ? ` with flash image ${options['flash-image']}` : '') +
      '\n',
  );
  emulator.start();
}

main().catch((error) => {
  process.stderr.write(`uwasm-emu: ${error.message}\n`);
  process.exit(4);
});
