// swift-tools-version:6.1
import Foundation
import PackageDescription

// ncursesw is found by the module map's `link "ncursesw"` wherever its header is in a standard
// place. Only where it is not does the target ask pkg-config, so that a missing library gets
// SwiftPM's install hint ("apt-get install libncurses-dev", "brew install ncurses") and
// Homebrew's keg-only ncurses is found. Asking pkg-config always would warn on every build:
// ncursesw.pc's -D flags are ones SwiftPM refuses (DECISIONS.md, 2026-11-30, ecosystem).
let ncursesHeaderFound = ["/usr/include/ncurses.h", "/usr/local/include/ncurses.h"]
    .contains { FileManager.default.fileExists(atPath: $0) }

let package = Package(
    name: "downhill",
    products: [
        .executable(name: "downhill", targets: ["downhill"]),
        .library(name: "DownhillCore", targets: ["DownhillCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/LebJe/TOMLKit", from: "0.6.0"),
    ],
    targets: [
        // Pure model: surfaces, data sets, gradient sources, update rules, the run.
        .target(
            name: "DownhillCore",
            dependencies: [.product(name: "CSV", package: "CSV.swift")]
        ),
        // The command-line codec: text ⇄ Setup (CLI, reproduce line, later `:` and scripts).
        .target(name: "DownhillSetup", dependencies: ["DownhillCore", .product(name: "TOMLKit", package: "TOMLKit")]),
        // Pure renderer: model → grid of cells.
        .target(name: "DownhillRender", dependencies: ["DownhillCore"]),
        // Pure app: model, messages, update, key bindings.
        .target(name: "DownhillApp", dependencies: ["DownhillCore", "DownhillSetup", "DownhillRender"]),
        // The only C: a module map and shim header for ncursesw.
        .systemLibrary(
            name: "CNcursesw", path: "Sources/CNcursesw", pkgConfig: ncursesHeaderFound ? nil : "ncursesw",
            providers: [.apt(["libncurses-dev"]), .yum(["ncurses-devel"]), .brew(["ncurses"])]
        ),
        // The only module that talks to the terminal.
        .target(name: "DownhillTerminal", dependencies: ["CNcursesw", "DownhillRender", "DownhillApp"]),
        // Command line and the loop.
        .executableTarget(
            name: "downhill",
            dependencies: [
                "DownhillCore", "DownhillSetup", "DownhillRender", "DownhillApp", "DownhillTerminal",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // The shared test support: setups from command-line words, descents by hand, temporary files.
        .target(name: "TestSupport", dependencies: ["DownhillCore", "DownhillSetup"], path: "Tests/TestSupport"),
        .testTarget(name: "DownhillCoreTests", dependencies: ["DownhillCore", "DownhillSetup", "TestSupport"], exclude: ["Fixtures"]),
        .testTarget(name: "DownhillSetupTests", dependencies: ["DownhillSetup", "DownhillCore", "TestSupport"]),
        // The screen-snapshot helper shared by the render and app tests.
        .target(name: "SnapshotSupport", path: "Tests/SnapshotSupport"),
        .testTarget(name: "DownhillRenderTests", dependencies: ["DownhillRender", "DownhillCore", "SnapshotSupport", "TestSupport"],
                    exclude: ["Snapshots"]),
        .testTarget(name: "DownhillAppTests",
                    dependencies: ["DownhillApp", "DownhillRender", "DownhillCore", "DownhillSetup", "SnapshotSupport", "TestSupport"]),
        .testTarget(name: "DownhillCLITests",
                    dependencies: ["downhill", "DownhillCore", "DownhillApp", "DownhillRender", "DownhillSetup", "TestSupport"]),
        .testTarget(name: "EndToEndTests", dependencies: ["downhill", "TestSupport"]),
        // Pure pieces of the terminal layer (key decoding); no terminal needed.
        .testTarget(name: "DownhillTerminalTests", dependencies: ["DownhillTerminal", "DownhillApp"]),
    ]
)

// Benchmarks (ordo-one/benchmark) are only part of the package when asked for, so that a
// plain `swift build` or `swift test` never builds the benchmark harness:
//   DOWNHILL_BENCHMARKS=1 swift package --allow-writing-to-package-directory benchmark
if Context.environment["DOWNHILL_BENCHMARKS"] != nil {
    package.dependencies.append(
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]))
    package.targets.append(contentsOf: [
        .executableTarget(
            name: "CoreBenchmarks",
            dependencies: ["DownhillCore", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/CoreBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
        .executableTarget(
            name: "RenderBenchmarks",
            dependencies: ["DownhillCore", "DownhillSetup", "DownhillRender", "DownhillApp", .product(name: "Benchmark", package: "benchmark")],
            path: "Benchmarks/RenderBenchmarks",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "benchmark")]
        ),
    ])
}
