#!/usr/bin/env python3
"""Time from start to the first frame of `play` on a large data file, against `run --steps 0`.

Writes a CSV of N rows (default 2,000,000: x uniform in [-3, 3], y = 0.8x + 0.5 + noise)
to /tmp if it is not there yet (never into the repository), then measures, with the
release binary:

- `downhill run --surface linear-regression --data FILE --steps 0` (wall time, to exit);
- `downhill play` with the same data in a 160x48 pseudo-terminal: the time until the
  first frame's status line has been written.

Each is the median of a few runs. The issue's target: first frame <= 1.2 x run.

    swift build -c release --product downhill
    python3 Benchmarks/terminal/time-to-first-frame.py [ROWS]
"""
import fcntl, os, pty, random, select, statistics, struct, subprocess, sys, termios, time

BINARY = ".build/release/downhill"
REPEATS = 3


def data_file(rows):
    path = f"/tmp/downhill-bench-{rows}.csv"
    if not os.path.exists(path):
        rng = random.Random(1)
        with open(path + ".tmp", "w") as f:
            f.write("x,y\n")
            for _ in range(rows):
                x = rng.uniform(-3, 3)
                f.write("%.6f,%.6f\n" % (x, 0.8 * x + 0.5 + rng.gauss(0, 0.5)))
        os.rename(path + ".tmp", path)
    return path


def time_run(path):
    t0 = time.monotonic()
    subprocess.run([BINARY, "run", "--surface", "linear-regression", "--data", path, "--steps", "0"],
                   stdout=subprocess.DEVNULL, check=True)
    return time.monotonic() - t0


def time_first_frame(path, cols=160, rows=48):
    t0 = time.monotonic()
    pid, fd = pty.fork()
    if pid == 0:
        os.environ.update(TERM="xterm-256color", LANG="C.UTF-8")
        os.execv(BINARY, [BINARY, "--surface", "linear-regression", "--data", path, "--paused"])
    fcntl.ioctl(fd, termios.TIOCSWINSZ, struct.pack("HHHH", rows, cols, 0, 0))
    out, shown = b"", None
    while time.monotonic() - t0 < 120 and shown is None:
        ready, _, _ = select.select([fd], [], [], 0.01)
        if ready:
            data = os.read(fd, 1 << 16)
            out += data
            if b"\x1b[5n" in data:
                os.write(fd, b"\x1b[0n" * data.count(b"\x1b[5n"))
            # The status line is the last part of the first paint.
            if b"step " in out and b"loss " in out and b"paused" in out:
                shown = time.monotonic() - t0
    os.write(fd, b"q")
    os.waitpid(pid, 0)
    return shown


if __name__ == "__main__":
    rows = int(sys.argv[1]) if len(sys.argv) > 1 else 2_000_000
    path = data_file(rows)
    size = os.path.getsize(path) / 1e6
    run = statistics.median(time_run(path) for _ in range(REPEATS))
    first = statistics.median(time_first_frame(path) for _ in range(REPEATS))
    print(f"{rows} rows ({size:.1f} MB): run --steps 0 {run:.2f} s, first frame of play {first:.2f} s "
          f"({first / run:.2f} x run)")
