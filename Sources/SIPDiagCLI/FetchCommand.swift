import VidaAPI

/// `sipdiag fetch <Call-ID> -o FILE`: the capture of one call, downloaded from the Vida API
/// exactly as the API returned it.
enum FetchCommand: Subcommand {
    static let name = "fetch"
    static let usage =
        "sipdiag fetch <call-id> [--format pcap|json|transaction|text] [--from <time>] [--to <time>] -o <file>"

    static let help = """
        OVERVIEW: Download the SIP capture of a call from the Vida API.

        Writes the bytes the API returned, unchanged (GET /api/v2/sip/captures). To analyse the
        call as well, use 'sipdiag call'. Any of the four formats can be read back by every
        sipdiag command, which tells them apart by their content.

        USAGE: \(usage)

        ARGUMENTS:
          <call-id>               The call's Call-ID header value.

        OPTIONS:
          --format <format>       pcap, json (Homer rows), transaction (Homer call flow) or text
                                  (Homer text export). (default: pcap)
        \(CaptureQuery.help)
          -o, --output <file>     Where to write: a file, replaced whole or left untouched on
                                  error, or '-' for standard output. Without -o the capture goes
                                  to standard output only when that is not a terminal.
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 written, 64 usage error,
        \(APIConnection.exitCodes)

        """

    static let specification = ParsedArguments.Specification(
        options: CaptureQuery.options.union(APIConnection.options).union(["--format", "--output"]),
        flags: ["--help", "-h"],
        aliases: ["-h": "--help", "-o": "--output"],
        choices: ["--format": CaptureExportFormat.allCases.map(\.rawValue)],
        positionalNames: ["call-id"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let query: CaptureQuery
        let output = parsed.value("--output").flatMap { $0 == "-" ? nil : $0 }
        do throws(UsageError) {
            query = try CaptureQuery(parsed)
            if output == nil, parsed.value("--output") == nil, stdout.isTerminal {
                throw UsageError("not writing a capture to a terminal: give -o <file> (or -o - to insist)")
            }
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let format = parsed.value("--format").flatMap(CaptureExportFormat.init(rawValue:)) ?? .pcap
        let download: CaptureDownload
        switch query.download(format, parsed, stderr: stderr) {
        case .success(let downloaded): download = downloaded
        case .failure(let code): return code.rawValue
        }
        let status = LadderCommand.deliver(download.bytes, to: output, stdout: stdout, stderr: stderr)
        guard status == .success else { return status.rawValue }
        stderr.writeLine(
            "\(download.bytes.count) bytes (\(format.rawValue)) for Call-ID \(query.callID)"
                + (output.map { " written to \($0)" } ?? "")
        )
        return ExitCode.success.rawValue
    }
}
