import SIPCapture
import VidaAPI

/// The Call-ID and time window of `sipdiag fetch` and `sipdiag call`, as the capture endpoint
/// takes them (`sipCallId`, `from` and `to` in epoch milliseconds).
struct CaptureQuery {
    static let options: Set<String> = ["--from", "--to"]

    static let help = """
          --from <time>           Start of the search window: RFC 3339 (2024-09-27T10:00:00Z),
                                  epoch seconds or milliseconds, or a time ago (30m, 2h, 1d,
                                  1h30m). (default: 24 hours before --to)
          --to <time>             End of the search window, in the same forms. (default: now)
        """

    let callID: String
    let window: CaptureWindow

    /// The query of `callID`, or of the first positional argument when `nil` (`sipdiag call`).
    init(_ parsed: ParsedArguments, callID: String? = nil, now: CaptureTime = TimeArgument.now) throws(UsageError) {
        let callID = callID ?? parsed.positionals.first ?? ""
        guard !callID.isEmpty, callID.utf8.allSatisfy({ $0 > 0x20 && $0 < 0x7F }) else {
            throw UsageError(
                "'\(callID)' is not a Call-ID: a Call-ID is printable ASCII without spaces (RFC 3261 25.1)"
            )
        }
        let (from, to) = try TimeArgument.window(from: parsed.value("--from"), to: parsed.value("--to"), now: now)
        self.callID = callID
        window = CaptureWindow(
            fromMilliseconds: from.nanoseconds / 1_000_000,
            toMilliseconds: to.nanoseconds / 1_000_000
        )
    }

    /// Connects with `parsed`'s API options and downloads the capture in `format`, or reports on
    /// `stderr` why not, with the exit code.
    func download(
        _ format: CaptureExportFormat,
        _ parsed: ParsedArguments,
        stderr: OutputSink
    ) -> Result<CaptureDownload, ExitCode> {
        let (callID, window) = (self.callID, self.window)
        return APIConnection.connect(parsed, stderr: stderr) { client async throws(VidaError) in
            try await client.capture(callID: callID, window: window, format: format)
        }
        .map(\.value)
    }
}
