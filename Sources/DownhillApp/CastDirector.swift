import DownhillRender

/// Plays the app without a terminal and films it: cues (messages, and time passing at a
/// fixed frame rate) go into the model, and every frame's changed cells go into an
/// ``Asciicast`` as ANSI (``ScreenPainter``), from the same `Model.view()` that `play` and
/// `frame` draw. Nothing reads a clock, so the same cues give the same bytes.
///
/// `downhill cast` feeds it `.steps(N)` and a pause, `cast --script` the same on a replaying
/// model, and `cast --lesson` a ``ScriptDriver`` (`.drive`), which gives each frame's
/// messages: ticks while the runs move, a pause for reading each caption, then Enter.
public struct CastDirector {
    /// What happens next in the film.
    public enum Cue: Sendable {
        /// Delivers a message now (a key, a click, a `:` line typed as keys); the screen it
        /// leads to is filmed at the same instant.
        case send(Message)
        /// `seconds` pass as ticks of one frame each, the animation running as in `play`.
        case play(seconds: Double)
        /// Ticks of one frame each until the selected run has taken `count` more steps
        /// (the last tick shortened so that it stops exactly there), or until no run is
        /// running (converged, diverged, paused).
        case steps(Int)
        /// Frames as `driver` gives them (``ScriptDriver/next(_:)``) until it gives none (a
        /// lesson's last scene read, a script's end): each frame's messages, then the
        /// screen. The driver's frames are the film's (its `frameSeconds` is set to
        /// ``frameInterval``): a frame with a tick is filmed one frame later, Enter at once.
        /// The film lasts to the driver's last frame (the last caption's reading time).
        case drive(ScriptDriver)
    }

    /// The app as it is now.
    public private(set) var model: Model
    /// The film so far.
    public private(set) var cast: Asciicast
    /// Seconds between frames (1 / frames per second).
    public let frameInterval: Double
    private var painter: ScreenPainter
    private var frames = 0

    /// Starts filming `model` at `framesPerSecond` (> 0) in colours for `depth`, in the
    /// model's theme; the first frame (the whole screen) is at time 0. The cast's size is the
    /// model's, in cells.
    public init(model: Model, framesPerSecond: Double, depth: ColorDepth) {
        self.model = model
        frameInterval = 1 / framesPerSecond
        painter = ScreenPainter(depth: depth, theme: model.appearance.theme)
        cast = Asciicast(width: model.width, height: model.height)
        film()
    }

    /// The film's time now, seconds.
    public var time: Double { Double(frames) * frameInterval }

    /// Performs `cue`, filming every frame it produces.
    public mutating func perform(_ cue: Cue) {
        switch cue {
        case .send(let message):
            model.update(message)
            film()
        case .play(let seconds):
            for _ in 0..<max(0, Int((seconds / frameInterval).rounded())) { advance(seconds: frameInterval) }
        case .steps(let count):
            let target = model.descent.step + max(0, count)
            while model.descent.step < target && model.isPlaying {
                let remaining = Double(target - model.descent.step)
                let perFrame = model.stepsPerSecond * min(frameInterval, Model.maximumTickSeconds)
                advance(seconds: remaining < perFrame ? remaining / model.stepsPerSecond : frameInterval)
            }
        case .drive(var driver):
            driver.frameSeconds = frameInterval
            while true {
                let messages = driver.next(model)
                if messages.isEmpty { break }
                var ticked = false
                for message in messages {
                    if case .tick = message { ticked = true }
                    model.update(message)
                }
                if ticked { frames += 1 }
                film()
            }
            cast.end(at: time)  // the last frames' reading time, though the screen stood still
        }
    }

    /// One frame later: a tick of `seconds` (at most one frame), then the screen.
    private mutating func advance(seconds: Double) {
        var left = seconds
        while left > 0 {
            let piece = min(left, Model.maximumTickSeconds)
            model.update(.tick(seconds: piece))
            left -= piece
        }
        frames += 1
        film()
    }

    /// Films the screen as it is now (the instruments computed to the end, as `frame` does).
    private mutating func film() {
        model.finishInstruments()
        let bytes = painter.paint(model.view())
        if !bytes.isEmpty { cast.output(bytes, at: time) }
    }
}
