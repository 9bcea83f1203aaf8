import Foundation
import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import SIPReport
import VidaAPI

/// `sipdiag report`: one file to attach to a support ticket, safe to share.
enum ReportCommand: Subcommand {
    static let name = "report"
    static let usage = "sipdiag report [<capture>] [--call-id <id> ...] -o <file.html|file.md|file.zip> [options]"

    /// What the output file's extension asks for.
    enum Kind: String, CaseIterable {
        case html
        case markdown
        case zip

        /// From the name's extension, compared without case.
        init?(path: String) {
            let name = path.split(separator: "/").last.map(String.init) ?? path
            guard let dot = name.lastIndex(of: "."), dot != name.startIndex else { return nil }
            switch name[name.index(after: dot)...].lowercased() {
            case "html", "htm": self = .html
            case "md", "markdown": self = .markdown
            case "zip": self = .zip
            default: return nil
            }
        }
    }

    static let help = """
        OVERVIEW: Write a report of calls to attach to a support ticket, safe to share.

        One file whose kind follows the extension of -o:
          .html  one self-contained page: summary, findings, timing table, SVG ladder with
                 clickable messages, every message's text, the capture's origin, sipdiag's
                 version and the time it was made;
          .md    ticket-ready Markdown: summary, findings, timing table, the text ladder in a
                 code block, a Mermaid diagram, the messages in collapsible sections;
          .zip   both, with the calls' own pcap (report.html, report.md, calls.pcap), and
                 account.json when the calls were checked against an account.

        Always removed, and marked with what was there (e.g. REDACTED-DIGEST-RESPONSE): the API
        token, Digest response and cnonce values (and other schemes' credentials), passwords
        in URIs, SDP keys (a=crypto, a=key-mgmt, k=, a=ice-pwd), also inside base64-encoded
        and multipart bodies, and password-like fields of the account. The pcap in the zip
        is written from the redacted messages.

        With a capture file, the calls are read from it (all of them, or those of --call-id);
        without one, the capture of the single --call-id is fetched from the Vida API as
        'sipdiag call' does, with the account's configuration unless --no-account.

        USAGE: \(usage)

        ARGUMENTS:
        \(CaptureInput.argumentHelp) Without it, fetched from the API.

        OPTIONS:
          -o, --output <file>     The report to write: .html, .md or .zip. (required)
          --redact-pii            Also replace personal data, consistently (the same original,
                                  the same stand-in): telephone numbers and URI users
                                  (number-N, user-N), display names (Name N) and IP addresses
                                  (240.0.0.N, 100::N). Methods, codes, header names,
                                  transports, ports and times stay.
          --fixed-time <time>     The generation time written in the report (RFC 3339 or epoch
                                  seconds), for byte-identical reports; SOURCE_DATE_EPOCH
                                  (epoch seconds) does the same. (default: now)
        \(AccountSource.captureHelp)
          --no-account            Without a capture: do not read the account's configuration.
          --source <format>       Without a capture: the format to download, pcap, json,
                                  transaction or text. (default: pcap)
        \(CaptureQuery.help)
        \(LadderArguments.help)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 written, 64 usage error, 65 not a capture, corrupt, or no such call, 66 file
          missing or the report not writable; with the API, as 'sipdiag call'.

        """

    static let apiOnlyOptions: Set<String> = CaptureQuery.options.union(APIConnection.options).union(["--source"])

    static let specification = ParsedArguments.Specification(
        options: LadderArguments.options.union(AccountSource.captureOptions).union(apiOnlyOptions)
            .union(["--output", "--fixed-time"]),
        flags: LadderArguments.flags.union(["--redact-pii", "--no-account", "--help", "-h"]),
        aliases: ["-h": "--help", "-o": "--output"],
        choices: LadderArguments.choices.merging(["--source": CaptureExportFormat.allCases.map(\.rawValue)]) { $1 },
        positionalNames: ["capture"],
        minimumPositionals: 0
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let output: String
        let kind: Kind
        let generatedAt: CaptureTime
        let fromAPI = parsed.positionals.isEmpty
        do throws(UsageError) {
            guard let path = parsed.value("--output") else {
                throw UsageError("-o <file> is required: the report's name, ending in .html, .md or .zip")
            }
            guard let found = Kind(path: path) else {
                throw UsageError("-o '\(path)': the name must end in .html, .md or .zip, which says what to write")
            }
            (output, kind) = (path, found)
            generatedAt = try generationTime(parsed, environment: ProcessEnvironment.current)
            try checkSourceOptions(parsed, fromAPI: fromAPI)
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let gathered: Result<Gathered, ExitCode> =
            fromAPI ? fetch(parsed, stdout: stdout, stderr: stderr) : read(parsed, stdout: stdout, stderr: stderr)
        let report: Gathered
        switch gathered {
        case .success(let value): report = value
        case .failure(let code): return code.rawValue
        }
        let findings = AccountSource.diagnose(
            report.selection.calls,
            account: report.account,
            input: report.selection.input
        )
        let ticket = TicketReport(
            calls: report.selection.calls,
            findings: findings,
            source: report.source,
            account: report.accountJSON,
            redactor: ReportRedactor(redactsPersonalData: parsed.has("--redact-pii"), secrets: report.secrets),
            ladderOptions: report.selection.ladderOptions,
            version: SIPDiagCommand.version,
            generatedAt: generatedAt
        )
        let bytes: [UInt8]
        switch kind {
        case .html: bytes = Array(ticket.html().utf8)
        case .markdown: bytes = Array(ticket.markdown().utf8)
        case .zip:
            do throws(ZipArchiveError) {
                bytes = try ticket.zip()
            } catch {
                stderr.writeLine("Error: cannot make the zip: \(error)")
                return ExitCode.dataError.rawValue
            }
        }
        do {
            try OutputFile.save(bytes, to: output)
        } catch {
            stderr.writeLine("Error: \(error)")
            return ExitCode.noInput.rawValue
        }
        stderr.writeLine(confirmation(ticket, kind: kind, output: output, size: bytes.count))
        return report.selection.status.rawValue
    }

    /// What the report was made from.
    private struct Gathered {
        let selection: LadderArguments.Selection
        let account: AccountConfig?
        /// The account as JSON for the zip: the file as written, or the API's configuration.
        let accountJSON: [UInt8]?
        /// Where the capture came from, as the report names it.
        let source: String
        /// Literal secrets to remove wherever they appear (the API token).
        let secrets: [(value: String, kind: SecretKind)]
    }

    /// The calls of a capture file, and the account file when given.
    private static func read(
        _ parsed: ParsedArguments,
        stdout: OutputSink,
        stderr: OutputSink
    ) -> Result<
        Gathered, ExitCode
    > {
        let view: LadderArguments
        do throws(UsageError) {
            view = try LadderArguments(parsed, stdout: stdout)
        } catch {
            return .failure(
                ExitCode(rawValue: SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)) ?? .usage
            )
        }
        return AccountSource.loadFromFile(parsed: parsed, stderr: stderr, usage: usage).flatMap { account in
            view.selectCalls(parsed.positionals[0], stderr: stderr).map { selection in
                // The file's name, not its path: a path can name the person who saved it.
                let argument = parsed.positionals[0]
                let name = argument == "-" ? "standard input" : String(argument.split(separator: "/").last ?? "")
                return Gathered(
                    selection: selection,
                    account: account,
                    accountJSON: accountFile(parsed),
                    source: name,
                    secrets: []
                )
            }
        }
    }

    /// The capture of the one `--call-id`, fetched from the API as `sipdiag call` does, with the
    /// account's configuration from the API unless `--account` or `--no-account` says otherwise.
    private static func fetch(
        _ parsed: ParsedArguments,
        stdout: OutputSink,
        stderr: OutputSink
    ) -> Result<
        Gathered, ExitCode
    > {
        let query: CaptureQuery
        let view: LadderArguments
        do throws(UsageError) {
            let callIDs = parsed.allValues("--call-id")
            guard callIDs.count == 1, let callID = callIDs.first else {
                throw UsageError(
                    callIDs.isEmpty
                        ? "give a capture file, or one --call-id to fetch its capture from the API"
                        : "without a capture file, give one --call-id (its capture holds the call's other legs)"
                )
            }
            query = try CaptureQuery(parsed, callID: callID)
            view = try LadderArguments(parsed, stdout: stdout, callIDs: [callID], related: true)
        } catch {
            return .failure(
                ExitCode(rawValue: SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)) ?? .usage
            )
        }
        let format = parsed.value("--source").flatMap(CaptureExportFormat.init(rawValue:)) ?? .pcap
        let download: CaptureDownload
        switch query.download(format, parsed, stderr: stderr) {
        case .success(let downloaded): download = downloaded
        case .failure(let code): return .failure(code)
        }
        let name = "the \(format.rawValue) capture of Call-ID \(query.callID) from the Vida API"
        return view.selectCalls(.memory(download.bytes, name: name), stderr: stderr).flatMap { selection in
            CallCommand.accountConfiguration(parsed, stderr: stderr, usage: usage).map { account in
                Gathered(
                    selection: selection,
                    account: account,
                    accountJSON: accountFile(parsed) ?? account.map { Array($0.encoded()) },
                    source: name,
                    secrets: apiToken(parsed)
                )
            }
        }
    }

    /// The account file of `--account` as the user wrote it (the report marks its passwords).
    private static func accountFile(_ parsed: ParsedArguments) -> [UInt8]? {
        parsed.value("--account").flatMap { try? Data(contentsOf: URL(fileURLWithPath: $0)) }.map { Array($0) }
    }

    /// The API token, to remove should a capture carry it (a debug header, a URI).
    private static func apiToken(_ parsed: ParsedArguments) -> [(value: String, kind: SecretKind)] {
        let environment = ProcessEnvironment.current
        let token = try? VidaCredentials.resolve(
            tokenFile: parsed.value("--token-file"),
            environment: environment,
            homeDirectory: environment["HOME"] ?? ""
        ).token
        return (token?.spellingsToRedact ?? []).map { ($0, .apiToken) }
    }

    /// `--fixed-time`, else `SOURCE_DATE_EPOCH` (reproducible-builds.org's convention: whole
    /// seconds since the epoch), else now.
    static func generationTime(
        _ parsed: ParsedArguments,
        environment: [String: String]
    ) throws(UsageError)
        -> CaptureTime
    {
        if let text = parsed.value("--fixed-time") {
            if let time = CaptureTime(rfc3339: text) { return time }
            if let seconds = Int64(text), seconds >= 0 { return CaptureTime(seconds: seconds, nanoseconds: 0) }
            throw UsageError(
                "--fixed-time '\(text)' is not a time: give RFC 3339 (2026-01-01T00:00:00Z) or epoch seconds"
            )
        }
        if let text = environment["SOURCE_DATE_EPOCH"], !text.isEmpty {
            guard let seconds = Int64(text), seconds >= 0 else {
                throw UsageError("SOURCE_DATE_EPOCH '\(text)' is not a number of seconds since 1970-01-01")
            }
            return CaptureTime(seconds: seconds, nanoseconds: 0)
        }
        return TimeArgument.now
    }

    /// The API's options only mean something when the capture is fetched, and --account and
    /// --no-account contradict each other.
    private static func checkSourceOptions(_ parsed: ParsedArguments, fromAPI: Bool) throws(UsageError) {
        if parsed.has("--no-account"), parsed.value("--account") != nil {
            throw UsageError("--no-account and --account contradict each other")
        }
        guard !fromAPI else { return }
        let misplaced = apiOnlyOptions.union(["--no-account"]).sorted().filter {
            parsed.value($0) != nil || parsed.has($0)
        }
        if let first = misplaced.first {
            throw UsageError("\(first) is for fetching from the API: it cannot be used with a capture file")
        }
    }

    /// `wrote report.zip: 1 call, 2 findings; removed: ...` on standard error.
    private static func confirmation(_ ticket: TicketReport, kind: Kind, output: String, size: Int) -> String {
        let calls = ticket.calls.count == 1 ? "1 call" : "\(ticket.calls.count) calls"
        let findings = ticket.findings.count == 1 ? "1 finding" : "\(ticket.findings.count) findings"
        let entries = kind == .zip ? " (" + ticket.zipEntryNames.joined(separator: ", ") + ")" : ""
        return "wrote \(output)\(entries), \(size) bytes: \(calls), \(findings). \(ticket.redaction.secretsSentence)"
    }
}
