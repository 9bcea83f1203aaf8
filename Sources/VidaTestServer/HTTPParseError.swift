/// A request the server will not process: answered with ``status`` and closed, never a crash.
struct HTTPParseError: Error, Sendable, Equatable {
    /// 400 malformed, 413 body too large (RFC 9110 section 15.5.14), 431 headers too large
    /// (RFC 6585 section 5), 505 unsupported HTTP version.
    let status: Int
    /// Why, for the JSON body of the error response.
    let reason: String
}
