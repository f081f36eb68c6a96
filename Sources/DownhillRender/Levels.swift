import Foundation
import DownhillCore

/// The loss levels that separate the bands of the valley picture.
///
/// Levels are decided once per surface from a fixed grid of samples over its default view
/// (so they do not depend on the terminal's size): the loss is shifted by the sampled
/// minimum, so negative surfaces (`six-hump-camel`, `saddle`) work and no logarithm ever
/// sees zero or a negative, and then
/// - linear: equal steps of loss, when the samples are spread evenly (quadratics, `rastrigin`);
/// - logarithmic: `t = log(1 + d/s) / log(1 + D/s)` with d the shifted loss and D its
///   sampled maximum, when most samples crowd the bottom of the range (the median is below
///   D/``logarithmicThreshold``). The scale s is the 5th percentile of the shifted samples
///   (clamped to [D·10⁻⁵, D/10]): below s the levels are nearly linear, above it nearly
///   geometric, so the lowest few percent of the view form a visible floor and the walls
///   above it still get their bands (the curved floor of `rosenbrock`, the four basins of
///   `himmelblau`).
///
/// `t` in [0, 1] is cut into ``Palette/bandCount`` equal bands.
public struct Levels: Equatable, Sendable {
    public enum Spacing: Equatable, Sendable { case linear, logarithmic }

    /// Samples per axis over the default view.
    public static let samplesPerAxis = 64
    /// Logarithmic spacing when max/median of the shifted samples exceeds this.
    public static let logarithmicThreshold = 6.0
    /// The smallest logarithmic scale, as decades below the span: s ≥ D · 10^−decades.
    public static let decades = 5.0

    public let spacing: Spacing
    /// The sampled minimum, subtracted from every loss before it is placed.
    public let floor: Double
    /// D: the sampled maximum minus the minimum (world loss units), > 0.
    public let span: Double
    /// s, the scale of the logarithmic spacing (unused when linear).
    public let scale: Double

    /// The levels for a surface, from ``samplesPerAxis``² samples over its default view.
    public init(surface: any LossSurface) {
        let view = surface.defaultView
        let n = Self.samplesPerAxis
        var values: [Double] = []
        values.reserveCapacity(n * n)
        for j in 0..<n {
            let y = view.yMin + (Double(j) + 0.5) / Double(n) * view.height
            for i in 0..<n {
                let x = view.xMin + (Double(i) + 0.5) / Double(n) * view.width
                values.append(surface.previewLoss(at: Vector2(x, y)))
            }
        }
        self.init(samples: values)
    }

    /// Levels decided from sampled loss values (non-finite samples are ignored).
    public init(samples: [Double]) {
        var finite = samples.filter(\.isFinite)
        guard let lo = finite.min(), let hi = finite.max(), hi > lo else {
            self.init(spacing: .linear, floor: finite.first ?? 0, span: 1)
            return
        }
        finite.sort()
        let median = finite[finite.count / 2] - lo
        let low = finite[finite.count / 20] - lo
        let span = hi - lo
        let spacing: Spacing = median * Self.logarithmicThreshold < span ? .logarithmic : .linear
        self.init(spacing: spacing, floor: lo, span: span, scale: low)
    }

    /// Levels with explicit parameters; `span` must be > 0. `scale` is clamped to
    /// [D·10^−decades, D/10].
    public init(spacing: Spacing, floor: Double, span: Double, scale: Double = 0) {
        self.spacing = spacing
        self.floor = floor
        self.span = span > 0 && span.isFinite ? span : 1
        self.scale = min(self.span / 10, max(self.span * pow(10, -Self.decades), scale.isFinite ? scale : 0))
    }

    /// Where `loss` sits between the floor (0) and the sampled maximum (1), clamped to
    /// [0, 1]; a non-finite loss is taken as the top.
    public func normalized(_ loss: Double) -> Double {
        guard loss.isFinite else { return 1 }
        let d = max(0, loss - floor)
        let t: Double
        switch spacing {
        case .linear: t = d / span
        case .logarithmic: t = log1p(d / scale) / log1p(span / scale)
        }
        return min(1, t)
    }

    /// The band of a loss: 0 (the floor) to `Palette.bandCount − 1`.
    public func band(of loss: Double) -> Int {
        band(normalized: normalized(loss))
    }

    /// The band of a normalized value in [0, 1].
    @inline(__always) public func band(normalized t: Double) -> Int {
        min(Palette.bandCount - 1, Int(t * Double(Palette.bandCount)))
    }

    /// The lowest loss of band `k` (the level between bands k − 1 and k), world units.
    public func threshold(ofBand k: Int) -> Double {
        let t = Double(k) / Double(Palette.bandCount)
        switch spacing {
        case .linear: return floor + t * span
        case .logarithmic: return floor + scale * expm1(t * log1p(span / scale))
        }
    }
}
