import SIPAnalysis
import SIPCapture
import SIPReport

/// `sipdiag export <capture> --call-id ID -o call.pcap`: one call out of a large capture, as a
/// pcap that Wireshark, tshark and sipdiag itself open.
enum ExportCommand: Subcommand {
    static let name = "export"
    static let usage = "sipdiag export <capture> --call-id <id> [--call-id <id> ...] [--related] -o <file>"

    static let help = """
        OVERVIEW: Write the messages of chosen calls to a new pcap file.

        Every message of the calls, retransmissions included, in capture order, with its
        original time and addresses. Messages that came over TCP, TLS, WebSocket or SCTP are
        written as such (TLS and WSS in clear text, since the capture decoded them); IP
        fragments and TCP segments are rebuilt for the written packets.

        USAGE: \(usage)

        OPTIONS:
          --call-id <id>          A call to export (repeatable; at least one).
          --related               Also export the legs linked to the chosen calls.
          --leg-header <name>     A header naming a related leg's Call-ID (repeatable).
          -o, --output <file>     The pcap to write (replaced whole, or left untouched on error).
          -h, --help              Show help information.

        EXIT CODES:
          0 written, 64 usage error, 65 not a capture, corrupt, or no such call, 66 file missing
          or not writable.

        """

    static let specification = ParsedArguments.Specification(
        options: ["--call-id", "--leg-header", "--output"],
        flags: ["--help", "-h", "--related"],
        aliases: ["-h": "--help", "-o": "--output"],
        positionalNames: ["capture"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let view: LadderArguments
        do throws(UsageError) {
            guard !parsed.allValues("--call-id").isEmpty else { throw UsageError("--call-id is required") }
            guard parsed.value("--output") != nil else { throw UsageError("-o <file> is required") }
            view = try LadderArguments(parsed, stdout: stdout)
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let selection: LadderArguments.Selection
        switch view.selectCalls(parsed.positionals[0], stderr: stderr) {
        case .success(let selected): selection = selected
        case .failure(let code): return code.rawValue
        }
        let bytes = TicketReport.pcap(of: selection.calls)
        let status = LadderCommand.deliver(bytes, to: parsed.value("--output"), stdout: stdout, stderr: stderr)
        guard status == .success else { return status.rawValue }
        let messages = selection.calls.reduce(0) { $0 + $1.messageCount }
        stderr.writeLine(
            "wrote \(messages) messages of \(selection.calls.count) call(s) to \(parsed.value("--output") ?? "")"
        )
        return selection.status.rawValue
    }
}
