import DownhillApp
import DownhillRender
import Foundation

/// The man page's source: `downhill --experimental-dump-help`, as swift-argument-parser's
/// `generate-manual` plugin reads it (`swift package generate-manual`).
///
/// Two things differ from `--help`. The root command's discussion gains the key table
/// (from ``KeyBindings``, the table the `?` overlay lists, so the page cannot drift from
/// the keys) and the formula grammar (SPEC §8), which `--help` leaves out to stay short.
/// And every symbol is spelled in ASCII as `--ascii` spells it (`η` → `lr`, `←` → `<-`):
/// generate-manual (1.8.2) drops every character outside ASCII, which would leave
/// "Learning rate  > 0".
enum Manual {
    /// The dump with the man page's additions, all in ASCII; `json` unchanged if it is not
    /// a dump (it always is, coming from swift-argument-parser).
    static func dump(_ json: String) -> String {
        guard var tool = (try? JSONSerialization.jsonObject(with: Data(json.utf8))) as? [String: Any],
              var command = (tool["command"] as? [String: Any]).map(laidOut) else { return ascii(json) }
        let discussion = command["discussion"] as? String
        command["discussion"] = [discussion, keys, formulas].compactMap { $0 }.joined(separator: blankLine)
        tool["command"] = command
        guard let data = try? JSONSerialization.data(withJSONObject: tool, options: [.sortedKeys, .withoutEscapingSlashes])
        else { return ascii(json) }
        return ascii(String(decoding: data, as: UTF8.self)) + "\n"
    }

    /// Ends a paragraph in the page. In the page's text a line that begins with a space
    /// begins a new output line, and other lines are filled into the paragraph; only a blank
    /// line ends one (generate-manual has no way to write a `.Pp`), for which groff's mdoc,
    /// run outside `man` (`groff -mdoc`, `man -l … | cat`), notes "Empty input line".
    static let blankLine = "\n\n"

    /// `--help`'s discussion laid out for the page: a heading line (one that ends with a
    /// colon, like "Examples:") on a line of its own after a blank line, instead of filled
    /// onto the paragraph before it.
    static func paragraphs(_ text: String) -> String {
        var out: [String] = []
        for line in text.components(separatedBy: "\n") {
            if let last = out.last, !last.isEmpty, line.hasSuffix(":"), !line.hasPrefix(" ") { out.append("") }
            out.append(line)
        }
        return out.joined(separator: "\n")
    }

    /// A command of the dump (and its subcommands) with its text laid out for the page:
    /// discussions by ``paragraphs(_:)``; an argument's help of several lines (the
    /// optimizer options, one a line) with its later lines indented, so each keeps its line.
    static func laidOut(_ command: [String: Any]) -> [String: Any] {
        var command = command
        if let text = command["discussion"] as? String { command["discussion"] = paragraphs(text) }
        if let arguments = command["arguments"] as? [[String: Any]] {
            command["arguments"] = arguments.map { argument in
                var argument = argument
                for key in ["abstract", "discussion"] {
                    guard let text = argument[key] as? String, text.contains("\n") else { continue }
                    argument[key] = text.components(separatedBy: "\n").enumerated()
                        .map { $0.offset == 0 || $0.element.hasPrefix(" ") ? $0.element : "  " + $0.element }
                        .joined(separator: "\n")
                }
                return argument
            }
        }
        if let subcommands = command["subcommands"] as? [[String: Any]] { command["subcommands"] = subcommands.map(laidOut) }
        return command
    }

    /// `text` in ASCII, as the visualizer's `--ascii` glyphs spell it.
    static func ascii(_ text: String) -> String { Glyphs.ascii.text(text) }

    /// The longest line in the page's own text: the page is indented about 8 columns in an
    /// 80-column terminal, and a longer line would wrap out of its column.
    static let width = 70

    /// The key table, one binding a line (indented lines keep their line breaks in the page).
    static var keys: String {
        let rows = KeyBindings.helpRows
        let column = min(18, (rows.map { ascii($0.keys).count }.max() ?? 0) + 4)
        var lines = ["Keys in the visualizer (? shows the same list inside it):"]
        for row in rows {
            let label = ascii(row.keys)
            let wrapped = wrap(ascii(row.action), width: width - column)
            for (i, part) in wrapped.enumerated() {
                let head = i == 0 ? "  " + label : ""
                lines.append(head.padding(toLength: column, withPad: " ", startingAt: 0) + part)
            }
        }
        return lines.joined(separator: "\n")
    }

    /// The formula grammar of `--surface 'EXPR'`, as SPEC §8 states it.
    static let formulas = """
        Formula surfaces: --surface takes, besides a surface name, a formula in x and y:
          numbers (2, 0.5, 1e-3), the variables x and y, the constants pi and e
          + - * / and ^ (right-associative; unary minus binds looser than ^,
            so -x^2 is -(x^2)), and parentheses
          the functions sin cos tan exp log sqrt abs tanh sigmoid softplus
          e.g. downhill --surface '(x-1)^2 + 3*(y+2)^2'
        """ + blankLine + """
        A formula may begin with a minus sign (--surface '-x^2 + y^2'), as negative numbers \
        may. Gradient and Hessian come from automatic differentiation, never from finite \
        differences. A formula that does not parse, or uses an unknown name, is refused with \
        one line that quotes it and points at the column. A start where the value or gradient \
        is not finite is refused; a value that is not finite during a run is a divergence. The \
        default view is x, y in [-3, 3] unless --view says otherwise; the minima that a local \
        search finds in the view are marked.
        """

    /// `text` cut at spaces into lines of at most `width` characters (a longer word stands
    /// alone on its line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ") {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        if !line.isEmpty || lines.isEmpty { lines.append(line) }
        return lines
    }
}
