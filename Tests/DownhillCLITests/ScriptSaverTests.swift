@testable import downhill
import DownhillApp
import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// The new-user trial: replaying a session script and quitting wrote a new, byte-identical
/// `downhill-session-N.toml`; the file that already holds the script is named instead.
@Suite struct ScriptSaverTests {
    /// valley, five steps, three rungs up, five steps: a session with live changes.
    func session() throws -> Model {
        var m = Model(resolved: resolved("--surface valley"), appearance: .init(unicode: true), width: 80, height: 24, paused: true)
        for c in "nnnnn+++nnnnn" { m.update(.key(.char(c))) }
        return m
    }

    /// The session files in `directory`, by name.
    func files(_ directory: URL) throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: directory.path).filter { $0.hasPrefix("downhill-session-") }.sorted()
    }

    @Test func replayingASessionFileAndQuittingNamesThatFile() throws {
        try withTemporaryDirectory { dir in
            let script = try #require(try session().sessionScript)
            let first = try ScriptSaver(directory: dir.path).save(script).get()
            #expect(first == dir.appendingPathComponent("downhill-session-1.toml").path)
            // `downhill --script downhill-session-1.toml`, played to its end, then q.
            let played = try SessionScript.parse(String(contentsOfFile: first, encoding: .utf8))
            var replay = try Model.replaying(played, resolved: played.setup.resolve(), appearance: .init(unicode: true),
                                             width: 80, height: 24, paused: false)
            for _ in 0..<40 { replay.update(.tick(seconds: 0.05)) }
            #expect(replay.descent.step == 10)
            let again = try #require(replay.sessionScript)
            #expect(again.text == script.text)
            let saver = ScriptSaver(played: first, directory: dir.path)
            #expect(exitLine(replay, saver) == "to replay: downhill --script " + SetupCodec.shellQuoted(first))
            #expect(try files(dir) == ["downhill-session-1.toml"])
        }
    }

    @Test func aScriptAlreadyWrittenIsNamedAgainAndAnotherGetsANewFile() throws {
        try withTemporaryDirectory { dir in
            let saver = ScriptSaver(directory: dir.path)
            let a = try #require(try session().sessionScript)
            var other = try session()
            for c in "--nn" { other.update(.key(.char(c))) }
            let b = try #require(other.sessionScript)
            #expect(a.text != b.text)
            let pa = try saver.save(a).get(), pb = try saver.save(b).get()
            #expect(try saver.save(a).get() == pa && saver.save(b).get() == pb)
            #expect(try files(dir) == ["downhill-session-1.toml", "downhill-session-2.toml"])
            // A file changed since it was written no longer holds the script: a new one is written.
            try "# edited\n".write(toFile: pa, atomically: true, encoding: .utf8)
            #expect(try saver.save(a).get() == dir.appendingPathComponent("downhill-session-3.toml").path)
        }
    }

    @Test func aPlayedFileThatReadsBackAsTheSessionIsNamedEvenWithComments() throws {
        try withTemporaryDirectory { dir in
            let script = try #require(try session().sessionScript)
            let path = dir.appendingPathComponent("my lesson.toml").path
            try ("# written by hand\n" + script.text).write(toFile: path, atomically: true, encoding: .utf8)
            #expect(try ScriptSaver(played: path, directory: dir.path).save(script).get() == path)
            // A played file of another session: the session's script goes to a new file.
            var other = try session()
            other.update(.key(.char("+")))
            other.update(.key(.char("n")))
            let saved = try ScriptSaver(played: path, directory: dir.path).save(try #require(other.sessionScript)).get()
            #expect(saved == dir.appendingPathComponent("downhill-session-1.toml").path)
        }
    }
}
