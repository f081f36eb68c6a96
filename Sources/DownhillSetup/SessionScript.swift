import DownhillCore
import Foundation
import TOMLKit

/// A session script or a lesson (SPEC §10): a setup, the changes made to it at given steps,
/// and, for a lesson, scenes with captions. One TOML format read by TOMLKit; every setting
/// is a command-line option under its own name, its value read by ``SetupCodec``, so what
/// the command line can set a script can set.
///
/// ```toml
/// title = "The learning rate"          # lessons: shown by `downhill lesson --list`
/// steps = 10                            # scripts: the run's step where the replay ends
///
/// [setup]                               # command-line options, plus show = ["maths"]
/// surface = "valley"
/// lr = 0.05
///
/// [[change]]                            # scripts: at the run's step 5 …
/// step = 5
/// lr = 0.0794328234724281              # … any option; restart, racer, solo, show, speed, zoom
///
/// [[scene]]                             # lessons: a caption, then what to do
/// caption = "Plain words, a few lines."
/// run = 20                              # steps; "converged" (or diverged); absent: wait for Enter
/// lr = 0.1                              # the scene's changes, as in [[change]]
/// ```
///
/// Errors: ``ScriptError``, one line with the file's line number.
public struct SessionScript: Sendable, Equatable {
    /// The lesson's title and one-line summary (nil in a session script).
    public var title: String?
    public var summary: String?
    /// The starting setup (command-line options) and the panels open at the start.
    public var setup: Setup
    public var panels: [String]
    /// The changes, in the order they happen.
    public var changes: [ScriptChange]
    /// The selected run's step at which the replay ends (after the last change), nil: none given.
    public var steps: Int?
    /// The lesson's scenes (empty in a session script).
    public var scenes: [Scene]
    /// Lines of the text that each part starts at, for errors found while playing.
    public var setupLine: Int
    /// The `[setup]` settings as written: name, value text and line.
    public var setupSettings: [ScriptSetting] = []

    /// The line of the `[setup]` setting that an error message is about (it names the
    /// option or quotes the value), else the `[setup]` header's line.
    public func setupLine(for message: String) -> Int {
        setupSettings.first { message.contains("--" + $0.name) || message.contains("'\($0.value)'") }?.line ?? setupLine
    }

    public init(setup: Setup, panels: [String] = [], changes: [ScriptChange] = [], steps: Int? = nil) {
        self.setup = setup
        self.panels = panels
        self.changes = changes
        self.steps = steps
        scenes = []
        setupLine = 1
    }

    /// One scene of a lesson: its caption, the changes made as it begins, and what to do.
    public struct Scene: Sendable, Equatable {
        /// Plain words; a blank line starts a new paragraph. Wrapped to the caption box.
        public var caption: String
        /// The changes made when the scene begins (its `step` is unused).
        public var change: ScriptChange
        public var action: Action
        public var line: Int

        /// What a scene does once its changes are made.
        public enum Action: Sendable, Equatable {
            /// Waits for Enter, paused.
            case wait
            /// Plays this many steps, then waits for Enter.
            case steps(Int)
            /// Plays until every run has converged or diverged, then waits for Enter.
            case settle
        }
    }
}

/// One change of a script: settings, made when the selected run reaches ``step``.
public struct ScriptChange: Sendable, Equatable {
    /// The selected run's step at which the change is made.
    public var step: Int
    /// Command-line options (name without dashes, value as the command line takes it;
    /// `"true"`/`"false"` for a switch), in the order they are applied.
    public var settings: [ScriptSetting]
    /// The runs start over from their start (without other settings: as `r` does).
    public var restart: Bool
    /// The racer (1-based, lineup order) that the following live settings change.
    public var racer: Int?
    /// Leaves the race, going on with the selected racer alone (as `c` does).
    public var solo: Bool
    /// The panels open from now on, nil: unchanged.
    public var panels: [String]?
    /// The animation speed, steps per second (nearest of `[` `]`'s speeds).
    public var speed: Double?
    /// Magnify the view this many times around the point (2: in, 0.5: out), as `z` `Z` do.
    public var zoom: Double?
    /// Line of the change's header in the file (0: made in memory).
    public var line: Int

    public init(step: Int = 0, settings: [ScriptSetting] = [], restart: Bool = false, racer: Int? = nil, solo: Bool = false,
                panels: [String]? = nil, speed: Double? = nil, zoom: Double? = nil, line: Int = 0) {
        self.step = step
        self.settings = settings
        self.restart = restart
        self.racer = racer
        self.solo = solo
        self.panels = panels
        self.speed = speed
        self.zoom = zoom
        self.line = line
    }

    /// True when the change does nothing.
    public var isEmpty: Bool {
        settings.isEmpty && !restart && racer == nil && !solo && panels == nil && speed == nil && zoom == nil
    }
}

/// One setting of a change: a command-line option's name (no dashes) and value text.
public struct ScriptSetting: Sendable, Equatable {
    public var name: String
    public var value: String
    /// Its line in the file (0: made in memory).
    public var line: Int
    public init(_ name: String, _ value: String, line: Int = 0) {
        self.name = name
        self.value = value
        self.line = line
    }
}

/// A script or lesson that cannot be used: one line naming the file's line.
public struct ScriptError: Error, Equatable, CustomStringConvertible {
    /// 1-based line in the file, 0 when unknown.
    public var line: Int
    public var message: String
    public init(line: Int, _ message: String) {
        self.line = line
        self.message = message
    }
    public var description: String { line > 0 ? "line \(line): \(message)" : message }
}

extension SessionScript {
    /// Keys of a change (and of a scene) besides the command-line options.
    static let changeKeys = ["step", "restart", "racer", "solo", "show", "speed", "zoom"]
    /// Options that set up a new run rather than changing a running one: a change that
    /// has one starts the runs over.
    public static let restartSettings: Set = ["surface", "condition", "angle", "race", "start", "data", "seed"]

    /// Reads a script or lesson from its text.
    /// - Throws: ``ScriptError`` with the line: TOML syntax, an unknown key (with the
    ///   closest), a value of the wrong type, a bad setup (the codec's message).
    public static func parse(_ text: String) throws(ScriptError) -> SessionScript {
        let table: TOMLTable
        do {
            table = try TOMLTable(string: text)
        } catch let error as TOMLParseError {
            throw ScriptError(line: error.source.begin.line, "TOML: " + error.description)
        } catch {
            throw ScriptError(line: 0, "TOML: \(error)")
        }
        let lines = KeyLines(text)
        for key in table.keys where !["title", "summary", "steps", "setup", "change", "scene"].contains(key) {
            throw ScriptError(line: lines.line(of: key, in: nil),
                              unknown("key", key, closestName(to: key, in: ["title", "summary", "steps", "setup", "change", "scene"])))
        }
        var script = SessionScript(setup: Setup())
        script.title = try string(table["title"], "title", lines.line(of: "title", in: nil))
        script.summary = try string(table["summary"], "summary", lines.line(of: "summary", in: nil))
        if let steps = table["steps"] {
            let line = lines.line(of: "steps", in: nil)
            guard let n = steps.int, n >= 0 else { throw ScriptError(line: line, "steps: expected a whole number ≥ 0") }
            script.steps = n
        }
        if let value = table["setup"] {
            let section = Section(name: "setup", index: 0)
            script.setupLine = lines.header(section)
            guard let setup = value.table else { throw ScriptError(line: lines.line(of: "setup", in: nil), "setup: expected a table") }
            var words: [String] = []
            for key in setup.keys {
                let line = lines.line(of: key, in: section)
                if key == "show" {
                    script.panels = try panelList(setup[key]!, line)
                    script.setupSettings.append(ScriptSetting(key, script.panels.joined(separator: ","), line: line))
                    continue
                }
                guard SetupCodec.optionNames.contains(key) else {
                    throw ScriptError(line: line, unknown("setting", key, closestName(to: key, in: SetupCodec.optionNames + ["show"])))
                }
                let text = try valueText(setup[key]!, key, line)
                script.setupSettings.append(ScriptSetting(key, text, line: line))
                if SetupCodec.isFlag(key) {
                    guard text == "true" || text == "false" else { throw ScriptError(line: line, "\(key): expected true or false") }
                    if text == "true" { words.append("--" + key) }
                } else {
                    words.append("--\(key)=\(text)")
                }
            }
            do { script.setup = try SetupCodec.parse(words) } catch {
                throw ScriptError(line: script.setupLine(for: error.description), error.description)
            }
        }
        if let value = table["change"] {
            guard let array = value.array else { throw ScriptError(line: lines.line(of: "change", in: nil), "change: expected [[change]] tables") }
            for (i, item) in array.enumerated() {
                let section = Section(name: "change", index: i)
                guard let t = item.table else { throw ScriptError(line: lines.header(section), "change: expected a table") }
                var change = try Self.change(t, section, lines, isScene: false)
                if let last = script.changes.last, change.step < last.step, !last.restart && last.settings.allSatisfy({ !restartSettings.contains($0.name) }) {
                    change.line = lines.line(of: "step", in: section)
                    throw ScriptError(line: change.line, "step \(change.step) comes before the previous change's step \(last.step)")
                }
                script.changes.append(change)
            }
        }
        if let value = table["scene"] {
            guard let array = value.array else { throw ScriptError(line: lines.line(of: "scene", in: nil), "scene: expected [[scene]] tables") }
            for (i, item) in array.enumerated() {
                let section = Section(name: "scene", index: i)
                let header = lines.header(section)
                guard let t = item.table else { throw ScriptError(line: header, "scene: expected a table") }
                guard let caption = try string(t["caption"], "caption", lines.line(of: "caption", in: section)) else {
                    throw ScriptError(line: header, "scene \(i + 1): expected a caption")
                }
                var action = Scene.Action.wait
                if let run = t["run"] {
                    let line = lines.line(of: "run", in: section)
                    if let n = run.int, n >= 1 {
                        action = .steps(n)
                    } else if run.string == "converged" || run.string == "diverged" {
                        action = .settle
                    } else {
                        throw ScriptError(line: line, "run: expected a number of steps ≥ 1, \"converged\" or \"diverged\"")
                    }
                }
                let change = try Self.change(t, section, lines, isScene: true)
                script.scenes.append(Scene(caption: caption, change: change, action: action, line: header))
            }
        }
        return script
    }

    /// A change from its table.
    static func change(_ t: TOMLTable, _ section: Section, _ lines: KeyLines, isScene: Bool) throws(ScriptError) -> ScriptChange {
        var change = ScriptChange(line: lines.header(section))
        let extra = isScene ? ["caption", "run"] + changeKeys.filter { $0 != "step" } : changeKeys
        for key in t.keys {
            let line = lines.line(of: key, in: section)
            let value = t[key]!
            switch key {
            case "caption" where isScene, "run" where isScene:
                break
            case "step" where !isScene:
                guard let n = value.int, n >= 0 else { throw ScriptError(line: line, "step: expected a whole number ≥ 0") }
                change.step = n
            case "restart", "solo":
                guard let b = value.bool else { throw ScriptError(line: line, "\(key): expected true or false") }
                if key == "restart" { change.restart = b } else { change.solo = b }
            case "racer":
                guard let n = value.int, n >= 1, n <= Race.maximumRacers else {
                    throw ScriptError(line: line, "racer: expected a racer's number from 1 to \(Race.maximumRacers)")
                }
                change.racer = n
            case "show":
                change.panels = try panelList(value, line)
            case "speed", "zoom":
                // speed: the range of --speed and :speed (SetupCodec.speedRange).
                guard let v = value.double ?? value.int.map(Double.init), v > 0, v.isFinite,
                      key == "zoom" || SetupCodec.speedRange.contains(v) else {
                    throw ScriptError(line: line, key == "speed" ? "speed: expected steps per second, from 1 to 5000" : "zoom: expected a number > 0")
                }
                if key == "speed" { change.speed = v } else { change.zoom = v }
            default:
                guard SetupCodec.optionNames.contains(key) else {
                    throw ScriptError(line: line, unknown("key", key, closestName(to: key, in: SetupCodec.optionNames + extra)))
                }
                change.settings.append(ScriptSetting(key, try valueText(value, key, line), line: line))
            }
        }
        if !isScene && t["step"] == nil { throw ScriptError(line: change.line, "change: expected a step") }
        // The order they are applied in: a new run first, then what changes a running one.
        let order = SetupCodec.setupOptions + UpdateRules.optionNames
        change.settings.sort { (order.firstIndex(of: $0.name) ?? 0) < (order.firstIndex(of: $1.name) ?? 0) }
        return change
    }

    static func unknown(_ kind: String, _ key: String, _ suggestion: String?) -> String {
        "unknown \(kind) '\(key)'" + (suggestion.map { ", did you mean '\($0)'?" } ?? "")
    }

    static func string(_ value: TOMLValueConvertible?, _ key: String, _ line: Int) throws(ScriptError) -> String? {
        guard let value else { return nil }
        guard let s = value.string else { throw ScriptError(line: line, "\(key): expected a string") }
        return s
    }

    static func panelList(_ value: TOMLValueConvertible, _ line: Int) throws(ScriptError) -> [String] {
        if let s = value.string { return s.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        guard let array = value.array else { throw ScriptError(line: line, "show: expected a list of panels such as [\"maths\", \"gauge\"]") }
        var names: [String] = []
        for item in array {
            guard let s = item.string else { throw ScriptError(line: line, "show: expected a list of panel names") }
            names.append(s)
        }
        return names
    }

    /// A TOML value as the command line would write it: strings as they are, numbers as
    /// the codec prints them, `[x, y]` as `x,y`, booleans as `true`/`false`.
    static func valueText(_ value: TOMLValueConvertible, _ key: String, _ line: Int) throws(ScriptError) -> String {
        if let s = value.string { return s }
        if let n = value.int { return String(n) }
        if let d = value.double { return SetupCodec.number(d) }
        if let b = value.bool { return b ? "true" : "false" }
        if let array = value.array {
            var parts: [String] = []
            for item in array {
                if let n = item.int { parts.append(String(n)) } else if let d = item.double { parts.append(SetupCodec.number(d)) } else {
                    throw ScriptError(line: line, "\(key): expected numbers in the list")
                }
            }
            return parts.joined(separator: ",")
        }
        throw ScriptError(line: line, "\(key): expected a string, a number or a list of numbers")
    }

    // MARK: Writing

    /// The script as TOML text (a session script: setup, changes, steps), which ``parse(_:)``
    /// reads back to the same script.
    public var text: String {
        var out = "# downhill session script: `downhill --script FILE` plays it, `downhill run --script FILE` prints its rows\n"
        if let title { out += "title = \(Self.quoted(title))\n" }
        if let steps { out += "steps = \(steps)\n" }
        out += "\n[setup]\n"
        for (name, value) in Self.pairs(SetupCodec.words(setup)) { out += "\(name) = \(Self.tomlValue(value))\n" }
        if !panels.isEmpty { out += "show = [\(panels.map(Self.quoted).joined(separator: ", "))]\n" }
        for change in changes {
            out += "\n[[change]]\nstep = \(change.step)\n"
            if change.restart { out += "restart = true\n" }
            if let racer = change.racer { out += "racer = \(racer)\n" }
            if change.solo { out += "solo = true\n" }
            for s in change.settings { out += "\(s.name) = \(Self.tomlValue(s.value))\n" }
            if let panels = change.panels { out += "show = [\(panels.map(Self.quoted).joined(separator: ", "))]\n" }
            if let speed = change.speed { out += "speed = \(SetupCodec.number(speed))\n" }
            if let zoom = change.zoom { out += "zoom = \(Self.tomlValue(SetupCodec.number(zoom)))\n" }
        }
        return out
    }

    /// Codec words as (name, value) pairs; a switch's value is `true`.
    static func pairs(_ words: [String]) -> [(String, String)] {
        var out: [(String, String)] = []
        var i = 0
        while i < words.count {
            var name = String(words[i].dropFirst(2))
            var value = "true"
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            } else if !SetupCodec.isFlag(name), i + 1 < words.count {
                i += 1
                value = words[i]
            }
            out.append((name, value))
            i += 1
        }
        return out
    }

    /// A value as TOML: a plain number or boolean as itself, anything else quoted.
    static func tomlValue(_ text: String) -> String {
        if text == "true" || text == "false" { return text }
        let isNumber = text.range(of: #"^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][-+]?[0-9]+)?$"#, options: .regularExpression) != nil
        return isNumber ? text : quoted(text)
    }

    /// A TOML basic string.
    static func quoted(_ s: String) -> String {
        var out = "\""
        for c in s.unicodeScalars {
            switch c {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            default:
                if c.value < 0x20 || c.value == 0x7f { out += String(format: "\\u%04X", c.value) } else { out.unicodeScalars.append(c) }
            }
        }
        return out + "\""
    }
}

/// A part of the file: `[setup]` or the `index`th `[[change]]` / `[[scene]]`.
struct Section {
    var name: String
    var index: Int
}

/// Where keys are in the text, for error lines: TOMLKit reports lines for syntax errors
/// only, so a key's line is found from the section headers and `key =` at a line's start
/// (outside multi-line strings). Not a parser: the text has been parsed already.
struct KeyLines {
    /// For each line (1-based index − 1): the section it is in, and the key it sets.
    var entries: [(section: String?, index: Int, key: String?)] = []

    init(_ text: String) {
        var section: String?
        var counts: [String: Int] = [:]
        var index = 0
        var inString = false
        for raw in text.split(separator: "\n", omittingEmptySubsequences: false) {
            let line = raw.trimmingCharacters(in: .whitespaces)
            var key: String?
            if inString {
                if line.components(separatedBy: "\"\"\"").count % 2 == 0 { inString = false }
            } else if line.hasPrefix("[[") {
                let name = line.dropFirst(2).prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                section = name
                index = counts[name, default: 0]
                counts[name] = index + 1
                key = "[[" + name
            } else if line.hasPrefix("[") {
                section = line.dropFirst().prefix { $0 != "]" }.trimmingCharacters(in: .whitespaces)
                index = 0
                key = "[" + section!
            } else if let eq = line.firstIndex(of: "=") {
                key = line[..<eq].trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
                if line.components(separatedBy: "\"\"\"").count == 2 || line.components(separatedBy: "'''").count == 2 { inString = true }
            }
            entries.append((section, index, key))
        }
    }

    /// The line of `key` in `section` (nil: the top level), else the section's header line.
    func line(of key: String, in section: Section?) -> Int {
        if let i = entries.indices.first(where: { entries[$0].section == section?.name && (section == nil || entries[$0].index == section!.index) && entries[$0].key == key }) {
            return i + 1
        }
        return section.map(header) ?? 0
    }

    /// The line of a section's header.
    func header(_ section: Section) -> Int {
        let mark = (section.name == "setup" ? "[" : "[[") + section.name
        return (entries.indices.first { entries[$0].key == mark && entries[$0].index == section.index }).map { $0 + 1 } ?? 0
    }
}
