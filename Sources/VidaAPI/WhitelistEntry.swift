/// One entry of the SIP IP whitelist, as `GET /api/v2/sip/ipWhitelist` lists it
/// (vida-openapi.json: `ip`, `label`, `userId`, `timestamp`).
///
/// Decoding tolerates unknown fields and numbers written as floats or strings; only `ip` is
/// required.
public struct WhitelistEntry: Sendable, Equatable, Codable {
    /// The whitelisted IP address.
    public var ip: String
    /// Its friendly label ("Office IP").
    public var label: String?
    /// The owning user's id.
    public var userId: Int64?
    /// When the entry was created, epoch seconds as the spec's example (1678829072) shows.
    public var timestamp: Int64?

    public init(ip: String, label: String?, userId: Int64? = nil, timestamp: Int64? = nil) {
        self.ip = ip
        self.label = label
        self.userId = userId
        self.timestamp = timestamp
    }

    private enum CodingKeys: String, CodingKey {
        case ip
        case label
        case userId
        case timestamp
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        ip = try container.decode(String.self, forKey: .ip)
        label = container.lenientString(forKey: .label)
        userId = container.lenientInt64(forKey: .userId)
        timestamp = container.lenientInt64(forKey: .timestamp)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ip, forKey: .ip)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(userId, forKey: .userId)
        try container.encodeIfPresent(timestamp, forKey: .timestamp)
    }
}
