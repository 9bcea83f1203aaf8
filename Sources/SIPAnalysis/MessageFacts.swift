import SIPMessage

/// What the analysis reads from one parsed message: the hot values once, by quick scans, the rest on demand. Header values that
/// do not parse are treated as absent: the analysis still places the message, and
/// `sipdiag messages --validate` is where malformed headers are reported.
///
/// A class: the facts are handed through several steps per message, and copying a struct of
/// this many references cost more than allocating it once. Read on the thread that parses,
/// used on the one that builds calls: every property is a constant.
final class MessageFacts: Sendable {
    let message: SIPMessage
    /// The Call-ID's bytes when it has the plain shape (visible ASCII, the usual case): the
    /// analysis finds the call by them, and makes the String only for a new call.
    let plainCallID: ArraySlice<UInt8>?
    /// The Call-ID of any other shape, as the typed parser reads it.
    private let parsedCallID: String?
    let cseq: SIPCSeq?
    /// Top Via branch and sent-by (host lowercased, with the port when written), as the
    /// message's bytes when they are written that way (nearly always).
    let branchKey: ByteKey?
    let sentByKey: ByteKey
    /// The From and To tags, read once: transactions and dialogs compare them several times.
    let fromTag: String?
    let toTag: String?
    let media: MessageMedia
    let relatedCallIDs: [String]

    init?(_ message: SIPMessage, media: MessageMedia, relatedLegHeaders: [SIPHeaderName]) {
        if let plain = message.plainCallIDBytes() {
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
        if let via = message.topViaTransactionIdentityBytes() {
            branchKey = via.branch.map { ByteKey($0) }
            sentByKey = ByteKey(via.sentBy)
        } else {
            let via = message.topViaTransactionIdentity()
            branchKey = via?.branch.map { ByteKey($0) }
            sentByKey = ByteKey(via?.sentBy ?? "")
        }
        fromTag = message.fromTag()
        toTag = message.toTag()
        self.media = media
        // Most messages carry none of these headers: no arrays for them.
        if relatedLegHeaders.contains(where: { message.firstRawValue($0) != nil }) {
            let callID = Self.callID(plain: plainCallID, parsed: parsedCallID)
            relatedCallIDs = relatedLegHeaders.flatMap { message.values($0) }.filter { !$0.isEmpty && $0 != callID }
        } else {
            relatedCallIDs = []
        }
    }

    // Read only where needed, which for most messages is never: making them costs allocations
    // that a capture of millions of messages would pay for nothing.

    /// The Call-ID as the typed parser reads it (for the plain shape, the bytes as they are).
    var callID: String { Self.callID(plain: plainCallID, parsed: parsedCallID) }

    private static func callID(plain: ArraySlice<UInt8>?, parsed: String?) -> String {
        plain.map { String(decoding: $0, as: UTF8.self) } ?? parsed ?? ""
    }

    /// The top Via's branch and sent-by as text, for a transaction this message opens.
    var branch: String? { branchKey?.string }

    var sentBy: String { sentByKey.string }

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
    var hasSDP: Bool { media.hasSDP }

    var transactionMethod: String? {
        method ?? cseq?.method
    }
}
