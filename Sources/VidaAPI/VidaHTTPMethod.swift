/// The HTTP methods the SIP endpoints use (RFC 9110 section 9.3).
enum VidaHTTPMethod: String, Sendable {
    case get = "GET"
    case post = "POST"
    case delete = "DELETE"

    /// Whether a failed request may be sent again. Only GET: it is safe and idempotent (RFC 9110
    /// section 9.2.2). DELETE is idempotent in the RFC's terms, but on this API a retried DELETE
    /// after a lost response answers 404 and hides the first one's success, so it is not retried
    /// either.
    var isRetryable: Bool { self == .get }
}
