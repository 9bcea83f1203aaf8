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
        guard !message.body.isEmpty, let type = (try? message.contentType()) ?? nil, type.isSDP || type.isMultipart
        else {
            hasSDP = false
            description = nil
            return
        }
        // A response's transaction is named by its CSeq (RFC 3261 section 17.1.3).
        let method = message.method?.rawValue ?? message.cseqValue()?.method
        let carriesOfferOrAnswer = method == "INVITE" || method == "ACK" || method == "PRACK"
        // Parsed once: a multipart body (RFC 5621) to know whether it holds SDP at all, an SDP
        // body only when its media is wanted.
        let session = type.isMultipart || carriesOfferOrAnswer ? message.parsedBody().body.sdp : nil
        hasSDP = type.isSDP || session != nil
        description = carriesOfferOrAnswer ? session.flatMap(MediaDescription.init) : nil
    }
}
