import Foundation

/// The request line and header fields of one HTTP/1.x request (RFC 9112 sections 3 and 5).
struct HTTPRequestHead: Sendable {
    /// How the body is delimited (RFC 9112 section 6.3).
    enum Framing: Sendable, Equatable {
        case length(Int)
        case chunked
    }

    let method: String
    /// The request target exactly as sent (origin form, or absolute form reduced to its path).
    let target: String
    /// `HTTP/1.1` or `HTTP/1.0`.
    let version: String
    /// Field names lowercased; repeated fields joined with `, ` (RFC 9110 section 5.3).
    let headers: [String: String]
    let framing: Framing

    /// HTTP/1.1 keeps the connection by default, HTTP/1.0 only when asked (RFC 9112 section 9.3).
    var keepAlive: Bool {
        let tokens = (headers["connection"] ?? "").lowercased().split(separator: ",").map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if tokens.contains("close") { return false }
        if version == "HTTP/1.0" { return tokens.contains("keep-alive") }
        return true
    }

    /// `Expect: 100-continue` (RFC 9110 section 10.1.1): some clients wait for an interim
    /// response before they send a body.
    var expectsContinue: Bool {
        (headers["expect"] ?? "").lowercased() == "100-continue"
    }
}
