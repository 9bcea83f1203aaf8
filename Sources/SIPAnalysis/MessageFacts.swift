import SIPMessage

/// What the analysis reads from one parsed message: the hot values once, by quick scans, the rest on demand. Header values that
/// do not parse are treated as absent: the analysis still places the message, and
/// `sipdiag messages --validate` is where malformed headers are reported.
///
/// A class: the facts are handed through several steps per message, and copying a struct of
/// this many references cost more than allocating it once.
final class MessageFacts {
    let message: SIPMessage
    /// The Call-ID's bytes when it has the plain shape (visible ASCII, the usual case): the
    /// analysis finds the call by them, and makes the String only for a new call.
    let plainCallID: ArraySlice<UInt8>?
    /// The Call-ID of any other shape, as the typed parser reads it.
    private let parsedCallID: String?
    let cseq: SIPCSeq?
    /// Top Via branch and sent-by (host lowercased, with the port when written).
    let branch: String?
    let sentBy: String
    /// The From and To tags, read once: transactions and dialogs compare them several times.
    let fromTag: String?
    let toTag: String?
    let hasSDP: Bool
    let relatedCallIDs: [String]

    init?(_ message: SIPMessage, relatedLegHeaders: [SIPHeaderName]) {
        if let plain = Self.plainCallID(message) {
            plainCallID = plain
            parsedCallID = nil
        } else {
            guard let callID = (try? message.callID())??.value ?? message.value(.callID), !callID.isEmpty else {
                return nil
            }
            plainCallID = nil
            parsedCallID = callID
        }
        self.message = message
        cseq = message.cseqValue()
        let via = message.topViaTransactionIdentity()
        branch = via?.branch
        sentBy = via?.sentBy ?? ""
        fromTag = message.fromTag()
        toTag = message.toTag()
        hasSDP = Self.carriesSDP(message)
        // Most messages carry none of these headers: no arrays for them.
        if relatedLegHeaders.contains(where: { message.firstRawValue($0) != nil }) {
            let callID = plainCallID.map { String(decoding: $0, as: UTF8.self) } ?? parsedCallID ?? ""
            relatedCallIDs = relatedLegHeaders.flatMap { message.values($0) }.filter { !$0.isEmpty && $0 != callID }
        } else {
            relatedCallIDs = []
        }
    }

    // Read only where needed, which for most messages is never: making them costs allocations
    // that a capture of millions of messages would pay for nothing.

    /// The Call-ID as the typed parser reads it (for the plain shape, the bytes as they are).
    var callID: String { plainCallID.map { String(decoding: $0, as: UTF8.self) } ?? parsedCallID ?? "" }

    var startLine: SIPStartLine { message.startLine }

    /// From and To, parsed: only a call's first messages need them (the call's identity).
    var from: SIPNameAddress? { (try? message.from()) ?? nil }

    var to: SIPNameAddress? { (try? message.to()) ?? nil }

    var reason: SIPReason? { (try? message.reasons())?.first }

    /// The User-Agent of a request, the Server of a response.
    var userAgentBytes: ArraySlice<UInt8>? { message.firstRawValue(message.isRequest ? .userAgent : .server) }

    var userAgent: String? { message.value(message.isRequest ? .userAgent : .server) }

    var method: String? { message.method?.rawValue }

    var statusCode: Int? { message.statusCode }

    /// The method of the transaction the message belongs to: its own for a request, the CSeq's
    /// for a response (RFC 3261 section 17.1.3).
    var transactionMethod: String? {
        method ?? cseq?.method
    }

    /// The Call-ID of the usual shape (visible ASCII between optional white space), read
    /// straight from the bytes: what ``SIPMessage/callID()`` gives for it, without the notes it
    /// works out for unusual Call-IDs (RFC 3261 section 20.8). `nil` for anything else.
    private static func plainCallID(_ message: SIPMessage) -> ArraySlice<UInt8>? {
        guard let raw = message.firstRawValue(.callID) else { return nil }
        var start = raw.startIndex
        var end = raw.endIndex
        while start < end, isWhitespace(raw[start]) { start += 1 }
        while end > start, isWhitespace(raw[end - 1]) { end -= 1 }
        guard start < end, !raw[start..<end].contains(where: { $0 < 0x21 || $0 > 0x7E }) else { return nil }
        return raw[start..<end]
    }

    /// SP, HTAB, CR and LF: what the header parsers trim around a value.
    private static func isWhitespace(_ byte: UInt8) -> Bool {
        byte == 0x20 || byte == 0x09 || byte == 0x0D || byte == 0x0A
    }

    /// SDP directly, or inside a multipart body (RFC 5621), which needs the body parsed.
    private static func carriesSDP(_ message: SIPMessage) -> Bool {
        guard !message.body.isEmpty, let type = (try? message.contentType()) ?? nil else { return false }
        if type.isSDP { return true }
        guard type.isMultipart else { return false }
        return message.parsedBody().body.sdp != nil
    }
}
