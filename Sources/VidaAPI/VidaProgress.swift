/// What a ``VidaClient`` request is doing, for a progress line on a terminal.
public enum VidaProgress: Sendable {
    /// A request (attempt `attempt`, from 1) is being sent.
    case connecting(attempt: Int)
    /// The previous attempt failed for `reason` (``VidaError/headline``: a few words, no URL);
    /// the next one, `attempt`, starts in `seconds`.
    case waitingToRetry(seconds: Double, attempt: Int, reason: String)
    /// `bytes` of the body have arrived, of `expected` when the response had a `Content-Length`.
    case receiving(bytes: Int64, expected: Int64?)
}
