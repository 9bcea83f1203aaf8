/// How much of each message the analysis keeps. Listing the calls of a large capture needs only
/// per-call summaries; a ladder needs the messages of the calls it draws.
public enum MessageRetention: Hashable, Sendable {
    /// Only the per-call summary, transactions and figures: memory grows with calls, not messages.
    case none
    /// Every message's summary (``CallMessage`` without bytes).
    case summaries
    /// Every message with its bytes.
    case full
}
