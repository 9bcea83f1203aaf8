public import SIPAnalysis
import SIPCapture
import SIPMessage

/// A call described in plain text for a person: who called whom, how it ended and why, the
/// media, then the timing figures with their definitions and the notes.
public enum CallSummaryText {
    /// The header lines of one call (no trailing newline on the last line is added by callers).
    public static func header(_ call: SIPCall, fractionDigits: Int = 6) -> String {
        var lines: [(String, String)] = []
        let kind = call.kind == .other ? call.method : call.kind == .call ? "Call" : "Registration"
        lines.append(("From", party(call.fromDisplayName, call.from)))
        lines.append(("To", party(call.toDisplayName, call.to)))
        lines.append(("Outcome", outcome(call)))
        if let reason = call.reason { lines.append(("Reason", describe(reason))) }
        lines.append(
            (
                "Started",
                "\(call.startTime.rfc3339(fractionDigits: fractionDigits)), \(call.messageCount) messages, "
                    + "\(call.retransmissions) retransmission\(call.retransmissions == 1 ? "" : "s")"
            )
        )
        if let media = mediaLine(call.media) { lines.append(("Media", media)) }
        if let registration = call.registration {
            var text = "AOR \(registration.addressOfRecord)"
            if let contact = registration.contact { text += ", contact \(contact)" }
            if let granted = registration.grantedExpires { text += ", granted \(granted) s" }
            if registration.challenges > 0 { text += ", \(registration.challenges) challenge(s)" }
            lines.append(("Binding", text))
        }
        if !call.userAgents.isEmpty { lines.append(("Agents", call.userAgents.joined(separator: "; "))) }
        if !call.relatedCallIDs.isEmpty { lines.append(("Related", call.relatedCallIDs.joined(separator: ", "))) }
        let width = lines.map { $0.0.count }.max() ?? 0
        return "\(kind) \(call.callID)\n"
            + lines.map { "  " + TextCell.padded($0.0 + ":", to: width + 1) + "  " + $0.1 }.joined(separator: "\n")
            + "\n"
    }

    /// `answered (200 OK), ended by the caller` / `busy (486 Busy Here)`.
    public static func outcome(_ call: SIPCall) -> String {
        var text = call.state.rawValue
        if let status = call.finalStatus {
            let phrase = call.finalReasonPhrase.map { $0.isEmpty ? "" : " " + $0 } ?? ""
            text += " (\(status)\(phrase))"
        }
        if let party = call.endedBy { text += ", ended by the \(party.rawValue)" }
        return text
    }

    /// `Q.850 cause 16 (Normal call clearing), "text"`.
    static func describe(_ reason: SIPReason) -> String {
        var text = reason.protocolName
        if let cause = reason.cause { text += " cause \(cause)" }
        if let meaning = reason.q850Description { text += " (\(meaning))" }
        if let detail = reason.text, !detail.isEmpty { text += ", \"\(detail)\"" }
        return text
    }

    static func party(_ name: String?, _ uri: String?) -> String {
        guard let uri else { return "-" }
        guard let name, !name.isEmpty else { return uri }
        return "\"\(name)\" <\(uri)>"
    }

    static func mediaLine(_ media: CallMedia) -> String? {
        guard media.offer != nil || media.answer != nil else { return nil }
        func side(_ label: String, _ description: MediaDescription?) -> String? {
            guard let description else { return nil }
            var text = "\(label) \(description.endpoint ?? "-") \(description.codecs.joined(separator: " "))"
            if description.direction != "sendrecv" { text += " \(description.direction)" }
            if description.isEncrypted { text += " SRTP" }
            return text
        }
        var parts = [side("offer", media.offer), side("answer", media.answer)].compactMap { $0 }
        if let codec = media.negotiatedCodec { parts.append("codec \(codec)") }
        return parts.joined(separator: "; ")
    }

    /// The timing figures with their definitions, and the notes.
    public static func timingAndNotes(_ call: SIPCall) -> String {
        var text = ""
        let timing = TimingSummary(call.metrics)
        if !timing.rows.isEmpty {
            text += "Timing (measured at the capture point):\n"
            let nameWidth = timing.rows.map { $0.name.count }.max() ?? 0
            let valueWidth = timing.rows.map { TextCell.width($0.formatted) }.max() ?? 0
            for row in timing.rows {
                text +=
                    "  " + TextCell.padded(row.name, to: nameWidth) + "  "
                    + TextCell.padded(row.formatted, to: valueWidth, right: true) + "  " + row.definition + "\n"
            }
        }
        let answered = call.transactions.filter { $0.firstResponseDelayMs != nil || $0.retransmissions > 0 }
        if !answered.isEmpty {
            text += "Transactions (response times, retransmissions):\n"
            let names = answered.map { "\($0.method) (CSeq \($0.cseq))" }
            let width = names.map(TextCell.width).max() ?? 0
            for (transaction, name) in zip(answered, names) {
                var parts: [String] = []
                if let first = transaction.firstResponseDelayMs, let response = transaction.firstResponse {
                    parts.append("first response \(response.statusCode) after \(TimingSummary.format(first))")
                }
                if let final = transaction.finalResponseDelayMs, let response = transaction.finalResponse,
                    transaction.responses.count > 1
                {
                    parts.append("final \(response.statusCode) after \(TimingSummary.format(final))")
                }
                if transaction.retransmissions > 0 { parts.append("\(transaction.retransmissions) retransmitted") }
                text += "  " + TextCell.padded(name + ":", to: width + 1) + " " + parts.joined(separator: ", ") + "\n"
            }
        }
        if !call.notes.isEmpty {
            text += "Notes:\n" + call.notes.map { "  - \($0)\n" }.joined()
        }
        return text
    }
}
