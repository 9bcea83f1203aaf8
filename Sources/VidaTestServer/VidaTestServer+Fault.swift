extension VidaTestServer {
    /// A misbehaviour to inject with ``VidaTestServer/inject(_:path:method:count:)``, to test how a
    /// client copes with it.
    ///
    /// A client built on libcurl (URLSession on Linux) resends a request once, on a fresh
    /// connection, when a *reused* connection closes before any byte of the response: so
    /// ``dropConnection`` may be retried invisibly. Inject it with a `count` of 2 or more when the
    /// client's connection may already be open.
    public enum Fault: Sendable, Equatable {
        /// 401 `{"success":false,"message":"Unauthorized"}`, whatever the token.
        case unauthorized
        /// 404 `{"success":false,"message":"Not found"}`.
        case notFound
        /// 429 `{"success":false,"message":"Too many requests"}`, with `Retry-After: <seconds>`
        /// when given (RFC 6585 section 4, RFC 9110 section 10.2.3).
        case rateLimited(retryAfter: Int?)
        /// The given status (500, 502, 503, ...) with `{"success":false,"message":"Server error"}`.
        case serverError(Int)
        /// Any status, body, content type and extra header fields. `Content-Length` and
        /// `Connection` in `headers` are ignored: the server writes them itself.
        case status(Int, body: String, contentType: String, headers: [String: String])
        /// Waits this long, then answers normally (for client timeouts).
        case delay(seconds: Double)
        /// Sends the normal response's header with its full Content-Length but only half of the
        /// body (or, for a body under 2 bytes, announces 64 bytes more than it has), then closes.
        case closeMidBody
        /// 200 with `Content-Type: text/html` and `<html><body>Bad gateway</body></html>`, as a
        /// proxy in front of the API might answer.
        case htmlBody
        /// Closes the connection without sending anything.
        case dropConnection
    }
}
