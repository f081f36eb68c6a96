// Output pacing: no new frame until the terminal has shown the last one. Pure: the times
// are passed in (seconds on any monotonic clock), so `OutputPacerTests` needs no terminal.

/// Decides when a frame may be written, from the terminal's answers to status requests.
///
/// Over a slow link (SSH at a few KB/s) the kernel's and the network's buffers hold tens of
/// kilobytes: a program that writes frames as fast as it makes them is seconds ahead of the
/// screen, and a key is answered only after the backlog has drained. So after each frame
/// that wrote anything, the terminal is asked for its status (DSR 5, `ESC [ 5 n`); it
/// answers (`ESC [ 0 n`) once it has processed everything before the request, that is, once
/// the frame is on the screen. Until then no new frame is written: the app goes on (keys,
/// ticks), and the next frame shows the latest state. At most one frame is ever in flight.
///
/// - A terminal that has never answered is not waited for: a probe is sent at start, and
///   pacing begins with its answer. A terminal that does not answer DSR changes nothing.
/// - An answer that does not come within ``patience`` (lost, or a frame far too large for
///   the link) does not freeze the screen: the next frame is written anyway.
/// - On a fast terminal the answer comes within a millisecond: frames are not delayed.
public struct OutputPacer: Sendable, Equatable {
    /// How long a frame waits for the answer about the previous one, seconds.
    public static let patience = 2.0
    /// An answer slower than this (seconds from request) marks the link as slow.
    public static let slowAnswer = 0.1

    /// Whether the terminal has ever answered a status request.
    public private(set) var answers = false
    /// Requests sent and not yet answered.
    public private(set) var outstanding = 0
    /// When the newest request was sent.
    public private(set) var lastRequest: Double?
    /// How long the last answer took, seconds from the newest request then outstanding.
    public private(set) var lastDelay: Double?

    public init() {}

    /// Whether a frame may be written at `now`.
    public func mayDraw(at now: Double) -> Bool {
        guard answers, outstanding > 0, let lastRequest else { return true }
        return now - lastRequest >= Self.patience
    }

    /// When a held frame may be written at the latest, if one is being held back now.
    public func deadline(at now: Double) -> Double? {
        mayDraw(at: now) ? nil : lastRequest.map { $0 + Self.patience }
    }

    /// Whether a status request should follow a frame that wrote something: once the
    /// terminal is known to answer.
    public var wantsRequestAfterFrame: Bool { answers }

    /// A status request was written at `now` (the start-up probe, or after a frame).
    public mutating func requested(at now: Double) {
        outstanding += 1
        lastRequest = now
    }

    /// True when the last answer took longer than ``slowAnswer``: frames are crossing a
    /// slow link (or a long one), so animation frames are best kept small.
    public var isSlow: Bool { (lastDelay ?? 0) > Self.slowAnswer }

    /// The terminal answered a request at `now`.
    public mutating func answered(at now: Double) {
        answers = true
        outstanding = max(0, outstanding - 1)
        if let lastRequest, outstanding == 0 { lastDelay = now - lastRequest }
    }
}
