/// Which way media flows on a stream (RFC 8866 sections 6.7.1 to 6.7.4, RFC 3264 section 5.1).
public enum SDPDirection: String, Hashable, Sendable, CaseIterable, CustomStringConvertible {
    /// Send and receive; the default when no direction attribute is present (RFC 3264 section 5.1).
    case sendrecv
    /// Send only; an offer of `sendonly` on a previously `sendrecv` stream is a hold
    /// (RFC 3264 section 8.4).
    case sendonly
    /// Receive only.
    case recvonly
    /// Neither; placing a `recvonly` stream on hold makes it `inactive` (RFC 3264 section 8.4).
    case inactive

    public var description: String { rawValue }

    /// Whether this direction, in an offer, puts the stream on hold (RFC 3264 section 8.4).
    public var isHold: Bool { self == .sendonly || self == .inactive }
}
