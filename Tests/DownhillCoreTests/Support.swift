import DownhillCore
import DownhillSetup
import Foundation
import Testing
import TestSupport

/// The folder of test fixtures (reference trajectories from torch.optim and their data).
let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures")

/// One case of `Fixtures/cases.tsv`: the `downhill run` arguments and the torch trajectory.
struct ReferenceCase: CustomStringConvertible, Sendable {
    var id: String
    var file: String
    var divergedAt: Int?
    var args: [String]
    var description: String { id }

    /// The cases of `cases.tsv` (the first contract) and `optimizers/cases.tsv` (the rules,
    /// options and schedules added since), each file path relative to the fixtures folder.
    static func all() -> [ReferenceCase] {
        ["", "optimizers/"].flatMap { folder in
            let text = try! String(contentsOf: fixtures.appendingPathComponent(folder + "cases.tsv"), encoding: .utf8)
            return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
                let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
                return ReferenceCase(id: f[0], file: folder + f[1], divergedAt: Int(f[2]),
                                     args: f[3].split(separator: " ").map(String.init))
            }
        }
    }

    /// The expected rows: step, x, y, loss, grad_x, grad_y.
    func rows() -> [[Double]] {
        parseCSV(try! String(contentsOf: fixtures.appendingPathComponent(file), encoding: .utf8))
    }

    /// The value after an option, e.g. `option("--steps")`.
    func option(_ name: String) -> String? {
        guard let i = args.firstIndex(of: name), i + 1 < args.count else { return nil }
        return args[i + 1]
    }

    /// The number of updates (`--steps`, the command's own option, not part of the setup).
    var steps: Int { option("--steps").flatMap(Int.init) ?? 100 }

    /// The case's arguments as a setup, parsed by the codec as `downhill run` parses them:
    /// every argument but `--steps`, with `--data` paths made relative to the fixtures folder.
    func setup() throws -> Setup {
        var words: [String] = []
        var i = 0
        while i < args.count {
            switch args[i] {
            case "--steps": i += 1
            case "--data" where i + 1 < args.count:
                words += ["--data", fixtures.appendingPathComponent(args[i + 1]).path]
                i += 1
            default: words.append(args[i])
            }
            i += 1
        }
        return try SetupCodec.parse(words)
    }
}

/// Parses a numeric CSV with a header row into rows of doubles.
func parseCSV(_ text: String) -> [[Double]] {
    text.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map { Double($0)! } }
}

/// |a − b| ≤ tol · max(1, |b|), the contract's tolerance for reference values.
func close(_ a: Double, _ b: Double, _ tol: Double = 1e-9) -> Bool {
    abs(a - b) <= tol * max(1, abs(b))
}

