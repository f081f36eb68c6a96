import DownhillCore

/// The command-line codec: text ⇄ ``Setup``. The one place that knows how settings are
/// spelled (SPEC §1, §7): the command line, the `p` line and the exit line, and later the
/// `:` commands and session scripts all go through it, so what is printed parses back to
/// the same setup (`parse(words(s)) == s`).
///
/// Words are the arguments as a shell hands them over (`["--lr", "0.1", "--start=-1,2"]`);
/// ``commandLine(_:)`` quotes them for a shell.
public enum SetupCodec {
    /// The setup options that are not an update rule's own (those come from ``UpdateRules``).
    public static let setupOptions = ["surface"] + SurfaceOptions.names
        + ["optimizer", "race", "lr", "schedule", "start", "data", "batch", "noise", "seed", "view"]

    /// The setup options a racer may set for itself in a lineup (`gd:lr=0.1:schedule=cosine:50`).
    static let racerOptions = ["lr", "schedule"]

    /// Every option name the codec reads, without dashes.
    public static var optionNames: [String] { setupOptions + UpdateRules.optionNames }

    /// True when `name` (without dashes) is an option that takes no value.
    public static func isFlag(_ name: String) -> Bool {
        UpdateRules.all.contains { rule in rule.options.contains { $0.name == name && $0.isFlag } }
    }

    // MARK: Parsing

    /// Parses setup words (`--name value`, `--name=value`, `--flag`) into a setup, checking
    /// every value. Later options win over earlier ones.
    /// - Throws: ``SettingsError``: an unknown option (with the closest name), a malformed
    ///   value, or an option that does not apply to the chosen rule or to any racer.
    public static func parse(_ words: [String]) throws(SettingsError) -> Setup {
        try setup(from: split(words))
    }

    /// Splits words into options and their values (nil for a switch), checking the names.
    /// - Throws: ``SettingsError`` for a word that is not an option, an unknown option (with
    ///   the closest name), a switch given a value, or a missing value.
    public static func split(_ words: [String]) throws(SettingsError) -> [(name: String, value: String?)] {
        var given: [(name: String, value: String?)] = []
        var i = 0
        while i < words.count {
            let word = words[i]
            guard word.hasPrefix("--"), word.count > 2 else {
                throw .invalid(option: "arguments", value: word, expected: "options such as --lr 0.1")
            }
            var name = String(word.dropFirst(2))
            var value: String?
            if let eq = name.firstIndex(of: "=") {
                value = String(name[name.index(after: eq)...])
                name = String(name[..<eq])
            }
            guard optionNames.contains(name) else {
                throw .unknownName(kind: "option", value: "--" + name, suggestion: closestName(to: name, in: optionNames).map { "--" + $0 })
            }
            if isFlag(name) {
                if let value { throw .invalid(option: "--" + name, value: value, expected: "no value (it is a switch)") }
            } else if value == nil {
                guard i + 1 < words.count else { throw .invalid(option: "--" + name, value: "", expected: "a value") }
                i += 1
                value = words[i]
            }
            given.append((name, value))
            i += 1
        }
        return given
    }

    /// Builds a setup from options already split into names and values (as the command
    /// line parser hands them over).
    public static func setup(from given: [(name: String, value: String?)]) throws(SettingsError) -> Setup {
        var options: [(name: String, value: String?)] = []
        for option in given {  // a later option wins over an earlier one of the same name
            options.removeAll { $0.name == option.name }
            options.append(option)
        }
        var setup = Setup()
        var ruleOptions: [(name: String, value: String?)] = []
        var learningRate: Double?
        var schedule: (any LearningRateSchedule)?
        var lineup: String?
        for (name, value) in options {
            let text = value ?? ""
            switch name {
            case "surface": setup.surface = try Surfaces.canonicalArgument(text)
            case "optimizer": setup.optimizer.rule = try UpdateRules.lookup(text)
            case "race": lineup = text
            case "lr": learningRate = try parseLearningRate(text, option: "--lr")
            case "schedule": schedule = text == "none" || text == "constant" ? nil : try parseSchedule(text)
            case _ where plainSettings.contains(name): try setPlain(name, text, in: &setup)
            default: ruleOptions.append((name, value))
            }
        }
        try setup.surfaceOptions.check(for: setup.surface)
        if let lineup {
            if options.contains(where: { $0.name == "optimizer" }) {
                throw .invalid(option: "--optimizer", value: setup.optimizer.rule.name,
                               expected: "no --optimizer with --race (name each racer in the lineup)")
            }
            let parsed = try lineupWithKeys(lineup)
            var racers = parsed.map(\.racer)
            // An option given for all racers applies to each racer that takes it, unless the
            // racer sets it itself (KEY=VALUE wins); it must apply to at least one.
            for (name, value) in ruleOptions {
                let taking = racers.indices.filter { racers[$0].rule.accepts(name) }
                guard !taking.isEmpty else {
                    var names: [String] = []
                    for racer in racers where !names.contains(racer.rule.name) { names.append(racer.rule.name) }
                    throw .notAnOption(option: name, optimizer: names.joined(separator: ", "), instead: nil, options: [])
                }
                for r in taking where !parsed[r].keys.contains(name) { racers[r].rule = try apply(name, value, to: racers[r].rule) }
            }
            for r in racers.indices where racers[r].learningRate == nil { racers[r].learningRate = learningRate }
            for r in racers.indices where !parsed[r].keys.contains("schedule") { racers[r].schedule = schedule }
            setup.race = racers
            setup.optimizer = racers[0]
        } else {
            for (name, value) in ruleOptions { setup.optimizer.rule = try apply(name, value, to: setup.optimizer.rule) }
            setup.optimizer.learningRate = learningRate
            setup.optimizer.schedule = schedule
        }
        return setup
    }

    /// `setup` with the setup-level setting `name` changed to `text` (the `:` command line):
    /// the surface (its own start, view, data and default η then), the start, a lineup,
    /// the optimizer (its defaults), the gradient source, the seed, the data file or the view.
    /// - Throws: ``SettingsError`` for an unknown setting or a bad value.
    public static func applying(_ name: String, _ text: String, to setup: Setup) throws(SettingsError) -> Setup {
        var s = setup
        switch name {
        case "surface":
            s.surface = try Surfaces.canonicalArgument(text)
            if s.surface != setup.surface {
                s.start = nil
                s.view = nil
                s.dataPath = nil
                s.surfaceOptions = SurfaceOptions()
                s.optimizer.learningRate = nil
                s.race = s.race?.map { OptimizerSetup(rule: $0.rule, schedule: $0.schedule) }
                if Surfaces.named(s.surface)?.isDataBacked != true { s.batch = .full }
            }
        case "condition", "angle":
            // quadratic's knobs: the same run from its start on the new valley.
            try setPlain(name, text, in: &s)
            try s.surfaceOptions.check(for: s.surface)
        case "race":
            let racers = try parseLineup(text)
            s.race = racers
            s.optimizer = racers[0]
        case "optimizer":
            s.optimizer = OptimizerSetup(rule: try UpdateRules.lookup(text))
            s.race = nil
        case _ where plainSettings.contains(name): try setPlain(name, text, in: &s)
        default:
            throw .unknownName(kind: "setting", value: name, suggestion: closestName(to: name, in: optionNames))
        }
        return s
    }

    /// The settings that are one value each, set the same way from the command line and `:`.
    static let plainSettings: Set = ["condition", "angle", "start", "view", "data", "batch", "noise", "seed"]

    /// Sets one of ``plainSettings`` from its text.
    /// - Throws: ``SettingsError`` for a malformed or out-of-range value.
    static func setPlain(_ name: String, _ text: String, in setup: inout Setup) throws(SettingsError) {
        switch name {
        case "condition":
            setup.surfaceOptions.condition = try parseNumber(text, option: "--condition", expected: "a finite number > 0") { $0 > 0 && $0.isFinite }
        case "angle":
            setup.surfaceOptions.angle = try parseNumber(text, option: "--angle", expected: "a finite number of degrees") { $0.isFinite }
        case "start": setup.start = try parsePoint(text)
        case "view": setup.view = try parseView(text)
        case "data": setup.dataPath = text
        case "batch": setup.batch = try parseBatch(text)
        case "noise": setup.noise = try parseNumber(text, option: "--noise", expected: "a finite number ≥ 0") { $0 >= 0 && $0.isFinite }
        default:  // seed
            guard let seed = UInt64(text) else {
                throw .invalid(option: "--seed", value: text, expected: "a whole number from 0 to \(UInt64.max)")
            }
            setup.seed = seed
        }
    }

    /// `rule` with its option `name` set from `text` (nil for a switch: on).
    /// - Throws: ``SettingsError`` when the rule does not take it or the value is bad.
    public static func setting(_ name: String, _ text: String?, on rule: any UpdateRule) throws(SettingsError) -> any UpdateRule {
        try apply(name, text, to: rule)
    }

    /// `rule` with option `name` set from its text.
    static func apply(_ name: String, _ text: String?, to rule: any UpdateRule) throws(SettingsError) -> any UpdateRule {
        guard rule.accepts(name) else { return try rule.setting(name, to: .flag(true)) }  // throws: not an option of this rule
        let value: OptionValue
        let info = rule.options.first { $0.name == name }
        if isFlag(name) {
            value = .flag(true)
        } else if let info, info.isPair {
            let text = text ?? ""
            let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) }
            guard parts.count == 2, let a = parts[0], let b = parts[1] else {
                throw .invalid(option: "--" + name, value: text, expected: info.range?.expected ?? "two numbers A,B")
            }
            value = .pair(a, b)
        } else {
            let text = text ?? ""
            guard let v = Double(text.trimmingCharacters(in: .whitespaces)) else {
                let expected = rule.options.first { $0.name == name }?.range?.expected ?? "a number"
                throw .invalid(option: "--" + name, value: text, expected: expected)
            }
            value = .real(v)
        }
        return try rule.setting(name, to: value)
    }

    /// Parses a lineup `OPTIMIZER[:LR][:KEY=VALUE]…,…` (SPEC §7). A value may itself contain
    /// `:` (a schedule such as `cosine:100`): a piece without `=` after a KEY=VALUE belongs
    /// to that value.
    /// - Throws: ``SettingsError`` naming the racer.
    public static func parseLineup(_ text: String) throws(SettingsError) -> [OptimizerSetup] {
        try lineupWithKeys(text).map(\.racer)
    }

    /// The lineup's racers, each with the option names it set itself.
    static func lineupWithKeys(_ text: String) throws(SettingsError) -> [(racer: OptimizerSetup, keys: Set<String>)] {
        let items = lineupItems(text)
        guard !items.isEmpty, !items.allSatisfy(\.isEmpty) else {
            throw .invalid(option: "--race", value: text, expected: "a comma-separated list of racers such as gd:0.02,gd:0.05,adam")
        }
        guard items.count <= Race.maximumRacers else {
            throw .invalid(option: "--race", value: text, expected: "at most \(Race.maximumRacers) racers")
        }
        var racers: [(racer: OptimizerSetup, keys: Set<String>)] = []
        for item in items {
            guard !item.isEmpty else {
                throw .invalid(option: "--race", value: text, expected: "racers separated by single commas")
            }
            let pieces = item.split(separator: ":", omittingEmptySubsequences: false).map(String.init)
            var racer = OptimizerSetup(rule: try UpdateRules.lookup(pieces[0]))
            var pairs: [(key: String, value: String)] = []
            for (k, piece) in pieces.dropFirst().enumerated() {
                if let eq = piece.firstIndex(of: "=") {
                    pairs.append((String(piece[..<eq]), String(piece[piece.index(after: eq)...])))
                } else if k == 0 {
                    racer.learningRate = try parseLearningRate(piece, option: "--race", racer: item)
                } else if !pairs.isEmpty {
                    pairs[pairs.count - 1].value += ":" + piece
                } else {
                    throw .invalid(option: "--race", value: item, expected: "NAME[:LR][:KEY=VALUE]… such as momentum:0.01:momentum=0.5")
                }
            }
            // `gd:0.1:lr=0.2` or `adam:beta1=0.5:beta1=0.6`: which one was meant?
            let keys = pairs.map(\.key) + (racer.learningRate != nil ? ["lr"] : [])
            if let twice = keys.first(where: { k in keys.filter { $0 == k }.count > 1 }) {
                throw .invalid(option: "--race", value: item, expected: "each setting of a racer once ('\(twice)' is given twice)")
            }
            for (key, value) in pairs {
                if key == "lr" {
                    racer.learningRate = try parseLearningRate(value, option: "--race", racer: item)
                } else if key == "schedule" {
                    racer.schedule = try parseSchedule(value)
                } else if setupOptions.contains(key) {
                    throw .invalid(option: "--race", value: item, expected: "per-racer options of the optimizer, lr or schedule ('\(key)' is shared by all racers)")
                } else if optionNames.contains(key) {
                    if isFlag(key) {
                        guard value == "true" || value == "false" else {
                            throw .invalid(option: "--race", value: item, expected: "\(key)=true or \(key)=false")
                        }
                        racer.rule = try racer.rule.setting(key, to: .flag(value == "true"))
                    } else {
                        racer.rule = try apply(key, value, to: racer.rule)
                    }
                } else {
                    throw .unknownName(kind: "option", value: key, suggestion: closestName(to: key, in: UpdateRules.optionNames + ["lr"]))
                }
            }
            racers.append((racer, Set(pairs.map(\.key))))
        }
        return racers
    }

    /// The racers of a lineup as written (`rprop:etas=0.4,1.3` is one racer), a trailing
    /// comma dropped: the `racer` column of `run --race`.
    public static func lineupItems(_ text: String) -> [String] {
        var items = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        if items.count > 1, items.last == "" { items.removeLast() }  // a trailing comma, as lists are often edited
        return joiningPairs(items)
    }

    /// Items of a lineup split at commas, with a pair's second number put back after its
    /// first: `rprop:etas=0.4`, `1.3` → `rprop:etas=0.4,1.3` (a pair value holds a comma).
    static func joiningPairs(_ items: [String]) -> [String] {
        var out: [String] = []
        for item in items {
            if let last = out.last, Double(item) != nil, let piece = last.split(separator: ":").last,
               let eq = piece.firstIndex(of: "="), isPair(String(piece[..<eq])), !piece[eq...].contains(",") {
                out[out.count - 1] += "," + item
            } else {
                out.append(item)
            }
        }
        return out
    }

    /// True when `name` (without dashes) is an option that takes two numbers `A,B`.
    static func isPair(_ name: String) -> Bool {
        UpdateRules.all.contains { rule in rule.options.contains { $0.name == name && $0.isPair } }
    }

    /// Parses a schedule `NAME:ARG[:ARG…]` (`cosine:100`, `step:50:0.5`, SPEC §1).
    /// - Throws: ``SettingsError`` naming the schedule: an unknown kind (with the closest), a
    ///   malformed or out-of-range argument.
    public static func parseSchedule(_ text: String) throws(SettingsError) -> any LearningRateSchedule {
        let pieces = text.split(separator: ":", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        let kind = try Schedules.kind(pieces[0])
        var arguments: [Double] = []
        for piece in pieces.dropFirst() {
            guard let v = Double(piece), v.isFinite else {
                throw .invalid(option: "--schedule", value: text, expected: kind.usage)
            }
            arguments.append(v)
        }
        return try kind.init(arguments: arguments)
    }

    /// A schedule as `--schedule` takes it: `cosine:100`.
    public static func scheduleText(_ schedule: any LearningRateSchedule) -> String {
        ([schedule.name] + schedule.arguments.map(number)).joined(separator: ":")
    }

    static func parseLearningRate(_ text: String, option: String, racer: String? = nil) throws(SettingsError) -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), v > 0, v.isFinite else {
            throw .invalid(option: option, value: racer ?? text, expected: racer == nil ? "a finite number > 0"
                           : "NAME or NAME:LR with a finite learning rate > 0, such as momentum:0.02")
        }
        return v
    }

    static func parseNumber(_ text: String, option: String, expected: String,
                            _ valid: (Double) -> Bool) throws(SettingsError) -> Double {
        guard let v = Double(text.trimmingCharacters(in: .whitespaces)), valid(v) else {
            throw .invalid(option: option, value: text, expected: expected)
        }
        return v
    }

    /// Parses `X,Y` (two finite numbers; negatives allowed, spaces ignored).
    public static func parsePoint(_ text: String, option: String = "--start") throws(SettingsError) -> Vector2 {
        let parts = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard parts.count == 2, let x = Double(parts[0]), let y = Double(parts[1]), x.isFinite, y.isFinite else {
            throw .invalid(option: option, value: text, expected: "two finite numbers X,Y such as -1.5,2")
        }
        return Vector2(x, y)
    }

    /// Parses a view `X0:X1,Y0:Y1` (world units; X0 < X1, Y0 < Y1, finite).
    public static func parseView(_ text: String) throws(SettingsError) -> ViewBox {
        let axes = text.split(separator: ",", omittingEmptySubsequences: false)
        let ranges = axes.map { $0.split(separator: ":", omittingEmptySubsequences: false).map { Double($0.trimmingCharacters(in: .whitespaces)) } }
        guard ranges.count == 2, ranges.allSatisfy({ $0.count == 2 }), let x0 = ranges[0][0], let x1 = ranges[0][1],
              let y0 = ranges[1][0], let y1 = ranges[1][1], x0 < x1, y0 < y1, [x0, x1, y0, y1].allSatisfy(\.isFinite) else {
            throw .invalid(option: "--view", value: text, expected: "X0:X1,Y0:Y1 with X0 < X1 and Y0 < Y1, such as -1:1,-0.5:0.5")
        }
        return ViewBox(x: x0...x1, y: y0...y1)
    }

    /// A view as `--view` takes it.
    public static func viewText(_ view: ViewBox) -> String {
        "\(number(view.xMin)):\(number(view.xMax)),\(number(view.yMin)):\(number(view.yMax))"
    }

    /// The animation speeds `--speed` and `:speed` take, steps per second (the app snaps a
    /// speed to the nearest of its `[` `]` speeds, which span this range).
    public static let speedRange: ClosedRange<Double> = 1...5000

    /// Parses a speed for `--speed` and `:speed`: steps per second in ``speedRange``.
    /// - Throws: ``SettingsError`` for a value that is not a number in the range.
    public static func parseSpeed(_ text: String) throws(SettingsError) -> Double {
        try parseNumber(text, option: "--speed", expected: "steps per second, from 1 to 5000") { speedRange.contains($0) }
    }

    /// Parses `full`, `sgd` or a whole number ≥ 1.
    public static func parseBatch(_ text: String) throws(SettingsError) -> BatchMode {
        switch text.lowercased() {
        case "full": return .full
        case "sgd": return .stochastic
        default:
            guard let n = Int(text), n >= 1 else {
                throw .invalid(option: "--batch", value: text, expected: "full, sgd or a batch size ≥ 1")
            }
            return .mini(size: n)
        }
    }

    // MARK: Printing

    /// The words that set up `setup`: the surface, the rule (or the lineup) with the options
    /// that differ from its defaults, η when set, the start, the data and gradient source,
    /// the seed when not 0. Unquoted; see ``commandLine(_:)``.
    public static func words(_ setup: Setup) -> [String] {
        var words = ["--surface", setup.surface]
        for (name, value) in setup.surfaceOptions.given { words += ["--" + name, number(value)] }
        if let race = setup.race {
            words += ["--race", lineupText(race)]
        } else {
            words += ["--optimizer", setup.optimizer.rule.name]
            if let lr = setup.optimizer.learningRate { words += ["--lr", number(lr)] }
            if let schedule = setup.optimizer.schedule { words += ["--schedule", scheduleText(schedule)] }
            for (name, value) in changedOptions(setup.optimizer.rule) {
                switch value {
                case .real(let v): words += ["--" + name, number(v)]
                case .pair(let a, let b): words += ["--" + name, number(a) + "," + number(b)]
                case .flag: words.append("--" + name)
                }
            }
        }
        if let start = setup.start { words.append("--start=\(number(start.x)),\(number(start.y))") }
        if let data = setup.dataPath { words += ["--data", data] }
        if setup.batch != .full { words += ["--batch", setup.batch.description] }
        if setup.noise != 0 { words += ["--noise", number(setup.noise)] }
        if setup.seed != 0 { words += ["--seed", String(setup.seed)] }
        // `=` keeps a negative first number from reading as an option.
        if let view = setup.view { words.append("--view=" + viewText(view)) }
        return words
    }

    /// The lineup as `--race` takes it: `NAME[:LR][:KEY=VALUE]…` per racer.
    public static func lineupText(_ racers: [OptimizerSetup]) -> String {
        racers.map { racer in
            var text = racer.rule.name
            if let lr = racer.learningRate { text += ":" + number(lr) }
            if let schedule = racer.schedule { text += ":schedule=" + scheduleText(schedule) }
            for (name, value) in changedOptions(racer.rule) {
                switch value {
                case .real(let v): text += ":\(name)=\(number(v))"
                case .pair(let a, let b): text += ":\(name)=\(number(a)),\(number(b))"
                case .flag(let on): text += ":\(name)=\(on)"
                }
            }
            return text
        }.joined(separator: ",")
    }

    /// The options of `rule` whose values differ from the registry's prototype, in order.
    public static func changedOptions(_ rule: any UpdateRule) -> [(name: String, value: OptionValue)] {
        let proto = UpdateRules.named(rule.name)
        return rule.options.compactMap { o in
            guard let v = rule.value(of: o.name), v != proto?.value(of: o.name) else { return nil }
            return (o.name, v)
        }
    }

    /// A number as the codec prints it: the shortest text that reads back to the same
    /// double, whole numbers without `.0` (`1`, `0.05`, `1e-08`).
    public static func number(_ v: Double) -> String { SettingsError.text(v) }

    /// `downhill` followed by the words of `setup`, each quoted for a POSIX shell where
    /// needed, so that the line can be pasted into a shell as it is.
    /// With `panels` (`--show`, in the order given) and `speed` (`--speed`, steps per
    /// second), the screen's settings follow the setup's: the line then opens the same screen.
    public static func commandLine(_ setup: Setup, panels: [String] = [], speed: Double? = nil) -> String {
        (["downhill"] + (words(setup) + screenWords(panels: panels, speed: speed)).map(shellQuoted)).joined(separator: " ")
    }

    /// `--show A,B` for open panels and `--speed N`, each only when given: the screen's part
    /// of a reproducing command line (not the theme: it belongs to the terminal).
    public static func screenWords(panels: [String], speed: Double?) -> [String] {
        (panels.isEmpty ? [] : ["--show", panels.joined(separator: ",")]) + (speed.map { ["--speed", number($0)] } ?? [])
    }

    /// `word` as a POSIX shell reads it back: unchanged when it has only safe characters,
    /// else in single quotes (a `'` inside written `'\''`).
    public static func shellQuoted(_ word: String) -> String {
        let safe = Set("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789@%+=:,./_-")
        if !word.isEmpty, word.allSatisfy({ safe.contains($0) }) { return word }
        return "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
