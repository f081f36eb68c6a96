import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// `quadratic` (SPEC §2): λ₁u² + λ₂v², (u, v) = (x cos φ + y sin φ, −x sin φ + y cos φ),
/// λ₁ = 1, λ₂ = K.
@Suite struct QuadraticTests {
    func near(_ a: Double, _ b: Double, _ tol: Double = 1e-12) -> Bool { abs(a - b) <= tol * max(1, abs(b)) }

    @Test(arguments: [(100.0, 30.0), (4, -75), (0.25, 200), (10, 90)])
    func conditionAndAngleAgainstTheRotatedClosedForm(_ k: Double, _ degrees: Double) throws {
        let s = resolved("--surface quadratic --condition \(SettingsError.text(k)) --angle \(SettingsError.text(degrees))").surface
        let phi = degrees * Double.pi / 180
        let (c, sn) = (cos(phi), sin(phi))
        for p in [Vector2(0.7, -1.2), Vector2(-2, 2.5), Vector2(1, 0)] {
            let u = p.x * c + p.y * sn, v = -p.x * sn + p.y * c
            #expect(near(s.loss(at: p), u * u + k * v * v), "\(p)")
            // ∇ = 2u·(cos φ, sin φ) + 2Kv·(−sin φ, cos φ).
            let g = s.gradient(at: p)
            #expect(near(g.x, 2 * u * c - 2 * k * v * sn) && near(g.y, 2 * u * sn + 2 * k * v * c), "\(p): \(g)")
        }
        // H = 2(a aᵀ + K b bᵀ), a = (cos φ, sin φ), b = (−sin φ, cos φ): eigenvalues 2 and 2K,
        // the valley's floor (curvature 2) along a.
        let h = s.hessian(at: Vector2(0.3, 0.4))
        #expect(near(h.xx, 2 * (c * c + k * sn * sn)) && near(h.xy, 2 * (c * sn - k * sn * c)) && near(h.yy, 2 * (sn * sn + k * c * c)))
        let e = h.eigenvalues
        #expect(near(e.min, 2 * min(1, k)) && near(e.max, 2 * max(1, k)))
        let floor = h * Vector2(c, sn)
        #expect(near(floor.x, 2 * c) && near(floor.y, 2 * sn))
        // κ in the gauge's reading: λmax/λmin.
        var d = resolved("--surface quadratic --condition \(SettingsError.text(k)) --angle \(SettingsError.text(degrees))").descent
        d.advance()
        let reading = try #require(StabilityReading.at(d))
        #expect(near(try #require(reading.conditionNumber), max(k, 1 / k)))
        #expect(near(reading.lambdaMax, 2 * max(1, k)))
    }

    @Test(arguments: ["gd", "momentum", "nesterov", "adam", "rmsprop", "newton"])
    func quadraticWithItsDefaultsIsValleyRowForRow(_ optimizer: String) {
        // Default start, default η, 300 steps: every number the same.
        let q = runRows(setup("--surface quadratic --optimizer \(optimizer)"), steps: 300)
        let v = runRows(setup("--surface valley --optimizer \(optimizer)"), steps: 300)
        #expect(q.rows == v.rows)
        #expect(q.summary.status == v.summary.status)
        // Also with κ 10 and φ 0 given, and at a rate where gd zig-zags.
        let given = runRows(setup("--surface quadratic --condition 10 --angle 0 --optimizer \(optimizer) --lr 0.095"), steps: 100)
        #expect(given.rows == runRows(setup("--surface valley --optimizer \(optimizer) --lr 0.095"), steps: 100).rows)
    }

    @Test func defaultsFollowTheCondition() {
        // gd is stable iff η < 1/max(1, K); the default is 0.8 of it.
        #expect(resolved("--surface quadratic --condition 100").descent.learningRate == 0.008)
        #expect(resolved("--surface quadratic --condition 0.5").descent.learningRate == 0.8)
        #expect(Surfaces.quadratic.defaultLearningRates == Surfaces.valley.defaultLearningRates)
        #expect(Surfaces.quadratic.defaultStart == Surfaces.valley.defaultStart)
        // No κ on a surface whose curvature changes from point to point.
        #expect(StabilityReading.at(descent("--surface rosenbrock"))?.conditionNumber == nil)
        #expect(StabilityReading.at(descent("--surface valley"))?.conditionNumber == nil)
    }

    @Test func surfaceOptionsAreRefusedWhereTheyDoNotApply() {
        func refusal(_ words: [String]) -> String? {
            do { _ = try SetupCodec.parse(words).resolve(); return nil } catch { return error.description }
        }
        #expect(refusal(["--surface", "valley", "--condition", "3"])
                == "--condition applies only to the quadratic surface (--surface quadratic), not to 'valley'")
        #expect(refusal(["--angle", "30"])?.contains("--angle applies only to the quadratic surface") == true)
        #expect(refusal(["--surface", "x^2 + y^2", "--angle", "30"])?.contains("not to 'x^2 + y^2'") == true)
        #expect(refusal(["--surface", "quadratic", "--condition", "0"]) == "invalid value '0' for --condition: expected a finite number > 0")
        #expect(refusal(["--surface", "quadratic", "--condition", "-2"])?.contains("--condition") == true)
        #expect(refusal(["--surface", "quadratic", "--angle", "inf"])?.contains("--angle") == true)
        #expect(refusal(["--surface", "quadratic", "--race", "gd:condition=3"])?.contains("shared by all racers") == true)
        // A typed setup is checked too.
        var s = Setup()
        s.surfaceOptions.condition = 5
        #expect(throws: SettingsError.self) { try s.resolve() }
    }
}
