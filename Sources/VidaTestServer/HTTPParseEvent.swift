/// What ``HTTPRequestParser/next()`` found in the bytes received so far.
enum HTTPParseEvent: Sendable {
    /// The head asked for `100 Continue` and its body has not arrived yet.
    case continueExpected
    /// A complete request.
    case request(HTTPRequestHead, body: [UInt8])
}
