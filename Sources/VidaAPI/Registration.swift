/// The SIP registration (the account registering to a remote registrar) as
/// `GET /api/v2/sip/registration` returns it under `"registration"` (capture-formats.md section 7).
/// The password is never returned. Unknown fields are tolerated; numbers and booleans may come
/// as strings.
public struct Registration: Sendable, Equatable, Codable {
    /// Address of record, for example `1001@sip.example.com`.
    public var aor: String
    public var username: String?
    public var authUsername: String?
    public var sipRealm: String?
    /// The registrar or outbound proxy, for example `sip.example.com:5061`.
    public var proxy: String?
    public var port: Int?
    /// `UDP`, `TCP` or `TLS` (the API's default is UDP).
    public var transport: String?
    public var subscribe: Bool?

    public init(
        aor: String,
        username: String? = nil,
        authUsername: String? = nil,
        sipRealm: String? = nil,
        proxy: String? = nil,
        port: Int? = nil,
        transport: String? = nil,
        subscribe: Bool? = nil
    ) {
        self.aor = aor
        self.username = username
        self.authUsername = authUsername
        self.sipRealm = sipRealm
        self.proxy = proxy
        self.port = port
        self.transport = transport
        self.subscribe = subscribe
    }

    private enum CodingKeys: String, CodingKey {
        case aor
        case username
        case authUsername
        case sipRealm
        case proxy
        case port
        case transport
        case subscribe
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        aor = try container.decode(String.self, forKey: .aor)
        username = container.lenientString(forKey: .username)
        authUsername = container.lenientString(forKey: .authUsername)
        sipRealm = container.lenientString(forKey: .sipRealm)
        proxy = container.lenientString(forKey: .proxy)
        port = container.lenientInt(forKey: .port)
        transport = container.lenientString(forKey: .transport)
        subscribe = container.lenientBool(forKey: .subscribe)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(aor, forKey: .aor)
        try container.encodeIfPresent(username, forKey: .username)
        try container.encodeIfPresent(authUsername, forKey: .authUsername)
        try container.encodeIfPresent(sipRealm, forKey: .sipRealm)
        try container.encodeIfPresent(proxy, forKey: .proxy)
        try container.encodeIfPresent(port, forKey: .port)
        try container.encodeIfPresent(transport, forKey: .transport)
        try container.encodeIfPresent(subscribe, forKey: .subscribe)
    }
}
