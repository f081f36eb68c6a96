import DownhillCore
@testable import DownhillApp
import DownhillRender
import DownhillSetup
import Foundation
import TestSupport
import Testing

/// Session scripts (SPEC §10): a session with live changes → its script → the replay's rows
/// equal what the session showed, step by step.
@Suite struct ScriptTests {
    /// Drives a model with messages and keeps the selected run's row each time it changes
    /// (after each step, and when a change starts the runs over): what the screen showed.
    struct Session {
        var model: Model
        var rows: [TrajectoryPoint]
        init(_ model: Model) {
            self.model = model
            rows = [model.descent.current]
        }
        mutating func send(_ keys: [Key]) {
            for key in keys {
                model.update(.key(key))
                if model.descent.current != rows.last { rows.append(model.descent.current) }
            }
        }
        mutating func keys(_ text: String) { send(text.map { Key.char($0) }) }
        mutating func command(_ line: String) { send([.char(":")] + line.map { Key.char($0) } + [.enter]) }
    }

    /// The replay's rows (`run --script`'s code path) of the session's script, read back from its text.
    func replay(_ model: Model) throws -> (rows: [TrajectoryPoint], script: SessionScript) {
        let script = try #require(model.sessionScript)
        let parsed = try SessionScript.parse(script.text)
        #expect(parsed.text == script.text, "the text reads back to the same script")
        var rows: [TrajectoryPoint] = []
        _ = try Model.replayRows(parsed, resolved: try parsed.setup.resolve()) { rows.append($0) }
        return (rows, parsed)
    }

    @Test func theIssuesCaseReplaysToThePointTheScreenShowed() throws {
        // valley, n×5, +×3, n×5. By hand: gd on x² + 10y² multiplies x by 1 − 2η and y by
        // 1 − 20η each step; η = 0.08 for 5 steps, then three rungs up the ladder (0.1, 0.125,
        // 0.16) for 5 more: x = −2.5·0.84⁵·0.68⁵, y = (−0.6)⁵·(−2.2)⁵.
        var s = Session(model("--surface valley"))
        s.keys("nnnnn+++nnnnn")
        var (x, y) = (-2.5, 1.0)
        var lr = 0.08
        for k in 0..<10 {
            if k == 5 { lr = 0.16 }
            (x, y) = (x * (1 - 2 * lr), y * (1 - 20 * lr))
        }
        #expect(s.model.descent.learningRate == 0.16)
        #expect(abs(x - -0.152013095) < 5e-9 && abs(y - 4.0074642432) < 5e-9, "the products by hand")
        #expect(abs(s.model.descent.point.x - x) < 1e-12 && abs(s.model.descent.point.y - y) < 1e-12)
        let (rows, script) = try replay(s.model)
        #expect(rows == s.rows)
        #expect(rows.count == 11 && rows[10].point == s.model.descent.point)
        #expect(script.changes.map(\.step) == [5, 5, 5] && script.steps == 10)
        // The command line alone would replay all ten steps at the final η: not the same point.
        var d = resolved(setup(words: commandWords([s.model.reproduceCommand.replacingOccurrences(of: "downhill ", with: "")]))).descent
        for _ in 0..<10 { d.advance() }
        #expect(d.point != s.model.descent.point)
    }

    @Test func manyKindsOfChangeReplayStepByStep() throws {
        var s = Session(model("--surface valley --optimizer gd"))
        s.keys("nnn+nn")                  // η live
        s.keys("onnnn")                   // optimizer: momentum, state fresh, point kept
        s.command("momentum 0.5")         // a rule's option
        s.keys("nnn")
        s.command("schedule cosine:10")
        s.keys("nn")
        s.send([.right])                  // the start moved: the runs start over
        s.keys("nnn")
        s.keys("m")                       // a panel
        s.keys("cnn")                     // a race of the default lineup
        s.send([.tab]); s.keys("+nn")     // η of another racer
        s.keys("cnn")                     // leave the race with that racer
        s.keys("bnn")                     // gradient noise on (analytic surface)
        s.keys("rnn")                     // restart
        s.command("surface bowl")
        s.keys("nnn")
        s.command("seed 5")
        s.keys("nn+nn")
        let (rows, script) = try replay(s.model)
        if rows != s.rows, let i = Optional(rows.indices.first { $0 >= s.rows.count || rows[$0] != s.rows[$0] } ?? rows.count) {
            Issue.record("first difference at row \(i) of \(rows.count) and \(s.rows.count): \(rows.dropFirst(i).first.map { "\($0.step) \($0.point)" } ?? "-") vs \(s.rows.dropFirst(i).first.map { "\($0.step) \($0.point)" } ?? "-")\n\(script.text)")
        }
        #expect(rows.last?.point == s.model.descent.point)
        #expect(script.changes.contains { $0.panels == ["maths"] })
        #expect(script.changes.contains { $0.solo })
    }

    @Test func aDataBackedSessionWithBatchChangesReplays() throws {
        var s = Session(model("--surface linear-regression --seed 2"))
        s.keys("nnnn")
        s.keys("bnnnn")                   // mini-batch of 8, live
        s.keys("bnnn")                    // SGD
        s.keys("-nn")
        let (rows, _) = try replay(s.model)
        #expect(rows == s.rows)
    }

    @Test func pShowsTheCommandLineUntilALiveChange() {
        var m = model("--surface valley")
        m.press(.char("+"), .char("n"), .char("n"))
        #expect(m.sessionScript == nil, "a change before the first step: the command line reproduces it")
        #expect(m.update(.key(.char("p"))).contains(.saveScript) == false)
        #expect(m.notice == m.reproduceCommand)
        m.press(.char("+"), .char("n"))
        #expect(m.sessionScript != nil)
        #expect(m.update(.key(.char("p"))).contains(.saveScript))
        m.update(.scriptSaved("downhill-session-1.toml"))
        #expect(m.notice == "replay this session: downhill --script downhill-session-1.toml")
        // A restart after it: the screen is a fresh run again.
        m.press(.char("r"), .char("n"))
        #expect(m.sessionScript == nil)
    }

    @Test func playingAScriptMakesItsChangesAtTheirStepsAndPausesAtItsEnd() throws {
        let text = """
            steps = 12
            [setup]
            surface = "valley"
            lr = 0.05
            [[change]]
            step = 4
            lr = 0.02
            optimizer = "momentum"
            """
        let script = try SessionScript.parse(text)
        var m = try Model.replaying(script, resolved: try script.setup.resolve(), appearance: .init(unicode: true), width: 80,
                                    height: 24)
        // Ticks of 0.25 s at 20 steps/s are 5 steps each: the change falls inside a tick.
        for _ in 0..<10 { m.update(.tick(seconds: 0.25)) }
        #expect(m.descent.step == 12 && !m.isPlaying)
        #expect(m.descent.optimizer.name == "momentum" && m.descent.learningRate == 0.02)
        var rows: [TrajectoryPoint] = []
        _ = try Model.replayRows(script, resolved: try script.setup.resolve()) { rows.append($0) }
        #expect(rows.last == m.descent.current)
    }

    @Test(arguments: [
        ("[setup\nsurface = 1", 1, "TOML"),
        ("[setup]\nsurface = \"valley\"\nlrr = 0.1", 3, "unknown setting 'lrr', did you mean 'lr'?"),
        ("[setup]\nsurface = \"valley\"\n\n[[change]]\nstep = 2\nlr = \"fast\"", 6, "invalid value 'fast' for lr"),
        ("[[change]]\nlr = 0.1", 1, "expected a step"),
        ("colour = 3", 1, "unknown key 'colour'"),
        ("[setup]\nshow = [\"math\"]", 2, "unknown panel 'math', did you mean 'maths'?"),
        ("[[scene]]\ncaption = \"x\"\nrun = -3", 3, "run: expected"),
        ("[[scene]]\ncaption = \"x\"\nstep = 3", 3, "unknown key 'step'"),
    ] as [(String, Int, String)])
    func aBadScriptIsOneLineWithItsLineNumber(text: String, line: Int, message: String) {
        let error = checkError(text)
        #expect(error?.line == line, "\(error?.description ?? "no error")")
        #expect(error?.description.contains(message) == true, "\(error?.description ?? "no error")")
        #expect(error?.description.contains("\n") == false)
    }

    /// The first error reading or playing `text`, as `downhill lesson`/`run --script` meet it.
    func checkError(_ text: String) -> ScriptError? {
        do {
            let script = try SessionScript.parse(text)
            let resolved = try script.setup.resolve()
            if script.scenes.isEmpty {
                _ = try Model.replayRows(script, resolved: resolved) { _ in }
            } else {
                try Model.check(lesson: script, resolved: resolved)
            }
            return nil
        } catch let error as ScriptError {
            return error
        } catch {
            return ScriptError(line: 0, "\(error)")
        }
    }

    @Test func captionsWrapAtSpacesAndKeepParagraphs() {
        #expect(CaptionBox.wrap("one two three four", width: 9) == ["one two", "three", "four"])
        #expect(CaptionBox.wrap("a b\n\nc", width: 10) == ["a b", "", "c"])
        #expect(CaptionBox.wrap("a\nb", width: 10) == ["a b"])
        // A spaced operator keeps its two sides on one line (the trial's "factor is 1 −" /
        // "20η = 0.9"); a formula longer than a line still breaks at its spaces.
        #expect(CaptionBox.wrap("the factor is 1 − 20η = 0.9 here", width: 16) == ["the factor is", "1 − 20η = 0.9", "here"])
        #expect(CaptionBox.wrap("stable iff |1 − ηλmax| < 1.", width: 17) == ["stable iff", "|1 − ηλmax| < 1."])
        #expect(CaptionBox.wrap("a = b = c = d", width: 5) == ["a = b", "= c =", "d"])
    }
}

/// The built-in lessons: embedded as written in Assets/lessons, each played headless to its
/// end at 80×24 and 160×48 with no caption cut.
@Suite struct BuiltinLessonTests {
    static let directory = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Assets/lessons")

    @Test func theEmbeddedLessonsAreTheAssetFiles() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: Self.directory.path).filter { $0.hasSuffix(".toml") }
            .sorted { Int($0.prefix { $0.isNumber })! < Int($1.prefix { $0.isNumber })! }
        let lessons = try files.map { file in
            (name: String(file.dropFirst(file.prefix { $0.isNumber }.count + 1).dropLast(5)),
             text: try String(contentsOf: Self.directory.appendingPathComponent(file), encoding: .utf8))
        }
        if ProcessInfo.processInfo.environment["LESSONS_RECORD"] == "1" {
            let source = Self.directory.deletingLastPathComponent().deletingLastPathComponent()
                .appendingPathComponent("Sources/DownhillApp/BuiltinLessons.swift")
            let old = try String(contentsOf: source, encoding: .utf8)
            let head = old[..<old.range(of: "    public static let all: [Lesson] = [")!.lowerBound]
            let body = lessons.map { "        Lesson(name: \"\($0.name)\", text: ##\"\"\"\n\($0.text)\n\"\"\"##),\n" }.joined()
            try (head + "    public static let all: [Lesson] = [\n" + body + "    ]\n}\n").write(to: source, atomically: true, encoding: .utf8)
        }
        #expect(lessons.count == 7)
        #expect(BuiltinLessons.all.map(\.name) == lessons.map(\.name), "LESSONS_RECORD=1 swift test --filter BuiltinLessonTests")
        for (embedded, file) in zip(BuiltinLessons.all, lessons) {
            let same = embedded.text == file.text
            #expect(same, "\(file.name) differs from its file: LESSONS_RECORD=1 swift test --filter BuiltinLessonTests")
        }
        #expect(BuiltinLessons.named("2")?.name == "learning-rate" && BuiltinLessons.named("saddles") != nil)
    }

    @Test(arguments: BuiltinLessons.all.map(\.name), [(80, 24), (160, 48)])
    func everyLessonPlaysToItsEndWithNoCaptionCut(name: String, size: (Int, Int)) throws {
        let script = try SessionScript.parse(try #require(BuiltinLessons.named(name)).text)
        #expect(script.title != nil && script.summary != nil)
        var m = try Model.lesson(script, resolved: try script.setup.resolve(), appearance: .init(unicode: true), width: size.0,
                                 height: size.1)
        var driver = ScriptDriver(frameSeconds: 0.25, readingSeconds: 0.5)
        var seen: Set<Int> = []
        // A scene that runs N steps must move the run: one that starts on a converged run
        // shows nothing happening under a caption that says it does.
        var entered: (scene: Int, step: Int)?
        func checkMoved() {
            guard let entered, case .steps(let n) = script.scenes[entered.scene].action, n > 0 else { return }
            #expect(m.descent.step > entered.step || m.descent.isDiverged,
                    "scene \(entered.scene + 1) runs \(n) steps but the run stayed at step \(m.descent.step)")
        }
        for _ in 0..<20_000 {
            let scene = try #require(m.lessonScene)
            if !seen.contains(scene.index) {
                entered = (scene.index, m.descent.step)
                seen.insert(scene.index)
                let words = script.scenes[scene.index].caption.split(whereSeparator: \.isWhitespace).joined(separator: " ")
                let shown = captionText(m.view().lines())
                let whole = shown == Glyphs.forTerminal(unicode: true).text(words)
                #expect(whole, "scene \(scene.index + 1) at \(size): \(shown.suffix(60))")
                #expect(m.notice == nil, "scene \(scene.index + 1): \(m.notice ?? "")")
            }
            let messages = driver.next(m)
            if messages.isEmpty { break }
            if messages.contains(where: { if case .key(.enter) = $0 { true } else { false } }) { checkMoved() }
            for message in messages { m.update(message) }
        }
        checkMoved()
        #expect(seen.count == script.scenes.count)
        #expect(m.lessonScene?.index == script.scenes.count - 1)
        #expect(!m.isPlaying)
    }

    @Test func enterGoesOnBackspaceGoesBackAndOtherKeysWorkAsInPlay() throws {
        let script = try SessionScript.parse(try #require(BuiltinLessons.named("update-rule")).text)
        var m = try Model.lesson(script, resolved: try script.setup.resolve(), appearance: .init(unicode: true), width: 80,
                                 height: 24)
        #expect(m.lessonScene?.index == 0 && !m.isPlaying)
        m.press(.enter)
        #expect(m.lessonScene?.index == 1)
        m.tick(0.25, times: 4)
        // Scene 2 takes one step of η = 0.1 on x² + y² from (1.5, 1.2): θ ← 0.8·θ.
        #expect(m.descent.step == 1)
        #expect(abs(m.descent.point.x - 1.2) < 1e-12 && abs(m.descent.point.y - 0.96) < 1e-12)
        m.press(.char("n"))  // a student pokes: one more step, as in play
        #expect(m.descent.step == 2)
        m.press(.backspace)
        #expect(m.lessonScene?.index == 0 && m.descent.step == 0)
        m.press(.enter, .enter)
        #expect(m.lessonScene?.index == 2)
        m.press(.char("q"))
        #expect(m.shouldQuit)
    }
}

/// A lesson below the sidebar's width (a projector's font, 61×19): the plot the caption
/// talks about stays in view; a panel key shows the scene's panels over it; the next scene
/// starts with the plot again.
@Suite struct NarrowLessonTests {
    @Test func aNarrowLessonKeepsItsPlotUntilAPanelKeyAsks() throws {
        let script = try SessionScript.parse(try #require(BuiltinLessons.named("adaptive")).text)
        var m = try Model.lesson(script, resolved: try script.setup.resolve(), appearance: .init(unicode: true), width: 61, height: 19)
        // The lesson opens the loss chart; the sidebar needs 74 columns.
        #expect(m.isOpen("chart") && ScreenLayout(width: 61, height: 19, sidebar: true).sidebar == nil)
        // The chart's step axis (its title may be under the caption box).
        func chartShown() -> Bool { m.view().lines().contains { $0.contains(" step ") && !$0.hasPrefix("step") } }
        #expect(!chartShown())
        #expect(m.view().lines().contains { $0.contains("★") })  // the minimum (1, 1) on the plot
        m.press(.char("g"))  // shows the open chart (does not close it)
        #expect(m.isOpen("chart") && chartShown())
        m.press(.char("g"))  // now as in play: closes it
        #expect(!m.isOpen("chart") && !chartShown())
        m.press(.char("g"))
        m.press(.enter)  // the next scene: the plot again, the chart still open
        #expect(m.lessonScene?.index == 1 && m.isOpen("chart") && !chartShown())
    }
}

@Suite struct LessonHelpTests {
    @Test func theHelpInALessonStartsWithEnterAndBackspace() throws {
        let script = try SessionScript.parse(try #require(BuiltinLessons.named("update-rule")).text)
        var m = try Model.lesson(script, resolved: try script.setup.resolve(), appearance: .init(unicode: true), width: 80, height: 24)
        m.press(.char("?"))
        let lines = m.view().lines()
        let enter = try #require(lines.firstIndex { $0.contains("Enter") && $0.contains("the next scene") })
        let back = try #require(lines.firstIndex { $0.contains("Backspace") && $0.contains("the previous scene") })
        let space = try #require(lines.firstIndex { $0.contains("play / pause") })
        #expect(enter < back && back < space)
        // Outside a lesson they are not keys of the app.
        var play = model("--surface valley")
        play.press(.char("?"))
        #expect(!play.view().lines().contains { $0.contains("the next scene") })
    }
}
