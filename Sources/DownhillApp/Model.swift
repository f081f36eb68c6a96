import DownhillCore
import DownhillRender

/// The interactive app's state (the Elm-style model): the descent, the view, the keys'
/// effects. Pure: ``update(_:)`` changes it, ``view()`` draws it; nothing here reads a
/// clock or touches the terminal.
public struct Model: Sendable {
    /// How the screen may be drawn.
    public struct Appearance: Sendable, Equatable {
        /// Unicode glyphs (shade blocks, arrows, box lines) when true; plain ASCII otherwise.
        public var unicode: Bool
        public init(unicode: Bool) { self.unicode = unicode }
    }

    public private(set) var descent: Descent
    public var appearance: Appearance
    public private(set) var width: Int
    public private(set) var height: Int
    /// True once the user asked to quit (`q`, Ctrl-C).
    public private(set) var shouldQuit = false
    /// True while animating: the loop should send ticks. False: it may block on input.
    public private(set) var isPlaying: Bool

    public init(resolved: Settings.Resolved, appearance: Appearance, width: Int, height: Int, paused: Bool = false) {
        descent = resolved.descent
        self.appearance = appearance
        self.width = width
        self.height = height
        isPlaying = !paused
    }

    /// Applies one message.
    public mutating func update(_ message: Message) {
        switch message {
        case .key(.char("q")), .key(.control("c")): shouldQuit = true
        case .key(.char(" ")): isPlaying.toggle()
        case .tick: if isPlaying { descent.advance() }
        case .resize(let w, let h): width = w; height = h
        default: break
        }
    }

    /// The screen for the current state, `width × height` cells.
    public func view() -> CellGrid {
        var grid = CellGrid(width: width, height: height)
        grid.put("downhill — \(descent.surface.name)  step \(descent.step)", column: 0, row: 0)
        return grid
    }
}
