import DownhillCore
import Foundation

/// Shows how far the data file has been read, on standard error, for loads that take
/// longer than ``delay``: one line, rewritten in place at most ``interval`` apart and
/// erased when the load ends, so nothing of it stays on the screen. Only when standard
/// error is a terminal (a file or a pipe gets nothing). The clock is read here, never in
/// the core, which only reports bytes and rows.
final class ProgressLine {
    /// Loads shorter than this show nothing.
    static let delay: Duration = .milliseconds(500)
    /// The shortest time between two updates of the line.
    static let interval: Duration = .milliseconds(100)

    private let path: String
    private let clock = ContinuousClock()
    private let started: ContinuousClock.Instant
    private var lastShown: ContinuousClock.Instant?
    private let enabled: Bool

    init(path: String?) {
        self.path = path ?? ""
        started = clock.now
        enabled = path != nil && isatty(STDERR_FILENO) == 1
    }

    /// The closure for ``Setup/resolve(progress:)``, or nil when nothing is to be shown.
    var callback: Dataset.Progress? {
        guard enabled else { return nil }
        return { [self] state in self.update(state) }
    }

    func update(_ state: Dataset.LoadProgress) {
        let now = clock.now
        guard now - started >= Self.delay else { return }
        if let lastShown, now - lastShown < Self.interval { return }
        lastShown = now
        write("\r\u{1B}[K" + Self.text(state, file: (path as NSString).lastPathComponent))
    }

    /// The line for a state: `downhill: reading big.csv: 12.5 of 37.8 MB`,
    /// `downhill: parsing big.csv: 45% (900000 rows)`.
    static func text(_ state: Dataset.LoadProgress, file: String) -> String {
        func megabytes(_ n: Int) -> String { String((Double(n) / 100_000).rounded() / 10) }
        switch state.stage {
        case .reading:
            return "downhill: reading \(file): \(megabytes(state.bytes))" + (state.totalBytes.map { " of \(megabytes($0))" } ?? "") + " MB"
        case .parsing:
            let total = max(1, state.totalBytes ?? state.bytes)
            let percent = Int((100 * Double(state.bytes) / Double(total)).rounded(.down))
            return "downhill: parsing \(file): \(percent)% (\(state.rows) rows)"
        }
    }

    /// Erases the line, if one was shown.
    func finish() {
        guard lastShown != nil else { return }
        lastShown = nil
        write("\r\u{1B}[K")
    }

    private func write(_ text: String) {
        let bytes = Array(text.utf8)
        bytes.withUnsafeBytes { raw in
            var offset = 0
            while offset < raw.count {
                let n = Foundation.write(STDERR_FILENO, raw.baseAddress! + offset, raw.count - offset)
                if n <= 0 { break }
                offset += n
            }
        }
    }
}

extension Setup {
    /// ``resolve(progress:)`` with the data file's progress shown on standard error
    /// (``ProgressLine``) when the load takes longer than half a second.
    func resolveShowingProgress() throws(SettingsError) -> Resolved {
        let progress = ProgressLine(path: dataPath)
        defer { progress.finish() }
        return try resolve(progress: progress.callback)
    }
}
