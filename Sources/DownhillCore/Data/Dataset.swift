import CSV
import Foundation

/// A data set of N rows (xᵢ, yᵢ) for the data-backed surfaces (SPEC §2.2).
public struct Dataset: Equatable, Sendable {
    /// Where the rows came from: a file path, or the name of a built-in data set.
    public let source: String
    public let x: [Double]
    public let y: [Double]
    /// The 1-based line of each row in its file (for messages about a row).
    public let lines: [Int]
    public var count: Int { x.count }

    /// Rows (xᵢ, yᵢ); `lines` defaults to 1, 2, 3, ….
    public init(source: String, x: [Double], y: [Double], lines: [Int]? = nil) {
        precondition(x.count == y.count)
        self.source = source
        self.x = x
        self.y = y
        self.lines = lines ?? Array(stride(from: 1, through: x.count, by: 1))
    }

    /// The largest |x| or |y| a data file may hold.
    public static let largestValue = 1e100

    /// How far a load has got (``load(path:progress:)``).
    public struct LoadProgress: Sendable, Equatable {
        public enum Stage: Sendable, Equatable {
            /// Reading the file's bytes.
            case reading
            /// Parsing the text into rows.
            case parsing
        }
        public var stage: Stage
        /// Bytes read, or bytes of text parsed, so far.
        public var bytes: Int
        /// The file's size; nil while reading a file whose size is not known in advance
        /// (a named pipe).
        public var totalBytes: Int?
        /// Data rows parsed so far.
        public var rows: Int
        public init(stage: Stage, bytes: Int, totalBytes: Int?, rows: Int) {
            (self.stage, self.bytes, self.totalBytes, self.rows) = (stage, bytes, totalBytes, rows)
        }
    }

    /// Told how far a load has got, every ``progressChunk`` bytes read and every
    /// ``progressInterval`` rows parsed, and once at the end of each stage.
    public typealias Progress = (LoadProgress) -> Void

    /// How many bytes are read at a time.
    public static let progressChunk = 1 << 20
    /// How many rows pass between two calls of a load's progress closure.
    public static let progressInterval = 16_384

    /// Reads a CSV file of two numeric columns with an optional header row. The file is
    /// opened and read once (a named pipe works too), then parsed; `progress`, if given,
    /// follows both stages.
    /// - Throws: ``DataError`` naming the file, and the line of a bad row.
    public static func load(path: String, progress: Progress? = nil) throws(DataError) -> Dataset {
        guard FileManager.default.fileExists(atPath: path) else { throw .missing(path) }
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { throw .unreadable(path) }
        defer { close(fd) }
        var info = stat()
        let size: Int? = fstat(fd, &info) == 0 && (info.st_mode & S_IFMT) == S_IFREG ? Int(info.st_size) : nil
        var bytes = Data()
        if let size { bytes.reserveCapacity(size) }
        // read(2) returns what has arrived, so a slow pipe still reports progress.
        var buffer = [UInt8](repeating: 0, count: progressChunk)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n >= 0 else { throw .unreadable(path) }
            if n == 0 { break }
            bytes.append(buffer, count: n)
            progress?(LoadProgress(stage: .reading, bytes: bytes.count, totalBytes: size, rows: 0))
        }
        guard let text = String(data: bytes, encoding: .utf8) else { throw .notText(path) }
        return try parse(text, source: path, progress: progress)
    }

    /// Parses CSV text: two numeric columns, an optional header row (a first row whose
    /// fields are not both numbers), blank lines ignored. `progress` as for
    /// ``load(path:progress:)``, with the bytes parsed counted from the fields' lengths (a
    /// close estimate: quotes are not counted).
    /// - Throws: ``DataError`` with the 1-based line number of the first bad row.
    public static func parse(_ text: String, source: String, progress: Progress? = nil) throws(DataError) -> Dataset {
        let total = text.utf8.count
        var done = 0
        let reader: CSVReader
        do { reader = try CSVReader(string: text) } catch { throw .malformed(source, line: 1, "\(error)") }
        var xs: [Double] = []
        var ys: [Double] = []
        var rowLines: [Int] = []
        var line = 0
        while let fields = reader.next() {
            line += 1
            if let progress {
                // Each field, the commas between them, the line break.
                for f in fields { done += f.utf8.count + 1 }
                if line % progressInterval == 0 { progress(LoadProgress(stage: .parsing, bytes: min(done, total), totalBytes: total, rows: xs.count)) }
            }
            let trimmed = fields.map { $0.trimmingCharacters(in: .whitespaces) }
            if trimmed.allSatisfy(\.isEmpty) { continue }
            guard trimmed.count == 2 else {
                throw .columns(source, line: line, found: trimmed.count)
            }
            let numbers = trimmed.map(Double.init)
            guard let x = numbers[0], let y = numbers[1] else {
                if xs.isEmpty && line == 1 { continue }  // a header row
                let bad = numbers[0] == nil ? trimmed[0] : trimmed[1]
                throw .notANumber(source, line: line, value: bad)
            }
            guard x.isFinite && y.isFinite else {
                throw .notFinite(source, line: line, value: x.isFinite ? trimmed[1] : trimmed[0])
            }
            // Losses square and sum these: beyond 1e100 the sums overflow long before a
            // descent could say anything about them.
            guard abs(x) <= Self.largestValue && abs(y) <= Self.largestValue else {
                throw .tooLarge(source, line: line, value: abs(x) <= Self.largestValue ? trimmed[1] : trimmed[0])
            }
            xs.append(x)
            ys.append(y)
            rowLines.append(line)
        }
        guard !xs.isEmpty else { throw .empty(source) }
        progress?(LoadProgress(stage: .parsing, bytes: total, totalBytes: total, rows: xs.count))
        return Dataset(source: source, x: xs, y: ys, lines: rowLines)
    }
}

/// What can be wrong with a data file. Each message is one line naming the file and, for
/// a bad row, its 1-based line number.
public enum DataError: Error, Equatable, CustomStringConvertible {
    case missing(String)
    case unreadable(String)
    case notText(String)
    case malformed(String, line: Int, String)
    case columns(String, line: Int, found: Int)
    case notANumber(String, line: Int, value: String)
    case notFinite(String, line: Int, value: String)
    case notALabel(String, line: Int, value: String, surface: String, expected: String)
    case tooLarge(String, line: Int, value: String)
    case empty(String)

    public var description: String {
        switch self {
        case .missing(let f): "data file '\(f)' does not exist"
        case .unreadable(let f): "data file '\(f)' cannot be read"
        case .notText(let f): "data file '\(f)' is not UTF-8 text"
        case .malformed(let f, let l, let why): "\(f):\(l): malformed CSV (\(why))"
        case .columns(let f, let l, let n): "\(f):\(l): expected 2 columns (x,y), found \(n)"
        case .notANumber(let f, let l, let v): "\(f):\(l): '\(v)' is not a number"
        case .notFinite(let f, let l, let v): "\(f):\(l): '\(v)' is not a finite number"
        case .notALabel(let f, let l, let v, let surface, let expected): "\(f):\(l): label '\(v)' must be \(expected) for \(surface)"
        case .tooLarge(let f, let l, let v): "\(f):\(l): '\(v)' is too large (|value| ≤ 1e100)"
        case .empty(let f): "data file '\(f)' has no data rows"
        }
    }
}

extension Dataset {
    /// The built-in data set for a data-backed surface, generated from a fixed seed so that
    /// it is the same everywhere (formulas in `Assets/README.md`):
    /// - `line`: 100 rows, x ~ U(−3, 3), y = 0.8x + 0.5 + ε, ε ~ N(0, 0.5²), seed 2024.
    /// - `labels`: 100 rows, x ~ U(−4, 4), y ~ Bernoulli(σ(1.5x − 0.75)), seed 2025.
    public static func builtIn(for kind: DataSurfaceKind) -> Dataset {
        switch kind {
        case .linearRegression:
            var rng = SplitMix64(seed: 2024)
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<100 {
                let x = -3 + 6 * rng.nextUnit()
                xs.append(x)
                ys.append(0.8 * x + 0.5 + 0.5 * rng.nextGaussianPair().x)
            }
            return Dataset(source: "built-in line", x: xs, y: ys)
        case .logisticRegression, .neuron:
            var rng = SplitMix64(seed: 2025)
            var xs: [Double] = [], ys: [Double] = []
            for _ in 0..<100 {
                let x = -4 + 8 * rng.nextUnit()
                xs.append(x)
                ys.append(rng.nextUnit() < sigmoid(1.5 * x - 0.75) ? 1 : 0)
            }
            return Dataset(source: "built-in labels", x: xs, y: ys)
        }
    }
}

/// σ(z) = 1 / (1 + e^−z), evaluated without overflow for large |z|.
@inlinable public func sigmoid(_ z: Double) -> Double {
    if z >= 0 { return 1 / (1 + exp(-z)) }
    let e = exp(z)
    return e / (1 + e)
}

/// log(1 + e^z), evaluated without overflow: max(z, 0) + log1p(e^−|z|).
@inlinable public func softplus(_ z: Double) -> Double {
    max(z, 0) + log1p(exp(-abs(z)))
}
