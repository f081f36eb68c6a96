// The terminal driver: the only module that imports CNcursesw.
//
// Start, stop, colours, key codes → app keys, and cells → screen. Nothing above this file
// sees a curses type or an `Int32` key code.
import CNcursesw
import DownhillApp
import DownhillRender

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Why the interactive terminal could not start. `description` is one line (without a
/// program-name prefix) saying what is wrong and what to use instead.
public enum TerminalError: Error, Equatable, CustomStringConvertible {
    /// Standard output is a file or a pipe.
    case notATerminal
    /// `TERM` is unset or empty.
    case termNotSet
    /// `TERM` is not in the terminfo database.
    case unknownTerminal(String)
    /// `TERM` is known but cannot position the cursor (`dumb`, hard-copy terminals).
    case unsupportedTerminal(String)
    /// The terminal is larger than ``Terminal/maximumSize`` (columns, rows).
    case tooLarge(width: Int, height: Int)
    /// curses could not start on this terminal (`TERM`, and the size the kernel reports).
    case startFailed(String, width: Int?, height: Int?)
    /// The recording (`--record`) cannot be written: the path and the system's reason.
    case cannotRecord(String, String)

    public var description: String {
        let alternative = "for text output use 'downhill frame' or 'downhill run'"
        switch self {
        case .notATerminal:
            return "standard output is not a terminal; \(alternative)"
        case .termNotSet:
            return "TERM is not set; set it to your terminal's type (for example TERM=xterm-256color), or \(alternative)"
        case .unknownTerminal(let name):
            return "unknown terminal type '\(name)' (TERM); set TERM to your terminal's type (for example xterm-256color), or \(alternative)"
        case .unsupportedTerminal(let name):
            return "terminal type '\(name)' (TERM) cannot position the cursor; use a full-screen terminal, or \(alternative)"
        case .tooLarge(let width, let height):
            return "the terminal is \(width)×\(height) cells, larger than downhill draws (at most \(Terminal.maximumSize.width)×\(Terminal.maximumSize.height)); "
                + "use a smaller window or a larger font, or \(alternative)"
        case .startFailed(let name, let width, let height):
            let size = width.flatMap { w in height.map { h in " at \(w)×\(h) cells" } } ?? ""
            return "curses could not start on terminal type '\(name)' (TERM)\(size); \(alternative)"
        case .cannotRecord(let path, let reason):
            // Only a missing pseudo-terminal has `cast` as its way out; a bad path is just that.
            let hint = reason.hasPrefix("no pseudo-terminal") ? "; for a recording without a terminal use 'downhill cast'" : ""
            return "cannot write the recording '\(path)': \(reason)\(hint)"
        }
    }
}

/// What one wait for input produced.
public enum InputEvent: Sendable {
    /// A key, a click or a resize, ready for `Model.update`.
    case message(Message)
    /// The wait's timeout elapsed with no input.
    case timeout
    /// Input that means nothing to the app (an unbound function key, a mouse release).
    case ignored
    /// SIGINT, SIGTERM or SIGHUP arrived; the value is the signal number.
    case signal(Int32)
    /// Standard input is closed or hung up.
    case endOfInput
    /// The terminal has shown everything written so far (it answered the last status
    /// request): the animation may go on (``Terminal/isAwaitingScreen``).
    case caughtUp
}

/// The ncurses screen: started once, drawn into many times, stopped once.
///
/// Not thread-safe: use it from one thread (the loop's).
public final class Terminal {
    /// Whether the screen can show Unicode glyphs (a UTF-8 locale, and `--ascii` not given).
    public let supportsUnicode: Bool
    /// How many colours the screen shows (`NO_COLOR` non-empty → `.none`).
    public let colorDepth: ColorDepth
    /// The colours inks are drawn in (``Theme``; `--theme`, or from `COLORFGBG`).
    public let theme: Theme
    /// The screen's size in cells.
    public private(set) var width: Int
    public private(set) var height: Int

    private let screen: OpaquePointer
    /// The recording of this session, if any (curses is on its pseudo-terminal then).
    private let recorder: SessionRecorder?
    private var stopped = false
    private var defaultColors = false
    private var pairs: [PairKey: Int32] = [:]
    private var nextPair: Int32 = 1
    private var styles: [Ink: (attributes: attr_t, pair: Int32)] = [:]
    /// What stdscr holds now, so a draw only touches changed cells; nil forces a full copy.
    private var shown: CellGrid?
    /// Repaint the whole terminal at the next draw (first draw, after a resize).
    private var needsClear = true
    /// Consecutive reads that failed while input was readable: end of file.
    private var emptyReads = 0
    /// How long to wait for the rest of an escape sequence, milliseconds (``escapeDelay(environment:)``).
    public let escapeDelay: Int
    /// Mouse reports, pasted text, status answers and unknown sequences.
    private var decoder: InputDecoder
    /// Events decoded and not yet returned (one token can complete two keys).
    private var queued: [InputEvent] = []
    /// The wait of the last ``setInputTimeout(milliseconds:)``: nil blocks.
    private var inputTimeout: Int?
    /// Output pacing by the terminal's answers to status requests.
    private var pacer = OutputPacer()
    /// On a slow link (``OutputPacer/isSlow``) an animation frame writes at most this many
    /// changed cells (a few hundred bytes); the rest follows in the next frames. A frame
    /// asked for by a key is written whole. So a key waits for at most one small frame.
    public static let animationCellLimit = 16
    /// The newest frame not yet (wholly) written: the previous one is not yet on the screen,
    /// or it was an animation frame too large for a slow link (``animationCellLimit``).
    private var pending: CellGrid?
    /// Whether anything but the animation (a key, a click, a resize) asked for `pending`.
    private var pendingUrgent = false
    /// Where the next partly written frame goes on (a cell index), so that no part of the
    /// screen waits for ever behind another.
    private var resumeCell = 0
    /// The terminal's size when it is beyond ``maximumSize`` (curses cannot draw it then).
    private var oversize: (width: Int, height: Int)?
    private var oversizeShown = false
    private let clock = ContinuousClock()
    private let epoch: ContinuousClock.Instant
    /// Whether the modes curses does not manage (SGR mouse, bracketed paste) are on.
    private var extraModesOn = false

    private struct PairKey: Hashable { var foreground: Int32, background: Int32 }

    /// The largest terminal drawn, columns × rows (what `downhill frame` draws at most):
    /// curses keeps sizes in 16 bits, and a screen of millions of cells is no picture.
    public static let maximumSize = (width: 1000, height: 1000)
    /// The escape delay when `ESCDELAY` is not set, milliseconds: long enough for an arrow
    /// key whose bytes arrive apart over a laggy link (60 ms), short enough for Esc.
    public static let defaultEscapeDelay = 100

    /// Modes curses does not switch, as xterm spells them: button-event tracking (1002:
    /// presses as curses' 1000 reports them, and moves while a button is held, for the
    /// terrain's drag), SGR mouse reports (1006) and bracketed paste (2004).
    static let sgrMouseOn = "\u{1B}[?1002h\u{1B}[?1006h", sgrMouseOff = "\u{1B}[?1006l\u{1B}[?1002l"
    static let pasteOn = "\u{1B}[?2004h", pasteOff = "\u{1B}[?2004l"
    /// Device status request (DSR 5); the terminal answers `ESC [ 0 n`.
    static let statusRequest = "\u{1B}[5n"
    /// The crash handler's copy of the modes-off string (C keeps a pointer to it).
    nonisolated(unsafe) static let modesOffC: UnsafeMutablePointer<CChar> = strdup(sgrMouseOff + pasteOff)!

    /// The escape delay for a value of `ESCDELAY`: the user's when it is a whole number of
    /// milliseconds, else ``defaultEscapeDelay`` (ncurses' own default, a full second,
    /// makes Esc sluggish).
    public static func escapeDelay(environment value: String?) -> Int {
        guard let value, let ms = Int(value.trimmingCharacters(in: .whitespaces)), ms >= 0 else { return defaultEscapeDelay }
        return min(ms, 60_000)
    }

    /// The terminal's size (columns, rows) as curses will take it: `COLUMNS`/`LINES` when
    /// set, else the kernel's; nil when neither says.
    static func reportedSize(fd: Int32) -> (width: Int, height: Int)? {
        var rows: Int32 = 0, cols: Int32 = 0
        var width: Int?, height: Int?
        if dh_window_size(fd, &rows, &cols) == 0, rows > 0, cols > 0 { (width, height) = (Int(cols), Int(rows)) }
        if let c = getenv("COLUMNS").flatMap({ Int(String(cString: $0)) }), c > 0 { width = c }
        if let r = getenv("LINES").flatMap({ Int(String(cString: $0)) }), r > 0 { height = r }
        guard let width, let height else { return nil }
        return (width, height)
    }

    /// The terminating signals the loop turns into an exit with status 128 + signal.
    static let terminatingSignals: [Int32] = [SIGINT, SIGTERM, SIGHUP]
    /// Crashes: restore the terminal, then die of the signal as usual.
    static let crashSignals: [Int32] = [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE]

    /// Starts curses on standard output and input.
    ///
    /// Sets the locale from the environment, checks that standard output is a terminal
    /// and that `TERM` names a usable terminal (before writing a single byte), then enters
    /// the full-screen mode: raw keys, no echo, keypad, hidden cursor, button-1 clicks,
    /// colours when the terminal has them and `NO_COLOR` is not set. Installs the signal
    /// and crash handlers that give the terminal back in every case.
    ///
    /// - Parameter forceASCII: draw ASCII glyphs even in a UTF-8 locale (`--ascii`).
    /// - Throws: ``TerminalError``; nothing has been written to the terminal then.
    /// - Parameter recorder: record the session (``SessionRecorder``): curses then runs on a
    ///   pseudo-terminal whose output is relayed to this one and into the recording.
    public static func start(forceASCII: Bool = false, theme: Theme = .dark, recorder: SessionRecorder? = nil) throws(TerminalError) -> Terminal {
        // The user's locale for characters (UTF-8 or not), but C for numbers, so that
        // nothing formatted through C (printf-style) ever shows a decimal comma.
        setlocale(LC_ALL, "")
        setlocale(LC_NUMERIC, "C")
        guard isatty(STDOUT_FILENO) == 1 else { throw .notATerminal }
        guard let term = getenv("TERM").map({ String(cString: $0) }), !term.isEmpty else {
            throw .termNotSet
        }
        switch dh_check_terminal(term, STDOUT_FILENO) {
        case 1: break
        case 0: throw .unknownTerminal(term)
        default: throw .unsupportedTerminal(term)
        }
        let size = reportedSize(fd: STDOUT_FILENO)
        if let size, size.width > maximumSize.width || size.height > maximumSize.height {
            throw .tooLarge(width: size.width, height: size.height)
        }
        // Our handlers first: ncurses then leaves SIGINT/SIGTERM alone (it only installs its
        // own over default actions) and our loop does the cleanup.
        for sig in terminatingSignals { _ = dh_install_recording_handler(sig) }
        _ = dh_install_wakeup_handler()
        do {
            try recorder?.begin(width: size?.width ?? 80, height: size?.height ?? 24)
        } catch {
            for sig in terminatingSignals { _ = dh_restore_default_handler(sig) }
            throw error
        }
        guard let screen = newterm(nil, dh_stdout(), dh_stdin()) else {
            recorder?.end()
            for sig in terminatingSignals { _ = dh_restore_default_handler(sig) }
            throw .startFailed(term, width: size?.width, height: size?.height)
        }
        recorder?.cursesStarted()
        let unicode = !forceASCII && Terminal.localeIsUTF8()
        let delay = escapeDelay(environment: getenv("ESCDELAY").map { String(cString: $0) })
        return Terminal(screen: screen, unicode: unicode, escapeDelay: delay, theme: theme, recorder: recorder)
    }

    private init(screen: OpaquePointer, unicode: Bool, escapeDelay: Int, theme: Theme, recorder: SessionRecorder?) {
        self.screen = screen
        self.theme = theme
        self.recorder = recorder
        supportsUnicode = unicode
        self.escapeDelay = escapeDelay
        decoder = InputDecoder(escapeDelay: escapeDelay)
        epoch = clock.now
        _ = set_term(screen)
        dh_set_curses_active(1)
        dh_capture_stderr()
        for sig in Terminal.crashSignals { _ = dh_install_crash_handler(sig) }

        raw()
        noecho()
        nonl()
        let win = dh_stdscr()
        keypad(win, true)
        intrflush(win, false)
        leaveok(win, true)
        scrollok(win, false)
        _ = curs_set(0)
        // curses times every escape sequence it knows with this; the decoder waits as long
        // for each further byte of one it does not.
        _ = set_escdelay(Int32(escapeDelay))
        _ = mouseinterval(0)
        // curses switches button reporting on (and off at the end, and around Ctrl-Z) where
        // the terminal has a mouse. The reports themselves are parsed by the decoder, SGR
        // (1006: any column) or X10 (the fallback, columns up to 222), so curses' own binding
        // of the report's start is removed: it would read every report as X10, or as SGR,
        // by the terminfo entry alone.
        let hasMouse = mousemask(dh_button1_pressed() | dh_button1_clicked(), nil) != 0
        if hasMouse {
            if let kmous = dh_string_capability("kmous") { _ = define_key(kmous, 0) }
            _ = define_key("\u{1B}[M", 0)
            _ = define_key("\u{1B}[<", 0)
        }

        var depth = ColorDepth.none
        let noColor = getenv("NO_COLOR").map { String(cString: $0) } ?? ""
        if noColor.isEmpty && has_colors() {
            if start_color() == OK {
                defaultColors = use_default_colors() == OK
                let count = dh_colors()
                depth = count >= 256 ? .full : count >= 8 ? .eight : .none
            }
        }
        colorDepth = depth

        var rows: Int32 = 0, cols: Int32 = 0
        dh_getmaxyx(win, &rows, &cols)
        width = Int(max(0, cols))
        height = Int(max(0, rows))

        // SGR mouse and bracketed paste on, then the probe: whether (and how fast) this
        // terminal answers status requests decides the output pacing (``OutputPacer``).
        modes(on: true, mouse: hasMouse)
        requestStatus()
    }

    deinit { stop() }

    /// Switches SGR mouse reports (with `mouse`) and bracketed paste on or off, by writing
    /// straight to the terminal (curses has no notion of them). The crash handler switches
    /// them off too.
    private func modes(on: Bool, mouse: Bool = true) {
        if on {
            guard !extraModesOn else { return }
            writeRaw((mouse ? Self.sgrMouseOn : "") + Self.pasteOn)
            extraModesOn = true
            dh_set_modes_off(Self.modesOffC)
        } else {
            guard extraModesOn else { return }
            dh_set_modes_off(nil)
            writeRaw(Self.sgrMouseOff + Self.pasteOff)
            extraModesOn = false
        }
    }

    /// Writes bytes straight to the terminal, after what curses has written (curses flushes
    /// its own output at the end of every refresh).
    private func writeRaw(_ text: String) {
        var bytes = Array(text.utf8)
        _ = dh_write_all(STDOUT_FILENO, &bytes, bytes.count)
    }

    /// Seconds since start, on the monotonic clock (for the pacer).
    private var now: Double {
        let c = (clock.now - epoch).components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    /// Asks the terminal for its status (DSR 5); the answer comes after everything written before.
    private func requestStatus() {
        writeRaw(Self.statusRequest)
        pacer.requested(at: now)
    }

    /// Whether the user's locale (from the environment: LC_ALL, LC_CTYPE, LANG) has a UTF-8
    /// character set, so Unicode glyphs can be drawn. `downhill frame` asks this to draw
    /// exactly what `play` would, without starting curses.
    public static func userLocaleIsUTF8() -> Bool {
        setlocale(LC_CTYPE, "")
        return localeIsUTF8()
    }

    /// Whether the locale's character set is UTF-8 (call after `setlocale`).
    static func localeIsUTF8() -> Bool {
        guard let codeset = dh_codeset() else { return false }
        let name = String(cString: codeset).lowercased().filter { $0 != "-" && $0 != "_" }
        return name == "utf8"
    }

    /// Leaves curses: normal terminal modes (echo, line editing), cursor visible, main
    /// screen, mouse reporting and bracketed paste off. Safe to call more than once.
    ///
    /// - Parameter settle: first wait (at most half a second) for the answers to status
    ///   requests still on their way, so that none arrives in the shell's input after the
    ///   program has gone; false after a terminating signal, which must end at once.
    public func stop(settle: Bool = true) {
        guard !stopped else { return }
        stopped = true
        if settle { awaitAnswers(seconds: 0.5) }
        modes(on: false)
        _ = mousemask(0, nil)
        _ = curs_set(1)
        dh_set_curses_active(0)
        if isendwin() == false { _ = endwin() }
        fflush(dh_stdout())
        recorder?.end()
        dh_release_stderr()
        for sig in Terminal.crashSignals { _ = dh_restore_default_handler(sig) }
    }

    /// Ctrl-Z: suspends the program the way a shell's job control expects. ncurses'
    /// SIGTSTP handler gives the terminal back, stops the process, and on `fg` restores
    /// the modes and repaints. Does nothing where job control is off (SIGTSTP ignored).
    public func suspend() {
        guard !stopped else { return }
        awaitAnswers(seconds: 0.5)
        modes(on: false)
        if let recorder {
            recorder.suspend { clearok(dh_stdscr(), true); wrefresh(dh_stdscr()) }
        } else {
            _ = raise(SIGTSTP)
        }
        // Back in the foreground (or job control is off): curses has restored its modes.
        modes(on: true)
        pacer = OutputPacer()
        pending = nil
        requestStatus()
        sizeChanged()
    }

    /// Reads and drops input until every status request has been answered, for at most
    /// `seconds` (only where the terminal is known to answer): an answer that arrived after
    /// the program had left would land in the shell's input.
    private func awaitAnswers(seconds: Double) {
        guard pacer.answers, pacer.outstanding > 0 else { return }
        let deadline = now + seconds
        while pacer.outstanding > 0, now < deadline {
            wtimeout(dh_stdscr(), Int32(max(1, min(50, (deadline - now) * 1000))))
            var code: wint_t = 0
            let result = wget_wch(dh_stdscr(), &code)
            if result == ERR {
                if dh_poll_input(STDIN_FILENO) == 1 { return }  // hung up
                continue
            }
            let token: InputToken = result == KEY_CODE_YES ? .keyCode(Int32(bitPattern: UInt32(code))) : .character(UInt32(code))
            for out in decoder.feed(token) where out == .statusReport { pacer.answered(at: now) }
        }
    }

    /// The terminating signal received so far (SIGINT, SIGTERM, SIGHUP), if any.
    public var pendingSignal: Int32? {
        let sig = dh_pending_signal()
        return sig == 0 ? nil : sig
    }

    // MARK: Input

    /// How long ``nextEvent()`` waits: milliseconds ≥ 0, or nil to block until input or a
    /// signal (no CPU used while waiting).
    public func setInputTimeout(milliseconds: Int?) {
        inputTimeout = milliseconds.map { max(0, $0) }
    }

    /// Waits for one input event (as long as the last ``setInputTimeout(milliseconds:)``).
    ///
    /// Keys come through curses (which matches the terminfo entry's sequences within the
    /// escape delay) and the ``InputDecoder`` (mouse reports, pasted text, unknown
    /// sequences). The terminal's answers to status requests are taken here and never
    /// reach the app: each lets the frame held back for it be written (``OutputPacer``).
    public func nextEvent() -> InputEvent {
        while true {
            if !queued.isEmpty { return queued.removeFirst() }
            if oversize != nil { return oversizeEvent() }
            let read = decoder.nextRead
            let token: InputToken
            switch read {
            case .normal:
                // A frame the pacer lets through now is written before waiting.
                if pending != nil && pacer.mayDraw(at: now) { _ = flush() }
                // While a frame is on its way, wake up when its answer is overdue (a held frame
                // is written then), whatever the wait asked for.
                var wait = inputTimeout
                if let deadline = pacer.deadline(at: now) {
                    let left = Int(((deadline - now) * 1000).rounded(.up))
                    wait = max(0, min(wait ?? left, left))
                }
                wtimeout(dh_stdscr(), Int32(clamping: wait ?? -1))
                guard let t = readCharacter() else { continue }
                if case .timeout = t {
                    // An overdue held frame is written; the loop then works out its own wait again.
                    if flush() { return .timeout }
                    if let event = endOfInputCheck() { return event }
                    return .timeout
                }
                emptyReads = 0
                token = t
            case .character(let ms):
                wtimeout(dh_stdscr(), Int32(clamping: ms))
                guard let t = readCharacter() else { continue }
                token = t
            case .byte(let ms):
                // The X10 report's coordinates are raw bytes (≥ 128 for columns past 94):
                // neither UTF-8 nor key sequences.
                keypad(dh_stdscr(), false)
                wtimeout(dh_stdscr(), Int32(clamping: ms))
                let c = wgetch(dh_stdscr())
                keypad(dh_stdscr(), true)
                token = c == ERR || c < 0 || c > 255 ? .timeout : .byte(UInt8(c))
            }
            if let sig = pendingSignal { return .signal(sig) }
            for out in decoder.feed(token) {
                switch out {
                case .key(let key): queued.append(.message(.key(key)))
                case .click(let column, let row): queued.append(.message(.click(column: column, row: row)))
                case .drag(let column, let row): queued.append(.message(.drag(column: column, row: row)))
                case .paste(let text): queued.append(.message(.paste(text)))
                case .wheel(let up): queued.append(.message(.wheel(up: up)))
                case .statusReport:
                    pacer.answered(at: now)
                    _ = flush()
                    if !isAwaitingScreen { queued.append(.caughtUp) }
                }
            }
        }
    }

    /// One token from `get_wch`, or nil when it was a resize, a curses mouse event or a
    /// signal, which are queued as events. `.timeout` when nothing came.
    private func readCharacter() -> InputToken? {
        var code: wint_t = 0
        let result = wget_wch(dh_stdscr(), &code)
        if let sig = pendingSignal {
            queued.append(.signal(sig))
            return nil
        }
        switch result {
        case KEY_CODE_YES:
            let key = Int32(bitPattern: UInt32(code))
            switch key {
            case KEY_RESIZE:
                sizeChanged()
                if let oversize {
                    showOversize(oversize)
                    queued.append(.ignored)
                } else {
                    queued.append(.message(.resize(width: width, height: height)))
                }
                return nil
            case KEY_MOUSE:
                queued.append(mouseEvent())
                return nil
            default:
                return .keyCode(key)
            }
        case OK:
            return .character(UInt32(code))
        default:
            return .timeout
        }
    }

    /// Waiting while the terminal is too large for curses (whose sizes are garbage then, so
    /// it is not asked for input): the size is checked every tenth of a second, and when it
    /// is usable again curses is told and the app gets a resize. Keys are read raw: `q` and
    /// Ctrl-C still quit; anything else is dropped.
    private func oversizeEvent() -> InputEvent {
        var waited = 0
        while true {
            if let sig = pendingSignal { return .signal(sig) }
            if let size = Self.reportedSize(fd: STDOUT_FILENO), size.width <= Self.maximumSize.width && size.height <= Self.maximumSize.height {
                _ = resizeterm(Int32(size.height), Int32(size.width))
                sizeChanged()
                return oversize == nil ? .message(.resize(width: width, height: height)) : .ignored
            }
            switch dh_poll_input_wait(STDIN_FILENO, 100) {
            case 1: return .endOfInput
            case 2:
                var byte: UInt8 = 0
                guard read(STDIN_FILENO, &byte, 1) == 1 else { return .endOfInput }
                if byte == UInt8(ascii: "q") || byte == 3 {
                    return .message(.key(byte == 3 ? .control("c") : .char("q")))
                }
            default:
                waited += 100
                if let limit = inputTimeout, waited >= limit { return .timeout }
            }
        }
    }

    /// After a read that returned nothing: end of input, or nil for a plain timeout.
    private func endOfInputCheck() -> InputEvent? {
        // ERR: the timeout, an interrupted read, or the end of input.
        switch dh_poll_input(STDIN_FILENO) {
        case 1:
            return .endOfInput
        case 2:
            // Readable, yet curses read nothing: end of file (a closed pipe, /dev/null).
            emptyReads += 1
            return emptyReads >= 3 ? .endOfInput : .ignored
        default:
            emptyReads = 0
            return nil
        }
    }

    /// A click that curses decoded itself (a mouse it drives other than xterm's reports).
    private func mouseEvent() -> InputEvent {
        var event = MEVENT()
        guard getmouse(&event) == OK,
              event.bstate & (dh_button1_pressed() | dh_button1_clicked()) != 0 else { return .ignored }
        return .message(.click(column: Int(event.x), row: Int(event.y)))
    }

    /// Reads the screen's new size and forgets what is shown, so the next draw repaints all.
    private func sizeChanged() {
        shown = nil
        needsClear = true
        pending = nil  // drawn for the old size; the app draws the new one
        pendingUrgent = false
        // curses keeps sizes in 16 bits: beyond ``maximumSize`` its own numbers are garbage.
        if let size = Self.reportedSize(fd: STDOUT_FILENO), size.width > Self.maximumSize.width || size.height > Self.maximumSize.height {
            oversize = size
            oversizeShown = false
            return
        }
        oversize = nil
        var rows: Int32 = 0, cols: Int32 = 0
        dh_getmaxyx(dh_stdscr(), &rows, &cols)
        width = Int(max(0, cols))
        height = Int(max(0, rows))
    }

    // MARK: Output

    /// Copies `grid` to the screen and refreshes; ncurses sends only the cells that
    /// changed. Cells outside the grid are blank; cells outside the screen are dropped.
    /// Cells equal to the previous draw's are skipped, and nothing is refreshed when no
    /// cell changed. The first draw, and the first after a resize, repaint everything.
    ///
    /// Paced (``OutputPacer``): while the terminal has not yet shown the previous frame, the
    /// grid is held and written when the answer comes (the newest grid wins); a frame that
    /// wrote anything is followed by a status request. `animation`: only the animation
    /// moved (a tick), so on a slow link the frame may be written in parts.
    public func draw(_ grid: CellGrid, animation: Bool = false) {
        guard !stopped else { return }
        if let oversize {
            showOversize(oversize)
            return
        }
        pending = grid
        if !animation { pendingUrgent = true }
        _ = flush()
    }

    /// True while the last frame written is not yet known to be on the screen (the terminal
    /// has not answered its status request, and ``OutputPacer/patience`` has not run out),
    /// or the newest frame is not wholly written yet: the loop holds the animation back
    /// meanwhile, so that frames stay as small as on a fast terminal and a key is answered
    /// after one small frame, not after a backlog.
    public var isAwaitingScreen: Bool { !pacer.mayDraw(at: now) || pending != nil }

    /// Writes (part of) the pending frame if the pacer allows it now; true if it wrote.
    private func flush() -> Bool {
        guard let grid = pending, pacer.mayDraw(at: now) else { return false }
        let limit = !pendingUrgent && pacer.isSlow ? Self.animationCellLimit : nil
        let (wrote, complete) = blit(grid, limit: limit)
        if complete {
            pending = nil
            pendingUrgent = false
        }
        if wrote && pacer.wantsRequestAfterFrame { requestStatus() }
        return wrote
    }

    /// A terminal too large for curses: one line saying so, written straight to it (curses'
    /// sizes are garbage now), until it is resized.
    private func showOversize(_ size: (width: Int, height: Int)) {
        guard !oversizeShown else { return }
        oversizeShown = true
        let text = "downhill: the terminal is \(size.width)×\(size.height) cells, larger than it draws "
            + "(at most \(Self.maximumSize.width)×\(Self.maximumSize.height)); make the window smaller"
        writeRaw("\u{1B}[H\u{1B}[2J" + text)
    }

    /// Copies `grid` to curses' screen and refreshes: at most `limit` changed cells when a
    /// limit is given (the rest stays different from ``shown``, for the next call). Returns
    /// whether any cell changed (bytes were written) and whether the grid is now all shown.
    private func blit(_ grid: CellGrid, limit: Int? = nil) -> (wrote: Bool, complete: Bool) {
        let win = dh_stdscr()
        let rows = height, cols = width
        guard rows > 0, cols > 0 else { return (false, true) }
        let fits = grid.width == cols && grid.height == rows
        if needsClear {
            clearok(win, true)
            needsClear = false
        }
        var cchar = cchar_t()
        var text: [wchar_t] = [0, 0, 0, 0, 0, 0]
        var changed = false
        func put(_ cell: Cell, _ row: Int, _ column: Int) {
            let style = curses(for: cell.ink)
            fill(&text, with: cell.glyph)
            _ = dh_setcchar(&cchar, text, style.attributes, style.pair)
            if row == rows - 1 && column == cols - 1 {
                // The bottom-right cell: insert, which never moves the cursor past the end
                // of the screen, so nothing scrolls.
                _ = mvwins_wch(win, Int32(row), Int32(column), &cchar)
            } else {
                _ = mvwadd_wch(win, Int32(row), Int32(column), &cchar)
            }
            changed = true
        }
        var complete = true
        if fits, var screen = shown, screen.width == cols, screen.height == rows {
            // The usual frame: compare with what the screen holds, cell by cell, from where
            // the last partial frame stopped.
            let new = grid.cells, old = screen.cells
            let start = resumeCell < new.count ? resumeCell : 0
            var count = 0
            for k in 0..<new.count {
                let i = (start + k) % new.count
                guard new[i] != old[i] else { continue }
                if let limit, count == limit {
                    complete = false
                    resumeCell = i
                    break
                }
                put(new[i], i / cols, i % cols)
                screen[i % cols, i / cols] = new[i]
                count += 1
            }
            shown = complete ? grid : screen
            if changed { wrefresh(win) }
            return (changed, complete)
        } else {
            for row in 0..<rows {
                for column in 0..<cols { put(grid[column, row], row, column) }
            }
            changed = true
        }
        shown = fits ? grid : nil
        if changed { wrefresh(win) }
        return (changed, true)
    }

    /// The code points of one glyph, NUL-terminated; ASCII `?` for what the screen
    /// cannot show (non-ASCII without Unicode, wide glyphs), a space for controls.
    private func fill(_ text: inout [wchar_t], with glyph: Character) {
        let scalars = glyph.unicodeScalars
        guard let first = scalars.first else {
            text[0] = 32; text[1] = 0; return
        }
        if first.value < 32 || first.value == 127 {
            text[0] = 32; text[1] = 0; return
        }
        if first.isASCII {
            text[0] = wchar_t(first.value); text[1] = 0; return
        }
        guard supportsUnicode, dh_wcwidth(Int32(first.value)) == 1 else {
            text[0] = 63; text[1] = 0; return
        }
        var i = 0
        for scalar in scalars where i < 4 {
            text[i] = wchar_t(scalar.value)
            i += 1
        }
        text[i] = 0
    }

    /// The curses attributes and colour pair of an ink, from the palette, cached.
    private func curses(for ink: Ink) -> (attributes: attr_t, pair: Int32) {
        if let known = styles[ink] { return known }
        let style = Palette.style(for: ink, depth: colorDepth, theme: theme)
        var attributes = dh_a_normal()
        if style.bold { attributes |= dh_a_bold() }
        if style.dim { attributes |= dh_a_dim() }
        if style.reverse { attributes |= dh_a_reverse() }
        let result = (attributes, pair(foreground: style.foreground, background: style.background))
        styles[ink] = result
        return result
    }

    /// The colour pair for two palette colours, allocated on first use. Colours the
    /// terminal does not have become its default; pair 0 when out of pairs.
    private func pair(foreground: Int?, background: Int?) -> Int32 {
        guard colorDepth != .none else { return 0 }
        let count = Int(dh_colors())
        func usable(_ c: Int?) -> Int32 {
            guard let c, c >= 0, c < count else { return -1 }
            return Int32(c)
        }
        var fg = usable(foreground), bg = usable(background)
        if fg == -1 && bg == -1 { return 0 }
        if !defaultColors {
            if fg == -1 { fg = Int32(COLOR_WHITE) }
            if bg == -1 { bg = Int32(COLOR_BLACK) }
        }
        let key = PairKey(foreground: fg, background: bg)
        if let known = pairs[key] { return known }
        let limit = min(Int32(dh_color_pairs()), 32767)
        guard nextPair < limit,
              init_pair(Int16(nextPair), Int16(fg), Int16(bg)) == OK else { return 0 }
        pairs[key] = nextPair
        nextPair += 1
        return nextPair - 1
    }
}
