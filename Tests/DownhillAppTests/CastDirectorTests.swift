import DownhillCore
import DownhillRender
import DownhillSetup
import Testing
import TestSupport

@testable import DownhillApp

/// The cast's film is driven by cues, never by a clock: the steps, the times and the last
/// picture follow from the frame rate and the speed alone.
@Suite struct CastDirectorTests {
    /// The screen a cast leaves, through the test emulator.
    func lastScreen(_ cast: Asciicast, width: Int, height: Int) throws -> VTScreen {
        var screen = VTScreen(width: width, height: height)
        for event in try parseAsciicast(cast.text).events { screen.feed(event.text) }
        return screen
    }

    @Test func stepsStopExactlyAtTheCountWithTheLastTickShortened() throws {
        // 20 steps a second at 10 frames a second: 2 steps a frame. 5 steps are 2 + 2 and a
        // last tick of half a frame (1 step); the film still moves on by whole frames.
        var director = CastDirector(model: model("--surface valley --lr 0.02 --start -2.5,1", paused: false),
                                    framesPerSecond: 10, depth: .full)
        director.perform(.steps(5))
        #expect(director.model.descent.step == 5)
        #expect(abs(director.time - 0.3) < 1e-12)
        director.perform(.steps(4))
        #expect(director.model.descent.step == 9)
        #expect(abs(director.time - 0.5) < 1e-12)
        let events = try parseAsciicast(director.cast.text).events
        #expect(events.first?.time == 0)
        #expect(events.allSatisfy { $0.time <= director.time + 1e-9 })
    }

    @Test func atLessThanAStepAFrameTheStepsComeAsTheTimeAddsUp() {
        // 20 steps a second at 30 frames a second: 2/3 of a step a frame; after k frames
        // ⌊2k/3⌋ steps, so 25 steps need k = 38 (⌊25.33⌋), never more than one step a frame.
        var director = CastDirector(model: model("--surface valley --lr 0.02 --start -2.5,1", paused: false),
                                    framesPerSecond: 30, depth: .full)
        director.perform(.steps(25))
        #expect(director.model.descent.step == 25)
        #expect(abs(director.time - 38.0 / 30) < 1e-12)
    }

    @Test func playPassesTimeAndMessagesAreFilmedAtOnce() throws {
        var director = CastDirector(model: model("--surface valley --lr 0.02 --start -2.5,1", paused: false),
                                    framesPerSecond: 10, depth: .eight)
        director.perform(.play(seconds: 0.5))  // 5 frames of 0.1 s at 20 steps/s: 10 steps
        #expect(director.model.descent.step == 10)
        director.perform(.send(.key(.char(" "))))
        director.perform(.send(.key(.char("n"))))
        #expect(director.model.descent.step == 11)
        #expect(abs(director.time - 0.5) < 1e-12)
        let screen = try lastScreen(director.cast, width: 80, height: 24)
        #expect(screen.lines == director.model.view().lines())
        #expect(screen.unknown.isEmpty)
    }

    @Test func aDriverFilmsALessonFrameByFrameToItsLastSceneRead() throws {
        // A first scene that waits, a second of 4 steps. At 10 frames a second: 5 frames of
        // reading (0.5 s), Enter at once, 4 steps at 20 steps/s in 2 frames, 5 frames of
        // reading again, then the driver has nothing more: 1.2 s.
        let lesson = try SessionScript.parse("""
            [setup]
            surface = "bowl"
            lr = 0.1
            start = [1.5, 1.2]
            [[scene]]
            caption = "Look."
            [[scene]]
            caption = "Four steps."
            run = 4

            """)
        let start = try Model.lesson(lesson, resolved: try lesson.setup.resolve(), appearance: .init(unicode: true), width: 80, height: 24)
        var director = CastDirector(model: start, framesPerSecond: 10, depth: .full)
        director.perform(.drive(ScriptDriver(frameSeconds: 1, readingSeconds: 0.5)))  // its frames become the film's
        #expect(director.model.lessonScene?.index == 1 && director.model.descent.step == 4 && !director.model.isPlaying)
        #expect(abs(director.time - 1.2) < 1e-12, "\(director.time)")
        let screen = try lastScreen(director.cast, width: 80, height: 24)
        #expect(screen.lines == director.model.view().lines())
        #expect(captionText(screen.lines) == "Four steps.")
    }

    @Test func aPausedModelTakesNoStepsAndTheFilmEnds() {
        var director = CastDirector(model: model("--surface valley"), framesPerSecond: 30, depth: .none)
        director.perform(.steps(100))
        #expect(director.model.descent.step == 0)
        #expect(director.time == 0)
    }
}
