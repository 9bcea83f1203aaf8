import SIPMessage

/// Whether a message carries SDP and, where offer and answer are exchanged, the media it
/// describes. Read on the thread that parses, ahead of the analysis: the SDP parse is a large
/// share of the work per message.
struct MessageMedia: Sendable {
    let hasSDP: Bool
    /// The SDP's media in a message of an INVITE, ACK or PRACK transaction, the ones that carry
    /// offers and answers (RFC 3264 section 4, RFC 3261 section 13.2.1, RFC 3262 section 5).
    let description: MediaDescription?

    init(_ message: SIPMessage) {
        hasSDP = Self.carriesSDP(message)
        guard hasSDP else {
            description = nil
            return
        }
        // A response's transaction is named by its CSeq (RFC 3261 section 17.1.3).
        let method = message.method?.rawValue ?? message.cseqValue()?.method
        guard method == "INVITE" || method == "ACK" || method == "PRACK",
            let session = message.parsedBody().body.sdp
        else {
            description = nil
            return
        }
        description = MediaDescription(session)
    }

    /// SDP directly, or inside a multipart body (RFC 5621), which needs the body parsed.
    private static func carriesSDP(_ message: SIPMessage) -> Bool {
        guard !message.body.isEmpty, let type = (try? message.contentType()) ?? nil else { return false }
        if type.isSDP { return true }
        guard type.isMultipart else { return false }
        return message.parsedBody().body.sdp != nil
    }
}
