/// The body of `POST /api/v2/sip/registration` (capture-formats.md section 7): `aor`, `username`,
/// `authUsername`, `password`, `sipRealm`, `proxy`, `port` (a number), `transport`, `subscribe`
/// (a boolean). Fields left nil are omitted from the JSON.
///
/// Its `description` never shows the password.
public struct RegistrationRequest: Sendable, Equatable, Encodable, CustomStringConvertible {
    public var aor: String
    public var username: String
    public var authUsername: String?
    public var password: String
    public var sipRealm: String?
    public var proxy: String?
    public var port: Int?
    /// `UDP`, `TCP` or `TLS`.
    public var transport: String?
    public var subscribe: Bool?

    public init(
        aor: String,
        username: String,
        authUsername: String? = nil,
        password: String,
        sipRealm: String? = nil,
        proxy: String? = nil,
        port: Int? = nil,
        transport: String? = nil,
        subscribe: Bool? = nil
    ) {
        self.aor = aor
        self.username = username
        self.authUsername = authUsername
        self.password = password
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
        case password
        case sipRealm
        case proxy
        case port
        case transport
        case subscribe
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(aor, forKey: .aor)
        try container.encode(username, forKey: .username)
        try container.encodeIfPresent(authUsername, forKey: .authUsername)
        try container.encode(password, forKey: .password)
        try container.encodeIfPresent(sipRealm, forKey: .sipRealm)
        try container.encodeIfPresent(proxy, forKey: .proxy)
        try container.encodeIfPresent(port, forKey: .port)
        try container.encodeIfPresent(transport, forKey: .transport)
        try container.encodeIfPresent(subscribe, forKey: .subscribe)
    }

    public var description: String {
        var parts = ["aor: \(aor)", "username: \(username)"]
        if let authUsername { parts.append("authUsername: \(authUsername)") }
        parts.append("password: ***")
        if let sipRealm { parts.append("sipRealm: \(sipRealm)") }
        if let proxy { parts.append("proxy: \(proxy)") }
        if let port { parts.append("port: \(port)") }
        if let transport { parts.append("transport: \(transport)") }
        if let subscribe { parts.append("subscribe: \(subscribe)") }
        return "RegistrationRequest(" + parts.joined(separator: ", ") + ")"
    }
}
