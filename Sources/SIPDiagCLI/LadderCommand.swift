import SIPAnalysis
import SIPCapture
import SIPDiagnosis
import SIPReport

/// `sipdiag ladder <capture>`: the call flow of one or more calls, in the format asked for.
enum LadderCommand: Subcommand {
    static let name = "ladder"
    static let usage = "sipdiag ladder <capture> [--call-id <id> ...] [--format <format>] [-o <file>] [options]"

    enum Format: String, CaseIterable {
        case text
        case svg
        case html
        case markdown
        case mermaid
        case plantuml
        case json
        case pcap
    }

    static let help = """
        OVERVIEW: Draw the ladder (sequence) diagram of calls in a capture.

        One lane per host (ip:port), one arrow per message in capture order, labelled with
        the method or status and reason, the CSeq, "(SDP)" when the body carries SDP, and
        retransmissions marked (dashed). On the left: seconds since the first message and
        since the previous one, measured at the capture point.

        USAGE: \(usage)

        ARGUMENTS:
        \(CaptureInput.argumentHelp)

        OPTIONS:
          --format <format>       \(Format.allCases.map(\.rawValue).joined(separator: ", ")). (default: text)
                                  svg: a standalone SVG; html: one self-contained page
                                  (SVG ladder, summary, timing, every message on a click);
                                  markdown: ticket-ready (summary, timing table, text
                                  ladder, Mermaid diagram, messages in <details>);
                                  mermaid (sequenceDiagram) and plantuml: diagram sources;
                                  json: the whole analysis of the calls (transactions,
                                  dialogs, messages); pcap: the calls' messages as a
                                  capture (needs -o), e.g. to open one call of a large
                                  capture in Wireshark.
          -o, --output <file>     Write to a file instead of standard output.
        \(AccountSource.captureHelp)
        \(LadderArguments.help)
          -h, --help              Show help information.

        EXIT CODES:
          0 drawn, 64 usage error, 65 not a capture, corrupt, or no such call, 66 file missing.

        """

    static let specification = ParsedArguments.Specification(
        options: LadderArguments.options.union(["--format", "--output"]).union(AccountSource.captureOptions),
        flags: LadderArguments.flags.union(["--help", "-h"]),
        aliases: ["-h": "--help", "-o": "--output"],
        choices: LadderArguments.choices.merging(["--format": Format.allCases.map(\.rawValue)]) { $1 },
        positionalNames: ["capture"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let view: LadderArguments
        do throws(UsageError) {
            view = try LadderArguments(parsed, stdout: stdout)
            if parsed.value("--format") == Format.pcap.rawValue, parsed.value("--output") == nil {
                throw UsageError("--format pcap needs -o <file>: a capture is not for a terminal")
            }
        } catch {
            return SIPDiagCommand.usageError(error, usage: usage, stderr: stderr)
        }
        let account: AccountConfig?
        switch AccountSource.loadFromFile(parsed: parsed, stderr: stderr, usage: usage) {
        case .success(let loaded): account = loaded
        case .failure(let code): return code.rawValue
        }
        let selection: LadderArguments.Selection
        switch view.selectCalls(parsed.positionals[0], stderr: stderr) {
        case .success(let selected): selection = selected
        case .failure(let code): return code.rawValue
        }
        let format = parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text
        let layout = LadderLayout(calls: selection.calls, options: selection.ladderOptions)
        let bytes: [UInt8]
        switch format {
        case .text:
            var renderer = view.textRenderer
            if parsed.value("--output") != nil { renderer.color = false }
            bytes = Array(renderer.render(layout).utf8)
        case .svg:
            bytes = Array(SVGLadderRenderer().render(layout).utf8)
        case .html:
            let renderer = HTMLReportRenderer(source: selection.input.name, version: SIPDiagCommand.version)
            bytes = Array(
                renderer.render(
                    layout,
                    findings: AccountSource.diagnose(selection.calls, account: account, input: selection.input)
                ).utf8
            )
        case .markdown:
            let renderer = MarkdownReportRenderer(source: selection.input.name, version: SIPDiagCommand.version)
            bytes = Array(
                renderer.render(
                    layout,
                    findings: AccountSource.diagnose(selection.calls, account: account, input: selection.input)
                ).utf8
            )
        case .mermaid:
            bytes = Array(MermaidRenderer().render(layout).utf8)
        case .plantuml:
            bytes = Array(PlantUMLRenderer().render(layout).utf8)
        case .json:
            let json = AnalysisJSON.calls(selection.calls, fractionDigits: selection.input.fractionDigits)
            bytes = Array((json.rendered() + "\n").utf8)
        case .pcap:
            bytes = TicketReport.pcap(of: selection.calls)
        }
        let status = deliver(bytes, to: parsed.value("--output"), stdout: stdout, stderr: stderr)
        return status == .success ? selection.status.rawValue : status.rawValue
    }

    /// To the file named by `-o`, or to standard output.
    static func deliver(_ bytes: [UInt8], to path: String?, stdout: OutputSink, stderr: OutputSink) -> ExitCode {
        guard let path else {
            stdout.append(contentsOf: bytes)
            return .success
        }
        do {
            try OutputFile.save(bytes, to: path)
            return .success
        } catch {
            stderr.writeLine("Error: \(error)")
            return .noInput
        }
    }
}
