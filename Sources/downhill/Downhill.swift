import ArgumentParser
import DownhillCore
import Foundation

/// The `downhill` command: the interactive visualizer by default, and headless commands.
@main
struct Downhill: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downhill",
        abstract: "Watch gradient descent roll down a loss surface, in the terminal.",
        discussion: """
            With no command, opens the interactive visualizer (same as 'downhill play'); \
            press ? inside it for the keys, and see 'downhill help play' for its options. \
            Update rules follow PyTorch's torch.optim.
            Examples:
              downhill --surface rosenbrock --optimizer adam
              downhill run --surface valley --lr 0.095 --start 1,1 --steps 40
              downhill frame --surface himmelblau --width 80 --height 24 --steps 50
              downhill --surface '(x-1)^2 + 3*(y+2)^2'
              downhill sweep --optimizer gd,momentum --lr-range 0.001:1
            """,
        version: "0.1.0",
        subcommands: [Play.self, Run.self, Frame.self, Cast.self, SweepCommand.self, List.self, LessonCommand.self],
        defaultSubcommand: Play.self
    )

    /// Parses and runs; any error is printed as one line on standard error (no usage dump,
    /// no stack trace) and exits non-zero. Help and version requests exit 0 as usual.
    static func main() {
        do {
            var command = try parseAsRoot()
            try command.run()
        } catch let error as SettingsError {
            fail(error.description)
        } catch let error as CommandFailure {
            fail(error.message)
        } catch {
            let code = exitCode(for: error)
            if code == .success, CommandLine.arguments.contains("--experimental-dump-help") {
                writeOut(Manual.dump(fullMessage(for: error)))  // the man page's source (Manual.swift)
                Foundation.exit(0)
            }
            if code == .success { exit(withError: error) }  // --help, --version
            var message = Self.message(for: error)
            if let first = message.first, first.isUppercase, message.dropFirst().first?.isLowercase == true {
                message = first.lowercased() + message.dropFirst()  // one style: "unknown option …"
            }
            if !message.isEmpty { printError("downhill: " + message.split(separator: "\n").joined(separator: "; ")) }
            Foundation.exit(code.rawValue)
        }
    }

    static func fail(_ message: String) -> Never {
        printError("downhill: " + message)
        Foundation.exit(1)
    }
}

/// A failure with a one-line message for standard error.
struct CommandFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

/// Writes a line to standard error.
func printError(_ line: String) {
    FileHandle.standardError.write(Data((line + "\n").utf8))
}

/// Writes text to standard output (unbuffered by Swift's `print`), all of it.
///
/// A closed pipe (`| head` with SIGPIPE ignored) ends the program quietly with status 141,
/// as the signal would have; any other failure (disk full, closed descriptor) is one line on
/// standard error and status 1, never a trap.
func writeOut(_ text: String) {
    var text = text
    text.withUTF8 { bytes in
        var offset = 0
        while offset < bytes.count {
            let n = write(STDOUT_FILENO, bytes.baseAddress! + offset, bytes.count - offset)
            if n > 0 { offset += n; continue }
            if n < 0 && errno == EINTR { continue }
            let code = errno
            if code == EPIPE { exit(141) }
            printError("downhill: cannot write to standard output: \(String(cString: strerror(code)))")
            exit(1)
        }
    }
}
