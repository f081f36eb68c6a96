import DownhillCore
import Foundation
import Testing
import TestSupport

/// The learning-rate sweep (SPEC §9) against runs and hand-computed rates.
@Suite struct SweepTests {
    @Test func learningRatesAreLogSpacedWithExactEnds() {
        let rates = Sweep.learningRates(from: 0.001, to: 10, points: 5)
        #expect(rates.count == 5 && rates.first == 0.001 && rates.last == 10)
        // 10⁻³ · 10⁴ᐟ⁴ⁱ: 0.001, 0.01, 0.1, 1, 10.
        for (r, want) in zip(rates, [0.001, 0.01, 0.1, 1, 10]) { #expect(abs(r - want) <= 1e-15 * want) }
        #expect(Sweep.learningRates(from: 0.5, to: 2, points: 1) == [0.5])
        #expect(Sweep.learningRates(from: 0.5, to: 0.5, points: 3) == [0.5, 0.5, 0.5])
    }

    @Test func aRowSummarisesTheRunAtItsRate() {
        let template = descent("--surface valley --optimizer gd --start 1,1")
        // valley, gd: y ← (1 − 20η)y diverges for η > 0.1, x ← (1 − 2η)x converges.
        for lr in [0.01, 0.05, 0.099, 0.12, 0.5] {
            let row = Sweep.row(template, learningRate: lr, steps: 300)
            let (rows, summary) = runRows(descent("--surface valley --optimizer gd --start 1,1 --lr \(lr)"), steps: 300)
            #expect(row.finalLoss == rows.last!.loss && row.bestLoss == rows.map(\.loss).min()!)
            #expect(row.status == summary.status && row.divergedAt == summary.divergedAt)
            #expect(row.convergedAt == rows.first { $0.gradient.norm <= 1e-6 }?.step)
            // Beyond η = 0.1 the loss grows as (1 − 20η)²ᵏ: huge after 300 steps, but finite.
            #expect((row.finalLoss > 1e6) == (lr > 0.1), "\(lr)")
        }
        // η = 0.05: the y error halves… no: 1 − 20·0.05 = 0, so y is 0 after one step; x
        // shrinks by 0.9 a step: |∇| = 2·0.9ᵏ ≤ 1e-6 from k = ⌈log(5e-7)/log(0.9)⌉ = 138.
        #expect(Sweep.row(template, learningRate: 0.05, steps: 300).convergedAt == 138)
    }

    @Test func theCSVLineHasEmptyFieldsForNone() {
        let row = SweepRow(optimizer: "gd", learningRate: 0.5, finalLoss: 1e300, bestLoss: 2, status: .diverged,
                           convergedAt: nil, divergedAt: 12)
        #expect(Sweep.csvLine(row) == "gd,0.5,1e+300,2.0,diverged,,12\n")
    }
}
