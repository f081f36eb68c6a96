import DownhillCore
import Testing

@Suite struct RaceTests {
    @Test func everyRacerFollowsItsSoloRun() throws {
        var s = Settings()
        s.surface = "rosenbrock"; s.start = "-1.5,2"; s.steps = 150
        var race = try Race(settings: s, optimizers: ["gd", "momentum", "adam"])
        var rows: [[TrajectoryPoint]] = race.racers.map { [$0.current] }
        for _ in 0..<150 {
            race.advance()
            for i in race.racers.indices where !race.racers[i].isDiverged { rows[i].append(race.racers[i].current) }
        }
        for (i, name) in ["gd", "momentum", "adam"].enumerated() {
            var solo = s
            solo.optimizer = name
            #expect(try runRows(solo).rows == rows[i], "\(name)")
        }
    }

    @Test func aDivergedRacerDropsOutAndTheOthersKeepRacing() throws {
        var s = Settings()
        s.surface = "valley"; s.start = "1,1"; s.learningRate = 0.15
        // η = 0.15: gd is unstable (|1 − 20η| = 2), heavy-ball momentum is stable (ηλ = 3 < 3.8).
        var race = try Race(settings: s, optimizers: ["gd", "momentum"])
        for _ in 0..<2000 { race.advance() }
        guard case .diverged(let k) = race.racers[0].status else { Issue.record("gd should diverge"); return }
        #expect(k > 0)
        #expect(!race.racers[1].isDiverged)
        #expect(race.racers[1].step == 2000)
        #expect(race.ranking == [1, 0])
    }

    @Test func badRaceListsAreRefused() {
        var s = Settings()
        s.surface = "bowl"
        #expect(throws: SettingsError.unknownName(kind: "optimizer", value: "adan", suggestion: "adam")) {
            try Race(settings: s, optimizers: ["gd", "adan"])
        }
        #expect(throws: SettingsError.self) { try Race(settings: s, optimizers: ["gd", "gd"]) }
        #expect(throws: SettingsError.self) { try Race(settings: s, optimizers: []) }
        #expect(Race.parseList(" gd, adam ,") == ["gd", "adam"])
    }
}
