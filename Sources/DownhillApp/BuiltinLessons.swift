// The built-in lessons, embedded in the binary so that an installed `downhill` needs no
// file beside it. Generated from Assets/lessons/*.toml (the files to edit) by
// `LESSONS_RECORD=1 swift test --filter BuiltinLessonTests`; a test fails when they differ.

/// The lessons of `downhill lesson --list` (SPEC §10), in course order.
public enum BuiltinLessons {
    /// A lesson's name (its file's name without the number and `.toml`) and its TOML text.
    public struct Lesson: Sendable {
        public let name: String
        public let text: String
    }

    /// A lesson by name (`learning-rate`) or number in the list (`2`).
    public static func named(_ text: String) -> Lesson? {
        if let n = Int(text), all.indices.contains(n - 1) { return all[n - 1] }
        return all.first { $0.name == text }
    }

    public static let all: [Lesson] = [
        Lesson(name: "update-rule", text: ##"""
# Lesson 1: the update rule. `downhill lesson update-rule`
title = "The update rule"
summary = "theta <- theta - lr * gradient, one step at a time, with the maths panel"

[setup]
surface = "bowl"
optimizer = "gd"
lr = 0.1
start = [1.5, 1.2]
show = ["maths"]

[[scene]]
caption = """
Gradient descent moves a point θ = (x, y) downhill on the loss \
L(x, y) = x² + y², shaded by height. Its rule: θ ← θ − η∇L. \
Press Enter to take one step."""

[[scene]]
caption = """
At the start (1.5, 1.2) the gradient is ∇L = (2x, 2y) = (3, 2.4). \
With η = 0.1 the step is −η∇L = (−0.3, −0.24), so θ moves to (1.2, 0.96). \
The maths panel shows g and the step Δθ."""
run = 1

[[scene]]
caption = """
On this bowl every step multiplies θ by 1 − 2η = 0.8. \
The slope shrinks near the bottom, so the steps shrink too."""
run = 4

[[scene]]
caption = """
Running on: the gradient becomes tiny and the point settles at \
the minimum (0, 0). Nothing tells the rule where the minimum is: \
it only ever feels the local slope."""
run = "converged"
speed = 20

[[scene]]
caption = """
Now η = 0.5: the factor 1 − 2η is 0, and one step lands exactly \
on the minimum. Larger η is not always better: the next lesson \
shows what happens when it is too large."""
restart = true
lr = 0.5
run = 2

"""##),
        Lesson(name: "learning-rate", text: ##"""
# Lesson 2: the learning rate. `downhill lesson learning-rate`
title = "The learning rate"
summary = "crawl, glide, zig-zag, blow-up; the critical rate 2/lambda_max with the gauge"

[setup]
surface = "valley"
optimizer = "gd"
lr = 0.005
show = ["gauge"]

[[scene]]
caption = """
A narrow valley: L = x² + 10y². Its curvatures are λ = 2 along x \
and λmax = 20 across it. With gradient descent each coordinate is \
multiplied by 1 − ηλ every step. Enter: a tiny η = 0.005."""

[[scene]]
caption = """
Crawl: across the valley the factor is 1 − 20η = 0.9, along it \
0.99. Safe, but hundreds of steps to get anywhere."""
run = 60
speed = 20

[[scene]]
caption = """
Glide: η = 0.04 gives factors 0.2 across and 0.92 along. \
The point drops into the valley floor, then slides along it."""
restart = true
lr = 0.04
run = 60

[[scene]]
caption = """
Zig-zag: η = 0.08 gives 1 − 20η = −0.6 across the valley. \
The sign flips every step: the point bounces from wall to wall, \
and still converges, because |−0.6| < 1: after 20 bounces \
0.6²⁰ ≈ 4e-5 is left, and the slow walk along x goes on."""
restart = true
lr = 0.08
run = 60

[[scene]]
caption = """
Blow-up: at η = 0.11 the factor is 1 − 20η = −1.2, and |−1.2| > 1. \
Each bounce is larger than the last. The limit is |1 − ηλmax| < 1, \
that is η < η_crit = 2/λmax = 0.1: the gauge shows η·λmax against 2."""
restart = true
lr = 0.11
run = 40
speed = 20

"""##),
        Lesson(name: "batches", text: ##"""
# Lesson 3: batch, mini-batch and SGD. `downhill lesson batches`
title = "Batch, mini-batch and SGD"
summary = "the gradient from all the data, a few rows, or one row, with the data panel"

[setup]
surface = "linear-regression"
optimizer = "gd"
seed = 1
show = ["data", "chart"]

[[scene]]
caption = """
Fitting a line y = w·x + b to data: the plane is (w, b), the loss \
is the mean squared error over all the rows. The data panel shows \
the rows and the current line. Enter: full-batch descent."""

[[scene]]
caption = """
Full batch: every step uses the gradient of the loss over all the \
rows. The path is smooth and the loss falls steadily."""
run = 60
speed = 20

[[scene]]
caption = """
Mini-batch, from the start again: each step uses 8 rows drawn at \
random. The gradient is an estimate, cheaper and noisy: the path \
wobbles where the full-batch one was smooth."""
batch = 8
restart = true
run = 60

[[scene]]
caption = """
SGD, from the start again: one row per step. Much noisier: near the minimum the point keeps \
jittering, because one row's gradient is not zero there. A smaller η, \
or a schedule that lowers it, calms it down."""
batch = "sgd"
restart = true
run = 100

"""##),
        Lesson(name: "momentum", text: ##"""
# Lesson 4: momentum and Nesterov. `downhill lesson momentum`
title = "Momentum and Nesterov"
summary = "a heavy ball in the narrow valley; the condition number"

[setup]
surface = "valley"
optimizer = "gd"
lr = 0.01
show = ["chart"]

[[scene]]
caption = """
The narrow valley again: L = x² + 10y². Enter: gradient descent \
with η = 0.01, safely below η_crit = 0.1."""

[[scene]]
caption = """
Across the valley the factor is 1 − 20η = 0.8, along it only 0.98: \
the slow direction sets the pace."""
run = 100
speed = 50

[[scene]]
caption = """
Momentum keeps a velocity: b ← μ·b + g, θ ← θ − η·b, with μ = 0.9. \
Steps in a steady direction add up (up to 1/(1 − μ) = 10 times), \
steps that flip sign cancel: faster along the floor."""
restart = true
optimizer = "momentum"
lr = 0.01
run = 100

[[scene]]
caption = """
Nesterov looks ahead: its step uses g + μ·b, the gradient's news \
before the velocity runs on, and it overshoots less than plain \
momentum on the same valley."""
restart = true
optimizer = "nesterov"
lr = 0.01
run = 100

[[scene]]
caption = """
The condition number κ = λmax/λmin measures how narrow a valley is. \
Here κ = 100: descent needs about κ steps, momentum with a good μ \
about √κ. Try o to change the rule, + and − for η."""
surface = "quadratic"
condition = 100
optimizer = "gd"
run = 150

"""##),
        Lesson(name: "adaptive", text: ##"""
# Lesson 5: adaptive steps. `downhill lesson adaptive`
title = "Adaptive steps"
summary = "AdaGrad, RMSProp and Adam on Rosenbrock, and what epsilon does"

[setup]
surface = "rosenbrock"
optimizer = "gd"
lr = 0.001
show = ["chart"]

[[scene]]
caption = """
Rosenbrock's banana: a curved valley floor, steep walls, the minimum \
at (1, 1). Enter: gradient descent, with η small enough for the walls."""

[[scene]]
caption = """
The walls are steep, the floor nearly flat: one η cannot suit both, \
so the point creeps along the floor."""
run = 200
speed = 100

[[scene]]
caption = """
Adaptive rules divide each coordinate's step by the size of its \
recent gradients, √s: steep directions get smaller steps, flat ones \
larger. AdaGrad sums g², RMSProp and Adam average it (η 0.5, 0.01, 0.1)."""
race = "adagrad:0.5,rmsprop:0.01,adam:0.1"
run = 500

[[scene]]
caption = """
ε sits in the denominator: step = η·m̂/(√v̂ + ε). With ε = 10, once \
the gradients are small √v̂ is much less than ε and Adam loses its \
adaptivity: the step is about η·m̂/ε, like momentum with a smaller η."""
race = "adam:0.1,adam:0.1:eps=10"
run = 500

"""##),
        Lesson(name: "saddles", text: ##"""
# Lesson 6: saddles and local minima. `downhill lesson saddles`
title = "Saddles and local minima"
summary = "a saddle, the six-hump camel, Himmelblau and its basins"

[setup]
surface = "saddle"
optimizer = "gd"
start = [1.5, 0.05]

[[scene]]
caption = """
A saddle: L = x² − y². Along x it is a valley, along y a ridge. \
At (0, 0) the gradient is zero, but it is no minimum. Enter: start \
just off the ridge, at y = 0.05."""

[[scene]]
caption = """
The point first slides towards (0, 0): x shrinks by 1 − 2η each \
step, while y grows by 1 + 2η. Near the saddle the steps are tiny \
(the gradient is small), then y takes over and it escapes."""
run = 35
speed = 20

[[scene]]
caption = """
The six-hump camel has six minima: two global ones (★, L ≈ −1.03) \
and four local ones with no ★, saddles between them. From (1.5, 0.5) \
gradient descent stops in the local minimum at (1.61, 0.57), \
L ≈ 2.10: the one whose basin it starts in, global or not."""
surface = "six-hump-camel"
run = "converged"
speed = 50

[[scene]]
caption = """
The same surface from (−0.5, 1): another basin, and this time a \
global minimum, the ★ at (−0.09, 0.71). Move the start with the \
arrow keys or a click to explore."""
start = [-0.5, 1]
run = "converged"

[[scene]]
caption = """
Himmelblau has four minima, all with L = 0. The basin map letters \
each start by the minimum it reaches; the borders run along ridges \
and through saddles."""
surface = "himmelblau"
start = [1, -1]
show = ["basins"]
run = "converged"

"""##),
        Lesson(name: "schedules", text: ##"""
# Lesson 7: learning-rate schedules. `downhill lesson schedules`
title = "Learning-rate schedules"
summary = "SGD with a constant, a stepped and a cosine learning rate"

[setup]
surface = "linear-regression"
optimizer = "gd"
batch = "sgd"
seed = 3
show = ["chart"]

[[scene]]
caption = """
SGD on the line fit: one row per step. With a constant η the point \
never settles: each row pulls it its own way. Enter: watch the loss \
chart."""

[[scene]]
caption = """
Constant η: quick progress at first, then a noisy plateau. The size \
of the jitter is set by η."""
run = 200
speed = 50

[[scene]]
caption = """
StepLR, step:100:0.1: η is multiplied by 0.1 every 100 steps. After \
each drop the jitter shrinks: big steps to get close, small ones to \
settle."""
restart = true
schedule = "step:100:0.1"
run = 300

[[scene]]
caption = """
Cosine annealing, cosine:300: η glides from its start to 0 along half \
a cosine over 300 steps, no sudden drops. The schedule is read at \
every step, as torch's lr_scheduler does."""
restart = true
schedule = "cosine:300"
run = 300

"""##),
    ]
}
