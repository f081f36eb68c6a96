import DownhillCore
@testable import DownhillApp
import Testing

/// The instruments tell the truth about coupled weight decay (g ← ∇L + λθ): the step sees
/// the curvature of L + λ‖θ‖²/2, and the maths panel's g is the one the step used.
@Suite struct WeightDecayInstrumentTests {
    @Test func theGaugeAddsTheDecayToTheCurvature() {
        // valley: λmax = 20; with λ = 1 the step sees 21, so gd is stable iff η < 2/21.
        var m = model("--surface valley --lr 0.098 --weight-decay 1 --start 1,1")
        m.press(.char("i"))
        let side = m.sidebarText
        #expect(side.contains("λmax 21") && side.contains("≥ 2") && side.contains("stable iff η < 0.09524"), "\(side)")
    }

    @Test func theMathsPanelShowsTheDecayedGradient() {
        // bowl, η 0.1, λ 0.1 from (1, 1): θ₁ = 1 − 0.1·(2 + 0.1) = 0.79; at step 2
        // g = 2·0.79 + 0.1·0.79 = 1.659 and Δθ = −0.1659.
        var m = model("--surface bowl --lr 0.1 --weight-decay 0.1 --start 1,1")
        m.press(.char("m"))
        m.step(2)
        let side = m.sidebarText
        #expect(side.contains("g ← ∇L + λθ"), "\(side)")
        #expect(side.contains("g            1.659       1.659") && side.contains("Δθ         -0.1659     -0.1659"), "\(side)")
    }
}
