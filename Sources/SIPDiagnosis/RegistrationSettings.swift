/// The account's SIP registration: the platform registers the address of record with the
/// customer's registrar (RFC 3261 section 10), authenticating with the username (and the
/// password, which sipdiag never reads back) in the realm the registrar challenges with.
public struct RegistrationSettings: Sendable, Hashable {
    /// The address of record, `user@domain` (RFC 3261 section 10.2.1).
    public var aor: String
    /// The user part registered.
    public var username: String?
    /// The digest username, when it differs from `username` (RFC 2617 section 3.2.2).
    public var authUsername: String?
    /// The digest realm expected in the challenge (RFC 3261 section 22.1).
    public var realm: String?
    /// The registrar or outbound proxy, as written (`host` or `host:port`).
    public var proxy: String?
    /// The port, when given on its own.
    public var port: Int?
    /// UDP, TCP or TLS as written.
    public var transport: String?

    public init(
        aor: String,
        username: String? = nil,
        authUsername: String? = nil,
        realm: String? = nil,
        proxy: String? = nil,
        port: Int? = nil,
        transport: String? = nil
    ) {
        self.aor = aor
        self.username = username
        self.authUsername = authUsername
        self.realm = realm
        self.proxy = proxy
        self.port = port
        self.transport = transport
    }

    /// The AOR without any `sip:` scheme: `user@domain`.
    public var bareAOR: String {
        let lower = aor.lowercased()
        for scheme in ["sips:", "sip:"] where lower.hasPrefix(scheme) { return String(aor.dropFirst(scheme.count)) }
        return aor
    }

    /// The user part of the AOR, `nil` when it has none.
    public var aorUser: String? {
        guard let at = bareAOR.firstIndex(of: "@") else { return nil }
        return String(bareAOR[..<at])
    }

    /// The domain of the AOR (everything after `@`, without port or parameters).
    public var aorDomain: String {
        let afterAt = bareAOR.split(separator: "@", maxSplits: 1).last.map(String.init) ?? bareAOR
        return RouteTarget(afterAt).host
    }

    /// The digest username the platform should send: `authUsername`, else `username`, else the
    /// AOR's user part.
    public var expectedDigestUsername: String? { authUsername ?? username ?? aorUser }

    /// The registrar as a route: the proxy (with `port` and `transport` applied), else the AOR's
    /// domain.
    public var registrar: RouteTarget {
        var route = RouteTarget(proxy ?? aorDomain)
        if route.port == nil, let port { route.port = port }
        if route.transportName == nil, let transport { route.transportName = transport.lowercased() }
        return route
    }
}
