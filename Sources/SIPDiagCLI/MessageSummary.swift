import SIPCapture
import SIPMessage

/// What the `messages` command shows of one captured message: the capture facts plus the
/// parsed start line, Call-ID and CSeq, and (with `--validate`) the RFC 3261 violations.
struct MessageSummary {
    let captured: CapturedMessage
    let parsed: SIPMessage?
    /// Why the bytes could not be parsed as SIP, when they could not.
    let parseError: SIPParseError?
    let violations: [SIPParseNote]
    /// Call-ID as written; computed once, since the filter and the printers all read it.
    let callID: String?
    /// CSeq normalised to number, one space, method (RFC 3261 section 20.16), or as written
    /// when it does not follow the grammar.
    let cseq: String?

    init(_ captured: CapturedMessage, validate: Bool) {
        self.captured = captured
        do {
            let message = try SIPMessage(parsing: captured.payload)
            parsed = message
            parseError = nil
            // Text pasted from logs loses its CRs; that says nothing about the message on the wire.
            let fromText = captured.notes.contains(.readFromText)
            violations = validate ? message.validate().filter { !(fromText && $0.code == .lineEnding) } : []
            callID = message.value(.callID)
            cseq = message.value(.cseq).map { raw in ((try? message.cseq()) ?? nil)?.description ?? raw }
        } catch {
            parsed = nil
            parseError = error
            violations = validate ? [SIPParseNote(error.code, error.reason, offset: error.offset)] : []
            callID = nil
            cseq = nil
        }
    }

    /// False for messages read from SIP text, which have no time, addresses or transport.
    var hasNetworkDetails: Bool { !captured.notes.contains(.readFromText) }

    var method: String? { parsed?.method?.rawValue }
    var statusCode: Int? { parsed?.statusCode }
    var reasonPhrase: String? { parsed?.reasonPhrase }

    /// `INVITE` for a request, `486 Busy Here` for a response, or the start line as captured.
    var label: String {
        if let method { return method }
        if let statusCode { return "\(statusCode) \(reasonPhrase ?? "")" }
        return captured.startLine
    }
}
