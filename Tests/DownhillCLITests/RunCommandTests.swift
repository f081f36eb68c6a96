import Foundation
import Testing
import TestSupport

/// `downhill run` as a user or a script calls it: the real binary, its output and status.
@Suite struct RunCommandTests {
    struct Case: CustomStringConvertible, Sendable {
        var id, file: String
        var divergedAt: Int?
        var args: [String]
        var description: String { id }
    }

    static let cases: [Case] = {
        let text = try! String(contentsOf: fixtures.appendingPathComponent("cases.tsv"), encoding: .utf8)
        return text.split(whereSeparator: \.isNewline).dropFirst().map { line in
            let f = line.split(separator: "\t", omittingEmptySubsequences: false).map(String.init)
            return Case(id: f[0], file: f[1], divergedAt: Int(f[2]), args: f[3].split(separator: " ").map(String.init))
        }
    }()

    @Test(arguments: cases)
    func matchesTheTorchReference(_ c: Case) throws {
        // --data paths in cases.tsv are relative to the reference folder: run from there.
        let result = try downhill(["run"] + c.args, cwd: fixtures)
        #expect(result.status == 0)
        #expect(result.stdout.hasPrefix("step,x,y,loss,grad_x,grad_y\n"))
        let got = parseCSV(result.stdout)
        let want = parseCSV(try String(contentsOf: fixtures.appendingPathComponent(c.file), encoding: .utf8))
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            #expect(zip(g, w).allSatisfy { close($0, $1) }, "row \(w[0]): \(g) vs \(w)")
        }
        if let k = c.divergedAt { #expect(result.stderrLines == ["diverged at step \(k)"]) }
        else { #expect(result.stderr.isEmpty) }
    }

    @Test func divergenceIsReportedOnStandardErrorWithStatusZero() throws {
        let r = try downhill(["run", "--surface", "valley", "--lr", "1", "--start", "1,1", "--steps", "300"])
        #expect(r.status == 0)
        #expect(r.stderrLines == ["diverged at step 121"])
        let rows = parseCSV(r.stdout)
        #expect(rows.count == 121 && rows.last![0] == 120)
    }

    @Test func negativeStartValuesParseInBothForms() throws {
        for args in [["--start", "-1.5,2"], ["--start=-1.5,2"]] {
            let r = try downhill(["run", "--surface", "bowl", "--steps", "0"] + args)
            #expect(r.status == 0, "\(r.stderr)")
            #expect(parseCSV(r.stdout) == [[0, -1.5, 2, 6.25, -3, 4]])
        }
    }

    @Test func leastSquaresFarFromTheOriginPrintsTheRightLoss() throws {
        // x = 10⁸, 10⁸+1, 10⁸+2, y = 0, 1, 3 at (1.5, −1.5·10⁸): residuals 0, 0.5, 0, so the
        // loss is 0.25/3 = 1/12 and the gradient (2/3)·0.5·(10⁸+1, 1) = ((10⁸+1)/3, 1/3).
        // Raw sums printed −1 here (issue 15).
        let r = try withTemporaryFile("x,y\n100000000,0\n100000001,1\n100000002,3\n") { url in
            try downhill(["run", "--surface", "linear-regression", "--data", url.path, "--start=1.5,-150000000", "--steps", "0"])
        }
        #expect(r.status == 0, "\(r.stderr)")
        let row = try #require(parseCSV(r.stdout).first)
        #expect(row[0] == 0 && row[1] == 1.5 && row[2] == -150_000_000)
        #expect(abs(row[3] - 1.0 / 12) <= 1e-12 / 12, "loss \(row[3])")
        #expect(abs(row[4] - 100_000_001.0 / 3) <= 1e-12 * 100_000_001.0 / 3 && abs(row[5] - 1.0 / 3) <= 1e-12 / 3, "gradient \(row)")
    }

    @Test func numbersUseADotWhateverTheLocale() throws {
        // Only a locale whose decimal mark is a comma can show a leak; without one the test
        // would pass whatever the code did, so it fails instead.
        try withTemporaryDirectory { temporary in
            guard let comma = try decimalCommaEnvironment(compilingInto: temporary) else {
                Issue.record("""
                    no locale with a decimal comma: this test needs de_DE.UTF-8 installed, or the \
                    'locales' package for localedef to build it (Debian: apt-get install locales; \
                    localedef -i de_DE -f UTF-8 de_DE.UTF-8)
                    """)
                return
            }
            var plain = ProcessInfo.processInfo.environment
            plain["LC_ALL"] = "C.UTF-8"
            plain["LANG"] = "C.UTF-8"
            plain["LOCPATH"] = nil

            let args = ["run", "--surface", "bowl", "--start", "0.5,0.25", "--steps", "1", "--lr", "0.1"]
            let csv = try downhill(args, environment: comma), csvC = try downhill(args, environment: plain)
            #expect(csv.status == 0, "\(csv.stderr)")
            #expect(csv.stdout == "step,x,y,loss,grad_x,grad_y\n0,0.5,0.25,0.3125,1.0,0.5\n1,0.4,0.2,0.20000000000000004,0.8,0.4\n")
            #expect(csv.stdout == csvC.stdout)
            // JSON, and frame's status bar and panels too: the same bytes as under C.UTF-8.
            let json = try downhill(args + ["--format", "json"], environment: comma)
            let jsonC = try downhill(args + ["--format", "json"], environment: plain)
            #expect(json.status == 0 && json.stdout == jsonC.stdout)
            let frameArgs = ["frame", "--surface", "rosenbrock", "--optimizer", "adam", "--steps", "30", "--show", "chart,gauge,maths",
                             "--width", "120", "--height", "40"]
            let frame = try downhill(frameArgs, environment: comma), frameC = try downhill(frameArgs, environment: plain)
            #expect(frame.status == 0 && frame.stdout == frameC.stdout)
            #expect(frame.stdout.contains("0."))
        }
    }

    @Test func jsonCarriesSettingsStatusAndTheSameRows() throws {
        let args = ["--surface", "valley", "--lr", "0.05", "--start", "1,1", "--steps", "40"]
        let json = try downhill(["run", "--format", "json"] + args)
        let csv = try downhill(["run"] + args)
        #expect(json.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as! [String: Any]
        #expect(doc["status"] as? String == "max_steps")
        #expect(doc["diverged_at"] is NSNull)
        #expect(doc["seed"] as? Int == 0)
        let settings = doc["settings"] as! [String: Any]
        #expect(settings["surface"] as? String == "valley")
        #expect(settings["optimizer"] as? String == "gd")
        #expect(settings["lr"] as? Double == 0.05)
        // JSONSerialization rounds some doubles on Linux; JSONDecoder reads them back exactly.
        struct Row: Decodable { var step: Int; var x, y, loss, grad_x, grad_y: Double }
        struct Document: Decodable { var trajectory: [Row] }
        let trajectory = try JSONDecoder().decode(Document.self, from: Data(json.stdout.utf8)).trajectory
        let rows = parseCSV(csv.stdout)
        #expect(trajectory.count == rows.count)
        for (t, r) in zip(trajectory, rows) {
            #expect([Double(t.step), t.x, t.y, t.loss, t.grad_x, t.grad_y] == r)
        }
    }

    /// Behaviour change: the settings hold the rule's own options only (the JSON used to
    /// carry every rule's hyperparameters, `momentum` for adam too).
    @Test func jsonSettingsHoldTheRulesOwnOptions() throws {
        let r = try downhill(["run", "--format", "json", "--optimizer", "adam", "--beta1", "0.8", "--steps", "0"])
        #expect(r.status == 0, "\(r.stderr)")
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as! [String: Any]
        let settings = doc["settings"] as! [String: Any]
        #expect(Set(settings.keys) == ["surface", "optimizer", "lr", "start", "steps", "beta1", "beta2", "eps", "weight_decay",
                                       "amsgrad", "batch", "noise"])
        #expect(settings["beta1"] as? Double == 0.8 && settings["momentum"] == nil)
    }

    @Test func jsonStatusConvergedAndDiverged() throws {
        let converged = try downhill(["run", "--format", "json", "--surface", "bowl", "--lr", "0.5", "--start", "1,1", "--steps", "2"])
        #expect((try JSONSerialization.jsonObject(with: Data(converged.stdout.utf8)) as! [String: Any])["status"] as? String == "converged")
        let diverged = try downhill(["run", "--format", "json", "--surface", "valley", "--lr", "1", "--start", "1,1", "--steps", "300"])
        let doc = try JSONSerialization.jsonObject(with: Data(diverged.stdout.utf8)) as! [String: Any]
        #expect(doc["status"] as? String == "diverged")
        #expect(doc["diverged_at"] as? Int == 121)
    }

    @Test func theSameSeedGivesTheSameBytesAndAnotherSeedDoesNot() throws {
        let base = ["run", "--surface", "linear-regression", "--batch", "sgd", "--steps", "200"]
        let a = try downhill(base + ["--seed", "7"])
        let b = try downhill(base + ["--seed", "7"])
        let c = try downhill(base + ["--seed", "8"])
        #expect(a.status == 0 && a.stdout == b.stdout)
        #expect(a.stdout != c.stdout)
        let n1 = try downhill(["run", "--surface", "bowl", "--noise", "0.5", "--seed", "3"])
        let n2 = try downhill(["run", "--surface", "bowl", "--noise", "0.5", "--seed", "3"])
        #expect(n1.stdout == n2.stdout)
    }

    @Test func aFailedWriteIsOneLineNotATrap() throws {
        // /dev/full: every write fails with ENOSPC.
        let p = Process()
        p.executableURL = downhillBinary
        p.arguments = ["run", "--steps", "10"]
        p.standardOutput = try FileHandle(forWritingTo: URL(fileURLWithPath: "/dev/full"))
        try withTemporaryFile("", suffix: ".err") { err in
            p.standardError = try FileHandle(forWritingTo: err)
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 1)
            #expect(try String(contentsOf: err, encoding: .utf8) == "downhill: cannot write to standard output: No space left on device\n")
        }
    }

    @Test func jsonStreamsInConstantMemory() throws {
        // 100× the rows must not need more memory: the document is written row by row.
        let args = ["run", "--format", "json", "--surface", "bowl", "--lr", "0.001", "--steps"]
        let small = try measurePeakMemory(args + ["10000"], keepingAll: true)
        let large = try measurePeakMemory(args + ["1000000"], keepingAll: false)
        #expect(small.status == 0 && large.status == 0)

        // The small document is valid JSON and complete.
        struct Row: Decodable { var step: Int }
        struct Document: Decodable { var status: String; var trajectory: [Row] }
        let doc = try JSONDecoder().decode(Document.self, from: small.head)
        #expect(doc.trajectory.count == 10_001 && doc.trajectory.last?.step == 10_000)
        #expect(doc.trajectory.map(\.step) == Array(0...10_000))

        // The large one has every row (one per line, the same lines around them) and is closed.
        #expect(large.lines - small.lines == 990_000)
        #expect(large.bytes > 50 * small.bytes, "\(large.bytes) bytes vs \(small.bytes)")
        let tail = String(decoding: large.tail, as: UTF8.self)
        #expect(tail.contains("\n    {\"step\": 1000000, "))
        #expect(tail.hasSuffix("  ],\n  \"status\" : \"converged\",\n  \"diverged_at\" : null\n}\n"), "\(tail.suffix(300))")

        // Peak resident memory: the same, give or take allocator noise (a 1e6-row document
        // held in memory would be over 100 MiB; 4 MiB is about 4 bytes a row).
        #expect(small.samples > 0 && large.samples > 0)
        #expect(small.peakKiB > 1024, "implausible peak \(small.peakKiB) KiB")
        #expect(large.peakKiB <= small.peakKiB + 4 * 1024,
                "peak \(large.peakKiB) KiB for 1e6 steps vs \(small.peakKiB) KiB for 1e4")
    }

    @Test func listNamesEverySurfaceAndOptimizerWithDefaults() throws {
        let r = try downhill(["list"])
        #expect(r.status == 0)
        for name in ["bowl", "valley", "rosenbrock", "beale", "himmelblau", "booth", "matyas", "rastrigin",
                     "six-hump-camel", "goldstein-price", "saddle", "quadratic", "--condition K", "--angle DEG", "a formula in x and y",
                     "linear-regression", "logistic-regression",
                     "gd", "momentum", "nesterov", "adagrad", "rmsprop", "adam", "adamw",
                     "momentum 0.9", "alpha 0.99", "beta2 0.999", "eps 1e-10", "eps 1e-08", "weight-decay 0.01"] {
            #expect(r.stdout.contains(name), "\(name)")
        }
    }

    @Test func helpExitsZero() throws {
        for args in [["--help"], ["run", "--help"], ["frame", "--help"], ["list", "--help"]] {
            let r = try downhill(args)
            #expect(r.status == 0)
            #expect(r.stdout.contains("USAGE"))
        }
    }
}

/// `run --race`: every racer's rows, a `racer` column first.
@Suite struct RaceCommandTests {
    @Test func everyRacerIsItsSoloRun() throws {
        // Each racer's rows, racer column aside, are those of `downhill run` of it alone.
        let common = ["run", "--surface", "rosenbrock", "--steps", "100"]
        let race = try downhill(common + ["--race", "gd,momentum:0.0003,adam"])
        #expect(race.status == 0 && race.stderr.isEmpty, "\(race.stderr)")
        let lines = race.stdout.split(separator: "\n").map(String.init)
        #expect(lines.first == "racer,step,x,y,loss,grad_x,grad_y")
        for (racer, solo) in [("gd", ["--optimizer", "gd"]), ("momentum:0.0003", ["--optimizer", "momentum", "--lr", "0.0003"]),
                              ("adam", ["--optimizer", "adam"])] {
            let alone = try downhill(common + solo)
            let rows = lines.filter { $0.hasPrefix(racer + ",") }.map { String($0.dropFirst(racer.count + 1)) }
            #expect(rows.count == 101)
            #expect(rows == alone.stdout.split(separator: "\n").dropFirst().map(String.init), "\(racer)")
        }
    }

    /// Behaviour change: a lineup may repeat a rule (`gd,gd` used to be refused): two
    /// identical racers.
    @Test func aRepeatedRuleGivesTwoIdenticalRacers() throws {
        let r = try downhill(["run", "--surface", "valley", "--race", "gd,gd", "--steps", "20"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let rows = r.stdout.split(separator: "\n").dropFirst().map { $0.split(separator: ",", maxSplits: 1).map(String.init) }
        #expect(rows.count == 42 && rows.allSatisfy { $0[0] == "gd" })
        #expect(rows.prefix(21).map { $0[1] } == rows.suffix(21).map { $0[1] })
        let frame = try downhill(["frame", "--surface", "valley", "--race", "gd,gd", "--steps", "5"])
        #expect(frame.status == 0 && frame.stderr.isEmpty, "\(frame.stderr)")
    }
}

/// `frame` prints what `play` draws, as text.
@Suite struct FrameCommandTests {
    @Test func printsExactlyTheRequestedSize() throws {
        for (w, h) in [(80, 24), (120, 40), (40, 12), (20, 6)] {
            let r = try downhill(["frame", "--width", String(w), "--height", String(h), "--steps", "5"])
            #expect(r.status == 0)
            let lines = r.stdout.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
            #expect(lines.count == h)
            #expect(lines.allSatisfy { $0.count == w })
        }
    }

    @Test func panelsAndRaceShowWhatTheyName() throws {
        let r = try downhill(["frame", "--surface", "valley", "--lr", "0.05", "--start", "1,1", "--steps", "3",
                              "--show", "gauge,maths", "--width", "120", "--height", "40"])
        #expect(r.status == 0)
        // valley: λmax = 20 everywhere, so gd is stable iff η < 2/20 = 0.1.
        #expect(r.stdout.contains("λmax 20"))
        #expect(r.stdout.contains("η < 0.1"))
        let race = try downhill(["frame", "--race", "gd,momentum,adam", "--steps", "10", "--width", "120", "--height", "40"])
        for name in ["gd", "momentum", "adam"] { #expect(race.stdout.contains(name)) }
    }

    @Test func outsideAUTF8LocaleFrameDrawsASCIILikePlay() throws {
        var env = ProcessInfo.processInfo.environment
        env["LC_ALL"] = "C"
        env["LANG"] = "C"
        let c = try downhill(["frame", "--surface", "himmelblau", "--steps", "5"], environment: env)
        let ascii = try downhill(["frame", "--surface", "himmelblau", "--steps", "5", "--ascii"])
        #expect(c.stdout == ascii.stdout)
        env["LC_ALL"] = "C.UTF-8"
        let utf8 = try downhill(["frame", "--surface", "himmelblau", "--steps", "5"], environment: env)
        #expect(utf8.stdout != ascii.stdout)
    }

    @Test func asciiHasNoNonASCIIGlyphs() throws {
        let r = try downhill(["frame", "--ascii", "--surface", "himmelblau", "--steps", "20", "--show", "chart,gauge"])
        #expect(r.status == 0)
        let allASCII = r.stdout.unicodeScalars.allSatisfy { $0.isASCII }
        #expect(allASCII)
    }

    @Test func colorAlwaysAddsEscapesAndNeverDoesNot() throws {
        let plain = try downhill(["frame"])
        let colored = try downhill(["frame", "--color", "always"])
        #expect(!plain.stdout.contains("\u{1B}["))
        #expect(colored.stdout.contains("\u{1B}["))
    }
}

/// What ``measurePeakMemory(_:keepingAll:)`` saw of one run.
private struct MeasuredRun {
    var status: Int32
    /// The largest `VmHWM` (peak resident set) read from `/proc/<pid>/status`, in KiB.
    var peakKiB = 0
    /// How many times `VmHWM` was read while the child was alive.
    var samples = 0
    /// Bytes and newlines written on standard output.
    var bytes = 0, lines = 0
    /// All of standard output (`keepingAll`), else its first 64 KiB or so.
    var head = Data()
    /// The last 64 KiB or so of standard output.
    var tail = Data()
}

/// Runs `downhill args` with standard output on a pipe, and reads the child's peak resident
/// memory (`VmHWM`) from `/proc/<pid>/status` after every read from the pipe, while it is
/// alive. A child that keeps its output in memory shows it there, whether it grows as it
/// goes or writes everything at the end (it is then blocked writing into the full pipe).
///
/// Not `getrusage`/`wait4`'s `ru_maxrss`: on Linux a spawned child's `ru_maxrss` starts at
/// the spawning process's own peak (the test runner's, often larger than the child's), so
/// it can hide exactly the growth this looks for.
private func measurePeakMemory(_ args: [String], keepingAll: Bool) throws -> MeasuredRun {
    let p = Process()
    p.executableURL = downhillBinary
    p.arguments = args
    p.environment = ProcessInfo.processInfo.environment.merging(["LC_ALL": "C.UTF-8"]) { $1 }
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let pid = p.processIdentifier
    var run = MeasuredRun(status: -1)
    func sample() {
        // Only while the process is still this `downhill` (not reaped, not a reused pid).
        guard let status = try? String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8) else { return }
        let fields = status.split(separator: "\n")
        guard fields.contains("Name:\tdownhill"),
              let line = fields.first(where: { $0.hasPrefix("VmHWM:") }),
              let kib = Int(line.dropFirst("VmHWM:".count).trimmingCharacters(in: .whitespaces).dropLast(3)) else { return }
        run.peakKiB = max(run.peakKiB, kib)
        run.samples += 1
    }
    let reader = out.fileHandleForReading
    while let chunk = try reader.read(upToCount: 1 << 16), !chunk.isEmpty {
        sample()
        run.bytes += chunk.count
        chunk.withUnsafeBytes { (raw: UnsafeRawBufferPointer) in
            guard var at = raw.baseAddress else { return }
            let end = at + raw.count
            while let hit = memchr(at, 0x0A, end - at) {
                run.lines += 1
                at = UnsafeRawPointer(hit) + 1
            }
        }
        if keepingAll || run.head.count < 1 << 16 { run.head.append(chunk) }
        run.tail.append(chunk)
        if run.tail.count > 1 << 17 { run.tail = run.tail.suffix(1 << 16) }
    }
    p.waitUntilExit()
    run.status = p.terminationStatus
    return run
}

/// The environment with `LC_ALL`/`LANG` set to de_DE.UTF-8, a locale whose decimal mark is
/// a comma, or nil when there is none. An installed de_DE.UTF-8 is used as is; otherwise
/// `localedef` builds it into `folder` and `LOCPATH` points there (no root needed; it needs
/// the `locales` package's sources). Either way `locale decimal_point` must print "," under
/// the returned environment, so the caller knows the comma locale is really in effect.
private func decimalCommaEnvironment(compilingInto folder: URL) throws -> [String: String]? {
    var environment = ProcessInfo.processInfo.environment
    environment["LC_ALL"] = "de_DE.UTF-8"
    environment["LANG"] = "de_DE.UTF-8"
    environment["LOCPATH"] = nil
    func decimalPoint(_ environment: [String: String]) throws -> String? {
        try runTool("/usr/bin/locale", ["decimal_point"], environment: environment)
            .map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
    }
    if try decimalPoint(environment) == "," { return environment }
    guard FileManager.default.fileExists(atPath: "/usr/share/i18n/locales/de_DE") else { return nil }
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    _ = try runTool("/usr/bin/localedef", ["-i", "de_DE", "-f", "UTF-8", folder.appendingPathComponent("de_DE.UTF-8").path],
                    environment: ProcessInfo.processInfo.environment)
    environment["LOCPATH"] = folder.path
    return try decimalPoint(environment) == "," ? environment : nil
}

/// Standard output of `path args`, or nil when `path` is not there; standard error is dropped.
private func runTool(_ path: String, _ args: [String], environment: [String: String]) throws -> String? {
    guard FileManager.default.isExecutableFile(atPath: path) else { return nil }
    let p = Process()
    p.executableURL = URL(fileURLWithPath: path)
    p.arguments = args
    p.environment = environment
    let out = Pipe()
    p.standardOutput = out
    p.standardError = FileHandle.nullDevice
    p.standardInput = FileHandle.nullDevice
    try p.run()
    let data = try out.fileHandleForReading.readToEnd() ?? Data()
    p.waitUntilExit()
    return String(decoding: data, as: UTF8.self)
}

/// Formula surfaces and quadratic from the command line (SPEC §2, §8).
@Suite struct FormulaCommandTests {
    @Test func aFormulaRunsAndALeadingMinusIsNotAnOption() throws {
        let r = try downhill(["run", "--surface", "(x-1)^2 + 3*(y+2)^2", "--start", "-2,1", "--lr", "0.05", "--steps", "1"])
        #expect(r.status == 0 && r.stderr.isEmpty)
        // Step 1 by hand: ∇ = (2·(−3), 6·3) = (−6, 18); θ − 0.05·∇ = (−1.7, 0.1).
        let rows = parseCSV(r.stdout)
        #expect(rows.count == 2 && rows[0] == [0, -2, 1, 9 + 27, -6, 18])
        #expect(close(rows[1][1], -1.7, 1e-15) && close(rows[1][2], 0.1, 1e-15))
        for words in [["--surface", "-x^2 + y^2"], ["--surface=-x^2 + y^2"], ["--surface", "-(x^2) + y^2"]] {
            let minus = try downhill(["run", "--steps", "1", "--start", "1,1"] + words)
            #expect(minus.status == 0 && minus.stderr.isEmpty, "\(words): \(minus.stderr)")
            #expect(parseCSV(minus.stdout).first == [0, 1, 1, 0, -2, 2], "\(words)")
        }
    }

    @Test func aBadFormulaIsOneLinePointingAtTheColumn() throws {
        let r = try downhill(["run", "--surface", "x +* y"])
        #expect(r.status != 0 && r.stdout.isEmpty)
        #expect(r.stderrLines == ["downhill: invalid formula 'x +* y': unexpected '*' at column 4"])
        let f = try downhill(["frame", "--surface", "sni(x)"])
        #expect(f.stderrLines == ["downhill: invalid formula 'sni(x)': unknown function 'sni' at column 1, did you mean 'sin'?"])
    }

    @Test func quadraticTakesItsOptionsAndTheJSONRecordsThem() throws {
        let r = try downhill(["run", "--surface", "quadratic", "--condition", "4", "--angle", "-30", "--steps", "2", "--format", "json"])
        #expect(r.status == 0)
        let doc = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        let settings = doc?["settings"] as? [String: Any]
        #expect(settings?["surface"] as? String == "quadratic")
        #expect(settings?["condition"] as? Double == 4 && settings?["angle"] as? Double == -30)
        let refused = try downhill(["run", "--surface", "bowl", "--condition", "4"])
        #expect(refused.stderrLines == ["downhill: --condition applies only to the quadratic surface (--surface quadratic), not to 'bowl'"])
        let formula = try downhill(["run", "--surface", "x^2 + y^2", "--steps", "0", "--format", "json"])
        let fs = (try JSONSerialization.jsonObject(with: Data(formula.stdout.utf8)) as? [String: Any])?["settings"] as? [String: Any]
        #expect(fs?["surface"] as? String == "x^2 + y^2")
    }
}

/// `downhill sweep` (SPEC §9): one row per η, each the summary of `run` at that η.
@Suite struct SweepCommandTests {
    /// The rows of a sweep CSV: the header's fields to the row's.
    func rows(_ text: String) -> [[String: String]] {
        let lines = text.split(whereSeparator: \.isNewline).map(String.init)
        let header = lines[0].split(separator: ",").map(String.init)
        return lines.dropFirst().map { line in
            Dictionary(uniqueKeysWithValues: zip(header, line.split(separator: ",", omittingEmptySubsequences: false).map(String.init)))
        }
    }

    @Test(arguments: [
        ["--surface", "valley", "--optimizer", "gd,momentum", "--lr-range", "0.01:0.5", "--points", "6", "--steps", "300"],
        ["--surface", "(x-1)^2 + 3*(y+2)^2", "--optimizer", "adam", "--noise", "0.3", "--seed", "5", "--lr-range", "0.001:1",
         "--points", "3", "--steps", "40", "--start", "-2,1"],
        ["--surface", "quadratic", "--condition", "50", "--angle", "20", "--optimizer", "nesterov", "--momentum", "0.5",
         "--schedule", "cosine:30", "--points", "4", "--steps", "30"],
    ])
    func eachRowIsTheLastRowOfRunAtThatRate(_ args: [String]) throws {
        let sweep = try downhill(["sweep"] + args)
        #expect(sweep.status == 0 && sweep.stderr.isEmpty, "\(sweep.stderr)")
        #expect(sweep.stdout.hasPrefix("optimizer,lr,final_loss,best_loss,status,converged_at,diverged_at\n"))
        let table = rows(sweep.stdout)
        let optimizers = args[args.firstIndex(of: "--optimizer")! + 1].split(separator: ",").map(String.init)
        let points = Int(args[args.firstIndex(of: "--points")! + 1])!
        #expect(table.map { $0["optimizer"]! } == optimizers.flatMap { Array(repeating: $0, count: points) })
        // The run itself: everything but the sweep's own options, the optimizer and η of the row.
        var common: [String] = []
        var i = 0
        while i < args.count {
            if ["--optimizer", "--lr-range", "--points"].contains(args[i]) { i += 2; continue }
            common.append(args[i])
            i += 1
        }
        for row in table {
            let words = ["--optimizer", row["optimizer"]!, "--lr", row["lr"]!] + common
            // The CSV for the numbers (JSON readers may round the last digit), JSON for the status.
            let csv = try downhill(["run"] + words)
            let json = try downhill(["run", "--format", "json"] + words)
            #expect(csv.status == 0 && json.status == 0)
            let lines = csv.stdout.split(whereSeparator: \.isNewline).dropFirst().map { $0.split(separator: ",").map(String.init) }
            #expect(row["final_loss"] == lines.last?[3], "\(row)")
            #expect(Double(row["best_loss"]!) == lines.map { Double($0[3])! }.min(), "\(row)")
            let doc = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
            #expect(row["status"] == doc["status"] as? String, "\(row)")
            #expect(row["diverged_at"] == (doc["diverged_at"] as? Int).map(String.init) ?? "", "\(row)")
            #expect(csv.stderrLines == (row["diverged_at"]!.isEmpty ? [] : ["diverged at step \(row["diverged_at"]!)"]))
            let firstConverged = lines.first { hypot(Double($0[4])!, Double($0[5])!) <= 1e-6 }
            #expect(row["converged_at"] == firstConverged?[0] ?? "", "\(row)")
        }
    }

    @Test func frameShowsTheFinishedSweepPanelAndBasinMap() throws {
        let basins = try downhill(["frame", "--surface", "himmelblau", "--show", "basins", "--width", "100", "--height", "30"])
        #expect(basins.status == 0)
        for line in ["basins · gd · 100 steps", "a (3, 2)", "b (-2.805, 3.131)", "c (-3.779, -3.283)", "d (3.584, -1.848)"] {
            #expect(basins.stdout.contains(line), "\(line)")
        }
        let sweep = try downhill(["frame", "--surface", "valley", "--show", "sweep", "--width", "100", "--height", "30"])
        #expect(sweep.status == 0 && sweep.stdout.contains("η sweep · gd · 100 steps ─") && sweep.stdout.contains("▲ η 0.08"))
    }

    @Test func badSweepsAreOneLine() throws {
        let cases: [([String], String)] = [
            (["--lr", "0.1"], "downhill: invalid value '0.1' for --lr: expected no --lr with sweep (it sets η; give --lr-range MIN:MAX)"),
            (["--lr-range", "1:0.1"], "downhill: invalid value '1:0.1' for --lr-range: expected MIN:MAX with 0 < MIN ≤ MAX, such as 0.001:1"),
            (["--lr-range", "0:1"], "downhill: invalid value '0:1' for --lr-range: expected MIN:MAX with 0 < MIN ≤ MAX, such as 0.001:1"),
            (["--points", "0"], "downhill: invalid value '0' for --points: expected a whole number from 1 to 100000"),
            (["--optimizer", "gd,adan"], "downhill: unknown optimizer 'adan', did you mean 'adam'? (see 'downhill list')"),
            (["--optimizer", "gd,adam", "--momentum", "0.5"], "downhill: --momentum does not apply to gd, adam"),
            (["--race", "gd,adam"], "downhill: invalid value 'gd,adam' for --race: expected no --race with sweep (list the optimizers: --optimizer gd,momentum)"),
        ]
        for (args, line) in cases {
            let r = try downhill(["sweep"] + args)
            #expect(r.status != 0 && r.stdout.isEmpty && r.stderrLines == [line], "\(args): \(r.stderr)")
        }
    }
}
