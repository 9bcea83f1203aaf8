public import Foundation

/// One request as the server received it, for tests to check what a client sent.
public struct RecordedRequest: Sendable {
    /// `GET`, `POST`, `DELETE`, ... as sent.
    public let method: String
    /// The path without the query, percent-decoded, for example `/api/v2/sip/captures`.
    public let path: String
    /// The query exactly as sent (still percent-encoded), `nil` when the target had no `?`.
    public let rawQuery: String?
    /// The query items, decoded as a form-urlencoded query is (`+` is a space, then percent
    /// decoding): that is how Express-style servers read them, so a client that leaves a `+` in
    /// a Call-ID unencoded is caught here as it would be in production.
    public let queryItems: [URLQueryItem]
    /// Header fields with lowercased names; repeated fields joined with `, `.
    public let headers: [String: String]
    /// The body after any chunked transfer coding is removed.
    public let body: [UInt8]

    /// Creates a recorded request.
    public init(
        method: String,
        path: String,
        rawQuery: String?,
        queryItems: [URLQueryItem],
        headers: [String: String],
        body: [UInt8]
    ) {
        self.method = method
        self.path = path
        self.rawQuery = rawQuery
        self.queryItems = queryItems
        self.headers = headers
        self.body = body
    }

    /// Builds the record for a request target such as `/api/v2/sip/captures?sipCallId=a%40b`.
    init(method: String, target: String, headers: [String: String], body: [UInt8]) {
        let rawPath: Substring
        let query: String?
        if let questionMark = target.firstIndex(of: "?") {
            rawPath = target[target.startIndex..<questionMark]
            query = String(target[target.index(after: questionMark)...])
        } else {
            rawPath = Substring(target)
            query = nil
        }
        self.init(
            method: method,
            path: String(rawPath).removingPercentEncoding ?? String(rawPath),
            rawQuery: query,
            queryItems: query.map(Self.parseQuery) ?? [],
            headers: headers,
            body: body
        )
    }

    /// The first value of query item `name` (`""` for an item without `=`), `nil` if absent.
    public func query(_ name: String) -> String? {
        guard let item = queryItems.first(where: { $0.name == name }) else { return nil }
        return item.value ?? ""
    }

    /// The value of header field `name`, compared case-insensitively.
    public func header(_ name: String) -> String? {
        headers[name.lowercased()]
    }

    /// The body as UTF-8 text (invalid bytes replaced, never a failure).
    public var bodyText: String {
        String(decoding: body, as: UTF8.self)
    }

    private static func parseQuery(_ query: String) -> [URLQueryItem] {
        query.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            if let equals = pair.firstIndex(of: "=") {
                return URLQueryItem(
                    name: decode(pair[pair.startIndex..<equals]),
                    value: decode(pair[pair.index(after: equals)...])
                )
            }
            return URLQueryItem(name: decode(pair), value: nil)
        }
    }

    private static func decode(_ component: Substring) -> String {
        let spaced = component.replacingOccurrences(of: "+", with: " ")
        return spaced.removingPercentEncoding ?? spaced
    }
}
