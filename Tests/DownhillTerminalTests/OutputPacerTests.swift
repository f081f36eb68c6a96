import DownhillTerminal
import Testing

/// `OutputPacer` and the escape delay: the decisions of the terminal layer, with times
/// passed in (seconds), no terminal and no clock.
@Suite struct OutputPacerTests {
    @Test func aTerminalThatNeverAnswersIsNeverWaitedFor() {
        var p = OutputPacer()
        p.requested(at: 0)  // the start-up probe
        #expect(p.mayDraw(at: 0) && p.mayDraw(at: 0.01))
        #expect(!p.wantsRequestAfterFrame)
        #expect(p.deadline(at: 1) == nil)
    }

    @Test func afterTheFirstAnswerEachFrameWaitsForTheLast() {
        var p = OutputPacer()
        p.requested(at: 0)
        p.answered(at: 0.002)
        #expect(p.wantsRequestAfterFrame && p.mayDraw(at: 0.01))
        #expect(!p.isSlow)  // 2 ms
        p.requested(at: 1.0)  // after a frame
        #expect(!p.mayDraw(at: 1.0) && !p.mayDraw(at: 2.9))
        #expect(p.deadline(at: 1.5) == 1.0 + OutputPacer.patience)
        p.answered(at: 1.3)
        #expect(p.mayDraw(at: 1.3) && p.outstanding == 0)
        // 0.3 s from request to answer: a slow link.
        #expect(p.isSlow)
    }

    @Test func anAnswerThatNeverComesDoesNotFreezeTheScreen() {
        var p = OutputPacer()
        p.requested(at: 0)
        p.answered(at: 0.001)
        p.requested(at: 10)
        #expect(!p.mayDraw(at: 10 + OutputPacer.patience - 0.001))
        #expect(p.mayDraw(at: 10 + OutputPacer.patience))
        // The next frame's request: the late answer to the first counts for the first.
        p.requested(at: 12)
        p.answered(at: 12.5)
        #expect(p.outstanding == 1 && !p.mayDraw(at: 12.5))
        p.answered(at: 12.6)
        #expect(p.outstanding == 0 && p.mayDraw(at: 12.6))
    }

    @Test func theUsersEscapeDelayWinsOverTheShortDefault() {
        #expect(Terminal.escapeDelay(environment: nil) == Terminal.defaultEscapeDelay)
        #expect(Terminal.defaultEscapeDelay == 100)
        #expect(Terminal.escapeDelay(environment: "500") == 500)
        #expect(Terminal.escapeDelay(environment: "0") == 0)
        #expect(Terminal.escapeDelay(environment: " 25 ") == 25)
        // Not a number of milliseconds: the default.
        for bad in ["", "fast", "-5", "1.5"] { #expect(Terminal.escapeDelay(environment: bad) == 100, "\(bad)") }
    }
}
