// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "downhill",
    products: [
        .executable(name: "downhill", targets: ["downhill"]),
        .library(name: "DownhillCore", targets: ["DownhillCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // Pure model: surfaces, data sets, gradient sources, update rules, the run.
        .target(
            name: "DownhillCore",
            dependencies: [.product(name: "CSV", package: "CSV.swift")]
        ),
        // The command-line codec: text ⇄ Setup (CLI, reproduce line, later `:` and scripts).
        .target(name: "DownhillSetup", dependencies: ["DownhillCore"]),
        // Pure renderer: model → grid of cells.
        .target(name: "DownhillRender", dependencies: ["DownhillCore"]),
        // Pure app: model, messages, update, key bindings.
        .target(name: "DownhillApp", dependencies: ["DownhillCore", "DownhillSetup", "DownhillRender"]),
        // The only C: a module map and shim header for ncursesw.
        .systemLibrary(name: "CNcursesw", path: "Sources/CNcursesw"),
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
                    dependencies: ["DownhillApp", "DownhillRender", "DownhillCore", "SnapshotSupport", "TestSupport"]),
        .testTarget(name: "DownhillCLITests", dependencies: ["downhill", "DownhillCore", "TestSupport"]),
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
