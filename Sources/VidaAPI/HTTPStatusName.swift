/// Reason phrases of the status codes the API may answer with (RFC 9110 section 15, RFC 6585
/// section 4), for messages such as "HTTP 503 Service Unavailable".
enum HTTPStatusName {
    static func text(_ code: Int) -> String {
        guard let name = names[code] else { return "HTTP \(code)" }
        return "HTTP \(code) \(name)"
    }

    private static let names: [Int: String] = [
        200: "OK", 201: "Created", 204: "No Content",
        300: "Multiple Choices", 301: "Moved Permanently", 302: "Found", 303: "See Other", 304: "Not Modified",
        307: "Temporary Redirect", 308: "Permanent Redirect",
        400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
        406: "Not Acceptable", 408: "Request Timeout", 409: "Conflict", 410: "Gone", 413: "Content Too Large",
        415: "Unsupported Media Type", 422: "Unprocessable Content", 429: "Too Many Requests",
        500: "Internal Server Error", 501: "Not Implemented", 502: "Bad Gateway", 503: "Service Unavailable",
        504: "Gateway Timeout",
    ]
}
