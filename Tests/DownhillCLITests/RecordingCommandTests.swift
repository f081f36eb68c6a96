import DownhillSetup
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Testing
import TestSupport

/// `downhill cast` and `frame --format svg` from the outside: files valid for their
/// formats, the same bytes for the same command, the last picture equal to `frame`'s.
@Suite struct CastCommandTests {
    /// Gradient descent zig-zagging across the valley: 14 steps do not converge.
    static let zigzag = ["--surface", "valley", "--lr", "0.095", "--start", "-2.5,1", "--show", "gauge"]

    /// The cast of `arguments` as text (written to a temporary file).
    func cast(_ arguments: [String]) throws -> String {
        try withTemporaryFile("", suffix: ".cast") { url in
            let out = try downhill(["cast"] + arguments + ["-o", url.path])
            #expect(out.status == 0, "cast failed: \(out.stderr)")
            #expect(out.stdout.isEmpty && out.stderr.isEmpty)
            return try String(contentsOf: url, encoding: .utf8)
        }
    }

    @Test func theCastIsAsciicastV2EndingOnTheScreenFrameDraws() throws {
        let size = ["--width", "100", "--height", "26"]
        let text = try cast(Self.zigzag + size + ["--steps", "14", "--fps", "10"])
        let (header, events) = try parseAsciicast(text)
        #expect(header["version"] as? Int == 2)
        #expect(header["width"] as? Int == 100)
        #expect(header["height"] as? Int == 26)
        #expect(header["timestamp"] == nil, "a cast is the same file whenever it is made")
        #expect(!events.isEmpty && events.allSatisfy { $0.code == "o" })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
        // 14 steps at the default 20 steps/s: 0.7 s, the last frames at 10 frames a second.
        #expect(events.first?.time == 0)
        #expect(abs((events.last?.time ?? 0) - 0.7) < 1e-9, "last event at \(events.last?.time ?? -1)")

        var screen = VTScreen(width: 100, height: 26)
        for event in events { screen.feed(event.text) }
        #expect(screen.unknown.isEmpty, "escapes outside the subset: \(screen.unknown.prefix(5))")
        var reference = VTScreen(width: 100, height: 26)
        let frame = try downhill(["frame"] + Self.zigzag + size + ["--steps", "14", "--color", "always"])
        try #require(frame.status == 0, "frame failed: \(frame.stderr)")
        // frame writes line after line; the emulator's cursor starts at the top left.
        reference.feed(String(frame.stdout.dropLast()).replacingOccurrences(of: "\n", with: "\r\n"))
        #expect(screen.lines == reference.lines)
        #expect(screen.styles == reference.styles, "same glyphs, other colours")
        #expect(screen.lines.last?.contains("step 14") == true)
    }

    @Test func theSameCommandWritesTheSameBytes() throws {
        // Gradient noise drawn from the seed: randomness too gives the same file.
        let arguments = ["--surface", "rosenbrock", "--optimizer", "adam", "--lr", "0.05", "--noise", "0.5", "--seed", "7", "--steps", "60"]
        let first = try cast(arguments), second = try cast(arguments)
        #expect(first == second)
        #expect(try parseAsciicast(first).events.count > 10)
    }

    @Test func aScriptIsFilmedWithItsChangesToItsEnd() throws {
        // The case of issue 14: valley, 5 steps at η 0.08, η raised three times (+), 5 more
        // steps; the screen then showed (−0.152862, 3.938898), loss 155.17, at step 10.
        let script = ScriptCommandTests.issueScript + "\n"
        let text = try withTemporaryFile(script, suffix: ".toml") { url in try cast(["--script", url.path, "--fps", "10"]) }
        let events = try parseAsciicast(text).events
        var screen = VTScreen(width: 80, height: 24)
        for event in events { screen.feed(event.text) }
        // The status's words with single spaces (its columns are aligned with padding).
        let status = screen.lines.suffix(2).joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(status.contains("paused") && status.contains("step 10"), "\(status)")
        #expect(status.contains("x -0.152862") && status.contains("y 3.93890") && status.contains("loss 155.173"), "\(status)")
        // 10 steps at 20 steps/s filmed at 10 frames a second: the end at 0.5 s.
        #expect(abs((events.last?.time ?? 0) - 0.5) < 1e-9)
        let withOptions = try downhill(["cast", "--script", "x.toml", "--lr", "0.1", "-o", "-"])
        #expect(withOptions.status != 0 && withOptions.stderrLines.count == 1, "\(withOptions.stderr)")
    }

    /// The lesson files the built-in lessons are made from.
    static let lessons = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets/lessons")

    @Test func aLessonIsFilmedSceneBySceneToItsLastCaption() throws {
        let text = try cast(["--lesson", "1"])
        #expect(try cast(["--lesson", "update-rule"]) == text, "the same lesson, by name or number, gives the same bytes")
        let (header, events) = try parseAsciicast(text)
        #expect(header["version"] as? Int == 2 && header["width"] as? Int == 80 && header["height"] as? Int == 24)
        #expect(!events.isEmpty && events.allSatisfy { $0.code == "o" })
        #expect(zip(events, events.dropFirst()).allSatisfy { $0.time <= $1.time })
        // The captions as the lesson's file says them (its TOML read by the project's parser).
        let file = try String(contentsOf: Self.lessons.appendingPathComponent("1-update-rule.toml"), encoding: .utf8)
        let captions = try SessionScript.parse(file).scenes.map { $0.caption.split(whereSeparator: \.isWhitespace).joined(separator: " ") }
        try #require(captions.count == 5)
        // Replayed event by event: each scene's caption in turn, on screen 4 s or more.
        var screen = VTScreen(width: 80, height: 24)
        var shown: [(caption: String, since: Double)] = []
        for event in events {
            screen.feed(event.text)
            let caption = captionText(screen.lines)
            if caption != shown.last?.caption { shown.append((caption, event.time)) }
        }
        #expect(screen.unknown.isEmpty, "escapes outside the subset: \(screen.unknown.prefix(5))")
        #expect(shown.map(\.caption) == captions)
        let end = events.last?.time ?? 0
        for (scene, next) in zip(shown, shown.dropFirst().map(\.since) + [end]) {
            #expect(next - scene.since >= 4, "\(scene.caption.prefix(30)): \(next - scene.since) s")
        }
        // It ends on the last scene, its box saying so, and (η = 0.5 on x² + y²: θ ← 0·θ)
        // converged at the minimum after one step; the film lasts its 4 s of reading.
        #expect(screen.lines[1].contains("(5/5)"), "\(screen.lines[1])")
        #expect(screen.lines.contains { $0.contains("the end") })
        let status = screen.lines.suffix(2).joined(separator: " ").split(whereSeparator: \.isWhitespace).joined(separator: " ")
        #expect(status.contains("converged") && status.contains("step 1 x 0.00000 y 0.00000"), "\(status)")
        #expect(events.last?.text == "", "an empty event marks the end of the reading time")
    }

    @Test func aLessonWithOtherSetupOrAnUnknownNameIsOneLineAndNoFile() throws {
        try withTemporaryDirectory { folder in
            let target = folder.appendingPathComponent("lesson.cast").path
            let bad = folder.appendingPathComponent("bad.toml")
            try "[setup]\nsurface = \"bowl\"\n[[scene]]\ncaption = \"a\"\n[[scene]]\ncaption = \"b\"\nlr = 0\n".write(to: bad, atomically: true, encoding: .utf8)
            let cases: [([String], [String])] = [
                (["--lesson", "1", "--script", bad.path], ["--lesson and --script"]),
                (["--lesson", "1", "--lr", "0.1"], ["--lesson takes the setup"]),
                (["--lesson", "1", "--surface", "bowl"], ["--lesson takes the setup"]),
                (["--lesson", "1", "--show", "gauge"], ["--lesson takes the setup, panels"]),
                (["--lesson", "1", "--view", "-1:1,-1:1"], ["--lesson takes the setup, panels and view"]),
                (["--lesson", "1", "--steps", "10"], ["--steps does not apply to --lesson"]),
                (["--lesson", "nope"], ["no lesson 'nope'", "update-rule"]),
                (["--lesson", "learning-rat"], ["did you mean 'learning-rate'?"]),
                (["--lesson", "9"], ["no lesson 9: the built-in lessons are numbered 1 to 7"]),
                (["--lesson", bad.path], ["bad.toml: line 7", "'0'"]),
            ]
            for (arguments, mentions) in cases {
                let out = try downhill(["cast"] + arguments + ["-o", target])
                #expect(out.status == 1, "\(arguments)")
                #expect(out.stderrLines.count == 1, "\(arguments): \(out.stderr)")
                for words in mentions { #expect(out.stderr.contains(words), "\(arguments): \(out.stderr)") }
                #expect(out.stdout.isEmpty)
                #expect(!FileManager.default.fileExists(atPath: target), "\(arguments) wrote a file")
            }
        }
    }

    @Test func badValuesAreOneLineAndWriteNoFile() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("cast-bad-\(UUID().uuidString.prefix(8))")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        let target = folder.appendingPathComponent("x.cast").path
        let cases: [([String], [String])] = [
            (["--fps", "0", "-o", target], ["'0'", "--fps"]),
            (["--fps", "500", "-o", target], ["--fps", "4 to 120"]),
            (["--steps", "-3", "-o", target], ["'-3'", "--steps"]),
            (["--surface", "valey", "-o", target], ["valey", "'valley'"]),
            (["--width", "0", "-o", target], ["'0'", "--width"]),
            (["-o", folder.appendingPathComponent("no/such/dir.cast").path], ["cannot write", "dir.cast"]),
        ]
        for (arguments, mentions) in cases {
            let out = try downhill(["cast"] + arguments)
            #expect(out.status != 0, "\(arguments)")
            #expect(out.stderrLines.count == 1, "\(arguments): \(out.stderr)")
            for word in mentions { #expect(out.stderr.contains(word), "\(arguments): \(out.stderr)") }
            #expect(!FileManager.default.fileExists(atPath: target), "\(arguments) wrote a file")
        }
        let missing = try downhill(["cast", "--steps", "3"])
        #expect(missing.status != 0 && missing.stderr.contains("--output"), "\(missing.stderr)")
    }

    @Test func aSessionThatCannotStartLeavesNoRecording() throws {
        // Standard output is a file here: play refuses to start, and the recording it had
        // opened is removed again.
        try withTemporaryDirectory { folder in
            let path = folder.appendingPathComponent("session.cast").path
            let out = try downhill(["play", "--record", path])
            #expect(out.status == 1 && out.stderr.contains("standard output is not a terminal"), "\(out.stderr)")
            #expect(!FileManager.default.fileExists(atPath: path))
        }
    }

    @Test func aRecordingThatCannotBeWrittenIsRefusedBeforeTheTerminal() throws {
        let out = try downhill(["play", "--record", "/nonexistent-folder/session.cast"])
        #expect(out.status == 1)
        // The path is the problem, so no word about `cast` (that is for a missing terminal).
        #expect(out.stderrLines == ["downhill: cannot write the recording '/nonexistent-folder/session.cast': No such file or directory"])
        #expect(out.stdout.isEmpty)
    }
}

@Suite struct SVGCommandTests {
    @Test func frameAsSVGIsXMLCarryingEveryRowsText() throws {
        let arguments = ["frame", "--surface", "himmelblau", "--steps", "5", "--width", "80", "--height", "24"]
        let svg = try downhill(arguments + ["--format", "svg"])
        #expect(svg.status == 0, "\(svg.stderr)")
        let text = try downhill(arguments)
        let parser = XMLParser(data: Data(svg.stdout.utf8))
        let texts = TextCollector()
        parser.delegate = texts
        #expect(parser.parse(), "\(parser.parserError.map { "\($0)" } ?? "")")
        #expect(texts.root == "svg")
        // Every non-blank run of the text screen is a <text> at its cell (y in 17 px rows).
        let rows = text.stdout.split(separator: "\n", omittingEmptySubsequences: false).prefix(24)
        for (row, line) in rows.enumerated() {
            let shown = texts.runs.filter { $0.row == row }.sorted { $0.column < $1.column }
            var rebuilt = Array(repeating: Character(" "), count: 80)
            for run in shown { for (i, ch) in run.text.enumerated() where run.column + i < 80 { rebuilt[run.column + i] = ch } }
            #expect(String(rebuilt) == String(line), "row \(row)")
        }
    }

    @Test func colourOptionsWithSVGAreRefusedInOneLine() throws {
        let out = try downhill(["frame", "--format", "svg", "--color", "always"])
        #expect(out.status != 0 && out.stdout.isEmpty)
        #expect(out.stderrLines == ["downhill: --color applies to --format text; an SVG always has its colours"])
        let bad = try downhill(["frame", "--format", "png"])
        #expect(bad.status != 0 && bad.stderrLines.count == 1 && bad.stderr.contains("png"), "\(bad.stderr)")
    }
}

/// `<text>` elements of an SVG with the cell they start at (9 × 17 px cells).
final class TextCollector: NSObject, XMLParserDelegate {
    var root: String?
    var runs: [(column: Int, row: Int, text: String)] = []
    private var open: (column: Int, row: Int)?
    private var buffer = ""

    func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?,
                attributes: [String: String] = [:]) {
        if root == nil { root = name }
        guard name == "text", let x = attributes["x"].flatMap(Int.init), let y = attributes["y"].flatMap(Int.init) else { return }
        open = (x / 9, y / 17)
        buffer = ""
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        if open != nil { buffer += string }
    }

    func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) {
        if name == "text", let open {
            runs.append((open.column, open.row, buffer))
            self.open = nil
        }
    }
}
