/// The first line of a SIP message: a Request-Line or a Status-Line (RFC 3261 section 7.1, 7.2).
public enum SIPStartLine: Hashable, Sendable, CustomStringConvertible {
    case request(method: SIPMethod, requestURI: String)
    case response(statusCode: Int, reasonPhrase: String)

    public var description: String {
        switch self {
        case .request(let method, let uri): "\(method) \(uri) SIP/2.0"
        case .response(let code, let reason): "SIP/2.0 \(code) \(reason)"
        }
    }
}
