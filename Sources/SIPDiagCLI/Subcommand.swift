/// A `sipdiag` subcommand: its name and help, the arguments it takes, and what it does with
/// them. Parsing, `--help` and usage errors (exit 64) are the same for every command.
protocol Subcommand: Sendable {
    static var name: String { get }
    /// One line: `sipdiag NAME <capture> [options]`.
    static var usage: String { get }
    /// The full `--help` text.
    static var help: String { get }
    static var specification: ParsedArguments.Specification { get }
    /// Runs with arguments already parsed and `--help` already answered; `input` answers the
    /// questions a command asks before a destructive change.
    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32
}

extension Subcommand {
    /// Parses `arguments`, answers `--help`, reports usage errors, and runs the command.
    static func run(arguments: [String], input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments(arguments, specification)
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        if parsed.has("--help") {
            stdout.write(help)
            return ExitCode.success.rawValue
        }
        return run(parsed, input: input, stdout: stdout, stderr: stderr)
    }
}
