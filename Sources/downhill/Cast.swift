import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillRender
import DownhillTerminal
import Foundation

/// `downhill cast`: the animation of a run as an asciicast v2 file, without a terminal.
struct Cast: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Render the animation of a run as an asciicast v2 file (for asciinema's player).",
        discussion: """
            Plays the run as 'play' would, at its speed (20 steps per second unless --speed, \
            ] or [ say otherwise), filming --fps frames a second until --steps steps are taken (or \
            the run converges or diverges), and ends paused on the screen 'frame' draws with \
            the same options. No terminal and no clock: the same command writes the same \
            bytes. Like 'frame', it draws ASCII outside a UTF-8 locale and with --ascii. \
            With --script FILE, a session script is filmed instead: its setup, its changes at \
            their steps, to its end. With --lesson NAME|FILE, a lesson is filmed scene by \
            scene as 'lesson' plays it: each scene's runs, then its caption left on screen \
            for 4 seconds of reading, then Enter, to the end of the last scene.
            """
    )

    @OptionGroup var options: DescentOptions

    @OptionGroup var view: ViewOptions

    @OptionGroup var speed: SpeedOption

    @OptionGroup var size: ScreenSizeOptions

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Steps the animation takes (default 100; with --script, the script's own end; not with --lesson).",
                               valueName: "n"))
    var steps: Int?

    @Option(help: ArgumentHelp("Film a session script (TOML): its setup, its changes at their steps, its end.", valueName: "file"))
    var script: String?

    @Option(help: ArgumentHelp("Film a lesson: a built-in one's name or number (see 'lesson --list'), or a lesson file.",
                               valueName: "name|file"))
    var lesson: String?

    @Option(parsing: .unconditional, help: ArgumentHelp("Frames per second of the recording (4 to 120).", valueName: "f"))
    var fps: Double = 30

    @Option(name: [.customShort("o"), .customLong("output")],
            help: ArgumentHelp("The .cast file to write ('-': standard output).", valueName: "file"))
    var output: String

    func validate() throws {
        if let steps, steps < 0 { throw CommandFailure(message: "invalid value '\(steps)' for --steps: expected a whole number ≥ 0") }
        guard fps.isFinite, (4...120).contains(fps) else {
            let shown = fps.isFinite && fps == fps.rounded() && abs(fps) < 1e15 ? String(Int(fps)) : String(fps)
            throw CommandFailure(message: "invalid value '\(shown)' for --fps: expected 4 to 120 frames a second")
        }
        guard !output.isEmpty else { throw CommandFailure(message: "invalid value '' for --output: expected a file name or '-'") }
        _ = try speed.speed()
    }

    func run() throws {
        let unicode = !view.ascii && Terminal.userLocaleIsUTF8()
        if let lesson {
            try castLesson(lesson, unicode: unicode)
            return
        }
        let model: Model
        var count = steps ?? 100
        if let script {
            // The script's model makes its changes at their steps and pauses at its end.
            guard options.isEmpty else { throw CommandFailure(message: "--script takes the setup from the file; give no other setup option") }
            var session = try readScript(script)
            let resolved = try resolve(session, name: script)
            session.panels = session.panels.isEmpty ? try view.panelNames() : session.panels
            let appearance = Model.Appearance(unicode: unicode, theme: try view.theme())
            do {
                model = try Model.replaying(session, resolved: resolved, appearance: appearance, width: size.width, height: size.height)
            } catch { throw CommandFailure(message: "\(script): \(error.description)") }
            count = steps ?? session.steps ?? 100
        } else {
            model = try view.model(resolved: view.applied(to: options.setup()).resolveShowingProgress(), unicode: unicode,
                                   width: size.width, height: size.height, paused: false)
        }
        var director = CastDirector(model: try speed.applied(to: model), framesPerSecond: fps, depth: .full)
        director.perform(.steps(count))
        if director.model.isPlaying { director.perform(.send(.key(.char(" ")))) }
        try writeCast(director.cast.text, to: output)
    }

    /// Films `lesson` (a built-in lesson's name or number, or a file, found as `downhill
    /// lesson` finds it) to the end of its last scene, as ``ScriptDriver`` plays it.
    /// - Throws: ``CommandFailure`` for options the lesson sets itself, or a lesson that
    ///   cannot be found or has a bad line (before any file is written).
    private func castLesson(_ lesson: String, unicode: Bool) throws {
        guard script == nil else { throw CommandFailure(message: "--lesson and --script: give one of them") }
        guard options.isEmpty, view.panelList == nil, view.view == nil else {
            throw CommandFailure(message: "--lesson takes the setup, panels and view from the lesson; give no other setup option")
        }
        guard steps == nil else { throw CommandFailure(message: "--steps does not apply to --lesson: its scenes say how far each one runs") }
        let (script, name, resolved) = try LessonCommand.prepare(lesson)
        let appearance = Model.Appearance(unicode: unicode, theme: try view.theme())
        let model: Model
        do {
            model = try Model.lesson(script, resolved: resolved, appearance: appearance, width: size.width, height: size.height)
        } catch { throw CommandFailure(message: "\(name): \(error.description)") }
        var director = CastDirector(model: try speed.applied(to: model), framesPerSecond: fps, depth: .full)
        director.perform(.drive(ScriptDriver()))
        try writeCast(director.cast.text, to: output)
    }
}

/// Writes a cast to `path` (`-`: standard output).
/// - Throws: ``CommandFailure`` naming the file when it cannot be written.
func writeCast(_ text: String, to path: String) throws {
    if path == "-" {
        writeOut(text)
        return
    }
    guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8)) else {
        throw CommandFailure(message: "cannot write '\(path)': " + String(cString: strerror(errno)))
    }
}
