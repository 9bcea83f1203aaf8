/// A response as it arrived: status, headers and the whole body.
struct VidaHTTPResponse: Sendable {
    /// The status code (RFC 9110 section 15).
    let statusCode: Int
    /// Header fields by lowercased name (field names are case-insensitive, RFC 9110 section 5.1).
    let headers: [String: String]
    let body: [UInt8]

    init(statusCode: Int, headers: [String: String], body: [UInt8]) {
        self.statusCode = statusCode
        var lowered: [String: String] = [:]
        for (name, value) in headers { lowered[name.lowercased()] = value }
        self.headers = lowered
        self.body = body
    }

    func header(_ name: String) -> String? { headers[name.lowercased()] }

    var contentType: String? { header("content-type") }
}
