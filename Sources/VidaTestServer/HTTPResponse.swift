import Foundation

/// One response to write: status, extra header fields and body. `Content-Length`, `Connection`
/// and `Server` are always written by ``serialized(keepAlive:declaredLength:)``.
struct HTTPResponse: Sendable {
    var status: Int
    var headers: [(name: String, value: String)]
    var body: [UInt8]

    init(status: Int, headers: [(name: String, value: String)] = [], body: [UInt8] = []) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    /// A JSON body with sorted keys, so tests can compare bodies byte for byte.
    static func json(
        _ status: Int,
        _ object: [String: Any],
        headers: [(name: String, value: String)] = []
    )
        -> HTTPResponse
    {
        let data =
            (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys, .withoutEscapingSlashes]))
            ?? Data("{}".utf8)
        return HTTPResponse(
            status: status,
            headers: [(name: "Content-Type", value: "application/json; charset=utf-8")] + headers,
            body: [UInt8](data)
        )
    }

    /// `{"success":false,"message":...}`, the error shape of the SIP endpoints.
    static func failure(
        _ status: Int,
        _ message: String,
        headers: [(name: String, value: String)] = []
    )
        -> HTTPResponse
    {
        json(status, ["success": false, "message": message], headers: headers)
    }

    /// The status line, header fields and body. `declaredLength` overrides Content-Length, which
    /// is how the `closeMidBody` fault announces more than it sends.
    func serialized(keepAlive: Bool, declaredLength: Int? = nil) -> [UInt8] {
        var text = "HTTP/1.1 \(status) \(Self.reasonPhrase(status))\r\n"
        for (name, value) in headers {
            // The framing fields are ours: an injected `.status` fault must not break framing.
            let lowered = name.lowercased()
            if lowered == "content-length" || lowered == "connection" || lowered == "transfer-encoding" {
                continue
            }
            text += "\(Self.clean(name)): \(Self.clean(value))\r\n"
        }
        text += "Content-Length: \(declaredLength ?? body.count)\r\n"
        text += "Connection: \(keepAlive ? "keep-alive" : "close")\r\n"
        text += "Server: sipdiag-testserver\r\n\r\n"
        return [UInt8](text.utf8) + body
    }

    /// Header text from a test must not be able to inject extra lines.
    private static func clean(_ text: String) -> String {
        text.replacingOccurrences(of: "\r", with: " ").replacingOccurrences(of: "\n", with: " ")
    }

    /// Reason phrases of RFC 9110 section 15 (and RFC 6585 for 429 and 431).
    static func reasonPhrase(_ status: Int) -> String {
        switch status {
        case 100: "Continue"
        case 200: "OK"
        case 201: "Created"
        case 204: "No Content"
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 405: "Method Not Allowed"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 418: "I'm a teapot"
        case 429: "Too Many Requests"
        case 431: "Request Header Fields Too Large"
        case 500: "Internal Server Error"
        case 501: "Not Implemented"
        case 502: "Bad Gateway"
        case 503: "Service Unavailable"
        case 504: "Gateway Timeout"
        case 505: "HTTP Version Not Supported"
        default: "Status \(status)"
        }
    }
}
