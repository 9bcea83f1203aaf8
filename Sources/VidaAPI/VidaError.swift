/// Why a Vida API request (or its configuration) failed, explained for the person at the terminal.
///
/// ``message`` is complete: it says what happened, for which URL (with the token replaced by
/// `***`), and what to do. It never contains the token: every text the client puts in an error
/// passes through ``VidaClient/redact(_:)``.
public struct VidaError: Error, Sendable, CustomStringConvertible {
    /// What kind of failure this is, to choose an exit code or a retry.
    public enum Kind: Sendable, Equatable {
        /// The token, the config file or the base URL is missing or unusable; nothing was sent.
        case configuration
        /// HTTP 400 (RFC 9110 section 15.5.1), or a 200 whose body says `success: false`.
        case badRequest
        /// HTTP 401 (RFC 9110 section 15.5.2): the token was rejected or missing.
        case unauthorized
        /// HTTP 404 (RFC 9110 section 15.5.5): no such capture, entry or registration.
        case notFound
        /// HTTP 409 (RFC 9110 section 15.5.10), for example "Duplicate AOR".
        case conflict
        /// HTTP 429 (RFC 6585 section 4) after the retries, or with a Retry-After too long to wait.
        case rateLimited
        /// HTTP 5xx (RFC 9110 section 15.6) after the retries.
        case serverError
        /// No response within the request timeout.
        case timeout
        /// The API host name did not resolve (DNS).
        case hostNotFound
        /// The TLS handshake failed (certificate, protocol).
        case tls
        /// The connection was refused, reset, or closed before the whole body arrived.
        case connection
        /// The body is not what the endpoint promised (an HTML page instead of JSON, ...).
        case undecodableResponse
        /// Any other HTTP status.
        case unexpectedStatus
    }

    public let kind: Kind
    /// Complete user-facing sentence(s): what happened and what to do. Token already redacted.
    public let message: String
    /// The HTTP status code, when a response arrived.
    public let statusCode: Int?
    /// The request URL with the token replaced by `***`, when a request was made.
    public let redactedURL: String?

    public init(kind: Kind, message: String, statusCode: Int? = nil, redactedURL: String? = nil) {
        self.kind = kind
        self.message = message
        self.statusCode = statusCode
        self.redactedURL = redactedURL
    }

    public var description: String { message }

    /// A few words for a progress line: "HTTP 503 Service Unavailable", "no answer in time",
    /// "connection lost". The whole story is in ``message``.
    public var headline: String {
        if let statusCode { return HTTPStatusName.text(statusCode) }
        return switch kind {
        case .timeout: "no answer in time"
        case .hostNotFound: "host name not found"
        case .tls: "TLS handshake failed"
        case .connection: "connection lost"
        case .undecodableResponse: "unreadable answer"
        default: "request failed"
        }
    }
}
