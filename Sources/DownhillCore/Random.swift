import Foundation

/// SplitMix64 (Steele, Lea & Flood 2014): a tiny, fast, seedable generator. Every random
/// choice in downhill (shuffles, gradient noise) draws from one of these, so the same
/// `--seed` gives the same run, byte for byte, on every platform.
public struct SplitMix64: RandomNumberGenerator, Sendable {
    public private(set) var state: UInt64

    public init(seed: UInt64) { state = seed }

    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A uniform double in [0, 1) with 53 random bits.
    public mutating func nextUnit() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform integer in 0..<bound (Lemire's multiply-shift, unbiased), bound > 0.
    public mutating func nextInt(below bound: Int) -> Int {
        precondition(bound > 0)
        let b = UInt64(bound)
        var m = next().multipliedFullWidth(by: b)
        if m.low < b {
            let threshold = (0 &- b) % b
            while m.low < threshold { m = next().multipliedFullWidth(by: b) }
        }
        return Int(m.high)
    }

    /// Two independent standard normal samples (Box–Muller transform).
    public mutating func nextGaussianPair() -> Vector2 {
        let u1 = 1 - nextUnit()  // (0, 1], so log is finite
        let u2 = nextUnit()
        let r = (-2 * log(u1)).squareRoot()
        let angle = 2 * Double.pi * u2
        return Vector2(r * cos(angle), r * sin(angle))
    }

    /// Shuffles in place with the Fisher–Yates algorithm, written out so that the order
    /// never depends on the standard library's version.
    public mutating func shuffle<T>(_ a: inout [T]) {
        guard a.count > 1 else { return }
        for i in stride(from: a.count - 1, to: 0, by: -1) {
            a.swapAt(i, nextInt(below: i + 1))
        }
    }
}
