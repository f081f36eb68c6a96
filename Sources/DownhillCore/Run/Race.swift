/// Several runs descending the same surface from the same start, each with its own update
/// rule, options and learning rate (race mode, SPEC §7). Each racer is an ordinary ``Descent``, so a racer's
/// trajectory is exactly its solo `downhill run` trajectory.
public struct Race: Sendable {
    /// The racers, in the order given; a diverged racer stays, stopped (its status says
    /// at which step).
    public var racers: [Descent]

    /// The most racers a lineup may have (SPEC §7): each has a glyph and a colour of its own.
    public static let maximumRacers = 8

    public init(racers: [Descent]) {
        self.racers = racers
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
