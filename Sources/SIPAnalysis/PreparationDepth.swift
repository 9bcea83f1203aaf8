import SIPMessage

/// How much of a message's preparation the reading thread does: the rest is done by the thread
/// that places messages in calls. The results are the same whichever thread does the work, so
/// the reading thread does more when it is ahead and less when the other thread waits for it,
/// and both stay busy.
enum PreparationDepth: Sendable {
    /// Only the message parsed.
    case parse
    /// Parsed, and its SDP read (``MessageMedia``).
    case media
    /// Parsed, SDP read and the facts found (``MessageFacts``), with these related-leg headers.
    case facts(relatedLegHeaders: [SIPHeaderName])
}
