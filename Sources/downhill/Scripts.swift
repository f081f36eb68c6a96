import ArgumentParser
import DownhillApp
import DownhillCore
import DownhillSetup
import DownhillTerminal
import Foundation

/// Reads a session script or lesson file.
/// - Throws: ``CommandFailure``: `FILE: line N: message` (a missing file, TOML syntax, an
///   unknown key, a bad value).
func readScript(_ path: String) throws -> SessionScript {
    let text: String
    do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
        var isFolder: ObjCBool = false
        let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isFolder)
        let why = !exists ? "no such file" : isFolder.boolValue ? "it is a directory" : "not UTF-8 text or not readable"
        throw CommandFailure(message: "\(path): cannot read the script (\(why))")
    }
    return try parseScript(text, name: path)
}

/// Parses a script or lesson's text; `name` prefixes the error.
/// - Throws: ``CommandFailure`` `NAME: line N: message`.
func parseScript(_ text: String, name: String) throws -> SessionScript {
    do { return try SessionScript.parse(text) } catch { throw CommandFailure(message: "\(name): \(error.description)") }
}

/// A script's setup resolved (its data read), errors naming the file and the setup's line.
func resolve(_ script: SessionScript, name: String) throws -> Resolved {
    do { return try script.setup.resolveShowingProgress() } catch {
        throw CommandFailure(message: "\(name): line \(script.setupLine(for: error.description)): \(error.description)")
    }
}

/// Writes session scripts for `p` and the exit line: `downhill-session-N.toml` in the
/// current directory (the first N not taken), or in the temporary directory when the
/// current one cannot be written. A script that some file already holds is not written
/// again: the script that was played (`--script FILE`) or one this saver wrote, while the
/// file still reads back as that script, is named instead.
final class ScriptSaver {
    /// The scripts written so far, with their files.
    private var written: [(text: String, path: String)] = []
    /// The file played with `--script`, if any.
    private let played: String?
    /// Where new files go first (the current directory when nil).
    private let directory: String?

    init(played: String? = nil, directory: String? = nil) {
        self.played = played
        self.directory = directory
    }

    /// What `p` shows once the session's script is written (or could not be).
    func message(_ model: Model) -> Message? {
        guard let script = model.sessionScript else { return nil }
        switch save(script) {
        case .success(let path): return .scriptSaved(path)
        case .failure(let failure): return .scriptNotSaved(failure.message)
        }
    }

    /// Writes `script`, or names the file that already holds it; returns the file's path,
    /// or why it could not be written.
    func save(_ script: SessionScript) -> Result<String, CommandFailure> {
        let text = script.text
        for path in [played].compactMap({ $0 }) + written.filter({ $0.text == text }).map(\.path) where Self.holds(path, text) {
            return .success(path)
        }
        let fm = FileManager.default
        let here = directory ?? fm.currentDirectoryPath
        for folder in [here, NSTemporaryDirectory()] {
            for n in 1...999 {
                let name = "downhill-session-\(n).toml"
                let path = folder == fm.currentDirectoryPath ? name : (folder as NSString).appendingPathComponent(name)
                guard !fm.fileExists(atPath: path) else { continue }
                if fm.createFile(atPath: path, contents: Data(text.utf8)) {
                    written.append((text, path))
                    return .success(path)
                }
                break  // this directory cannot be written: try the next
            }
        }
        return .failure(CommandFailure(message: "could not write the session script here or in \(NSTemporaryDirectory())"))
    }

    /// True when the file at `path` is the script `text`: the same bytes, or a script that
    /// reads back the same (another layout or comments of a hand-written file).
    static func holds(_ path: String, _ text: String) -> Bool {
        guard let contents = try? String(contentsOfFile: path, encoding: .utf8) else { return false }
        return contents == text || (try? SessionScript.parse(contents))?.text == text
    }
}

/// `downhill lesson`: a guided lesson (SPEC §10).
struct LessonCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lesson",
        abstract: "Play a guided lesson: captions, runs and changes, scene by scene.",
        discussion: """
            NAME is a built-in lesson (see --list) or a lesson file (TOML, the format of \
            session scripts plus [[scene]]s). Enter goes to the next scene, Backspace to the \
            previous one, q quits; every other key works as in 'play'. With --speed N the \
            lesson starts at N steps per second, until a scene that sets its own speed begins.
            """
    )

    @Argument(help: ArgumentHelp("A built-in lesson's name or number, or a lesson file.", valueName: "name|file"))
    var lesson: String?

    @Flag(help: "List the built-in lessons.")
    var list = false

    @Flag(help: "Plain ASCII glyphs even under a UTF-8 locale.")
    var ascii = false

    @OptionGroup var speed: SpeedOption

    @Option(parsing: .unconditional,
            help: ArgumentHelp("Record the lesson, as the terminal receives it, into an asciicast v2 file.", valueName: "file.cast"))
    var record: String?

    func run() throws {
        if list || lesson == nil {
            for (i, builtin) in BuiltinLessons.all.enumerated() {
                let script = try parseScript(builtin.text, name: builtin.name)
                writeOut("\(i + 1). \(builtin.name)  \(script.title ?? "")\(script.summary.map { ": " + $0 } ?? "")\n")
            }
            return
        }
        let startSpeed = try speed.speed()  // checked before the terminal changes
        let (script, name, resolved) = try Self.prepare(lesson!)
        let terminal: Terminal
        let recorder: SessionRecorder?
        do { recorder = try record.map { path throws(TerminalError) in try SessionRecorder.open(path: path) } } catch {
            throw CommandFailure(message: error.description)
        }
        do { terminal = try Terminal.start(forceASCII: ascii, recorder: recorder) } catch {
            recorder?.discard()  // no empty recording left behind
            throw CommandFailure(message: error.description)
        }
        var model: Model
        do {
            model = try Model.lesson(script, resolved: resolved, appearance: .init(unicode: terminal.supportsUnicode),
                                     width: terminal.width, height: terminal.height)
        } catch {
            terminal.stop(settle: false)
            throw CommandFailure(message: "\(name): \(error.description)")
        }
        if let startSpeed { model.setSpeed(startSpeed) }  // a scene's own speed changes it as the scene begins
        let saver = ScriptSaver()
        let status = runInteractive(&model, terminal, saveScript: saver.message)
        Foundation.exit(status)
    }

    /// The lesson `text` names (as ``load(_:)`` finds it), its setup resolved and every
    /// scene played headless (``Model/check(lesson:resolved:)``), so that a bad value in any
    /// scene is refused with its line before anything is shown or written.
    /// - Throws: ``CommandFailure`` `NAME: line N: message`, or no such lesson.
    static func prepare(_ text: String) throws -> (script: SessionScript, name: String, resolved: Resolved) {
        let (script, name) = try load(text)
        let resolved = try resolve(script, name: name)
        do { try Model.check(lesson: script, resolved: resolved) } catch { throw CommandFailure(message: "\(name): \(error.description)") }
        return (script, name, resolved)
    }

    /// A built-in lesson by name or number, else a file.
    static func load(_ text: String) throws -> (SessionScript, String) {
        if let builtin = BuiltinLessons.named(text) { return (try parseScript(builtin.text, name: builtin.name), builtin.name) }
        guard FileManager.default.fileExists(atPath: text) else {
            let names = BuiltinLessons.all.map(\.name)
            if !text.isEmpty, text.allSatisfy({ ("0"..."9").contains($0) }) {
                throw CommandFailure(message: "no lesson \(text): the built-in lessons are numbered 1 to \(names.count) (downhill lesson --list)")
            }
            throw CommandFailure(message: "no lesson '\(text)': not a built-in lesson (\(names.joined(separator: ", "))) nor a file"
                                 + (closestName(to: text, in: names).map { "; did you mean '\($0)'?" } ?? ""))
        }
        return (try readScript(text), text)
    }
}
