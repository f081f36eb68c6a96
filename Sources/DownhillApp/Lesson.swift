import DownhillCore
import DownhillRender
import DownhillSetup

/// A lesson being given (SPEC §10): its scenes, the one on screen, and the model before
/// the first scene (Backspace replays the scenes before the one it goes back to from there).
struct LessonState: Sendable {
    var script: SessionScript
    var scene: Int
    let start: ModelBox
}

/// A model kept by reference (a lesson keeps the model it started from).
final class ModelBox: Sendable {
    let model: Model
    init(_ model: Model) { self.model = model }
}

extension Model {
    /// A scene that plays "until converged" stops after this many steps all the same.
    public static let settleLimit = 5000

    /// The model giving `lesson` (a script with scenes): its setup, panels and changes at
    /// step 0, then its first scene begun.
    /// - Throws: ``ScriptError`` with the line of the first scene or change that fails.
    public static func lesson(_ lesson: SessionScript, resolved: Resolved, appearance: Appearance, width: Int,
                              height: Int) throws(ScriptError) -> Model {
        guard !lesson.scenes.isEmpty else { throw ScriptError(line: 0, "a lesson needs at least one [[scene]]") }
        var model = try replaying(lesson, resolved: resolved, appearance: appearance, width: width, height: height, paused: true)
        model.lesson = LessonState(script: lesson, scene: 0, start: ModelBox(model))
        try model.beginScene(0)
        return model
    }

    /// Plays every scene of `lesson` headless to its end, as the driver does with Enter
    /// after each: the check a lesson file passes before the terminal is touched.
    /// - Throws: ``ScriptError`` with the line of the first scene that fails.
    public static func check(lesson: SessionScript, resolved: Resolved) throws(ScriptError) {
        var model = try Model.lesson(lesson, resolved: resolved, appearance: .init(unicode: false), width: 0, height: 0)
        for k in lesson.scenes.indices {
            model.completeScene()
            if k + 1 < lesson.scenes.count { try model.beginScene(k + 1) }
        }
    }

    /// The scene on screen (0-based) and how many there are, nil outside a lesson.
    public var lessonScene: (index: Int, count: Int)? {
        lesson.map { ($0.scene, $0.script.scenes.count) }
    }

    /// The caption box of the scene on screen, nil outside a lesson.
    var caption: Caption? {
        guard let lesson else { return nil }
        let scenes = lesson.script.scenes
        let title = (lesson.script.title.map { "Lesson: " + $0 + " " } ?? "") + "(\(lesson.scene + 1)/\(scenes.count))"
        let isLast = lesson.scene + 1 == scenes.count
        let footer = (isLast ? "the end" : "Enter next") + (lesson.scene > 0 ? "  Backspace back" : "") + "  q quit"
        return Caption(title: title, text: scenes[lesson.scene].caption, footer: footer)
    }

    /// Begins scene `k`: its changes, then what it does (plays some steps, plays until
    /// the runs settle, or waits paused).
    /// - Throws: ``ScriptError`` with the line of a change that fails.
    mutating func beginScene(_ k: Int) throws(ScriptError) {
        guard var state = lesson, state.script.scenes.indices.contains(k) else { return }
        state.scene = k
        lesson = state
        lessonPanelsShown = false
        let scene = state.script.scenes[k]
        do {
            apply(try applyChange(scene.change))
        } catch {
            throw Self.scriptError(error, scene.change, fallback: scene.line)
        }
        pendingSteps = 0
        switch scene.action {
        case .wait:
            wantsPlay = false
            stopAtStep = nil
        case .steps(let n):
            stopAtStep = descent.step + n
            wantsPlay = true
        case .settle:
            stopAtStep = descent.step + Self.settleLimit
            wantsPlay = true
        }
    }

    /// Plays the scene on screen to its end at once (headless checks and going back).
    mutating func completeScene() {
        guard stopAtStep != nil || isPlaying else { return }
        advance(steps: Self.settleLimit)
        wantsPlay = false
        stopAtStep = nil
    }

    /// Enter: the next scene, from the runs as they are (a student's pokes stay); on the
    /// last scene it says the lesson is over.
    mutating func nextScene() -> Effects {
        guard let state = lesson else { return [] }
        guard state.scene + 1 < state.script.scenes.count else {
            show("the end of the lesson: Backspace goes back, q quits")
            return .redraw
        }
        do { try beginScene(state.scene + 1) } catch { show("lesson " + error.description) }
        return [.rebuildRaster, .rebuildGhosts, .checkPanels, .redraw]
    }

    /// Backspace: the previous scene, as it began: the lesson replayed from its start
    /// with every scene before it played to its end.
    mutating func previousScene() -> Effects {
        guard let state = lesson else { return [] }
        guard state.scene > 0 else {
            show("the first scene: Enter goes on, q quits")
            return .redraw
        }
        var model = state.start.model
        model.lesson = state
        model.appearance = appearance
        model.speedIndex = speedIndex
        _ = model.resize(width: width, height: height)
        do {
            for k in 0..<(state.scene - 1) {
                try model.beginScene(k)
                model.completeScene()
            }
            try model.beginScene(state.scene - 1)
        } catch {
            show("lesson " + error.description)
            return .redraw
        }
        self = model
        return [.rebuildRaster, .rebuildGhosts, .checkPanels, .redraw]
    }
}

/// Plays a session script or a lesson without a user: the messages the app would get from
/// the terminal, frame by frame (ticks while the runs move, and Enter once a lesson's
/// scene has been on screen for a while). `downhill cast --script|--lesson` and the
/// lesson tests feed them to ``Model/update(_:)`` and draw ``Model/view()`` after each frame.
public struct ScriptDriver: Sendable {
    /// Seconds of wall time per frame (one tick each).
    public var frameSeconds: Double
    /// Seconds a lesson's scene stays on screen after its runs stop, before Enter.
    public var readingSeconds: Double
    var waited = 0.0

    public init(frameSeconds: Double = 1.0 / 30.0, readingSeconds: Double = 4) {
        self.frameSeconds = frameSeconds
        self.readingSeconds = readingSeconds
    }

    /// The messages of the next frame; empty once the script or the lesson is over (the
    /// last scene read, or the script's end reached).
    /// A chunk of the pending instruments (the η sweep, the basin map) comes first in a
    /// frame, as the loop sends `.work` while no input waits.
    public mutating func next(_ model: Model) -> [Message] {
        let work: [Message] = model.hasPendingWork ? [.work] : []
        if model.isPlaying {
            waited = 0
            return work + [.tick(seconds: frameSeconds)]
        }
        guard let scene = model.lessonScene else { return [] }
        if waited < readingSeconds {
            waited += frameSeconds
            return work + [.tick(seconds: frameSeconds)]
        }
        guard scene.index + 1 < scene.count else { return [] }
        waited = 0
        return [.key(.enter)]
    }
}
