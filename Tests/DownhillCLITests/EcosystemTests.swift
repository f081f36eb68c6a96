import DownhillApp
import DownhillCore
import DownhillRender
import Foundation
import Testing
import TestSupport

/// Shell completion scripts, as `downhill --generate-completion-script SHELL` writes them.
@Suite struct CompletionScriptTests {
    enum Shell: String, CaseIterable, Sendable { case bash, zsh, fish }

    static func script(_ shell: Shell) throws -> String {
        let r = try downhill(["--generate-completion-script", shell.rawValue])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        return r.stdout
    }

    /// How each shell's script spells a list of completion values (the names themselves,
    /// not the option's help text, which also lists the optimizers).
    static func valueList(_ names: [String], in shell: Shell) -> String {
        switch shell {
        case .bash: "-W " + names.map { "'\($0)'" }.joined(separator: "$'\\n'")
        case .zsh: "=(" + names.map { "'\($0)'" }.joined(separator: " ") + ")"
        case .fish: "-rfka '" + names.joined(separator: " ") + "'"
        }
    }

    @Test(arguments: Shell.allCases)
    func offersEverySurfaceAndOptimizerName(_ shell: Shell) throws {
        let text = try Self.script(shell)
        #expect(!text.isEmpty)
        let commands = ["play", "run", "frame", "list"].filter { !text.contains($0) }
        #expect(commands.isEmpty, "commands missing: \(commands)")
        // Booleans first, so that a failure does not print the whole script.
        let offersSurfaces = text.contains(Self.valueList(Surfaces.names, in: shell))
        let offersOptimizers = text.contains(Self.valueList(UpdateRules.names, in: shell))
        #expect(offersSurfaces, "surface names as completion values")
        #expect(offersOptimizers, "optimizer names as completion values")
    }

    @Test(arguments: Shell.allCases)
    func isValidForItsShell(_ shell: Shell) throws {
        // `-n` reads the script without running it; zsh and fish are checked where installed.
        let path = ["/bin/", "/usr/bin/", "/usr/local/bin/"].map { $0 + shell.rawValue }
            .first { FileManager.default.isExecutableFile(atPath: $0) }
        guard let path else { return }
        let text = try Self.script(shell)
        try withTemporaryFile(text, suffix: "." + shell.rawValue) { url in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: path)
            p.arguments = ["-n", url.path]
            try p.run()
            p.waitUntilExit()
            #expect(p.terminationStatus == 0, "\(shell) -n rejects the script")
        }
    }

    /// bash for real: the script completes `--optimizer ada` and `--surface ros`.
    @Test func bashCompletesNames() throws {
        guard FileManager.default.isExecutableFile(atPath: "/bin/bash") else { return }
        let text = try Self.script(.bash)
        let driver = """
            shopt -s extglob
            source "$1"
            complete_line() {
                COMP_LINE="$1"; COMP_POINT=${#COMP_LINE}
                read -ra COMP_WORDS <<< "$COMP_LINE"
                COMP_CWORD=$(( ${#COMP_WORDS[@]} - 1 ))
                COMPREPLY=()
                _downhill downhill "${COMP_WORDS[COMP_CWORD]}" "${COMP_WORDS[COMP_CWORD-1]}"
                echo "${COMPREPLY[*]}"
            }
            complete_line "downhill run --optimizer ada"
            complete_line "downhill play --surface ros"
            complete_line "downhill fr"
            """
        try withTemporaryFile(text, suffix: ".bash") { script in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: "/bin/bash")
            p.arguments = ["-c", driver, "driver", script.path]
            // The script calls `downhill` back for nothing here, but keep it findable.
            var environment = ProcessInfo.processInfo.environment
            environment["PATH"] = downhillBinary.deletingLastPathComponent().path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            p.environment = environment
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            let lines = String(decoding: data, as: UTF8.self).split(separator: "\n", omittingEmptySubsequences: false)
                .dropLast().map(String.init)
            #expect(lines.count == 3, "\(lines)")
            guard lines.count == 3 else { return }
            #expect(Set(lines[0].split(separator: " ").map(String.init))
                    == Set(UpdateRules.names.filter { $0.hasPrefix("ada") }))
            #expect(lines[1] == "rosenbrock")
            #expect(lines[2] == "frame")
        }
    }
}

extension CompletionScriptTests {
    /// fish for real, where it is installed: `complete -C` lists what Tab would offer.
    @Test func fishCompletesNames() throws {
        guard let fish = ["/usr/bin/fish", "/usr/local/bin/fish", "/opt/homebrew/bin/fish"]
            .first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else { return }
        let text = try Self.script(.fish)
        try withTemporaryFile(text, suffix: ".fish") { script in
            let p = Process()
            p.executableURL = URL(fileURLWithPath: fish)
            p.arguments = ["--no-config", "-c", """
                source $argv[1]; complete -C "downhill run --optimizer ada"; echo ---; \
                complete -C "downhill play --surface ros"
                """, script.path]
            let out = Pipe()
            p.standardOutput = out
            p.standardError = FileHandle.nullDevice
            try p.run()
            let data = out.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            // One candidate a line, its description after a tab.
            let parts = String(decoding: data, as: UTF8.self).components(separatedBy: "---\n").map {
                $0.split(separator: "\n").map { String($0.prefix { $0 != "\t" }) }
            }
            #expect(parts.count == 2, "\(parts)")
            guard parts.count == 2 else { return }
            #expect(Set(parts[0]) == Set(UpdateRules.names.filter { $0.hasPrefix("ada") }))
            #expect(parts[1] == ["rosenbrock"])
        }
    }
}

/// `downhill list --format json`: the registries, parseable, for scripts.
///
/// Read with JSONDecoder: on Linux, JSONSerialization rounds some doubles in their last
/// digit (0.13524581234109948 reads as …942), JSONDecoder reads them exactly.
@Suite struct ListJSONTests {
    struct Document: Decodable {
        var surfaces: [Surface]
        var optimizers: [Optimizer]
        var schedules: [Schedule]
    }

    struct Surface: Decodable {
        var name, formula: String
        var view: [String: [Double]]
        var start: [Double]
        var minima: [[Double]]
        var data_backed: Bool
        var default_lr: [String: Double]
    }

    struct Optimizer: Decodable {
        var name, summary, formula: String
        var options: [Option]
        func value(_ option: String) -> Value? { options.first { $0.name == option }?.default }
    }

    struct Option: Decodable {
        var name, symbol, help, kind: String
        var `default`: Value
    }

    enum Value: Decodable, Equatable {
        case number(Double), pair([Double]), flag(Bool)
        init(from decoder: any Decoder) throws {
            let c = try decoder.singleValueContainer()
            if let on = try? c.decode(Bool.self) { self = .flag(on) }
            else if let x = try? c.decode(Double.self) { self = .number(x) }
            else { self = .pair(try c.decode([Double].self)) }
        }
    }

    struct Schedule: Decodable {
        var name, usage, summary: String
    }

    static func document() throws -> Document {
        let r = try downhill(["list", "--format", "json"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        return try JSONDecoder().decode(Document.self, from: Data(r.stdout.utf8))
    }

    @Test func listsEverySurfaceWithItsDefaults() throws {
        let surfaces = try Self.document().surfaces
        #expect(surfaces.map(\.name) == Surfaces.names)
        for (entry, surface) in zip(surfaces, Surfaces.all) {
            #expect(entry.formula == surface.formula)
            #expect(entry.start == [surface.defaultStart.x, surface.defaultStart.y])
            #expect(entry.minima == surface.minima.map { [$0.x, $0.y] })
            #expect(entry.data_backed == surface.isDataBacked)
            let box = surface.defaultView
            #expect(entry.view == ["x": [box.xMin, box.xMax], "y": [box.yMin, box.yMax]])
            #expect(entry.default_lr.count == UpdateRules.all.count)
            for rule in UpdateRules.all {
                #expect(entry.default_lr[rule.name] == surface.defaultLearningRate(for: rule), "\(surface.name) \(rule.name)")
            }
        }
        // By hand, from the catalogue's source.
        let rosenbrock = try #require(surfaces.first { $0.name == "rosenbrock" })
        #expect(rosenbrock.start == [-1.5, 2] && rosenbrock.minima == [[1, 1]])
        #expect(rosenbrock.default_lr["gd"] == 0.001 && rosenbrock.default_lr["adam"] == 0.02)
        #expect(rosenbrock.view == ["x": [-2, 2], "y": [-1, 3]])
        #expect(surfaces.first { $0.name == "linear-regression" }?.data_backed == true)
    }

    @Test func listsEveryOptimizerWithItsOptionsAndDefaults() throws {
        let optimizers = try Self.document().optimizers
        #expect(optimizers.map(\.name) == UpdateRules.names)
        for (entry, rule) in zip(optimizers, UpdateRules.all) {
            #expect(entry.summary == rule.summary && entry.formula == rule.formula)
            #expect(entry.options.map(\.name) == rule.options.map(\.name), "\(rule.name)")
            for option in entry.options {
                switch rule.value(of: option.name) {
                case .real(let x)?: #expect(option.kind == "real" && option.default == .number(x))
                case .pair(let a, let b)?: #expect(option.kind == "pair" && option.default == .pair([a, b]))
                case .flag(let on)?: #expect(option.kind == "flag" && option.default == .flag(on))
                case nil: Issue.record("\(rule.name) has no option \(option.name)")
                }
            }
        }
        // By hand: PyTorch's defaults.
        func rule(_ name: String) throws -> Optimizer { try #require(optimizers.first { $0.name == name }) }
        let adam = try rule("adam")
        #expect(adam.value("beta1") == .number(0.9) && adam.value("beta2") == .number(0.999))
        #expect(adam.value("eps") == .number(1e-8) && adam.value("amsgrad") == .flag(false))
        #expect(adam.value("weight-decay") == .number(0))
        #expect(try rule("adamw").value("weight-decay") == .number(0.01))
        #expect(try rule("momentum").value("momentum") == .number(0.9))
        #expect(try rule("rmsprop").value("alpha") == .number(0.99))
        #expect(try rule("adagrad").value("eps") == .number(1e-10))
        #expect(try rule("gd").options.map(\.name) == ["weight-decay"])
    }

    @Test func listsEverySchedule() throws {
        let schedules = try Self.document().schedules
        #expect(schedules.map(\.name) == Schedules.names)
        #expect(schedules.map(\.usage) == Schedules.usages.map(\.usage))
        #expect(schedules.map(\.summary) == Schedules.usages.map(\.summary))
    }

    @Test func textStaysTheDefault() throws {
        let r = try downhill(["list"]), text = try downhill(["list", "--format", "text"])
        #expect(r.status == 0 && r.stdout == text.stdout && r.stdout.hasPrefix("Surfaces"))
        let bad = try downhill(["list", "--format", "yaml"])
        #expect(bad.status != 0 && bad.stdout.isEmpty && bad.stderr.contains("yaml"))
    }
}

/// The man page's source, `downhill --experimental-dump-help`, which swift-argument-parser's
/// generate-manual plugin reads (`swift package generate-manual`; `.ci/run` runs the plugin).
@Suite struct ManualSourceTests {
    static func dump() throws -> (text: String, root: [String: Any]) {
        let r = try downhill(["--experimental-dump-help"])
        #expect(r.status == 0 && r.stderr.isEmpty, "\(r.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(r.stdout.utf8)) as? [String: Any]
        return (r.stdout, try #require(object?["command"] as? [String: Any]))
    }

    /// Every string in the dump, recursively.
    static func strings(_ value: Any) -> [String] {
        switch value {
        case let s as String: [s]
        case let d as [String: Any]: d.values.flatMap(strings)
        case let a as [Any]: a.flatMap(strings)
        default: []
        }
    }

    @Test func isASCIISoThePluginDropsNothing() throws {
        let (text, root) = try Self.dump()
        let outside = Set(text.unicodeScalars.filter { !$0.isASCII }.map(String.init))
        #expect(outside.isEmpty, "generate-manual would drop \(outside.sorted())")
        let run = try #require((root["subcommands"] as? [[String: Any]])?.first { $0["commandName"] as? String == "run" })
        let lr = try #require((run["arguments"] as? [[String: Any]])?.first { ($0["names"] as? [[String: Any]])?.first?["name"] as? String == "lr" })
        #expect((lr["abstract"] as? String)?.hasPrefix("Learning rate lr > 0") == true)
        // --help itself keeps its symbols.
        #expect(try downhill(["run", "--help"]).stdout.contains("Learning rate η > 0"))
    }

    /// Every symbol in every command's help has an ASCII spelling (``Glyphs``), so the page
    /// shows no `?` where `--help` shows a symbol. A new symbol needs a line in
    /// `Glyphs.asciiSpelling`.
    @Test func everySymbolInTheHelpHasAnASCIISpelling() throws {
        let commands = ((try Self.dump().root["subcommands"] as? [[String: Any]]) ?? []).compactMap { $0["commandName"] as? String }
        #expect(commands.contains("run"))
        var unknown = Set<String>()
        for args in [["--help"]] + commands.map({ ["help", $0] }) {
            for ch in try downhill(args).stdout where !ch.isASCII && Glyphs.ascii.text(String(ch)) == "?" {
                unknown.insert(String(ch))
            }
        }
        #expect(unknown.isEmpty, "no ASCII spelling for \(unknown.sorted())")
    }

    @Test func rootDiscussionHasTheKeyTableAndTheFormulaGrammar() throws {
        let discussion = try #require(try Self.dump().root["discussion"] as? String)
        let lines = discussion.split(separator: "\n").map(String.init)
        for row in KeyBindings.helpRows {
            let keys = Glyphs.ascii.text(row.keys)
            #expect(lines.contains { $0.hasPrefix("  " + keys + " ") }, "no line for \(keys)")
        }
        for word in ["Formula surfaces", "right-associative", "-x^2 is -(x^2)", "sin cos tan exp log sqrt abs tanh sigmoid softplus",
                     "pi", "[-3, 3]"] {
            #expect(discussion.contains(word), "\(word)")
        }
        // An indented line keeps its line in the page, indented 5 in an 80-column terminal:
        // a longer one would wrap back to the left margin (other lines are filled).
        let long = lines.filter { $0.hasPrefix(" ") && $0.count > 74 }
        #expect(long.isEmpty, "\(long)")
        // --help stays short: the keys are behind ? and in the page.
        #expect(!(try downhill(["--help"]).stdout.contains("Keys in the visualizer")))
    }

    /// generate-manual escapes a leading dot or apostrophe only at the start of a whole text,
    /// so a later line that starts with one would be read by man as a macro.
    @Test func noLineStartsLikeARoffRequest() throws {
        for text in Self.strings(try Self.dump().root) {
            for line in text.split(separator: "\n").dropFirst() {
                #expect(!line.hasPrefix(".") && !line.hasPrefix("'"), "\(line)")
            }
        }
    }
}
