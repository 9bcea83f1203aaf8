/// The first step of every subcommand: parse its arguments, answer `--help`, and turn a usage
/// error into the message and exit code 64 that all commands share.
enum CommandStart {
    case run(ParsedArguments)
    case exit(Int32)

    init(
        _ arguments: [String],
        _ specification: ParsedArguments.Specification,
        usage: String,
        help: String,
        stdout: OutputSink,
        stderr: OutputSink
    ) {
        do {
            let parsed = try ParsedArguments(arguments, specification)
            if parsed.has("--help") {
                stdout.write(help)
                self = .exit(ExitCode.success.rawValue)
            } else {
                self = .run(parsed)
            }
        } catch {
            self = .exit(SIPDiagCommand.usageError(error, usage: usage, stderr: stderr))
        }
    }
}
