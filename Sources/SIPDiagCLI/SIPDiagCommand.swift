/// The `sipdiag` command line, callable in-process: `main.swift` only forwards to
/// ``run(arguments:stdout:stderr:)``, so tests drive every command without a subprocess.
public enum SIPDiagCommand {
    public static let version = "0.1.0"

    /// Runs `sipdiag` with `arguments` (without the program name) and returns the exit code.
    /// Questions (confirmations) read `input`; without it they read standard input.
    public static func run(
        arguments: [String],
        input: InputSource? = nil,
        stdout: OutputSink,
        stderr: OutputSink
    ) -> Int32 {
        defer {
            stdout.flush()
            stderr.flush()
        }
        guard let first = arguments.first else {
            stdout.write(overview)
            return ExitCode.success.rawValue
        }
        let rest = Array(arguments.dropFirst())
        switch first {
        case "-h", "--help":
            stdout.write(overview)
            return ExitCode.success.rawValue
        case "--version":
            stdout.writeLine(version)
            return ExitCode.success.rawValue
        case "help":
            return help(for: rest.first, stdout: stdout, stderr: stderr)
        default:
            if let command = subcommands.first(where: { $0.name == first }) {
                return command.run(
                    arguments: rest,
                    input: input ?? InputSource(descriptor: 0),
                    stdout: stdout,
                    stderr: stderr
                )
            }
            return usageError(
                UsageError("unknown subcommand '\(first)'"),
                usage: "sipdiag <subcommand>",
                stderr: stderr
            )
        }
    }

    /// Every subcommand, in the order the overview lists them.
    static let subcommands: [any Subcommand.Type] = [
        AnalyzeCommand.self, MessagesCommand.self, CallsCommand.self, LadderCommand.self, ExportCommand.self,
        CallCommand.self, FetchCommand.self, WhitelistCommand.self, RoutesCommand.self, RegistrationCommand.self,
        CheckCommand.self, ReportCommand.self,
    ]

    /// Runs with the process's arguments and standard streams.
    public static func main(_ arguments: [String]) -> Int32 {
        ProcessLifetime.endsAfterCommand = true
        return run(
            arguments: arguments,
            input: InputSource(descriptor: 0),
            stdout: OutputSink(descriptor: 1),
            stderr: OutputSink(descriptor: 2)
        )
    }

    static func usageError(_ error: UsageError, usage: String, stderr: OutputSink) -> Int32 {
        stderr.writeLine("Error: \(error.message)")
        stderr.writeLine("Usage: \(usage)")
        stderr.writeLine("  See 'sipdiag help' for more information.")
        return ExitCode.usage.rawValue
    }

    private static func help(for subcommand: String?, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        guard let subcommand else {
            stdout.write(overview)
            return ExitCode.success.rawValue
        }
        guard let command = subcommands.first(where: { $0.name == subcommand }) else {
            return usageError(
                UsageError("unknown subcommand '\(subcommand)'"),
                usage: "sipdiag help <subcommand>",
                stderr: stderr
            )
        }
        stdout.write(command.help)
        return ExitCode.success.rawValue
    }

    static let overview = """
        OVERVIEW: sipdiag \(version): SIP diagnostics for people who run SIP trunks.

        Decodes SIP from captures (pcap, pcapng; Ethernet, Linux cooked, raw IP, loopback;
        IPv4/IPv6 with fragments and tunnels; UDP, TCP, SCTP, WebSocket, HEP) and from the
        Vida API's and Homer's exports (JSON rows, call-flow transactions, text) natively.

        USAGE: sipdiag <subcommand>

        OPTIONS:
          --version               Show the version.
          -h, --help              Show help information.

        SUBCOMMANDS:
          analyze                 Explain the calls in a capture (start here).
          messages                List the SIP messages in a capture, one line each.
          calls                   List the calls, registrations and other exchanges.
          ladder                  Draw the ladder diagram of calls (text, json, pcap, ...).
          export                  Write chosen calls to a new pcap file.
          report                  Write one safe-to-share file for a support ticket (.html,
                                  .md, or .zip with the calls' pcap); also by Call-ID from
                                  the API.

        WITH THE VIDA API (token: --token-file, $VIDA_API_TOKEN or ~/.config/sipdiag/config.json):
          call                    Fetch a call's capture by Call-ID and explain the call.
          fetch                   Download a call's capture (pcap, json, transaction, text).
          whitelist               List and change the SIP IP whitelist.
          routes                  List and change the outbound routes.
          registration            Show and change the SIP registration.
          check                   Check the whitelist, routes and registration (or an account
                                  file with --account); --probe sends OPTIONS to the routes.

          See 'sipdiag help <subcommand>' for detailed help.

        EXIT CODES:
          0 success, 1 problems found (or a change not confirmed), 64 usage error, 65 bad input
          data (or an API answer that could not be decoded), 66 input file missing (or nothing
          found at the API), 69 service unavailable, 70 internal error, 77 API token missing or
          rejected, 78 configuration error.

        """
}
