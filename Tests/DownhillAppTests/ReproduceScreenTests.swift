@testable import DownhillApp
import DownhillCore
import DownhillSetup
import Testing
import TestSupport

/// The second new-user trial: `p` (and the exit line) left out the open panels and the
/// speed, so the pasted line opened another screen.
@Suite struct ReproduceScreenTests {
    @Test func pNamesTheOpenPanelsInRegistryOrderAndTheSpeed() {
        var m = model("--surface bowl")
        m.type("gitw]]")  // chart, gauge, terrain, sweep; 20 → 50 → 100 steps a second
        m.type("p")
        // Registry order (gauge, maths, data, basins, chart, sweep, ghosts, terrain), not the keys' order.
        let expected = "downhill --surface bowl --optimizer gd --start=1.5,1.2 --show gauge,chart,sweep,terrain --speed 100"
        #expect(m.reproduceCommand == expected)
        #expect(m.notice == expected)
    }

    @Test func theDefaultSpeedAndNoPanelsAddNothing() {
        var m = model("--surface bowl")
        m.type("][")  // up and back down to 20
        #expect(m.reproduceCommand == "downhill --surface bowl --optimizer gd --start=1.5,1.2")
        m.type("gg")  // opened and closed
        #expect(!m.reproduceCommand.contains("--show"))
    }

    @Test func aPanelThatCannotOpenHereIsLeftOut() {
        var m = model("--surface linear-regression")
        m.type("gd")
        #expect(m.reproduceCommand.hasSuffix("--show data,chart"))
        m.type(":surface bowl")
        m.press(.enter)
        // The data panel stays asked for on an analytic surface; --show data would be refused there.
        #expect(m.isOpen("data"))
        #expect(m.reproduceCommand == "downhill --surface bowl --optimizer gd --start=1.5,1.2 --show chart")
    }

    /// `:speed`, a script's `speed` and `--speed` snap alike: to the nearest of `[` `]`'s
    /// speeds on a log scale (300: log 1.5 to 200 < log 1.67 to 500; 350: log 1.43 to 500 < log 1.75).
    @Test(arguments: [(1.0, 1.0), (5000, 5000), (300, 200), (350, 500), (3.1, 2), (3.2, 5), (14, 10), (15, 20)])
    func speedsSnapToTheNearestStep(_ asked: Double, _ snapped: Double) {
        var m = model()
        m.setSpeed(asked)
        #expect(m.stepsPerSecond == snapped)
        var typed = model()
        typed.type(":speed \(SetupCodec.number(asked))")
        typed.press(.enter)
        #expect(typed.stepsPerSecond == snapped)
    }
}
