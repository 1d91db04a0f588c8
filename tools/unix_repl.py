# A REPL front for MicroPython's unix port that speaks the raw-REPL protocol, so that
# mpremote drives the unix port as it drives a board. The unix port's own REPL has no
# raw mode (Ctrl-A is a line-editing key there, Ctrl-D exits).
#
# Run it under the unix port, on a pty made by socat (see tests/targets/unix.py):
#     socat PTY,link=L,rawer EXEC:"micropython tools/unix_repl.py",pty,setsid,ctty,rawer,isig
# With isig on the child's pty, a Ctrl-C byte from the host becomes SIGINT, which the
# unix port turns into KeyboardInterrupt in whatever code is running, as on a board.
#
# Protocol (as MicroPython's pyexec.c implements it on boards):
#   friendly mode: ">>> " prompt, one line evaluated at a time; Ctrl-A enters raw mode.
#   raw mode: "raw REPL; CTRL-B to exit\r\n>"; the host sends code ending in Ctrl-D;
#     the front answers "OK", runs it, then writes output, "\x04", the traceback if any,
#     "\x04", ">". Ctrl-D on an empty buffer is a soft reset; Ctrl-B leaves raw mode;
#     Ctrl-C clears the buffer. Raw-paste mode ("\x05A\x01") is declined with "R\x00",
#     and mpremote falls back to plain raw mode.
import sys

CTRL_A = 0x01
CTRL_B = 0x02
CTRL_C = 0x03
CTRL_D = 0x04
CTRL_E = 0x05

stdin = sys.stdin.buffer
stdout = sys.stdout.buffer

BANNER = b"MicroPython (unix port, uwasm raw-REPL front)\r\nType Ctrl-A for raw REPL, Ctrl-D to soft reset.\r\n"
RAW_BANNER = b"raw REPL; CTRL-B to exit\r\n"

# Import from the working folder (the device's filesystem) and its lib/, as a board
# does, rather than from this script's folder.
sys.path[0] = ""
sys.path.append("lib")

# Modules present before any user code ran: a soft reset forgets the others.
_builtin_modules = set(sys.modules)


def write(data):
    stdout.write(data)
    if hasattr(stdout, "flush"):
        stdout.flush()


def read_byte():
    """One byte from the host; None at end of input. Ctrl-C arrives as SIGINT."""
    while True:
        try:
            b = stdin.read(1)
        except KeyboardInterrupt:
            return CTRL_C
        if not b:
            return None
        return b[0]


class Session:
    def __init__(self):
        self.globals = None
        self.soft_reset(announce=False)

    def soft_reset(self, announce=True):
        self.globals = {"__name__": "__main__"}
        for name in list(sys.modules):
            if name not in _builtin_modules:
                del sys.modules[name]
        if announce:
            write(b"MPY: soft reboot\r\n")

    def run(self, source, mode):
        """Run source; return the exception it raised, or None. ("single" echoes values.)"""
        try:
            exec(compile(source, "<stdin>", mode), self.globals)
        except BaseException as e:  # a REPL reports every error, KeyboardInterrupt too
            return e
        return None

    def raw_mode(self):
        """Serve raw mode; return True to go back to friendly mode, False at end of input."""
        write(RAW_BANNER + b">")
        buf = bytearray()
        while True:
            c = read_byte()
            if c is None:
                return False
            if c == CTRL_B:
                write(b"\r\n")
                return True
            if c == CTRL_C:
                buf = bytearray()
                continue
            if c == CTRL_A:
                write(b"\r\n" + RAW_BANNER + b">")
                buf = bytearray()
                continue
            if c == CTRL_E and not buf:
                # Raw-paste request: "\x05A\x01". Declined; the host falls back.
                if read_byte() == ord("A") and read_byte() == CTRL_A:
                    write(b"R\x00")
                continue
            if c == CTRL_D:
                if not buf:
                    self.soft_reset(announce=False)
                    write(b"soft reboot\r\n" + RAW_BANNER + b">")
                    continue
                write(b"OK")
                error = self.run(bytes(buf), "exec")
                write(b"\x04")
                if error is not None:
                    sys.print_exception(error, sys.stdout)
                write(b"\x04>")
                buf = bytearray()
                continue
            buf.append(c)

    def friendly_mode(self):
        """Serve the friendly REPL; return True to enter raw mode, False at end of input."""
        write(BANNER)
        while True:
            write(b">>> ")
            line = bytearray()
            while True:
                c = read_byte()
                if c is None:
                    return False
                if c == CTRL_A:
                    write(b"\r\n")
                    return True
                if c == CTRL_C:
                    write(b"\r\nKeyboardInterrupt\r\n")
                    line = None
                    break
                if c == CTRL_D:
                    if not line:
                        self.soft_reset()
                        write(BANNER)
                    line = None
                    break
                if c in (0x0D, 0x0A):
                    write(b"\r\n")
                    break
                if c in (0x08, 0x7F):
                    if line:
                        line.pop()
                        write(b"\x08 \x08")
                    continue
                line.append(c)
                write(bytes([c]))
            if not line:
                continue
            source = bytes(line)
            error = self.run(source, "single")
            if error is not None:
                sys.print_exception(error, sys.stdout)


def main():
    session = Session()
    raw = False
    while True:
        try:
            if raw:
                if not session.raw_mode():
                    return
                raw = False
            else:
                if not session.friendly_mode():
                    return
                raw = True
        except KeyboardInterrupt:
            # A Ctrl-C that lands outside user code (say, while the front writes) must
            # not end the session: start the current mode again, as a board would.
            write(b"\r\n")


main()
