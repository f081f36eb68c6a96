import DownhillCore
import Testing
import TestSupport

/// Every case of the torch.optim reference trajectories (float64), run through the same
/// path as `downhill run`, matches every value to within 1e-9 · max(1, |v|).
@Suite struct ReferenceTrajectoryTests {
    @Test(arguments: ReferenceCase.all())
    func matchesTorch(_ c: ReferenceCase) throws {
        let expected = c.rows()
        let (rows, summary) = runRows(try c.setup(), steps: c.steps)
        #expect(rows.count == expected.count, "row count")
        for (row, want) in zip(rows, expected) {
            let got = [Double(row.step), row.point.x, row.point.y, row.loss, row.gradient.x, row.gradient.y]
            for (g, w) in zip(got, want) {
                #expect(close(g, w), "step \(row.step): got \(g), torch \(w)")
            }
        }
        #expect(summary.divergedAt == c.divergedAt)
    }
}
