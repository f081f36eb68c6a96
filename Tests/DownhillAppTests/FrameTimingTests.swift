import Foundation
import Testing
import DownhillCore
@testable import DownhillApp
import DownhillRender

/// Frame cost, for `DOWNHILL_BENCH=1 swift test -c release --filter frameTiming`: a
/// 160 × 48 rosenbrock screen with a 1 000-point trail (the target is under 1 ms a frame
/// in release). Off by default: timings are not assertions.
@Test(.enabled(if: ProcessInfo.processInfo.environment["DOWNHILL_BENCH"] == "1"))
func frameTiming() {
    var m = model(surface: "rosenbrock", optimizer: "momentum", width: 160, height: 48, paused: true)
    for _ in 0..<1000 { m.press(.char("n")) }
    #expect(m.trail.count == 1001)
    let clock = ContinuousClock()
    var cells = 0
    _ = m.view()
    let frames = 500
    let elapsed = clock.measure {
        for _ in 0..<frames { cells &+= m.view().cells.count }
    }
    let c = elapsed.components
    let ms = (Double(c.seconds) * 1e3 + Double(c.attoseconds) * 1e-15) / Double(frames)
    print("frameTiming: \(String(format: "%.3f", ms)) ms per 160×48 frame (\(cells / frames) cells)")
    let rebuild = clock.measure { m.update(.resize(width: 160, height: 47)) }
    print("frameTiming: raster rebuild on resize \(rebuild)")
}
