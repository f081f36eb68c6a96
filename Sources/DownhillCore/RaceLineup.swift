import Foundation

// The `--race` option's list with optional per-racer learning rates, and the command line
// that reproduces a race (the race-mode counterpart of `Descent.commandLine(dataPath:)`).

extension Race {
    /// One entry of a `--race` list: an optimizer's name and, optionally, its own
    /// learning rate (`momentum:0.02`).
    public struct Entry: Equatable, Sendable {
        public var name: String
        /// η for this racer; nil means `--lr` when given, else the surface's default.
        public var learningRate: Double?
        public init(name: String, learningRate: Double? = nil) {
            self.name = name
            self.learningRate = learningRate
        }
    }

    /// Parses `gd,momentum:0.02,adam`: names as for ``parseList(_:)``, each optionally
    /// followed by `:η` (a finite number > 0).
    /// - Throws: ``SettingsError`` naming the bad learning rate.
    public static func parseLineup(_ text: String) throws(SettingsError) -> [Entry] {
        var entries: [Entry] = []
        for item in parseList(text) {
            let parts = item.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
            guard parts.count == 2 else {
                entries.append(Entry(name: item))
                continue
            }
            guard let lr = Double(parts[1]), lr > 0, lr.isFinite else {
                throw .invalid(option: "--race", value: item, expected: "NAME or NAME:LR with a finite learning rate > 0, such as momentum:0.02")
            }
            entries.append(Entry(name: parts[0], learningRate: lr))
        }
        return entries
    }

    /// A race from a `--race` list such as `gd,momentum:0.02,adam`: as
    /// ``init(settings:optimizers:)``, then each racer given its own `:η` takes it.
    /// - Throws: ``SettingsError`` for a bad setting, name or learning rate, or an empty
    ///   or repeated list.
    public init(settings: Settings, lineup text: String) throws(SettingsError) {
        let entries = try Self.parseLineup(text)
        guard !entries.isEmpty else {
            throw .invalid(option: "--race", value: text, expected: "a comma-separated list of optimizers such as gd,momentum,adam")
        }
        try self.init(settings: settings, optimizers: entries.map(\.name))
        for (i, entry) in entries.enumerated() {
            if let lr = entry.learningRate { racers[i].optimizer.hyperparameters.learningRate = lr }
        }
    }

    /// The `downhill` command line that reproduces this race: the racers' shared options
    /// (surface, start, hyperparameters that differ from their defaults, gradient source,
    /// seed, each written as ``Descent/commandLine(dataPath:)`` writes it), with
    /// `--race` listing the optimizers in order. Learning rates: nothing when every racer
    /// has its surface's default, `--lr η` when all share one, else `name:η` per racer.
    public func commandLine(dataPath: String? = nil) -> String {
        guard let first = racers.first else { return "downhill" }
        let surface = first.surface
        let rates = racers.map(\.optimizer.hyperparameters.learningRate)
        let defaults = racers.allSatisfy { $0.optimizer.hyperparameters.learningRate == surface.defaultLearningRate(for: $0.optimizer.kind) }
        let shared = rates.allSatisfy { $0 == rates[0] }
        let lineup = racers.map { d in
            defaults || shared ? d.optimizer.kind.rawValue
                : d.optimizer.kind.rawValue + ":" + formatNumber(d.optimizer.hyperparameters.learningRate)
        }.joined(separator: ",")
        // Each racer's own command line, cut into its options (`--name value`): the union
        // in order of first appearance, without `--optimizer` and `--lr`.
        var options: [String] = []
        for racer in racers {
            for piece in racer.commandLine(dataPath: dataPath).components(separatedBy: " --").dropFirst() {
                let option = "--" + piece
                if option.hasPrefix("--optimizer ") || option.hasPrefix("--lr ") || options.contains(option) { continue }
                options.append(option)
            }
        }
        var words = ["downhill"] + options.prefix(1) + ["--race " + lineup]
        if shared && !defaults { words.append("--lr " + formatNumber(rates[0])) }
        words += options.dropFirst()
        return words.joined(separator: " ")
    }
}
