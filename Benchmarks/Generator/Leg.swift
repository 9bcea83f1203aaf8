import SIPCapture

/// How a dialog's messages travel between a user agent and the proxy (the capture point).
enum LegKind: String, CaseIterable {
    case udp4
    case tcp4
    case udp6
    /// UDP over IPv4 with bodies large enough to be IP-fragmented at MTU 1500.
    case udp4Large
    case tcp6
    case ws4
    case sctp4
    /// UDP over IPv6 with large bodies, fragmented with the IPv6 fragment header.
    case udp6Large

    var transport: SIPTransport {
        switch self {
        case .udp4, .udp6, .udp4Large, .udp6Large: .udp
        case .tcp4, .tcp6: .tcp
        case .ws4: .ws
        case .sctp4: .sctp
        }
    }

    var isIPv6: Bool { self == .udp6 || self == .tcp6 || self == .udp6Large }
    var hasLargeBodies: Bool { self == .udp4Large || self == .udp6Large }

    /// The transport token of the Via header (RFC 3261 section 20.42, RFC 7118 section 5.2,
    /// RFC 4168 section 5).
    var viaTransport: String {
        switch transport {
        case .udp: "UDP"
        case .tcp: "TCP"
        case .tls: "TLS"
        case .ws: "WS"
        case .wss: "WSS"
        case .sctp: "SCTP"
        }
    }
}

/// One dialog's path: the user agent's and the proxy's endpoints and how they talk.
struct Leg {
    var kind: LegKind
    var userAgent: Endpoint
    var proxy: Endpoint

    /// What the user agent writes in Via and Contact: its address, or for WebSocket clients
    /// the made-up `.invalid` host of RFC 7118 section 5.2, since browsers cannot know theirs.
    var userAgentHost: String {
        kind == .ws4 ? "df7jal23ls0d.invalid" : userAgent.description
    }

    /// The `;transport=` URI parameter for non-UDP transports (RFC 3261 section 19.1.1).
    var transportParameter: String {
        kind.transport == .udp ? "" : ";transport=\(kind.viaTransport.lowercased())"
    }

    /// The SDP connection address (RFC 4566 section 5.7).
    var mediaAddress: String {
        kind.isIPv6 ? "IP6 \(userAgent.address)" : "IP4 \(userAgent.address)"
    }
}
