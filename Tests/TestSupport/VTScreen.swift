import Foundation

// A small terminal emulator for the escapes `downhill cast` and `frame --color always`
// write (and only those), written from the VT100/ECMA-48 rules rather than from the
// painter's code: printable characters at the cursor with pending wrap at the right edge,
// CR, LF, CUP (`CSI r;c H`), ED 2 (`CSI 2 J`), SGR (`CSI … m`: 0 reset, 1 bold, 2 dim,
// 7 reverse, 30–37/40–47, 38;5;n/48;5;n, 39/49), and private modes (`CSI ? … h/l`), which
// are ignored. Anything else is an error the test reports: the painter must not write it.

/// A cell's look as SGR left it: colours as xterm palette indices, nil the default.
public struct VTStyle: Equatable, Hashable, Sendable, CustomStringConvertible {
    public var foreground: Int?
    public var background: Int?
    public var bold = false
    public var dim = false
    public var reverse = false
    public init(foreground: Int? = nil, background: Int? = nil, bold: Bool = false, dim: Bool = false, reverse: Bool = false) {
        self.foreground = foreground
        self.background = background
        self.bold = bold
        self.dim = dim
        self.reverse = reverse
    }
    public var description: String {
        "fg \(foreground.map(String.init) ?? "-") bg \(background.map(String.init) ?? "-")\(bold ? " bold" : "")\(dim ? " dim" : "")\(reverse ? " reverse" : "")"
    }
}

/// A `width × height` screen fed with bytes of output.
public struct VTScreen: Sendable {
    public let width: Int
    public let height: Int
    public private(set) var glyphs: [[Character]]
    public private(set) var styles: [[VTStyle]]
    public private(set) var row = 0
    public private(set) var column = 0
    /// Escapes met that this emulator does not know (each as written, without ESC).
    public private(set) var unknown: [String] = []
    private var style = VTStyle()
    private var wrapPending = false

    public init(width: Int, height: Int) {
        self.width = width
        self.height = height
        glyphs = Array(repeating: Array(repeating: " ", count: width), count: height)
        styles = Array(repeating: Array(repeating: VTStyle(), count: width), count: height)
    }

    /// The screen's text, one string per row.
    public var lines: [String] { glyphs.map { String($0) } }

    /// Feeds `text` (output as the terminal receives it).
    public mutating func feed(_ text: String) {
        var scalars = Array(text.unicodeScalars)[...]
        while let scalar = scalars.popFirst() {
            switch scalar {
            case "\u{1B}":
                guard scalars.first == "[" else {
                    unknown.append(scalars.first.map { String(Character($0)) } ?? "")
                    continue
                }
                scalars.removeFirst()
                var body = ""
                while let next = scalars.popFirst() {
                    if (0x40...0x7E).contains(next.value) {
                        csi(body, final: Character(next))
                        break
                    }
                    body.unicodeScalars.append(next)
                }
            case "\r":
                column = 0
                wrapPending = false
            case "\n":
                lineFeed()
            default:
                put(Character(scalar))
            }
        }
    }

    private mutating func lineFeed() {
        wrapPending = false
        if row + 1 < height {
            row += 1
        } else {
            glyphs.removeFirst()
            styles.removeFirst()
            glyphs.append(Array(repeating: " ", count: width))
            styles.append(Array(repeating: VTStyle(), count: width))
        }
    }

    private mutating func put(_ ch: Character) {
        if wrapPending {
            column = 0
            lineFeed()
        }
        glyphs[row][column] = ch
        styles[row][column] = style
        if column + 1 < width { column += 1 } else { wrapPending = true }
    }

    private mutating func csi(_ body: String, final: Character) {
        if body.hasPrefix("?") && (final == "h" || final == "l") { return }
        let numbers = body.split(separator: ";", omittingEmptySubsequences: false).map { Int($0) }
        switch final {
        case "H":
            let r = (numbers.first ?? nil) ?? 1, c = (numbers.count > 1 ? numbers[1] : nil) ?? 1
            row = min(height, max(1, r)) - 1
            column = min(width, max(1, c)) - 1
            wrapPending = false
        case "J" where body == "2":
            for r in 0..<height {
                glyphs[r] = Array(repeating: " ", count: width)
                styles[r] = Array(repeating: VTStyle(), count: width)
            }
        case "m":
            sgr(numbers.map { $0 ?? 0 })
        default:
            unknown.append("[" + body + String(final))
        }
    }

    private mutating func sgr(_ codes: [Int]) {
        var i = 0
        while i < codes.count {
            let code = codes[i]
            switch code {
            case 0: style = VTStyle()
            case 1: style.bold = true
            case 2: style.dim = true
            case 7: style.reverse = true
            case 22: style.bold = false; style.dim = false
            case 27: style.reverse = false
            case 30...37: style.foreground = code - 30
            case 40...47: style.background = code - 40
            case 39: style.foreground = nil
            case 49: style.background = nil
            case 38, 48:
                guard i + 2 < codes.count, codes[i + 1] == 5 else {
                    unknown.append("SGR \(codes)")
                    return
                }
                if code == 38 { style.foreground = codes[i + 2] } else { style.background = codes[i + 2] }
                i += 2
            default: unknown.append("SGR \(code)")
            }
            i += 1
        }
    }
}

/// The output events of an asciicast v2 file, each line parsed by Foundation's JSON
/// parser: the header object, and `(time, code, text)` per event. A line that is not valid
/// JSON, or an event that is not `[number, string, string]`, is an error naming the line.
public func parseAsciicast(_ text: String) throws -> (header: [String: Any], events: [(time: Double, code: String, text: String)]) {
    struct Invalid: Error, CustomStringConvertible { var description: String }
    var lines = text.split(separator: "\n", omittingEmptySubsequences: false)
    guard lines.last == "" else { throw Invalid(description: "the file does not end with a newline") }
    lines.removeLast()
    guard let first = lines.first,
          let header = try JSONSerialization.jsonObject(with: Data(first.utf8)) as? [String: Any]
    else { throw Invalid(description: "line 1 is not a JSON object") }
    var events: [(Double, String, String)] = []
    for (n, line) in lines.dropFirst().enumerated() {
        guard let array = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [Any], array.count == 3,
              let time = (array[0] as? NSNumber)?.doubleValue, let code = array[1] as? String, let text = array[2] as? String
        else { throw Invalid(description: "line \(n + 2) is not an event [time, code, text]: \(line.prefix(80))") }
        events.append((time, code, text))
    }
    return (header, events)
}

/// The text of a lesson's caption box on a screen (its rows, as `VTScreen.lines` or
/// `Model.view().lines()` give them): the rows between its borders, trimmed and joined by
/// one space; empty when the screen has no caption box at the top.
public func captionText(_ lines: [String]) -> String {
    var text: [String] = []
    guard lines.count > 2, let end = Array(lines[1]).firstIndex(of: "┐") else { return "" }
    for line in lines.dropFirst(2) {
        let chars = Array(line)
        guard chars.first == "│", chars.count > end, chars[end] == "│" else { break }
        text.append(String(chars[1..<end]).trimmingCharacters(in: .whitespaces))
    }
    return text.filter { !$0.isEmpty }.joined(separator: " ")
}
