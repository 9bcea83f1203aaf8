import SIPCapture

#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// `sipdiag messages <capture>`: every SIP message of a capture, one line each, in capture order.
enum MessagesCommand {
    static let name = "messages"
    static let usage = "sipdiag messages <capture> [--format <format>]"

    enum Format: String, CaseIterable {
        case text
        case jsonl
    }

    static let help = """
        OVERVIEW: List the SIP messages in a capture, one line each, in capture order.

        Each line gives the time (relative to the first message in text, absolute RFC 3339
        UTC in jsonl), source and destination ip:port, transport, the capture record
        numbers the message came from (1-based, as Wireshark numbers frames), and the SIP
        start line. ICMP errors quoting a SIP packet and gaps in TCP streams are listed too.
        Warnings (truncated file, unsupported link types, ...) go to standard error.

        USAGE: \(usage)

        ARGUMENTS:
          <capture>               A pcap or pcapng file; '-' reads standard input.

        OPTIONS:
          --format <format>       text (aligned columns, for people) or jsonl (one JSON
                                  object per line, for programs). (default: text)
          -h, --help              Show help information.

        EXIT CODES:
          0 decoded, 65 not a capture or corrupt (messages before the damage are still
          printed), 66 file missing, 64 usage error.

        """

    static func run(arguments: [String], stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let parsed: ParsedArguments
        do {
            parsed = try ParsedArguments(
                arguments,
                .init(
                    options: ["--format"],
                    choices: ["--format": Format.allCases.map(\.rawValue)],
                    positionalNames: ["capture"],
                    minimumPositionals: 1
                )
            )
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        if parsed.has("--help") {
            stdout.write(help)
            return ExitCode.success.rawValue
        }
        let format = parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        let fromStandardInput = parsed.positionals[0] == "-"
        let path = fromStandardInput ? "/dev/stdin" : parsed.positionals[0]
        let name = fromStandardInput ? "standard input" : path
        guard fromStandardInput || access(path, F_OK) == 0 else {
            stderr.writeLine("Error: no such file: \(path)")
            return ExitCode.noInput.rawValue
        }
        let reader: CaptureReader
        do {
            reader = try CaptureReader(path: path)
        } catch {
            stderr.writeLine("Error: \(name): \(error)")
            return error.code == .ioError ? ExitCode.noInput.rawValue : ExitCode.dataError.rawValue
        }
        let printer: any MessagePrinter =
            switch format {
            case .text: TextMessagePrinter(output: stdout)
            case .jsonl: JSONLinesMessagePrinter(output: stdout)
            }
        var status = ExitCode.success
        do {
            while let item = try reader.next() {
                printer.print(item)
            }
        } catch {
            printer.finish(reader: reader)
            stderr.writeLine("Error: \(name): \(error)")
            status = .dataError
        }
        if status == .success { printer.finish(reader: reader) }
        for warning in reader.warnings {
            stderr.writeLine("warning: \(warning)")
        }
        return status.rawValue
    }
}
