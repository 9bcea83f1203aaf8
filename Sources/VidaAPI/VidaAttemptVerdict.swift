/// What one attempt came to, once ``VidaResponseInterpreter`` has read it.
enum VidaAttemptVerdict: Sendable {
    /// A 2xx response (or a 404 the endpoint takes as "none"), for the endpoint to decode.
    case success(VidaHTTPResponse)
    /// A failure. `transient` when sending the same GET again may succeed (429, 5xx, timeout,
    /// connection closed part way); `retryAfter` from the response's header (RFC 9110 section
    /// 10.2.3).
    case failure(VidaError, transient: Bool, retryAfter: RetryAfter?)
}
