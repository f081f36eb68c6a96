/// How many colours the output can show.
public enum ColorDepth: Sendable, Equatable {
    /// No colour: glyphs and attributes (bold, dim, reverse) carry everything.
    case none
    /// The 8 ANSI colours (TERM=xterm, screen, linux).
    case eight
    /// The xterm 256-colour palette.
    case full
}

/// Concrete colours and attributes for one ink at one colour depth. Colours are xterm
/// palette indices (0–7 at depth `.eight`, 0–255 at `.full`); nil is the terminal default.
public struct TextStyle: Hashable, Sendable {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var dim = false
    public var reverse = false
    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
    public static let plain = TextStyle()
}

/// The palette table: ink → style for each colour depth. The one place colours live.
public enum Palette {
    /// Number of surface bands (levels) the renderer uses.
    public static let bandCount = 10

    /// The style of an ink at a colour depth.
    public static func style(for ink: Ink, depth: ColorDepth) -> TextStyle {
        // Placeholder until the renderer's palette lands.
        switch ink {
        case .point: TextStyle(bold: true, reverse: depth == .none)
        default: .plain
        }
    }
}
