import Foundation

/// The learning rates `+` and `-` walk: ten rungs a decade, the rounded Renard series R′10
/// (ISO 3: 1, 1.25, 1.6, 2, 2.5, 3.2, 4, 5, 6.3, 8, each within 1.2 % of 10^(k/10)) times
/// every power of ten. Each rung is the double nearest its decimal text, so it prints as
/// written (`0.125`, `1`, never `1.0000000000000004`): ten presses of `+` from 0.1 give
/// exactly 1, twenty of `-` from 0.1 exactly 0.001.
public enum LearningRateLadder {
    /// The mantissas of one decade, as written.
    public static let mantissas = ["1", "1.25", "1.6", "2", "2.5", "3.2", "4", "5", "6.3", "8"]

    /// Rung `k`: mantissa `k mod 10` times 10^⌊k/10⌋ (rung 0 is 1, rung −10 is 0.1).
    public static func rung(_ k: Int) -> Double {
        let decade = Int((Double(k) / 10).rounded(.down))
        let m = mantissas[k - 10 * decade]
        return Double(decade == 0 ? m : "\(m)e\(decade)") ?? .nan
    }

    /// The next rung above `lr` (up) or below it (down). A rate on a rung (to 1e-9
    /// relative) moves one rung; a rate between rungs, as a surface's default 0.095 or
    /// a typed `:lr 0.3`, goes to the nearest rung in that direction.
    public static func next(after lr: Double, up: Bool) -> Double {
        guard lr > 0, lr.isFinite else { return lr }
        let base = Int((10 * log10(lr)).rounded(.down))
        if up {
            for k in (base - 1)...(base + 2) where rung(k) > lr * (1 + 1e-9) { return rung(k) }
        } else {
            for k in stride(from: base + 1, through: base - 2, by: -1) where rung(k) < lr * (1 - 1e-9) { return rung(k) }
        }
        return lr * (up ? pow(10, 0.1) : pow(10, -0.1))  // not reached: the rungs are 26 % apart at most
    }
}
