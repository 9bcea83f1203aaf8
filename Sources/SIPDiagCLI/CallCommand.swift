import SIPCapture
import SIPDiagnosis
import VidaAPI

/// `sipdiag call <Call-ID>`: the headline command. Fetches the call's capture from the Vida
/// API, decodes it, and explains the call as `sipdiag analyze --call-id` does.
enum CallCommand: Subcommand {
    static let name = "call"
    static let usage =
        "sipdiag call <call-id> [--from <time>] [--to <time>] [--source <format>] [--save <file>] [options]"

    static let help = """
        OVERVIEW: Fetch a call's SIP capture from the Vida API and explain the call.

        Downloads the capture (GET /api/v2/sip/captures), decodes it natively, and shows who
        called whom, how the call ended and why, the ladder diagram (with the call's other
        legs), the timing figures and notes, as 'sipdiag analyze --call-id' does. A progress
        line on standard error (on a terminal) shows the download and any retries.

        USAGE: \(usage)

        ARGUMENTS:
          <call-id>               The call's Call-ID header value.

        OPTIONS:
          --source <format>       The capture format to download: pcap, json, transaction or
                                  text. The pcap export shows every message as UDP; json and
                                  transaction keep the real transport. (default: pcap)
          --save <file>           Also keep the downloaded capture, as the API returned it.
          --format <format>       text or json, as 'sipdiag analyze'. (default: text)
          --account <file>        Check the call against this account file instead of the
                                  account's configuration read from the API.
          --platform-ip <ip>      One of the platform's own addresses (repeatable).
          --no-account            Do not check the call against the account's configuration.
        \(FailOn.help)
        \(CaptureQuery.help)
        \(LadderArguments.help)
        \(APIConnection.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 analysed, 1 a finding at the --fail-on severity, 64 usage error,
        \(APIConnection.exitCodes)
          A capture that does not hold the call, or could not be decoded, exits with 65.

        """

    static let specification = ParsedArguments.Specification(
        options: LadderArguments.options.subtracting(["--call-id"]).union(CaptureQuery.options)
            .union(APIConnection.options).union(["--source", "--save", "--format", FailOn.option])
            .union(AccountSource.captureOptions),
        flags: LadderArguments.flags.subtracting(["--related"]).union(["--help", "-h", "--no-account"]),
        choices: LadderArguments.choices.merging([
            "--format": AnalyzeCommand.Format.allCases.map(\.rawValue),
            "--source": CaptureExportFormat.allCases.map(\.rawValue), FailOn.option: FailOn.choices,
        ]) { $1 },
        positionalNames: ["call-id"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let query: CaptureQuery
        let view: LadderArguments
        do throws(UsageError) {
            query = try CaptureQuery(parsed)
            view = try LadderArguments(parsed, stdout: stdout, callIDs: [query.callID], related: true)
            if parsed.has("--no-account"), parsed.value("--account") != nil {
                throw UsageError("--no-account and --account contradict each other")
            }
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let source = parsed.value("--source").flatMap(CaptureExportFormat.init(rawValue:)) ?? .pcap
        let format = parsed.value("--format").flatMap(AnalyzeCommand.Format.init(rawValue:)) ?? .text
        let download: CaptureDownload
        switch query.download(source, parsed, stderr: stderr) {
        case .success(let downloaded): download = downloaded
        case .failure(let code): return code.rawValue
        }
        if let path = parsed.value("--save") {
            do {
                try OutputFile.save(download.bytes, to: path)
                stderr.writeLine("saved the capture (\(download.bytes.count) bytes, \(source.rawValue)) to \(path)")
            } catch {
                stderr.writeLine("Error: \(error)")
                return ExitCode.noInput.rawValue
            }
        }
        let name = "the \(source.rawValue) capture of Call-ID \(query.callID)"
        let selection: LadderArguments.Selection
        switch view.selectCalls(.memory(download.bytes, name: name), stderr: stderr) {
        case .success(let selected): selection = selected
        case .failure(let code): return code.rawValue
        }
        let account: AccountConfig?
        switch accountConfiguration(parsed, stderr: stderr) {
        case .success(let loaded): account = loaded
        case .failure(let code): return code.rawValue
        }
        let findings = AnalyzeCommand.write(selection, view: view, account: account, format: format, stdout: stdout)
        return FailOn(parsed).status(selection.status, findings: findings).rawValue
    }

    /// The account to check the call against: the file of --account, else the API's (read with
    /// the same connection options). The API's configuration is a help, not a condition: when it
    /// cannot be read the call is still explained, and a warning says what is missing.
    static func accountConfiguration(
        _ parsed: ParsedArguments,
        stderr: OutputSink,
        usage: String = usage
    ) -> Result<AccountConfig?, ExitCode> {
        if parsed.has("--no-account") { return .success(nil) }
        if parsed.value("--account") != nil {
            return AccountSource.loadFromFile(parsed: parsed, stderr: stderr, usage: usage)
        }
        let apiErrors = OutputSink()
        switch AccountSource.load(parsed: parsed, stderr: apiErrors, usage: usage) {
        case .success(let loaded):
            return .success(loaded.config)
        case .failure(.usage):
            stderr.write(apiErrors.text)
            return .failure(.usage)
        case .failure:
            let reason = apiErrors.text.split(separator: "\n").first.map(String.init) ?? "no answer"
            stderr.writeLine(
                "warning: the account's configuration could not be read from the API, so the call is not "
                    + "checked against it (\(reason))"
            )
            return .success(nil)
        }
    }
}
