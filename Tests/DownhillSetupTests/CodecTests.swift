import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// A value in the option's range that differs from the rule's default.
private func otherValue(_ o: OptionInfo, default d: OptionValue?) -> OptionValue {
    switch (o.range, d) {
    case (.unitInterval?, .real(let x)?): return .real(x == 0.5 ? 0.25 : 0.5)
    case (.nonNegative?, .real(let x)?): return .real(x == 0.125 ? 0.375 : 0.125)
    case (nil, .flag(let on)?): return .flag(!on)
    case (.shrinkAndGrow?, .pair(let a, let b)?): return .pair(a == 0.25 ? 0.5 : 0.25, b == 1.5 ? 1.2 : 1.5)
    case (.sizeBounds?, .pair(let a, let b)?): return .pair(a == 1e-3 ? 1e-6 : 1e-3, b == 2 ? 50 : 2)
    default: return .real(0.5)
    }
}

/// Every setup the round trip is checked on: each surface × rule × option changed on its
/// own, with and without η and start, plus gradient sources, data paths and lineups.
private func setups() -> [Setup] {
    var out: [Setup] = []
    for surface in Surfaces.all {
        for rule in UpdateRules.all {
            var base = Setup()
            base.surface = surface.name
            base.optimizer = OptimizerSetup(rule: rule)
            out.append(base)
            var pinned = base
            pinned.optimizer.learningRate = 0.0123
            pinned.start = Vector2(-1.5, 2e-7)
            out.append(pinned)
            for o in rule.options {
                var s = base
                s.optimizer.rule = try! rule.setting(o.name, to: otherValue(o, default: rule.value(of: o.name)))
                out.append(s)
            }
        }
        if surface.isDataBacked {
            for batch in [BatchMode.full, .stochastic, .mini(size: 8)] {
                var s = Setup()
                s.surface = surface.name
                s.batch = batch
                s.seed = 42
                s.dataPath = "/tmp/bob's data(1) $HOME.csv"
                out.append(s)
            }
        } else {
            var s = Setup()
            s.surface = surface.name
            s.noise = 0.3
            s.seed = UInt64.max
            out.append(s)
        }
    }
    // Formulas (in their normal form) and quadratic's own options, solo and racing.
    for formula in ["(x - 1)^2 + 3*(y + 2)^2", "-x^2 + y^2", "exp(-(x^2 + y^2)/2)*sin(3*x)", "x^y + 2^-x", "abs(x) + e*pi"] {
        var s = Setup()
        s.surface = formula
        out.append(s)
        s.optimizer = OptimizerSetup(rule: Adam(), learningRate: 0.01)
        s.start = Vector2(-1, 2.5)
        out.append(s)
    }
    for options in [SurfaceOptions(condition: 100), SurfaceOptions(angle: -30), SurfaceOptions(condition: 0.25, angle: 45.5)] {
        var s = Setup()
        s.surface = "quadratic"
        s.surfaceOptions = options
        out.append(s)
        s.race = [OptimizerSetup(rule: GD(), learningRate: 0.02), OptimizerSetup(rule: Momentum())]
        s.optimizer = s.race![0]
        out.append(s)
    }
    var race = Setup()
    race.race = [OptimizerSetup(rule: GD(), learningRate: 0.02), OptimizerSetup(rule: GD(), learningRate: 0.05),
                 OptimizerSetup(rule: try! Momentum().setting("momentum", to: .real(0.5))), OptimizerSetup(rule: Adam(decoupled: true))]
    race.optimizer = race.race![0]
    out.append(race)
    return out
}

@Suite struct CodecRoundTripTests {
    @Test func everySurfaceRuleAndOptionRoundTrips() throws {
        let all = setups()
        #expect(all.count > 14 * 7 * 3)
        for setup in all {
            let words = SetupCodec.words(setup)
            let back = try SetupCodec.parse(words)
            #expect(back == setup, "\(words)")
            #expect(SetupCodec.words(back) == words)
        }
    }

    @Test func theCommandLineReadsBackThroughAShell() throws {
        let formulas = setups().filter { Surfaces.named($0.surface) == nil || !$0.surfaceOptions.isEmpty }
        #expect(formulas.count == 16)
        for setup in setups().filter({ $0.dataPath != nil }) + [setups()[1]] + formulas {
            let line = SetupCodec.commandLine(setup)
            #expect(line.hasPrefix("downhill --surface "))
            // The shell splits the line back into the same words.
            let words = try shellWords(String(line.dropFirst("downhill ".count)))
            #expect(words == SetupCodec.words(setup), "\(line)")
        }
    }

    @Test func awkwardWordsAreQuotedForAShell() throws {
        let awkward = ["bob's data.csv", "data(1).csv", "price$HOME.csv", "a b", "", "naïve ★.csv", "`x`", "semi;colon", "back\\slash",
                       "new\nline", "-", "--lr"]
        for word in awkward {
            #expect(try shellWords(SetupCodec.shellQuoted(word)) == [word], "\(word)")
        }
        #expect(SetupCodec.shellQuoted("bob's data.csv") == "'bob'\\''s data.csv'")
        #expect(SetupCodec.shellQuoted("--start=-1.5,2") == "--start=-1.5,2")
        #expect(SetupCodec.shellQuoted("gd:0.02,momentum:momentum=0.5") == "gd:0.02,momentum:momentum=0.5")
    }

}

@Suite struct CodecParsingTests {
    @Test func optionsTakeTheirValuesEitherWay() throws {
        let a = try SetupCodec.parse(["--surface", "rosenbrock", "--optimizer", "momentum", "--momentum", "0.5", "--start", "-1.5,2"])
        let b = try SetupCodec.parse(["--surface=rosenbrock", "--optimizer=momentum", "--momentum=0.5", "--start=-1.5,2"])
        #expect(a == b)
        #expect(a.optimizer.rule.value(of: "momentum") == .real(0.5))
        #expect(a.start == Vector2(-1.5, 2))
        // A later option wins over an earlier one.
        #expect(try SetupCodec.parse(["--lr", "0.1", "--lr", "0.2"]).optimizer.learningRate == 0.2)
    }

    @Test func aFormulaIsKeptInItsNormalFormAndPrintedBackQuoted() throws {
        let s = try SetupCodec.parse(["--surface", "(x-1)^2+3*(y+2)^2", "--start=-1,2"])
        #expect(s.surface == "(x - 1)^2 + 3*(y + 2)^2")
        #expect(SetupCodec.commandLine(s) == "downhill --surface '(x - 1)^2 + 3*(y + 2)^2' --optimizer gd --start=-1,2")
        // A leading minus is a formula, not an option, either way it is written.
        #expect(try SetupCodec.parse(["--surface", "-x^2 + y^2"]).surface == "-x^2 + y^2")
        #expect(try SetupCodec.parse(["--surface=-x^2+y^2"]).surface == "-x^2 + y^2")
        let q = try SetupCodec.parse(["--surface", "quadratic", "--condition", "100", "--angle", "-30"])
        #expect(q.surfaceOptions == SurfaceOptions(condition: 100, angle: -30))
        #expect(SetupCodec.commandLine(q) == "downhill --surface quadratic --condition 100 --angle -30 --optimizer gd")
    }

    @Test func optionsThatDoNotApplyAreRefusedNeverIgnored() {
        let cases: [([String], String)] = [
            (["--optimizer", "adam", "--momentum", "0.5"], "--momentum does not apply to adam; it uses --beta1"),
            (["--optimizer", "gd", "--momentum", "0.5"], "--momentum does not apply to gd; its options: --weight-decay"),
            (["--momentum", "0.5"], "--momentum does not apply to gd; its options: --weight-decay"),
            (["--optimizer", "momentum", "--beta1", "0.8"], "--beta1 does not apply to momentum; it uses --momentum"),
            (["--optimizer", "rmsprop", "--beta2", "0.9"], "--beta2 does not apply to rmsprop; it uses --alpha"),
            (["--optimizer", "gd", "--eps", "1e-3"], "--eps does not apply to gd; its options: --weight-decay"),
            (["--optimizer", "adagrad", "--alpha", "0.9"], "--alpha does not apply to adagrad; its options: --eps, --lr-decay, --initial-accumulator, --weight-decay"),
            (["--race", "gd,adam", "--momentum", "0.5"], "--momentum does not apply to gd, adam"),
            (["--race", "gd:0.1:momentum=0.5"], "--momentum does not apply to gd; its options: --weight-decay"),
        ]
        for (words, message) in cases {
            #expect(throws: (any Error).self) { try SetupCodec.parse(words) }
            do { _ = try SetupCodec.parse(words) } catch { #expect(error.description == message, "\(words)") }
        }
    }

    @Test func badValuesAreOneClearLine() {
        let cases: [([String], String)] = [
            (["--lr", "0"], "invalid value '0' for --lr: expected a finite number > 0"),
            (["--lr", "abc"], "invalid value 'abc' for --lr: expected a finite number > 0"),
            (["--lr", "inf"], "invalid value 'inf' for --lr: expected a finite number > 0"),
            (["--optimizer", "momentum", "--momentum", "1"], "invalid value '1' for --momentum: expected a number in [0, 1)"),
            (["--optimizer", "adam", "--beta2", "-0.1"], "invalid value '-0.1' for --beta2: expected a number in [0, 1)"),
            (["--weight-decay", "-1"], "invalid value '-1' for --weight-decay: expected a finite number ≥ 0"),
            (["--optimizer", "adam", "--eps", "nan"], "invalid value 'nan' for --eps: expected a finite number ≥ 0"),
            (["--optimizer", "adam", "--eps", "x"], "invalid value 'x' for --eps: expected a finite number ≥ 0"),
            (["--start", "1"], "invalid value '1' for --start: expected two finite numbers X,Y such as -1.5,2"),
            (["--batch", "0"], "invalid value '0' for --batch: expected full, sgd or a batch size ≥ 1"),
            (["--seed", "-1"], "invalid value '-1' for --seed: expected a whole number from 0 to 18446744073709551615"),
            (["--surface", "valey"], "unknown surface 'valey', did you mean 'valley'? (see 'downhill list')"),
            (["--optimizer", "adan"], "unknown optimizer 'adan', did you mean 'adam'? (see 'downhill list')"),
            (["--beta3", "0.5"], "unknown option '--beta3', did you mean '--beta1'?"),
            (["--lr"], "invalid value '' for --lr: expected a value"),
            (["valley"], "invalid value 'valley' for arguments: expected options such as --lr 0.1"),
            (["--surface", "x +* y"], "invalid formula 'x +* y': unexpected '*' at column 4"),
            (["--surface", "valley", "--angle", "10"], "--angle applies only to the quadratic surface (--surface quadratic), not to 'valley'"),
            (["--surface", "quadratic", "--condition", "0"], "invalid value '0' for --condition: expected a finite number > 0"),
            (["--race", "gd", "--optimizer", "adam"], "invalid value 'adam' for --optimizer: expected no --optimizer with --race (name each racer in the lineup)"),
            (["--race", "gd:-1"], "invalid value 'gd:-1' for --race: expected NAME or NAME:LR with a finite learning rate > 0, such as momentum:0.02"),
            (["--race", "gd,,adam"], "invalid value 'gd,,adam' for --race: expected racers separated by single commas"),
            (["--race", "gd:0.1:seed=3"], "invalid value 'gd:0.1:seed=3' for --race: expected per-racer options of the optimizer, lr or schedule ('seed' is shared by all racers)"),
            (["--race", "gd:0.1:0.2"], "invalid value 'gd:0.1:0.2' for --race: expected NAME[:LR][:KEY=VALUE]… such as momentum:0.01:momentum=0.5"),
            (["--race", "gd,gd,gd,gd,gd,gd,gd,gd,gd"], "invalid value 'gd,gd,gd,gd,gd,gd,gd,gd,gd' for --race: expected at most 8 racers"),
        ]
        for (words, message) in cases {
            do {
                _ = try SetupCodec.parse(words)
                Issue.record("accepted \(words)")
            } catch {
                #expect(error.description == message, "\(words)")
            }
        }
    }

    @Test func lineupsRepeatRulesAndTakeSharedOptions() throws {
        let s = try SetupCodec.parse(["--race", "gd:0.02,gd:0.05,gd:0.095,gd:0.11"])
        #expect(s.race?.map(\.learningRate) == [0.02, 0.05, 0.095, 0.11])
        #expect(s.race?.allSatisfy { $0.rule.name == "gd" } == true)

        // A shared option applies to every racer that takes it; a racer's own value wins.
        let m = try SetupCodec.parse(["--race", "momentum:0.01:momentum=0.5,momentum,gd", "--momentum", "0.8", "--lr", "0.03"])
        #expect(m.race?.map { $0.rule.value(of: "momentum") } == [.real(0.5), .real(0.8), nil])
        #expect(m.race?.map(\.learningRate) == [0.01, 0.03, 0.03])
        #expect(SetupCodec.lineupText(m.race!) == "momentum:0.01:momentum=0.5,momentum:0.03:momentum=0.8,gd:0.03")

        // A value may hold a colon (room for schedules such as cosine:100).
        #expect(throws: SettingsError.self) { try SetupCodec.parse(["--race", "gd:lr=0.1:5"]) }
    }
}

/// `--speed` and the screen's part of the reproducing line (the second new-user trial).
@Suite struct SpeedAndScreenWordsTests {
    @Test(arguments: [("1", 1.0), ("5000", 5000.0), ("200", 200.0), ("37.5", 37.5), (" 50 ", 50.0), ("1e3", 1000.0)])
    func speedsInTheRangeAreRead(_ text: String, _ expected: Double) throws {
        #expect(try SetupCodec.parseSpeed(text) == expected)
    }

    @Test(arguments: ["0", "0.999", "5000.5", "-20", "fast", "", "nan", "inf"])
    func otherSpeedsAreRefusedWithOneLine(_ text: String) {
        #expect {
            _ = try SetupCodec.parseSpeed(text)
        } throws: { error in
            let line = (error as? SettingsError)?.description ?? ""
            return line == "invalid value '\(text)' for --speed: expected steps per second, from 1 to 5000"
        }
    }

    @Test func theLineEndsWithThePanelsThenTheSpeed() {
        var setup = Setup()
        setup.surface = "bowl"
        #expect(SetupCodec.commandLine(setup) == "downhill --surface bowl --optimizer gd")
        #expect(SetupCodec.commandLine(setup, panels: ["gauge", "chart"], speed: 100)
            == "downhill --surface bowl --optimizer gd --show gauge,chart --speed 100")
        #expect(SetupCodec.commandLine(setup, speed: 2000) == "downhill --surface bowl --optimizer gd --speed 2000")
        #expect(SetupCodec.commandLine(setup, panels: ["terrain"]) == "downhill --surface bowl --optimizer gd --show terrain")
    }
}
