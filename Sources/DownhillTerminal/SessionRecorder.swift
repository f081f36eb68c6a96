// Recording a live session (`--record FILE.cast`): curses runs on a pseudo-terminal and a
// relay thread copies its output to the real terminal and into an asciicast v2 file, the
// way `script` and asciinema record. ncurses has no public hook for its output (it writes
// its own buffer with write(2) to the descriptor it was given, and uses the same descriptor
// for the terminal's modes and size), so the bytes are taken where they leave it.
import CNcursesw
import DownhillRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#endif

/// A recording of everything the terminal receives, written to an asciicast v2 file as it
/// happens (one `"o"` event per chunk the relay reads, an `"r"` event per resize; the file
/// at most a second behind the screen, complete once the terminal is stopped).
///
/// Open it before anything touches the terminal (``open(path:)`` is where a bad path is
/// refused), then give it to ``Terminal/start(forceASCII:recorder:)``, which puts curses
/// on a pseudo-terminal. Also for the lesson player: any session started on a terminal with
/// a recorder is recorded.
public final class SessionRecorder: @unchecked Sendable {
    /// The file's path, as given.
    public let path: String
    private let file: Int32
    private var cast: Asciicast?
    private let clock = ContinuousClock()
    private var epoch: ContinuousClock.Instant
    /// The real terminal (duplicates of standard input and output from before the swap).
    private var realIn: Int32 = -1
    private var realOut: Int32 = -1
    private var master: Int32 = -1
    /// Wake-up pipe to the relay ("f": flush and answer, "q": drain and end) and its answers.
    private var wake: (read: Int32, write: Int32) = (-1, -1)
    private var answer: (read: Int32, write: Int32) = (-1, -1)
    private var thread: pthread_t?
    /// The thread that started the recording (the loop's), woken when the input ends.
    private var mainThread = pthread_self()
    private var size: (width: Int, height: Int) = (0, 0)
    /// When the file was last written, seconds since the start.
    private var lastFileWrite = 0.0
    /// Bytes of output recorded so far (for tests and the CPU measurement).
    public private(set) var bytesRecorded = 0
    /// Whether SIGTSTP was ignored before (then Ctrl-Z does nothing, as without a recording).
    private(set) var jobControl = true

    /// Creates (or truncates) the file.
    /// - Throws: ``TerminalError/cannotRecord(_:_:)`` with the system's reason.
    public static func open(path: String) throws(TerminalError) -> SessionRecorder {
        let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .cannotRecord(path, String(cString: strerror(errno))) }
        return SessionRecorder(path: path, file: fd)
    }

    private init(path: String, file: Int32) {
        self.path = path
        self.file = file
        epoch = clock.now
    }

    /// Seconds since the recording started.
    private var now: Double {
        let c = (clock.now - epoch).components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    /// Puts a pseudo-terminal between the program and the terminal on standard output:
    /// the real terminal raw, the pty (with its modes and size) as standard input and
    /// output, and the relay thread started. Writes the header.
    /// - Throws: ``TerminalError/cannotRecord(_:_:)`` when no pseudo-terminal can be had.
    func begin(width: Int, height: Int) throws(TerminalError) {
        var m: Int32 = -1, s: Int32 = -1
        guard dh_tee_openpty(STDOUT_FILENO, &m, &s) == 0 else { throw .cannotRecord(path, "no pseudo-terminal: " + String(cString: strerror(errno))) }
        var w: [Int32] = [-1, -1], a: [Int32] = [-1, -1]
        guard pipe(&w) == 0, pipe(&a) == 0 else {
            close(m)
            close(s)
            throw .cannotRecord(path, String(cString: strerror(errno)))
        }
        master = m
        wake = (w[0], w[1])
        answer = (a[0], a[1])
        realIn = dup(STDIN_FILENO)
        realOut = dup(STDOUT_FILENO)
        _ = dh_tee_make_raw(realOut)
        dup2(s, STDIN_FILENO)
        dup2(s, STDOUT_FILENO)
        close(s)
        // Ctrl-Z is done by hand (``suspend(_:)``): curses' own SIGTSTP handler would stop
        // the relay with the process before the terminal got its modes back.
        jobControl = dh_signal_ignored(SIGTSTP) == 0
        _ = dh_set_handler(SIGTSTP, SIG_IGN, 0)

        size = (width, height)
        let env = [("TERM", getenv("TERM")), ("SHELL", getenv("SHELL"))].compactMap { name, value in value.map { (name, String(cString: $0)) } }
        cast = Asciicast(width: width, height: height, timestamp: time(nil), env: env)
        epoch = clock.now
        writeOut()
        mainThread = pthread_self()
        var tid = pthread_t()
        pthread_create(&tid, nil, { context in
            let recorder = Unmanaged<SessionRecorder>.fromOpaque(context!).takeUnretainedValue()
            recorder.relay()
            return nil
        }, Unmanaged.passUnretained(self).toOpaque())
        thread = tid
    }

    /// Called after curses has started on the pty: resizes of the real terminal go to it.
    func cursesStarted() {
        _ = dh_tee_install_winch(master)
    }

    /// Waits until everything curses wrote so far is on the real terminal and in the file.
    func flush() {
        guard thread != nil else { return }
        var byte = UInt8(ascii: "f")
        _ = dh_write_all(wake.write, &byte, 1)
        _ = read(answer.read, &byte, 1)
    }

    /// Ctrl-Z while recording: curses leaves the screen, the real terminal gets its modes
    /// back, the process stops; on `fg` the terminal is raw again, the pty takes its size
    /// and curses restores its modes and repaints.
    func suspend(_ redraw: () -> Void) {
        guard jobControl else { return }
        def_prog_mode()
        _ = endwin()
        flush()
        dh_tee_restore_modes()
        _ = dh_set_handler(SIGTSTP, SIG_DFL, 0)
        _ = raise(SIGTSTP)
        _ = dh_set_handler(SIGTSTP, SIG_IGN, 0)
        dh_tee_raw_again()
        dh_tee_copy_size()
        reset_prog_mode()
        redraw()
    }

    /// After curses has ended: drains the relay, gives the real terminal back its modes
    /// and standard input and output, and closes the file.
    func end() {
        guard let thread else { return }
        var byte = UInt8(ascii: "q")
        _ = dh_write_all(wake.write, &byte, 1)
        pthread_join(thread, nil)
        self.thread = nil
        dh_tee_restore_modes()
        dh_tee_forget()
        dup2(realIn, STDIN_FILENO)
        dup2(realOut, STDOUT_FILENO)
        for fd in [realIn, realOut, master, wake.read, wake.write, answer.read, answer.write, file] { close(fd) }
        _ = dh_set_handler(SIGTSTP, jobControl ? SIG_DFL : SIG_IGN, 0)
    }

    /// Removes the file again when the session could not start (the terminal was refused
    /// before ``Terminal/start(forceASCII:recorder:)`` began recording): no empty recording
    /// is left behind. Does nothing once recording has begun.
    public func discard() {
        guard thread == nil, master < 0 else { return }
        close(file)
        unlink(path)
    }

    /// Writes what the cast holds to the file.
    private func writeOut() {
        guard var text = cast?.takeText(), !text.isEmpty else { return }
        text.withUTF8 { bytes in _ = dh_write_all(file, bytes.baseAddress, bytes.count) }
    }

    /// The relay thread: real input → pty, pty output → real terminal and the file.
    private func relay() {
        dh_block_signals_in_thread()
        var buffer = [UInt8](repeating: 0, count: 65536)
        var input = realIn
        while true {
            let ready = dh_poll3(input, master, wake.read, -1)
            if ready & 1 != 0 {
                let n = read(input, &buffer, buffer.count)
                if n > 0 {
                    _ = dh_write_all(master, buffer, n)
                } else if n == 0 || errno != EINTR {
                    inputEnded()
                    input = -1
                }
            }
            if ready & 2 != 0 { _ = copyOutput(&buffer) }
            if ready & 4 != 0 {
                var byte: UInt8 = 0
                _ = read(wake.read, &byte, 1)
                // What curses wrote is in the pty already; take it all, then answer.
                while dh_poll_input_wait(master, 20) == 2, copyOutput(&buffer) {}
                writeOut()
                if byte == UInt8(ascii: "q") { return }
                _ = dh_write_all(answer.write, &byte, 1)
            }
        }
    }

    /// The real input is at its end (a file, /dev/null, a closed pipe): the program's
    /// standard input becomes /dev/null and its blocking read is interrupted (SIGALRM, whose
    /// handler only wakes), so the loop sees the end of input as it would without a pty.
    private func inputEnded() {
        let null = Glibc.open("/dev/null", O_RDONLY | O_CLOEXEC)
        guard null >= 0 else { return }
        dup2(null, STDIN_FILENO)
        close(null)
        pthread_kill(mainThread, SIGALRM)
    }

    /// Copies one chunk of the pty's output to the real terminal and the file; false when
    /// nothing was read.
    private func copyOutput(_ buffer: inout [UInt8]) -> Bool {
        let n = read(master, &buffer, buffer.count)
        guard n > 0 else { return false }
        _ = dh_write_all(realOut, buffer, n)
        let t = now
        if dh_tee_resized_slot().pointee != 0 {
            dh_tee_resized_slot().pointee = 0
            var rows: Int32 = 0, cols: Int32 = 0
            if dh_window_size(realOut, &rows, &cols) == 0, (Int(cols), Int(rows)) != size {
                size = (Int(cols), Int(rows))
                cast?.resize(width: size.width, height: size.height, at: t)
            }
        }
        cast?.output(buffer[0..<n], at: t)
        bytesRecorded += n
        // The file is written in batches (at most a second or 32 KB behind), and whole at
        // the end: one write per chunk cost as much as the rest of the relay.
        if t - lastFileWrite >= 1 || (cast?.text.utf8.count ?? 0) >= 32768 {
            writeOut()
            lastFileWrite = t
        }
        return true
    }
}
