import DownhillCore
@testable import DownhillApp
import DownhillRender
import TestSupport

/// A model built the way the CLI builds it: the command line parsed by the codec, the
/// setup resolved, then `Model(…)`; with `--race LINEUP` a racing model. The words are
/// split on spaces: `model("--surface valley --optimizer momentum --lr 0.05", paused: false)`.
func model(_ words: String..., width: Int = 80, height: Int = 24, unicode: Bool = true, paused: Bool = true) -> Model {
    Model(resolved: resolved(setup(words: commandWords(words))), appearance: .init(unicode: unicode), width: width,
          height: height, paused: paused)
}

extension Model {
    mutating func press(_ keys: Key...) { for k in keys { update(.key(k)) } }
    mutating func type(_ text: String) { for c in text { update(.key(.char(c))) } }
    mutating func tick(_ seconds: Double, times: Int = 1) { for _ in 0..<times { update(.tick(seconds: seconds)) } }
    /// `count` single steps (`n`, which pauses first).
    mutating func step(_ count: Int) { for _ in 0..<count { update(.key(.char("n"))) } }
    /// The screen as text.
    var screen: String { view().lines().joined(separator: "\n") }
    /// The status lines (the bottom two of an 80×24 screen).
    var statusText: String { view().lines().suffix(2).joined(separator: "\n") }
}

/// The states every key must work in.
enum State: String, CaseIterable, Sendable {
    case running, paused, converged, diverged, help
    /// Race mode (gd and adam on valley), running.
    case racing
    /// Solo, paused after three steps, with the loss chart, gauge, maths and ghosts on.
    case instruments

    /// A model in this state (valley, gd).
    func make() -> Model {
        switch self {
        case .running:
            return model(paused: false)
        case .paused:
            var m = model(paused: true)
            m.type("nnn")
            return m
        case .converged:
            // bowl with lr 0.5 reaches the minimum exactly in one step: ∇ = 0.
            var m = model("--surface bowl --lr 0.5 --start 1,1", paused: false)
            m.tick(0.05)
            return m
        case .diverged:
            var m = model("--lr 1.0 --start 1,1", paused: false)
            m.type("]]]]]")  // 1000 steps/s
            m.tick(0.25)
            return m
        case .help:
            var m = model(paused: false)
            m.type("?")
            return m
        case .racing:
            var m = model("--race gd,adam", paused: false)
            m.tick(0.25)
            return m
        case .instruments:
            var m = model(paused: true)
            m.type("gimvnnn")
            return m
        }
    }
}

extension Model {
    /// The sidebar's text (right of the plot), one string per row; empty when there is none.
    var sidebarText: String {
        let layout = ScreenLayout(width: width, height: height, sidebar: wantsSidebar)
        guard let side = layout.sidebar else { return "" }
        return view().lines()[side.top..<(side.top + side.rows)]
            .map { String($0.dropFirst(side.left)) }.joined(separator: "\n")
    }
}

extension Panels {
    /// The data panel's content among the open panels, or nil.
    var data: DataContent? { items.lazy.compactMap { $0 as? DataContent }.first }
}
