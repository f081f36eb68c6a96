import DownhillCore
import DownhillRender

/// The run's past, step by step and change by change, so `,` `.` go back and forth one
/// moment and `{` `}` from mark to mark (SPEC §6), and a run that a restart replaced can be
/// brought back.
///
/// A moment is the state after one step of every run, or after a change (a setting, a
/// restart, a moved start, another surface: a *mark*). Every run is deterministic given
/// its state (point, optimizer state, gradient source with its RNG and batch order), so
/// the history keeps a full snapshot only at marks and every ``checkpointInterval``
/// moments, and restores any other moment by stepping on from the snapshot before it:
/// stepping back costs at most that many steps whatever the length of the run, and
/// memory is a moment's 32 bytes plus a snapshot's share (a snapshot holds every run with
/// its trail thinned to ``checkpointInterval`` points, about 9 KB a run, so some 20 bytes
/// a step a run).
struct History: Sendable {
    /// Moments between two snapshots.
    static let checkpointInterval = 512

    /// What a snapshot restores: the runs with their trails and the race around them.
    final class Snapshot: Sendable {
        let tracks: [Track]
        let selected: Int
        let isRacing: Bool
        let lineup: [OptimizerSetup]
        let session: Model.Session
        init(_ m: Model) {
            // Trails thinned to an interval's worth of points (the whole path, coarser in its
            // older part), so a snapshot stays small.
            tracks = m.tracks.map { var t = $0; t.thinTrail(to: History.checkpointInterval); return t }
            selected = m.selected
            isRacing = m.isRacing
            lineup = m.lineup
            session = m.session
        }
    }

    struct Moment: Sendable {
        /// The selected run's step at this moment.
        var step: Int
        /// A full snapshot, at marks and every ``checkpointInterval`` moments.
        var snapshot: Snapshot?
        /// What changed here (nil for a plain step).
        var mark: String?
    }

    private(set) var moments: [Moment] = []
    /// The panels open from a moment on, at the moments where they changed (by index), so
    /// that a session script can open them when the session did.
    private(set) var panelNotes: [Int: [String]] = [:]

    /// Notes the panels now open at the moment on screen.
    mutating func notePanels(_ names: Set<String>) {
        panelNotes[max(0, position)] = names.sorted()
    }
    /// The moment on screen (−1 before the first is recorded).
    private(set) var position = -1

    var isAtEnd: Bool { position == moments.count - 1 }
    /// How many moments the one on screen is before the last.
    var momentsBack: Int { moments.count - 1 - position }

    /// Drops the moments after the one on screen (a change or a step made there starts a
    /// new branch).
    mutating func branch() {
        if !isAtEnd {
            moments.removeSubrange((position + 1)...)
            panelNotes = panelNotes.filter { $0.key <= position }
        }
    }

    /// True when the next step recorded keeps a snapshot (every ``checkpointInterval``).
    var nextStepNeedsSnapshot: Bool { (isAtEnd ? moments.count : position + 1) % Self.checkpointInterval == 0 }

    /// Records a moment (after the step or change): the selected run's step, a snapshot
    /// when one is kept, the mark's label for a change. Takes no model, so that recording
    /// never holds a second reference to the moments while appending to them (which would
    /// copy them all, every step).
    mutating func record(step: Int, snapshot: Snapshot?, mark: String? = nil) {
        branch()
        moments.append(Moment(step: step, snapshot: snapshot, mark: mark))
        position = moments.count - 1
    }

    /// The moment before or after the one on screen (`by` −1 or +1), nil at either end.
    func neighbour(_ offset: Int) -> Int? {
        let i = position + offset
        return moments.indices.contains(i) ? i : nil
    }

    /// The previous (`forward` false) or next mark, nil when there is none.
    func mark(forward: Bool) -> Int? {
        forward ? moments.indices.first { $0 > position && moments[$0].mark != nil }
            : moments.indices.last { $0 < position && moments[$0].mark != nil }
    }

    /// Where moment `i` is restored from: the last snapshot at or before it, and the steps
    /// to take from there.
    func restorePlan(_ i: Int) -> (snapshot: Snapshot, steps: Int) {
        var c = i
        while moments[c].snapshot == nil { c -= 1 }
        return (moments[c].snapshot!, i - c)
    }

    mutating func moveTo(_ i: Int) { position = i }
}

extension Model {
    /// Records the step just taken in the history.
    mutating func recordStep() {
        let snapshot = history.nextStepNeedsSnapshot ? History.Snapshot(self) : nil
        history.record(step: descent.step, snapshot: snapshot)
    }

    /// Records the change just made as a mark in the history.
    mutating func recordMark(_ label: String) {
        let snapshot = History.Snapshot(self)
        history.record(step: descent.step, snapshot: snapshot, mark: label)
    }

    /// Goes to history moment `i`: the snapshot before it, then the steps after (each
    /// exactly as first taken). Pauses first.
    mutating func travel(to i: Int) -> Effects {
        wantsPlay = false
        let (snapshot, steps) = history.restorePlan(i)
        let surfaceBefore = descent.surface.identity
        tracks = snapshot.tracks
        selected = snapshot.selected
        isRacing = snapshot.isRacing
        lineup = snapshot.lineup
        session = snapshot.session
        for _ in 0..<steps { stepEveryRun() }
        history.moveTo(i)
        pendingSteps = 0
        if descent.surface.identity != surfaceBefore {
            levels = Levels(surface: descent.surface)
            scatter = Self.scatter(for: descent.surface)
            plotView = nil
        }
        return [.rebuildGhosts, .rebuildRaster, .checkPanels]
    }

    /// `,` `.` `{` `}`: one moment back or forward (forward at the end takes a step), or to
    /// the previous or next mark; says so at either end.
    mutating func moveInHistory(_ move: HistoryMove) -> Effects {
        let target: Int? = switch move {
        case .back: history.neighbour(-1)
        case .forward: history.neighbour(1)
        case .previousMark: history.mark(forward: false)
        case .nextMark: history.mark(forward: true)
        }
        if let target { return travel(to: target) }
        if move == .forward {
            wantsPlay = false
            advance(steps: 1)
            return .redraw
        }
        show(move == .back || move == .previousMark ? "at the start of the history" : "at the end of the history")
        return .redraw
    }
}

/// A move through the history (``Action/history(_:)``).
public enum HistoryMove: Equatable, Sendable {
    case back, forward, previousMark, nextMark
}
