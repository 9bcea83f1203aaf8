/// An outbound route as `POST /api/v2/sip/outboundRoutes` takes it ("IP or domain Required (port
/// and transport optional)", example `1.1.1.1:5060;transport=udp`), checked by
/// ``VidaValidation/checkRoute(_:)``.
///
/// The shape follows the host, port and `transport` parameter of a SIP URI (RFC 3261 section
/// 19.1.1): `host[:port][;transport=udp|tcp|tls]`, with an IPv6 host in brackets.
public struct OutboundRoute: Sendable, Equatable, CustomStringConvertible {
    /// An IPv4 address, an IPv6 address in brackets (`[2001:db8::1]`), or a DNS name, lowercased.
    public var host: String
    /// 1...65535, when given.
    public var port: Int?
    /// `udp`, `tcp` or `tls` (lowercased), when given.
    public var transport: String?

    public init(host: String, port: Int? = nil, transport: String? = nil) {
        self.host = host
        self.port = port
        self.transport = transport
    }

    /// The canonical form sent to the API: `host[:port][;transport=x]`.
    public var description: String {
        var text = host
        if let port { text += ":\(port)" }
        if let transport { text += ";transport=\(transport)" }
        return text
    }
}
