import DownhillCore
import DownhillSetup
import Testing
import TestSupport

/// The command-line codec: what used to be `Descent.commandLine` and `Race.parseList`.
@Suite struct CommandLineTests {
    @Test func commandLineReproducesTheRun() throws {
        // (Moved from the core's InstrumentTests; the word order is now the codec's:
        // surface, optimizer, lr, changed options, start, data, batch, noise, seed.)
        let s = setup("--surface linear-regression --optimizer momentum --lr 0.02 --start=-1.5,2 --momentum 0.8 --batch 4 --seed 9")
        #expect(SetupCodec.commandLine(s)
                == "downhill --surface linear-regression --optimizer momentum --lr 0.02 --momentum 0.8 --start=-1.5,2 --batch 4 --seed 9")
        // The line parses back to the same setup, which runs the same descent.
        let again = try SetupCodec.parse(SetupCodec.words(s))
        #expect(again == s)
        var a = try s.resolve().descent, b = try again.resolve().descent
        for _ in 0..<20 { #expect(a.advance() == b.advance()) }
    }

    @Test func badLineupsAreRefused() {
        #expect(throws: SettingsError.unknownName(kind: "optimizer", value: "adan", suggestion: "adam")) {
            try SetupCodec.parseLineup("gd,adan")
        }
        #expect(throws: SettingsError.self) { try SetupCodec.parseLineup("") }
        #expect(throws: SettingsError.self) { try SetupCodec.parseLineup("gd,,adam") }
        #expect(throws: SettingsError.self) {
            try SetupCodec.parseLineup(Array(repeating: "gd", count: Race.maximumRacers + 1).joined(separator: ","))
        }
    }

    @Test func lineupsTrimSpacesAroundRacers() throws {
        #expect(try SetupCodec.parseLineup(" gd, adam ").map(\.rule.name) == ["gd", "adam"])
        // A trailing comma is dropped, as before (a double comma inside is refused).
        #expect(try SetupCodec.parseLineup(" gd, adam ,").map(\.rule.name) == ["gd", "adam"])
    }

    /// Behaviour change: the same rule may race more than once (it used to be refused).
    @Test func aLineupMayRepeatARule() throws {
        let racers = try SetupCodec.parseLineup("gd,gd")
        #expect(racers == [OptimizerSetup(rule: GD()), OptimizerSetup(rule: GD())])
        let options = try SetupCodec.parseLineup("momentum:0.01:momentum=0.5,momentum")
        #expect(options.map(\.learningRate) == [0.01, nil])
        #expect(options.map { $0.rule.value(of: "momentum") } == [.real(0.5), .real(0.9)])
    }

    /// Behaviour change: `--optimizer` with `--race` is refused (each racer names its rule).
    @Test func optimizerWithRaceIsRefused() {
        #expect(throws: SettingsError.self) { try SetupCodec.parse(["--optimizer", "adam", "--race", "gd,adam"]) }
    }

    /// Behaviour change: an option the rule does not take is refused, naming the one it uses.
    @Test func anOptionOfAnotherRuleIsRefused() {
        #expect(throws: SettingsError.notAnOption(option: "momentum", optimizer: "adam", instead: "beta1",
                                                  options: ["beta1", "beta2", "eps", "amsgrad", "weight-decay"])) {
            try SetupCodec.parse(["--optimizer", "adam", "--momentum", "0.5"])
        }
        #expect(SettingsError.notAnOption(option: "momentum", optimizer: "adam", instead: "beta1", options: []).description
                == "--momentum does not apply to adam; it uses --beta1")
    }
}
