/// What a cell means, not how it is coloured: the ``Palette`` maps an ink to colours and
/// attributes for the terminal's colour depth, so the renderer never names a colour.
public enum Ink: Hashable, Sendable {
    /// Default foreground on default background.
    case plain
    /// A filled band of the loss surface; `level` runs from 0 (valley floor) to
    /// `Palette.bandCount - 1` (highest).
    case band(Int)
    /// A contour line between bands; `level` as for ``band(_:)``.
    case contour(Int)
    /// A known minimum of the surface.
    case minimum
    /// The start point of the trajectory.
    case start
    /// The current point.
    case point
    /// A past point of the trajectory; `age` 0 is the newest bucket, 3 the oldest.
    case trail(Int)
    /// An arrow on the edge of the view pointing at a point outside it.
    case arrow
    /// The status area's text, labels, and state words.
    case statusText, statusLabel, statusGood, statusWarn, statusBad
    /// Frame lines and panel titles.
    case border, title
    /// The help overlay's text and key names.
    case helpText, helpKey
    /// The n-th racer of race mode (colour index into a small table): its head and legend row.
    case racer(Int)
    /// The trail of the n-th racer: its colour, lighter than the head.
    case racerTrail(Int)
    /// A learning-rate ghost: a faint run at a multiple of the current η.
    case ghost
    /// A gauge's bar by how close the reading is to its limit: 0 well inside, 1 near it,
    /// 2 at or beyond it; 3 is the empty part of the track.
    case gauge(Int)
    /// A short message over the bottom of the plot (the reproducing command line, race
    /// notes, a key that had no effect).
    case notice
}

/// One terminal cell: a single-column glyph and its ink.
public struct Cell: Equatable, Hashable, Sendable {
    /// The glyph drawn in the cell; always one column wide.
    public var glyph: Character
    public var ink: Ink
    public init(_ glyph: Character = " ", _ ink: Ink = .plain) {
        self.glyph = glyph
        self.ink = ink
    }
    public static let blank = Cell()
}

/// A rectangle of cells, row-major, `(column, row)` from the top-left corner, in cells.
public struct CellGrid: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A grid of `width × height` blank cells; negative sizes are taken as 0.
    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    /// The cell at `(column, row)`; reads outside the grid give a blank cell and writes
    /// outside it are ignored, so drawing code can clip by construction.
    public subscript(column: Int, row: Int) -> Cell {
        get {
            guard column >= 0, row >= 0, column < width, row < height else { return .blank }
            return cells[row * width + column]
        }
        set {
            guard column >= 0, row >= 0, column < width, row < height else { return }
            cells[row * width + column] = newValue
        }
    }

    /// Writes `text` from `(column, row)` rightwards in one ink, clipped to the grid.
    /// Returns the column after the last character written.
    @discardableResult
    public mutating func put(_ text: String, column: Int, row: Int, ink: Ink = .plain) -> Int {
        var c = column
        for ch in text {
            self[c, row] = Cell(ch, ink)
            c += 1
        }
        return c
    }

    /// The grid as plain text, one string per row, trailing spaces kept.
    public func lines() -> [String] {
        (0..<height).map { row in
            String(cells[(row * width)..<((row + 1) * width)].map(\.glyph))
        }
    }
}
