import SIPCapture
import SIPMessage

/// A captured message with the work that needs no call state already done: parsed, and its SDP
/// read. This part of the analysis can run on another thread, ahead of the part that places
/// each message in its call (which must see the messages one by one, in order).
///
/// A class: the thread that places messages reads it where it is. As a value, each message's
/// half-dozen references were retained and released there, on memory the other thread wrote.
final class PreparedMessage: Sendable {
    let captured: CapturedMessage
    let parse: Parse

    /// What parsing the message gave, and how far its preparation went.
    enum Parse: Sendable {
        /// Parsed; the SDP read too when it is not `nil`.
        case parsed(SIPMessage, MessageMedia?)
        /// Parsed, and its facts found too.
        case withFacts(MessageFacts)
        /// A SIP message without a usable Call-ID (RFC 3261 section 8.1.1.4).
        case withoutCallID(SIPMessage)
        case unparsable(SIPParseError)
    }

    /// Parses `captured` and prepares it as far as `depth` says.
    init(_ captured: CapturedMessage, depth: PreparationDepth) {
        self.captured = captured
        let message: SIPMessage
        do {
            message = try SIPMessage(parsing: captured.payload)
        } catch {
            parse = .unparsable(error)
            return
        }
        switch depth {
        case .parse:
            parse = .parsed(message, nil)
        case .media:
            parse = .parsed(message, MessageMedia(message))
        case .facts(let relatedLegHeaders):
            if let facts = MessageFacts(message, media: MessageMedia(message), relatedLegHeaders: relatedLegHeaders) {
                parse = .withFacts(facts)
            } else {
                parse = .withoutCallID(message)
            }
        }
    }
}
