import DownhillCore
@testable import DownhillApp
import TestSupport
import Testing

/// The `:` command line: every setting applies exactly as the command line would set it,
/// a bad value changes nothing, Tab completes, ↑/↓ recall.
@Suite struct CommandPromptTests {
    func typing(_ m: inout Model, _ line: String) {
        m.press(.char(":"))
        m.type(line)
        m.press(.enter)
    }

    /// The rows of `downhill run` for a command line (first `steps` + 1 rows).
    func runRows(_ line: String, steps: Int) -> [TrajectoryPoint] {
        TestSupport.runRows(setup(line), steps: steps).rows
    }

    @Test func ctrlUClearsTheLineAndCtrlWItsLastWord() {
        var m = model("--surface valley")
        m.press(.char(":"))
        m.type("momentum 0.5  ")
        m.press(.control("w"))  // the word and the spaces after it
        #expect(m.prompt?.text == "momentum ")
        m.press(.control("w"), .control("w"))  // then the word before; an empty line stays open
        #expect(m.prompt?.text == "")
        m.type("lr 0.1")
        m.press(.control("u"))
        #expect(m.prompt?.text == "")
        m.type("lr 0.05")
        m.press(.enter)
        #expect(m.prompt == nil && m.descent.learningRate == 0.05)
    }

    @Test func anExactLearningRateAppliesAtTheNextStep() {
        // valley, gd, from (1, 1): after `:lr 0.1` (the stability limit, 2/λmax = 0.1) the
        // y-coordinate flips sign with |1 − 20·0.1| = 1: y = 1, −1, 1, …
        var m = model("--surface valley --start 1,1")
        typing(&m, "lr 0.1")
        #expect(m.descent.learningRate == 0.1 && m.statusText.contains("lr 0.1 "))
        m.step(3)
        #expect(m.descent.point.y == -1)
        // The next steps equal `downhill run --lr 0.1`.
        let rows = runRows("--surface valley --start 1,1 --lr 0.1", steps: 3)
        #expect(m.descent.current == rows.last)
    }

    @Test func aHyperparameterChangeKeepsTheState() {
        // momentum: after 5 steps at μ 0.9, `:momentum 0.5` takes effect at the next step
        // with the buffer kept: b₆ = 0.5·b₅ + g₆, as torch reads a changed group option.
        var m = model("--surface bowl --optimizer momentum --lr 0.1 --start 1,1")
        m.step(5)
        let before = m.descent
        typing(&m, "momentum 0.5")
        m.step(1)
        var reference = before
        reference.setRule(try! Momentum().setting("momentum", to: .real(0.5)))
        reference.advance()
        #expect(m.descent.current == reference.current)
        #expect(m.descent.optimizer.t == 6)
    }

    @Test func badValuesChangeNothing() {
        var m = model("--surface valley --optimizer adam --start 1,1")
        m.step(2)
        let before = m.descent.current
        for line in ["lr -1", "lr abc", "momentum 0.5", "beta1 1", "start 1", "surface valey", "schedule cosin:5",
                     "frobnicate 3", "speed 0", "view 1:0,0:1", "race gd,,adam"] {
            typing(&m, line)
            #expect(m.notice?.hasPrefix(":" + line + ": ") == true, "\(line): \(m.notice ?? "no notice")")
            #expect(m.descent.current == before && m.descent.optimizer.name == "adam" && m.descent.learningRate == 0.05)
        }
        typing(&m, "momentum 0.5")
        #expect(m.notice == ":momentum 0.5: :momentum does not apply to adam; it uses :beta1")
    }

    @Test func setupSettingsStartOver() {
        var m = model("--surface valley")
        typing(&m, "surface rosenbrock")
        #expect(m.surfaceName == "rosenbrock" && m.descent.start == Surfaces.rosenbrock.defaultStart && m.descent.learningRate == 0.001)
        typing(&m, "start -1,2")
        #expect(m.descent.start == Vector2(-1, 2) && m.descent.step == 0)
        typing(&m, "race gd:0.001,gd:0.0005")
        #expect(m.isRacing && m.tracks.map(\.descent.learningRate) == [0.001, 0.0005])
        typing(&m, "optimizer adam")  // in a race: the selected racer's rule
        #expect(m.tracks[0].descent.optimizer.name == "adam")
        typing(&m, "speed 50")
        #expect(m.stepsPerSecond == 50)
        typing(&m, "view -1:1,0:2")
        #expect(m.plotView == ViewBox(x: -1...1, y: 0...2))
        #expect(m.reproduceCommand.contains("--view=-1:1,0:2"))
    }

    @Test func scheduleAndSwitches() {
        var m = model("--surface valley --optimizer adam --lr 0.1 --start 1,1")
        typing(&m, "schedule step:2:0.5")
        m.step(2)
        #expect(m.descent.currentLearningRate == 0.05)
        typing(&m, "amsgrad")
        #expect(m.descent.optimizer.rule.value(of: "amsgrad") == .flag(true))
        typing(&m, "schedule none")
        #expect(m.descent.optimizer.schedule == nil && m.descent.currentLearningRate == 0.1)
    }

    @Test func editingCompletionAndHistory() {
        var m = model("--surface valley")
        m.press(.char(":"))
        m.type("su")
        m.press(.tab)
        #expect(m.prompt?.text == "surface ")
        m.type("ros")
        m.press(.tab)
        #expect(m.prompt?.text == "surface rosenbrock")
        m.press(.escape)
        #expect(m.prompt == nil && m.surfaceName == "valley")
        typing(&m, "lr 0.02")
        typing(&m, "lr 0.03")
        m.press(.char(":"), .up)
        #expect(m.prompt?.text == "lr 0.03")
        m.press(.up)
        #expect(m.prompt?.text == "lr 0.02")
        m.press(.down, .down)
        #expect(m.prompt?.text == "")
        // q is typed, not quit; Backspace on an empty line closes it.
        m.type("q")
        #expect(!m.shouldQuit && m.prompt?.text == "q")
        m.press(.backspace, .backspace)
        #expect(m.prompt == nil)
        // The line is drawn over the bottom row.
        m.press(.char(":"))
        m.type("lr 0.1")
        #expect(m.screen.split(separator: "\n").last!.hasPrefix(":lr 0.1_"))
    }
}

/// `:` reaches every option of every rule, exactly as the codec reads it.
@Suite struct CommandPromptOptionTests {
    @Test(arguments: UpdateRules.names)
    func everyOptionOfEveryRule(name: String) {
        let rule = UpdateRules.named(name)!
        for option in rule.options {
            var m = model("--optimizer \(name) --start 1,1")
            m.step(2)
            let t = m.descent.optimizer.t
            let (text, want): (String, OptionValue)
            switch rule.value(of: option.name)! {
            case .flag(let on): (text, want) = ("", .flag(!on))
            case .pair: (text, want) = (option.range == .shrinkAndGrow ? "0.4,1.3" : "1e-5,20",
                                        option.range == .shrinkAndGrow ? .pair(0.4, 1.3) : .pair(1e-5, 20))
            case .real(let v): (text, want) = (v == 0.5 ? "0.25" : "0.5", .real(v == 0.5 ? 0.25 : 0.5))
            }
            if case .flag(true) = rule.value(of: option.name)! { continue }  // a switch is only turned on
            m.press(.char(":"))
            m.type(option.name + (text.isEmpty ? "" : " " + text))
            m.press(.enter)
            if name == "nesterov" && option.name == "dampening" {  // torch refuses it, so does `:`
                #expect(m.notice?.contains("0 with nesterov") == true && m.descent.optimizer.rule.value(of: "dampening") == .real(0))
                continue
            }
            #expect(m.notice == nil, "\(name) :\(option.name): \(m.notice ?? "")")
            #expect(m.descent.optimizer.rule.value(of: option.name) == want, "\(name) :\(option.name)")
            #expect(m.descent.optimizer.t == t, "\(name) :\(option.name) kept the state")
        }
    }
}
