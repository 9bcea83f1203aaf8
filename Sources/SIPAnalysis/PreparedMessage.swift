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

    /// What parsing the message gave.
    enum Parse: Sendable {
        case parsed(SIPMessage, MessageMedia)
        /// Parsed, and its facts found too.
        case withFacts(MessageFacts)
        /// A SIP message without a usable Call-ID (RFC 3261 section 8.1.1.4).
        case withoutCallID(SIPMessage)
        case unparsable(SIPParseError)
    }

    /// Parses `captured`, and finds its facts too when `factHeaders` (the related-leg headers
    /// the facts read) is given. The facts are the same whichever thread finds them: the
    /// reading thread finds them when it is ahead, so that the two threads stay busy.
    init(_ captured: CapturedMessage, factHeaders: [SIPHeaderName]?) {
        self.captured = captured
        let message: SIPMessage
        do {
            message = try SIPMessage(parsing: captured.payload)
        } catch {
            parse = .unparsable(error)
            return
        }
        let media = MessageMedia(message)
        guard let factHeaders else {
            parse = .parsed(message, media)
            return
        }
        if let facts = MessageFacts(message, media: media, relatedLegHeaders: factHeaders) {
            parse = .withFacts(facts)
        } else {
            parse = .withoutCallID(message)
        }
    }
}
