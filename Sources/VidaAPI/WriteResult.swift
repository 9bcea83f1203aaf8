/// What a write (POST or DELETE) on the SIP configuration endpoints answered.
public struct WriteResult: Sendable, Equatable {
    /// The HTTP status code (200 or 201).
    public let statusCode: Int
    /// The body's `message` (for example "IP entry created successfully"), or a default
    /// sentence when the body had none.
    public let message: String
    /// Whether the status was 201 Created (RFC 9110 section 15.3.2).
    public let created: Bool
    /// The whitelist after the change, when the response carried it (`POST /api/v2/sip/ipWhitelist`).
    public let whitelist: [WhitelistEntry]?
    /// The routes after the change, when the response carried them (`POST /api/v2/sip/outboundRoutes`).
    public let routes: [String]?

    public init(statusCode: Int, message: String, whitelist: [WhitelistEntry]? = nil, routes: [String]? = nil) {
        self.statusCode = statusCode
        self.message = message
        self.created = statusCode == 201
        self.whitelist = whitelist
        self.routes = routes
    }
}
