import SIPAnalysis
import SIPCapture
import SIPReport

/// `sipdiag calls <capture>`: one row per call, registration or other exchange.
enum CallsCommand: Subcommand {
    static let name = "calls"
    static let usage =
        "sipdiag calls <capture> [--format <format>] [--sort <key>] [--reverse] [--kind <kind>] [--state <state>] [--failed]"

    enum Format: String, CaseIterable {
        case text
        case json
        case csv
    }

    static let help = """
        OVERVIEW: List the calls, registrations and other exchanges in a capture.

        Messages are grouped by Call-ID; transactions are matched as RFC 3261 section 17 says
        (top Via branch, sent-by and method; CSeq and From tag for RFC 2543 peers), so
        retransmissions are counted, not listed as new requests.

        USAGE: \(usage)

        ARGUMENTS:
        \(CaptureInput.argumentHelp)

        OPTIONS:
          --format <format>       text (aligned columns), json (an array of call objects, the
                                  stable contract) or csv. (default: text)
          --sort <key>            start, duration, pdd, state, messages, retransmissions or
                                  call-id. (default: start)
          --reverse               Reverse the order.
          --kind <kind>           Only call, registration or other (repeatable).
          --state <state>         Only calls in this state (repeatable), e.g. --state busy.
          --failed                Only calls that failed (busy, rejected, cancelled,
                                  no-answer, timeout, redirected, failed, registration-failed).
          -h, --help              Show help information.

        STATES: \(CallState.allCases.map(\.rawValue).joined(separator: ", ")).
          timeout needs evidence: no response for Timer B (32 s) or an ICMP error; otherwise a
          call without a final response is in-progress (the capture ended first).

        TIMING (milliseconds in json/csv, seconds in text; measured at the capture point):
        \(definitions)

        EXIT CODES:
          0 listed, 64 usage error, 65 not a capture or corrupt (calls before the damage are
          still listed), 66 file missing.

        """

    static var definitions: String {
        CallMetrics.definitions.map { name, definition in
            "  " + name + String(repeating: " ", count: max(1, 14 - name.count)) + definition
        }.joined(separator: "\n")
    }

    enum SortKey: String, CaseIterable {
        case start
        case duration
        case pdd
        case state
        case messages
        case retransmissions
        case callID = "call-id"
    }

    static let specification = ParsedArguments.Specification(
        options: ["--format", "--sort", "--kind", "--state"],
        flags: ["--help", "-h", "--reverse", "--failed"],
        choices: [
            "--format": Format.allCases.map(\.rawValue),
            "--sort": SortKey.allCases.map(\.rawValue),
            "--kind": CallKind.allCases.map(\.rawValue),
            "--state": CallState.allCases.map(\.rawValue),
        ],
        positionalNames: ["capture"],
        minimumPositionals: 1
    )

    static func run(_ parsed: ParsedArguments, input: InputSource, stdout: OutputSink, stderr: OutputSink) -> Int32 {
        let input: CaptureInput
        switch CaptureInput.open(parsed.positionals[0], stderr: stderr) {
        case .success(let opened): input = opened
        case .failure(let code): return code.rawValue
        }
        let (analysis, status) = input.analyze(AnalysisOptions(), stderr: stderr)
        let kinds = Set(parsed.allValues("--kind").compactMap(CallKind.init(rawValue:)))
        let states = Set(parsed.allValues("--state").compactMap(CallState.init(rawValue:)))
        var calls = analysis.calls
        // Only when asked: removing (even nothing) would copy every call, the analysis still
        // holding the array.
        if !kinds.isEmpty || !states.isEmpty || parsed.has("--failed") {
            calls.removeAll { call in
                !((kinds.isEmpty || kinds.contains(call.kind)) && (states.isEmpty || states.contains(call.state))
                    && (!parsed.has("--failed") || call.state.isFailure))
            }
        }
        calls = sorted(calls, by: parsed.value("--sort").flatMap(SortKey.init(rawValue:)) ?? .start)
        if parsed.has("--reverse") { calls.reverse() }
        switch parsed.value("--format").flatMap(Format.init(rawValue:)) ?? .text {
        case .text:
            if calls.isEmpty {
                stdout.writeLine(analysis.calls.isEmpty ? "No SIP calls in \(input.name)." : "No call matches.")
            } else {
                stdout.write(CallTable.text(calls))
            }
        case .json:
            writeJSON(calls, fractionDigits: input.fractionDigits, to: stdout)
        case .csv:
            stdout.write(CallTable.csv(calls, fractionDigits: input.fractionDigits))
        }
        return status.rawValue
    }

    /// The array of calls, streamed one call at a time (byte-identical to rendering the whole
    /// array), so a capture with many calls never holds its whole JSON document in memory.
    static func writeJSON(_ calls: [SIPCall], fractionDigits: Int, to stdout: OutputSink) {
        CallListJSON.write(calls, fractionDigits: fractionDigits) { stdout.append(bytes: $0) }
        stdout.endLine()
    }

    /// Stable: ties keep capture order (start time, then Call-ID).
    static func sorted(_ calls: [SIPCall], by key: SortKey) -> [SIPCall] {
        // The analysis lists calls by start time already.
        guard key != .start else { return calls }
        func value(_ call: borrowing SIPCall) -> Double {
            switch key {
            case .start, .callID, .state: 0
            case .duration: call.metrics.durationMs ?? -1
            case .pdd: call.metrics.pddMs ?? -1
            case .messages: Double(call.messageCount)
            case .retransmissions: Double(call.retransmissions)
            }
        }
        // Sorting positions, not calls, and reading fields in place: a call is a large value
        // and a capture has many.
        let order = calls.indices.sorted { left, right in
            switch key {
            case .callID where calls[left].callID != calls[right].callID:
                return calls[left].callID < calls[right].callID
            case .state where calls[left].state != calls[right].state:
                return calls[left].state.rawValue < calls[right].state.rawValue
            default:
                let (x, y) = (value(calls[left]), value(calls[right]))
                return x != y ? x < y : left < right
            }
        }
        return order.map { calls[$0] }
    }
}
