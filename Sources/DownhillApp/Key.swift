/// A key press as the app sees it; the terminal layer turns curses key codes into this,
/// so nothing above the driver sees an `Int32`.
public enum Key: Hashable, Sendable {
    /// A printable character (`q`, `+`, `?`, `1`, space is `.char(" ")`).
    case char(Character)
    case up, down, left, right
    case tab, backTab, enter, escape, backspace
    /// Control plus a letter, lower-case (`.control("c")` is Ctrl-C).
    case control(Character)
    /// A key with no meaning to the app (a function key, Home, Page Up…): it still closes
    /// the help, as every key does.
    case other
}

/// Everything that can happen to the app. Time is a message: the loop sends ticks, tests
/// send them too, so nothing in the app reads a clock.
public enum Message: Sendable {
    case key(Key)
    /// `seconds` of wall time have passed since the previous tick.
    case tick(seconds: Double)
    /// Background work: compute one chunk of the pending landscape instruments (the η
    /// sweep, the basin map) with no time passing. The loop sends it whenever no input is
    /// waiting while ``Model/hasPendingWork``, so they finish at the speed of the
    /// machine, not of the frame rate; a key waits at most one chunk.
    case work
    /// The terminal is now `width × height` cells.
    case resize(width: Int, height: Int)
    /// A mouse click (button 1 press) at a cell, `(column, row)` from the top-left.
    case click(column: Int, row: Int)
    /// The mouse moved to a cell with button 1 held (a drag; SGR or X10 motion report).
    case drag(column: Int, row: Int)
    /// The mouse wheel turned up (away from the user: zoom in) or down.
    case wheel(up: Bool)
    /// Text pasted into the terminal (bracketed paste): never taken as keys. Kept for a
    /// `:` command line; for now the app says it ignored it.
    case paste(String)
    /// The session script that `p` asked for (``Effects/saveScript``) was written to this file.
    case scriptSaved(String)
    /// It could not be written: why.
    case scriptNotSaved(String)
}
