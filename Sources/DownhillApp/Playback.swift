import Foundation
import DownhillCore
import DownhillRender
import DownhillSetup

/// A session script being replayed (SPEC §10): its changes, the next one due, and the
/// step the replay stops at.
struct Playback: Sendable {
    var changes: [ScriptChange]
    var next = 0
    /// The selected run's step where the replay pauses once every change is made.
    var endStep: Int?
    var isPending: Bool { next < changes.count }
}

extension Model {
    /// The runs, panels and view for a session script or lesson's setup: the model for
    /// `resolved` (the script's setup, resolved) with the script's panels open and its
    /// changes at step 0 made; paused when `paused` or when the script ends at step 0.
    /// - Throws: ``ScriptError`` naming the line of a bad panel or change.
    public static func replaying(_ script: SessionScript, resolved: Resolved, appearance: Appearance, width: Int, height: Int,
                                 paused: Bool = false) throws(ScriptError) -> Model {
        var model = Model(resolved: resolved, appearance: appearance, width: width, height: height, paused: paused)
        try model.open(script.panels, line: script.setupSettings.first { $0.name == "show" }?.line ?? script.setupLine)
        model.playback = Playback(changes: script.changes, endStep: script.steps)
        try model.applyDueChangesOrThrow()
        if let end = model.stopAtStep, model.descent.step >= end, !(model.playback?.isPending ?? false) {
            model.wantsPlay = false
            model.stopAtStep = nil
        }
        return model
    }

    /// Opens exactly the panels `names` (closing the others).
    /// - Throws: ``ScriptError`` for an unknown panel or one that cannot open here.
    mutating func open(_ names: [String], line: Int) throws(ScriptError) {
        for name in names where PanelRegistry.named(name) == nil {
            throw ScriptError(line: line, SettingsError.unknownName(kind: "panel", value: name,
                                                                    suggestion: closestName(to: name, in: PanelRegistry.all.map(\.name))).description)
        }
        for entry in PanelRegistry.all where isOpen(entry.name) != names.contains(entry.name) {
            if !isOpen(entry.name), let refusal = entry.refusal(self) {
                throw ScriptError(line: line, "show: the \(entry.name) panel cannot open here: \(refusal)")
            }
            apply(act(.togglePanel(entry.name)))
        }
    }

    /// True while a script has changes still to make and some run can still move to them.
    var isPlaybackPending: Bool {
        (playback?.isPending ?? false) && tracks.contains { !$0.descent.isDiverged }
    }

    /// Makes every change that is due (the selected run has reached its step); a change
    /// that fails is a notice naming its line, and the replay goes on.
    mutating func applyDueChanges() {
        do { try applyDueChangesOrThrow() } catch { show("script " + error.description) }
    }

    /// Makes every change that is due; sets the stop at the script's end once all are made.
    /// - Throws: ``ScriptError`` for the first change that fails (it is skipped).
    mutating func applyDueChangesOrThrow() throws(ScriptError) {
        while var p = playback, p.isPending, descent.step >= p.changes[p.next].step {
            let change = p.changes[p.next]
            p.next += 1
            if !p.isPending, let end = p.endStep { stopAtStep = end }
            playback = p
            do {
                apply(try applyChange(change))
            } catch {
                throw Self.scriptError(error, change, fallback: change.line)
            }
        }
    }

    /// A change's failure as one line naming its line in the file: the setting's line
    /// when the message names it, else the change's.
    static func scriptError(_ error: any Error, _ change: ScriptChange, fallback: Int) -> ScriptError {
        if let error = error as? ScriptError { return error }
        let text = "\(error)"
        let line = change.settings.first { text.contains("--" + $0.name) || text.contains(":" + $0.name) }?.line
        return ScriptError(line: line ?? fallback, text.replacingOccurrences(of: "--", with: ""))
    }

    /// Makes one change of a script, in this order: a new run (the settings that set one
    /// up, or `restart`), the racer, leaving the race, the live settings (as the `:` line
    /// makes them: the optimizer, its options, η, the schedule, the view; the batch and
    /// noise as `b` does), the panels, the speed, the zoom. A change of the runs is a mark
    /// in the history.
    /// - Throws: ``SettingsError`` or ``ScriptError`` for a bad value; what was made before stays.
    mutating func applyChange(_ change: ScriptChange) throws -> Effects {
        var effects: Effects = .redraw
        let fresh = change.restart || change.settings.contains { SessionScript.restartSettings.contains($0.name) }
        let setupNames = fresh ? SessionScript.restartSettings.union(["batch", "noise"]) : SessionScript.restartSettings
        if fresh {
            var setup = currentSetup
            var given = false
            for s in change.settings where setupNames.contains(s.name) {
                setup = try SetupCodec.applying(s.name, s.value, to: setup)
                given = true
            }
            effects = given ? load(try setup.resolve()) : restart()
        }
        if let racer = change.racer {
            guard isRacing, racer <= tracks.count else {
                throw ScriptError(line: change.line, "racer \(racer): there are \(isRacing ? "\(tracks.count) racers" : "no racers")")
            }
            selected = racer - 1
        }
        if change.solo {
            guard isRacing else { throw ScriptError(line: change.line, "solo: there is no race to leave") }
            effects = effects.union(toggleRace())
        }
        for s in change.settings where !setupNames.contains(s.name) {
            switch s.name {
            case "batch":
                let mode = try SetupCodec.parseBatch(s.value)
                guard descent.surface.isDataBacked else { throw SettingsError.notApplicable(option: "--batch", surface: surfaceName) }
                session.batchMode = mode
                let source = GradientSource(mode: mode, noise: descent.source.noise, seed: session.seed)
                for i in tracks.indices { tracks[i].descent.setSource(source) }
                effects = effects.union(.mirrorGhosts)
            case "noise":
                let setup = try SetupCodec.applying("noise", s.value, to: currentSetup)
                session.noiseEnabled = setup.noise > 0
                var source = descent.source
                source.noise = setup.noise
                for i in tracks.indices { tracks[i].descent.setSource(source) }
                effects = effects.union(.mirrorGhosts)
            case _ where SetupCodec.isFlag(s.name):
                guard s.value == "true" || s.value == "false" else {
                    throw SettingsError.invalid(option: "--" + s.name, value: s.value, expected: "true or false")
                }
                let rule = try descent.optimizer.rule.setting(s.name, to: .flag(s.value == "true"))
                try rule.validate()
                descent.setRule(rule)
                effects = effects.union(.mirrorGhosts)
            default:
                effects = effects.union(try apply(setting: s.name, s.value))
            }
        }
        if !change.settings.isEmpty || change.restart || change.solo { recordMark("script") }
        if let panels = change.panels { try open(panels, line: change.line) }
        if let speed = change.speed {
            setSpeed(speed)
        }
        if let zoom = change.zoom { effects = effects.union(self.zoom(by: 1 / zoom)) }
        return effects
    }

    // MARK: The script of a session

    /// The session script that replays this session up to the moment on screen, or nil
    /// when the command line (``reproduceCommand``) already does: no setting was changed
    /// while a run was under way since the runs last started over.
    public var sessionScript: SessionScript? {
        let script = deriveScript()
        let lastFresh = script.changes.lastIndex { $0.restart || $0.settings.contains { SessionScript.restartSettings.contains($0.name) } }
        let live = script.changes[(lastFresh.map { $0 + 1 } ?? 0)...].contains { c in
            c.step > 0 && (!c.settings.isEmpty || c.solo || c.racer != nil)
        }
        return live ? script : nil
    }

    /// The session as a script: the setup at the start, then one change for each mark in
    /// the history (and each change of the panels), worked out by replaying the session on
    /// a copy and comparing the copy with each mark's snapshot, so that the change written
    /// is the one that, made the way a script makes it, gives the state the session had.
    func deriveScript() -> SessionScript {
        let moments = history.moments
        let last = max(0, history.position)
        guard let first = moments.first?.snapshot else { return SessionScript(setup: currentSetup) }
        var scratch = self
        scratch.history = History()
        scratch.playback = nil
        scratch.openPanels = []
        scratch.ghosts = []
        scratch.width = 0
        scratch.height = 0
        scratch.restore(first)
        var setup = scratch.currentSetup
        setup.view = plotView
        var script = SessionScript(setup: setup, panels: history.panelNotes[0] ?? [])
        script.changes = []
        for j in 0...last where j > 0 {
            let moment = moments[j]
            if let snapshot = moment.snapshot, moment.mark != nil {
                var change = scratch.change(towards: snapshot)
                change.panels = history.panelNotes[j]
                if !change.isEmpty { script.changes.append(change) }
            } else {
                scratch.stepEveryRun()
                if let panels = history.panelNotes[j] { script.changes.append(ScriptChange(step: scratch.descent.step, panels: panels)) }
            }
        }
        script.steps = moments.isEmpty ? 0 : moments[last].step
        return script
    }

    /// The state of a snapshot (runs, race, session), as history travel restores it.
    mutating func restore(_ snapshot: History.Snapshot) {
        tracks = snapshot.tracks
        selected = snapshot.selected
        isRacing = snapshot.isRacing
        lineup = snapshot.lineup
        session = snapshot.session
    }

    /// The change that takes this model (a replay copy) to the snapshot's runs, made on
    /// this model as it is worked out: first what sets up new runs, then the racer and the
    /// live settings, each compared after the one before has been made.
    mutating func change(towards t: History.Snapshot) -> ScriptChange {
        var change = ScriptChange(step: descent.step)
        func make(_ piece: ScriptChange) {
            _ = try? applyChange(piece)
        }
        let target = t.tracks[t.selected].descent
        var ts = Self.setup(tracks: t.tracks, selected: t.selected, isRacing: t.isRacing, session: t.session)
        ts.view = plotView
        // New runs: set up differently, or started over.
        var fresh: [ScriptSetting] = []
        var s = currentSetup
        func emit(_ name: String, _ value: String) {
            fresh.append(ScriptSetting(name, value))
            if let next = try? SetupCodec.applying(name, value, to: s) { s = next }
        }
        if ts.surface != s.surface { emit("surface", ts.surface) }
        for (name, value) in ts.surfaceOptions.given where s.surfaceOptions.given.first(where: { $0.0 == name })?.1 != value {
            emit(name, SetupCodec.number(value))
        }
        if let data = ts.dataPath, data != s.dataPath { emit("data", data) }
        let restarted = target.step == 0 && descent.step > 0
        let lineupChanged: Bool = {
            guard let tr = ts.race else { return false }
            guard isRacing, let sr = s.race, sr.count == tr.count else { return true }
            return sr.indices.contains { $0 != t.selected && sr[$0] != tr[$0] }
        }()
        if lineupChanged, let race = ts.race { emit("race", SetupCodec.lineupText(race)) }
        let isFresh = restarted || !fresh.isEmpty || ts.start != s.start || ts.seed != s.seed
        if isFresh {
            if ts.start != s.start || ts.start != descent.start, let start = ts.start {
                emit("start", "\(SetupCodec.number(start.x)),\(SetupCodec.number(start.y))")
            }
            if ts.batch != s.batch { emit("batch", ts.batch.description) }
            if ts.noise != s.noise { emit("noise", SetupCodec.number(ts.noise)) }
            if ts.seed != s.seed { emit("seed", String(ts.seed)) }
            change.restart = fresh.isEmpty
            make(ScriptChange(settings: fresh, restart: change.restart))
        }
        change.settings = fresh
        // Leaving the race: which racer goes on.
        if isRacing && !t.isRacing {
            let kept = target.current
            let i = tracks.indices.first { tracks[$0].descent.current == kept && tracks[$0].descent.optimizer.name == target.optimizer.name }
            change.racer = (i ?? selected) + 1
            change.solo = true
            make(ScriptChange(racer: change.racer, solo: true))
        } else if isRacing && t.isRacing && t.selected != selected && t.selected < tracks.count {
            change.racer = t.selected + 1
            make(ScriptChange(racer: change.racer))
        }
        // Live settings of the selected run, each made before the next is compared.
        func live(_ name: String, _ value: String) {
            let setting = ScriptSetting(name, value)
            change.settings.append(setting)
            make(ScriptChange(settings: [setting]))
        }
        if descent.optimizer.name != target.optimizer.name { live("optimizer", target.optimizer.name) }
        for o in target.optimizer.rule.options {
            guard let v = target.optimizer.rule.value(of: o.name), v != descent.optimizer.rule.value(of: o.name) else { continue }
            switch v {
            case .real(let x): live(o.name, SetupCodec.number(x))
            case .pair(let a, let b): live(o.name, SetupCodec.number(a) + "," + SetupCodec.number(b))
            case .flag(let on): live(o.name, on ? "true" : "false")
            }
        }
        if descent.learningRate != target.learningRate { live("lr", SetupCodec.number(target.learningRate)) }
        let scheduleText = { (d: Descent) in d.optimizer.schedule.map(SetupCodec.scheduleText) ?? "none" }
        if scheduleText(descent) != scheduleText(target) { live("schedule", scheduleText(target)) }
        if !isFresh {
            if descent.source.mode != target.source.mode { live("batch", target.source.mode.description) }
            if descent.source.noise != target.source.noise { live("noise", SetupCodec.number(target.source.noise)) }
        }
        if isRacing, change.racer == nil, change.settings.contains(where: { !SessionScript.restartSettings.contains($0.name) }) {
            change.racer = selected + 1
        }
        return change
    }

    // MARK: Rows of a replay (`run --script`)

    /// Replays `script` headless and hands over the selected run's rows: the start, one
    /// row after each step, and the row a change brings on screen (a new start, another
    /// racer);
    /// up to the script's `steps` (or `steps` when given) after its last change, or until
    /// no run can move. Returns the model as it ends.
    /// - Throws: ``ScriptError`` for a change that fails, with its line.
    public static func replayRows(_ script: SessionScript, resolved: Resolved, steps: Int? = nil,
                                  emit: (TrajectoryPoint) -> Void) throws(ScriptError) -> Model {
        var model = try replaying(script, resolved: resolved, appearance: .init(unicode: false), width: 0, height: 0, paused: true)
        model.stopAtStep = nil
        // `run` keeps SPEC §5: a run stops at its first non-finite value, not when play would call it.
        model.stopsRunaways = false
        let end = steps ?? script.steps ?? (script.changes.last?.step ?? 0)
        emit(model.descent.current)
        while model.isPlaybackPending || model.descent.step < end {
            guard model.stepEveryRun() else { break }
            emit(model.descent.current)
            let before = model.descent.current
            try model.applyDueChangesOrThrow()
            model.stopAtStep = nil
            if model.descent.current != before { emit(model.descent.current) }
        }
        return model
    }
}

extension Model {
    /// Sets the animation speed to the one of ``speeds`` nearest to `stepsPerSecond` (on a
    /// log scale, as `[` `]` step): `--speed`, `:speed` and a script's `speed` all land here.
    public mutating func setSpeed(_ stepsPerSecond: Double) {
        speedIndex = Self.speeds.indices.min { abs(log(Self.speeds[$0] / stepsPerSecond)) < abs(log(Self.speeds[$1] / stepsPerSecond)) }
            ?? speedIndex
    }
}
