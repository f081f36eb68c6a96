import Foundation
import Testing

/// `downhill` (= `downhill play`) as a person sees it: the status, the keys, the run's
/// states. Assertions are on words and numbers of the status, never on the layout.
@Suite("play: screen and keys", .enabled(if: endToEndEnabled, "tmux is not installed"), .timeLimit(.minutes(1)))
struct PlayTests {
    @Test("the status shows surface, optimizer, lr, step and state; q quits with status 0")
    func statusAndQuit() async throws {
        let s = try Session(longRun)
        defer { s.close() }
        let shown = await s.waitFor { $0.contains("rosenbrock") && $0.contains("gd") && $0.contains("running") }
        #expect(shown.ok, "status not seen:\n\(shown.screen)")
        #expect(number(after: "lr", in: shown.screen) != nil, "no lr value:\n\(shown.screen)")
        #expect(number(after: "step", in: shown.screen) != nil, "no step count:\n\(shown.screen)")
        // Animating: the step count grows by itself.
        let first = number(after: "step", in: shown.screen) ?? 0
        let moved = await s.waitFor { (number(after: "step", in: $0) ?? 0) > first }
        #expect(moved.ok, "steps do not advance while running:\n\(moved.screen)")

        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
        let modes = s.modes()
        #expect(!modes.alternate && modes.cursorVisible && !modes.mouse)
        #expect(sttyIsSane(s.sttyAfterExit), "terminal modes after q:\n\(s.sttyAfterExit)")
        // The one line on stderr after q is the command line that reproduces the run.
        #expect(s.stderr == "to reproduce: downhill --surface rosenbrock --optimizer gd --lr 0.0001 --start=-1.5,2\n",
                "stderr: \(s.stderr)")
    }

    @Test("n, +, o, ?, space change the screen as the keys say")
    func keys() async throws {
        let s = try Session(["--paused"])
        defer { s.close() }
        let start = await s.waitFor { $0.contains("paused") && number(after: "step", in: $0) != nil }
        try #require(start.ok, "paused status not seen:\n\(start.screen)")
        #expect(number(after: "step", in: start.screen) == 0)

        // Paused: nothing moves by itself.
        try await Task.sleep(for: .milliseconds(300))
        #expect(number(after: "step", in: s.screen()) == 0, "steps advance while paused")

        // n: one step.
        try s.keys("n")
        let stepped = await s.waitFor { number(after: "step", in: $0) == 1 }
        #expect(stepped.ok, "n did not take one step:\n\(stepped.screen)")

        // +: η one rung up the ladder (1 1.25 1.6 2 2.5 3.2 4 5 6.3 8 × 10ᵏ): valley's 0.08 → 0.1.
        let lr0 = try #require(number(after: "lr", in: stepped.screen), "no lr:\n\(stepped.screen)")
        try s.keys("+")
        let raised = await s.waitFor { (number(after: "lr", in: $0) ?? lr0) > lr0 }
        #expect(raised.ok, "+ did not raise lr from \(lr0):\n\(raised.screen)")
        if let lr1 = number(after: "lr", in: raised.screen) {
            #expect(lr0 == 0.08 && lr1 == 0.1, "lr \(lr0) → \(lr1), expected 0.08 → 0.1")
        }

        // o: the next optimizer after gd.
        try s.keys("o")
        let switched = await s.waitFor(text: "momentum")
        #expect(switched.ok, "o did not switch gd → momentum:\n\(switched.screen)")

        // ?: the help overlay lists the keys; ? again (or Escape) closes it.
        let before = s.lines()
        try s.keys("?")
        let help = await s.waitFor { normalized($0) != before && $0.lowercased().contains("quit") }
        #expect(help.ok, "? did not show help:\n\(help.screen)")
        try s.keys("?")
        var closed = await s.waitFor(2) { normalized($0) == before }
        if !closed.ok {
            try s.keys("Escape")
            closed = await s.waitFor(2) { normalized($0) == before }
        }
        #expect(closed.ok, "help did not close:\n\(closed.screen)")

        // space: play, space: pause.
        try s.keys("Space")
        let running = await s.waitFor(text: "running")
        #expect(running.ok, "space did not start:\n\(running.screen)")
        try s.keys("Space")
        let paused = await s.waitFor(text: "paused")
        #expect(paused.ok, "space did not pause:\n\(paused.screen)")

        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("arrows, Tab and Shift-Tab arrive as the app's keys")
    func specialKeys() async throws {
        let s = try Session(["--paused"])
        defer { s.close() }
        let start = await s.waitFor { $0.contains("paused") && number(after: "y", in: $0) != nil }
        try #require(start.ok, "status not seen:\n\(start.screen)")
        let x0 = try #require(number(after: "x", in: start.screen))
        let y0 = try #require(number(after: "y", in: start.screen))

        try s.keys("Up")
        let up = await s.waitFor { number(after: "y", in: $0).map { $0 > y0 } ?? false }
        #expect(up.ok, "Up did not move the start point up:\n\(up.screen)")
        try s.keys("Right")
        let right = await s.waitFor { number(after: "x", in: $0).map { $0 > x0 } ?? false }
        #expect(right.ok, "Right did not move the start point right:\n\(right.screen)")

        try s.keys("Tab")
        let tab = await s.waitFor(text: "momentum")
        #expect(tab.ok, "Tab did not switch gd → momentum:\n\(tab.screen)")
        try s.keys("BTab")
        let back = await s.waitFor { !$0.contains("momentum") && $0.contains("gd") }
        #expect(back.ok, "Shift-Tab did not switch back to gd:\n\(back.screen)")
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("Ctrl-C quits like q: status 0, terminal restored")
    func controlC() async throws {
        let s = try Session(["--paused"])
        defer { s.close() }
        try #require(await s.waitFor(text: "paused").ok)
        try s.keys("C-c")
        #expect(await s.waitForExit(3) == 0)
        #expect(sttyIsSane(s.sttyAfterExit))
        #expect(!s.modes().alternate)
    }

    @Test("valley, gd, lr 1.0 from (1,1) is called diverged at step 5, keeps running; r restarts")
    func divergence() async throws {
        // y ← −19y, so L_k = 1 + 10·361^k from L₀ = 11: 10¹²-fold growth at k = 5 (it would
        // overflow, SPEC §5's rule for `run`, at 121).
        let s = try Session(["--surface", "valley", "--optimizer", "gd", "--lr", "1.0", "--start", "1,1"])
        defer { s.close() }
        let diverged = await s.waitFor(text: "diverged at step 5", 40)
        try #require(diverged.ok, "no 'diverged at step 5':\n\(diverged.screen)")
        try await Task.sleep(for: .milliseconds(300))
        #expect(s.status == nil, "exited after diverging")
        #expect(s.screen().contains("diverged at step 5: the loss grew 10¹²-fold"))

        try s.keys("r")
        let restarted = await s.waitFor(3) { !$0.contains("diverged") }
        #expect(restarted.ok, "r did not restart:\n\(restarted.screen)")
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("a mouse click (button 1, SGR report) moves the start point to the clicked cell")
    func click() async throws {
        let s = try Session(["--paused"], width: 80, height: 24)
        defer { s.close() }
        let before = await s.waitFor { $0.contains("paused") && number(after: "x", in: $0) != nil }
        try #require(before.ok, "status not seen:\n\(before.screen)")
        let x0 = try #require(number(after: "x", in: before.screen))
        // Press and release at column 60, row 12 (1-based in the report), as xterm sends them.
        try s.tmux(["send-keys", "-l", "\u{1B}[<0;60;12M\u{1B}[<0;60;12m"])
        let moved = await s.waitFor { screen in number(after: "x", in: screen).map { $0 != x0 } ?? false }
        #expect(moved.ok, "the click did not move the start point:\n\(moved.screen)")
        #expect(number(after: "step", in: moved.screen) == 0)
        try s.keys("q")
        #expect(await s.waitForExit(3) == 0)
    }

    @Test("end of input (stdin from /dev/null) quits cleanly")
    func endOfInput() async throws {
        let s = try Session([], stdinFromNull: true)
        defer { s.close() }
        #expect(await s.waitForExit(3) == 0)
        #expect(sttyIsSane(s.sttyAfterExit))
        #expect(!s.modes().alternate)
    }
}
