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

/// At most this many input events are taken in one go before a frame is drawn.
let drainLimit = 256

/// Runs the interactive app on a started terminal until the user quits, the input
/// ends, or a terminating signal arrives; stops the terminal and returns the exit status.
/// `model` is left as the user last saw it (for the exit message).
///
/// While `model.needsTicks` (animating, or a notice is waiting to expire) it waits for input at most until the
/// next frame (`model.frameInterval`) is due and then sends `.tick(seconds:)` with the
/// time measured on the monotonic clock since the previous tick; while paused, converged
/// or diverged it blocks on input with no timeout (no CPU used). While an instrument is
/// being computed (`model.hasPendingWork`) it only polls the input and sends `.work`
/// whenever none is waiting, drawing the progress at the frame rate and once at the end.
///
/// Redraws are coalesced: after an event, every event already waiting (a held key, a
/// fast double press, a paste) is taken first, and the view is drawn once, only when some
/// message changed something (``Effects`` not empty); the terminal compares it with what
/// it shows, so a toggle pressed twice writes nothing. The terminal also holds a frame back
/// until the previous one is on the screen (``OutputPacer``).
///
/// `saveScript` writes the session's script when `p` asks for it (``Effects/saveScript``)
/// and returns the message that names the file; nil: `p` cannot write one.
public func runInteractive(_ model: inout Model, _ terminal: Terminal, saveScript: ((Model) -> Message?)? = nil) -> Int32 {
    let status = play(&model, terminal, saveScript: saveScript)
    // After a signal the terminal is given back at once (no wait for answers in flight).
    terminal.stop(settle: status == 0)
    return status
}

/// The loop of ``runInteractive(_:_:)``; returns the exit status.
private func play(_ model: inout Model, _ terminal: Terminal, saveScript: ((Model) -> Message?)?) -> Int32 {
    if model.width != terminal.width || model.height != terminal.height {
        model.update(.resize(width: terminal.width, height: terminal.height))
    }
    let clock = ContinuousClock()
    var lastTick: ContinuousClock.Instant? = nil
    terminal.draw(model.view())
    var lastDraw = clock.now

    func seconds(_ d: Duration) -> Double {
        let c = d.components
        return Double(c.seconds) + Double(c.attoseconds) * 1e-18
    }

    /// What one event did: the loop ends with a status, or goes on (`changed`: redraw).
    enum Outcome { case exit(Int32), handled(changed: Bool), idle }

    func handle(_ event: InputEvent) -> Outcome {
        switch event {
        case .message(.key(.control("z"))):
            // Job control belongs to the terminal layer, not the app.
            terminal.suspend()
            model.update(.resize(width: terminal.width, height: terminal.height))
            lastTick = nil
            return .handled(changed: true)
        case .message(let message):
            let effects = model.update(message)
            if effects.contains(.saveScript), let saved = saveScript?(model) { model.update(saved) }
            return model.shouldQuit ? .exit(0) : .handled(changed: !effects.isEmpty)
        case .signal(let sig):
            return .exit(128 + sig)
        case .endOfInput:
            return .exit(0)
        case .timeout:
            return .idle
        case .ignored, .caughtUp:
            return .handled(changed: false)
        }
    }

    /// True when ticks were held back for the screen: the next tick accounts for one frame
    /// only, so that a slow terminal slows the animation down instead of receiving bigger
    /// and bigger frames.
    var heldBack = false

    while true {
        if let sig = terminal.pendingSignal { return 128 + sig }
        if model.shouldQuit { return 0 }

        let interval = model.frameInterval > 0 ? model.frameInterval : defaultFrameInterval
        if model.needsTicks && terminal.isAwaitingScreen {
            // The last frame is still on its way: no tick until it is shown (the terminal
            // wakes the wait when its answer comes, or when it is overdue).
            terminal.setInputTimeout(milliseconds: nil)
        } else if model.needsTicks {
            let now = clock.now
            let previous = lastTick ?? now
            lastTick = previous
            let wait = max(0, interval - seconds(now - previous))
            terminal.setInputTimeout(milliseconds: Int((wait * 1000).rounded(.up)))
        } else {
            lastTick = nil
            terminal.setInputTimeout(milliseconds: nil)
        }
        // Instruments to compute: only look at the input, then compute a chunk.
        let working = model.hasPendingWork
        if working { terminal.setInputTimeout(milliseconds: 0) }

        var changed = false
        var worked = false
        switch handle(terminal.nextEvent()) {
        case .exit(let status): return status
        case .handled(let c):
            changed = c
            // Take what is already waiting before drawing anything.
            terminal.setInputTimeout(milliseconds: 0)
            draining: for _ in 0..<drainLimit {
                switch handle(terminal.nextEvent()) {
                case .exit(let status): return status
                case .handled(let c): changed = changed || c
                case .idle: break draining
                }
            }
        case .idle:
            if working { worked = !model.update(.work).isEmpty }
        }

        var ticked = false
        if model.needsTicks && terminal.isAwaitingScreen {
            if lastTick != nil { heldBack = true }
        } else if model.needsTicks {
            let now = clock.now
            if let previous = lastTick {
                let elapsed = seconds(now - previous)
                if elapsed >= interval * 0.98 {
                    let accounted = min(elapsed, heldBack ? interval : maximumTick)
                    if !model.update(.tick(seconds: accounted)).isEmpty { ticked = true }
                    lastTick = now
                    heldBack = false
                }
            } else {
                lastTick = now  // just started playing: the first tick comes a frame later
            }
        } else {
            lastTick = nil
        }

        // The terminal compares with what it shows and sends only changed cells; a frame
        // that only the animation asked for may be written in parts on a slow link.
        // Work alone draws at the frame rate, and once more when it is done.
        let now = clock.now
        if changed || ticked || (worked && (seconds(now - lastDraw) >= interval || !model.hasPendingWork)) {
            terminal.draw(model.view(), animation: !changed)
            lastDraw = now
        }
    }
}
