import SIPAnalysis
import SIPCapture
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
          --format <format>       text or json. json is {"calls": [...], "findings": [],
                                  "statistics": {...}} with calls as in
                                  'sipdiag calls --format json'. (default: text)
        \(LadderArguments.help)
          -h, --help              Show help information.

        TIMING (measured at the capture point):
        \(CallsCommand.definitions)

        RATIOS:
        \(CaptureSummaryText.ratioDefinitions)

        EXIT CODES:
          0 analysed, 64 usage error, 65 not a capture, corrupt, or no such call, 66 file
          missing.

        """

    static let specification = ParsedArguments.Specification(
        options: LadderArguments.options.union(["--format"]),
        flags: LadderArguments.flags.union(["--help", "-h"]),
        choices: LadderArguments.choices.merging(["--format": Format.allCases.map(\.rawValue)]) { $1 },
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
            options.messageRetention = .none
            // Its warnings wait: with one call the second reading reports them, once.
            let firstReading = OutputSink()
            let (analysis, status) = input.analyze(options, stderr: firstReading)
            if analysis.calls.count != 1 {
                stderr.write(firstReading.text)
                write(overview: analysis, input: input, format: format, argument: argument, stdout: stdout)
                return status.rawValue
            }
        }
        let selection: LadderArguments.Selection
        switch view.selectCalls(argument, stderr: stderr) {
        case .success(let selected): selection = selected
        case .failure(let code): return code.rawValue
        }
        write(selection, view: view, format: format, stdout: stdout)
        return selection.status.rawValue
    }

    /// The chosen calls: in text their summaries, one ladder, and timing and notes; in JSON the
    /// document of ``document(calls:statistics:input:)``. `sipdiag call` shows its call alike.
    static func write(_ selection: LadderArguments.Selection, view: LadderArguments, format: Format, stdout: OutputSink)
    {
        switch format {
        case .json:
            stdout.writeLine(document(calls: selection.calls, statistics: nil, input: selection.input).rendered())
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
        }
    }

    /// Several calls (or none): the capture summary and the call list, failures first.
    static func write(
        overview analysis: CaptureAnalysis,
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
            stdout.writeLine(document(calls: calls, statistics: analysis.statistics, input: input).rendered())
        case .text:
            stdout.write(CaptureSummaryText.render(analysis, name: input.name))
            guard let first = calls.first else {
                stdout.writeLine("No SIP calls: nothing to analyse.")
                return
            }
            stdout.writeLine()
            stdout.write(CallTable.text(calls))
            stdout.writeLine()
            stdout.writeLine("To look at one call: sipdiag analyze \(argument) --call-id \(first.callID)")
        }
    }

    /// `{"calls": [...], "findings": [], "statistics": {...}}`; findings come with the diagnosis.
    static func document(calls: [SIPCall], statistics: CallStatistics?, input: CaptureInput) -> JSONValue {
        .object([
            .init("calls", .array(calls.map { CallJSON.call($0, fractionDigits: input.fractionDigits) })),
            .init("findings", .array([])),
            .init("statistics", statistics.map(StatisticsJSON.statistics) ?? .null),
        ])
    }
}
