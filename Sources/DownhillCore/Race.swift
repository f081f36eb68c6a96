import Foundation

/// Several optimizers descending the same surface from the same start, each with its own
/// learning rate (race mode). Each racer is an ordinary ``Descent``, so a racer's
/// trajectory is exactly its solo `downhill run` trajectory.
public struct Race: Sendable {
    /// The racers, in the order given; a diverged racer stays, stopped (its status says
    /// at which step).
    public var racers: [Descent]

    public init(racers: [Descent]) {
        self.racers = racers
    }

    /// A race of `kinds` under shared settings: every racer gets the settings' surface,
    /// start, hyperparameters, gradient source and seed; its learning rate is `--lr` when
    /// given, else the surface's default for that optimizer.
    /// - Throws: ``SettingsError`` for a bad setting, or an empty or repeated list.
    public init(settings: Settings, optimizers names: [String]) throws(SettingsError) {
        guard !names.isEmpty else {
            throw .invalid(option: "--race", value: "", expected: "a comma-separated list of optimizers such as gd,momentum,adam")
        }
        var seen = Set<String>()
        var racers: [Descent] = []
        for name in names {
            guard seen.insert(name).inserted else {
                throw .invalid(option: "--race", value: names.joined(separator: ","), expected: "each optimizer at most once ('\(name)' repeats)")
            }
            var s = settings
            s.optimizer = name
            racers.append(try s.resolve().descent)
        }
        self.racers = racers
    }

    /// Parses `gd,momentum,adam`.
    public static func parseList(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Advances every racer that has not diverged by one step.
    public mutating func advance() {
        for i in racers.indices where !racers[i].isDiverged {
            racers[i].advance()
        }
    }

    /// Racer indices ranked: lowest loss first, diverged racers last (the later the
    /// divergence, the better).
    public var ranking: [Int] {
        racers.indices.sorted { a, b in
            let (ra, rb) = (racers[a], racers[b])
            switch (ra.status, rb.status) {
            case (.diverged(let ka), .diverged(let kb)): return ka != kb ? ka > kb : a < b
            case (.diverged, _): return false
            case (_, .diverged): return true
            default: return ra.current.loss != rb.current.loss ? ra.current.loss < rb.current.loss : a < b
            }
        }
    }

    /// Restarts every racer from `start` (or each one's own start when nil).
    public mutating func restart(at start: Vector2? = nil) {
        for i in racers.indices {
            if let start { racers[i].restart(at: start) } else { racers[i].restart() }
        }
    }
}
