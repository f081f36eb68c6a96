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
}

/// The ncurses screen: started once, drawn into many times, stopped once.
///
/// Not thread-safe: use it from one thread (the loop's).
public final class Terminal {
    /// Whether the screen can show Unicode glyphs (a UTF-8 locale, and `--ascii` not given).
    public let supportsUnicode: Bool
    /// How many colours the screen shows (`NO_COLOR` non-empty → `.none`).
    public let colorDepth: ColorDepth
    /// The screen's size in cells.
    public private(set) var width: Int
    public private(set) var height: Int

    private let screen: OpaquePointer
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

    private struct PairKey: Hashable { var foreground: Int32, background: Int32 }

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
    public static func start(forceASCII: Bool = false) throws(TerminalError) -> Terminal {
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
        // Our handlers first: ncurses then leaves SIGINT/SIGTERM alone (it only installs its
        // own over default actions) and our loop does the cleanup.
        for sig in terminatingSignals { _ = dh_install_recording_handler(sig) }
        _ = dh_install_wakeup_handler()
        guard let screen = newterm(nil, dh_stdout(), dh_stdin()) else {
            for sig in terminatingSignals { _ = dh_restore_default_handler(sig) }
            throw .unknownTerminal(term)
        }
        let unicode = !forceASCII && Terminal.localeIsUTF8()
        return Terminal(screen: screen, unicode: unicode)
    }

    private init(screen: OpaquePointer, unicode: Bool) {
        self.screen = screen
        supportsUnicode = unicode
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
        _ = set_escdelay(25)
        _ = mouseinterval(0)
        // Presses, and clicks: a press and release arriving together can be merged into one.
        _ = mousemask(dh_button1_pressed() | dh_button1_clicked(), nil)

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
    }

    deinit { stop() }

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
    /// screen, mouse reporting off. Safe to call more than once.
    public func stop() {
        guard !stopped else { return }
        stopped = true
        _ = mousemask(0, nil)
        _ = curs_set(1)
        dh_set_curses_active(0)
        if isendwin() == false { _ = endwin() }
        fflush(dh_stdout())
        dh_release_stderr()
        for sig in Terminal.crashSignals { _ = dh_restore_default_handler(sig) }
    }

    /// Ctrl-Z: suspends the program the way a shell's job control expects. ncurses'
    /// SIGTSTP handler gives the terminal back, stops the process, and on `fg` restores
    /// the modes and repaints. Does nothing where job control is off (SIGTSTP ignored).
    public func suspend() {
        guard !stopped else { return }
        _ = raise(SIGTSTP)
        sizeChanged()
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
        wtimeout(dh_stdscr(), Int32(clamping: milliseconds.map { max(0, $0) } ?? -1))
    }

    /// Waits for one input event (as long as the last ``setInputTimeout(milliseconds:)``).
    public func nextEvent() -> InputEvent {
        var code: wint_t = 0
        let result = wget_wch(dh_stdscr(), &code)
        if let sig = pendingSignal { return .signal(sig) }
        switch result {
        case KEY_CODE_YES:
            emptyReads = 0
            return functionKeyEvent(Int32(bitPattern: UInt32(code)))
        case OK:
            emptyReads = 0
            guard let key = KeyDecoder.key(code: UInt32(code), isKeyCode: false) else { return .ignored }
            return .message(.key(key))
        default:
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
                return .timeout
            }
        }
    }

    /// Reads the screen's new size and forgets what is shown, so the next draw repaints all.
    private func sizeChanged() {
        var rows: Int32 = 0, cols: Int32 = 0
        dh_getmaxyx(dh_stdscr(), &rows, &cols)
        width = Int(max(0, cols))
        height = Int(max(0, rows))
        shown = nil
        needsClear = true
    }

    private func functionKeyEvent(_ code: Int32) -> InputEvent {
        switch code {
        case KEY_RESIZE:
            sizeChanged()
            return .message(.resize(width: width, height: height))
        case KEY_MOUSE:
            var event = MEVENT()
            guard getmouse(&event) == OK,
                  event.bstate & (dh_button1_pressed() | dh_button1_clicked()) != 0 else { return .ignored }
            return .message(.click(column: Int(event.x), row: Int(event.y)))
        default:
            guard let key = KeyDecoder.key(code: UInt32(bitPattern: code), isKeyCode: true) else { return .ignored }
            return .message(.key(key))
        }
    }

    // MARK: Output

    /// Copies `grid` to the screen and refreshes; ncurses sends only the cells that
    /// changed. Cells outside the grid are blank; cells outside the screen are dropped.
    /// Cells equal to the previous draw's are skipped, and nothing is refreshed when no
    /// cell changed. The first draw, and the first after a resize, repaint everything.
    public func draw(_ grid: CellGrid) {
        guard !stopped else { return }
        let win = dh_stdscr()
        let rows = height, cols = width
        guard rows > 0, cols > 0 else { return }
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
        if fits, let previous = shown, previous.width == cols, previous.height == rows {
            // The usual frame: compare with what the screen holds, cell by cell.
            let new = grid.cells, old = previous.cells
            for i in 0..<new.count where new[i] != old[i] {
                put(new[i], i / cols, i % cols)
            }
        } else {
            for row in 0..<rows {
                for column in 0..<cols { put(grid[column, row], row, column) }
            }
            changed = true
        }
        shown = fits ? grid : nil
        if changed { wrefresh(win) }
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
        let style = Palette.style(for: ink, depth: colorDepth)
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
