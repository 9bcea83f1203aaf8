import SIPCapture

/// `sipdiag messages <capture>`: every SIP message of a capture, one line each, in capture order.
enum MessagesCommand: Subcommand {
    static let name = "messages"
    static let usage = "sipdiag messages <capture> [--format <format>] [--call-id <id>] [--validate]"

    enum Format: String, CaseIterable {
        case text
        case jsonl
    }

    static let help = """
        OVERVIEW: List the SIP messages in a capture, one line each, in capture order.

        Each line gives the time (relative to the first message in text, absolute RFC 3339
        UTC in jsonl: 6 fractional digits, 9 for nanosecond captures), source and destination
        ip:port, transport, the capture record numbers ("frames", 1-based as Wireshark counts)
        the message came from, the method or status, Call-ID and CSeq. ICMP errors quoting a
        SIP packet, gaps in TCP streams and incomplete IP datagrams are listed too, and
        encrypted (TLS/WSS) flows at the end. Warnings go to standard error.

        USAGE: \(usage)

        ARGUMENTS:
        \(CaptureInput.argumentHelp)

        OPTIONS:
          --format <format>       text (aligned columns, for people) or jsonl (one JSON
                                  object per line, for programs). (default: text)
          --call-id <id>          Only messages whose Call-ID is <id> (events are left out).
          --validate              List every RFC 3261 violation under its message; exit 1
                                  when there is any.
          -h, --help              Show help information.

        JSONL: one object per line with "type": "message" and the keys time, src, dst,
          transport, method, status, reason, callId, cseq, frames (null where unknown: a
          request has no status, SIP text has no time or addresses), plus index, timeNs,
          length, notes, and violations with --validate; events have "type" icmp-unreachable,
          stream-gap, incomplete-datagram or encrypted-flow.

        EXIT CODES:
          0 decoded, 1 violations found (--validate), 64 usage error, 65 not a capture or
          corrupt (messages before the damage are still printed), 66 file missing.

        """

    static let specification = ParsedArguments.Specification(
        options: ["--format", "--call-id"],
        flags: ["--help", "-h", "--validate"],
        choices: ["--format": Format.allCases.map(\.rawValue)],
        positionalNames: ["capture"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let format = parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        let input: CaptureInput
        switch CaptureInput.open(parsed.positionals[0], stderr: stderr) {
        case .success(let opened): input = opened
        case .failure(let code): return code.rawValue
        }
        let reader = input.reader
        let name = input.name
        let validate = parsed.has("--validate")
        let callID = parsed.value("--call-id")
        let printer: any MessagePrinter =
            switch format {
            case .text: TextMessagePrinter(output: stdout, nanosecond: reader.hasNanosecondTimestamps)
            case .jsonl: JSONLinesMessagePrinter(output: stdout, nanosecond: reader.hasNanosecondTimestamps)
            }
        var status = ExitCode.success
        var violations = 0
        do {
            while let item = try reader.next() {
                switch item {
                case .message(let captured):
                    let summary = MessageSummary(captured, validate: validate)
                    if let callID, summary.callID != callID { continue }
                    violations += summary.violations.count
                    printer.print(summary)
                case .event(let event):
                    if callID == nil { printer.print(event) }
                }
            }
        } catch {
            printer.finish(reader: reader)
            stderr.writeLine("Error: \(name): \(error)")
            status = .dataError
        }
        if status == .success {
            printer.finish(reader: reader)
            if violations > 0 {
                stderr.writeLine("\(violations) RFC 3261 violation\(violations == 1 ? "" : "s") found")
                status = .problemsFound
            }
        }
        input.reportWarnings(to: stderr)
        return status.rawValue
    }
}
