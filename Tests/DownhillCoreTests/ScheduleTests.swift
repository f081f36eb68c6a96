import DownhillCore
import DownhillSetup
import Foundation
import Testing

/// Learning-rate schedules: the recursive (chainable) forms downhill steps, against torch's
/// own closed forms (`_get_closed_form_lr` in `torch/optim/lr_scheduler.py`), which torch
/// documents as the same schedule. The reference trajectories q12 (cosine) and q13 (step)
/// check them against torch itself.
@Suite struct ScheduleTests {
    func schedule(_ text: String) -> any LearningRateSchedule { try! SetupCodec.parseSchedule(text) }

    func expectClose(_ got: [Double], _ want: [Double], sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(got.count == want.count, sourceLocation: sourceLocation)
        for (t, (g, w)) in zip(got, want).enumerated() {
            #expect(abs(g - w) <= 1e-12 * max(1, abs(w)), "t \(t): \(g) vs \(w)", sourceLocation: sourceLocation)
        }
    }

    @Test func stepLR() {
        // base·γ^⌊t/N⌋
        let want = (0..<40).map { 0.1 * pow(0.5, Double($0 / 10)) }
        expectClose(Schedules.rates(schedule("step:10:0.5"), base: 0.1, count: 40), want)
        // γ defaults to 0.1, torch's.
        expectClose(Schedules.rates(schedule("step:3"), base: 1, count: 7), [1, 1, 1, 0.1, 0.1, 0.1, 0.01])
    }

    @Test func exponentialLR() {
        expectClose(Schedules.rates(schedule("exponential:0.9"), base: 0.2, count: 30), (0..<30).map { 0.2 * pow(0.9, Double($0)) })
    }

    @Test func cosineAnnealingLR() {
        // η_min + (η − η_min)(1 + cos(πt/T))/2 for t ≤ T (torch's closed form), both η_min.
        for (text, minimum) in [("cosine:80", 0.0), ("cosine:50:0.01", 0.01)] {
            let T = text.hasPrefix("cosine:80") ? 80.0 : 50.0
            let want = (0...Int(T)).map { minimum + (0.1 - minimum) * (1 + cos(Double.pi * Double($0) / T)) / 2 }
            expectClose(Schedules.rates(schedule(text), base: 0.1, count: Int(T) + 1), want)
        }
        // Past T it climbs back (the restart branch, (t − 1 − T) mod 2T = 0): at t = T + 1
        // ηₜ = η_min + (η − η_min)(1 − cos(π/T))/2 … which is the closed form at T + 1.
        let rates = Schedules.rates(schedule("cosine:10"), base: 1, count: 12)
        #expect(abs(rates[11] - (1 + cos(Double.pi * 11 / 10)) / 2) < 1e-12)
    }

    @Test func linearLRWarmUp() {
        // base·(s + (e − s)·min(t, N)/N), s = 1/3, e = 1 by default.
        let want = (0..<12).map { (t: Int) -> Double in
            let start = 1.0 / 3
            let progress = Double(min(t, 8)) / 8
            return 0.3 * (start + (1 - start) * progress)
        }
        expectClose(Schedules.rates(schedule("linear:8"), base: 0.3, count: 12), want)
        let down = (0..<6).map { (t: Int) -> Double in
            let progress = Double(min(t, 4)) / 4
            return 0.3 * (1 - 0.5 * progress)
        }
        expectClose(Schedules.rates(schedule("linear:4:1:0.5"), base: 0.3, count: 6), down)
    }

    @Test func aLiveChangeScalesTheScheduleFromThere() {
        // StepLR(5, 0.5) from η = 0.1; after 7 updates η is set to 0.2 (twice the base):
        // from then on every rate is twice what it would have been.
        var optimizer = Optimizer(rule: GD(), learningRate: 0.1, schedule: schedule("step:5:0.5"))
        var theta = Vector2(1, 1)

        var rates: [Double] = []
        for t in 0..<20 {
            if t == 7 { optimizer.setLearningRate(0.2) }
            rates.append(optimizer.learningRate)
            theta = try! optimizer.step(theta, gradient: 2 * theta, on: Surfaces.bowl)
        }
        let want = (0..<20).map { t in (t < 7 ? 0.1 : 0.2) * pow(0.5, Double(t / 5)) }
        expectClose(rates, want)
        // A restart goes back to η₀ of the new base.
        optimizer.reset()
        #expect(optimizer.learningRate == 0.2)
    }

    @Test func badSchedulesAreOneClearLine() {
        let cases: [(String, String)] = [
            ("cosin:80", "unknown schedule 'cosin', did you mean 'cosine'?"),
            ("step:0", "invalid value 'step:0' for --schedule: expected step:N[:GAMMA] with a whole number of updates ≥ 1"),
            ("step:1.5", "invalid value 'step:1.5' for --schedule: expected step:N[:GAMMA] with a whole number of updates ≥ 1"),
            ("step:5:0.5:3", "invalid value 'step:5:0.5:3' for --schedule: expected step:N[:GAMMA]"),
            ("step:5:-1", "invalid value 'step:5:-1' for --schedule: expected γ > 0"),
            ("exponential", "invalid value 'exponential' for --schedule: expected exponential:GAMMA"),
            ("cosine:80:-1", "invalid value 'cosine:80:-1' for --schedule: expected η_min ≥ 0"),
            ("cosine:x", "invalid value 'cosine:x' for --schedule: expected cosine:T_MAX[:ETA_MIN]"),
            ("linear:5:0", "invalid value 'linear:5:0' for --schedule: expected 0 < START ≤ 1 and 0 ≤ END ≤ 1"),
            ("linear:5:0.5:2", "invalid value 'linear:5:0.5:2' for --schedule: expected 0 < START ≤ 1 and 0 ≤ END ≤ 1"),
        ]
        for (text, message) in cases {
            do {
                _ = try SetupCodec.parse(["--schedule", text])
                Issue.record("accepted \(text)")
            } catch {
                #expect(error.description == message, "\(text)")
            }
        }
    }

    @Test func schedulesRoundTripAloneAndPerRacer() throws {
        for text in ["step:50", "step:50:0.5", "exponential:0.99", "cosine:100", "cosine:100:0.001", "linear:10",
                     "linear:10:0.1", "linear:10:0.5:0.25"] {
            let s = try SetupCodec.parse(["--schedule", text, "--lr", "0.1"])
            #expect(SetupCodec.words(s).contains(text))
            #expect(try SetupCodec.parse(SetupCodec.words(s)) == s)
            let race = try SetupCodec.parse(["--race", "gd:0.1:schedule=\(text),gd:0.1"])
            #expect(race.race?.map { $0.schedule.map(SetupCodec.scheduleText) } == [text, nil])
            #expect(try SetupCodec.parse(SetupCodec.words(race)) == race)
        }
        // A shared --schedule for every racer without its own.
        let shared = try SetupCodec.parse(["--race", "gd:schedule=step:5,gd", "--schedule", "cosine:20"])
        #expect(shared.race?.map { $0.schedule.map(SetupCodec.scheduleText) } == ["step:5", "cosine:20"])
    }
}
