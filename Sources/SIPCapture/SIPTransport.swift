/// The transport a SIP message crossed, as far as the capture can tell.
///
/// RFC 3261 section 18 (UDP, TCP, TLS), RFC 4168 (SCTP) and RFC 7118 (WebSocket).
public enum SIPTransport: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    case udp
    case tcp
    case tls
    case ws
    case wss
    case sctp

    public var description: String { rawValue }

    /// Whether the transport is a byte stream, so that messages are framed by Content-Length
    /// (RFC 3261 section 18.3).
    public var isStream: Bool { self != .udp }
}
