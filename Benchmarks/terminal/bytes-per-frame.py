#!/usr/bin/env python3
"""Bytes that `downhill` writes to the terminal per animation frame.

Runs the release binary in a pseudo-terminal of the given size (TERM=xterm-256color,
UTF-8), counts what it writes during the first half second (the first paint) and then
over a few seconds of animation, and prints the bytes per animation frame. Like a real
terminal, it answers downhill's status requests (DSR 5, `ESC [ 5 n`, answered `ESC [ 0 n`)
as soon as it has read them, so the output pacing sees a fast terminal.

    swift build -c release --product downhill
    python3 Benchmarks/terminal/bytes-per-frame.py [COLS ROWS]
"""
import fcntl, os, pty, select, struct, sys, termios, time

BINARY = ".build/release/downhill"
FRAMES_PER_SECOND = 20
REQUEST, ANSWER = b"\x1b[5n", b"\x1b[0n"


def measure(args, cols, rows, seconds=5.0):
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
        os.execv(BINARY, [BINARY] + args)
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    writes, t0, tail = [], time.monotonic(), b""
    while time.monotonic() - t0 < seconds:
        ready, _, _ = select.select([fd], [], [], 0.05)
        if ready:
            try:
                data = os.read(fd, 1 << 16)
            except OSError:
                break
            writes.append((time.monotonic() - t0, len(data)))
            # A request may be split between two reads.
            seen = tail + data
            for _ in range(seen.count(REQUEST)):
                os.write(fd, ANSWER)
            tail = seen[-(len(REQUEST) - 1):]
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    first = sum(n for t, n in writes if t < 0.5)
    later = sum(n for t, n in writes if t >= 0.5)
    # A read may return part of a frame or several frames: count bytes per second and
    # divide by the frame rate (the default 20 steps/s animates at 20 frames/s).
    return first, later / (seconds - 0.5) / FRAMES_PER_SECOND


if __name__ == "__main__":
    cols, rows = (int(sys.argv[1]), int(sys.argv[2])) if len(sys.argv) == 3 else (160, 48)
    cases = (
        ["--surface", "rosenbrock"],
        ["--surface", "rosenbrock", "--race", "gd,momentum,adam"],
        ["--surface", "rosenbrock", "--show", "chart,gauge"],
        ["--surface", "rosenbrock", "--show", "chart,gauge,maths"],
        ["--surface", "linear-regression", "--batch", "sgd", "--show", "chart,gauge,maths"],
    )
    for args in cases:
        first, per_frame = measure(args, cols, rows)
        label = " ".join(args[2:]) if args[1] == "rosenbrock" else " ".join(args[1:])
        print(f"{cols}x{rows} {label or 'solo':62} first paint {first:6} bytes, then {per_frame:6.0f} bytes/frame")
