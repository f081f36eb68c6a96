import Foundation
import Testing
import TestSupport

/// `run --script`, `lesson --list` and bad lesson files through the binary (SPEC §10).
@Suite struct ScriptCommandTests {
    /// The issue's session as a script file: valley, 5 steps, η three presses up, 5 steps.
    static let issueScript = """
        steps = 10
        [setup]
        surface = "valley"
        lr = 0.08
        [[change]]
        step = 5
        lr = 0.15962098519751042
        """

    @Test func runScriptPrintsTheRowsThroughItsChanges() throws {
        let out = try withTemporaryFile(Self.issueScript, suffix: ".toml") { try downhill(["run", "--script", $0.path]) }
        #expect(out.status == 0 && out.stderr.isEmpty)
        let rows = out.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",").compactMap { Double($0) } }
        #expect(rows.count == 11)
        // By hand: x ← x(1 − 2η), y ← y(1 − 20η); η = 0.08 for five steps, then 0.159621.
        var (x, y) = (-2.5, 1.0)
        for k in 0..<10 {
            let lr = k < 5 ? 0.08 : 0.15962098519751042
            (x, y) = (x * (1 - 2 * lr), y * (1 - 20 * lr))
        }
        #expect(abs(rows[10][1] - x) < 1e-12 && abs(rows[10][2] - y) < 1e-12)
        #expect(abs(rows[10][1] - -0.152862) < 5e-7 && abs(rows[10][2] - 3.938898) < 5e-7)
    }

    @Test func aScriptThatIsNoFileSaysWhatItIs() throws {
        try withTemporaryDirectory { folder in
            let missing = folder.appendingPathComponent("no such.toml").path
            let folderOut = try downhill(["run", "--script", folder.path])
            #expect(folderOut.status == 1 && folderOut.stderrLines == ["downhill: \(folder.path): cannot read the script (it is a directory)"])
            let missingOut = try downhill(["run", "--script", missing])
            #expect(missingOut.status == 1 && missingOut.stderrLines == ["downhill: \(missing): cannot read the script (no such file)"])
        }
    }

    @Test func runScriptRefusesOtherSetupOptions() throws {
        let out = try withTemporaryFile(Self.issueScript, suffix: ".toml") { try downhill(["run", "--script", $0.path, "--lr", "3"]) }
        #expect(out.status != 0 && out.stdout.isEmpty && out.stderrLines.count == 1)
    }

    @Test func lessonListNamesTheSevenBuiltInLessons() throws {
        let out = try downhill(["lesson", "--list"])
        #expect(out.status == 0)
        let lines = out.stdout.split(separator: "\n")
        #expect(lines.count == 7)
        #expect(lines.first?.hasPrefix("1. update-rule") == true && lines.last?.hasPrefix("7. schedules") == true)
    }

    @Test(arguments: [
        ("title = \"x\"\n[[scene]]\ncaption = \"a\"\n[[scene]\n", 4, "TOML"),
        ("[setup]\nsurface = \"bowl\"\n[[scene]]\ncaption = \"a\"\nspeeed = 3\n", 5, "unknown key 'speeed', did you mean 'speed'?"),
        // A scene's speed takes --speed's range (second trial): 0.5 was snapped to 1 before.
        ("[setup]\nsurface = \"bowl\"\n[[scene]]\ncaption = \"a\"\nspeed = 0.5\n", 5, "speed: expected steps per second, from 1 to 5000"),
        ("[setup]\nsurface = \"bowl\"\n[[scene]]\ncaption = \"a\"\nspeed = 6000\n", 5, "speed: expected steps per second, from 1 to 5000"),
        ("[setup]\nsurface = \"bowl\"\n[[scene]]\ncaption = \"a\"\n[[scene]]\ncaption = \"b\"\nlr = 0\n", 7, "invalid value '0'"),
    ] as [(String, Int, String)])
    func aBadLessonFileIsOneLineWithItsLineNumber(text: String, line: Int, message: String) throws {
        let out = try withTemporaryFile(text, suffix: ".toml") { url in try downhill(["lesson", url.path]).withName(url.path) }
        #expect(out.outcome.status == 1 && out.outcome.stdout.isEmpty)
        #expect(out.outcome.stderrLines.count == 1)
        #expect(out.outcome.stderrLines.first?.hasPrefix("downhill: \(out.name): line \(line): ") == true, "\(out.outcome.stderr)")
        #expect(out.outcome.stderr.contains(message), "\(out.outcome.stderr)")
    }

    @Test func anUnknownLessonNameSaysWhichThereAre() throws {
        let out = try downhill(["lesson", "saddle"])
        #expect(out.status == 1 && out.stderrLines.count == 1)
        #expect(out.stderr.contains("did you mean 'saddles'?"))
        // A number beyond the seven says the range, not a far-fetched name.
        for number in ["0", "8", "99"] {
            let numbered = try downhill(["lesson", number])
            #expect(numbered.status == 1 && numbered.stderrLines == ["downhill: no lesson \(number): the built-in lessons are numbered 1 to 7 (downhill lesson --list)"])
        }
    }
}

extension Outcome {
    func withName(_ name: String) -> (outcome: Outcome, name: String) { (self, name) }
}
