public import SIPAnalysis
import SIPCapture
import SIPMessage

/// The call list as an aligned text table (for people) or CSV (RFC 4180, for spreadsheets).
public enum CallTable {
    /// One row per call: start time (UTC), kind, From, To, state with its code, PDD, duration,
    /// messages, retransmissions and Call-ID. Times in seconds with millisecond precision.
    public static func text(_ calls: [SIPCall]) -> String {
        let header = ["Start (UTC)", "Kind", "From", "To", "State", "PDD s", "Dur s", "Msgs", "Retr", "Call-ID"]
        let rows = calls.map { call in
            [
                clockTime(call.startTime),
                call.kind == .other ? call.method.lowercased() : call.kind.rawValue,
                TextCell.truncated(shortURI(call.from), to: 28),
                TextCell.truncated(shortURI(call.to), to: 28),
                call.finalStatus.map { "\(call.state.rawValue) \($0)" } ?? call.state.rawValue,
                call.metrics.pddMs.map { MarkupText.seconds($0) } ?? "-",
                call.metrics.durationMs.map { MarkupText.seconds($0) } ?? "-",
                String(call.messageCount),
                String(call.retransmissions),
                call.callID,
            ]
        }
        let rightAligned: Set<Int> = [5, 6, 7, 8]
        return TextCell.table(header: header, rows: rows, rightAligned: rightAligned)
    }

    /// Every figure of ``CallJSON`` that fits a flat row, times in RFC 3339 UTC.
    public static func csv(_ calls: [SIPCall], fractionDigits: Int = 6) -> String {
        let header = [
            "callId", "kind", "method", "from", "to", "state", "finalStatus", "endedBy", "reason", "startTime",
            "endTime", "messageCount", "retransmissions", "tryingMs", "pddMs", "answerMs", "ringMs",
            "failedSetupMs", "sddMs", "durationMs", "rrdMs", "relatedCallIds",
        ]
        var lines = [header.joined(separator: ",")]
        for call in calls {
            let metrics = call.metrics
            let fields: [String] = [
                call.callID, call.kind.rawValue, call.method, call.from ?? "", call.to ?? "", call.state.rawValue,
                call.finalStatus.map(String.init) ?? "", call.endedBy?.rawValue ?? "", call.reason?.description ?? "",
                call.startTime.rfc3339(fractionDigits: fractionDigits),
                call.endTime.rfc3339(fractionDigits: fractionDigits), String(call.messageCount),
                String(call.retransmissions),
            ]
            let figures = [
                metrics.tryingMs, metrics.pddMs, metrics.answerMs, metrics.ringMs, metrics.failedSetupMs,
                metrics.sddMs, metrics.durationMs, metrics.rrdMs,
            ].map { $0.map(JSONValue.format) ?? "" }
            let row = fields + figures + [call.relatedCallIDs.joined(separator: " ")]
            lines.append(row.map(csvField).joined(separator: ","))
        }
        return lines.joined(separator: "\r\n") + "\r\n"
    }

    /// RFC 4180 section 2: quoted when it holds a comma, quote or line break; quotes doubled.
    /// A leading `=`, `+`, `-` or `@` is quoted too and prefixed with `'`, so a spreadsheet
    /// does not run a From header as a formula.
    static func csvField(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) || text != value else {
            return text
        }
        return "\"" + text.replacing("\"", with: "\"\"") + "\""
    }

    /// `alice@example.com` from `sip:alice@example.com`: the scheme says little in a table.
    static func shortURI(_ uri: String?) -> String {
        guard let uri else { return "-" }
        for scheme in ["sip:", "sips:", "tel:"] where uri.lowercased().hasPrefix(scheme) {
            return String(uri.dropFirst(scheme.count))
        }
        return uri
    }

    /// `HH:MM:SS.mmm` of a capture time, UTC.
    static func clockTime(_ time: CaptureTime) -> String {
        let text = time.rfc3339(fractionDigits: 3)
        guard let tee = text.firstIndex(of: "T") else { return text }
        return String(text[text.index(after: tee)...].dropLast())
    }
}
