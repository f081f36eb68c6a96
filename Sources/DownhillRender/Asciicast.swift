/// An asciicast v2 recording being written: a JSON header line, then one
/// `[time, "o", text]` event line per write to the terminal.
///
/// The format is asciinema's (docs.asciinema.org, "asciicast v2"): newline-delimited JSON,
/// the header an object with `version` 2, `width` and `height` in cells and optional
/// `timestamp` (Unix seconds) and `env`; each event an array of the time in seconds since
/// the start, the code `"o"` (output) and the text written (or `"r"` and the new size). Text is appended as bytes, so
/// a write that ends inside a UTF-8 sequence is held back until the sequence is complete
/// (a JSON string carries whole characters only).
///
/// Times are written with six decimals (microseconds), so the same times give the same
/// bytes. Used by `downhill cast` (times from the frame rate) and by `--record` (times from
/// the monotonic clock).
public struct Asciicast: Sendable {
    /// The text so far: the header line and every event line, each ending in a newline.
    public private(set) var text: String
    /// Bytes of an incomplete UTF-8 sequence at the end of the last write.
    private var carry: [UInt8] = []
    /// The time of the last event, seconds; events never go back in time.
    private var lastTime = 0.0

    /// A recording of a `width × height` cell terminal.
    /// - Parameters:
    ///   - timestamp: Unix time of the start, seconds; nil leaves it out (deterministic files).
    ///   - env: `TERM` and `SHELL` as asciinema writes them; empty leaves `env` out.
    public init(width: Int, height: Int, timestamp: Int? = nil, env: [(String, String)] = []) {
        var header = "{\"version\": 2, \"width\": \(max(1, width)), \"height\": \(max(1, height))"
        if let timestamp { header += ", \"timestamp\": \(timestamp)" }
        if !env.isEmpty {
            header += ", \"env\": {" + env.map { Self.jsonString($0.0) + ": " + Self.jsonString($0.1) }.joined(separator: ", ") + "}"
        }
        text = header + "}\n"
    }

    /// Appends an output event of `bytes` at `time` seconds (clamped to be no earlier than
    /// the previous event). Nothing is written for an empty or incomplete-only write.
    public mutating func output<Bytes: Sequence<UInt8>>(_ bytes: Bytes, at time: Double) {
        carry.append(contentsOf: bytes)
        let complete = Self.completePrefixLength(carry)
        guard complete > 0 else { return }
        let chunk = String(decoding: carry[..<complete], as: UTF8.self)
        carry.removeFirst(complete)
        lastTime = max(lastTime, time.isFinite ? time : lastTime)
        text += "[" + Self.seconds(lastTime) + ", \"o\", " + Self.jsonString(chunk) + "]\n"
    }

    /// Appends an output event of `string` at `time` seconds.
    public mutating func output(_ string: String, at time: Double) {
        output(string.utf8, at: time)
    }

    /// Makes the recording last until `time` seconds: an empty output event then, when the
    /// last event is earlier (a player ends at the last event, and a screen that did not
    /// change writes none). Nothing is shown by it.
    public mutating func end(at time: Double) {
        guard time.isFinite, time > lastTime else { return }
        lastTime = time
        text += "[" + Self.seconds(lastTime) + ", \"o\", \"\"]\n"
    }

    /// Appends a resize event (`"r"`, text `COLUMNSxROWS`) at `time` seconds.
    public mutating func resize(width: Int, height: Int, at time: Double) {
        lastTime = max(lastTime, time.isFinite ? time : lastTime)
        text += "[" + Self.seconds(lastTime) + ", \"r\", \"\(width)x\(height)\"]\n"
    }

    /// The text written since the last call (all of it the first time), for a recording
    /// that goes to its file as it happens.
    public mutating func takeText() -> String {
        defer { text = "" }
        return text
    }

    /// `time` in seconds with six decimals, without `Foundation` (and so without a locale).
    static func seconds(_ time: Double) -> String {
        let micros = Int((max(0, time) * 1_000_000).rounded())
        let fraction = String(micros % 1_000_000)
        return "\(micros / 1_000_000)." + String(repeating: "0", count: 6 - fraction.count) + fraction
    }

    /// The length of the longest prefix of `bytes` that does not end inside a UTF-8
    /// sequence (a truncated lead byte and its continuations are held back).
    static func completePrefixLength(_ bytes: [UInt8]) -> Int {
        var i = bytes.count
        var continuations = 0
        while i > 0 && continuations < 3 && bytes[i - 1] & 0xC0 == 0x80 {
            i -= 1
            continuations += 1
        }
        guard i > 0 else { return bytes.count }
        let lead = bytes[i - 1]
        let needed = lead >= 0xF0 ? 3 : lead >= 0xE0 ? 2 : lead >= 0xC0 ? 1 : 0
        return needed > continuations ? i - 1 : bytes.count
    }

    /// `value` as a JSON string literal: quotes, backslashes and control characters escaped
    /// (`ESC` as `\u001b`), everything else as itself (RFC 8259 §7).
    public static func jsonString(_ value: String) -> String {
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(value.utf8.count + value.utf8.count / 8 + 2)
        let hex = Array("0123456789abcdef".utf8)
        for byte in value.utf8 {
            switch byte {
            case 0x22: bytes += [0x5C, 0x22]  // \"
            case 0x5C: bytes += [0x5C, 0x5C]  // \\
            case 0x0A: bytes += [0x5C, 0x6E]  // \n
            case 0x0D: bytes += [0x5C, 0x72]  // \r
            case 0x09: bytes += [0x5C, 0x74]  // \t
            case 0..<0x20, 0x7F: bytes += [0x5C, 0x75, 0x30, 0x30, hex[Int(byte >> 4)], hex[Int(byte & 15)]]  // \u00XX
            default: bytes.append(byte)
            }
        }
        bytes.append(0x22)
        return String(decoding: bytes, as: UTF8.self)
    }
}
