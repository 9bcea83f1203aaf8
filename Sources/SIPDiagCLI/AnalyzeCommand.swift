import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import SIPReport

/// `sipdiag analyze <capture>`: the everyday command. One call: its summary, ladder, timing and
/// notes. Many: what the capture holds, the failed calls first, and how to look at one.
enum AnalyzeCommand: Subcommand {
    static let name = "analyze"
    static let usage = "sipdiag analyze <capture> [--call-id <id> ...] [--format <format>] [options]"

    enum Format: String, CaseIterable {
        case text
        case json
    }

    static let help = """
        OVERVIEW: Explain the calls in a capture.

        With one call (or --call-id): who called whom, how it ended and why, the ladder, the
        timing figures with their definitions, and notes. With several: message and outcome
        counts, success ratios, setup-time percentiles, then the calls with the failures
        first, and the command to look at one of them.

        USAGE: \(usage)

        ARGUMENTS:
        \(CaptureInput.argumentHelp)

        OPTIONS:
          --format <format>       text or json. json is {"calls": [...], "findings": [...],
                                  "statistics": {...}} with calls as in
                                  'sipdiag calls --format json' and findings as
                                  {"code", "severity", "summary", "explanation", "evidence",
                                  "fix", "callId"}. (default: text)
        \(FailOn.help)
        \(AccountSource.captureHelp)
        \(LadderArguments.help)
          -h, --help              Show help information.

        TIMING (measured at the capture point):
        \(CallsCommand.definitions)

        RATIOS:
        \(CaptureSummaryText.ratioDefinitions)

        EXIT CODES:
          0 analysed, 1 a finding at the --fail-on severity, 64 usage error, 65 not a
          capture, corrupt, or no such call, 66 file missing.

        """

    static let specification = ParsedArguments.Specification(
        options: LadderArguments.options.union(["--format", FailOn.option]).union(AccountSource.captureOptions),
        flags: LadderArguments.flags.union(["--help", "-h"]),
        choices: LadderArguments.choices.merging([
            "--format": Format.allCases.map(\.rawValue), FailOn.option: FailOn.choices,
        ]) { $1 },
        positionalNames: ["capture"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let view: LadderArguments
        do throws(UsageError) {
            view = try LadderArguments(parsed, stdout: stdout)
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let account: AccountConfig?
        switch AccountSource.loadFromFile(parsed: parsed, stderr: stderr, usage: usage) {
        case .success(let loaded): account = loaded
        case .failure(let code): return code.rawValue
        }
        let argument = parsed.positionals[0]
        let format = parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        if view.callIDs.isEmpty, argument != "-" {
            // Summaries first: a large capture is listed without keeping its messages.
            let input: CaptureInput
            switch CaptureInput.open(argument, stderr: stderr) {
            case .success(let opened): input = opened
            case .failure(let code): return code.rawValue
            }
            var options = view.analysisOptions
            options.messageRetention = input.isSmall ? .full : .none
            // Its warnings wait: with one call the second reading reports them, once.
            let firstReading = OutputSink()
            let (analysis, status) = input.analyze(options, stderr: firstReading)
            if analysis.calls.count != 1 {
                stderr.write(firstReading.text)
                let findings = AccountSource.diagnose(analysis.calls, account: account, input: input)
                write(
                    overview: analysis,
                    findings: findings,
                    input: input,
                    format: format,
                    argument: argument,
                    stdout: stdout
                )
                return FailOn(parsed).status(status, findings: findings).rawValue
            }
        }
        let selection: LadderArguments.Selection
        switch view.selectCalls(argument, stderr: stderr) {
        case .success(let selected): selection = selected
        case .failure(let code): return code.rawValue
        }
        let findings = write(selection, view: view, account: account, format: format, stdout: stdout)
        return FailOn(parsed).status(selection.status, findings: findings).rawValue
    }

    /// The chosen calls: in text their summaries, one ladder, and timing and notes; in JSON the
    /// document of ``document(calls:statistics:input:)``. `sipdiag call` shows its call alike.
    /// Returns the findings it showed.
    @discardableResult
    static func write(
        _ selection: LadderArguments.Selection,
        view: LadderArguments,
        account: AccountConfig?,
        format: Format,
        stdout: OutputSink
    ) -> [Finding] {
        let findings = AccountSource.diagnose(selection.calls, account: account, input: selection.input)
        switch format {
        case .json:
            let json = document(calls: selection.calls, findings: findings, statistics: nil, input: selection.input)
            stdout.writeLine(json.rendered())
        case .text:
            let layout = LadderLayout(calls: selection.calls, options: selection.ladderOptions)
            for call in selection.calls {
                stdout.write(CallSummaryText.header(call, fractionDigits: selection.input.fractionDigits))
            }
            stdout.writeLine()
            stdout.write(view.textRenderer.render(layout))
            for call in selection.calls {
                let details = CallSummaryText.timingAndNotes(call)
                guard !details.isEmpty else { continue }
                stdout.writeLine()
                if selection.calls.count > 1 { stdout.writeLine(call.callID + ":") }
                stdout.write(details)
            }
            stdout.writeLine()
            stdout.write(FindingText.render(findings))
        }
        return findings
    }

    /// Several calls (or none): the capture summary and the call list, failures first.
    static func write(
        overview analysis: CaptureAnalysis,
        findings: [Finding],
        input: CaptureInput,
        format: Format,
        argument: String,
        stdout: OutputSink
    ) {
        let calls = analysis.calls.enumerated().sorted { left, right in
            let (a, b) = (left.element.state.isFailure, right.element.state.isFailure)
            return a != b ? a : left.offset < right.offset
        }.map(\.element)
        switch format {
        case .json:
            let json = document(calls: calls, findings: findings, statistics: analysis.statistics, input: input)
            stdout.writeLine(json.rendered())
        case .text:
            stdout.write(CaptureSummaryText.render(analysis, name: input.name))
            guard let first = calls.first else {
                stdout.writeLine("No SIP calls: nothing to analyse.")
                return
            }
            stdout.writeLine()
            stdout.write(CallTable.text(calls))
            stdout.writeLine()
            stdout.writeLine(findingCounts(findings))
            stdout.writeLine("To look at one call: sipdiag analyze \(argument) --call-id \(first.callID)")
        }
    }

    /// "Findings: 2 errors, 1 warning, 0 info (each call's with --call-id)".
    static func findingCounts(_ findings: [Finding]) -> String {
        let counts = FindingSeverity.allCases.map { severity in
            let count = findings.filter { $0.severity == severity }.count
            return "\(count) \(severity)" + (count == 1 || severity == .info ? "" : "s")
        }
        return "Findings: " + counts.joined(separator: ", ") + " (each call's with --call-id)"
    }

    /// `{"calls": [...], "findings": [...], "statistics": {...}}`.
    static func document(
        calls: [SIPCall],
        findings: [Finding],
        statistics: CallStatistics?,
        input: CaptureInput
    ) -> JSONValue {
        .object([
            .init("calls", .array(calls.map { CallJSON.call($0, fractionDigits: input.fractionDigits) })),
            .init("findings", .array(findings.map(FindingJSON.value))),
            .init("statistics", statistics.map(StatisticsJSON.statistics) ?? .null),
        ])
    }
}
