import DownhillCore
import Foundation
import Testing
import TestSupport

/// Data sets, data-backed surfaces and gradient sources (SPEC §2.2, §3).
@Suite struct DataTests {
    static let line = try! Dataset.load(path: fixtures.appendingPathComponent("data/line.csv").path)
    static let labels = try! Dataset.load(path: fixtures.appendingPathComponent("data/labels.csv").path)

    @Test func readsTheReferenceDataWithItsHeader() {
        #expect(Self.line.count == 40)
        #expect(Self.line.x[0] == 1.1254773330233347 && Self.line.y[0] == 0.94353521970133836)
        #expect(Self.labels.count == 60)
        #expect(Set(Self.labels.y) == [0, 1])
    }

    @Test func leastSquaresFromSufficientStatisticsMatchesTheSumOverRows() {
        let s = DataSurface(kind: .linearRegression, data: Self.line)
        for p in [Vector2(0, 0), Vector2(1.3, -0.7), Vector2(-2, 3)] {
            var loss = 0.0
            var g = Vector2.zero
            for (x, y) in zip(Self.line.x, Self.line.y) {
                let r = p.x * x + p.y - y
                loss += r * r
                g += Vector2(2 * r * x, 2 * r)
            }
            let n = Double(Self.line.count)
            #expect(abs(s.loss(at: p) - loss / n) < 1e-12 * max(1, loss / n))
            #expect((s.gradient(at: p) - g / n).norm < 1e-12 * max(1, (g / n).norm))
            #expect((s.gradient(at: p, rows: ArraySlice(0..<Self.line.count)) - g / n).norm < 1e-12 * max(1, (g / n).norm))
        }
        // The closed-form minimum has zero gradient.
        #expect(s.gradient(at: s.minima[0]).norm < 1e-12)
    }

    @Test func logisticLossDoesNotOverflowForLargeLogits() {
        let d = Dataset(source: "t", x: [1000, -1000], y: [1, 0])
        let s = DataSurface(kind: .logisticRegression, data: d)
        // Both rows are classified correctly with margin 1000: loss ≈ e^−1000 ≈ 0.
        #expect(s.loss(at: Vector2(1, 0)) == 0)
        // Wrong way round: each row costs ≈ 1000.
        #expect(abs(s.loss(at: Vector2(-1, 0)) - 1000) < 1e-9)
        #expect(s.gradient(at: Vector2(-1, 0)).isFinite)
    }

    @Test func aBatchOfTheWholeDataSetReproducesFullBatch() {
        let data = fixtures.appendingPathComponent("data/line.csv").path
        let full = setup(words: ["--surface", "linear-regression", "--data", data, "--lr", "0.05", "--batch", "full"])
        let all = setup(words: ["--surface", "linear-regression", "--data", data, "--lr", "0.05", "--batch", "40"])
        let a = runRows(full, steps: 50).rows, b = runRows(all, steps: 50).rows
        #expect(a.count == b.count)
        for (r, q) in zip(a, b) {
            // The same mean gradient, summed in a shuffled order: equal to rounding.
            #expect((r.point - q.point).norm < 1e-12)
        }
    }

    @Test(arguments: [1, 4, 8, 40])
    func everyRowIsUsedOncePerEpoch(batchSize: Int) {
        // With a tiny η, one epoch moves θ by −η·Σ_batches ∇L_batch(θ₀) to first order; for
        // batches of equal size that is −η·(number of batches)·∇L(θ₀) (here N = 40).
        let surface = DataSurface(kind: .linearRegression, data: Self.line)
        let eta = 1e-9
        let start = Vector2(0.3, -0.2)
        var d = descent(surface, GD(), lr: eta, start: start, source: GradientSource(mode: .mini(size: batchSize), seed: 11))
        let batches = 40 / batchSize
        for _ in 0..<batches { d.advance() }
        let expected = start - eta * Double(batches) * surface.gradient(at: start)
        let moved = (d.point - start).norm
        #expect((d.point - expected).norm < 1e-6 * moved)
        #expect(d.source.epoch == 1)
    }

    @Test func noiseHasMeanZeroAndTheGivenStandardDeviation() {
        // On the bowl at the minimum, ĝ = S·ξ exactly: recover S from many draws.
        var source = GradientSource(mode: .full, noise: 0.7, seed: 5)
        let n = 20000
        var sum = Vector2.zero, sumSquares = Vector2.zero
        for _ in 0..<n {
            let g = source.gradient(of: Surfaces.bowl, at: .zero)
            sum += g
            sumSquares += g * g
        }
        let mean = sum / Double(n)
        let sd = (sumSquares / Double(n) - mean * mean).squareRoot()
        // Standard error of the mean: 0.7/√20000 ≈ 0.005; of the sd ≈ 0.0035.
        #expect(abs(mean.x) < 0.02 && abs(mean.y) < 0.02)
        #expect(abs(sd.x - 0.7) < 0.015 && abs(sd.y - 0.7) < 0.015)
    }

    @Test func theSameSeedGivesTheSameRunAndAnotherSeedDoesNot() {
        let a = runRows(setup("--surface logistic-regression --batch sgd --seed 42"), steps: 100).rows
        let b = runRows(setup("--surface logistic-regression --batch sgd --seed 42"), steps: 100).rows
        let c = runRows(setup("--surface logistic-regression --batch sgd --seed 43"), steps: 100).rows
        #expect(a == b)
        #expect(a != c)
    }

    @Test func restartReplaysTheSameBatches() {
        let surface = DataSurface(kind: .linearRegression, data: Self.line)
        var d = descent(surface, GD(), lr: 0.01, start: .zero, source: GradientSource(mode: .mini(size: 3), seed: 9))
        let first = (0..<30).map { _ in d.advance()!.point }
        d.restart()
        let second = (0..<30).map { _ in d.advance()!.point }
        #expect(first == second)
    }

    struct BadFile: CustomStringConvertible, Sendable {
        var text: String
        var error: DataError
        var description: String { error.description }
    }

    static let badFiles: [BadFile] = [
        BadFile(text: "", error: .empty("f.csv")),
        BadFile(text: "x,y\n", error: .empty("f.csv")),
        BadFile(text: "x,y\n1,2\n3\n", error: .columns("f.csv", line: 3, found: 1)),
        BadFile(text: "1,2,3\n", error: .columns("f.csv", line: 1, found: 3)),
        BadFile(text: "x,y\n1,2\nfoo,4\n", error: .notANumber("f.csv", line: 3, value: "foo")),
        BadFile(text: "1,2\n3,bar\n", error: .notANumber("f.csv", line: 2, value: "bar")),
        BadFile(text: "x,y\n1,inf\n", error: .notFinite("f.csv", line: 2, value: "inf")),
        BadFile(text: "x,y\nnan,1\n", error: .notFinite("f.csv", line: 2, value: "nan")),
    ]

    @Test(arguments: badFiles)
    func badDataIsReportedWithItsLine(_ bad: BadFile) {
        #expect(throws: bad.error) { try Dataset.parse(bad.text, source: "f.csv") }
    }

    @Test func messagesNameTheFileAndLine() {
        #expect(DataError.notANumber("d.csv", line: 7, value: "x").description == "d.csv:7: 'x' is not a number")
        #expect(DataError.missing("nope.csv").description == "data file 'nope.csv' does not exist")
    }

    @Test func headerlessFilesAndBlankLinesAndCRLF() throws {
        let d = try Dataset.parse("1,2\r\n\r\n3, 4\r\n", source: "t")
        #expect(d.x == [1, 3] && d.y == [2, 4])
    }
}

/// Drawing large data sets from a binned summary.
@Suite struct PreviewLossTests {
    @Test(arguments: [DataSurfaceKind.logisticRegression, .neuron])
    func binnedLossIsCloseToTheExactLoss(kind: DataSurfaceKind) {
        var rng = SplitMix64(seed: 1)
        let xs = (0..<5000).map { _ in -3 + 6 * rng.nextUnit() }
        let ys = xs.map { x in rng.nextUnit() < sigmoid(2 * x) ? 1.0 : 0.0 }
        let s = DataSurface(kind: kind, data: Dataset(source: "t", x: xs, y: ys))
        for p in [Vector2(0, 0), Vector2(2, -0.5), Vector2(-3, 4), Vector2(5, 1)] {
            let exact = s.loss(at: p)
            // Bins of width 6/96: z moves by at most |w|·0.03 within a bin.
            #expect(abs(s.previewLoss(at: p) - exact) < 0.01 * max(1, exact), "\(p)")
        }
    }

    @Test func smallDataSetsAreDrawnExactly() {
        let s = DataSurface(kind: .logisticRegression, data: .builtIn(for: .logisticRegression))
        #expect(s.previewLoss(at: Vector2(1, 2)) == s.loss(at: Vector2(1, 2)))
    }
}

@Suite struct LogisticMinimumTests {
    @Test func newtonFindsTheMinimumOfTheConvexLoss() {
        let s = DataSurface(kind: .logisticRegression, data: DataTests.labels)
        let m = s.minima.first!
        #expect(s.gradient(at: m).norm < 1e-8)
        // A minimum: the loss rises in every direction around it.
        for d in [Vector2(0.01, 0), Vector2(-0.01, 0), Vector2(0, 0.01), Vector2(0, -0.01)] {
            #expect(s.loss(at: m + d) > s.loss(at: m))
        }
    }

    @Test func separableDataHaveNoFiniteMinimum() {
        let s = DataSurface(kind: .logisticRegression, data: Dataset(source: "t", x: [-2, -1, 1, 2], y: [0, 0, 1, 1]))
        #expect(s.minima.isEmpty)
    }
}
