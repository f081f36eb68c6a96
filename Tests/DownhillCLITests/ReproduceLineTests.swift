@testable import downhill
import DownhillApp
import DownhillCore
import DownhillSetup
import Testing
import TestSupport

/// The second new-user trial: `p`'s line, pasted, must open the same screen: the panels
/// open and the speed (`--show`, `--speed`) as well as the setup.
@Suite struct ReproduceLineTests {
    /// The model `downhill WORDS` starts with, built as `play` builds it (the setup, `--view`
    /// and `--show` applied, then `--speed`), parsed by the real command line.
    func played(_ line: String, width: Int = 80, height: Int = 24) throws -> Model {
        var words = line.split(separator: " ").map(String.init)
        #expect(words.removeFirst() == "downhill")
        let play = try #require(try Downhill.parseAsRoot(words + ["--paused"]) as? Play)
        let resolved = try play.view.applied(to: play.options.setup()).resolve()
        let model = try play.view.model(resolved: resolved, unicode: true, width: width, height: height, paused: play.paused)
        return try play.speed.applied(to: model)
    }

    /// Both models ticked alike while paused: the notice expires, the η sweep fills in.
    func settled(_ model: Model) -> Model {
        var m = model
        for _ in 0..<240 { m.update(.tick(seconds: 0.25)) }
        return m
    }

    @Test(arguments: ["bowl", "rosenbrock", "himmelblau"])
    func thePastedLineDrawsTheSameScreen(_ surface: String) throws {
        var m = Model(resolved: resolved("--surface \(surface)"), appearance: .init(unicode: true), width: 80, height: 24, paused: true)
        for c in "gitw]]]p" { m.update(.key(.char(c))) }  // chart, gauge, terrain, sweep; 20 → 100 → 200 steps a second
        let line = try #require(m.notice)
        #expect(!line.contains("'"))  // nothing to unquote: the words are split on spaces
        #expect(line.hasSuffix(" --show gauge,chart,sweep,terrain --speed 200"))
        let pasted = try played(line)
        #expect(pasted.openPanels == ["gauge", "chart", "sweep", "terrain"])
        #expect(pasted.stepsPerSecond == 200)
        #expect(pasted.reproduceCommand == line)
        #expect(settled(pasted).view().lines() == settled(m).view().lines())
    }

    @Test func aRaceWithZoomAndPanelsComesBackToo() throws {
        var m = Model(resolved: resolved("--race gd,adam --surface valley"), appearance: .init(unicode: true), width: 100, height: 30,
                      paused: true)
        for c in "zmg[p" { m.update(.key(.char(c))) }  // zoom in, maths, chart, 10 steps a second
        let line = try #require(m.notice)
        #expect(line.contains("--view=") && line.hasSuffix(" --show maths,chart --speed 10"))
        let pasted = try played(line, width: 100, height: 30)
        #expect(settled(pasted).view().lines() == settled(m).view().lines())
    }

    @Test func theExitLineCarriesThemToo() {
        var m = Model(resolved: resolved("--surface bowl"), appearance: .init(unicode: true), width: 80, height: 24, paused: true)
        for c in "i[" { m.update(.key(.char(c))) }
        #expect(exitLine(m, ScriptSaver()) == "to reproduce: downhill --surface bowl --optimizer gd --start=1.5,1.2 --show gauge --speed 10")
    }
}

/// `--speed` through the real binary: `cast` films the run at that speed.
@Suite struct SpeedOptionTests {
    /// The time of the last event of a cast, seconds.
    func lastTime(_ cast: String) throws -> Double {
        let last = try #require(cast.split(separator: "\n").last)
        return try #require(Double(last.dropFirst().prefix { $0 != "," }))
    }

    @Test func castFilmsTheStepsAtTheSpeedAsked() throws {
        let args = ["cast", "--surface", "bowl", "--steps", "50", "-o", "-"]
        let standard = try downhill(args), fast = try downhill(args + ["--speed", "200"]), snapped = try downhill(args + ["--speed", "180"])
        #expect(standard.status == 0 && fast.status == 0 && snapped.status == 0)
        // 50 steps at 20 a second take 2.5 s; at 200 a second 0.25 s (plus at most a frame at 30 fps).
        #expect(try lastTime(standard.stdout) >= 2.5 && lastTime(standard.stdout) < 2.6)
        #expect(try lastTime(fast.stdout) >= 0.25 && lastTime(fast.stdout) < 0.3)
        #expect(snapped.stdout == fast.stdout)  // 180 snaps to 200, as :speed 180 does
    }
}
