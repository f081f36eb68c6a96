import Foundation
import DownhillCore
import DownhillRender
import DownhillSetup

extension Model {
    /// Applies one message: a key (looked up in ``KeyBindings``), a tick of wall time, a
    /// resize or a click; returns what changed (empty: nothing to redraw).
    ///
    /// Every key works in every state. While the help is open `?` shows its next page (on
    /// its last, closes it), Esc closes it, and any other key closes it and does what it does. A key or a click also clears
    /// the notice.
    @discardableResult
    public mutating func update(_ message: Message) -> Effects {
        switch message {
        case .tick, .work: break
        default:
            // Anything the user does shows every number as it is now.
            readout = nil
            readoutAge = 0
        }
        let effects = handle(message)
        return syncInstruments() ? effects.union(.redraw) : effects
    }

    mutating func handle(_ message: Message) -> Effects {
        switch message {
        case .key(let key):
            notice = nil
            if prompt != nil { return promptKey(key) }
            // In a lesson, Enter and Backspace move between scenes; every other key is as in play.
            if lesson != nil && !isHelpVisible {
                if key == .enter { return apply(nextScene()) }
                if key == .backspace { return apply(previousScene()) }
            }
            let action = KeyBindings.action(for: key)
            if isHelpVisible {
                // `?` shows the help's next page while there is one; any other key closes it.
                if action == .toggleHelp && helpPage + 1 < helpPageCount {
                    helpPage += 1
                    return .redraw
                }
                isHelpVisible = false
                if action == .toggleHelp || action == .closeHelp { return .redraw }
            }
            return (action.map { perform($0) } ?? []).union(.redraw)
        case .tick(let seconds):
            return tick(seconds: seconds)
        case .work:
            return advanceInstruments() ? .redraw : []
        case .resize(let w, let h):
            return resize(width: w, height: h)
        case .wheel(let up):
            notice = nil
            return perform(.zoom(up ? 1 / 1.5 : 1.5))
        case .click(let column, let row):
            notice = nil
            dragFrom = nil
            if isHelpVisible {
                isHelpVisible = false
                return .redraw
            }
            if let area = terrainArea, area.contains(column: column, row: row) {
                // On the terrain a press starts a drag: a cell there is no one point of the plane.
                dragFrom = (column, row)
                return .redraw
            }
            guard var p = raster.viewport.world(column: column, row: row) else { return .redraw }
            // The cell's centre to four digits of the cell's size: the same point to a 10⁴th of a cell, a short number.
            p.x = Self.decimal(p.x, unit: Self.decimalUnit(raster.viewport.columnWidth, digits: 4))
            p.y = Self.decimal(p.y, unit: Self.decimalUnit(raster.viewport.rowHeight, digits: 4))
            let effects = apply(restart(at: p))
            recordMark("start moved")
            return effects
        case .scriptSaved(let path):
            show("replay this session: downhill --script " + SetupCodec.shellQuoted(path), seconds: Self.commandNoticeSeconds)
            return .redraw
        case .scriptNotSaved(let reason):
            show(reason)
            return .redraw
        case .drag(let column, let row):
            return drag(to: column, row: row)
        case .paste(let text):
            // Pasted text is never a run of commands (a pasted URL's `q` would quit): in the
            // `:` line it is typed there (line breaks as spaces), elsewhere it is dropped and
            // the notice says so.
            isHelpVisible = false
            if var prompt {
                prompt.text += text.map { $0.isNewline ? " " : String($0) }.joined()
                self.prompt = prompt
                return .redraw
            }
            show("pasted text ignored (\(text.count) character\(text.count == 1 ? "" : "s")): keys are commands here; : takes a setting")
            return .redraw
        }
    }

    /// Carries out one action and what it asks for (``apply(_:)``); returns what changed.
    /// A change of the runs (a setting, a restart, a moved start, …) is a mark in the history.
    @discardableResult
    public mutating func perform(_ action: Action) -> Effects {
        let effects = apply(act(action))
        if let label = action.historyMark, effects.contains(.rebuildGhosts) || effects.contains(.mirrorGhosts) {
            recordMark(label)
        }
        return syncInstruments() ? effects.union(.redraw) : effects
    }

    /// Does what `action` says to the model itself and returns what else must follow.
    mutating func act(_ action: Action) -> Effects {
        switch action {
        case .togglePlay:
            if isAnyRunning {
                wantsPlay.toggle()
                return .redraw
            }
            wantsPlay = true  // every run finished: play again
            return restart()
        case .step:
            wantsPlay = false
            advance(steps: 1)
            return .redraw
        case .scaleLearningRate(let up):
            return scaleLearningRate(up: up)
        case .cycleOptimizer(let offset):
            return cycleOptimizer(by: offset)
        case .chooseOptimizer(let index):
            return switchRule(toPrototype: UpdateRules.all[index])
        case .cycleSelection(let offset):
            guard isRacing else { return cycleOptimizer(by: offset) }
            selected = ((selected + offset) % tracks.count + tracks.count) % tracks.count
            return .redraw
        case .cycleSurface(let offset):
            let all = Surfaces.names
            let i = all.firstIndex(of: surfaceName) ?? 0
            return switchSurface(to: all[((i + offset) % all.count + all.count) % all.count])
        case .moveStart(let dx, let dy):
            let view = descent.surface.defaultView
            let step = Vector2(view.width, view.height) * Self.startMoveFraction
            var p = descent.start
            // The moved coordinate lands on the step's decimal grid: −2.4 + 0.3·2 is −1.8, not −1.7999999999999996.
            if dx != 0 { p.x = Self.decimal(p.x + Double(dx) * step.x, unit: Self.decimalUnit(step.x, digits: 3)) }
            if dy != 0 { p.y = Self.decimal(p.y + Double(dy) * step.y, unit: Self.decimalUnit(step.y, digits: 3)) }
            return restart(at: p)
        case .restart:
            return restart()
        case .changeSpeed(let offset):
            speedIndex = min(Self.speeds.count - 1, max(0, speedIndex + offset))
            return .redraw
        case .cycleGradientSource:
            return cycleGradientSource()
        case .toggleRace:
            return toggleRace()
        case .togglePanel(let name):
            guard let entry = PanelRegistry.named(name) else { return [] }
            if !isOpen(name), let refusal = entry.refusal(self) {
                show(refusal)
                return .redraw
            }
            if lesson != nil && isBelowSidebarWidth && !lessonPanelsShown {
                // A lesson on a narrow screen keeps its plot; the first panel key shows the
                // panels over it (that panel opened if it was not), the next ones act as usual.
                lessonPanelsShown = true
                if isOpen(name) { return .redraw }
            }
            if isOpen(name) { openPanels.remove(name) } else { openPanels.insert(name) }
            history.notePanels(openPanels)
            return entry.effects
        case .history(let move):
            return moveInHistory(move)
        case .zoom(let factor):
            return zoom(by: factor)
        case .fitPath:
            return fitPath()
        case .resetView:
            guard plotView != nil || camera != .standard else { return .redraw }
            plotView = nil
            camera = .standard
            return .rebuildRaster
        case .rotateTerrain(let azimuth, let elevation):
            return rotateTerrain(azimuth: azimuth, elevation: elevation)
        case .showReproduceCommand:
            // The command line, unless a setting changed while a run was under way: then
            // the loop writes the session's script and names its file (``Message/scriptSaved(_:)``).
            if sessionScript != nil {
                show("writing the session's script…")
                return [.redraw, .saveScript]
            }
            show(reproduceCommand, seconds: Self.commandNoticeSeconds)
            return .redraw
        case .openPrompt:
            prompt = CommandPrompt()
            return .redraw
        case .toggleHelp:
            isHelpVisible.toggle()
            return .redraw
        case .closeHelp:
            isHelpVisible = false
            return .redraw
        case .quit:
            shouldQuit = true
            return .redraw
        }
    }

    /// Does what `effects` ask, each once, in order: the ghosts (replayed, or told of a live
    /// change), the raster, the panels' fit. Returns them with ``Effects/redraw``.
    @discardableResult
    mutating func apply(_ effects: Effects) -> Effects {
        if effects.contains(.rebuildGhosts) {
            rebuildGhosts()
        } else if effects.contains(.mirrorGhosts) {
            mirrorGhosts()
        }
        if effects.contains(.rebuildRaster) { rebuildRaster() }
        if effects.contains(.checkPanels) { noteHiddenPanels() }
        return effects.isEmpty ? [] : effects.union(.redraw)
    }

    /// Zooms the view by `factor` (< 1: in) around the selected run's point, or the view's
    /// centre when the point is outside it.
    mutating func zoom(by factor: Double) -> Effects {
        let box = raster.viewport.box
        let p = descent.point
        let centre = box.contains(p) ? p : box.center
        let (w, h) = (box.width * factor / 2, box.height * factor / 2)
        guard w > 1e-12 * max(1, abs(centre.x)), h > 1e-12 * max(1, abs(centre.y)), w.isFinite, h.isFinite, w < 1e12 else {
            show(factor < 1 ? "zoomed in as far as it goes" : "zoomed out as far as it goes")
            return .redraw
        }
        plotView = Self.readable(ViewBox(x: (centre.x - w)...(centre.x + w), y: (centre.y - h)...(centre.y + h)))
        return .rebuildRaster
    }

    /// `box` rounded out (its low bounds down, its high bounds up) to four significant
    /// digits of its size, each bound the double that its short decimal text reads as, so
    /// that the reproduce line says `--view=-5.61:2.01,…` and reads back to the same view.
    static func readable(_ box: ViewBox) -> ViewBox {
        let unit = decimalUnit(max(box.width, box.height), digits: 4)
        let (x0, x1) = (decimal(box.xMin, unit: unit, .down), decimal(box.xMax, unit: unit, .up))
        let (y0, y1) = (decimal(box.yMin, unit: unit, .down), decimal(box.yMax, unit: unit, .up))
        guard x0 < x1, y0 < y1, [x0, x1, y0, y1].allSatisfy(\.isFinite) else { return box }
        return ViewBox(x: x0...x1, y: y0...y1)
    }

    /// The power of ten 10^e whose multiples give `size` to `digits` significant digits
    /// (0.001 for a size of 0.3 and 3 digits), as its exponent e and its value.
    static func decimalUnit(_ size: Double, digits: Int) -> (exponent: Int, value: Double) {
        guard size > 0, size.isFinite else { return (0, .nan) }
        let e = Int(log10(size).rounded(.down)) - (digits - 1)
        return (e, Double("1e\(e)") ?? .nan)
    }

    /// `v` rounded to a multiple k of `unit`, as the double that the decimal text `ke<exponent>`
    /// reads as (so it prints short and parses back exactly); `v` itself when that is not
    /// possible (no unit, or a multiple beyond 15 digits).
    static func decimal(_ v: Double, unit: (exponent: Int, value: Double),
                        _ rule: FloatingPointRoundingRule = .toNearestOrAwayFromZero) -> Double {
        let q = v / unit.value
        // A bound already on the grid but for the division's last bit stays there when rounded out.
        let k = abs(q - q.rounded()) < 1e-9 * max(1, abs(q)) ? q.rounded() : q.rounded(rule)
        guard unit.value > 0, unit.value.isFinite, k.isFinite, abs(k) < 1e15 else { return v }
        return Double("\(Int64(k))e\(unit.exponent)") ?? v
    }

    /// Fits the view to every run's whole path (with a margin of a tenth each side).
    mutating func fitPath() -> Effects {
        let points = tracks.flatMap { $0.trail + [$0.descent.start] }.filter(\.isFinite)
        guard let first = points.first else { return .redraw }
        var (lo, hi) = (first, first)
        for p in points { lo = pointwiseMin(lo, p); hi = pointwiseMax(hi, p) }
        var span = hi - lo
        let surfaceView = descent.surface.defaultView
        // A path along a line (or one point) still gets a view of some size.
        span.x = max(span.x, 1e-3 * surfaceView.width)
        span.y = max(span.y, 1e-3 * surfaceView.height)
        let c = (lo + hi) / 2, half = span * 0.6
        plotView = Self.readable(ViewBox(x: (c.x - half.x)...(c.x + half.x), y: (c.y - half.y)...(c.y + half.y)))
        return .rebuildRaster
    }

    /// True when the screen is narrower than the sidebar needs (a projector's large font):
    /// panels asked for are drawn over the plot, or wait (a lesson), and the race legend hides.
    var isBelowSidebarWidth: Bool { ScreenLayout(width: width, height: height, sidebar: true).sidebar == nil }

    /// Says so when the race legend cannot be shown: the screen is too narrow for the
    /// sidebar. (Panels asked for are then drawn full-width over the plot instead.)
    mutating func noteHiddenPanels() {
        if isOpen("terrain"), ScreenLayout(width: width, height: height, sidebar: wantsSidebar, terrain: true).terrain == nil {
            show(Self.terrainTooSmallNotice)
            return
        }
        guard isRacing, isBelowSidebarWidth else { return }
        show("the race legend needs a screen at least \(ScreenLayout.sidebarMinimumWidth) columns wide")
    }

    /// Shows `text` as the notice for `seconds` of ticks (or until the next key or click).
    mutating func show(_ text: String, seconds: Double = Self.noticeSeconds) {
        notice = text
        noticeSecondsLeft = seconds
    }

    /// `+`/`-`: the selected run's η one rung up or down ``LearningRateLadder`` (about
    /// × or ÷ 10^0.1, ten rungs a decade) within ``learningRateLimits``; a press
    /// that cannot move it (already at the limit) says so in a notice.
    mutating func scaleLearningRate(up: Bool) -> Effects {
        let limits = Self.learningRateLimits
        let lr = descent.learningRate
        if up ? lr >= limits.upperBound : lr <= limits.lowerBound {
            let bound = StatusBar.compact(up ? limits.upperBound : limits.lowerBound)
            // A rate given with --lr or :lr (any finite η > 0) may lie beyond what the keys
            // reach; the notice names it as typed, and the other key still walks back.
            show(lr == (up ? limits.upperBound : limits.lowerBound)
                 ? "learning rate at its \(up ? "maximum" : "minimum") \(bound)"
                 : "learning rate \(SetupCodec.number(lr)) is already \(up ? "above" : "below") what \(up ? "+" : "-") reaches (\(bound))")
            return .redraw
        }
        let next = LearningRateLadder.next(after: lr, up: up)
        descent.setLearningRate(up ? min(limits.upperBound, next) : max(limits.lowerBound, next))
        noteLearningRateUse()
        return .mirrorGhosts
    }

    /// After η changed: says so when the run has started and its rule no longer reads η
    /// (``UpdateRule/learningRateNote``), so a new η that changes nothing is not a mystery.
    mutating func noteLearningRateUse() {
        if descent.step > 0, let note = descent.optimizer.rule.learningRateNote { show(note) }
    }

    /// Advances the animation by `seconds` of wall time: ``stepsPerSecond`` steps per
    /// second, fractional steps carried to the next tick, at most
    /// ``maximumTickSeconds`` accounted per tick; moves nothing unless playing. Ages the
    /// notice, clearing it when its time is up.
    mutating func tick(seconds: Double) -> Effects {
        guard seconds > 0, seconds.isFinite else { return [] }
        var effects: Effects = advanceInstruments() ? .redraw : []
        if notice != nil {
            noticeSecondsLeft -= min(seconds, Self.maximumTickSeconds)
            if noticeSecondsLeft <= 0 {
                notice = nil
                effects = .redraw
            }
        }
        guard isPlaying else { return effects }
        pendingSteps += min(seconds, Self.maximumTickSeconds) * stepsPerSecond
        // A tiny allowance so that, e.g., 20 ticks of 0.05 s at 20 steps/s are 20 steps.
        let whole = (pendingSteps + 1e-9).rounded(.down)
        pendingSteps = max(0, pendingSteps - whole)
        guard whole > 0 else { return effects }
        let before = (tracks: tracks, ghosts: ghosts)
        advance(steps: Int(whole))
        if !isPlaying { pendingSteps = 0 }
        // The readouts keep what they showed until their interval is up (see ``readout``).
        readoutAge += min(seconds, Self.maximumTickSeconds)
        let settled = zip(before.tracks, tracks).contains { $0.descent.status != $1.descent.status }
        if readoutAge >= Self.readoutInterval || settled || !isPlaying {
            readout = nil
            readoutAge = 0
        } else if readout == nil {
            readout = before
        }
        return .redraw
    }

    /// Takes up to `steps` updates of every run that has not diverged (the racers, or the
    /// solo descent and its ghosts), recording each in its track; stops early when no run
    /// can move, or when none is still running while animating (a paused `n` may step on
    /// from a converged point: the gradient may be noisy).
    ///
    /// A session script's changes are made as soon as they are due, after the step that
    /// reaches them; the animation pauses at ``stopAtStep`` (a script's end, a lesson
    /// scene's last step) and goes on past a settled run while a script has changes to make.
    mutating func advance(steps: Int) {
        for _ in 0..<steps {
            guard stepEveryRun() else { break }
            recordStep()
            for i in ghosts.indices where !ghosts[i].descent.isDiverged {
                ghosts[i].advance(probeGradient: false)
                if stopsRunaways { ghosts[i].descent.stopIfRunaway(Self.runawayLimits, view: shownView) }
            }
            if playback != nil { applyDueChanges() }
            if let stop = stopAtStep, descent.step >= stop, !isPlaybackPending {
                stopAtStep = nil
                wantsPlay = false
                break
            }
            if wantsPlay && !isAnyRunning && !isPlaybackPending { break }
        }
    }

    /// One step of every run that has not diverged; false when none could move.
    @discardableResult
    mutating func stepEveryRun() -> Bool {
        var moved = false
        for i in tracks.indices where !tracks[i].descent.isDiverged {
            if tracks[i].advance(probeGradient: isOpen("maths") && i == selected) != nil { moved = true }
            if stopsRunaways { tracks[i].descent.stopIfRunaway(Self.runawayLimits, view: shownView) }
        }
        return moved
    }

    /// Restarts every run at its start.
    mutating func restart() -> Effects {
        for i in tracks.indices { tracks[i].restart() }
        pendingSteps = 0
        return .rebuildGhosts
    }

    /// Moves the start of every run to `p` and restarts there.
    mutating func restart(at p: Vector2) -> Effects {
        for i in tracks.indices { tracks[i].restart(at: p) }
        pendingSteps = 0
        return .rebuildGhosts
    }

    /// `o`/`O`: the next or previous update rule in SPEC order for the selected run (in a
    /// race, the selected racer: the same rule may race more than once).
    mutating func cycleOptimizer(by offset: Int) -> Effects {
        let all = UpdateRules.all
        let i = all.firstIndex { $0.name == descent.optimizer.name } ?? 0
        return switchRule(toPrototype: all[((i + offset) % all.count + all.count) % all.count])
    }

    /// Switches the selected run's update rule to `prototype` keeping the point (fresh
    /// state). Options the user changed on the old rule that the new one also takes carry
    /// over (μ from momentum to nesterov); the rest are the new rule's defaults. If the
    /// learning rate is still the surface's default for the old rule, it becomes the
    /// default for the new one (the adaptive rules want larger rates); a rate the user
    /// chose is kept.
    mutating func switchRule(toPrototype prototype: any UpdateRule) -> Effects {
        let old = descent.optimizer.rule
        guard prototype.name != old.name else { return [] }
        var rule = prototype
        if let oldDefaults = UpdateRules.named(old.name) {
            for o in old.options where prototype.accepts(o.name) {
                if let v = old.value(of: o.name), v != oldDefaults.value(of: o.name), let changed = try? rule.setting(o.name, to: v) {
                    rule = changed
                }
            }
        }
        let surface = descent.surface
        let lr = descent.learningRate
        let oldDefault = surface.defaultLearningRate(for: old)
        tracks[selected].switchRule(to: rule)
        if abs(lr - oldDefault) <= 1e-12 * oldDefault {
            descent.setLearningRate(surface.defaultLearningRate(for: rule))
        }
        return .mirrorGhosts
    }

    /// `c`: into race mode, every optimizer of the lineup (and the selected one, with its
    /// learning rate) starting together from the current start; or out of it, going on
    /// solo with the selected racer as it stands, the racers remembered for the next race.
    mutating func toggleRace() -> Effects {
        if isRacing {
            lineup = tracks.map { Self.lineupEntry($0.descent) }
            tracks = [tracks[selected]]
            selected = 0
            isRacing = false
        } else {
            let current = descent
            var entries = lineup
            let entry = Self.lineupEntry(current)
            if let i = entries.firstIndex(where: { $0.rule.name == entry.rule.name }) {
                entries[i] = entry
                selected = i
            } else if entries.count < Race.maximumRacers {
                entries.append(entry)
                selected = entries.count - 1
            } else {
                entries[entries.count - 1] = entry
                selected = entries.count - 1
            }
            tracks = entries.map { entry in
                Track(Descent(surface: current.surface,
                              optimizer: Optimizer(rule: entry.rule,
                                                   learningRate: entry.learningRate ?? current.surface.defaultLearningRate(for: entry.rule),
                                                   schedule: entry.schedule),
                              source: GradientSource(mode: current.source.mode, noise: current.source.noise, seed: session.seed),
                              start: current.start))
            }
            isRacing = true
        }
        pendingSteps = 0
        return [.rebuildGhosts, .rebuildRaster, .checkPanels]
    }

    /// Goes to another surface: its default start, every run's optimizer with the
    /// surface's default learning rate for it and the other hyperparameters kept, the same
    /// seed; the batch mode on a data-backed surface, the noise switch on an analytic one.
    mutating func switchSurface(to name: String) -> Effects {
        guard var surface = Surfaces.named(name) else { return [] }
        if let userData = session.userData, userData.surface == name { surface = surface.replacingData(userData.data) }
        plotView = nil  // another surface: its own view
        let source = GradientSource(mode: sourceMode(for: surface), noise: noise(for: name, surface), seed: session.seed)
        for i in tracks.indices {
            let rule = tracks[i].descent.optimizer.rule
            let optimizer = Optimizer(rule: rule, learningRate: surface.defaultLearningRate(for: rule), schedule: tracks[i].descent.optimizer.schedule)
            tracks[i] = Track(Descent(surface: surface, optimizer: optimizer,
                                      source: source, start: surface.defaultStart))
        }
        lineup = lineup.map { OptimizerSetup(rule: $0.rule, schedule: $0.schedule) }
        pendingSteps = 0
        levels = Levels(surface: surface)
        scatter = Self.scatter(for: surface)
        return [.rebuildRaster, .rebuildGhosts]
    }

    /// The batch mode to use on a surface: the chosen one, clamped to the data size, on a
    /// data-backed surface; full on an analytic one.
    func sourceMode(for surface: any LossSurface) -> BatchMode {
        guard let rows = surface.sampleCount else { return .full }
        if case .mini(let n) = session.batchMode { return .mini(size: max(1, min(n, rows))) }
        return session.batchMode
    }

    /// The gradient noise S on a surface: on an analytic one while noise is switched on,
    /// the `--noise` value on the surface it was given for, else ``autoNoise(for:)``;
    /// on a data-backed one only the `--noise` value given for it.
    func noise(for name: String, _ surface: any LossSurface) -> Double {
        if name == session.initialSurface && session.initialNoise > 0 { return session.noiseEnabled ? session.initialNoise : 0 }
        guard session.noiseEnabled, !surface.isDataBacked else { return 0 }
        return Self.autoNoise(for: surface)
    }

    /// The noise S that `b` switches on when none was given: a quarter of the gradient's
    /// norm at the surface's default start, so the wobble is visible but the descent still
    /// goes downhill (1 when that gradient is zero or not finite).
    public static func autoNoise(for surface: any LossSurface) -> Double {
        let g = surface.gradient(at: surface.defaultStart).norm
        return g > 0 && g.isFinite ? 0.25 * g : 1
    }

    /// `b`: on a data-backed surface the next gradient source, full → mini-batch →
    /// SGD → full (a fresh source from the seed, the points kept); on an analytic surface
    /// gradient noise on/off. Every run (racers, ghosts) gets the same source.
    mutating func cycleGradientSource() -> Effects {
        let surface = descent.surface
        let source: GradientSource
        if let rows = surface.sampleCount {
            let mini = BatchMode.mini(size: max(1, min(Self.defaultMiniBatch, rows)))
            let next: BatchMode
            switch descent.source.mode {
            case .full: next = rows > 1 && mini != .stochastic ? mini : .stochastic
            case .mini(1): next = .full
            case .mini: next = .stochastic
            }
            session.batchMode = next
            source = GradientSource(mode: next, noise: descent.source.noise, seed: session.seed)
        } else {
            session.noiseEnabled.toggle()
            var s = descent.source
            s.noise = noise(for: surfaceName, surface)
            source = s
        }
        for i in tracks.indices { tracks[i].descent.setSource(source) }
        return .mirrorGhosts
    }

    /// Builds the ghosts afresh for the solo descent: the same update rule, state and
    /// gradient source from its start, at each of ``ghostFactors`` times its η, replayed to
    /// its step (at most ``ghostReplayLimit`` steps). None in race mode or when off.
    mutating func rebuildGhosts() {
        guard isOpen("ghosts") && !isRacing else {
            ghosts = []
            return
        }
        let main = descent
        let lr = main.learningRate
        ghosts = Self.ghostFactors.map { factor in
            var d = main
            d.setLearningRate(lr * factor)
            var ghost = Track(d)
            ghost.restart()
            // Replayed under the same run-away rule as when they step live.
            for _ in 0..<min(main.step, Self.ghostReplayLimit) where ghost.advance(probeGradient: false) != nil {
                if stopsRunaways && ghost.descent.stopIfRunaway(Self.runawayLimits, view: shownView) { break }
            }
            return ghost
        }
    }

    /// Carries a live change of the solo descent over to its ghosts: the update rule
    /// (switched keeping each ghost's point, as for the descent), η times each factor,
    /// and the gradient source.
    mutating func mirrorGhosts() {
        let main = descent
        for i in ghosts.indices {
            if ghosts[i].descent.optimizer.name != main.optimizer.name {
                ghosts[i].switchRule(to: main.optimizer.rule)
            } else {
                ghosts[i].descent.setRule(main.optimizer.rule)
            }
            ghosts[i].descent.setLearningRate(main.learningRate * Self.ghostFactors[i % Self.ghostFactors.count])
            if ghosts[i].descent.source.mode != main.source.mode || ghosts[i].descent.source.noise != main.source.noise {
                ghosts[i].descent.setSource(main.source)
            }
        }
    }

    /// A new screen size: the raster is rebuilt for it; the trails (world units) are kept.
    mutating func resize(width w: Int, height h: Int) -> Effects {
        let before = ScreenLayout(width: width, height: height, sidebar: wantsSidebar, terrain: isOpen("terrain"))
        width = max(0, w)
        height = max(0, h)
        // Panels (and the terrain) that were on screen and no longer fit say why they went.
        let hadTerrain = before.terrain != nil
        let effects = apply(before.sidebar != nil || hadTerrain ? [.rebuildRaster, .checkPanels] : .rebuildRaster)
        // The window grew enough for the terrain: its "too small" notice is over.
        if terrainArea != nil && notice == Self.terrainTooSmallNotice { notice = nil }
        return effects
    }

    /// Samples the surface again when the plot area (size, sidebar) or the surface changed.
    mutating func rebuildRaster() {
        rebuildTerrain()
        let fresh = Screen.viewport(for: descent.surface, width: width, height: height, sidebar: wantsSidebar, view: plotView,
                                    terrain: isOpen("terrain"))
        if raster.isValid(for: descent.surface, viewport: fresh, levels: levels) { return }
        raster = SurfaceRaster(surface: descent.surface, viewport: fresh, levels: levels)
    }
}
