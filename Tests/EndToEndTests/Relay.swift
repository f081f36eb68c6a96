import Foundation
import Testing
import TestSupport

/// A slow link between `downhill` and its terminal, like SSH over a few KB/s.
///
/// The tmux pane runs `script`, which gives `downhill` a pseudo-terminal of the pane's size
/// and passes the pane's input (keys, and tmux's answers to status requests) straight
/// through; what `downhill` writes goes into a named pipe, and this relay reads it at
/// `bytesPerSecond` (or as fast as it comes) and writes it to the pane's terminal, where
/// tmux shows it. So the kernel's buffers between the program and the screen fill up as
/// they do over a slow link, tmux answers a status request only once it has shown what came
/// before it, and every byte is counted with the time it reached the screen.
final class Relay: @unchecked Sendable {
    let session: Session
    private let lock = NSLock()
    private var received: [(time: Double, bytes: [UInt8])] = []
    private var finished = false
    private let done = DispatchSemaphore(value: 0)
    private var stopping = false

    /// Starts `downhill arguments` in a `width × height` tmux pane behind a link of
    /// `bytesPerSecond` (nil: no limit).
    init(_ arguments: [String], width: Int = 100, height: Int = 30, bytesPerSecond: Int?,
         environment: [String] = Session.defaultEnvironment) throws {
        let fifo = FileManager.default.temporaryDirectory.appendingPathComponent("downhill-relay-\(UUID().uuidString.prefix(8))")
        guard mkfifo(fifo.path, 0o600) == 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EINVAL) }
        session = try Session(arguments, width: width, height: height, environment: environment, relayFifo: fifo.path)
        let tty = try session.tmux(["display", "-p", "#{pane_tty}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        signal(SIGPIPE, SIG_IGN)
        Thread.detachNewThread { [self] in
            relay(from: fifo.path, to: tty, bytesPerSecond: bytesPerSecond)
            unlink(fifo.path)
        }
    }

    deinit { close() }

    func close() {
        lock.withLock { stopping = true }
        session.close()
        _ = done.wait(timeout: .now() + 3)
    }

    private func relay(from fifo: String, to tty: String, bytesPerSecond: Int?) {
        defer { done.signal() }
        let input = open(fifo, O_RDONLY)
        let output = open(tty, O_WRONLY | O_NOCTTY)
        defer {
            if input >= 0 { Foundation.close(input) }
            if output >= 0 { Foundation.close(output) }
            lock.withLock { finished = true }
        }
        guard input >= 0, output >= 0 else { return }
        // The pipe's own buffer as small as Linux allows: the link's buffering is the kernel's
        // pseudo-terminal, as over SSH. 1031 is F_SETPIPE_SZ.
        _ = fcntl(input, 1031, 4096)
        // A token bucket: the link carries `bytesPerSecond`, and what it did not carry while
        // idle is lost (at most a twentieth of a second's worth is saved up), as on a real link.
        let burst = bytesPerSecond.map { Double(max(64, $0 / 20)) } ?? 0
        var credit = 0.0
        var last = now()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while !lock.withLock({ stopping }) {
            var limit = buffer.count
            if let bytesPerSecond {
                let t = now()
                credit = min(burst, credit + (t - last) * Double(bytesPerSecond))
                last = t
                if credit < 1 {
                    usleep(5_000)
                    continue
                }
                limit = min(limit, Int(credit))
            }
            let n = buffer.withUnsafeMutableBytes { read(input, $0.baseAddress, limit) }
            if n <= 0 { break }
            let chunk = Array(buffer[0..<n])
            var offset = 0
            while offset < n {
                let w = chunk[offset...].withUnsafeBytes { write(output, $0.baseAddress, $0.count) }
                if w <= 0 { return }
                offset += w
            }
            credit -= Double(n)
            lock.withLock { received.append((now(), chunk)) }
        }
    }

    /// Every byte shown so far, with the time (``now()``) each chunk reached the screen.
    var chunks: [(time: Double, bytes: [UInt8])] { lock.withLock { received } }

    /// Bytes shown since `time`.
    func bytes(since time: Double) -> [UInt8] {
        chunks.filter { $0.time >= time }.flatMap(\.bytes)
    }

    /// Bytes shown so far.
    var total: Int { chunks.reduce(0) { $0 + $1.bytes.count } }

    /// The status requests (`ESC [ 5 n`) in `bytes`: downhill sends one after every frame
    /// that wrote anything, once the terminal is known to answer.
    static func frames(in bytes: [UInt8]) -> [[UInt8]] {
        let request: [UInt8] = Array("\u{1B}[5n".utf8)
        var frames: [[UInt8]] = []
        var current: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if bytes[i] == 0x1B, i + request.count <= bytes.count, Array(bytes[i..<i + request.count]) == request {
                frames.append(current)
                current = []
                i += request.count
            } else {
                current.append(bytes[i])
                i += 1
            }
        }
        return frames
    }
}
