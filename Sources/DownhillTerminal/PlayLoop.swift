// The interactive loop: the only code that reads the clock and waits on the terminal.
//
// Entry point for the CLI's `play` command:
//
//     let terminal: Terminal
//     do { terminal = try Terminal.start(forceASCII: ascii) }
//     catch { /* print "downhill: \(error)" on stderr */ exit(1) }   // TerminalError, one line
//     let model = Model(resolved: resolved,
//                       appearance: .init(unicode: terminal.supportsUnicode),
//                       width: terminal.width, height: terminal.height, paused: paused)
//     var model = …; let status = runInteractive(&model, terminal)
//
// `runInteractive` always stops the terminal before it returns (normal modes, cursor
// visible, main screen, mouse off) and returns the exit status: 0 after `q`/Ctrl-C or at
// the end of input, 128 + signal after SIGINT, SIGTERM or SIGHUP. Ctrl-Z suspends (job
// control) and is not passed to the model.
import DownhillApp
import DownhillRender

/// Frames per second while animating, until the model says otherwise.
let defaultFrameInterval = 1.0 / 30.0
/// The longest tick sent: after a suspend (Ctrl-Z, a stopped process) the model gets
/// one ordinary frame's worth of time, not the whole pause.
let maximumTick = 0.25

/// Runs the interactive app on a started terminal until the user quits, the input
/// ends, or a terminating signal arrives; stops the terminal and returns the exit status.
/// `model` is left as the user last saw it (for the exit message).
///
/// While `model.needsTicks` (animating, or a notice is waiting to expire) it waits for input at most until the
/// next frame (`model.frameInterval`) is due and then sends `.tick(seconds:)` with the
/// time measured on the monotonic clock since the previous tick; while paused, converged
/// or diverged it blocks on input with no timeout (no CPU used). The
/// view is drawn only after a message, and only its changed cells reach the terminal.
public func runInteractive(_ model: inout Model, _ terminal: Terminal) -> Int32 {
    defer { terminal.stop() }
    if model.width != terminal.width || model.height != terminal.height {
        model.update(.resize(width: terminal.width, height: terminal.height))
    }
    let clock = ContinuousClock()
    var lastTick: ContinuousClock.Instant? = nil
    terminal.draw(model.view())

    func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    while true {
        if let sig = terminal.pendingSignal { return 128 + sig }
        if model.shouldQuit { return 0 }

        let interval = model.frameInterval > 0 ? model.frameInterval : defaultFrameInterval
        if model.needsTicks {
            let now = clock.now
            let previous = lastTick ?? now
            lastTick = previous
            let wait = max(0, interval - seconds(now - previous))
            terminal.setInputTimeout(milliseconds: Int((wait * 1000).rounded(.up)))
        } else {
            lastTick = nil
            terminal.setInputTimeout(milliseconds: nil)
        }

        var changed = false
        switch terminal.nextEvent() {
        case .message(.key(.control("z"))):
            // Job control belongs to the terminal layer, not the app.
            terminal.suspend()
            model.update(.resize(width: terminal.width, height: terminal.height))
            lastTick = nil
            changed = true
        case .message(let message):
            model.update(message)
            changed = true
        case .signal(let sig):
            return 128 + sig
        case .endOfInput:
            return 0
        case .timeout, .ignored:
            break
        }
        if model.shouldQuit { return 0 }

        if model.needsTicks {
            let now = clock.now
            if let previous = lastTick {
                let elapsed = seconds(now - previous)
                if elapsed >= interval * 0.98 {
                    model.update(.tick(seconds: min(elapsed, maximumTick)))
                    lastTick = now
                    changed = true
                }
            } else {
                lastTick = now  // just started playing: the first tick comes a frame later
            }
        } else {
            lastTick = nil
        }

        // The terminal compares with what it shows and sends only changed cells.
        if changed { terminal.draw(model.view()) }
    }
}
