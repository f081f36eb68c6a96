import DownhillCore
import Testing
import TestSupport

@Suite struct RaceTests {
    @Test func everyRacerFollowsItsSoloRun() {
        var race = Race(racers: resolved("--surface rosenbrock --start=-1.5,2 --race gd,momentum,adam").descents)
        var rows: [[TrajectoryPoint]] = race.racers.map { [$0.current] }
        for _ in 0..<150 {
            race.advance()
            for i in race.racers.indices where !race.racers[i].isDiverged { rows[i].append(race.racers[i].current) }
        }
        // Each solo run built by hand, not through the setup that built the race: the rule
        // at rosenbrock's default rate for it (gd 0.001, momentum half of that, adam 0.02).
        let solos: [(String, Descent)] = [
            ("gd", descent(Surfaces.rosenbrock, GD(), lr: 0.001, start: Vector2(-1.5, 2))),
            ("momentum", descent(Surfaces.rosenbrock, Momentum(), lr: 0.0005, start: Vector2(-1.5, 2))),
            ("adam", descent(Surfaces.rosenbrock, Adam(), lr: 0.02, start: Vector2(-1.5, 2))),
        ]
        for (i, (name, solo)) in solos.enumerated() {
            #expect(race.racers[i].optimizer.name == name)
            #expect(runRows(solo, steps: 150).rows == rows[i], "\(name)")
        }
    }

    @Test func aDivergedRacerDropsOutAndTheOthersKeepRacing() {
        // η = 0.15: gd is unstable (|1 − 20η| = 2), heavy-ball momentum is stable (ηλ = 3 < 3.8).
        var race = Race(racers: resolved("--surface valley --start 1,1 --lr 0.15 --race gd,momentum").descents)
        for _ in 0..<2000 { race.advance() }
        guard case .diverged(let k) = race.racers[0].status else { Issue.record("gd should diverge"); return }
        #expect(k > 0)
        #expect(!race.racers[1].isDiverged)
        #expect(race.racers[1].step == 2000)
        #expect(race.ranking == [1, 0])
    }

    @Test func badLineupsAreRefused() {
        // (Lineup text is the codec's: see DownhillSetupTests for the refused lineups.)
        var s = setup("--surface bowl")
        s.race = []
        #expect(throws: SettingsError.self) { try s.resolve() }
        s.race = Array(repeating: OptimizerSetup(rule: GD()), count: Race.maximumRacers + 1)
        #expect(throws: SettingsError.self) { try s.resolve() }
        s.race = Array(repeating: OptimizerSetup(rule: GD()), count: Race.maximumRacers)
        #expect(throws: Never.self) { try s.resolve() }
    }

    /// Behaviour change: a lineup may name the same rule more than once (it used to be
    /// refused); `gd,gd` is two identical racers.
    @Test func aRepeatedRuleRacesTwiceAsIdenticalRacers() {
        var race = Race(racers: resolved("--surface bowl --race gd,gd").descents)
        #expect(race.racers.count == 2 && race.racers.allSatisfy { $0.optimizer.name == "gd" })
        #expect(race.racers[0].learningRate == race.racers[1].learningRate)
        for _ in 0..<50 {
            race.advance()
            #expect(race.racers[0].current == race.racers[1].current)
        }
        #expect(race.racers[0].step == 50)
    }
}
