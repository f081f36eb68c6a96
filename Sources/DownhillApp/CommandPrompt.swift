import Foundation
import DownhillCore
import DownhillRender
import DownhillSetup

/// The `:` command line (SPEC §6), vim-style, in the bottom line: every option of the
/// command line under its own name (`:lr 0.1`, `:momentum 0.5`, `:start -1,2`,
/// `:race gd:0.05,gd:0.1`, `:schedule cosine:100`, `:view -1:1,-1:1`) plus `:speed N`,
/// parsed by the same codec as the command line. Enter applies, Esc cancels, Tab
/// completes a name, ↑/↓ recall earlier lines; a bad value shows one line and changes
/// nothing.
public struct CommandPrompt: Equatable, Sendable {
    /// What has been typed after the `:`.
    public var text: String
    /// The line of the history being shown (↑/↓), nil while typing a new one.
    var historyIndex: Int?

    init(text: String = "", historyIndex: Int? = nil) {
        self.text = text
        self.historyIndex = historyIndex
    }

    /// The names `:` knows, for completion and "did you mean": the command line's options
    /// and the app's own `speed`.
    public static var names: [String] { SetupCodec.optionNames + ["speed"] }
}

extension Model {
    /// A key while the command line is open: editing keys edit it (Backspace, Ctrl-U,
    /// Ctrl-W as in a shell), Enter applies it, Esc cancels (Ctrl-C quits); every other key
    /// is typed.
    mutating func promptKey(_ key: Key) -> Effects {
        guard var prompt else { return [] }
        switch key {
        case .escape:
            self.prompt = nil
        case .control("c"):  // quits everywhere, as the help says
            self.prompt = nil
            shouldQuit = true
        case .enter:
            self.prompt = nil
            return execute(prompt.text)
        case .backspace:
            if prompt.text.isEmpty { self.prompt = nil } else { prompt.text.removeLast(); self.prompt = prompt }
        case .control("u"):  // the shell's line editing: Ctrl-U clears the line,
            self.prompt = CommandPrompt()
        case .control("w"):  // Ctrl-W deletes the word before the cursor (and its spaces)
            let kept = prompt.text.reversed().drop { $0 == " " }.drop { $0 != " " }
            self.prompt = CommandPrompt(text: String(kept.reversed()))
        case .tab:
            self.prompt = CommandPrompt(text: complete(prompt.text))
        case .up, .down:
            guard !promptHistory.isEmpty else { return .redraw }
            let last = promptHistory.count - 1
            let i = key == .up ? max(0, (prompt.historyIndex ?? promptHistory.count) - 1)
                : min(promptHistory.count, (prompt.historyIndex ?? last) + 1)
            self.prompt = i == promptHistory.count ? CommandPrompt() : CommandPrompt(text: promptHistory[i], historyIndex: i)
        case .char(let c):
            prompt.text.append(c)
            self.prompt = prompt
        default:
            break
        }
        return .redraw
    }

    /// `text` with its first word (a setting's name) or, after `optimizer`, `surface`,
    /// `schedule`, its value completed as far as the candidates agree; the candidates are
    /// shown when there are several.
    func complete(_ text: String) -> String {
        let words = text.split(separator: " ", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        let (prefix, candidates): (String, [String])
        if words.count < 2 {
            (prefix, candidates) = (words.first ?? "", CommandPrompt.names)
        } else {
            let values: [String] = switch words[0] {
            case "optimizer": UpdateRules.names
            case "surface": Surfaces.names
            case "schedule": Schedules.names.map { $0 + ":" }
            default: []
            }
            (prefix, candidates) = (words[1], values)
        }
        let matches = candidates.filter { $0.hasPrefix(prefix) }
        guard let first = matches.first else { return text }
        var common = first
        for m in matches.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
        let done = matches.count == 1 && !common.hasSuffix(":")
        return words.count < 2 ? common + (done ? " " : "") : words[0] + " " + common
    }

    /// Applies one command line (`lr 0.1`); a bad one is a notice that quotes it and
    /// changes nothing.
    mutating func execute(_ line: String) -> Effects {
        let text = line.trimmingCharacters(in: .whitespaces)
        guard !text.isEmpty else { return .redraw }
        if promptHistory.last != text { promptHistory.append(text) }
        // `lr 0.1`, or as on the command line `--lr 0.1` and `lr=0.1`.
        var parts = text.split(separator: " ", maxSplits: 1).map(String.init)
        if parts.count == 1, let eq = parts[0].firstIndex(of: "=") {
            parts = [String(parts[0][..<eq]), String(parts[0][parts[0].index(after: eq)...])]
        }
        var name = parts[0]
        if name.hasPrefix("--") { name.removeFirst(2) }
        let value = parts.count > 1 ? parts[1].trimmingCharacters(in: .whitespaces) : nil
        do {
            let effects = apply(try apply(setting: name, value))
            recordMark(":" + text)
            return effects
        } catch {
            // The codec names options as the command line spells them; here they are `:name`.
            show(":" + text + ": " + error.description.replacingOccurrences(of: "--", with: ":"))
            return .redraw
        }
    }

    /// Applies setting `name` = `value` live: the selected run's η, schedule, rule or rule
    /// option (its state kept, read at the next step, as torch reads a changed hyperparameter),
    /// the speed or the view; any other setting through a new setup from the current one
    /// (the runs restart from their start).
    /// - Throws: ``SettingsError`` for an unknown name or a bad value; nothing is changed then.
    mutating func apply(setting name: String, _ value: String?) throws(SettingsError) -> Effects {
        guard CommandPrompt.names.contains(name) else {
            throw .unknownName(kind: "setting", value: ":" + name, suggestion: closestName(to: name, in: CommandPrompt.names).map { ":" + $0 })
        }
        func required() throws(SettingsError) -> String {
            guard let value, !value.isEmpty else { throw .invalid(option: "--" + name, value: "", expected: "a value") }
            return value
        }
        switch name {
        case "lr":
            let lr = try SetupCodec.parse(["--lr", try required()]).optimizer.learningRate!
            descent.setLearningRate(lr)
            // Any finite η > 0, as --lr takes it; one beyond the keys' range says so now, not at the next +.
            let limits = Self.learningRateLimits
            if !limits.contains(lr) {
                let above = lr > limits.upperBound
                show("learning rate \(SetupCodec.number(lr)) is \(above ? "above" : "below") what \(above ? "+" : "-") reaches "
                     + "(\(StatusBar.compact(above ? limits.upperBound : limits.lowerBound))); \(above ? "-" : "+") walks it back")
            }
            noteLearningRateUse()
            return .mirrorGhosts
        case "schedule":
            let text = try required()
            descent.setSchedule(text == "none" || text == "constant" ? nil : try SetupCodec.parseSchedule(text))
            return .mirrorGhosts
        case "optimizer":
            return switchRule(toPrototype: try UpdateRules.lookup(try required()))
        case "speed":
            setSpeed(try SetupCodec.parseSpeed(try required()))
            return .redraw
        case "view":
            plotView = try SetupCodec.parseView(try required())
            return .rebuildRaster
        case _ where UpdateRules.optionNames.contains(name):
            let rule = try SetupCodec.setting(name, value, on: descent.optimizer.rule)
            try rule.validate()
            descent.setRule(rule)
            return .mirrorGhosts
        default:
            let setup = try SetupCodec.applying(name, try required(), to: currentSetup)
            return load(try setup.resolve())
        }
    }

    /// Takes a new setup's runs (a `:` change of surface, start, lineup, source, seed or
    /// data): the runs start over, the panels, speed and screen stay.
    mutating func load(_ resolved: Resolved) -> Effects {
        session = Session(resolved)
        tracks = resolved.descents.map(Track.init)
        selected = 0
        isRacing = resolved.isRace
        if isRacing { lineup = resolved.descents.map(Self.lineupEntry) }
        plotView = resolved.setup.view
        levels = Levels(surface: resolved.surface)
        scatter = Self.scatter(for: resolved.surface)
        pendingSteps = 0
        return [.rebuildRaster, .rebuildGhosts, .checkPanels]
    }
}
